#include "column_decimation.hpp"

#include "simd_paths.hpp"

namespace pargist::plot::detail {

namespace {

#if PARGIST_AVX2_PATHS
// Four points at a time, mapped as CairoRenderer maps them (subtract, then
// multiply), while all four lie in the column and have a height. A block's
// lowest height, if below the run's lowest so far, comes from its first
// lane of that height, as the point-by-point loop's strict < keeps the
// first; the highest likewise.
__attribute__((target("avx2"))) std::size_t scan_avx2(const DeviceColumns& d, std::size_t j, std::size_t n,
                                                      double column, ColumnExtremes& e) {
  const __m256d xmin = _mm256_set1_pd(d.xmin), sx = _mm256_set1_pd(d.sx);
  const __m256d ymax = _mm256_set1_pd(d.ymax), sy = _mm256_set1_pd(d.sy);
  const __m256d left = _mm256_set1_pd(column), right = _mm256_set1_pd(column + 1);
  for (; j + 4 <= n; j += 4) {
    const __m256d x = _mm256_mul_pd(_mm256_sub_pd(_mm256_loadu_pd(d.x + j), xmin), sx);
    const __m256d in = _mm256_and_pd(_mm256_cmp_pd(x, left, _CMP_GE_OQ), _mm256_cmp_pd(x, right, _CMP_LT_OQ));
    if (_mm256_movemask_pd(in) != 15) break;
    const __m256d y = _mm256_mul_pd(_mm256_sub_pd(ymax, _mm256_loadu_pd(d.y + j)), sy);
    if (_mm256_movemask_pd(_mm256_cmp_pd(y, y, _CMP_UNORD_Q)) != 0) break;
    __m256d low = _mm256_min_pd(y, _mm256_permute_pd(y, 0x5));
    low = _mm256_min_pd(low, _mm256_permute2f128_pd(low, low, 1));  // in every lane
    __m256d high = _mm256_max_pd(y, _mm256_permute_pd(y, 0x5));
    high = _mm256_max_pd(high, _mm256_permute2f128_pd(high, high, 1));
    const double block_low = _mm256_cvtsd_f64(low), block_high = _mm256_cvtsd_f64(high);
    if (block_low < e.low_y) {
      e.low = j + std::size_t(__builtin_ctz(unsigned(_mm256_movemask_pd(_mm256_cmp_pd(y, low, _CMP_EQ_OQ)))));
      e.low_y = block_low;
    }
    if (block_high > e.high_y) {
      e.high = j + std::size_t(__builtin_ctz(unsigned(_mm256_movemask_pd(_mm256_cmp_pd(y, high, _CMP_EQ_OQ)))));
      e.high_y = block_high;
    }
  }
  return j;
}
#endif

}  // namespace

std::size_t scan_columns(const DeviceColumns& d, std::size_t j, std::size_t n, double column, ColumnExtremes& e) {
#if PARGIST_AVX2_PATHS
  if (use_avx2()) return scan_avx2(d, j, n, column, e);
#endif
  (void)d, (void)n, (void)column, (void)e;
  return j;
}

}  // namespace pargist::plot::detail
