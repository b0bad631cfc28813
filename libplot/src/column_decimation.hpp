// Internal: a long polyline reduced to what the pixels of a raster device
// can show, before Cairo strokes it (stroking cost grows with the points,
// and a 1e5-point history over 600 pixels has ~170 points per column).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace pargist::plot::detail {

// The lowest and highest points met so far in a column's run: their
// indices and heights (the first of equals).
struct ColumnExtremes {
  std::size_t low, high;
  double low_y, high_y;
};

// A scan that takes no points itself: decimate_columns' loop does all.
struct NoBlockScan {
  std::size_t operator()(std::size_t j, std::size_t, double, ColumnExtremes&) const { return j; }
};

// Consecutive points (device coordinates) falling in the same pixel column
// become at most four, in their order: the first, the lowest, the highest
// and the last (M4 aggregation). The line then covers the same vertical
// extent in every column and joins the columns through the same points, so
// the picture differs by less than a pixel (the extremes of a long run sit
// at the column's centre, where the stroke covers the column as the run's
// many segments did). point(i, x, y) gives point i of n; keep(x, y)
// receives the kept points in order. One pass, no copy of the points.
// scan(j, n, column, e), if given, may take points j, j + 1, ... of the run
// at once (several at a time) as the loop below would, updating e, and
// returns the first point it did not take.
template <class Point, class Keep, class Scan = NoBlockScan>
void decimate_columns(std::size_t n, Point&& point, Keep&& keep, Scan&& scan = Scan{}) {
  std::size_t i = 0;
  double xi = 0, yi = 0;
  if (n) point(0, xi, yi);
  while (i < n) {
    // The run [i, j) of points in the column of point i. Only the indices
    // and heights of its lowest and highest points are followed (the loop
    // that sees every point does little else); the few points kept are
    // asked for again below.
    const double column = std::floor(xi), next_column = column + 1;
    ColumnExtremes e{i, i, yi, yi};
    double xj = 0, yj = 0;
    std::size_t j = scan(i + 1, n, column, e);
    for (; j < n; ++j) {
      point(j, xj, yj);
      // floor(xj) != column without a floor per point (NaN leaves too).
      if (!(xj >= column && xj < next_column)) break;
      if (yj < e.low_y) e.low = j, e.low_y = yj;
      if (yj > e.high_y) e.high = j, e.high_y = yj;
    }
    const std::size_t low = e.low, high = e.high;
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

// NDC points as a raster CairoRenderer maps them to device units:
// ((x - xmin) sx, (ymax - y) sy).
struct DeviceColumns {
  const double *x, *y;
  double xmin, sx, ymax, sy;
};

// A scan for decimate_columns over DeviceColumns: with AVX2, where the CPU
// has it, four points at a time while all four lie in the column and are
// numbers (the same device values, the same first extremes); else none.
std::size_t scan_columns(const DeviceColumns& d, std::size_t j, std::size_t n, double column, ColumnExtremes& e);

}  // namespace pargist::plot::detail
