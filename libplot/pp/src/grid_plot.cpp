// The grid-plot recipe (see pargist/pp/grid_plot.hpp), through the Gist state API.
#include <pargist/libplot/gist.hpp>
#include <pargist/pp/grid_plot.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace pargist::plot::pp {

std::array<double, 2> grid_scale(const std::vector<double>& values, const GridPlotOptions& o) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double v : values) {
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  }
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  if (o.cmin) lo = *o.cmin;
  if (o.cmax) hi = *o.cmax;
  if (!(hi > lo)) hi = lo + 1;
  return {lo, hi};
}

std::vector<double> grid_levels(const std::array<double, 2>& scale, int contours) {
  std::vector<double> levels(static_cast<std::size_t>(std::max(contours, 0)));
  for (int k = 0; k < contours; ++k) levels[k] = scale[0] + (scale[1] - scale[0]) * (k + 1) / (contours + 1);
  return levels;
}

std::array<double, 2> draw_grid(std::vector<double> values, std::size_t nx, std::size_t ny,
                                const std::array<double, 4>& extent, const GridPlotOptions& options) {
  if (values.size() != nx * ny || nx == 0 || ny == 0)
    throw std::invalid_argument("draw_grid: " + std::to_string(values.size()) + " values for a " +
                                std::to_string(nx) + " x " + std::to_string(ny) + " grid");
  const auto scale = grid_scale(values, options);
  // Cells without a value (no particle, no owning rank): the bottom colour.
  for (double& v : values) {
    if (!std::isfinite(v)) v = scale[0];
  }
  const double dx = (extent[1] - extent[0]) / double(nx), dy = (extent[3] - extent[2]) / double(ny);
  const bool lines = options.contours > 0 && !options.filled && !options.cellarray;
  const bool filled = options.contours > 0 && options.filled && !options.cellarray;
  if (lines || filled) {
    const int nlev = options.contours;
    const std::vector<double> levels = grid_levels(scale, nlev);
    if (filled) {
      // Zones (the cells) coloured by the contour band their value falls in.
      Grid x{{}, nx + 1, ny + 1}, y{{}, nx + 1, ny + 1}, z{{}, nx, ny};
      for (std::size_t j = 0; j <= ny; ++j)
        for (std::size_t i = 0; i <= nx; ++i) x.v.push_back(extent[0] + dx * i), y.v.push_back(extent[2] + dy * j);
      for (double v : values) {
        const auto band = std::upper_bound(levels.begin(), levels.end(), v) - levels.begin();
        z.v.push_back(scale[0] + (scale[1] - scale[0]) * double(band) / double(nlev));
      }
      PlfOptions p;
      p.cmin = scale[0], p.cmax = scale[1];
      plf(std::move(z), std::move(y), std::move(x), p);
    } else {
      Grid x{{}, nx, ny}, y{{}, nx, ny}, z{std::move(values), nx, ny};
      for (std::size_t j = 0; j < ny; ++j)
        for (std::size_t i = 0; i < nx; ++i)
          x.v.push_back(extent[0] + dx * (i + 0.5)), y.v.push_back(extent[2] + dy * (j + 0.5));
      PlcOptions p;
      p.levs = levels;
      plc(std::move(z), std::move(y), std::move(x), p);
    }
  } else {
    ColorScaleOptions p;
    p.cmin = scale[0], p.cmax = scale[1];
    pli(Grid{std::move(values), nx, ny}, extent[0], extent[2], extent[1], extent[3], p);
  }
  if (options.colorbar && !lines) colorbar(scale[0], scale[1]);
  return scale;
}

}  // namespace pargist::plot::pp
