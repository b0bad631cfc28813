// Internal: NDC coordinates to Gist's VDC, CGM's big-endian 16-bit integers.
#pragma once

#include "cgm_gist_dialect.hpp"

#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pargist::cgm {

// NDC to VDC, rounded half away from zero (std::round's rule) and clamped
// to 16 bits, NaN to 0: inline, without a call to round() per coordinate.
inline int to_vdc(double ndc) {
  const double v = ndc * gist::kVdcPerNdc;
  if (!(v > -32768.0)) return v != v ? 0 : -32768;
  if (v > 32767.0) return 32767;
  const int i = static_cast<int>(v);  // toward zero
  const double rest = v - i;          // exact: |v| < 2^15
  return i + int(rest >= 0.5) - int(rest <= -0.5);  // no branch: halves come at random
}

// Appends a VDC coordinate as CGM's big-endian 16-bit integer.
inline std::uint8_t* put_vdc(std::uint8_t* out, double ndc) {
  const auto v = static_cast<std::uint16_t>(static_cast<std::int16_t>(to_vdc(ndc)));
  out[0] = std::uint8_t(v >> 8);
  out[1] = std::uint8_t(v);
  return out + 2;
}

#if defined(__SSE2__)
// to_vdc of two coordinates, as doubles holding the integers.
inline __m128d to_vdc2(__m128d ndc) {
  __m128d v = _mm_mul_pd(ndc, _mm_set1_pd(gist::kVdcPerNdc));
  v = _mm_and_pd(v, _mm_cmpord_pd(v, v));  // NaN to 0
  // max and min return their second operand when the first is NaN: none is left.
  v = _mm_min_pd(_mm_max_pd(v, _mm_set1_pd(-32768.0)), _mm_set1_pd(32767.0));
  const __m128d whole = _mm_cvtepi32_pd(_mm_cvttpd_epi32(v));  // toward zero, exact below 2^31
  const __m128d rest = _mm_sub_pd(v, whole);
  const __m128d one = _mm_set1_pd(1.0);
  const __m128d up = _mm_and_pd(_mm_cmpge_pd(rest, _mm_set1_pd(0.5)), one);
  const __m128d down = _mm_and_pd(_mm_cmple_pd(rest, _mm_set1_pd(-0.5)), one);
  return _mm_sub_pd(_mm_add_pd(whole, up), down);
}
#endif

// The points (x[i], y[i]) for i in [from, to) as VDC pairs, 4 bytes a point.
inline std::uint8_t* put_vdc_points(std::uint8_t* out, const double* x, const double* y, std::size_t from,
                                    std::size_t to) {
  std::size_t i = from;
#if defined(__SSE2__)
  for (; i + 4 <= to; i += 4) {
    const __m128i x01 = _mm_cvttpd_epi32(to_vdc2(_mm_loadu_pd(x + i)));  // x0 x1 in the low half
    const __m128i x23 = _mm_cvttpd_epi32(to_vdc2(_mm_loadu_pd(x + i + 2)));
    const __m128i y01 = _mm_cvttpd_epi32(to_vdc2(_mm_loadu_pd(y + i)));
    const __m128i y23 = _mm_cvttpd_epi32(to_vdc2(_mm_loadu_pd(y + i + 2)));
    const __m128i xs = _mm_unpacklo_epi64(x01, x23), ys = _mm_unpacklo_epi64(y01, y23);
    // x0 y0 x1 y1 x2 y2 x3 y3 as 16-bit integers (in range: packs saturates nothing).
    __m128i pairs = _mm_packs_epi32(_mm_unpacklo_epi32(xs, ys), _mm_unpackhi_epi32(xs, ys));
    pairs = _mm_or_si128(_mm_slli_epi16(pairs, 8), _mm_srli_epi16(pairs, 8));  // big-endian
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), pairs);
    out += 16;
  }
#endif
  for (; i < to; ++i) {
    out = put_vdc(out, x[i]);
    out = put_vdc(out, y[i]);
  }
  return out;
}

}  // namespace pargist::cgm
