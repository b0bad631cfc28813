// A thin curve's coverage mask (libplot/src/thin_line_mask.hpp): the pixels
// across each step of a segment four at a time (AVX2) cover them as one at
// a time does, to the level, for steep and shallow, short and long segments,
// partly outside the mask, at the widths the mask draws.
#include <catch2/catch.hpp>

#include <cairo.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "simd_paths.hpp"
#include "thin_line_mask.hpp"

using namespace pargist::plot::detail;

namespace {

constexpr int kSize = 96;

// The segments' mask painted black onto white: the picture's bytes.
std::vector<unsigned char> painted(const std::vector<double>& ends, double width) {
  cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, kSize, kSize);
  cairo_t* cr = cairo_create(image);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  ThinLineMask mask(4, 2, kSize - 10, kSize - 6, width);
  for (std::size_t k = 0; k + 4 <= ends.size(); k += 4) mask.segment(ends[k], ends[k + 1], ends[k + 2], ends[k + 3]);
  mask.paint(cr, true);
  cairo_destroy(cr);
  cairo_surface_flush(image);
  const unsigned char* data = cairo_image_surface_get_data(image);
  std::vector<unsigned char> bytes(data, data + std::size_t(cairo_image_surface_get_stride(image)) * kSize);
  cairo_surface_destroy(image);
  return bytes;
}

}  // namespace

TEST_CASE("thin line mask: four pixels across at a time cover as one at a time", "[plg][pixels]") {
  if (!use_avx2()) return;  // a CPU without AVX2: one path only
  std::uint32_t s = 4711;
  auto next = [&] {
    s = s * 1664525u + 1013904223u;
    return double(s >> 8) / double(1u << 24);
  };
  std::vector<double> ends;
  for (int i = 0; i < 300; ++i) {
    const double x = -10 + 116 * next(), y = -10 + 116 * next();
    const double len = i % 3 == 0 ? 40 * next() : 3 * next();  // long and short
    const double dx = (next() - 0.5) * len, dy = (next() - 0.5) * len * (i % 2 ? 8 : 0.125);  // steep, shallow
    ends.insert(ends.end(), {x, y, x + dx, y + dy});
  }
  ends.insert(ends.end(), {20, 20, 20, 20, 30.5, 10, 30.5, 80, 10, 40.5, 80, 40.5});  // a dot, vertical, horizontal
  for (double width : {1.0, 1.5, 2.0}) {
    INFO("width " << width);
    set_use_avx2(true);
    const std::vector<unsigned char> avx2 = painted(ends, width);
    set_use_avx2(false);
    const std::vector<unsigned char> one_by_one = painted(ends, width);
    set_use_avx2(true);
    CHECK(avx2 == one_by_one);
    std::size_t inked = 0;
    for (std::size_t k = 0; k < avx2.size(); k += 4) inked += avx2[k] < 255;
    CHECK(inked > 1000);
  }
}
