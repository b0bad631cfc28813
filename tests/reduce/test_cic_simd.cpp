// The AVX2 CIC loop (reduce/src/deposit_simd.cpp) against the scalar
// deposit_cic, both kinds of cells, bit for bit: the loop adds each row's
// two neighbour cells at once and gives the x edge cells their two shares
// as one, so edges (both of cic_fixed's cells the same), the cells next to
// them, the last 0-3 particles and grids of 2 and 3 columns are where it
// could differ.
#include "deposit_simd.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

using namespace pargist::reduce::detail;

namespace {

const double inf = std::numeric_limits<double>::infinity();

// Values that hit every case of one axis: the limits and next to them, the
// outer half-cells' inner ends (where cic_fixed's two cells part), cell
// centres and boundaries, values outside, NaN and infinities.
std::vector<double> axis_values(const AxisMap& m) {
  const double w = (m.hi - m.lo) / double(m.n);
  std::vector<double> v = {m.lo, m.hi, std::nextafter(m.lo, inf), std::nextafter(m.hi, -inf),
                           std::nextafter(m.lo, -inf), std::nextafter(m.hi, inf), m.lo - 3 * w, m.hi + 3 * w,
                           std::numeric_limits<double>::quiet_NaN(), inf, -inf};
  for (double edge : {m.lo + 0.5 * w, m.hi - 0.5 * w})
    for (double e : {edge, std::nextafter(edge, inf), std::nextafter(edge, -inf)}) v.push_back(e);
  for (std::int64_t c = 0; c <= m.n; ++c) {
    v.push_back(m.lo + double(c) * w);         // boundary
    v.push_back(m.lo + (double(c) + 0.5) * w);  // centre (one past the grid for c = n)
    v.push_back(m.lo + (double(c) + 0.3) * w);
  }
  return v;
}

// The scalar loop: what deposit.cpp does one particle at a time.
template <class Cells>
std::uint64_t scalar(const double* x, const double* y, std::size_t n, const AxisMap& mx, const AxisMap& my,
                     const Cells& cells, std::uint64_t& bad) {
  std::uint64_t deposited = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double vx = x[i], vy = y ? y[i] : 0.0;
    if (mx.inside(vx) & my.inside(vy)) {
      ++deposited;
      deposit_cic(cells, mx, my, vx, vy);
    } else {
      bad += !(is_finite(vx) & is_finite(vy));
    }
  }
  return deposited;
}

// Deposits x, y (y null: 1-D) both ways into cells that start with the same
// large contents, and requires the same bits and tallies.
template <class Cells, class T>
void same_both_ways(const std::vector<double>& x, const std::vector<double>* y, const AxisMap& mx, const AxisMap& my,
                    T start) {
  const std::size_t cells = std::size_t(mx.n * my.n);
  std::vector<T> fast(cells), slow(cells);
  for (std::size_t c = 0; c < cells; ++c) fast[c] = slow[c] = start + T(c);
  std::uint64_t fast_bad = 0, slow_bad = 0;
  const double* py = y ? y->data() : nullptr;
  const std::uint64_t a = cic_counts_avx2(x.data(), py, 0, x.size(), mx, my, Cells{fast.data()}, fast_bad);
  const std::uint64_t b = scalar(x.data(), py, x.size(), mx, my, Cells{slow.data()}, slow_bad);
  CHECK(a == b);
  CHECK(fast_bad == slow_bad);
  CHECK(std::memcmp(fast.data(), slow.data(), cells * sizeof(T)) == 0);
}

template <class Cells, class T>
void every_case(T start) {
  for (std::size_t nx : {2, 3, 7, 64})
    for (std::size_t ny : {1, 2, 5}) {
      const AxisMap mx(-2.0, 3.0, nx), my(-1.0, 0.5, ny), one_row(-0.5, 0.5, 1);
      const std::vector<double> xs = axis_values(mx), ys = axis_values(my);
      // Every pair of values once, in an order that puts each in every lane.
      std::vector<double> x, y;
      for (std::size_t i = 0; i < xs.size(); ++i)
        for (std::size_t j = 0; j < ys.size(); ++j) x.push_back(xs[i]), y.push_back(ys[(i + j) % ys.size()]);
      same_both_ways<Cells>(x, &y, mx, my, start);
      same_both_ways<Cells>(x, nullptr, mx, one_row, start);
      // Lengths 0..9 from several places: the last 0-3 particles after 0-2
      // groups of four, on the edges and inside.
      for (long from : {0L, 17L, 40L})
        for (long n = 0; n < 10; ++n) {
          const std::vector<double> xn(x.begin() + from, x.begin() + from + n),
              yn(y.begin() + from, y.begin() + from + n);
          same_both_ways<Cells>(xn, &yn, mx, my, start);
          same_both_ways<Cells>(xn, nullptr, mx, one_row, start);
        }
      // Many particles on the edge cells and their neighbours: each cell gets
      // the two shares of thousands of particles.
      std::vector<double> ex, ey;
      for (int k = 0; k < 4000; ++k) {
        ex.push_back(xs[std::size_t(k) % 4]);  // lo, hi and next to them
        ey.push_back(ys[std::size_t(k / 4) % 4]);
      }
      same_both_ways<Cells>(ex, &ey, mx, my, start);
    }
}

}  // namespace

TEST_CASE("CIC AVX2 loop: the scalar loop's cells bit for bit, 64-bit counts and doubles, edges and tails",
          "[deposit]") {
  if (!have_avx2()) return;  // nothing to compare on this CPU
  // 64-bit counts from near the 32-bit wrap and far above it.
  every_case<WideShares>(std::uint64_t(0xffffff00u));
  every_case<WideShares>(std::uint64_t(1) << 44);
  // Doubles: empty cells, and sums near DoubleShares' exactness bound
  // (2^29 particles less a few thousand; multiples of 2^-24).
  every_case<DoubleShares>(0.0);
  every_case<DoubleShares>(double(1 << 29) - 65536.0 + 0x1.0p-24);
}
