// Helpers of the libplot tests: render a frame, look at pixels, compare
// with golden images (writing a diff image on failure).
#pragma once

#include <string>

#include "pargist/libplot/frame.hpp"
#include "pargist/libplot/hardcopy.hpp"

namespace plot_test {

using namespace pargist::plot;

/// A frame in `style` with one system whose limits are fixed.
Frame frame_with_limits(double xmin, double xmax, double ymin, double ymax, const std::string& style = "work");

/// Renders at 100 dpi (600x600 window view) by default.
RasterImage render(const Frame& frame, double dpi = 100);

/// The pixel (column, row) of an NDC point in the default window view.
void ndc_to_pixel(double x, double y, int& px, int& py, double dpi = 100);

/// Number of pixels within `tol` of colour c in the pixel box [x0,x1) x [y0,y1).
int count_color(const RasterImage& img, Rgb c, int x0, int y0, int x1, int y1, int tol = 0);
/// Same, over the whole image outside the given box.
int count_color_outside(const RasterImage& img, Rgb c, int x0, int y0, int x1, int y1, int tol = 0);

bool near(Rgb a, Rgb b, int tol);

/// Where test files go (build*/test-output/plot), created on demand.
std::string output_dir();

/// An empty folder output_dir()/name (removed and made again).
std::string fresh_dir(const std::string& name);

/// Compares img with the golden PNG tests/plot/golden/<name>.png: the
/// fraction of pixels differing by more than `channel_tol` in any channel
/// must be at most `max_fraction`. On failure writes <name>-actual.png and
/// <name>-diff.png (differences in red) into output_dir() and returns false.
/// PARGIST_UPDATE_GOLDEN=1 in the environment rewrites the golden file.
bool matches_golden(const RasterImage& img, const std::string& name, int channel_tol, double max_fraction,
                    std::string& report);

}  // namespace plot_test
