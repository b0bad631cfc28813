// Internal: where the unweighted deposits of deposit.cpp and
// deposit_simd.cpp land, one "cells" type per layout, so that the scalar and
// the AVX2 loops share them.
//
// NGP with many deposits per cell: 8-bit counts keep the busy part of a
// large grid in cache; a wrap carries into the totals, and a pass over every
// cell merges the counts in afterwards. With few deposits per cell that
// pass is pure cost, so they go straight into the totals. CIC always goes
// straight into 64-bit cells (or the doubles of the result): 32-bit cells
// with carries, merged afterwards, were slower at every size measured
// (1e4-1e7 particles on 64^2-2048^2 cells, tests/bench/histogram_bench's
// C++ side, 2026-12-05): the CIC loop is bound by its per-share work, not
// by the cache footprint of the grid.
#pragma once

#include "deposit_kernels.hpp"

#include <cstddef>
#include <cstdint>

namespace pargist::reduce::detail {

// Whether an NGP deposition of at most `deposits` particles counts straight
// into the totals. Measured on 64^2-1024^2 cells with 1e4-1e6 particles:
// straight in wins up to a particle per 4 cells (1e5 on 1024^2: 0.35 ms
// against 0.52), the 8-bit counts from about one per cell (1e6 on 1024^2:
// 1.6 ms against 2.8-3.1; their 1 MB stays in L2, the 8 MB of totals does
// not).
inline bool counts_directly(std::size_t deposits, std::size_t cells) { return deposits <= cells / 4; }

// ---- NGP: one count per deposit. Integer counts in doubles are exact up
// to 2^53 in any order of summation.

// 8-bit counts whose wrap to 0 carries 256 into the totals (rare: once per
// 256 deposits in a cell); merged into the totals afterwards.
struct ByteCounts {
  std::uint8_t* __restrict counts;
  double* __restrict total;
  void add(std::int64_t c) const {
    if (__builtin_expect(++counts[c] == 0, 0)) total[c] += 256;
  }
};

// Straight into the totals.
struct DirectCounts {
  double* __restrict total;
  void add(std::int64_t c) const { total[c] += 1.0; }
};

// ---- CIC: fixed-point shares (2^24 a particle, exact integer sums).

// Straight into the 64-bit totals (reduced as integers over the ranks).
struct WideShares {
  std::uint64_t* __restrict total;
  void add(std::int64_t c, std::uint32_t w) const { total[c] += w; }
};

// Straight into the doubles of the result, in particles: no conversion pass
// afterwards. Every share is a multiple of 2^-24, and so is every partial
// sum below 2^29 particles in a cell: each sum is exact, the same bits as
// the integer sum converted (callers keep a cell below 2^29 particles, e.g.
// with fewer particles than that in all).
struct DoubleShares {
  double* __restrict total;
  void add(std::int64_t c, std::uint32_t w) const { total[c] += double(w) * (1.0 / fixed_particle); }
};

// Adds the four fixed-point CIC shares of one particle inside the grid; the
// two cells along x are neighbours.
template <class Cells>
inline void deposit_cic(const Cells& cells, const AxisMap& mx, const AxisMap& my, double x, double y) {
  std::int64_t x0, x1, y0, y1;
  std::uint32_t qx, qy;
  mx.cic_fixed(x, x0, x1, qx);
  my.cic_fixed(y, y0, y1, qy);
  const std::uint32_t px = fixed_one - qx, py = fixed_one - qy;
  const std::int64_t r0 = y0 * mx.n, r1 = y1 * mx.n;
  cells.add(r0 + x0, px * py);
  cells.add(r0 + x1, qx * py);
  cells.add(r1 + x0, px * qy);
  cells.add(r1 + x1, qx * qy);
}

}  // namespace pargist::reduce::detail
