// Automatic limits from the data, Gist's nice/square/restrict flags, and
// the world <-> NDC transform of a system.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "pargist/libplot/axes.hpp"
#include "pargist/libplot/pl3d.hpp"
#include "simd_paths.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pargist::plot {

namespace {

// Points i..n-1 into the extent, one at a time; a point not finite in x or
// y sets nothing.
void extent_tail(const double* px, const double* py, std::size_t i, std::size_t n, double& x0, double& x1,
                 double& y0, double& y1) {
  const double big = std::numeric_limits<double>::max();
  for (; i < n; ++i) {
    const double a = px[i], b = py[i];
    const bool ok = std::fabs(a) <= big && std::fabs(b) <= big;  // false for NaN and Inf
    x0 = ok && a < x0 ? a : x0;
    x1 = ok && a > x1 ? a : x1;
    y0 = ok && b < y0 ? b : y0;
    y1 = ok && b > y1 ? b : y1;
  }
}

#if PARGIST_AVX2_PATHS
// The zero (+0 or -0) that the two-at-a-time pass in Extent::points gives
// as the extreme of v (an extreme of zero; `other` the points' other
// coordinates), starting from `initial`: each lane keeps the first of
// equal values it meets, lane 0 (the even points) wins a tie, and the
// tail after the pairs comes last.
double zero_as_in_pairs(const double* v, const double* other, std::size_t n, double initial) {
  if (initial == 0) return initial;
  const double big = std::numeric_limits<double>::max();
  auto zero_at = [&](std::size_t i) { return v[i] == 0 && std::fabs(other[i]) <= big; };
  const std::size_t pairs = n & ~std::size_t(1);
  for (std::size_t lane = 0; lane < 2; ++lane)
    for (std::size_t i = lane; i < pairs; i += 2)
      if (zero_at(i)) return v[i];
  for (std::size_t i = pairs; i < n; ++i)
    if (zero_at(i)) return v[i];
  return 0.0;  // not reached: the extreme is one of the points
}

// The SSE2 pass's lanes (below), four to a register; returns how many
// points it took (a multiple of 4).
__attribute__((target("avx2"))) std::size_t extent_avx2(const double* px, const double* py, std::size_t n,
                                                        double& x0, double& x1, double& y0, double& y1) {
  const __m256d inf = _mm256_set1_pd(std::numeric_limits<double>::infinity()), sign = _mm256_set1_pd(-0.0);
  __m256d lx = _mm256_set1_pd(x0), hx = _mm256_set1_pd(x1), ly = _mm256_set1_pd(y0), hy = _mm256_set1_pd(y1);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d a = _mm256_loadu_pd(px + i), b = _mm256_loadu_pd(py + i);
    const __m256d bad = _mm256_or_pd(_mm256_cmp_pd(_mm256_andnot_pd(sign, a), inf, _CMP_NLT_UQ),
                                     _mm256_cmp_pd(_mm256_andnot_pd(sign, b), inf, _CMP_NLT_UQ));
    const __m256d ka = _mm256_or_pd(a, bad), kb = _mm256_or_pd(b, bad);
    lx = _mm256_min_pd(ka, lx), hx = _mm256_max_pd(ka, hx);
    ly = _mm256_min_pd(kb, ly), hy = _mm256_max_pd(kb, hy);
  }
  double l[4], h[4], m[4], k[4];
  _mm256_storeu_pd(l, lx), _mm256_storeu_pd(h, hx), _mm256_storeu_pd(m, ly), _mm256_storeu_pd(k, hy);
  for (int j = 0; j < 4; ++j) {
    x0 = l[j] < x0 ? l[j] : x0, x1 = h[j] > x1 ? h[j] : x1;
    y0 = m[j] < y0 ? m[j] : y0, y1 = k[j] > y1 ? k[j] : y1;
  }
  return i;
}
#endif

struct Extent {
  bool log_x, log_y;
  const Limits* restrict_to;
  double xmin = std::numeric_limits<double>::infinity(), xmax = -xmin;
  double ymin = xmin, ymax = -xmin;
  bool any_x = false, any_y = false;

