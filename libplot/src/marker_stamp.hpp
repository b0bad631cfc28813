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
#include <type_traits>
#include <vector>

#include "pargist/libplot/frame.hpp"
#include "simd_paths.hpp"

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

/// The origin of a point that is not drawn: far outside any clip.
inline constexpr int kNoPixel = -(1 << 30);

/// The pixels (floor) of device points 0..n-1: kNoPixel for a point
/// beyond +-1e9 or not finite. Two points at a time (SSE2), branch-free.
void floor_pixels(const double* x, const double* y, std::size_t n, int* px, int* py);

/// A linear map onto device units: (wx kx + cx, wy ky + cy).
struct DeviceAffine {
  double kx, cx, ky, cy;
};

/// floor_pixels of the points (wx[i] kx + cx, wy[i] ky + cy), i < n (the
/// multiply and the add rounded apart, never fused): with AVX2, where the
/// CPU has it, the map and the floor of four points at once, with no
/// device points stored between them.
void floor_pixels_mapped(const double* wx, const double* wy, std::size_t n, const DeviceAffine& map, int* px,
                         int* py);

/// A marker rendered once into an 8-bit coverage mask.
class MarkerStamp {
 public:
  /// How a partly covered pixel is mixed with the colour. Shapes round
  /// v / 255 once; glyphs mix as Cairo (pixman) composites a glyph mask, so
  /// that a letter marker is the very picture Cairo's text would give.
  enum class Blend { shape, glyph };

  /// Points are handed over this many at a time.
  static constexpr std::size_t block = 128;

  /// Gist's marker 1..5 of full size `size` (device units), centred on the
  /// pixel that contains the point; antialiased, or whole pixels (a draft).
  MarkerStamp(int marker, double size, bool antialias = true);
  /// The coverage of an A8 image (`stride` bytes a row) whose origin is
  /// the pixel (ox, oy) of that image.
  MarkerStamp(const unsigned char* a8, int width, int height, int stride, int ox, int oy);

  /// Composites the stamp in colour `rgb` at points 0..n-1, in their order,
  /// into opaque pixels: origins(first, count, px, py) stores the pixels of
  /// the origins of points first..first+count-1 (count <= block) in px[],
  /// py[], within +-1e9, or kNoPixel for a point that is not drawn. Pixels
  /// outside `clip` (which lies inside the image) are left alone.
  template <class Origins>
  void draw(const StampTarget& dst, std::size_t n, Origins&& origins, Rgb rgb, const PixelClip& clip) const;

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
    // Per byte of the 4 pixels (B, G, R, A each): `keep`, and what is added
    // to the old byte times `keep`: for shapes before the division by 255
    // (the share plus 1, the rounding), for glyphs after it (the share).
    std::uint16_t keep[16], add[16];
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
  // One quad's weights, loaded: the low and high two pixels.
  struct QuadWeights {
    std::ptrdiff_t offset;
    __m128i keep[2], add[2];
  };
  // A block of origins sorted, in the points' order: the pixel offsets of
  // those whose quads all lie inside the clip, and those the clip cuts,
  // with how many inside points come before each.
  struct SortedBlock {
    std::ptrdiff_t inside[block];
    int cut_x[block], cut_y[block];
    std::size_t cut_after[block];
    std::size_t n_in = 0, n_cut = 0;
  };
  // The origins whose quads all lie inside, and those whose texels may
  // touch the clip: [x0, x0 + w) x [y0, y0 + h) each (w, h >= 0).
  struct OriginBounds {
    int x0, y0, w, h;
  };
  static void sort_block(const int* ox, const int* oy, std::size_t m, const OriginBounds& inside,
                         const OriginBounds& touching, int stride_pixels, SortedBlock& out);
  Prepared prepare(int stride_pixels, Rgb rgb) const;
  static QuadWeights load(const Quad& q);
  template <Blend B>
  static void blend_quad(std::uint32_t* at, const QuadWeights& w);
  template <Blend B>
  static void blend_single(std::uint32_t* pixel, const Single& t);
  template <Blend B, int N>
  static void blend_inside(std::uint32_t* pixels, const std::ptrdiff_t* at, std::size_t count, const Prepared& p);
  // The same with AVX2: each quad's 16 bytes widened into one register.
  template <Blend B, int N>
  static void blend_inside_avx2(std::uint32_t* pixels, const std::ptrdiff_t* at, std::size_t count,
                                const Prepared& p);
  // blend_inside (or blend_inside_avx2) for the stamp's number of quads.
  template <Blend B, bool Avx2>
  static void blend_all_inside(std::uint32_t* pixels, const std::ptrdiff_t* at, std::size_t count,
                               const Prepared& p);
  template <Blend B>
  static void blend_cut(std::uint32_t* pixels, int stride_pixels, int px, int py, const Prepared& p,
                        const PixelClip& clip);
  template <Blend B, class Origins>
  void draw_with(const StampTarget& dst, std::size_t n, Origins& origins, Rgb rgb, const PixelClip& clip) const;

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

inline MarkerStamp::QuadWeights MarkerStamp::load(const Quad& q) {
  QuadWeights w;
  w.offset = q.offset;
  for (int h = 0; h < 2; ++h) {
    w.keep[h] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q.keep + 8 * h));
    w.add[h] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q.add + 8 * h));
  }
  return w;
}

