// Internal: the length of a curve as Gist measures it to space its letter
// marks and ray arrows: each segment by the octagonal norm (NDC), summed.
// A long curve sums blocks of segments between two marks at once; with
// SSE2 two of the four sums share a register, the same values either way.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pargist::plot::detail {

/// Gist's octagonal norm: max(|dx|, |dy|, (|dx| + |dy|) / sqrt 2).
inline double octagonal_norm(double dx, double dy) {
  const double ax = std::fabs(dx), ay = std::fabs(dy), diagonal = (ax + ay) * 0.70710678118654752;
  return std::max({ax, ay, diagonal});
}

/// The length of the n segments (x[b], y[b]) -> (x[b + 1], y[b + 1]),
/// b < n (a multiple of 4), each by the octagonal norm, one that is not
/// > 0 and finite counted 0, summed in four sums (segment b into sum
/// b % 4) then (s0 + s1) + (s2 + s3). One at a time, as the reference.
inline double segments_length_scalar(const double* x, const double* y, std::size_t n) {
  auto length = [&](std::size_t b) {
    const double len = octagonal_norm(x[b + 1] - x[b], y[b + 1] - y[b]);
    return len > 0 && len <= std::numeric_limits<double>::max() ? len : 0.0;
  };
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (std::size_t b = 0; b < n; b += 4) s0 += length(b), s1 += length(b + 1), s2 += length(b + 2), s3 += length(b + 3);
  return (s0 + s1) + (s2 + s3);
}

/// segments_length_scalar's value, two segments at a time (SSE2): the
/// same operations on each, the test a mask; sums 0, 1 and 2, 3 paired.
inline double segments_length(const double* x, const double* y, std::size_t n) {
#if defined(__SSE2__)
  const __m128d sign = _mm_set1_pd(-0.0), diagonal = _mm_set1_pd(0.70710678118654752);
  const __m128d zero = _mm_setzero_pd(), most = _mm_set1_pd(std::numeric_limits<double>::max());
  auto lengths = [&](std::size_t b) {  // of segments b and b + 1
    const __m128d ax = _mm_andnot_pd(sign, _mm_sub_pd(_mm_loadu_pd(x + b + 1), _mm_loadu_pd(x + b)));
    const __m128d ay = _mm_andnot_pd(sign, _mm_sub_pd(_mm_loadu_pd(y + b + 1), _mm_loadu_pd(y + b)));
    const __m128d len = _mm_max_pd(_mm_max_pd(ax, ay), _mm_mul_pd(_mm_add_pd(ax, ay), diagonal));
    return _mm_and_pd(len, _mm_and_pd(_mm_cmpgt_pd(len, zero), _mm_cmple_pd(len, most)));
  };
  __m128d s01 = zero, s23 = zero;
  for (std::size_t b = 0; b < n; b += 4) {
    s01 = _mm_add_pd(s01, lengths(b));
    s23 = _mm_add_pd(s23, lengths(b + 2));
  }
  double s[4];
  _mm_storeu_pd(s, s01);
  _mm_storeu_pd(s + 2, s23);
  return (s[0] + s[1]) + (s[2] + s[3]);
#else
  return segments_length_scalar(x, y, n);
#endif
}

}  // namespace pargist::plot::detail
