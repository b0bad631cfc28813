// What pargist-view writes for a CGM page without a display: which part of
// the page, at which size, under which names. The writers are libplot's.
#pragma once

#include <string>

#include "pargist/libplot/cairo_renderer.hpp"
#include "pargist/libplot/frame.hpp"

namespace pargist::view_tool {

/// The whole page of a frame, in NDC.
plot::Box page_box(const plot::Frame& frame);

/// Raster of `box` at `dpi`, or fitted into width x height pixels when given.
plot::PageView raster_view(const plot::Box& box, int width, int height, double dpi);

/// out.png -> out-0003.png: the name of page `page` when several are written.
std::string numbered_name(const std::string& path, int page);

}  // namespace pargist::view_tool