// The same mixes on 4 pixels, with (a + (a >> 8)) >> 8 as one multiply:
// (a 257) >> 16, the high half of a 16-bit product (a < 65536).
template <MarkerStamp::Blend B>
inline void MarkerStamp::blend_quad(std::uint32_t* at, const QuadWeights& w) {
  const __m128i zero = _mm_setzero_si128(), k257 = _mm_set1_epi16(257);
  const __m128i px = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
  // No test for pixels already of the shape's colour (the mix leaves them
  // exactly as they are): where markers pile up at random, that branch
  // went either way and its mispredictions cost more than the mixes
  // (scatter of 1e5 points: 3.9 -> 2.3 ms a render).
  __m128i half[2] = {_mm_unpacklo_epi8(px, zero), _mm_unpackhi_epi8(px, zero)};
  for (int h = 0; h < 2; ++h) {
    const __m128i dk = _mm_mullo_epi16(half[h], w.keep[h]);
    if constexpr (B == Blend::shape)
      half[h] = _mm_mulhi_epu16(_mm_add_epi16(dk, w.add[h]), k257);
    else
      half[h] = _mm_add_epi16(w.add[h], _mm_mulhi_epu16(_mm_add_epi16(dk, _mm_set1_epi16(0x80)), k257));
  }
  // packus saturates at 255 (the glyph's sum); the pixels stay opaque.
  const __m128i out = _mm_or_si128(_mm_packus_epi16(half[0], half[1]), _mm_set1_epi32(int(0xff000000u)));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(at), out);
}

// The stamp at the pixel offsets at[0..count-1], every quad inside the
// clip. N > 0: the stamp has N quads, whose weights stay in registers
// across the points (a point's dot has 3); N = 0: any number.
template <MarkerStamp::Blend B, int N>
inline void MarkerStamp::blend_inside(std::uint32_t* pixels, const std::ptrdiff_t* at, std::size_t count,
                                      const Prepared& p) {
  if constexpr (N > 0) {
    QuadWeights w[N];
    for (int q = 0; q < N; ++q) w[q] = load(p.quads[q]);
    for (std::size_t k = 0; k < count; ++k) {
      std::uint32_t* const origin = pixels + at[k];  // once: the stores could alias at[] for the compiler
      for (int q = 0; q < N; ++q) blend_quad<B>(origin + w[q].offset, w[q]);
    }
  } else {
    for (std::size_t k = 0; k < count; ++k)
      for (const Quad& q : p.quads) blend_quad<B>(pixels + at[k] + q.offset, load(q));
  }
}

#if PARGIST_AVX2_PATHS
// blend_quad with the 4 pixels' 16 bytes widened to 16-bit lanes of one
// AVX2 register: the same operations on each lane.
template <MarkerStamp::Blend B>
__attribute__((target("avx2"), always_inline)) inline void blend_quad_avx2(std::uint32_t* at, __m256i keep,
                                                                            __m256i add) {
  const __m256i k257 = _mm256_set1_epi16(257);
  const __m256i px = _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at)));
  const __m256i dk = _mm256_mullo_epi16(px, keep);
  __m256i v;
  if constexpr (B == MarkerStamp::Blend::shape)
    v = _mm256_mulhi_epu16(_mm256_add_epi16(dk, add), k257);
  else
    v = _mm256_add_epi16(add, _mm256_mulhi_epu16(_mm256_add_epi16(dk, _mm256_set1_epi16(0x80)), k257));
  const __m128i out = _mm_packus_epi16(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(at), _mm_or_si128(out, _mm_set1_epi32(int(0xff000000u))));
}

template <MarkerStamp::Blend B, int N>
__attribute__((target("avx2"))) void MarkerStamp::blend_inside_avx2(std::uint32_t* pixels, const std::ptrdiff_t* at,
                                                                     std::size_t count, const Prepared& p) {
  if constexpr (N > 0) {
    std::ptrdiff_t offset[N];
    __m256i keep[N], add[N];
    for (int q = 0; q < N; ++q)
      offset[q] = p.quads[q].offset, keep[q] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p.quads[q].keep)),
      add[q] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p.quads[q].add));
    for (std::size_t k = 0; k < count; ++k) {
      std::uint32_t* const origin = pixels + at[k];
      for (int q = 0; q < N; ++q) blend_quad_avx2<B>(origin + offset[q], keep[q], add[q]);
    }
  } else {
    for (std::size_t k = 0; k < count; ++k)
      for (const Quad& q : p.quads)
        blend_quad_avx2<B>(pixels + at[k] + q.offset, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q.keep)),
                           _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q.add)));
  }
}

