// Local checks of one pp* call, agreed across ranks before any data moves.
#include "pp_internal.hpp"

#include <cstdint>
#include <cmath>
#include <stdexcept>
#include <string>

namespace pargist::plot::pp {

namespace {

std::string local_problem(const Particles& p, const PlotOptions& o) {
  const std::size_t n = p.x.size;
  auto length = [&](const reduce::ArrayView& a, const char* name) -> std::string {
    if (a.size != n) {
      return std::string("pp: ") + name + " has " + std::to_string(a.size) + " elements but x has " +
             std::to_string(n);
    }
    return {};
  };
  if (auto e = length(p.y, "y"); !e.empty()) return e;
  if (p.weights) {
    if (auto e = length(*p.weights, "weights"); !e.empty()) return e;
  }
  if (p.zz) {
    if (auto e = length(*p.zz, "zz"); !e.empty()) return e;
  }
  if (p.selection.mask && p.selection.mask->size != n) return "pp: the selection mask's length differs from x's";
  for (const auto& w : p.selection.windows) {
    if (w.values.size != n) return "pp: a selection window's array length differs from x's";
  }
  if (p.selection.indices) {
    for (std::size_t i : *p.selection.indices) {
      if (i >= n) return "pp: index " + std::to_string(i) + " out of range for " + std::to_string(n) + " particles";
    }
  }
  if (o.nx == 0 || o.ny == 0) return "pp: nx and ny must be >= 1";
  if (o.nx * o.ny > (std::size_t(1) << 26)) return "pp: nx*ny too large for a plot grid";
  if (o.contours < 0) return "pp: contours must be >= 0";
  if (o.maxpoints == 0) return "pp: maxpoints must be >= 1";
  if (o.msize <= 0) return "pp: msize must be > 0";
  if (o.cmin && o.cmax && !(*o.cmax > *o.cmin)) return "pp: cmax must be greater than cmin";
  if (o.pplimits) {
    const auto& l = *o.pplimits;
    for (double v : l) {
      if (!std::isfinite(v)) return "pp: pplimits must be finite";
    }
    if (!(l[1] > l[0]) || !(l[3] > l[2])) return "pp: pplimits must have xmin < xmax and ymin < ymax";
  }
  return {};
}

// A fingerprint of the options that decide which collectives run: ranks that
// disagree on them would wait in different collectives.
std::int64_t shape_key(const PlotOptions& o) {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::uint64_t v) { h = (h ^ v) * 1099511628211ull; };
  mix(o.nx), mix(o.ny), mix(static_cast<std::uint64_t>(o.contours)), mix(o.filled), mix(o.cellarray);
  mix(o.color_density), mix(o.maxpoints), mix(o.thin_to), mix(o.seed), mix(static_cast<std::uint64_t>(o.root));
  mix(o.pplimits.has_value()), mix(static_cast<std::uint64_t>(o.method));
  return static_cast<std::int64_t>(h >> 1);
}

}  // namespace

void validate(const reduce::Comm& comm, const Particles& particles, const PlotOptions& options) {
  if (options.root < 0 || options.root >= comm.size()) {
    throw std::invalid_argument("pp: root rank " + std::to_string(options.root) + " out of range");
  }
  std::string problem = local_problem(particles, options);
  const bool has_weights = particles.weights.has_value(), has_zz = particles.zz.has_value();
  comm.check(problem.empty(), problem);
  const std::int64_t key = shape_key(options) ^ (has_weights ? 2 : 0) ^ (has_zz ? 4 : 0);
  if (!comm.same_everywhere(key)) {
    throw std::invalid_argument(
        "pp: the ranks passed different plot options (nx, ny, contours, weights, zz, maxpoints...); "
        "a pp* call must be the same on every rank");
  }
}

}  // namespace pargist::plot::pp