  bool x_ok(double x) const { return std::isfinite(x) && (!log_x || x > 0); }
  bool y_ok(double y) const { return std::isfinite(y) && (!log_y || y > 0); }
  bool inside_x(double x) const {
    if (!restrict_to) return true;
    const double a = std::min(restrict_to->xmin, restrict_to->xmax);
    const double b = std::max(restrict_to->xmin, restrict_to->xmax);
    return x >= a && x <= b;
  }
  // A point that cannot be drawn (NaN/Inf, or <= 0 on a log axis) sets no limit.
  void point(double x, double y) {
    if (!x_ok(x) || !y_ok(y)) return;
    xmin = std::min(xmin, x); xmax = std::max(xmax, x); any_x = true;
    if (!restrict_to || inside_x(x)) {
      ymin = std::min(ymin, y); ymax = std::max(ymax, y); any_y = true;
    }
  }
  void points(const std::vector<double>& x, const std::vector<double>& y) {
    const std::size_t n = std::min(x.size(), y.size());
    if (log_x || log_y || restrict_to) {
      for (std::size_t i = 0; i < n; ++i) point(x[i], y[i]);
      return;
    }
    // Linear axes, nothing restricted (every new page of a big curve or
    // scatter): a pass without branches.
    double x0 = xmin, x1 = xmax, y0 = ymin, y1 = ymax;
    const double *px = x.data(), *py = y.data();
    std::size_t i = 0;
#if PARGIST_AVX2_PATHS
    // Four points at a time where the CPU can. The extremes are the same
    // values; only a zero's sign depends on which of equal values a lane
    // kept first: an extreme of zero takes the sign the two-at-a-time
    // pass gives it.
    if (detail::use_avx2()) {
      const double a0 = x0, a1 = x1, b0 = y0, b1 = y1;
      extent_tail(px, py, extent_avx2(px, py, n, x0, x1, y0, y1), n, x0, x1, y0, y1);
      if (x0 == 0) x0 = zero_as_in_pairs(px, py, n, a0);
      if (x1 == 0) x1 = zero_as_in_pairs(px, py, n, a1);
      if (y0 == 0) y0 = zero_as_in_pairs(py, px, n, b0);
      if (y1 == 0) y1 = zero_as_in_pairs(py, px, n, b1);
      i = n;
    }
#endif
#if defined(__SSE2__)
    // Two points at a time (the compiler does not vectorise the loop
    // below). A lane whose point is not finite in x or y is made NaN, which
    // _mm_min_pd / _mm_max_pd pass over (they return their second operand,
    // the extent so far, when the first is NaN; on ties too, as `<` keeps
    // the old value): the same extent as point by point.
    if (i < n) {
      const __m128d inf = _mm_set1_pd(std::numeric_limits<double>::infinity()), sign = _mm_set1_pd(-0.0);
      __m128d lx = _mm_set1_pd(x0), hx = _mm_set1_pd(x1), ly = _mm_set1_pd(y0), hy = _mm_set1_pd(y1);
      for (; i + 2 <= n; i += 2) {
        const __m128d a = _mm_loadu_pd(px + i), b = _mm_loadu_pd(py + i);
        // All ones (a NaN) in the lanes where |a| or |b| is not below Inf.
        const __m128d bad = _mm_or_pd(_mm_cmpnlt_pd(_mm_andnot_pd(sign, a), inf),
                                      _mm_cmpnlt_pd(_mm_andnot_pd(sign, b), inf));
        const __m128d ka = _mm_or_pd(a, bad), kb = _mm_or_pd(b, bad);
        lx = _mm_min_pd(ka, lx), hx = _mm_max_pd(ka, hx);
        ly = _mm_min_pd(kb, ly), hy = _mm_max_pd(kb, hy);
      }
      double l[2], h[2];
      _mm_storeu_pd(l, lx), _mm_storeu_pd(h, hx);
      x0 = l[1] < l[0] ? l[1] : l[0], x1 = h[1] > h[0] ? h[1] : h[0];
      _mm_storeu_pd(l, ly), _mm_storeu_pd(h, hy);
      y0 = l[1] < l[0] ? l[1] : l[0], y1 = h[1] > h[0] ? h[1] : h[0];
    }
#endif
    extent_tail(px, py, i, n, x0, x1, y0, y1);
    if (x0 <= x1) {
      xmin = x0, xmax = x1, ymin = y0, ymax = y1;
      any_x = any_y = true;
    }
  }

