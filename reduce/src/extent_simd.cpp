#include "extent_simd.hpp"

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#include <immintrin.h>

#include <limits>

namespace pargist::reduce::detail {

namespace {

// Elements checked between two looks at the non-finite flag: an array with a
// NaN near its start stops early, and the flag's check stays off the loop.
constexpr std::size_t block = 4096;

__attribute__((target("avx2"))) inline double lowest(__m256d v) {
  const __m128d m = _mm_min_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
  return _mm_cvtsd_f64(_mm_min_sd(m, _mm_unpackhi_pd(m, m)));
}

__attribute__((target("avx2"))) inline double highest(__m256d v) {
  const __m128d m = _mm_max_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
  return _mm_cvtsd_f64(_mm_max_sd(m, _mm_unpackhi_pd(m, m)));
}

}  // namespace

__attribute__((target("avx2"))) bool finite_extent_avx2(const double* v, std::size_t n, double* lo, double* hi) {
  const double inf = std::numeric_limits<double>::infinity();
  // Two accumulators of each kind: min and max take 4 cycles and two can
  // start per cycle, so one chain would leave the units idle.
  __m256d lo0 = _mm256_set1_pd(inf), lo1 = lo0, hi0 = _mm256_set1_pd(-inf), hi1 = hi0;
  // x - x is 0 for a finite x and NaN for a NaN or an infinity; their sum
  // turns NaN at the first such value and stays so.
  __m256d flag = _mm256_setzero_pd();
  std::size_t i = 0;
  while (i + 8 <= n) {
    const std::size_t stop = i + block < n ? i + block : n;
    for (; i + 8 <= stop; i += 8) {
      const __m256d a = _mm256_loadu_pd(v + i), b = _mm256_loadu_pd(v + i + 4);
      lo0 = _mm256_min_pd(lo0, a);
      lo1 = _mm256_min_pd(lo1, b);
      hi0 = _mm256_max_pd(hi0, a);
      hi1 = _mm256_max_pd(hi1, b);
      flag = _mm256_add_pd(flag, _mm256_add_pd(_mm256_sub_pd(a, a), _mm256_sub_pd(b, b)));
    }
    if (_mm256_movemask_pd(_mm256_cmp_pd(flag, flag, _CMP_UNORD_Q)) != 0) return false;
  }
  double l = lowest(_mm256_min_pd(lo0, lo1)), h = highest(_mm256_max_pd(hi0, hi1));
  for (; i < n; ++i) {
    if (!(v[i] - v[i] == 0.0)) return false;
    l = v[i] < l ? v[i] : l;
    h = v[i] > h ? v[i] : h;
  }
  if (n == 0 || l == 0.0 || h == 0.0) return false;
  *lo = l;
  *hi = h;
  return true;
}

}  // namespace pargist::reduce::detail

#else

namespace pargist::reduce::detail {

bool finite_extent_avx2(const double*, std::size_t, double*, double*) { return false; }

}  // namespace pargist::reduce::detail

#endif
