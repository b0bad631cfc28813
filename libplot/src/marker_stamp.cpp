// Marker stamps: a shape or a glyph rendered once, then composited per point.
#include "marker_stamp.hpp"

#include <algorithm>

namespace pargist::plot::detail {

MarkerStamp::MarkerStamp(int marker, double size, bool antialias) {
  const int radius = int(std::ceil(marker_half(size) + 1.0));
  const int side = 2 * radius + 1;
  cairo_surface_t* mask = cairo_image_surface_create(CAIRO_FORMAT_A8, side, side);
  cairo_t* cr = cairo_create(mask);
  const double c = radius + 0.5;  // centre of the middle pixel
  const double x = 0, y = 0;
  cairo_set_line_width(cr, 1.0);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  if (!antialias) cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
  append_marker_paths(cr, marker, size, 1, &x, &y, [&](double) { return c; }, [&](double) { return c; });
  if (marker == marker_point) cairo_fill(cr);
  else cairo_stroke(cr);
  cairo_destroy(cr);
  cairo_surface_flush(mask);
  *this = MarkerStamp(cairo_image_surface_get_data(mask), side, side, cairo_image_surface_get_stride(mask), radius,
                      radius);
  blend_ = Blend::shape;
  cairo_surface_destroy(mask);
}

MarkerStamp::MarkerStamp(const unsigned char* a8, int width, int height, int stride, int ox, int oy)
    : blend_(Blend::glyph) {
  for (int r = 0; r < height; ++r)
    for (int k = 0; k < width; ++k)
      if (const unsigned a = a8[r * stride + k]) {
        const Texel t{k - ox, r - oy, a};
        if (texels_.empty()) left_ = right_ = t.dx, top_ = bottom_ = t.dy;
        left_ = std::min(left_, t.dx), right_ = std::max(right_, t.dx);
        top_ = std::min(top_, t.dy), bottom_ = std::max(bottom_, t.dy);
        texels_.push_back(t);
      }
}

MarkerStamp::Prepared MarkerStamp::prepare(int stride_pixels, Rgb rgb) const {
  // Both blends weigh the colour by the coverage: exactly for shapes
  // (rounded once at the end), rounded as pixman's MUL_UN8 for glyphs.
  auto weigh = [&](unsigned colour, unsigned cov) -> std::uint16_t {
    if (blend_ == Blend::shape) return std::uint16_t(colour * cov);
    const std::uint32_t t = colour * cov + 0x80;
    return std::uint16_t(((t >> 8) + t) >> 8);
  };
  const unsigned bgr[3] = {rgb.b, rgb.g, rgb.r};  // the bytes of an ARGB32 pixel in memory
  Prepared out;
  for (const Texel& t : texels_) {
    Single s{t.dx, t.dy, std::uint16_t(255 - t.coverage), {}};
    for (int c = 0; c < 3; ++c) s.share[c] = weigh(bgr[c], t.coverage);
    out.singles.push_back(s);
  }
  // Quads: each row's span from its first texel, 4 pixels at a time; the
  // pixels without coverage keep their value (keep 255, share 0).
  out.right = right_;
  std::size_t k = 0;
  while (k < texels_.size()) {
    const int row = texels_[k].dy, first = texels_[k].dx;
    std::size_t end = k;
    while (end < texels_.size() && texels_[end].dy == row) ++end;
    const int last = texels_[end - 1].dx;
    for (int x = first; x <= last; x += 4) {
      Quad q;
      q.offset = std::ptrdiff_t(row) * stride_pixels + x;
      for (int p = 0; p < 4; ++p) {
        unsigned coverage = 0;
        for (std::size_t j = k; j < end; ++j)
          if (texels_[j].dx == x + p) coverage = texels_[j].coverage;
        for (int c = 0; c < 4; ++c) {
          q.keep[4 * p + c] = std::uint16_t(255 - coverage);
          q.share[4 * p + c] = c < 3 ? weigh(bgr[c], coverage) : 0;
        }
      }
      out.quads.push_back(q);
      out.right = std::max(out.right, x + 3);
    }
    k = end;
  }
  return out;
}

}  // namespace pargist::plot::detail
