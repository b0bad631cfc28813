#include "thin_line_mask.hpp"

#include <algorithm>
#include <cmath>

namespace pargist::plot::detail {

namespace {
// v (a whole number, or NaN) as an int within [lo, hi]: clamped before the
// conversion, since a segment may reach far past the mask (an int cannot
// hold 1e12, and the conversion of such a double is undefined).
int whole_within(double v, int lo, int hi) {
  if (!(v >= lo)) return lo;
  return v >= hi ? hi : int(v);
}
}  // namespace

ThinLineMask::ThinLineMask(int x0, int y0, int width, int height, double line_width)
    : x0_(x0),
      y0_(y0),
      width_(std::max(width, 0)),
      height_(std::max(height, 0)),
      stride_(cairo_format_stride_for_width(CAIRO_FORMAT_A8, width_)),
      reach_(0.5 * line_width + 0.5),
      coverage_(std::size_t(stride_) * std::size_t(height_)) {}

ThinLineMask::~ThinLineMask() = default;

void ThinLineMask::segment(double ax, double ay, double bx, double by) {
  if (!(std::isfinite(ax) && std::isfinite(ay) && std::isfinite(bx) && std::isfinite(by))) return;
  const double r = reach_;
  // Nothing of it within the mask (with the line's reach): skip it.
  if (std::max(ax, bx) + r < x0_ || std::min(ax, bx) - r > x0_ + width_ ||
      std::max(ay, by) + r < y0_ || std::min(ay, by) - r > y0_ + height_)
    return;
  // Mask coordinates from here on.
  ax -= x0_, bx -= x0_, ay -= y0_, by -= y0_;
  const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
  const double inv_len2 = len2 > 0 ? 1.0 / len2 : 0.0;
  // Walk the segment's major axis one pixel at a time; across it, the
  // pixel centres within reach: r / cos of the slope from the line's
  // centre (the round ends lie within that too).
  const bool steep = std::fabs(dy) > std::fabs(dx);
  const double a0 = steep ? ay : ax, b0 = steep ? ax : ay;  // start, along and across the major axis
  const double da = steep ? dy : dx, db = steep ? dx : dy;
  const double across = da != 0 ? r * std::sqrt(len2) / std::fabs(da) : r;
  const int size_a = steep ? height_ : width_, size_b = steep ? width_ : height_;
  const int m0 = whole_within(std::floor(std::min(a0, a0 + da) - r), 0, size_a);
  const int m1 = whole_within(std::floor(std::max(a0, a0 + da) + r), -1, size_a - 1);
  const std::size_t step_a = steep ? std::size_t(stride_) : 1, step_b = steep ? 1 : std::size_t(stride_);
  for (int m = m0; m <= m1; ++m) {
    const double pa = m + 0.5 - a0;  // pixel centre from the start, along
    const double centre = b0 + (da != 0 ? std::clamp(pa / da, 0.0, 1.0) : 0.0) * db;
    const int k0 = whole_within(std::ceil(centre - across - 0.5), 0, size_b);
    const int k1 = whole_within(std::floor(centre + across - 0.5), -1, size_b - 1);
    unsigned char* c = coverage_.data() + std::size_t(m) * step_a + std::size_t(std::max(k0, 0)) * step_b;
    for (int k = k0; k <= k1; ++k, c += step_b) {
      // Coverage from the pixel centre's distance to the segment.
      const double pb = k + 0.5 - b0;
      const double t = std::clamp((pa * da + pb * db) * inv_len2, 0.0, 1.0);
      const double ea = pa - t * da, eb = pb - t * db;
      const double cover = r - std::sqrt(ea * ea + eb * eb);
      if (cover <= 0) continue;
      // The maximum, not a sum: consecutive segments share their joint's
      // pixels, which one stroked path covers once.
      const auto v = static_cast<unsigned char>(std::min(cover, 1.0) * 255.0 + 0.5);
      if (v > *c) *c = v;
    }
  }
}

void ThinLineMask::paint(cairo_t* cr, bool antialias) {
  if (width_ == 0 || height_ == 0) return;
  if (!antialias)
    for (unsigned char& c : coverage_) c = c >= 128 ? 255 : 0;
  cairo_surface_t* mask =
      cairo_image_surface_create_for_data(coverage_.data(), CAIRO_FORMAT_A8, width_, height_, stride_);
  if (cairo_surface_status(mask) == CAIRO_STATUS_SUCCESS) cairo_mask_surface(cr, mask, x0_, y0_);
  cairo_surface_destroy(mask);
}

}  // namespace pargist::plot::detail
