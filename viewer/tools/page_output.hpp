// Rendering CGM pages to files without a display: PNG through libplot's
// libpng writer, PDF and SVG through Cairo's vector surfaces.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pargist/libplot/cairo_renderer.hpp"
#include "pargist/libplot/frame.hpp"

namespace pargist::view_tool {

/// The whole page of a frame, in NDC.
plot::Box page_box(const plot::Frame& frame);

/// A view showing `box` (NDC) fitted into width x height device units,
/// centred, the same scale on both axes; device_per_ndc = units per NDC.
plot::PageView fitted_view(const plot::Box& box, double width, double height);

/// Raster of `box` at `dpi`, or at width x height pixels when given.
plot::PageView raster_view(const plot::Box& box, int width, int height, double dpi);

void write_png_page(const plot::Frame& frame, const plot::PageView& view, const std::string& path);
void write_svg_page(const plot::Frame& frame, const std::optional<plot::Box>& box,
                    const std::string& path);
void write_pdf_pages(const std::vector<plot::Frame>& frames, const std::optional<plot::Box>& box,
                     const std::string& path);

/// out.png -> out-0003.png: the name of page `page` when several are written.
std::string numbered_name(const std::string& path, int page);

}  // namespace pargist::view_tool
