#include "x11_tools.hpp"

#include <cairo.h>

#include <cstdlib>
#include <limits>

namespace pargist::viewer::test {

bool have_display() {
  const char* d = std::getenv("DISPLAY");
  return d != nullptr && *d != '\0';
}

int shell(const std::string& command) { return std::system(command.c_str()); }

bool xdotool(const std::string& args) { return shell("xdotool " + args) == 0; }

std::optional<Screenshot> grab(unsigned long window, const std::string& png_path, const std::string& display) {
  const std::string cmd = (display.empty() ? "" : "DISPLAY='" + display + "' ") + "import -window " +
                          std::to_string(window) + " png24:'" + png_path + "' 2>/dev/null";
  if (shell(cmd) != 0) return std::nullopt;
  cairo_surface_t* img = cairo_image_surface_create_from_png(png_path.c_str());
  if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(img);
    return std::nullopt;
  }
  cairo_surface_flush(img);
  Screenshot s;
  s.width = cairo_image_surface_get_width(img);
  s.height = cairo_image_surface_get_height(img);
  const int stride = cairo_image_surface_get_stride(img);
  const unsigned char* data = cairo_image_surface_get_data(img);
  s.argb.resize(static_cast<std::size_t>(s.width) * s.height);
  for (int y = 0; y < s.height; ++y)
    for (int x = 0; x < s.width; ++x)
      s.argb[static_cast<std::size_t>(y) * s.width + x] =
          *reinterpret_cast<const std::uint32_t*>(data + y * stride + 4 * x);
  cairo_surface_destroy(img);
  return s;
}

Blob find_color(const Screenshot& s, int r, int g, int b, int tolerance) {
  Blob blob;
  blob.xmin = blob.ymin = std::numeric_limits<int>::max();
  blob.xmax = blob.ymax = -1;
  double sx = 0, sy = 0;
  for (int y = 0; y < s.height; ++y)
    for (int x = 0; x < s.width; ++x) {
      const std::uint32_t p = s.at(x, y);
      const int pr = (p >> 16) & 0xff, pg = (p >> 8) & 0xff, pb = p & 0xff;
      if (std::abs(pr - r) <= tolerance && std::abs(pg - g) <= tolerance &&
          std::abs(pb - b) <= tolerance) {
        sx += x;
        sy += y;
        ++blob.count;
        blob.xmin = std::min(blob.xmin, x);
        blob.xmax = std::max(blob.xmax, x);
        blob.ymin = std::min(blob.ymin, y);
        blob.ymax = std::max(blob.ymax, y);
      }
    }
  if (blob.count) {
    blob.x = sx / blob.count;
    blob.y = sy / blob.count;
  }
  return blob;
}

}  // namespace pargist::viewer::test
