#include <pargist/reduce/limits.hpp>

#include "test_data.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace pargist::reduce;

namespace {
const double nan_v = std::numeric_limits<double>::quiet_NaN();
const double inf_v = std::numeric_limits<double>::infinity();
}  // namespace

TEST_CASE("limits: global min/max with NaN and Inf skipped and counted, however split", "[limits]") {
  Comm comm;
  const std::size_t n = 1000;
  std::vector<double> x = test::normal_data(n, 1), y = test::normal_data(n, 2, 5.0, 3.0);
  x[10] = nan_v;
  x[500] = inf_v;
  y[999] = -inf_v;
  double xmin = inf_v, xmax = -inf_v, ymin = inf_v, ymax = -inf_v;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isfinite(x[i])) xmin = std::min(xmin, x[i]), xmax = std::max(xmax, x[i]);
    if (std::isfinite(y[i])) ymin = std::min(ymin, y[i]), ymax = std::max(ymax, y[i]);
  }
  for (test::Split how : test::all_splits) {
    auto [b, e] = test::piece(n, comm.rank(), comm.size(), how);
    std::vector<Extent> ext = limits(comm, {ArrayView(x.data() + b, e - b), ArrayView(y.data() + b, e - b)});
    REQUIRE(ext.size() == 2);
    CHECK(ext[0].min == xmin);
    CHECK(ext[0].max == xmax);
    CHECK(ext[0].count == n - 2);
    CHECK(ext[0].nonfinite == 2);
    CHECK(ext[1].min == ymin);
    CHECK(ext[1].max == ymax);
    CHECK(ext[1].nonfinite == 1);
  }
}

TEST_CASE("limits: float32, strides, padding and selections", "[limits]") {
  Comm comm;
  const std::size_t n = 400;
  std::vector<double> g = test::normal_data(n, 3);
  auto [b, e] = test::piece(n, comm.rank(), comm.size(), test::Split::last_heavy);
  // Interleaved float32 pairs (x, y): a stride of 8 bytes.
  std::vector<float> xy(2 * (e - b));
  for (std::size_t i = b; i < e; ++i) xy[2 * (i - b)] = float(g[i]), xy[2 * (i - b) + 1] = float(-g[i]);
  ArrayView xs(xy.data(), e - b, 2), ys(xy.data() + 1, e - b, 2);
  float lo = std::numeric_limits<float>::max(), hi = -lo;
  for (double v : g) lo = std::min(lo, float(v)), hi = std::max(hi, float(v));
  Extent ex = limits(comm, xs);
  CHECK(ex.min == double(lo));
  CHECK(ex.max == double(hi));
  Extent ey = limits(comm, ys, {}, 0.25);
  const double span = double(hi) - double(lo);
  CHECK(ey.min == Approx(-double(hi) - 0.25 * span));
  CHECK(ey.max == Approx(-double(lo) + 0.25 * span));

  // Window on the (global) index parity through a mask: every other particle.
  std::vector<std::uint8_t> even(e - b);
  double elo = inf_v, ehi = -inf_v;
  for (std::size_t i = b; i < e; ++i) even[i - b] = (i % 2 == 0);
  for (std::size_t i = 0; i < n; i += 2) elo = std::min(elo, double(float(g[i]))), ehi = std::max(ehi, double(float(g[i])));
  Extent es = limits(comm, xs, Selection{}.where(MaskView(even.data(), even.size())));
  CHECK(es.min == elo);
  CHECK(es.max == ehi);
  CHECK(es.count == n / 2);
}

TEST_CASE("limits: empty ranks and all-NaN ranks", "[limits]") {
  Comm comm;
  // Rank 0 holds only NaNs, the others nothing except the last one, 3 values.
  std::vector<double> mine;
  if (comm.rank() == 0) mine.assign(5, nan_v);
  if (comm.rank() == comm.size() - 1) mine.insert(mine.end(), {2.0, -1.0, 7.0});
  Extent e = limits(comm, ArrayView(mine.data(), mine.size()));
  CHECK(e.min == -1.0);
  CHECK(e.max == 7.0);
  CHECK(e.count == 3);
  CHECK(e.nonfinite == 5);

  std::vector<double> none;
  Extent z = limits(comm, ArrayView(none.data(), 0));
  CHECK(z.empty());
  CHECK(std::isnan(z.min));
  CHECK(std::isnan(z.max));
  CHECK(z.nonfinite == 0);
}

