// What a window shows: a page that can be drawn again at any size and at any
// limits (a zoom is a re-render of the display list, never a scaled bitmap).
// frame_page.hpp adapts a libplot Frame to it; pargist-view adapts each page
// of a CGM file the same way.
#pragma once

#include <cairo.h>

#include <array>
#include <map>
#include <vector>

#include "pargist/viewer/geometry.hpp"

namespace pargist::viewer {


/// How the window wants the page drawn.
struct ViewOptions {
  std::map<int, plot::Limits> limits;  ///< by Gist system number (1-based): sides only
  bool grid = false;                 ///< the 'g' key: grid lines at major ticks
  /// The turn of every 3-D scene (ctrl + middle drag): a rotation in the
  /// viewer's axes, applied after each scene's own view (row-major, as
  /// pl3d's rotation matrices).
  std::array<double, 9> turn{1, 0, 0, 0, 1, 0, 0, 0, 1};
  /// A step of a gesture (a pan under way): drawn without antialiasing,
  /// as fast as the page can; the still picture after it is drawn exact.
  bool draft = false;
};

/// A page the window can draw. Handed over whole: once shown, the main
/// thread no longer changes it while it builds the next, and only drawing
/// threads use it (the window's event thread, a browser's workers).
/// render() is const but need not leave the page's memory untouched while
/// it runs, only as it was given once it returns: a FramePage lends its
/// frame to each render (the view set, cell values swapped for their
/// colours, under its own lock, so that two threads' renders take turns)
/// and puts it back, also when render throws.
class Page {
 public:
  virtual ~Page() = default;

  /// The frame number shown in the status strip.
  virtual int number() const = 0;

  /// Draw the whole page onto `cr` (a surface the size of the drawing area,
  /// already cleared to the background), mapping NDC through `t`, and return
  /// the coordinate systems as drawn, with their limits resolved. Called on
  /// the window's event thread only: no MPI, no Python.
  virtual std::vector<SystemGeometry> render(cairo_t* cr, const PageTransform& t,
                                             const ViewOptions& options) const = 0;

  /// True when the page holds 3-D scenes (pl3d) that a turn would move.
  virtual bool has_3d() const { return false; }
};

}  // namespace pargist::viewer
