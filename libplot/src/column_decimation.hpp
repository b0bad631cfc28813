// Internal: a long polyline reduced to what the pixels of a raster device
// can show, before Cairo strokes it (stroking cost grows with the points,
// and a 1e5-point history over 600 pixels has ~170 points per column).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace pargist::plot::detail {

// Consecutive points (device coordinates) falling in the same pixel column
// become at most four, in their order: the first, the lowest, the highest
// and the last (M4 aggregation). The line then covers the same vertical
// extent in every column and joins the columns through the same points, so
// the picture differs by less than a pixel (the extremes of a long run sit
// at the column's centre, where the stroke covers the column as the run's
// many segments did). point(i, x, y) gives point i of n; keep(x, y)
// receives the kept points in order. One pass, no copy of the points.
template <class Point, class Keep>
void decimate_columns(std::size_t n, Point&& point, Keep&& keep) {
  std::size_t i = 0;
  double xi = 0, yi = 0;
  if (n) point(0, xi, yi);
  while (i < n) {
    // The run [i, j) of points in the column of point i. Only the indices
    // and heights of its lowest and highest points are followed (the loop
    // that sees every point does little else); the few points kept are
    // asked for again below.
    const double column = std::floor(xi), next_column = column + 1;
    std::size_t low = i, high = i, j = i + 1;
    double low_y = yi, high_y = yi, xj = 0, yj = 0;
    for (; j < n; ++j) {
      point(j, xj, yj);
      // floor(xj) != column without a floor per point (NaN leaves too).
      if (!(xj >= column && xj < next_column)) break;
      if (yj < low_y) low = j, low_y = yj;
      if (yj > high_y) high = j, high_y = yj;
    }
    // First, lowest and highest in their order, last: ascending indices,
    // so a point met twice is met twice in a row.
    const std::size_t in_order[4] = {i, std::min(low, high), std::max(low, high), j - 1};
    std::size_t previous = n;  // no index kept yet in this run
    for (const std::size_t k : in_order) {
      if (k == previous) continue;
      previous = k;
      // The extremes of a long run go to the column's centre: the many
      // points between them covered the whole column, a stroke there does.
      const bool inner = k != i && k != j - 1 && j - i > 4;
      double x = xi, y = yi;
      if (k != i) point(k, x, y);
      keep(inner ? column + 0.5 : x, y);
    }
    i = j;
    xi = xj, yi = yj;
  }
}

}  // namespace pargist::plot::detail
