// Markers drawn straight into the pixels of an ARGB32 image: the marker's
// shape (or a letter's glyph) is rendered once into 8-bit coverage, a
// "stamp", then composited at every point in one pass over the points. A
// million markers cost a million small blends, not a million Cairo paths.
#pragma once

#include <cairo.h>
#include <emmintrin.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "pargist/libplot/frame.hpp"

namespace pargist::plot::detail {

/// Half the width of marker shape `marker` of full size `size` (device units).
inline double marker_half(double size) { return 0.3 * size; }

/// Appends the path of marker `m` centred at each point to the current path.
template <class FX, class FY>
void append_marker_paths(cairo_t* cr, int m, double size, std::size_t n, const double* x,
                         const double* y, FX fx, FY fy) {
  const double h = marker_half(size);
  const double d = h * 0.70710678;  // the diagonal arms of * and x
  const double dot = std::max(0.5, 0.05 * size);
  for (std::size_t i = 0; i < n; ++i) {
    const double cx = fx(x[i]), cy = fy(y[i]);
    switch (m) {
      case marker_point:
        cairo_rectangle(cr, cx - dot, cy - dot, 2 * dot, 2 * dot);
        break;
      case marker_plus:
        cairo_move_to(cr, cx - h, cy); cairo_line_to(cr, cx + h, cy);
        cairo_move_to(cr, cx, cy - h); cairo_line_to(cr, cx, cy + h);
        break;
      case marker_asterisk:
        cairo_move_to(cr, cx - h, cy); cairo_line_to(cr, cx + h, cy);
        cairo_move_to(cr, cx, cy - h); cairo_line_to(cr, cx, cy + h);
        cairo_move_to(cr, cx - d, cy - d); cairo_line_to(cr, cx + d, cy + d);
        cairo_move_to(cr, cx - d, cy + d); cairo_line_to(cr, cx + d, cy - d);
        break;
      case marker_circle:
        cairo_new_sub_path(cr);
        cairo_arc(cr, cx, cy, h, 0, 2 * 3.14159265358979323846);
        break;
      default:  // cross
        cairo_move_to(cr, cx - d, cy - d); cairo_line_to(cr, cx + d, cy + d);
        cairo_move_to(cr, cx - d, cy + d); cairo_line_to(cr, cx + d, cy - d);
        break;
    }
  }
}

/// Pixels of an ARGB32 image surface.
struct StampTarget {
  unsigned char* data;
  int width, height, stride;
};

/// The pixels markers may touch: [x0, x1) x [y0, y1).
struct PixelClip {
  int x0, y0, x1, y1;
};

/// floor() for |v| < 2^31 without a library call (x86-64's baseline has no
/// rounding instruction), exact.
inline int floor_int(double v) {
  const int t = int(v);
  return t - (v < double(t));
}

/// A marker rendered once into an 8-bit coverage mask.
class MarkerStamp {
 public:
  /// How a partly covered pixel is mixed with the colour. Shapes round
  /// v / 255 once; glyphs mix as Cairo (pixman) composites a glyph mask, so
  /// that a letter marker is the very picture Cairo's text would give.
  enum class Blend { shape, glyph };

  /// Gist's marker 1..5 of full size `size` (device units), centred on the
  /// pixel that contains the point; antialiased, or whole pixels (a draft).
  MarkerStamp(int marker, double size, bool antialias = true);
  /// The coverage of an A8 image (`stride` bytes a row) whose origin is
  /// the pixel (ox, oy) of that image.
  MarkerStamp(const unsigned char* a8, int width, int height, int stride, int ox, int oy);

  /// Composites the stamp in colour `rgb` at points 0..n-1 into opaque
  /// pixels: origin(i, px, py) stores the pixel of point i's origin (within
  /// +-1e9) and returns false for a point that is not drawn. Pixels outside
  /// `clip` (which lies inside the image) are left alone.
  template <class Origin>
  void draw(const StampTarget& dst, std::size_t n, Origin&& origin, Rgb rgb, const PixelClip& clip) const;

 private:
  // The covered pixels only (a '+' of 6 pixels covers 11 of 49): offsets
  // from the origin pixel and coverage 1..255, row by row, left to right.
  struct Texel {
    int dx, dy;
    unsigned coverage;
  };
  // The stamp ready for one target and colour. Whole rows of 4 pixels
  // (the texels of a row and the uncovered pixels between them, which blend
  // to themselves), for stamps wholly inside the clip; single texels for
  // those cut by it. Weights: of the old pixel (`keep` = 255 - coverage)
  // and the colour's share (coverage times the colour, rounded for glyphs).
  struct Quad {
    std::ptrdiff_t offset;  // of its first pixel from the origin's
    std::uint16_t keep[16], share[16];  // per byte of the 4 pixels (B, G, R, A each)
  };
  struct Single {
    int dx, dy;
    std::uint16_t keep, share[3];  // share of B, G, R
  };
  struct Prepared {
    std::vector<Quad> quads;
    std::vector<Single> singles;
    int right = 0;  // rightmost pixel the quads touch, from the origin
  };
  Prepared prepare(int stride_pixels, Rgb rgb) const;
  template <Blend B>
  static void blend_quad(std::uint32_t* at, const Quad& q);
  template <Blend B>
  static void blend_single(std::uint32_t* pixel, const Single& t);
  template <Blend B, class Origin>
  void draw_with(const StampTarget& dst, std::size_t n, Origin& origin, Rgb rgb, const PixelClip& clip) const;

