// The in-place conversion of 64-bit fixed-point CIC counts to doubles
// (reduce/src/count_conversion.hpp): every cell the bits of double(count) /
// 2^24, the AVX2 exponent trick below 2^52 and the scalar conversion above,
// including counts a deposition only reaches with 2^28 particles in a cell.
#include "count_conversion.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <vector>

TEST_CASE("count conversion: doubles with the bits of double(count) / 2^24, any count, any length",
          "[deposit]") {
  const std::uint64_t two52 = std::uint64_t(1) << 52;
  const std::vector<std::uint64_t> counts = {0, 1, 4095, std::uint64_t(1) << 24, (std::uint64_t(1) << 32) + 7,
                                             two52 - 1, two52, two52 + 1, two52 * 3 + 5, ~std::uint64_t(0),
                                             123456789012345, std::uint64_t(1) << 63, 16777216 * 3 / 4};
  // Every length 0..counts.size() and every rotation: each value in every
  // lane of a group of four and in the tail.
  for (std::size_t n = 0; n <= counts.size(); ++n) {
    for (std::size_t shift = 0; shift < counts.size(); ++shift) {
      std::vector<double> cells(n);
      std::vector<double> expected(n);
      for (std::size_t c = 0; c < n; ++c) {
        const std::uint64_t v = counts[(c + shift) % counts.size()];
        std::memcpy(&cells[c], &v, sizeof v);
        expected[c] = double(v) / 16777216.0;
      }
      pargist::reduce::detail::counts_to_doubles(cells.data(), n);
      // (memcmp of no bytes still wants pointers: an empty vector's data() may be null.)
      CHECK((n == 0 || std::memcmp(cells.data(), expected.data(), n * sizeof(double)) == 0));
    }
  }
}
