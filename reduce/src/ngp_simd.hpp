// Internal: the unweighted NGP hot loop with AVX2, for the common case of
// contiguous double arrays over a plain index range. Four particles share
// the cell arithmetic (compare, scale, clamp, convert, row * nx + column);
// only the count increments stay scalar.
#pragma once

#include "deposit_kernels.hpp"

#include <cstddef>
#include <cstdint>

namespace pargist::reduce::detail {

// Whether this CPU runs ngp_counts_avx2 (checked once).
bool have_avx2();

// Same contract and same cells as the scalar loop in deposit.cpp: counts in
// 8-bit cells whose wrap carries 256 into total; `bad` counts particles left
// out because x or y is not finite. y == nullptr is a 1-D deposition (every
// particle in row 0). Needs have_avx2() and mx.n * my.n < 2^31.
void ngp_counts_avx2(const double* x, const double* y, std::size_t begin, std::size_t end, const AxisMap& mx,
                     const AxisMap& my, std::uint8_t* counts, double* total, std::uint64_t& bad);

// total[c] += counts[c] over the grid; returns the sum of the totals (exact:
// they are integers). Needs have_avx2().
double merge_counts_avx2(const std::uint8_t* counts, double* total, std::size_t cells);

}  // namespace pargist::reduce::detail
