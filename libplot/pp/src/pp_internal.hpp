// Internals of the pp* pipeline (see pargist/pp/pp.hpp): the steps of
// one collective plot, one file each.
#pragma once

#include <pargist/libplot/gist.hpp>
#include <pargist/pp/grid_plot.hpp>
#include <pargist/pp/pp.hpp>

#include <array>
#include <vector>

namespace pargist::plot::pp {

// Checks this rank's arrays and the options, then agrees across ranks (the
// options that shape the collectives must be the same everywhere). Throws
// std::invalid_argument on every rank when any rank failed.
void validate(const reduce::Comm& comm, const Particles& particles, const PlotOptions& options);

// The view: root's fixed sides (pplimits, the current system's limits, the
// xmin.. keywords) broadcast, automatic sides from the global extremes of the
// selected data. Also returns which sides were fixed.
struct View {
  std::array<double, 4> limits{};  // xmin, xmax, ymin, ymax
  std::array<bool, 4> fixed{};
};
View resolve_view(const reduce::Comm& comm, const Particles& particles, const PlotOptions& options);

// The selection restricted to the fixed sides of the view (inclusive).
reduce::Selection within_view(const Particles& particles, const View& view);

// Drawing on root, from reduced data only.
struct ScatterPoints {
  std::vector<double> x, y;
};
void draw_scatter(const ScatterPoints& points, const PlotOptions& options);
void draw_density_scatter(const ScatterPoints& points, const reduce::Grid2D& grid, const PlotOptions& options);
// Draws the grid (counts, log10(1 + count) with uselog, or cell means) by
// the grid-plot recipe; returns the colour scale used (cmin, cmax).
std::array<double, 2> draw_density_grid(std::vector<double> values, std::size_t nx, std::size_t ny,
                                        const std::array<double, 4>& view, bool is_mean, const PlotOptions& options);
void draw_titles(const PlotOptions& options);

}  // namespace pargist::plot::pp
