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
  alpha_.resize(std::size_t(side) * side);
  for (int r = 0; r < side; ++r)
    for (int k = 0; k < side; ++k) alpha_[std::size_t(r) * side + k] = data[r * stride + k];
  cairo_surface_destroy(mask);
}

void MarkerStamp::draw(const StampTarget& dst, double x, double y, Rgb rgb, int cx0, int cy0, int cx1,
                       int cy1) const {
  if (!(x > -1e9 && x < 1e9 && y > -1e9 && y < 1e9)) return;
  const int side = 2 * radius_ + 1;
  const int left = int(std::floor(x)) - radius_, top = int(std::floor(y)) - radius_;
  const int r0 = std::max(0, cy0 - top), r1 = std::min(side, cy1 - top);
  const int k0 = std::max(0, cx0 - left), k1 = std::min(side, cx1 - left);
  const std::uint32_t solid = 0xff000000u | (std::uint32_t(rgb.r) << 16) | (std::uint32_t(rgb.g) << 8) | rgb.b;
  for (int r = r0; r < r1; ++r) {
    auto* row = reinterpret_cast<std::uint32_t*>(dst.data + std::size_t(top + r) * dst.stride) + left;
    const std::uint8_t* a = &alpha_[std::size_t(r) * side];
    for (int k = k0; k < k1; ++k) {
      const unsigned cov = a[k];
      if (cov == 0) continue;
      if (cov == 255) { row[k] = solid; continue; }
      const std::uint32_t p = row[k];
      const unsigned inv = 255 - cov;
      auto mix = [&](unsigned src, unsigned shift) {
        return ((src * cov + ((p >> shift) & 0xff) * inv + 127) / 255) << shift;
      };
      row[k] = mix(255, 24) | mix(rgb.r, 16) | mix(rgb.g, 8) | mix(rgb.b, 0);
    }
  }
}

}  // namespace pargist::plot::detail
