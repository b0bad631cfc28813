#include "deposit_simd.hpp"


#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define PARGIST_HAVE_AVX2_PATH 1
#include <immintrin.h>
#endif

namespace pargist::reduce::detail {

#if PARGIST_HAVE_AVX2_PATH

bool have_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}

namespace {

// The cells of four particles: row * nx + column, and which are inside.
struct Cells4 {
  __m128i cell;
  int inside;  // bit k: particle k is inside both ranges
};

template <bool HasY>
struct Mapper {
  __m256d xlo, xhi, xs, xtop, ylo, yhi, ys, ytop;
  __m128i nx;
  __attribute__((target("avx2"))) Mapper(const AxisMap& mx, const AxisMap& my)
      : xlo(_mm256_set1_pd(mx.lo)), xhi(_mm256_set1_pd(mx.hi)), xs(_mm256_set1_pd(mx.scale)),
        xtop(_mm256_set1_pd(mx.top)), ylo(_mm256_set1_pd(my.lo)), yhi(_mm256_set1_pd(my.hi)),
        ys(_mm256_set1_pd(my.scale)), ytop(_mm256_set1_pd(my.top)), nx(_mm_set1_epi32(std::int32_t(mx.n))) {}

  __attribute__((target("avx2"), always_inline)) Cells4 operator()(const double* x, const double* y) const {
    const __m256d vx = _mm256_loadu_pd(x);
    __m256d in = _mm256_and_pd(_mm256_cmp_pd(vx, xlo, _CMP_GE_OQ), _mm256_cmp_pd(vx, xhi, _CMP_LE_OQ));
    // min() keeps cells of values at hi (and of NaN, masked out) on the
    // grid; values below lo give negative cells, masked out too.
    const __m128i ix = _mm256_cvttpd_epi32(_mm256_min_pd(_mm256_mul_pd(_mm256_sub_pd(vx, xlo), xs), xtop));
    if constexpr (!HasY) return {ix, _mm256_movemask_pd(in)};
    const __m256d vy = _mm256_loadu_pd(y);
    in = _mm256_and_pd(in, _mm256_and_pd(_mm256_cmp_pd(vy, ylo, _CMP_GE_OQ), _mm256_cmp_pd(vy, yhi, _CMP_LE_OQ)));
    const __m128i iy = _mm256_cvttpd_epi32(_mm256_min_pd(_mm256_mul_pd(_mm256_sub_pd(vy, ylo), ys), ytop));
    return {_mm_add_epi32(_mm_mullo_epi32(iy, nx), ix), _mm256_movemask_pd(in)};
  }
};

// Deposits four mapped particles; the rare ones outside are counted as bad
// when not finite. Returns how many were deposited. (The loops take their
// cells by value: a count's byte store could alias a pointer read through
// a reference, and reload it at every deposit.)
template <bool HasY, class Cells>
__attribute__((target("avx2"), always_inline)) inline unsigned deposit4(const Cells4& c4, const double* x,
                                                                         const double* y, const Cells& cells,
                                                                         std::uint64_t& bad) {
  alignas(16) std::uint32_t cell[4];
  _mm_store_si128(reinterpret_cast<__m128i*>(cell), c4.cell);
  if (__builtin_expect(c4.inside == 15, 1)) {
    cells.add(cell[0]);
    cells.add(cell[1]);
    cells.add(cell[2]);
    cells.add(cell[3]);
    return 4;
  }
  for (int k = 0; k < 4; ++k) {
    if (c4.inside >> k & 1)
      cells.add(cell[k]);
    else
      bad += !(is_finite(x[k]) & (!HasY || is_finite(y[k])));
  }
  return unsigned(__builtin_popcount(unsigned(c4.inside)));
}

// Eight particles per turn: both groups' cells are computed before any
// count is touched, so more increments are in flight at once.
// HasY = false deposits on row 0 (1-D).
template <bool HasY, class Cells>
__attribute__((target("avx2"))) std::uint64_t ngp_loop(const double* x, const double* y, std::size_t begin,
                                                       std::size_t end, const AxisMap& mx, const AxisMap& my,
                                                       const Cells cells, std::uint64_t& bad) {
  const Mapper<HasY> map(mx, my);
  std::uint64_t deposited = 0;
  std::size_t i = begin;
  for (; i + 8 <= end; i += 8) {
    // The hardware prefetcher alone lags behind this loop.
    _mm_prefetch(reinterpret_cast<const char*>(x + i + 128), _MM_HINT_T0);
    if constexpr (HasY) _mm_prefetch(reinterpret_cast<const char*>(y + i + 128), _MM_HINT_T0);
    const Cells4 a = map(x + i, y + i), b = map(x + i + 4, y + i + 4);
    deposited += deposit4<HasY>(a, x + i, y + i, cells, bad);
    deposited += deposit4<HasY>(b, x + i + 4, y + i + 4, cells, bad);
  }
  // The last 0-7 particles, one at a time with the same arithmetic.
  for (; i < end; ++i) {
    const double vx = x[i], vy = HasY ? y[i] : 0.0;
    if (mx.inside(vx) & my.inside(vy)) {
      ++deposited;
      cells.add(my.ngp(vy) * mx.n + mx.ngp(vx));
    } else {
      bad += !(is_finite(vx) & is_finite(vy));
    }
  }
  return deposited;
}

// Fixed-point CIC of one axis for four values: the lower and upper cells
// and the upper share q (0..4095), as AxisMap::cic_fixed computes them.
struct CicAxis4 {
  __m256d lo, scale, half;
  __m128i top, zero, one, fraction;
  __attribute__((target("avx2"))) explicit CicAxis4(const AxisMap& m)
      : lo(_mm256_set1_pd(m.lo)), scale(_mm256_set1_pd(m.fixed_scale)),
        half(_mm256_set1_pd(0.5 * double(fixed_one) + 0.5)), top(_mm_set1_epi32(std::int32_t(m.n - 1))),
        zero(_mm_setzero_si128()), one(_mm_set1_epi32(std::int32_t(fixed_one))),
        fraction(_mm_set1_epi32(std::int32_t(fixed_one - 1))) {}
  // The position + 1 in cell-centre units, in 1/4096 (cic_fixed's u):
  // truncation of a positive value, as the scalar int64 conversion does.
  __attribute__((target("avx2"), always_inline)) __m128i fixed(__m256d v) const {
    return _mm256_cvttpd_epi32(_mm256_add_pd(_mm256_mul_pd(_mm256_sub_pd(v, lo), scale), half));
  }
  __attribute__((target("avx2"), always_inline)) void operator()(__m256d v, __m128i& lower, __m128i& upper,
                                                                 __m128i& q) const {
    const __m128i u = fixed(v);
    const __m128i k = _mm_srai_epi32(u, int(fixed_bits));
    q = _mm_and_si128(u, fraction);
    lower = _mm_max_epi32(_mm_sub_epi32(k, _mm_set1_epi32(1)), zero);
    upper = _mm_min_epi32(k, top);
  }
  // The same shares as two neighbour cells (first, first + 1) and the
  // share of the second (0..4096), for n >= 2. Inside, these are
  // cic_fixed's cells and q; at the outer half-cells, where both of
  // cic_fixed's cells are the edge cell, the pair has the edge cell and its
  // neighbour, the whole share on the edge cell and 0 on the other.
  __attribute__((target("avx2"), always_inline)) void pair(__m256d v, __m128i& first, __m128i& second_share) const {
    const __m128i u = fixed(v);
    // cic_fixed's upper cell k, kept in 1..n-1 so that the pair is on the grid.
    const __m128i k = _mm_min_epi32(_mm_max_epi32(_mm_srai_epi32(u, int(fixed_bits)), _mm_set1_epi32(1)), top);
    first = _mm_sub_epi32(k, _mm_set1_epi32(1));
    // q inside; below 0 (k was 0) or from 4096 up (k was n) at the edges.
    const __m128i q = _mm_sub_epi32(u, _mm_slli_epi32(k, int(fixed_bits)));
    second_share = _mm_min_epi32(_mm_max_epi32(q, zero), one);
  }
};

// A row's shares of four particles as the cells hold them, each particle's
// two (first, second) side by side, and their add into cells c, c + 1 with
// one 128-bit load, add and store. Particles 0 and 1 in p01, 2 and 3 in p23.
template <class Cells>
struct RowShares;

template <>
struct RowShares<WideShares> {
  __m256i p01, p23;
  __attribute__((target("avx2"), always_inline)) RowShares(__m128i first, __m128i second)
      : p01(_mm256_cvtepu32_epi64(_mm_unpacklo_epi32(first, second))),
        p23(_mm256_cvtepu32_epi64(_mm_unpackhi_epi32(first, second))) {}
  template <int K>
  __attribute__((target("avx2"), always_inline)) void add(const WideShares& cells, std::uint32_t c) const {
    const __m256i two = K < 2 ? p01 : p23;
    const __m128i pair = K % 2 ? _mm256_extracti128_si256(two, 1) : _mm256_castsi256_si128(two);
    auto* cell = reinterpret_cast<__m128i*>(cells.total + c);
    _mm_storeu_si128(cell, _mm_add_epi64(_mm_loadu_si128(cell), pair));
  }
};

template <>
struct RowShares<DoubleShares> {
  __m256d p01, p23;
  // Shares up to 2^24 are exact as int32 and as doubles; times 2^-24 exact
  // too: the bits of DoubleShares::add's double(w) / 2^24.
  __attribute__((target("avx2"), always_inline)) RowShares(__m128i first, __m128i second)
      : p01(_mm256_mul_pd(_mm256_cvtepi32_pd(_mm_unpacklo_epi32(first, second)), _mm256_set1_pd(1.0 / fixed_particle))),
        p23(_mm256_mul_pd(_mm256_cvtepi32_pd(_mm_unpackhi_epi32(first, second)), _mm256_set1_pd(1.0 / fixed_particle))) {}
  template <int K>
  __attribute__((target("avx2"), always_inline)) void add(const DoubleShares& cells, std::uint32_t c) const {
    const __m256d two = K < 2 ? p01 : p23;
    const __m128d pair = K % 2 ? _mm256_extractf128_pd(two, 1) : _mm256_castpd256_pd128(two);
    double* cell = cells.total + c;
    _mm_storeu_pd(cell, _mm_add_pd(_mm_loadu_pd(cell), pair));
  }
};

// Deposits particle K of four: its two rows (the same row at the y edges,
// added in turn, so the cell gets both shares).
template <int K, class Cells>
__attribute__((target("avx2"), always_inline)) inline void deposit_pairs(const Cells& cells, const RowShares<Cells>& row0,
                                                                         const RowShares<Cells>& row1,
                                                                         const std::uint32_t* first0,
                                                                         const std::uint32_t* first1) {
  row0.template add<K>(cells, first0[K]);
  row1.template add<K>(cells, first1[K]);
}

// Four particles per turn: cells and shares in vectors, then each
// particle's shares added two neighbour cells at a time. Sums are exact
// (integers, or doubles that are multiples of 2^-24 below 2^29), so the
// edge cells, which get their two shares as one here, hold the scalar
// loop's bits.
template <bool HasY, class Cells>
__attribute__((target("avx2"))) std::uint64_t cic_loop(const double* x, const double* y, std::size_t begin,
                                                       std::size_t end, const AxisMap& mx, const AxisMap& my,
                                                       const Cells cells, std::uint64_t& bad) {
  const CicAxis4 ax(mx), ay(my);
  const __m256d xlo = _mm256_set1_pd(mx.lo), xhi = _mm256_set1_pd(mx.hi);
  const __m256d ylo = _mm256_set1_pd(my.lo), yhi = _mm256_set1_pd(my.hi);
  const __m128i nx = _mm_set1_epi32(std::int32_t(mx.n)), one = _mm_set1_epi32(std::int32_t(fixed_one));
  alignas(16) std::uint32_t first0[4], first1[4];  // each particle's first cell in rows y0, y1
  std::uint64_t deposited = 0;
  std::size_t i = begin;
  for (; i + 4 <= end; i += 4) {
    _mm_prefetch(reinterpret_cast<const char*>(x + i + 64), _MM_HINT_T0);
    if constexpr (HasY) _mm_prefetch(reinterpret_cast<const char*>(y + i + 64), _MM_HINT_T0);
    const __m256d vx = _mm256_loadu_pd(x + i);
    __m256d in = _mm256_and_pd(_mm256_cmp_pd(vx, xlo, _CMP_GE_OQ), _mm256_cmp_pd(vx, xhi, _CMP_LE_OQ));
    __m128i x0, qx, y0 = _mm_setzero_si128(), y1 = _mm_setzero_si128(), qy = _mm_setzero_si128();
    ax.pair(vx, x0, qx);
    if constexpr (HasY) {
      const __m256d vy = _mm256_loadu_pd(y + i);
      in = _mm256_and_pd(in, _mm256_and_pd(_mm256_cmp_pd(vy, ylo, _CMP_GE_OQ), _mm256_cmp_pd(vy, yhi, _CMP_LE_OQ)));
      ay(vy, y0, y1, qy);
    } else {
      // 1-D: the single row, its whole share on the "upper" corner as the
      // scalar path computes for y = 0 on [-0.5, 0.5] with one cell.
      ay(_mm256_setzero_pd(), y0, y1, qy);
    }
    const __m128i px = _mm_sub_epi32(one, qx), py = _mm_sub_epi32(one, qy);
    _mm_store_si128(reinterpret_cast<__m128i*>(first0), _mm_add_epi32(_mm_mullo_epi32(y0, nx), x0));
    _mm_store_si128(reinterpret_cast<__m128i*>(first1), _mm_add_epi32(_mm_mullo_epi32(y1, nx), x0));
    const RowShares<Cells> row0(_mm_mullo_epi32(px, py), _mm_mullo_epi32(qx, py));
    const RowShares<Cells> row1(_mm_mullo_epi32(px, qy), _mm_mullo_epi32(qx, qy));
    const int inside = _mm256_movemask_pd(in);
    if (__builtin_expect(inside == 15, 1)) {
      deposit_pairs<0>(cells, row0, row1, first0, first1);
      deposit_pairs<1>(cells, row0, row1, first0, first1);
      deposit_pairs<2>(cells, row0, row1, first0, first1);
      deposit_pairs<3>(cells, row0, row1, first0, first1);
      deposited += 4;
      continue;
    }
    // Some outside: only the particles inside touch the grid.
    if (inside & 1) deposit_pairs<0>(cells, row0, row1, first0, first1);
    if (inside & 2) deposit_pairs<1>(cells, row0, row1, first0, first1);
    if (inside & 4) deposit_pairs<2>(cells, row0, row1, first0, first1);
    if (inside & 8) deposit_pairs<3>(cells, row0, row1, first0, first1);
    deposited += unsigned(__builtin_popcount(unsigned(inside)));
    for (int k = 0; k < 4; ++k)
      if (!(inside >> k & 1)) bad += !(is_finite(x[i + k]) & (!HasY || is_finite(y[i + k])));
  }
  // The last 0-3 particles, with the scalar arithmetic.
  for (; i < end; ++i) {
    const double vx = x[i], vy = HasY ? y[i] : 0.0;
    if (!(mx.inside(vx) & my.inside(vy))) {
      bad += !(is_finite(vx) & is_finite(vy));
      continue;
    }
    ++deposited;
    deposit_cic(cells, mx, my, vx, vy);
  }
  return deposited;
}

__attribute__((target("avx2"))) void merge_and_clear_counts_avx2(std::uint8_t* counts, double* total,
                                                                 std::size_t cells) {
  std::size_t c = 0;
  for (; c + 4 <= cells; c += 4) {
    std::int32_t four;
    __builtin_memcpy(&four, counts + c, 4);
    __builtin_memset(counts + c, 0, 4);
    const __m256d add = _mm256_cvtepi32_pd(_mm_cvtepu8_epi32(_mm_cvtsi32_si128(four)));
    _mm256_storeu_pd(total + c, _mm256_add_pd(_mm256_loadu_pd(total + c), add));
  }
  for (; c < cells; ++c) total[c] += counts[c], counts[c] = 0;
}

}  // namespace

