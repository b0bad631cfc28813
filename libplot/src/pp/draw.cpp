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

// The colour scale of a grid: given cmin/cmax, else the finite extremes.
std::array<double, 2> scale_of(const std::vector<double>& z, const PlotOptions& o) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double v : z) {
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  }
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  if (o.cmin) lo = *o.cmin;
  if (o.cmax) hi = *o.cmax;
  if (!(hi > lo)) hi = lo + 1;
  return {lo, hi};
}

}  // namespace

void draw_scatter(const ScatterPoints& points, const PlotOptions& options) {
  if (points.x.empty()) return;
  plg(points.y, points.x, marker_options(options, options.color));
}

void draw_density_scatter(const ScatterPoints& points, const reduce::Grid2D& grid, const PlotOptions& options) {
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
  const auto scale = scale_of(density, options);
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

std::array<double, 2> draw_grid(std::vector<double> values, std::size_t nx, std::size_t ny,
                                const std::array<double, 4>& view, bool is_mean, const PlotOptions& options) {
  if (options.uselog && !is_mean) {
    for (double& v : values) v = std::log10(1.0 + v);
  }
  const auto scale = scale_of(values, options);
  // Empty cells of a cell mean have no value: show them at the bottom colour.
  for (double& v : values) {
    if (!std::isfinite(v)) v = scale[0];
  }
  const double dx = (view[1] - view[0]) / double(nx), dy = (view[3] - view[2]) / double(ny);
  const bool lines = options.contours > 0 && !options.filled && !options.cellarray;
  const bool filled = options.contours > 0 && options.filled && !options.cellarray;
  if (lines || filled) {
    const int nlev = options.contours;
    std::vector<double> levels(static_cast<std::size_t>(nlev));
    for (int k = 0; k < nlev; ++k) levels[k] = scale[0] + (scale[1] - scale[0]) * (k + 1) / (nlev + 1);
    if (filled) {
      // Zones (the cells) coloured by the contour band their value falls in.
      Grid x{{}, nx + 1, ny + 1}, y{{}, nx + 1, ny + 1}, z{{}, nx, ny};
      for (std::size_t j = 0; j <= ny; ++j)
        for (std::size_t i = 0; i <= nx; ++i) x.v.push_back(view[0] + dx * i), y.v.push_back(view[2] + dy * j);
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
        for (std::size_t i = 0; i < nx; ++i) x.v.push_back(view[0] + dx * (i + 0.5)), y.v.push_back(view[2] + dy * (j + 0.5));
      PlcOptions p;
      p.levs = levels;
      plc(std::move(z), std::move(y), std::move(x), p);
    }
  } else {
    ColorScaleOptions p;
    p.cmin = scale[0], p.cmax = scale[1];
    pli(Grid{std::move(values), nx, ny}, view[0], view[2], view[1], view[3], p);
  }
  if (options.colorbar && !lines) colorbar(scale[0], scale[1]);
  return scale;
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
