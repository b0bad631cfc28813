// Marker stamps: a shape or a glyph rendered once, then composited per point.
#include "marker_stamp.hpp"

#include <algorithm>

namespace pargist::plot::detail {

void floor_pixels(const double* x, const double* y, std::size_t n, int* px, int* py) {
  const __m128d lo = _mm_set1_pd(-1e9), hi = _mm_set1_pd(1e9);
  const __m128i none = _mm_set1_epi32(kNoPixel);
  // The low 32 bits of each 64-bit lane's mask, in the two low int lanes.
  auto narrow = [](__m128d mask) { return _mm_shuffle_epi32(_mm_castpd_si128(mask), _MM_SHUFFLE(3, 3, 2, 0)); };
  // floor as floor_int: truncated, minus 1 where that went up (v < 0).
  auto floor2 = [&](__m128d v) {
    const __m128i t = _mm_cvttpd_epi32(v);
    return _mm_add_epi32(t, narrow(_mm_cmplt_pd(v, _mm_cvtepi32_pd(t))));
  };
  std::size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    const __m128d vx = _mm_loadu_pd(x + i), vy = _mm_loadu_pd(y + i);
    // NaN compares false: not drawn.
    const __m128d ok = _mm_and_pd(_mm_and_pd(_mm_cmpgt_pd(vx, lo), _mm_cmplt_pd(vx, hi)),
                                  _mm_and_pd(_mm_cmpgt_pd(vy, lo), _mm_cmplt_pd(vy, hi)));
    const __m128i keep = narrow(ok);
    auto pick = [&](__m128i v) { return _mm_or_si128(_mm_and_si128(keep, v), _mm_andnot_si128(keep, none)); };
    _mm_storel_epi64(reinterpret_cast<__m128i*>(px + i), pick(floor2(vx)));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(py + i), pick(floor2(vy)));
  }
  for (; i < n; ++i) {
    const bool ok = x[i] > -1e9 && x[i] < 1e9 && y[i] > -1e9 && y[i] < 1e9;
    px[i] = ok ? floor_int(x[i]) : kNoPixel;
    py[i] = ok ? floor_int(y[i]) : kNoPixel;
  }
}

namespace {

#if PARGIST_AVX2_PATHS
// Four points at a time: mapped (multiply, then add: "avx2" enables no
// FMA), checked against +-1e9 (NaN fails), floored exactly (vroundpd),
// kNoPixel put in the lanes not drawn before the conversion.
__attribute__((target("avx2"))) std::size_t floor_mapped_avx2(const double* wx, const double* wy, std::size_t n,
                                                              const DeviceAffine& m, int* px, int* py) {
  const __m256d lo = _mm256_set1_pd(-1e9), hi = _mm256_set1_pd(1e9), none = _mm256_set1_pd(kNoPixel);
  const __m256d kx = _mm256_set1_pd(m.kx), cx = _mm256_set1_pd(m.cx), ky = _mm256_set1_pd(m.ky),
                cy = _mm256_set1_pd(m.cy);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d x = _mm256_add_pd(_mm256_mul_pd(_mm256_loadu_pd(wx + i), kx), cx);
    const __m256d y = _mm256_add_pd(_mm256_mul_pd(_mm256_loadu_pd(wy + i), ky), cy);
    const __m256d ok = _mm256_and_pd(_mm256_and_pd(_mm256_cmp_pd(x, lo, _CMP_GT_OQ), _mm256_cmp_pd(x, hi, _CMP_LT_OQ)),
                                     _mm256_and_pd(_mm256_cmp_pd(y, lo, _CMP_GT_OQ), _mm256_cmp_pd(y, hi, _CMP_LT_OQ)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(px + i), _mm256_cvttpd_epi32(_mm256_blendv_pd(none, _mm256_floor_pd(x), ok)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(py + i), _mm256_cvttpd_epi32(_mm256_blendv_pd(none, _mm256_floor_pd(y), ok)));
  }
  return i;
}
#endif

}  // namespace

void floor_pixels_mapped(const double* wx, const double* wy, std::size_t n, const DeviceAffine& m, int* px,
                         int* py) {
  std::size_t i = 0;
#if PARGIST_AVX2_PATHS
  if (use_avx2()) i = floor_mapped_avx2(wx, wy, n, m, px, py);
#endif
  // The rest (all of it without AVX2): mapped into a block, then floored.
  while (i < n) {
    constexpr std::size_t kBlock = 128;
    double x[kBlock], y[kBlock];
    const std::size_t count = std::min(kBlock, n - i);
    for (std::size_t k = 0; k < count; ++k) x[k] = wx[i + k] * m.kx + m.cx, y[k] = wy[i + k] * m.ky + m.cy;
    floor_pixels(x, y, count, px + i, py + i);
    i += count;
  }
}

void MarkerStamp::sort_block(const int* ox, const int* oy, std::size_t m, const OriginBounds& inside,
                             const OriginBounds& touching, int stride_pixels, SortedBlock& out) {
  // Four origins at a time: a < b unsigned as a signed compare with the
  // sign bits flipped; a point not drawn (kNoPixel) is in neither range.
  const __m128i sign = _mm_set1_epi32(int(0x80000000u));
  auto within = [&](__m128i v, int v0, int w) {
    return _mm_cmplt_epi32(_mm_xor_si128(_mm_sub_epi32(v, _mm_set1_epi32(v0)), sign), _mm_set1_epi32(w ^ int(0x80000000u)));
  };
  auto record = [&](std::size_t k, bool in, bool cut) {
    out.inside[out.n_in] = std::ptrdiff_t(oy[k]) * stride_pixels + ox[k];
    out.cut_x[out.n_cut] = ox[k], out.cut_y[out.n_cut] = oy[k], out.cut_after[out.n_cut] = out.n_in;
    out.n_in += in;
    out.n_cut += cut;
  };
  out.n_in = out.n_cut = 0;
  std::size_t k = 0;
  for (; k + 4 <= m; k += 4) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(ox + k));
    const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(oy + k));
    const __m128i in = _mm_and_si128(within(x, inside.x0, inside.w), within(y, inside.y0, inside.h));
    const __m128i touches = _mm_and_si128(within(x, touching.x0, touching.w), within(y, touching.y0, touching.h));
    const int in_bits = _mm_movemask_ps(_mm_castsi128_ps(in));
    const int cut_bits = _mm_movemask_ps(_mm_castsi128_ps(_mm_andnot_si128(in, touches)));
    if (cut_bits == 0) {  // the usual case: no point of the four cut by the clip
      for (int j = 0; j < 4; ++j) {
        out.inside[out.n_in] = std::ptrdiff_t(oy[k + j]) * stride_pixels + ox[k + j];
        out.n_in += (in_bits >> j) & 1;
      }
    } else {
      for (int j = 0; j < 4; ++j) record(k + j, (in_bits >> j) & 1, (cut_bits >> j) & 1);
    }
  }
  for (; k < m; ++k) {
    auto within1 = [](int v, int v0, int w) { return unsigned(v - v0) < unsigned(w); };
    const bool in = within1(ox[k], inside.x0, inside.w) && within1(oy[k], inside.y0, inside.h);
    const bool touches = within1(ox[k], touching.x0, touching.w) && within1(oy[k], touching.y0, touching.h);
    record(k, in, touches && !in);
  }
}

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
          const std::uint16_t share = c < 3 ? weigh(bgr[c], coverage) : 0;
          q.keep[4 * p + c] = std::uint16_t(255 - coverage);
          q.add[4 * p + c] = blend_ == Blend::shape ? std::uint16_t(share + 1) : share;
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
