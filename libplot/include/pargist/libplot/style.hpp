// Gist's style sheets (.gs files): the page layout of a window — its
// coordinate systems (viewport, ticks, labels), legend boxes and page
// orientation. Yorick's sheets are built in (work, boxed, vg, vgbox, nobox,
// axes, l_nobox, work2, boxed2; plus "2x2", four panels); any other sheet is
// read from the path given, from the current folder or from the folders of
// $GISTPATH, with Gist's syntax and Gist's defaults for what a sheet omits.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "pargist/libplot/frame.hpp"

namespace pargist::plot {

/// A page layout, as a style sheet gives it.
struct StyleSheet {
  std::string name;                 ///< what it was loaded as ("work", "my.gs")
  bool landscape = false;           ///< 11 inches wide, 8.5 high
  std::vector<CoordSystem> systems; ///< the world systems 1..n (no elements)
  LegendBox legends;                ///< below the viewport
  LegendBox contour_legends;        ///< contour levels, right of the viewport
};

/// A style sheet that cannot be read or parsed; the message names the file
/// and the line.
class StyleError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// The built-in sheets' names: "work", "boxed", "vg", "vgbox", "nobox",
/// "axes", "l_nobox", "work2", "boxed2", "2x2".
std::vector<std::string> style_names();

/// A sheet by name or path: a name with a '/' is read from that file; any
/// other name from the current folder, then each folder of $GISTPATH (as
/// given, then with ".gs" added), then the built-in sheets ("work" and
/// "work.gs" alike). Throws StyleError.
StyleSheet load_style(const std::string& name_or_path);

/// Parses the text of a .gs file (Gist's syntax: `keyword= value` lines,
/// `{ member= value, ... }` blocks, '#' comments; `default=` then each
/// `system=` starting from it). `filename` only names the file in errors.
StyleSheet parse_style(const std::string& text, const std::string& filename);

/// An empty frame laid out by a sheet: system 0 (NDC) and the sheet's
/// systems, the earth palette.
Frame make_frame(const StyleSheet& style);
Frame make_frame(const std::string& style);

/// The layout of a frame, as a sheet (the inverse of make_frame).
StyleSheet style_of(const Frame& frame);

/// The tick style of a named sheet's first system (work: ticks outside).
TickStyle style_ticks(const std::string& style);

}  // namespace pargist::plot
