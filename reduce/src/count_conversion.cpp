#include "count_conversion.hpp"

#include "deposit_kernels.hpp"
#include "deposit_simd.hpp"

#include <cstring>

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define PARGIST_HAVE_AVX2_PATH 1
#include <immintrin.h>
#endif

namespace pargist::reduce::detail {

namespace {

constexpr double unit = 1.0 / fixed_particle;  // a power of two: the product is exact

// One cell, read and written through memcpy (the bytes change type).
inline void convert_one(double* cell) {
  std::uint64_t count;
  std::memcpy(&count, cell, sizeof count);
  *cell = double(count) * unit;
}

#if PARGIST_HAVE_AVX2_PATH

// Four counts below 2^52 as doubles, exactly: their bits under the exponent
// of 2^52 make the double 2^52 + count, and subtracting 2^52 leaves the
// count (x86 has no unsigned 64-bit conversion below AVX-512).
__attribute__((target("avx2"), always_inline)) inline __m256d small_counts_to_doubles(__m256i v) {
  const __m256i two52_bits = _mm256_set1_epi64x(0x4330000000000000);
  return _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(v, two52_bits)), _mm256_set1_pd(0x1p52));
}

// Four cells. Counts of 2^52 or more (2^28 particles in a cell) take the
// scalar conversion, which rounds.
__attribute__((target("avx2"), always_inline)) inline void convert_four(double* cells) {
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(cells));
  const __m256i high = _mm256_srli_epi64(v, 52);
  if (__builtin_expect(_mm256_testz_si256(high, high), 1)) {
    _mm256_storeu_pd(cells, _mm256_mul_pd(small_counts_to_doubles(v), _mm256_set1_pd(unit)));
  } else {
    alignas(32) std::uint64_t lanes[4];
    _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), v);
    for (int k = 0; k < 4; ++k) cells[k] = double(lanes[k]) * unit;
  }
}

__attribute__((target("avx2"))) void counts_to_doubles_avx2(double* cells, std::size_t n) {
  std::size_t c = 0;
  for (; c + 4 <= n; c += 4) convert_four(cells + c);
  for (; c < n; ++c) convert_one(cells + c);
}

#endif

}  // namespace

void counts_to_doubles(double* cells, std::size_t n) {
#if PARGIST_HAVE_AVX2_PATH
  if (have_avx2()) return counts_to_doubles_avx2(cells, n);
#endif
  for (std::size_t c = 0; c < n; ++c) convert_one(cells + c);
}

}  // namespace pargist::reduce::detail
