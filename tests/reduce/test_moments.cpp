#include <pargist/reduce/moments.hpp>

#include "test_data.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace pargist::reduce;

TEST_CASE("moments: means, covariances, rms and emittance match a two-pass reference", "[moments]") {
  Comm comm;
  const std::size_t n = 12345;
  // x around a large offset (stability), x' correlated with x.
  std::vector<double> x = test::normal_data(n, 21, 1e8, 1e-3), xp(n), z = test::normal_data(n, 22, -2.0, 0.5);
  std::vector<double> noise = test::normal_data(n, 23, 0.0, 1e-4);
  for (std::size_t i = 0; i < n; ++i) xp[i] = 0.5 * (x[i] - 1e8) + noise[i];
  x[100] = std::numeric_limits<double>::quiet_NaN();  // skipped with its whole row

  std::vector<std::vector<double>> q{x, xp, z};
  std::vector<double> mean(3, 0.0), mn(3, INFINITY), mx(3, -INFINITY);
  std::size_t count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (i == 100) continue;
    ++count;
    for (int k = 0; k < 3; ++k) mean[k] += q[k][i], mn[k] = std::min(mn[k], q[k][i]), mx[k] = std::max(mx[k], q[k][i]);
  }
  for (auto& m : mean) m /= double(count);
  std::vector<double> cov(9, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    if (i == 100) continue;
    for (int a = 0; a < 3; ++a)
      for (int c = 0; c < 3; ++c) cov[a * 3 + c] += (q[a][i] - mean[a]) * (q[c][i] - mean[c]) / double(count);
  }

  for (test::Split how : test::all_splits) {
    auto [b, e] = test::piece(n, comm.rank(), comm.size(), how);
    Moments m = moments(comm, {ArrayView(x.data() + b, e - b), ArrayView(xp.data() + b, e - b),
                               ArrayView(z.data() + b, e - b)});
    REQUIRE(m.dims == 3);
    CHECK(m.count == count);
    CHECK(m.nonfinite == 1);
    for (int k = 0; k < 3; ++k) {
      CHECK(m.mean[k] == Approx(mean[k]).epsilon(1e-13));
      CHECK(m.min[k] == mn[k]);
      CHECK(m.max[k] == mx[k]);
      // Relative to the scale sqrt(var_k var_c): the offset leaves ~1e-7.
      for (int c = 0; c < 3; ++c)
        CHECK(m.covariance(k, c) ==
              Approx(cov[k * 3 + c]).epsilon(1e-6).margin(1e-6 * std::sqrt(cov[k * 4] * cov[c * 4])));
    }
    CHECK(m.stddev(0) == Approx(1e-3).epsilon(0.03));
    CHECK(m.rms(2) == Approx(std::sqrt(mean[2] * mean[2] + cov[8])).epsilon(1e-12));
    CHECK(m.correlation(0, 1) == Approx(cov[1] / std::sqrt(cov[0] * cov[4])).epsilon(1e-6));
    CHECK(m.correlation(0, 1) > 0.97);
    CHECK(m.emittance(0, 1) == Approx(std::sqrt(cov[0] * cov[4] - cov[1] * cov[1])).epsilon(1e-5));
  }
}

TEST_CASE("moments: selections, empty ranks, no data, and errors", "[moments]") {
  Comm comm;
  std::vector<double> v;
  if (comm.rank() == comm.size() - 1) v = {1.0, 2.0, 3.0, 4.0, 100.0};
  Moments m = moments(comm, {ArrayView(v.data(), v.size())}, Selection{}.range(0, 4));
  CHECK(m.count == 4);
  CHECK(m.mean[0] == 2.5);
  CHECK(m.variance(0) == 1.25);
  CHECK(m.max[0] == 4.0);

  std::vector<double> none;
  Moments e = moments(comm, {ArrayView(none.data(), 0)});
  CHECK(e.count == 0);
  CHECK(std::isnan(e.mean[0]));

  std::vector<double> a(8, 1.0), b(comm.rank() == 0 ? 7 : 8, 1.0);
  CHECK_THROWS_WITH(moments(comm, {ArrayView(a.data(), a.size()), ArrayView(b.data(), b.size())}),
                    Catch::Contains("quantities[1]") && Catch::Contains("(rank 0)"));
  CHECK_THROWS_AS(moments(comm, {}), std::invalid_argument);
}
