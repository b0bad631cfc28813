#include "page_output.hpp"

#include <cstdio>

namespace pargist::view_tool {

plot::Box page_box(const plot::Frame& frame) {
  return frame.landscape ? plot::Box{0, plot::kPageHeightNdc, 0, plot::kPageWidthNdc}
                         : plot::Box{0, plot::kPageWidthNdc, 0, plot::kPageHeightNdc};
}

plot::PageView raster_view(const plot::Box& box, int width, int height, double dpi) {
  if (width > 0 && height > 0) return plot::region_view(box, width, height);
  return plot::region_view_at(box, dpi, true);
}

std::string numbered_name(const std::string& path, int page) {
  char number[16];
  std::snprintf(number, sizeof number, "-%04d", page);
  const auto slash = path.find_last_of('/');
  const auto dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
    return path + number;
  return path.substr(0, dot) + number + path.substr(dot);
}

}  // namespace pargist::view_tool
