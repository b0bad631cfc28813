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
#include <pargist/libplot/gist.hpp>
#include <pargist/reduce/array_view.hpp>
#include <pargist/reduce/comm.hpp>
#include <pargist/reduce/deposit.hpp>
#include <pargist/reduce/selection.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

/// Warp's density cell array: ppgeneric(cellarray=1) with nothing else on
/// its grid (pargist.pp's ppzx & co. take this path for such frames, and
/// pp_bench times it from C++). The selected particles' density on Warp's
/// node grid, (nx+1) x (ny+1) nodes over Warp's extent (the global extremes
/// widened by a cell, or the fixed sides), reduced to root and drawn there
/// as one pli: the deposit is laid out as pli reads it, so root makes no
/// transposed copy, and finds the colour scale in one pass.
struct NodeDensityOptions {
  std::size_t nx = 100, ny = 100;  ///< cells; the grid has one node more per axis
  reduce::Method method = reduce::Method::cic;
  /// Warp's lframe pplimits (scaled): a finite side replaces root's current
  /// limits (which select the particles); NaN keeps them.
  std::array<double, 4> frame_limits{std::nan(""), std::nan(""), std::nan(""), std::nan("")};
  /// Warp's xmin..ymax keywords (scaled): the grid's sides (not a
  /// selection); NaN where found from the particles.
  std::array<double, 4> grid_sides{std::nan(""), std::nan(""), std::nan(""), std::nan("")};
  /// Warp's centering of the nodes on the cells of the image.
  enum class Centering { node, cell, old } centering = Centering::node;
  std::optional<double> cmin, cmax;  ///< colour scale (default: the grid's)
  int ctop = 199;                    ///< palette colour of cmax (Warp's ctop)
  int root = 0;
  /// Drawn on root after the cells (Warp's colour bar, titles, lframe's
  /// limits), in the broadcast that shares the colour scale: a failure
  /// there is root's, raised on every rank, at no extra collective.
  const struct WarpDecoration* decoration = nullptr;
};

/// What node_density_cellarray did, identical on every rank.
struct NodeDensityResult {
  std::uint64_t selected = 0;  ///< particles inside the view, all ranks
  /// The grid's extent (xmin, xmax, ymin, ymax); with nothing selected the
  /// fixed sides, NaN where automatic (and nothing is drawn).
  std::array<double, 4> extent{};
  double cmin = 0, cmax = 0;   ///< colour scale of the cells
};

/// Collective, every rank with its own particles. Throws the same
/// std::invalid_argument on every rank for an empty range or root's failure.
NodeDensityResult node_density_cellarray(const reduce::Comm& comm, const Particles& particles,
                                         const NodeDensityOptions& options);

/// Warp's colour bar of a density (its colorbar() without contour levels):
/// ncolor bands of the palette up to colour `top` in a box at `place` (NDC
/// xmin, xmax, ymin, ymax) framed by four segments, with ticks and labels
/// at round values of zmin..zmax (" %.5g", after label_prefix, e.g. "10^"
/// for a log scale). Drawn into the current system (Warp's: system 0).
struct WarpColorbarOptions {
  std::array<double, 4> place{};
  double fontsize = 14.0;  ///< label height, points
  int ncolor = 100;
  int top = 199;
  std::string label_prefix;
};
void warp_colorbar(double zmin, double zmax, const WarpColorbarOptions& options);

/// What ppgeneric draws on root after a density's cells, in Warp's order:
/// the colour bar in system 0, the titles, lframe's limits. The Python
/// layer makes one per plot shape and window (pargist/_ppdecor.py).
struct WarpDecoration {
  std::optional<WarpColorbarOptions> colorbar;
  bool unitless = false;    ///< the bar labelled 0..1 (Warp's colbarunitless), not cmin..cmax
  std::optional<int> view;  ///< the system made current after the bar (default: the one before it)
  struct Title {
    std::string text;
    double x = 0, y = 0;  ///< NDC
    PltOptions options;
  };
  std::vector<Title> titles;
  /// lframe's pplimits, set after the titles; NaN: extreme.
  std::optional<std::array<double, 4>> frame_limits;
};
void draw_warp_decoration(double cmin, double cmax, const WarpDecoration& decoration);

/// Warp's nicelevels: about n round values between zmin and zmax.
std::vector<double> nice_levels(double zmin, double zmax, int n = 8);

}  // namespace pargist::plot::pp
