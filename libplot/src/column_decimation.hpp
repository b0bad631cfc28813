// Internal: a long polyline reduced to what the pixels of a raster device
// can show, before Cairo strokes it (stroking cost grows with the points,
// and a 1e5-point history over 600 pixels has ~170 points per column).
#pragma once

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
  struct Kept {
    std::size_t i;
    double x, y;
  };
  std::size_t i = 0;
  double xi = 0, yi = 0;
  if (n) point(0, xi, yi);
  while (i < n) {
    // The run [i, j) of points in the column of point i.
    const double column = std::floor(xi), next_column = column + 1;
    Kept first{i, xi, yi}, low = first, high = first, last = first;
    std::size_t j = i + 1;
    double xj = 0, yj = 0;
    for (; j < n; ++j) {
      point(j, xj, yj);
      // floor(xj) != column without a floor per point (NaN leaves too).
      if (!(xj >= column && xj < next_column)) break;
      if (yj < low.y) low = {j, xj, yj};
      if (yj > high.y) high = {j, xj, yj};
      last = {j, xj, yj};
    }
    const Kept in_order[4] = {first, low.i < high.i ? low : high, low.i < high.i ? high : low, last};
    std::size_t previous = n;  // no index kept yet in this run
    for (const Kept& k : in_order) {
      if (k.i == previous) continue;  // the same point twice
      // The extremes of a long run go to the column's centre: the many
      // points between them covered the whole column, a stroke there does.
      const bool inner = k.i != i && k.i != j - 1 && j - i > 4;
      keep(inner ? column + 0.5 : k.x, k.y);
      previous = k.i;
    }
    i = j;
    xi = xj, yi = yj;
  }
}

}  // namespace pargist::plot::detail
