// The parallel plotting front end: Warp's particle plots (ppzx, ppxxp, ...)
// as one collective call over a communicator, built on pargist::reduce.
//
//   select -> view limits -> deposit or sample -> reduce/gather to root
//          -> elements in root's current frame (Gist state API, gist.hpp)
//
// The view comes from root: pplimits if given, else the current system's
// limits (fixed sides, e.g. after a mouse zoom, are used as they are;
// automatic sides come from the global extremes of the selected data). Root
// broadcasts it and the deposition covers exactly that view, so zooming in
// a live window resolves finer detail at the next frame.
//
// What reaches root is bounded by the plot, never by the particle count:
// at most `maxpoints` markers (a fair sample of all ranks) or one nx*ny grid.
//
// Every rank makes the call (SPMD). Bad input on any rank throws the same
// std::invalid_argument on every rank before any data moves. Only root
// touches the Gist state; other ranks never create a window or a surface.
#pragma once

#include <pargist/libplot/frame.hpp>
#include <pargist/reduce/array_view.hpp>
#include <pargist/reduce/comm.hpp>
#include <pargist/reduce/deposit.hpp>
#include <pargist/reduce/selection.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

namespace pargist::plot::pp {

/// This rank's particles as seen by one plot: the horizontal and vertical
/// quantities, optional per-particle weights and a third quantity `zz`
/// (coloured by its per-cell mean), and which particles are selected.
struct Particles {
  reduce::ArrayView x, y;
  std::optional<reduce::ArrayView> weights;
  std::optional<reduce::ArrayView> zz;
  reduce::Selection selection;
};

/// Warp's ppgeneric keywords (see pargist/pp.py for their Python spelling).
struct PlotOptions {
  // --- the view -----------------------------------------------------------
  /// Warp's pplimits with lframe=1: fixed (xmin, xmax, ymin, ymax).
  std::optional<std::array<double, 4>> pplimits;
  /// Warp's xmin/xmax/ymin/ymax: the grid's extent on that side (NaN: from
  /// the view). They override the view side by side.
  double xmin = std::nan(""), xmax = std::nan(""), ymin = std::nan(""), ymax = std::nan("");
  /// Gist coordinate system to draw in (Warp's view=); 0 keeps the current.
  int view = 0;

  // --- what to draw ---------------------------------------------------------
  Color color = NamedColor::fg;  ///< marker colour of scatter plots
  bool color_density = false;    ///< Warp's color='density'
  int contours = 0;              ///< number of density contour levels (0: none)
  bool filled = false;           ///< filled contours (with contours)
  bool cellarray = false;        ///< density as a cell array image
  std::size_t nx = 100, ny = 100;  ///< grid cells for densities
  reduce::Method method = reduce::Method::ngp;
  std::optional<double> cmin, cmax;  ///< colour scale (default: the data's)
  bool uselog = false;           ///< colour by log10(1 + density)
  int ncolor = 0;                ///< colours for color='density' (0: the palette's)
  int marker = marker_point;     ///< Gist marker of scatter plots
  double msize = 1.0;
  std::uint64_t maxpoints = 100000;  ///< cap on markers sent to root
  std::uint64_t thin_to = 0;     ///< Warp's iw<0: random sample of this many in total
  std::uint64_t seed = 0;
  bool colorbar = true;          ///< Warp's lcolorbar (with a colour scale)

  // --- titles ---------------------------------------------------------------
  bool titles = true;
  std::string titlet, titleb, titlel, titler;

  int root = 0;
};

/// What a call did, identical on every rank.
struct PlotResult {
  std::string drawn;               ///< "scatter", "density-scatter", "cellarray", "contours", "filled-contours", "nothing"
  std::uint64_t selected = 0;      ///< particles selected over all ranks (inside the view)
  std::uint64_t points = 0;        ///< markers sent to root (scatter modes)
  std::array<double, 4> view{};    ///< xmin, xmax, ymin, ymax deposited over / shown
  std::size_t nx = 0, ny = 0;      ///< grid used (density modes)
  double cmin = 0, cmax = 0;       ///< colour scale used (density modes)
  std::uint64_t bytes_to_root = 0; ///< size of the reduced result root receives
};

/// Collective: every rank of `comm` calls it with its own particles.
PlotResult ppgeneric(const reduce::Comm& comm, const Particles& particles, const PlotOptions& options);

}  // namespace pargist::plot::pp
