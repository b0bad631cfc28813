#include "plot_support.hpp"

#include <sys/stat.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "pargist/libplot/cairo_renderer.hpp"
#include "pargist/libplot/style.hpp"

namespace plot_test {

Frame frame_with_limits(double xmin, double xmax, double ymin, double ymax, const std::string& style) {
  Frame f = make_frame(style);
  Limits& l = f.systems[1].limits;
  l.xmin = xmin; l.xmax = xmax; l.ymin = ymin; l.ymax = ymax;
  l.auto_xmin = l.auto_xmax = l.auto_ymin = l.auto_ymax = false;
  return f;
}

RasterImage render(const Frame& frame, double dpi) {
  ImageOptions o;
  o.dpi = dpi;
  return render_image(frame, o);
}

void ndc_to_pixel(double x, double y, int& px, int& py, double dpi) {
  const PageView v = window_view(dpi);
  px = int(std::floor((x - v.page.xmin) / (v.page.xmax - v.page.xmin) * v.width));
  py = int(std::floor((v.page.ymax - y) / (v.page.ymax - v.page.ymin) * v.height));
}

bool near(Rgb a, Rgb b, int tol) {
  return std::abs(int(a.r) - b.r) <= tol && std::abs(int(a.g) - b.g) <= tol && std::abs(int(a.b) - b.b) <= tol;
}

int count_color(const RasterImage& img, Rgb c, int x0, int y0, int x1, int y1, int tol) {
  int n = 0;
  for (int y = std::max(0, y0); y < std::min(img.height, y1); ++y)
    for (int x = std::max(0, x0); x < std::min(img.width, x1); ++x)
      if (near(img.rgb(x, y), c, tol)) ++n;
  return n;
}

int count_color_outside(const RasterImage& img, Rgb c, int x0, int y0, int x1, int y1, int tol) {
  return count_color(img, c, 0, 0, img.width, img.height, tol) - count_color(img, c, x0, y0, x1, y1, tol);
}

std::string output_dir() {
  const std::string dir = std::string(PARGIST_TEST_OUTPUT_DIR) + "/plot";
  ::mkdir(PARGIST_TEST_OUTPUT_DIR, 0777);
  ::mkdir(dir.c_str(), 0777);
  return dir;
}

std::string fresh_dir(const std::string& name) {
  const std::string dir = output_dir() + "/" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

bool matches_golden(const RasterImage& img, const std::string& name, int channel_tol, double max_fraction,
                    std::string& report) {
  const std::string golden = std::string(PARGIST_SOURCE_DIR) + "/tests/plot/golden/" + name + ".png";
  const char* update = std::getenv("PARGIST_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    write_png_image(img, golden, {}, 9);
    report = "golden image rewritten: " + golden;
    return true;
  }
  RasterImage ref;
  try {
    ref = read_png_image(golden);
  } catch (const std::exception& e) {
    report = e.what();
    return false;
  }
  if (ref.width != img.width || ref.height != img.height) {
    report = "size " + std::to_string(img.width) + "x" + std::to_string(img.height) + " differs from golden " +
             std::to_string(ref.width) + "x" + std::to_string(ref.height);
    write_png_image(img, output_dir() + "/" + name + "-actual.png");
    return false;
  }
  RasterImage diff = ref;
  long bad = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const bool same = near(img.rgb(x, y), ref.rgb(x, y), channel_tol);
      const Rgb r = ref.rgb(x, y);
      const std::uint8_t grey = std::uint8_t((r.r + r.g + r.b) / 12 + 170);  // faded reference
      diff.argb[std::size_t(y) * img.width + x] =
          same ? (0xff000000u | (std::uint32_t(grey) << 16) | (std::uint32_t(grey) << 8) | grey) : 0xffff0000u;
      if (!same) ++bad;
    }
  const double fraction = double(bad) / (double(img.width) * img.height);
  report = name + ": " + std::to_string(bad) + " pixels differ (" + std::to_string(100 * fraction) + "%, allowed " +
           std::to_string(100 * max_fraction) + "%)";
  if (fraction <= max_fraction) return true;
  write_png_image(img, output_dir() + "/" + name + "-actual.png");
  write_png_image(diff, output_dir() + "/" + name + "-diff.png");
  report += "; wrote " + output_dir() + "/" + name + "-diff.png";
  return false;
}

}  // namespace plot_test
