// Warp's density cell array in one collective call (see pp.hpp): the same
// steps as pargist/_ppgeneric.py's general path for that frame, in the same
// order and the same arithmetic, so the grid and the picture are the same
// bytes; what it saves is Python's per-step bookkeeping and root's extra
// passes over the cells (a transposed copy, min and max apart, pli's copy).
#include "pp_internal.hpp"

#include <pargist/reduce/limits.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>

namespace pargist::plot::pp {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

std::string bytes_of(const std::array<double, 4>& v) {
  return std::string(reinterpret_cast<const char*>(v.data()), sizeof(v));
}

std::array<double, 4> doubles_of(const std::string& bytes) {
  std::array<double, 4> v{};
  std::memcpy(v.data(), bytes.data(), sizeof(v));
  return v;
}

// A double as Python's repr writes it (for messages that read as the
// Python layer's do): the shortest round trip, ".0" on whole numbers.
std::string repr(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char text[64];
  const auto end = std::to_chars(text, text + sizeof text, v).ptr;
  std::string s(text, end);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

// The view's fixed sides: root's current limits (a zoom, limits()) where
// they are not automatic, replaced by lframe's pplimits; NaN where automatic.
// Root's outcome, sides or error, reaches every rank.
std::array<double, 4> view_sides(const reduce::Comm& comm, const NodeDensityOptions& o) {
  auto v = doubles_of(comm.on_root(o.root, [] {
    std::array<double, 4> s{kNaN, kNaN, kNaN, kNaN};
    const Limits l = current_limits();
    if (!l.auto_xmin) s[0] = l.xmin;
    if (!l.auto_xmax) s[1] = l.xmax;
    if (!l.auto_ymin) s[2] = l.ymin;
    if (!l.auto_ymax) s[3] = l.ymax;
    return bytes_of(s);
  }));
  for (int k = 0; k < 4; ++k) {
    if (!std::isnan(o.frame_limits[k])) v[k] = o.frame_limits[k];
  }
  return v;
}

// Warp's grid extent: fixed sides as given; when both sides of an axis are
// automatic, the data's extremes widened by a cell on each side (Warp's
// formula), or +-1 around a single value.
std::array<double, 4> warp_extent(std::array<double, 4> ext, const std::vector<reduce::Extent>& found,
                                  std::size_t nx, std::size_t ny) {
  for (int axis = 0; axis < 2; ++axis) {
    double lo = found[axis].min, hi = found[axis].max;
    if (!std::isfinite(lo)) lo = hi = 0.0;
    const double n = double(std::max<long>(long(axis ? ny : nx) - 2, 1));
    double& a = ext[2 * axis];
    double& b = ext[2 * axis + 1];
    if (std::isnan(a) && std::isnan(b)) {
      double lo2 = lo - (hi - lo) / n;
      double hi2 = hi + (hi - lo2) / n;
      if (lo2 == hi2) lo2 -= 1.0, hi2 += 1.0;
      a = lo2, b = hi2;
    } else {
      if (std::isnan(a)) a = lo;
      if (std::isnan(b)) b = hi;
      if (!(b > a)) {
        throw std::invalid_argument(std::string("ppgeneric: empty plot range along ") + "xy"[axis] + " (" +
                                    repr(a) + " .. " + repr(b) + ")");
      }
    }
  }
  return ext;
}

// Warp's ctop: cmax moved so that the data's maximum takes palette colour ctop.
double palette_top(int ctop, double cmin, double cmax) {
  const long ncol = std::max<long>(long(current_palette().colors.size()), 2);
  const long top = std::min<long>(ctop, ncol - 1);
  if (top >= ncol - 1 || cmax == cmin) return cmax;
  return cmin + (cmax - cmin) * double(ncol - 1) / double(top);
}

// numpy's min() and max() of the grid in one pass: NaN when a cell is NaN
// (weights of opposite infinite sums). Four chains each, so the pass runs at
// the speed of memory rather than at the latency of one compare chain.
std::pair<double, double> min_max(const std::vector<double>& v) {
  double lo[4] = {kInf, kInf, kInf, kInf}, hi[4] = {-kInf, -kInf, -kInf, -kInf};
  bool nan = false;
  std::size_t i = 0;
  for (; i + 4 <= v.size(); i += 4) {
    for (int k = 0; k < 4; ++k) {
      const double x = v[i + std::size_t(k)];
      lo[k] = x < lo[k] ? x : lo[k];
      hi[k] = x > hi[k] ? x : hi[k];
      nan |= x != x;
    }
  }
  for (; i < v.size(); ++i) {
    lo[0] = v[i] < lo[0] ? v[i] : lo[0];
    hi[0] = v[i] > hi[0] ? v[i] : hi[0];
    nan |= v[i] != v[i];
  }
  if (nan) return {kNaN, kNaN};
  return {std::min({lo[0], lo[1], lo[2], lo[3]}), std::max({hi[0], hi[1], hi[2], hi[3]})};
}

// Root's drawing: the colour scale in one pass, then the grid handed to pli
// as it was deposited (values[iy * (nx+1) + ix] is pli's z[iy, ix]).
std::array<double, 2> draw_cells(std::vector<double>&& values, const std::array<double, 4>& ext, double dx,
                                 double dy, const NodeDensityOptions& o) {
  const auto [lo, hi] = min_max(values);
  const double cmin = o.cmin ? *o.cmin : lo, cmax = o.cmax ? *o.cmax : hi;
  const auto [xmin, xmax, ymin, ymax] = ext;
  double x0 = xmin, y0 = ymin, x1 = xmax, y1 = ymax;
  if (o.centering == NodeDensityOptions::Centering::node) {
    x1 = xmax + dx, y1 = ymax + dy;
  } else if (o.centering == NodeDensityOptions::Centering::cell) {
    x0 = xmin - dx / 2, y0 = ymin - dy / 2, x1 = xmax + dx / 2, y1 = ymax + dy / 2;
  }
  ColorScaleOptions scale;
  scale.cmin = cmin;
  scale.cmax = palette_top(o.ctop, cmin, cmax);
  // Worded as the Python layer's pli check words it (cells summing to Inf).
  for (const auto& [name, v] : {std::pair{"cmin", *scale.cmin}, std::pair{"cmax", *scale.cmax}}) {
    if (!std::isfinite(v)) throw std::invalid_argument(std::string("pargist: pli: ") + name + " is not finite");
  }
  pli(Grid{std::move(values), o.nx + 1, o.ny + 1}, x0, y0, x1, y1, scale);
  return {cmin, cmax};
}

}  // namespace

NodeDensityResult node_density_cellarray(const reduce::Comm& comm, const Particles& particles,
                                         const NodeDensityOptions& o) {
  if (o.nx < 2 || o.ny < 2) throw std::invalid_argument("node_density_cellarray: nx and ny must be >= 2");
  const auto sides = view_sides(comm, o);
  reduce::Selection sel = particles.selection;
  const reduce::ArrayView axes[2] = {particles.x, particles.y};
  // The fixed sides select the particles, edges included (windows are strict).
  for (int axis = 0; axis < 2; ++axis) {
    const double lo = sides[2 * axis], hi = sides[2 * axis + 1];
    if (std::isnan(lo) && std::isnan(hi)) continue;
    sel.within(axes[axis], std::isnan(lo) ? -kInf : std::nextafter(lo, -kInf),
               std::isnan(hi) ? kInf : std::nextafter(hi, kInf));
  }
  const auto found = reduce::limits(comm, {particles.x, particles.y}, sel, 0.0);
  NodeDensityResult result;
  result.selected = found[0].count;
  std::array<double, 4> given = sides;
  for (int k = 0; k < 4; ++k) {
    if (!std::isnan(o.grid_sides[k])) given[k] = o.grid_sides[k];
  }
  if (result.selected == 0) {
    result.extent = given;
    return result;
  }
  const auto ext = warp_extent(given, found, o.nx, o.ny);
  result.extent = ext;
  const double dx = (ext[1] - ext[0]) / double(o.nx), dy = (ext[3] - ext[2]) / double(o.ny);
  // Only the particles in [min, max) of each axis count. The grid's own
  // range is half a cell wider, so a window keeps the others out; it is a
  // test per particle and takes the deposit off its fast path, so it is
  // only added when some selected particle lies outside (with an extent
  // made from the data, the default, none does).
  for (int axis = 0; axis < 2; ++axis) {
    const double lo = ext[2 * axis], hi = ext[2 * axis + 1];
    if (!(found[axis].min >= lo && found[axis].max < hi)) sel.within(axes[axis], std::nextafter(lo, -kInf), hi);
  }
  reduce::DepositOptions dep;
  dep.method = o.method;
  dep.weights = particles.weights;
  dep.selection = sel;
  dep.root = o.root;
  const reduce::Axis ax{o.nx + 1, ext[0] - dx / 2, ext[1] + dx / 2};
  const reduce::Axis ay{o.ny + 1, ext[2] - dy / 2, ext[3] + dy / 2};
  reduce::Grid2D grid = reduce::histogram2d(comm, particles.x, particles.y, ax, ay, dep);
  const std::string scale = comm.on_root(o.root, [&] {
    const auto s = draw_cells(std::move(grid.values), ext, dx, dy, o);
    if (o.decoration) draw_warp_decoration(s[0], s[1], *o.decoration);
    return std::string(reinterpret_cast<const char*>(s.data()), sizeof(s));
  });
  double cs[2];
  std::memcpy(cs, scale.data(), sizeof(cs));
  result.cmin = cs[0], result.cmax = cs[1];
  return result;
}

}  // namespace pargist::plot::pp
