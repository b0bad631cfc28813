// The strip above the drawing area: the world coordinates under the pointer
// in Gist's form ":1 (x, y)" on the left, the frame number (or a prompt, or
// a message) on the right.
#pragma once

#include <cairo.h>

#include <string>
#include <vector>

#include "pargist/viewer/geometry.hpp"

namespace pargist::viewer::detail {

/// Strip height in pixels for a window at `dpi`.
int strip_height_for(int dpi);

/// ":<sys> (x, y)" for a pointer location, with as many digits as the
/// system's limits call for (Gist's rule: e format past 1e4 or below 1e-3).
std::string pointer_text(const Location& where, const std::vector<SystemGeometry>& systems);

/// One coordinate formatted for a span [wmin, wmax] (log axes: data values).
std::string format_coordinate(double w, double wmin, double wmax);

/// Draw the strip across the top `height` pixels of `cr`'s surface.
void draw_status_strip(cairo_t* cr, int width, int height, const std::string& left,
                       const std::string& right);

}  // namespace pargist::viewer::detail
