// Internal: the per-particle arithmetic of deposition (which cells, which
// shares), written to be branch-light in the hot loops of deposit.cpp.
#pragma once

#include <cstddef>
#include <cstdint>

namespace pargist::reduce::detail {

// Fixed-point CIC shares: 1/4096 of a particle per axis, so the shares of
// one particle add up to exactly 2^24 (a 2-D share fits 32 bits with room
// for 256 particles per cell before a carry).
constexpr std::uint32_t fixed_bits = 12;
constexpr std::uint32_t fixed_one = 1u << fixed_bits;
constexpr double fixed_particle = double(fixed_one) * double(fixed_one);

// Maps values on one axis to cells: [lo, hi] cut into n equal cells.
struct AxisMap {
  double lo = 0, hi = 1, scale = 1, top = 0;  // scale = n / (hi - lo), top = n - 1
  double fixed_scale = fixed_one;              // scale * 4096
  std::int64_t n = 1;
  AxisMap() = default;
  AxisMap(double lo_, double hi_, std::size_t n_)
      : lo(lo_), hi(hi_), scale(double(n_) / (hi_ - lo_)), top(double(n_) - 1.0),
        fixed_scale(scale * double(fixed_one)), n(std::int64_t(n_)) {}

  bool inside(double v) const { return (v >= lo) & (v <= hi); }  // false for NaN

  // Nearest grid point: the cell holding v (v == hi in the last cell). The
  // clamps make NaN and out-of-range values harmless indices; callers use
  // inside() to decide whether to deposit.
  std::int64_t ngp(double v) const {
    double c = (v - lo) * scale;
    c = c > 0.0 ? c : 0.0;  // also maps NaN to 0
    c = c < top ? c : top;
    return std::int64_t(c);
  }

  // Cloud in cell: the two cells whose centres surround v and the share of
  // the upper one (0..1); at the outer half-cells both are the edge cell.
  void cic(double v, std::int64_t& lower, std::int64_t& upper, double& frac) const {
    double u = (v - lo) * scale + 0.5;  // position + 1 in cell-centre units, >= 0.5 inside
    u = u > 0.5 ? u : 0.5;              // also maps NaN
    u = u < top + 1.5 ? u : top + 1.5;
    const std::int64_t k = std::int64_t(u);  // floor(centre position) + 1
    frac = u - double(k);
    lower = k - 1 > 0 ? k - 1 : 0;
    upper = k < n - 1 ? k : n - 1;
  }

  // CIC in fixed point with one conversion, for v inside [lo, hi]: the
  // position + 1 in cell-centre units, rounded to 1/4096, splits into the
  // upper cell's index (high bits) and its share q (low bits, 0..4095).
  void cic_fixed(double v, std::int64_t& lower, std::int64_t& upper, std::uint32_t& q) const {
    const std::int64_t u = std::int64_t((v - lo) * fixed_scale + (0.5 * double(fixed_one) + 0.5));
    const std::int64_t k = u >> fixed_bits;
    q = std::uint32_t(u) & (fixed_one - 1);
    lower = k - 1 > 0 ? k - 1 : 0;
    upper = k < n - 1 ? k : n - 1;
  }
};


inline bool is_finite(double v) { return (v - v) == 0.0; }  // false for NaN, +-Inf

// Reads nothing: the y of a 1-D deposition (always in its single cell).
struct ZeroLoader {
  double operator()(std::size_t) const { return 0.0; }
};

}  // namespace pargist::reduce::detail