  Blend blend_ = Blend::shape;
  int left_ = 0, top_ = 0, right_ = 0, bottom_ = 0;  // extent of the texels around the origin
  std::vector<Texel> texels_;
};

// The two mixes on one byte d of the old pixel, exact in 16 bits:
//   shape: (share + d keep) / 255 rounded, as (a + (a >> 8)) >> 8 with
//          a = share + d keep + 1 (the same as (v 257 + 257) >> 16);
//   glyph: share + d keep / 255 rounded as pixman's MUL_UN8, saturated.
template <MarkerStamp::Blend B>
inline void MarkerStamp::blend_single(std::uint32_t* pixel, const Single& t) {
  const std::uint32_t p = *pixel;
  std::uint32_t out = 0xff000000u;
  for (int c = 0; c < 3; ++c) {
    const std::uint32_t d = (p >> (8 * c)) & 0xff;
    std::uint32_t v;
    if constexpr (B == Blend::shape) {
      const std::uint32_t a = t.share[c] + d * t.keep + 1;
      v = (a + (a >> 8)) >> 8;
    } else {
      const std::uint32_t m = d * t.keep + 0x80;
      v = std::min<std::uint32_t>(255, t.share[c] + ((m + (m >> 8)) >> 8));
    }
    out |= v << (8 * c);
  }
  *pixel = out;
}

template <MarkerStamp::Blend B>
inline void MarkerStamp::blend_quad(std::uint32_t* at, const Quad& q) {
  const __m128i zero = _mm_setzero_si128();
  const __m128i px = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
  // No test for pixels already of the shape's colour (the mix leaves them
  // exactly as they are): where markers pile up at random, that branch
  // went either way and its mispredictions cost more than the mixes
  // (scatter of 1e5 points: 3.9 -> 2.3 ms a render).
  __m128i half[2] = {_mm_unpacklo_epi8(px, zero), _mm_unpackhi_epi8(px, zero)};
  for (int h = 0; h < 2; ++h) {
    const __m128i keep = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q.keep + 8 * h));
    const __m128i share = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q.share + 8 * h));
    const __m128i dk = _mm_mullo_epi16(half[h], keep);
    if constexpr (B == Blend::shape) {
      const __m128i a = _mm_add_epi16(_mm_add_epi16(dk, share), _mm_set1_epi16(1));
      half[h] = _mm_srli_epi16(_mm_add_epi16(a, _mm_srli_epi16(a, 8)), 8);
    } else {
      const __m128i m = _mm_add_epi16(dk, _mm_set1_epi16(0x80));
      half[h] = _mm_add_epi16(share, _mm_srli_epi16(_mm_add_epi16(m, _mm_srli_epi16(m, 8)), 8));
    }
  }
  // packus saturates at 255 (the glyph's sum); the pixels stay opaque.
  const __m128i out = _mm_or_si128(_mm_packus_epi16(half[0], half[1]), _mm_set1_epi32(int(0xff000000u)));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(at), out);
}

template <class Origin>
void MarkerStamp::draw(const StampTarget& dst, std::size_t n, Origin&& origin, Rgb rgb, const PixelClip& clip) const {
  if (texels_.empty() || clip.x0 >= clip.x1 || clip.y0 >= clip.y1) return;
  if (blend_ == Blend::shape)
    draw_with<Blend::shape>(dst, n, origin, rgb, clip);
  else
    draw_with<Blend::glyph>(dst, n, origin, rgb, clip);
}

template <MarkerStamp::Blend B, class Origin>
void MarkerStamp::draw_with(const StampTarget& dst, std::size_t n, Origin& origin, Rgb rgb,
                            const PixelClip& clip) const {
  const int stride_pixels = dst.stride / 4;
  const Prepared prepared = prepare(stride_pixels, rgb);
  auto* const pixels = reinterpret_cast<std::uint32_t*>(dst.data);
  // Origins for which every quad is inside the clip: no per-pixel checks.
  const int in_x0 = clip.x0 - left_, in_x1 = clip.x1 - prepared.right, in_y0 = clip.y0 - top_,
            in_y1 = clip.y1 - bottom_;
  // By blocks: the origins of many points first, then their blends (the
  // two loops run faster apart than interleaved point by point).
  constexpr std::size_t block = 128;
  int ox[block], oy[block];
  for (std::size_t b = 0; b < n; b += block) {
    const std::size_t m = std::min(block, n - b);
    std::size_t count = 0;
    for (std::size_t k = 0; k < m; ++k) {
      int px, py;
      if (origin(b + k, px, py)) ox[count] = px, oy[count] = py, ++count;
    }
    for (std::size_t k = 0; k < count; ++k) {
      const int px = ox[k], py = oy[k];
      if (px >= in_x0 && px < in_x1 && py >= in_y0 && py < in_y1) {
        std::uint32_t* const at = pixels + std::ptrdiff_t(py) * stride_pixels + px;
        for (const Quad& q : prepared.quads) blend_quad<B>(at + q.offset, q);
        continue;
      }
      if (px + right_ < clip.x0 || px + left_ >= clip.x1 || py + bottom_ < clip.y0 || py + top_ >= clip.y1) continue;
      for (const Single& t : prepared.singles) {  // the clip cuts this one: pixel by pixel
        const int qx = px + t.dx, qy = py + t.dy;
        if (qx >= clip.x0 && qx < clip.x1 && qy >= clip.y0 && qy < clip.y1)
          blend_single<B>(pixels + std::ptrdiff_t(qy) * stride_pixels + qx, t);
      }
    }
  }
}

}  // namespace pargist::plot::detail
