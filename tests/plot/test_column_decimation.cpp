// A long polyline reduced per pixel column (libplot/src/column_decimation.hpp):
// the first, lowest, highest and last point of each column's run, in order,
// the extremes of a run of more than four at the column's centre.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "column_decimation.hpp"
#include "simd_paths.hpp"

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

TEST_CASE("column decimation: runs scanned four points at a time keep the same points", "[decimation]") {
  using namespace pargist::plot::detail;
  // A long noisy curve over few columns (long runs), with repeated heights
  // (the first of equals is the extreme), signed zeros, NaN heights and a
  // NaN abscissa among them.
  std::vector<double> x, y;
  std::uint32_t s = 99991;
  auto next = [&] {
    s = s * 1664525u + 1013904223u;
    return double(s >> 8) / double(1u << 24);
  };
  for (int i = 0; i < 5000; ++i) {
    x.push_back(0.2 + 0.6 * double(i) / 5000 + 1e-4 * next());
    y.push_back(std::floor(8 * next()) / 8 - 0.5);  // few distinct heights: many ties
  }
  y[700] = -0.0, y[701] = 0.0, y[1200] = NAN, y[2203] = NAN, x[3001] = NAN;
  const DeviceColumns d{x.data(), y.data(), 0.1193, 700.0 / 0.77, 0.9, 700.0 / 0.77};
  auto point = [&](std::size_t i, double& px, double& py) { px = (x[i] - d.xmin) * d.sx, py = (d.ymax - y[i]) * d.sy; };
  for (std::size_t n : {x.size(), x.size() - 1, x.size() - 2, x.size() - 3}) {
    std::vector<std::pair<double, double>> plain, scanned;
    std::size_t taken = 0;  // by the scan
    decimate_columns(n, point, [&](double px, double py) { plain.emplace_back(px, py); });
    decimate_columns(n, point, [&](double px, double py) { scanned.emplace_back(px, py); },
                     [&](std::size_t j, std::size_t count, double column, ColumnExtremes& e) {
                       const std::size_t end = scan_columns(d, j, count, column, e);
                       taken += end - j;
                       return end;
                     });
    if (use_avx2()) CHECK(taken > n / 2);
    REQUIRE(plain.size() == scanned.size());
    std::size_t differ = 0;
    for (std::size_t k = 0; k < plain.size(); ++k)
      differ += !(plain[k] == scanned[k] || (std::isnan(plain[k].first) && std::isnan(scanned[k].first)) ||
                  (std::isnan(plain[k].second) && std::isnan(scanned[k].second)));
    CHECK(differ == 0);
    CHECK(plain.size() > 400);  // about 420 columns, a few points each
  }
}