#else
template <MarkerStamp::Blend B, int N>
void MarkerStamp::blend_inside_avx2(std::uint32_t* pixels, const std::ptrdiff_t* at, std::size_t count,
                                    const Prepared& p) {
  blend_inside<B, N>(pixels, at, count, p);
}
#endif

template <MarkerStamp::Blend B, bool Avx2>
void MarkerStamp::blend_all_inside(std::uint32_t* pixels, const std::ptrdiff_t* at, std::size_t count,
                                   const Prepared& p) {
  if (count == 0) return;
  auto blend = [&](auto quads) {
    constexpr int N = decltype(quads)::value;
    if constexpr (Avx2) blend_inside_avx2<B, N>(pixels, at, count, p);
    else blend_inside<B, N>(pixels, at, count, p);
  };
  switch (p.quads.size()) {
    case 1: blend(std::integral_constant<int, 1>{}); break;
    case 2: blend(std::integral_constant<int, 2>{}); break;
    case 3: blend(std::integral_constant<int, 3>{}); break;
    case 4: blend(std::integral_constant<int, 4>{}); break;
    default: blend(std::integral_constant<int, 0>{}); break;
  }
}

// The stamp at origin (px, py) where the clip cuts it: pixel by pixel.
template <MarkerStamp::Blend B>
void MarkerStamp::blend_cut(std::uint32_t* pixels, int stride_pixels, int px, int py, const Prepared& p,
                            const PixelClip& clip) {
  for (const Single& t : p.singles) {
    const int qx = px + t.dx, qy = py + t.dy;
    if (qx >= clip.x0 && qx < clip.x1 && qy >= clip.y0 && qy < clip.y1)
      blend_single<B>(pixels + std::ptrdiff_t(qy) * stride_pixels + qx, t);
  }
}

template <class Origins>
void MarkerStamp::draw(const StampTarget& dst, std::size_t n, Origins&& origins, Rgb rgb, const PixelClip& clip) const {
  if (texels_.empty() || clip.x0 >= clip.x1 || clip.y0 >= clip.y1) return;
  if (blend_ == Blend::shape)
    draw_with<Blend::shape>(dst, n, origins, rgb, clip);
  else
    draw_with<Blend::glyph>(dst, n, origins, rgb, clip);
}

template <MarkerStamp::Blend B, class Origins>
void MarkerStamp::draw_with(const StampTarget& dst, std::size_t n, Origins& origins, Rgb rgb,
                            const PixelClip& clip) const {
  const int stride_pixels = dst.stride / 4;
  const Prepared prepared = prepare(stride_pixels, rgb);
  auto* const pixels = reinterpret_cast<std::uint32_t*>(dst.data);
  // Origins for which every quad is inside the clip: no per-pixel checks.
  const OriginBounds inside{clip.x0 - left_, clip.y0 - top_, std::max(0, clip.x1 - prepared.right - (clip.x0 - left_)),
                            std::max(0, clip.y1 - bottom_ - (clip.y0 - top_))};
  const OriginBounds touching{clip.x0 - right_, clip.y0 - bottom_, clip.x1 - left_ - (clip.x0 - right_),
                              clip.y1 - top_ - (clip.y0 - bottom_)};
  // By blocks: the origins of many points first, sorted, then the blends,
  // in the points' order (overlapping dots mix in the order they were given).
  int ox[block], oy[block];
  SortedBlock sorted;
  const bool avx2 = use_avx2();
  auto blend_inside = [&](const std::ptrdiff_t* at, std::size_t count) {
    if (avx2) blend_all_inside<B, true>(pixels, at, count, prepared);
    else blend_all_inside<B, false>(pixels, at, count, prepared);
  };
  for (std::size_t b = 0; b < n; b += block) {
    const std::size_t m = std::min(block, n - b);
    origins(b, m, ox, oy);
    sort_block(ox, oy, m, inside, touching, stride_pixels, sorted);
    std::size_t done = 0;
    for (std::size_t j = 0; j < sorted.n_cut; ++j) {
      blend_inside(sorted.inside + done, sorted.cut_after[j] - done);
      done = sorted.cut_after[j];
      blend_cut<B>(pixels, stride_pixels, sorted.cut_x[j], sorted.cut_y[j], prepared, clip);
    }
    blend_inside(sorted.inside + done, sorted.n_in - done);
  }
}

}  // namespace pargist::plot::detail
