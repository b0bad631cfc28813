// Internal: the unweighted NGP and CIC hot loops with AVX2, for the common
// case of contiguous double arrays over a plain index range. Four particles
// share the cell arithmetic (compare, scale, clamp, convert, row * nx +
// column, and CIC's fixed-point shares); NGP's count increments stay
// scalar, CIC adds each row's two neighbour cells with one 128-bit add.
#pragma once

#include "count_cells.hpp"
#include "deposit_kernels.hpp"

#include <cstddef>
#include <cstdint>

namespace pargist::reduce::detail {

// Whether this CPU runs the loops below (checked once).
bool have_avx2();

// Same contract and same cells as the scalar loop in deposit.cpp; Cells is
// one of count_cells.hpp's NGP kinds (ByteCounts, DirectCounts). Returns the
// number of particles deposited; `bad` counts particles left out because x
// or y is not finite. y == nullptr is a 1-D deposition (every particle in
// row 0). Needs have_avx2() and mx.n * my.n < 2^31.
template <class Cells>
std::uint64_t ngp_counts_avx2(const double* x, const double* y, std::size_t begin, std::size_t end,
                              const AxisMap& mx, const AxisMap& my, const Cells& cells, std::uint64_t& bad);

// Same contract and same shares as the scalar CIC loop in deposit.cpp; Cells
// is one of count_cells.hpp's CIC kinds (WideShares, DoubleShares). Returns the number of particles deposited; `bad` counts
// those left out because x or y is not finite. Needs have_avx2() and
// cic_fits_avx2(mx, my).
template <class Cells>
std::uint64_t cic_counts_avx2(const double* x, const double* y, std::size_t begin, std::size_t end,
                              const AxisMap& mx, const AxisMap& my, const Cells& cells, std::uint64_t& bad);
// Whether the fixed-point positions of both axes fit 32-bit lanes, and a
// row has the two cells the loop adds at once.
inline bool cic_fits_avx2(const AxisMap& mx, const AxisMap& my) {
  return mx.n >= 2 && double(mx.n) * double(fixed_one) < 1e9 && double(my.n) * double(fixed_one) < 1e9 &&
         double(mx.n) * double(my.n) < 2e9;
}

// total[c] += counts[c], then counts[c] = 0, over the grid (one pass, four
// cells at a time where the CPU has AVX2).
void merge_and_clear_counts(std::uint8_t* counts, double* total, std::size_t cells);

}  // namespace pargist::reduce::detail
