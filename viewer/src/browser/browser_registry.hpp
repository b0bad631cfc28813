// Internal: what the Gist-level calls of display.cpp (unzoom, zoom_factor)
// do to the browser views as well.
#pragma once

namespace pargist::viewer::detail {

/// Gist's unzoom for window n's browser view, if any.
void unzoom_browser(int n);
/// Gist's zoom_factor for every browser view, present and future.
void set_browsers_zoom_factor(double factor);

}  // namespace pargist::viewer::detail
