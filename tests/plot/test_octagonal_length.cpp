// The length of a block of curve segments that spaces Gist's letter marks
// (libplot/src/octagonal_length.hpp): four segments at a time (AVX2) and
// two (SSE2) give the reference's value bit for bit, for zero-length
// segments, segments whose length overflows, signed zeros and ordinary ones.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "octagonal_length.hpp"
#include "simd_paths.hpp"

using namespace pargist::plot::detail;

namespace {

void check_against_reference() {
  const double big = std::numeric_limits<double>::max();
  std::uint32_t s = 2024;
  auto next = [&] {
    s = s * 1664525u + 1013904223u;
    return double(s >> 8) / double(1u << 24);
  };
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = 4 * (1 + trial % 16);
    std::vector<double> x(n + 1), y(n + 1);
    for (std::size_t k = 0; k <= n; ++k) x[k] = next() * 1e-3 * (trial + 1), y[k] = next() - 0.5;
    // Repeated points (length 0), a signed zero, a last step whose norm
    // overflows (infinite: counted 0), and a diagonal (the third norm wins).
    x[1] = x[0], y[1] = y[0];
    if (n > 4) x[3] = -0.0, x[4] = 0.0, y[4] = y[3];
    if (n > 8) x[n] = 0.6 * big, y[n] = 0.6 * big;
    if (n > 12) x[10] = x[9] + 0.25, y[10] = y[9] - 0.25;
    const double ref = segments_length_scalar(x.data(), y.data(), n), got = segments_length(x.data(), y.data(), n);
    INFO("trial " << trial);
    CHECK(std::isfinite(got));
    CHECK(got == ref);
  }
  // Sums kept apart: one long segment among short ones shows any other order.
  std::vector<double> x(65, 0.0), y(65, 0.0);
  for (std::size_t k = 1; k <= 64; ++k) x[k] = x[k - 1] + (k == 33 ? 1e8 : 1e-9 * double(k));
  CHECK(segments_length(x.data(), y.data(), 64) == segments_length_scalar(x.data(), y.data(), 64));
}

}  // namespace

TEST_CASE("segments_length: several segments at a time as the reference, bit for bit", "[plg][marks]") {
  for (const bool avx2 : {true, false}) {
    INFO("avx2 " << avx2);
    set_use_avx2(avx2);
    check_against_reference();
  }
  set_use_avx2(true);
}
