// Real X tools for the window tests: xdotool sends real mouse and key events
// (XTEST) and ImageMagick's import grabs the window's pixels from the server.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pargist::viewer::test {

/// $DISPLAY is set (the tests then require a working server).
bool have_display();
/// Run `xdotool <args>`; false if it failed.
bool xdotool(const std::string& args);
/// Run a shell command; its exit status.
int shell(const std::string& command);

/// A screenshot of one X window, read back from a PNG that `import` wrote.
struct Screenshot {
  int width = 0, height = 0;
  std::vector<std::uint32_t> argb;  ///< row-major
  std::uint32_t at(int x, int y) const { return argb[static_cast<std::size_t>(y) * width + x]; }
};
std::optional<Screenshot> grab(unsigned long window, const std::string& png_path,
                               const std::string& display = "");  ///< "": $DISPLAY

/// Centroid and count of the pixels close to an RGB colour.
struct Blob {
  double x = 0, y = 0;
  long count = 0;
  int xmin = 0, xmax = 0, ymin = 0, ymax = 0;
};
Blob find_color(const Screenshot& s, int r, int g, int b, int tolerance = 40);

}  // namespace pargist::viewer::test