TEST_CASE("limits: a length mismatch on one rank throws on every rank", "[limits][errors]") {
  Comm comm;
  std::vector<double> x(10, 1.0), y(comm.rank() == comm.size() - 1 ? 9 : 10, 2.0);
  Selection every_other = Selection{}.every(2);
  try {
    limits(comm, {ArrayView(x.data(), x.size()), ArrayView(y.data(), y.size())}, every_other);
    FAIL("no exception");
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    CHECK_THAT(what, Catch::Contains("arrays[1]"));
    CHECK_THAT(what, Catch::Contains("(rank " + std::to_string(comm.size() - 1)));
  }
  CHECK_THROWS_AS(limits(comm, ArrayView(x.data(), x.size()), {}, -1.0), std::invalid_argument);
  // Afterwards the communicator is in a clean state.
  CHECK(limits(comm, ArrayView(x.data(), x.size())).count == 10 * std::uint64_t(comm.size()));
}

// Whole contiguous double arrays take a vector scan (extent_simd.cpp) that
// must find exactly what the scalar scan finds: every length around its
// blocks and lanes, a NaN or an infinity anywhere, the extremes anywhere,
// and zeros of both signs (the scalar scan keeps the first zero it meets).
TEST_CASE("limits: whole double arrays, the vector scan's edges", "[limits]") {
  Comm comm;  // every rank holds the same array: the global extent is the local one
  struct Expected {
    double min, max;
    std::uint64_t count, nonfinite;
  };
  auto scalar = [](const std::vector<double>& v) {
    Expected e{inf_v, -inf_v, 0, 0};
    for (double x : v) {
      const bool finite = (x - x) == 0.0;
      e.nonfinite += !finite;
      e.count += finite;
      e.min = finite && x < e.min ? x : e.min;
      e.max = finite && x > e.max ? x : e.max;
    }
    return e;
  };
  auto check = [&](const std::vector<double>& v) {
    const Expected want = scalar(v);
    const Extent got = limits(comm, ArrayView(v.data(), v.size()));
    REQUIRE(got.count == want.count * std::uint64_t(comm.size()));
    REQUIRE(got.nonfinite == want.nonfinite * std::uint64_t(comm.size()));
    if (want.count == 0) return;
    REQUIRE(got.min == want.min);
    REQUIRE(got.max == want.max);
    // (A zero maximum comes back +0.0 whatever its sign: the padding adds +0.0.)
    REQUIRE(std::signbit(got.min) == std::signbit(want.min));
  };
  for (std::size_t n : {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 4095, 4096, 4097, 8200, 10003}) {
    std::vector<double> v = test::normal_data(n, 7);
    check(v);
    for (std::size_t at : {std::size_t(0), n / 2, n - 1}) {
      for (double odd : {nan_v, inf_v, -inf_v}) {
        std::vector<double> w = v;
        w[at] = odd;
        check(w);
      }
      std::vector<double> w = v;
      w[at] = 1e300;  // the greatest at each place, then the least
      check(w);
      w[at] = -1e300;
      check(w);
    }
    // Zeros as extremes: every value of one sign and zeros of both signs,
    // the first zero -0.0 or +0.0.
    for (double first : {-0.0, 0.0}) {
      std::vector<double> w(n);
      for (std::size_t i = 0; i < n; ++i) w[i] = std::abs(v[i]) + 1.0;
      w[n - 1] = first;
      if (n > 2) w[n / 3] = -first;
      if (n > 2) std::swap(w[n / 3], w[n - 1]);
      check(w);
      for (double& x : w) x = -x;
      check(w);
    }
  }
}
