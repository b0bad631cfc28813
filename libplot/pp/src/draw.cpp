// Drawing a pp* plot on root, from the reduced data only: markers, markers
// coloured by density, a cell array or contours, and Warp's titles. Every
// element goes through the Gist state API into the current system.
#include "pp_internal.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pargist::plot::pp {

namespace {

PlgOptions marker_options(const PlotOptions& o, Color color) {
  PlgOptions p;
  p.type = LineType::none;
  p.marks = false;
  p.marker = o.marker;
  p.msize = o.msize;
  p.color = color;
  p.mcolor = color;
  return p;
}

GridPlotOptions grid_options(const PlotOptions& o) {
  GridPlotOptions g;
  g.contours = o.contours;
  g.filled = o.filled;
  g.cellarray = o.cellarray;
  g.cmin = o.cmin;
  g.cmax = o.cmax;
  g.colorbar = o.colorbar;
  return g;
}

// NaN and Inf particles are skipped, as deposition and limits skip them:
// all-NaN data is an empty plot, as no particle at all is.
ScatterPoints drawable(const ScatterPoints& points) {
  ScatterPoints out;
  for (std::size_t k = 0; k < points.x.size(); ++k) {
    if (std::isfinite(points.x[k]) && std::isfinite(points.y[k])) {
      out.x.push_back(points.x[k]);
      out.y.push_back(points.y[k]);
    }
  }
  return out;
}

}  // namespace

void draw_scatter(const ScatterPoints& all, const PlotOptions& options) {
  ScatterPoints points = drawable(all);
  if (points.x.empty()) return;
  plg(std::move(points.y), std::move(points.x), marker_options(options, options.color));
}

void draw_density_scatter(const ScatterPoints& all, const reduce::Grid2D& grid, const PlotOptions& options) {
  const ScatterPoints points = drawable(all);
  if (points.x.empty()) return;
  // Each point takes the density of its cell; points are grouped into
  // ncolor bands drawn as one marker element each (palette colours).
  std::vector<double> density(points.x.size());
  const double sx = grid.nx / (grid.xmax - grid.xmin), sy = grid.ny / (grid.ymax - grid.ymin);
  for (std::size_t k = 0; k < points.x.size(); ++k) {
    const auto ix = static_cast<long>(std::floor((points.x[k] - grid.xmin) * sx));
    const auto iy = static_cast<long>(std::floor((points.y[k] - grid.ymin) * sy));
    const auto cx = static_cast<std::size_t>(std::clamp(ix, 0L, static_cast<long>(grid.nx) - 1));
    const auto cy = static_cast<std::size_t>(std::clamp(iy, 0L, static_cast<long>(grid.ny) - 1));
    const double d = grid.at(cx, cy);
    density[k] = options.uselog ? std::log10(1.0 + d) : d;
  }
  const auto scale = grid_scale(density, grid_options(options));
  const std::size_t palette_size = std::max<std::size_t>(current_palette().colors.size(), 1);
  const int ncolor = options.ncolor > 0 ? options.ncolor : static_cast<int>(std::min<std::size_t>(palette_size, 64));
  std::vector<ScatterPoints> bands(static_cast<std::size_t>(ncolor));
  for (std::size_t k = 0; k < points.x.size(); ++k) {
    const double f = (density[k] - scale[0]) / (scale[1] - scale[0]);
    const int b = std::clamp(static_cast<int>(f * ncolor), 0, ncolor - 1);
    bands[static_cast<std::size_t>(b)].x.push_back(points.x[k]);
    bands[static_cast<std::size_t>(b)].y.push_back(points.y[k]);
  }
  for (int b = 0; b < ncolor; ++b) {
    auto& band = bands[static_cast<std::size_t>(b)];
    if (band.x.empty()) continue;
    const double f = ncolor > 1 ? double(b) / (ncolor - 1) : 0.0;
    const auto index = static_cast<std::uint8_t>(std::lround(f * double(palette_size - 1)));
    plg(std::move(band.y), std::move(band.x), marker_options(options, Color::palette(index)));
  }
  if (options.colorbar) colorbar(scale[0], scale[1]);
}

std::array<double, 2> draw_density_grid(std::vector<double> values, std::size_t nx, std::size_t ny,
                                        const std::array<double, 4>& view, bool is_mean, const PlotOptions& options) {
  if (options.uselog && !is_mean) {
    for (double& v : values) v = std::log10(1.0 + v);
  }
  return draw_grid(std::move(values), nx, ny, view, grid_options(options));
}

void draw_titles(const PlotOptions& options) {
  if (!options.titles) return;
  if (!options.titlet.empty()) pltitle(options.titlet);
  if (!options.titleb.empty() || !options.titlel.empty()) xytitles(options.titleb, options.titlel);
  if (!options.titler.empty()) {
    const int sys = plsys();
    const auto& frame = current_frame();
    if (sys > 0 && sys < static_cast<int>(frame.systems.size())) {
      const Box vp = frame.systems[static_cast<std::size_t>(sys)].viewport;
      PltOptions t;
      t.angle = 90.0;
      t.justify = "CB";
      t.height = 12.0;
      plt(options.titler, vp.xmax + 0.03, 0.5 * (vp.ymin + vp.ymax), t);
    }
  }
}

}  // namespace pargist::plot::pp