template <class Cells>
std::uint64_t ngp_counts_avx2(const double* x, const double* y, std::size_t begin, std::size_t end,
                              const AxisMap& mx, const AxisMap& my, const Cells& cells, std::uint64_t& bad) {
  if (y) return ngp_loop<true>(x, y, begin, end, mx, my, cells, bad);
  return ngp_loop<false>(x, x, begin, end, mx, my, cells, bad);  // y is never read: any valid array
}

template <class Cells>
std::uint64_t cic_counts_avx2(const double* x, const double* y, std::size_t begin, std::size_t end,
                              const AxisMap& mx, const AxisMap& my, const Cells& cells, std::uint64_t& bad) {
  if (y) return cic_loop<true>(x, y, begin, end, mx, my, cells, bad);
  return cic_loop<false>(x, x, begin, end, mx, my, cells, bad);  // y is never read
}

#else

bool have_avx2() { return false; }
// Never called without AVX2.
template <class Cells>
std::uint64_t ngp_counts_avx2(const double*, const double*, std::size_t, std::size_t, const AxisMap&,
                              const AxisMap&, const Cells&, std::uint64_t&) {
  return 0;
}
template <class Cells>
std::uint64_t cic_counts_avx2(const double*, const double*, std::size_t, std::size_t, const AxisMap&,
                              const AxisMap&, const Cells&, std::uint64_t&) {
  return 0;
}

#endif

void merge_and_clear_counts(std::uint8_t* counts, double* total, std::size_t cells) {
#if PARGIST_HAVE_AVX2_PATH
  if (have_avx2()) return merge_and_clear_counts_avx2(counts, total, cells);
#endif
  for (std::size_t c = 0; c < cells; ++c) total[c] += counts[c], counts[c] = 0;
}

// The kinds of cells the loops deposit into (count_cells.hpp).
#define PARGIST_ARGS const double*, const double*, std::size_t, std::size_t, const AxisMap&, const AxisMap&
template std::uint64_t ngp_counts_avx2(PARGIST_ARGS, const ByteCounts&, std::uint64_t&);
template std::uint64_t ngp_counts_avx2(PARGIST_ARGS, const DirectCounts&, std::uint64_t&);
template std::uint64_t cic_counts_avx2(PARGIST_ARGS, const WideShares&, std::uint64_t&);
template std::uint64_t cic_counts_avx2(PARGIST_ARGS, const DoubleShares&, std::uint64_t&);
#undef PARGIST_ARGS

}  // namespace pargist::reduce::detail
