#include <pargist/reduce/gather.hpp>

#include "test_data.hpp"

#include <catch2/catch.hpp>

using namespace pargist::reduce;

TEST_CASE("gather: selected points reach root in global order, capped", "[gather]") {
  Comm comm;
  const std::size_t n = 3000;
  std::vector<double> x = test::normal_data(n, 31), id(n);
  std::vector<float> y(n);
  for (std::size_t i = 0; i < n; ++i) id[i] = double(i), y[i] = float(x[i] * 2);

  std::vector<double> capped_ref;
  for (test::Split how : test::all_splits) {
    auto [b, e] = test::piece(n, comm.rank(), comm.size(), how);
    std::vector<ArrayView> arrays{ArrayView(id.data() + b, e - b), ArrayView(x.data() + b, e - b),
                                  ArrayView(y.data() + b, e - b)};
    // Under the cap: every selected point, in global order.
    Selection window = Selection{}.within(arrays[1], 0.0, 1.0);
    Points p = gather_points(comm, arrays, window, 10000);
    std::size_t expect = 0;
    for (double v : x) expect += v > 0.0 && v < 1.0;
    CHECK(p.selected == expect);
    CHECK(p.gathered == expect);
    if (comm.rank() == 0) {
      REQUIRE(p.columns.size() == 3);
      std::size_t j = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (!(x[i] > 0.0 && x[i] < 1.0)) continue;
        REQUIRE(j < p.columns[0].size());
        CHECK(p.columns[0][j] == double(i));
        CHECK(p.columns[1][j] == x[i]);
        CHECK(p.columns[2][j] == double(float(x[i] * 2)));
        ++j;
      }
      CHECK(j == p.columns[0].size());
    } else {
      CHECK(p.columns.empty());
    }
    // Over the cap: exactly the cap, the same points for every split.
    Points c = gather_points(comm, arrays, Selection{}, 250, 9);
    CHECK(c.selected == n);
    CHECK(c.gathered == 250);
    if (comm.rank() == 0) {
      REQUIRE(c.columns[0].size() == 250);
      if (capped_ref.empty()) capped_ref = c.columns[0];
      CHECK(c.columns[0] == capped_ref);
      for (std::size_t k = 0; k < 250; ++k) CHECK(c.columns[1][k] == x[std::size_t(c.columns[0][k])]);
    }
  }
}

TEST_CASE("gather: another root, zero cap, and bad input", "[gather]") {
  Comm comm;
  std::vector<double> v(5, double(comm.rank()));
  const int root = comm.size() - 1;
  Points p = gather_points(comm, {ArrayView(v.data(), v.size())}, Selection{}.every(2), 1000, 0, root);
  CHECK(p.gathered == 3 * std::uint64_t(comm.size()));
  if (comm.rank() == root) {
    REQUIRE(p.columns[0].size() == p.gathered);
    for (int r = 0; r < comm.size(); ++r) CHECK(p.columns[0][3 * r] == double(r));
  }
  Points none = gather_points(comm, {ArrayView(v.data(), v.size())}, Selection{}, 0);
  CHECK(none.gathered == 0);
  if (comm.rank() == 0) CHECK(none.columns[0].empty());
  std::vector<double> w(comm.rank() == root ? 4 : 5);
  CHECK_THROWS_WITH(gather_points(comm, {ArrayView(v.data(), 5), ArrayView(w.data(), w.size())}, Selection{}, 10),
                    Catch::Contains("arrays[1]") && Catch::Contains("(rank " + std::to_string(root)));
  CHECK_THROWS_AS(gather_points(comm, {ArrayView(v.data(), 5)}, Selection{}, 10, 0, -1), std::invalid_argument);
}
