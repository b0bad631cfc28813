// The pre-rendered marker stamp.
#include "marker_stamp.hpp"

#include <algorithm>

namespace pargist::plot::detail {

MarkerStamp::MarkerStamp(int marker, double size) {
  radius_ = int(std::ceil(marker_half(size) + 1.0));
  const int side = 2 * radius_ + 1;
  cairo_surface_t* mask = cairo_image_surface_create(CAIRO_FORMAT_A8, side, side);
  cairo_t* cr = cairo_create(mask);
  const double c = radius_ + 0.5;  // centre of the middle pixel
  const double x = 0, y = 0;
  cairo_set_line_width(cr, 1.0);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  append_marker_paths(cr, marker, size, 1, &x, &y, [&](double) { return c; }, [&](double) { return c; });
  if (marker == marker_point) cairo_fill(cr);
  else cairo_stroke(cr);
  cairo_destroy(cr);
  cairo_surface_flush(mask);
  const unsigned char* data = cairo_image_surface_get_data(mask);
  const int stride = cairo_image_surface_get_stride(mask);
  for (int r = 0; r < side; ++r)
    for (int k = 0; k < side; ++k)
      if (const unsigned a = data[r * stride + k]) texels_.push_back({k - radius_, r - radius_, a});
  cairo_surface_destroy(mask);
}

void MarkerStamp::draw(const StampTarget& dst, double x, double y, Rgb rgb, int cx0, int cy0, int cx1,
                       int cy1) const {
  if (!(x > -1e9 && x < 1e9 && y > -1e9 && y < 1e9)) return;
  const int px = int(std::floor(x)), py = int(std::floor(y));
  const std::uint32_t solid = 0xff000000u | (std::uint32_t(rgb.r) << 16) | (std::uint32_t(rgb.g) << 8) | rgb.b;
  // Whole stamp inside the clip: no per-pixel bounds checks.
  const bool inside = px - radius_ >= cx0 && px + radius_ < cx1 && py - radius_ >= cy0 && py + radius_ < cy1;
  for (const Texel& t : texels_) {
    const int qx = px + t.dx, qy = py + t.dy;
    if (!inside && (qx < cx0 || qx >= cx1 || qy < cy0 || qy >= cy1)) continue;
    auto* pixel = reinterpret_cast<std::uint32_t*>(dst.data + std::size_t(qy) * dst.stride) + qx;
    if (t.coverage == 255) {
      *pixel = solid;
      continue;
    }
    // Source over an opaque pixel; (v * 257 + 257) >> 16 is v / 255 rounded
    // for the 16-bit products here.
    const std::uint32_t p = *pixel;
    const unsigned cov = t.coverage, inv = 255 - cov;
    auto mix = [&](unsigned src, unsigned shift) {
      const unsigned v = src * cov + ((p >> shift) & 0xff) * inv;
      return ((v * 257 + 257) >> 16) << shift;
    };
    *pixel = 0xff000000u | mix(rgb.r, 16) | mix(rgb.g, 8) | mix(rgb.b, 0);
  }
}

}  // namespace pargist::plot::detail
