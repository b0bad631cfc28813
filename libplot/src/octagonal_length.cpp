#include "octagonal_length.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "simd_paths.hpp"

namespace pargist::plot::detail {

namespace {

#if defined(__SSE2__)
double lengths_sse2(const double* x, const double* y, std::size_t n) {
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
}
#endif

#if PARGIST_AVX2_PATHS
__attribute__((target("avx2"))) double lengths_avx2(const double* x, const double* y, std::size_t n) {
  const __m256d sign = _mm256_set1_pd(-0.0), diagonal = _mm256_set1_pd(0.70710678118654752);
  const __m256d zero = _mm256_setzero_pd(), most = _mm256_set1_pd(std::numeric_limits<double>::max());
  __m256d sums = zero;  // sum b % 4 in lane b % 4
  for (std::size_t b = 0; b < n; b += 4) {
    const __m256d ax = _mm256_andnot_pd(sign, _mm256_sub_pd(_mm256_loadu_pd(x + b + 1), _mm256_loadu_pd(x + b)));
    const __m256d ay = _mm256_andnot_pd(sign, _mm256_sub_pd(_mm256_loadu_pd(y + b + 1), _mm256_loadu_pd(y + b)));
    const __m256d len = _mm256_max_pd(_mm256_max_pd(ax, ay), _mm256_mul_pd(_mm256_add_pd(ax, ay), diagonal));
    const __m256d counted = _mm256_and_pd(_mm256_cmp_pd(len, zero, _CMP_GT_OQ), _mm256_cmp_pd(len, most, _CMP_LE_OQ));
    sums = _mm256_add_pd(sums, _mm256_and_pd(len, counted));
  }
  double s[4];
  _mm256_storeu_pd(s, sums);
  return (s[0] + s[1]) + (s[2] + s[3]);
}
#endif

}  // namespace

double segments_length(const double* x, const double* y, std::size_t n) {
#if PARGIST_AVX2_PATHS
  if (use_avx2()) return lengths_avx2(x, y, n);
#endif
#if defined(__SSE2__)
  return lengths_sse2(x, y, n);
#else
  return segments_length_scalar(x, y, n);
#endif
}

}  // namespace pargist::plot::detail
