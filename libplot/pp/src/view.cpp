// Which part of the plane a pp* plot shows and deposits over: decided by
// root (its pplimits, or its current system's limits, which carry the live
// window's zoom), broadcast, then completed with the data's global extremes.
#include "pp_internal.hpp"

#include <pargist/reduce/limits.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>

namespace pargist::plot::pp {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Root's request: 4 sides, NaN where automatic.
std::array<double, 4> root_request(const PlotOptions& options) {
  std::array<double, 4> v{kNaN, kNaN, kNaN, kNaN};
  if (options.pplimits) {
    v = *options.pplimits;
  } else {
    const Limits l = current_limits();
    if (!l.auto_xmin) v[0] = l.xmin;
    if (!l.auto_xmax) v[1] = l.xmax;
    if (!l.auto_ymin) v[2] = l.ymin;
    if (!l.auto_ymax) v[3] = l.ymax;
  }
  const double given[4] = {options.xmin, options.xmax, options.ymin, options.ymax};
  for (int k = 0; k < 4; ++k) {
    if (std::isfinite(given[k])) v[k] = given[k];
  }
  return v;
}

}  // namespace

View resolve_view(const reduce::Comm& comm, const Particles& particles, const PlotOptions& options) {
  // Root-side failures (e.g. no such coordinate system) reach every rank.
  const std::string request = comm.on_root(options.root, [&] {
    try {
      const auto v = root_request(options);
      return std::string(reinterpret_cast<const char*>(v.data()), sizeof(v));
    } catch (const std::exception& e) {
      throw std::invalid_argument("pp: " + std::string(e.what()));
    }
  });
  View view;
  std::memcpy(view.limits.data(), request.data(), sizeof(view.limits));
  for (int k = 0; k < 4; ++k) view.fixed[k] = std::isfinite(view.limits[k]);

  if (!(view.fixed[0] && view.fixed[1] && view.fixed[2] && view.fixed[3])) {
    const auto ext = reduce::limits(comm, {particles.x, particles.y}, within_view(particles, view));
    for (int axis = 0; axis < 2; ++axis) {
      const auto& e = ext[static_cast<std::size_t>(axis)];
      double lo = e.empty() ? 0.0 : e.min, hi = e.empty() ? 1.0 : e.max;
      if (!view.fixed[2 * axis]) view.limits[2 * axis] = lo;
      if (!view.fixed[2 * axis + 1]) view.limits[2 * axis + 1] = hi;
    }
  }
  // A degenerate view (one point, or min == max) gets a unit width, as numpy.
  for (int axis = 0; axis < 2; ++axis) {
    double& lo = view.limits[2 * axis];
    double& hi = view.limits[2 * axis + 1];
    // Numbers near the top of double's range: their extent has no finite
    // width, so no grid or axis can be laid over it (every rank sees the
    // same extent and refuses alike).
    if (std::isfinite(lo) && std::isfinite(hi) && !std::isfinite(hi - lo)) {
      char text[160];
      std::snprintf(text, sizeof text, "pp: the %s extent %.3g .. %.3g is wider than the largest double",
                    axis ? "y" : "x", lo, hi);
      throw std::invalid_argument(std::string(text) + "; give pplimits= or the grid's sides (xmin=...)");
    }
    if (!(hi > lo)) {
      if (view.fixed[2 * axis] && view.fixed[2 * axis + 1]) {
        throw std::invalid_argument("pp: empty view along " + std::string(axis ? "y" : "x") + " (" +
                                    std::to_string(lo) + " .. " + std::to_string(hi) + ")");
      }
      const double mid = 0.5 * (lo + hi);
      lo = mid - 0.5, hi = mid + 0.5;
    }
  }
  return view;
}

reduce::Selection within_view(const Particles& particles, const View& view) {
  reduce::Selection sel = particles.selection;
  const double inf = std::numeric_limits<double>::infinity();
  // Windows are strict (lo < v < hi): widen by one ulp to keep the edges.
  auto side = [&](int k, double fallback) {
    if (!view.fixed[k]) return fallback;
    return std::nextafter(view.limits[k], fallback);
  };
  if (view.fixed[0] || view.fixed[1]) sel.within(particles.x, side(0, -inf), side(1, inf));
  if (view.fixed[2] || view.fixed[3]) sel.within(particles.y, side(2, -inf), side(3, inf));
  // An explicit index list overrides the other criteria in reduce: apply
  // the windows to it here (a pass over the list, not over the particles).
  if (sel.indices && !sel.windows.empty()) {
    auto kept = std::make_shared<std::vector<std::size_t>>();
    for (std::size_t i : *sel.indices) {
      bool inside = true;
      for (const auto& w : sel.windows) {
        const double v = w.values[i];
        inside = inside && (v > w.lo && v < w.hi);
      }
      if (inside) kept->push_back(i);
    }
    sel.indices = std::move(kept);
  }
  return sel;
}

}  // namespace pargist::plot::pp
