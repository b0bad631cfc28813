// Internal: a long polyline reduced to what the pixels of a raster device
// can show, before Cairo strokes it (stroking cost grows with the points,
// and a 1e5-point history over 600 pixels has ~170 points per column).
#pragma once

#include <cstddef>
#include <vector>

namespace pargist::plot::detail {

// Consecutive points (device coordinates) falling in the same pixel column
// become at most four, in their order: the first, the lowest, the highest
// and the last (M4 aggregation). The line then covers the same vertical
// extent in every column and joins the columns through the same points, so
// the picture differs by less than a pixel (the extremes of a long run sit
// at the column's centre, where the stroke covers the column as the run's
// many segments did). Writes the kept points to ox, oy.
void decimate_columns(const std::vector<double>& x, const std::vector<double>& y, std::vector<double>& ox,
                      std::vector<double>& oy);

}  // namespace pargist::plot::detail
