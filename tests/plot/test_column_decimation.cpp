// A long polyline reduced per pixel column (libplot/src/column_decimation.hpp):
// the first, lowest, highest and last point of each column's run, in order,
// the extremes of a run of more than four at the column's centre.
#include <catch2/catch.hpp>

#include <cmath>
#include <utility>
#include <vector>

#include "column_decimation.hpp"

using pargist::plot::detail::decimate_columns;

namespace {

std::vector<std::pair<double, double>> decimated(const std::vector<std::pair<double, double>>& points) {
  std::vector<std::pair<double, double>> kept;
  decimate_columns(
      points.size(), [&](std::size_t i, double& x, double& y) { x = points[i].first, y = points[i].second; },
      [&](double x, double y) { kept.emplace_back(x, y); });
  return kept;
}

}  // namespace

TEST_CASE("column decimation: first, lowest, highest, last of each column's run", "[decimation]") {
  const std::vector<std::pair<double, double>> points = {
      {0.1, 5}, {0.2, 1}, {0.3, 9}, {0.4, 4}, {0.5, 3}, {0.6, 2},  // six: extremes to the centre
      {1.5, 7}, {1.7, 7},                                          // flat: first and last
      {2.2, 3}, {2.4, 8}, {2.6, 1},                                // three: all kept, as they are
      {3.5, 6}, {3.6, 2}, {3.7, 9}, {3.8, 9}, {3.9, 0},            // five: the lowest is the last
  };
  const std::vector<std::pair<double, double>> expected = {
      {0.1, 5}, {0.5, 1}, {0.5, 9}, {0.6, 2}, {1.5, 7}, {1.7, 7}, {2.2, 3}, {2.4, 8},
      {2.6, 1}, {3.5, 6}, {3.5, 9}, {3.9, 0}};
  CHECK(decimated(points) == expected);
}

TEST_CASE("column decimation: a point not finite stands alone", "[decimation]") {
  const auto kept = decimated({{0.2, 1}, {NAN, 4}, {0.4, 3}, {0.6, 2}});
  REQUIRE(kept.size() == 4);
  CHECK(kept[0] == std::make_pair(0.2, 1.0));
  CHECK(std::isnan(kept[1].first));
  CHECK(kept[1].second == 4);
  CHECK(kept[2] == std::make_pair(0.4, 3.0));
  CHECK(kept[3] == std::make_pair(0.6, 2.0));
}
