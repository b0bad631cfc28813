// The grid-plot recipe shared by the particle densities (ppgeneric) and the
// field slices (pargist.fields): one colour scale, contour levels evenly
// inside it, and Warp's colour-bar rule. Drawing only; call it on the rank
// that owns the Gist state.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <vector>

namespace pargist::plot::pp {

struct GridPlotOptions {
  int contours = 0;                  ///< contour levels; 0 draws a cell array
  bool filled = false;               ///< with contours: filled bands instead of lines
  bool cellarray = false;            ///< a cell array even when contours are set
  std::optional<double> cmin, cmax;  ///< colour scale (default: the finite extremes)
  bool colorbar = true;              ///< a colour bar, except beside contour lines
};

/// The colour scale of values: cmin/cmax when given, else the finite
/// extremes (0..1 when there are none); a flat scale gets a width of 1.
std::array<double, 2> grid_scale(const std::vector<double>& values, const GridPlotOptions& options);

/// `contours` levels evenly spaced strictly inside the scale.
std::vector<double> grid_levels(const std::array<double, 2>& scale, int contours);

/// Draws values (nx * ny, x fastest) over extent (xmin, xmax, ymin, ymax) in
/// the current coordinate system: a cell array (cmin/cmax the scale),
/// contour lines through the cell centres, or the cells filled by the band
/// their value falls in; non-finite cells take the bottom colour. Returns the
/// colour scale used.
std::array<double, 2> draw_grid(std::vector<double> values, std::size_t nx, std::size_t ny,
                                const std::array<double, 4>& extent, const GridPlotOptions& options);

}  // namespace pargist::plot::pp