  void add(const Element& e) {
    std::visit([this](const auto& el) { add_one(el); }, e);
  }
  void add_one(const Lines& l) { points(l.x, l.y); }
  void add_one(const Disjoint& d) { points(d.x0, d.y0); points(d.x1, d.y1); }
  void add_one(const Text&) {}  // text never sets limits (as Gist)
  void add_one(const Mesh& m) { points(m.mesh.x, m.mesh.y); }
  void add_one(const FillMesh& m) { points(m.mesh.x, m.mesh.y); }
  void add_one(const Contours& c) { points(c.mesh.x, c.mesh.y); }
  void add_one(const Cells& c) { point(c.x0, c.y0); point(c.x1, c.y1); }
  void add_one(const Polys& p) {
    if (!polys_are_markers(p)) return points(p.x, p.y);
    // The marker shape is in NDC: only the points it is drawn at count.
    const std::vector<double> x(p.x.begin() + std::ptrdiff_t(p.n[0]), p.x.end());
    const std::vector<double> y(p.y.begin() + std::ptrdiff_t(p.n[0]), p.y.end());
    points(x, y);
  }
  void add_one(const Vectors& v) { points(v.x, v.y); }
  void add_one(const Scene3& s) {
    for (const Bounds2& b : scene3_bounds(s)) {
      point(b.xmin, b.ymin);
      point(b.xmax, b.ymax);
    }
  }
};

// Widens a zero-size automatic range so that it has a scale.
void widen(double& lo, double& hi, bool log) {
  if (lo != hi) return;
  if (log) { lo /= 1.1; hi *= 1.1; return; }
  const double d = lo != 0 ? 0.01 * std::fabs(lo) : 0.01;
  lo -= d;
  hi += d;
}

void nice_round(double& lo, double& hi, bool auto_lo, bool auto_hi, bool log) {
  double a = log ? std::log10(lo) : lo, b = log ? std::log10(hi) : hi;
  const bool flip = a > b;
  if (flip) std::swap(a, b);
  const double unit = nice_unit((b - a) / 7.5);
  if (auto_lo != flip ? auto_lo : auto_hi) a = std::floor(a / unit) * unit;
  if (auto_hi != flip ? auto_hi : auto_lo) b = std::ceil(b / unit) * unit;
  if (flip) std::swap(a, b);
  lo = log ? std::pow(10.0, a) : a;
  hi = log ? std::pow(10.0, b) : b;
}

void check_span(double lo, double hi, bool log, const char* axis) {
  if (log || std::isfinite(hi - lo)) return;
  char text[200];
  std::snprintf(text, sizeof text,
                "pargist: the %s limits %.3g .. %.3g are wider apart than the largest double; set limits() "
                "within it",
                axis, lo, hi);
  throw std::invalid_argument(text);
}

void check_fixed(double v, bool log, const char* name) {
  if (!std::isfinite(v))
    throw std::invalid_argument(std::string("pargist: limit ") + name + " is not finite");
  if (log && !(v > 0))
    throw std::invalid_argument(std::string("pargist: limit ") + name + " must be > 0 on a log axis");
}

}  // namespace

