// Automatic and fixed limits, Gist's flags, the world <-> NDC transform.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "pargist/libplot/axes.hpp"
#include "pargist/libplot/style.hpp"
#include "simd_paths.hpp"

using namespace pargist::plot;

namespace {

CoordSystem system_with_curve(std::vector<double> x, std::vector<double> y) {
  CoordSystem s = make_frame("work").systems[1];
  Lines l;
  l.x = std::move(x);
  l.y = std::move(y);
  s.elements.push_back(l);
  return s;
}

}  // namespace

TEST_CASE("limits: automatic limits are the data extremes", "[limits]") {
  CoordSystem s = system_with_curve({1, 2, 3, NAN, 10}, {-5, INFINITY, 4, 8, 2});
  const Limits l = resolve_limits(s);
  CHECK(l.xmin == 1);
  CHECK(l.xmax == 10);
  CHECK(l.ymin == -5);
  CHECK(l.ymax == 4);  // (2, Inf) and (NaN, 8) cannot be drawn: they set no limit
}

TEST_CASE("limits: the extent of many points, the undrawable ones in any place", "[limits]") {
  // Long enough for the two-at-a-time pass and an odd tail; the extremes
  // sit beside NaN and Inf in either lane, and an undrawable partner hides
  // a point that would otherwise be the extreme.
  const std::size_t n = 1001;
  std::vector<double> x(n), y(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = std::sin(0.37 * double(i)), y[i] = std::cos(0.11 * double(i));
  x[100] = 50, y[100] = NAN;         // hidden by y
  x[201] = -50, y[201] = INFINITY;   // hidden by y, the other lane
  x[300] = INFINITY, y[300] = 60;    // hidden by x
  x[401] = NAN, y[401] = -60;        // hidden by x, the other lane
  x[500] = 7, y[501] = -8;           // the extremes that count
  x[999] = -3, y[1000] = 9;          // the last pair and the odd tail
  double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
  for (std::size_t i = 0; i < n; ++i)
    if (std::isfinite(x[i]) && std::isfinite(y[i]))
      xmin = std::min(xmin, x[i]), xmax = std::max(xmax, x[i]), ymin = std::min(ymin, y[i]), ymax = std::max(ymax, y[i]);
  CoordSystem s = system_with_curve(x, y);
  s.limits.nice = false;
  const Limits l = resolve_limits(s);
  CHECK(l.xmin == xmin);
  CHECK(l.xmax == 7);
  CHECK(l.ymin == -8);
  CHECK(l.ymax == 9);
  CHECK(xmin == -3);
  CHECK(l.xmax == xmax);
  CHECK(l.ymin == ymin);
  CHECK(l.ymax == ymax);
}

TEST_CASE("limits: fixed, per side, nice, square, restrict", "[limits]") {
  CoordSystem s = system_with_curve({0.13, 9.7}, {-0.31, 0.77});
  s.limits.auto_xmax = false;
  s.limits.xmax = 20;
  Limits l = resolve_limits(s);
  CHECK(l.xmin == Approx(0.13));
  CHECK(l.xmax == 20);
  CHECK(l.auto_xmin);
  CHECK_FALSE(l.auto_xmax);

  s.limits = Limits();
  s.limits.nice = true;
  l = resolve_limits(s);
  CHECK(l.xmin == Approx(0));
  CHECK(l.xmax == Approx(10));
  CHECK(l.ymin == Approx(-0.4));
  CHECK(l.ymax == Approx(0.8));

  s.limits = Limits();
  s.limits.square = true;
  l = resolve_limits(s);
  const Box& vp = s.viewport;
  const double sx = (l.xmax - l.xmin) / (vp.xmax - vp.xmin), sy = (l.ymax - l.ymin) / (vp.ymax - vp.ymin);
  CHECK(sx == Approx(sy));
  CHECK(l.xmin == Approx(0.13));  // the wider axis is kept
  CHECK(0.5 * (l.ymin + l.ymax) == Approx(0.5 * (-0.31 + 0.77)));

  // restrict: y limits only from the points inside fixed x limits.
  CoordSystem r = system_with_curve({0, 1, 2, 3}, {100, 1, 2, -100});
  r.limits.auto_xmin = r.limits.auto_xmax = false;
  r.limits.xmin = 0.5;
  r.limits.xmax = 2.5;
  r.limits.restrict = true;
  l = resolve_limits(r);
  CHECK(l.ymin == 1);
  CHECK(l.ymax == 2);
}

TEST_CASE("limits: one-point data are widened, zero-size fixed limits throw", "[limits][errors]") {
  CoordSystem s = system_with_curve({5}, {0});
  const Limits l = resolve_limits(s);
  CHECK(l.xmin < 5);
  CHECK(l.xmax > 5);
  CHECK(l.ymin < 0);
  CHECK(l.ymax > 0);
  s.limits.auto_xmin = s.limits.auto_xmax = false;
  s.limits.xmin = s.limits.xmax = 2;
  CHECK_THROWS_WITH(resolve_limits(s), Catch::Contains("zero size"));
  s.limits.xmax = NAN;
  CHECK_THROWS_WITH(resolve_limits(s), Catch::Contains("not finite"));
}

TEST_CASE("limits: log axes ignore non-positive data, map decades evenly", "[limits]") {
  CoordSystem s = system_with_curve({-1, 0, 1, 10, 100}, {1, 2, 3, 4, 5});
  s.limits.log_x = true;
  const Limits l = resolve_limits(s);
  CHECK(l.xmin == 1);
  CHECK(l.xmax == 100);
  const Transform tf{s.viewport, l};
  CHECK(tf.ndc_x(10) == Approx(0.5 * (s.viewport.xmin + s.viewport.xmax)));
  CHECK(tf.world_x(tf.ndc_x(37)) == Approx(37));
  CHECK(tf.world_y(tf.ndc_y(3.5)) == Approx(3.5));
}

TEST_CASE("limits: Gist's flag word round-trips", "[limits]") {
  Limits l;
  l.auto_xmin = false;
  l.log_y = true;
  l.square = true;
  const int flags = l.gist_flags();
  CHECK(flags == (0x2 | 0x4 | 0x8 | 0x10 | 0x100));
  Limits m;
  m.set_gist_flags(flags);
  CHECK(m.gist_flags() == flags);
}

TEST_CASE("limits: square moves only automatic sides, as Gist", "[limits]") {
  // Both sides of both axes fixed: square changes nothing (Gist's
  // SquareAdjust is a no-op on a fixed axis).
  CoordSystem s = system_with_curve({0, 1}, {0, 3});
  s.limits.square = true;
  s.limits.auto_xmin = s.limits.auto_xmax = s.limits.auto_ymin = s.limits.auto_ymax = false;
  s.limits.xmin = 0;
  s.limits.xmax = 1;
  s.limits.ymin = 0;
  s.limits.ymax = 3;
  Limits l = resolve_limits(s);
  CHECK(l.xmin == 0);
  CHECK(l.xmax == 1);
  CHECK(l.ymin == 0);
  CHECK(l.ymax == 3);
  // x fixed, y automatic: y takes x's scale even if that shrinks it.
  s.limits.auto_ymin = s.limits.auto_ymax = true;
  l = resolve_limits(s);
  const Box& vp = s.viewport;
  const double dydx = (vp.ymax - vp.ymin) / (vp.xmax - vp.xmin);
  CHECK(l.xmax - l.xmin == 1);
  CHECK(l.ymax - l.ymin == Approx(dydx));
  CHECK(0.5 * (l.ymin + l.ymax) == Approx(1.5));
  // only xmax automatic, the y range wider: xmax moves, xmin stays.
  s.limits.auto_ymin = s.limits.auto_ymax = false;
  s.limits.auto_xmax = true;
  l = resolve_limits(s);
  CHECK(l.xmin == 0);
  CHECK(l.xmax == Approx(3.0 / dydx));
}

TEST_CASE("limits: the extent four points at a time (AVX2) is the two-at-a-time extent, a zero's sign too",
          "[limits]") {
  if (!pargist::plot::detail::use_avx2()) return;  // a CPU without AVX2: one path only
  auto both = [](const std::vector<double>& x, const std::vector<double>& y) {
    Box with{}, without{};
    const CoordSystem s = system_with_curve(x, y);
    const bool a = data_extent(s, false, false, with);
    pargist::plot::detail::set_use_avx2(false);
    const bool b = data_extent(s, false, false, without);
    pargist::plot::detail::set_use_avx2(true);
    CHECK(a == b);
    for (auto [p, q] : {std::pair{with.xmin, without.xmin}, {with.xmax, without.xmax}, {with.ymin, without.ymin},
                        {with.ymax, without.ymax}}) {
      CHECK(p == q);
      CHECK(std::signbit(p) == std::signbit(q));
    }
  };
  // Extremes in every lane of four and in every tail, beside NaN and Inf.
  for (std::size_t n : {1001, 1002, 1003, 1004}) {
    for (std::size_t at = 500; at < 504; ++at) {
      std::vector<double> x(n), y(n);
      for (std::size_t i = 0; i < n; ++i) x[i] = std::sin(0.37 * double(i)), y[i] = std::cos(0.11 * double(i));
      x[at] = 7, y[at + 1] = -8, x[n - 1] = -3, y[n - 1] = 9, y[at + 7] = NAN, x[at + 9] = -INFINITY;
      INFO("n " << n << " at " << at);
      both(x, y);
    }
  }
  // Extremes of zero, their signs mixed in lanes and order: the pass that
  // keeps the first of equals decides.
  std::vector<double> x(64, 0.0), y(64, 1.0);
  for (std::size_t i = 0; i < x.size(); i += 3) x[i] = -0.0;
  y[5] = -0.0, y[6] = 0.0;
  both(x, y);
  x.assign(64, -0.0);
  x[1] = 0.0;
  both(x, y);
  // Random signs of zero among larger (x) and smaller (y) values, some
  // points undrawable, every tail: the lowest x and highest y are zeros.
  std::uint32_t r = 5;
  auto next = [&] {
    r = r * 1664525u + 1013904223u;
    return r >> 16;
  };
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = 5 + std::size_t(trial % 8);
    std::vector<double> a(n), b(n);
    for (std::size_t i = 0; i < n; ++i) {
      const unsigned k = next() % 5;
      a[i] = k == 0 ? 0.0 : k == 1 ? -0.0 : 1.0 + k;
      b[i] = k == 2 ? 0.0 : k == 3 ? -0.0 : -1.0 - k;
      if (next() % 7 == 0) (next() % 2 ? a : b)[i] = NAN;
    }
    INFO("trial " << trial);
    both(a, b);
  }
}
