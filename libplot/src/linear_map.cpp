#include "linear_map.hpp"

#include <cstdint>
#include <cstring>

#include "simd_paths.hpp"

namespace pargist::plot::detail {

namespace {

// Point by point (the compiler vectorises the loop, two points at a time).
bool map_plain(const double* wx, const double* wy, std::size_t n, const LinearAxis& ax, const LinearAxis& ay,
               double* ox, double* oy) {
  // Not finite = exponent all ones: adding one to the exponent field
  // then carries into the sign bit. Integer operations, unlike
  // floating-point comparisons, let the compiler vectorise the loop.
  auto not_finite = [](double v) {
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    constexpr std::uint64_t kExponent = 0x7ff0000000000000ull;
    return (bits & kExponent) + (std::uint64_t(1) << 52);
  };
  std::uint64_t any = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = ax(wx[i]), y = ay(wy[i]);
    ox[i] = x;
    oy[i] = y;
    any |= not_finite(wx[i]) | not_finite(wy[i]) | not_finite(x) | not_finite(y);
  }
  return (any >> 63) == 0;
}

#if PARGIST_AVX2_PATHS
// LinearAxis::operator() on four lanes: ndc0 + (w - world0) * ndc_span /
// world_span, in that order. v - v is 0 for a finite v and NaN otherwise;
// their sum turns NaN at the first value not finite. Returns how many
// points it mapped (a multiple of 4), or n + 1 if one is not drawable.
__attribute__((target("avx2"))) std::size_t map_avx2(const double* wx, const double* wy, std::size_t n,
                                                     const LinearAxis& ax, const LinearAxis& ay, double* ox,
                                                     double* oy) {
  const __m256d x0 = _mm256_set1_pd(ax.ndc0), xw = _mm256_set1_pd(ax.world0), xs = _mm256_set1_pd(ax.ndc_span),
                xd = _mm256_set1_pd(ax.world_span);
  const __m256d y0 = _mm256_set1_pd(ay.ndc0), yw = _mm256_set1_pd(ay.world0), ys = _mm256_set1_pd(ay.ndc_span),
                yd = _mm256_set1_pd(ay.world_span);
  __m256d flag = _mm256_setzero_pd();
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d a = _mm256_loadu_pd(wx + i), b = _mm256_loadu_pd(wy + i);
    const __m256d x = _mm256_add_pd(x0, _mm256_div_pd(_mm256_mul_pd(_mm256_sub_pd(a, xw), xs), xd));
    const __m256d y = _mm256_add_pd(y0, _mm256_div_pd(_mm256_mul_pd(_mm256_sub_pd(b, yw), ys), yd));
    _mm256_storeu_pd(ox + i, x);
    _mm256_storeu_pd(oy + i, y);
    flag = _mm256_add_pd(flag, _mm256_add_pd(_mm256_add_pd(_mm256_sub_pd(a, a), _mm256_sub_pd(b, b)),
                                             _mm256_add_pd(_mm256_sub_pd(x, x), _mm256_sub_pd(y, y))));
  }
  return _mm256_movemask_pd(_mm256_cmp_pd(flag, flag, _CMP_UNORD_Q)) != 0 ? n + 1 : i;
}
#endif

}  // namespace

bool map_linear(const double* wx, const double* wy, std::size_t n, const LinearAxis& ax, const LinearAxis& ay,
                double* ox, double* oy) {
  std::size_t i = 0;
#if PARGIST_AVX2_PATHS
  if (use_avx2()) {
    i = map_avx2(wx, wy, n, ax, ay, ox, oy);
    if (i > n) return false;
  }
#endif
  return map_plain(wx + i, wy + i, n - i, ax, ay, ox + i, oy + i);
}

}  // namespace pargist::plot::detail