bool data_extent(const CoordSystem& system, bool log_x, bool log_y, Box& extent, const Limits* restrict_to) {
  Extent ext{log_x, log_y, restrict_to};
  for (const auto& e : system.elements)
    if (!element_info(e).hide) ext.add(e);
  if (!ext.any_x && !ext.any_y) return false;
  extent = {ext.any_x ? ext.xmin : std::numeric_limits<double>::quiet_NaN(),
            ext.any_x ? ext.xmax : std::numeric_limits<double>::quiet_NaN(),
            ext.any_y ? ext.ymin : std::numeric_limits<double>::quiet_NaN(),
            ext.any_y ? ext.ymax : std::numeric_limits<double>::quiet_NaN()};
  return true;
}

Limits resolve_limits(const CoordSystem& system) {
  Limits out = system.limits;
  const Limits& in = system.limits;
  if (!in.auto_xmin) check_fixed(in.xmin, in.log_x, "xmin");
  if (!in.auto_xmax) check_fixed(in.xmax, in.log_x, "xmax");
  if (!in.auto_ymin) check_fixed(in.ymin, in.log_y, "ymin");
  if (!in.auto_ymax) check_fixed(in.ymax, in.log_y, "ymax");
  if (!in.auto_xmin && !in.auto_xmax && in.xmin == in.xmax)
    throw std::invalid_argument("pargist: x limits have zero size (xmin == xmax == " +
                                std::to_string(in.xmin) + ")");
  if (!in.auto_ymin && !in.auto_ymax && in.ymin == in.ymax)
    throw std::invalid_argument("pargist: y limits have zero size (ymin == ymax == " +
                                std::to_string(in.ymin) + ")");

  const bool any_auto = in.auto_xmin || in.auto_xmax || in.auto_ymin || in.auto_ymax;
  Box ext{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
          std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  if (any_auto) {
    const bool restrict_y = in.restrict && !in.auto_xmin && !in.auto_xmax;
    data_extent(system, in.log_x, in.log_y, ext, restrict_y ? &in : nullptr);
  }
  const double def_lo_x = in.log_x ? 1.0 : 0.0, def_hi_x = in.log_x ? 10.0 : 1.0;
  const double def_lo_y = in.log_y ? 1.0 : 0.0, def_hi_y = in.log_y ? 10.0 : 1.0;
  const bool have_x = std::isfinite(ext.xmin), have_y = std::isfinite(ext.ymin);
  if (in.auto_xmin) out.xmin = have_x ? ext.xmin : (in.auto_xmax ? def_lo_x : out.xmax - 1.0);
  if (in.auto_xmax) out.xmax = have_x ? ext.xmax : (in.auto_xmin ? def_hi_x : out.xmin + 1.0);
  if (in.auto_ymin) out.ymin = have_y ? ext.ymin : (in.auto_ymax ? def_lo_y : out.ymax - 1.0);
  if (in.auto_ymax) out.ymax = have_y ? ext.ymax : (in.auto_ymin ? def_hi_y : out.ymin + 1.0);

  // An automatic side that ends up on the wrong side of a fixed one, or a
  // one-point range: make room on the automatic side.
  auto fix_range = [](double& lo, double& hi, bool auto_lo, bool auto_hi, bool log) {
    if (lo == hi) {
      if (auto_lo && auto_hi) widen(lo, hi, log);
      else if (auto_lo) lo = log ? hi / 10 : hi - (hi != 0 ? 0.01 * std::fabs(hi) : 0.01);
      else hi = log ? lo * 10 : lo + (lo != 0 ? 0.01 * std::fabs(lo) : 0.01);
    }
  };
  fix_range(out.xmin, out.xmax, in.auto_xmin, in.auto_xmax, in.log_x);
  fix_range(out.ymin, out.ymax, in.auto_ymin, in.auto_ymax, in.log_y);

  // Gist: square limits first (not for semi-log axes), then nice ones.
  // Only automatic sides move: y is set to the width's scale when it is
  // the narrower one and has an automatic side, or when x is fixed on both
  // sides; x otherwise. A side fixed on both ends never moves.
  if (in.square && in.log_x == in.log_y) {
    const Box& vp = system.viewport;
    const double vw = std::fabs(vp.xmax - vp.xmin), vh = std::fabs(vp.ymax - vp.ymin);
    if (vw > 0 && vh > 0) {
      auto span = [](double lo, double hi, bool log) { return log ? std::log10(hi / lo) : hi - lo; };
      // Sets the range of [lo, hi] (either order) to `range`, moving its automatic ends.
      auto set_range = [](double& lo, double& hi, double range, bool auto_lo, bool auto_hi, bool log) {
        const bool flip = hi < lo;
        double a = flip ? hi : lo, b = flip ? lo : hi;
        const bool move_a = flip ? auto_hi : auto_lo, move_b = flip ? auto_lo : auto_hi;
        if (log) { a = std::log10(a); b = std::log10(b); }
        if (move_a) {
          if (move_b) b = 0.5 * (a + b + range);
          a = b - range;
        } else if (move_b) {
          b = a + range;
        }
        if (log) { a = std::pow(10.0, a); b = std::pow(10.0, b); }
        lo = flip ? b : a;
        hi = flip ? a : b;
      };
      const double dx = std::fabs(span(out.xmin, out.xmax, in.log_x));
      const double dy = std::fabs(span(out.ymin, out.ymax, in.log_y));
      const double dydx = vh / vw;
      const bool auto_y = in.auto_ymin || in.auto_ymax, auto_x = in.auto_xmin || in.auto_xmax;
      if ((dx * dydx > dy && auto_y) || !auto_x)
        set_range(out.ymin, out.ymax, dx * dydx, in.auto_ymin, in.auto_ymax, in.log_y);
      else
        set_range(out.xmin, out.xmax, dy / dydx, in.auto_xmin, in.auto_xmax, in.log_x);
    }
  }
  if (in.nice) {
    nice_round(out.xmin, out.xmax, in.auto_xmin, in.auto_xmax, in.log_x);
    nice_round(out.ymin, out.ymax, in.auto_ymin, in.auto_ymax, in.log_y);
  }
  // Numbers near the top of double's range: limits whose width overflows
  // map every point to one spot (a blank plot); say so instead.
  check_span(out.xmin, out.xmax, out.log_x, "x");
  check_span(out.ymin, out.ymax, out.log_y, "y");
  return out;
}

double Transform::ndc_x(double wx) const {
  if (limits.log_x) {
    const double a = std::log10(limits.xmin), b = std::log10(limits.xmax);
    return viewport.xmin + (std::log10(wx) - a) * (viewport.xmax - viewport.xmin) / (b - a);
  }
  return viewport.xmin + (wx - limits.xmin) * (viewport.xmax - viewport.xmin) / (limits.xmax - limits.xmin);
}

double Transform::ndc_y(double wy) const {
  if (limits.log_y) {
    const double a = std::log10(limits.ymin), b = std::log10(limits.ymax);
    return viewport.ymin + (std::log10(wy) - a) * (viewport.ymax - viewport.ymin) / (b - a);
  }
  return viewport.ymin + (wy - limits.ymin) * (viewport.ymax - viewport.ymin) / (limits.ymax - limits.ymin);
}

double Transform::world_x(double nx) const {
  const double t = (nx - viewport.xmin) / (viewport.xmax - viewport.xmin);
  if (limits.log_x) {
    const double a = std::log10(limits.xmin), b = std::log10(limits.xmax);
    return std::pow(10.0, a + t * (b - a));
  }
  return limits.xmin + t * (limits.xmax - limits.xmin);
}

double Transform::world_y(double ny) const {
  const double t = (ny - viewport.ymin) / (viewport.ymax - viewport.ymin);
  if (limits.log_y) {
    const double a = std::log10(limits.ymin), b = std::log10(limits.ymax);
    return std::pow(10.0, a + t * (b - a));
  }
  return limits.ymin + t * (limits.ymax - limits.ymin);
}

Transform make_transform(const CoordSystem& system) { return {system.viewport, resolve_limits(system)}; }

}  // namespace pargist::plot
