// Gist's bytscl over whole arrays (libplot/src/color_scale.hpp):
// palette_indices, sixteen values at a time (AVX2) or eight (SSE2) where
// all are finite and pair by pair where some are not, gives
// ColorScale::index of every value.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "color_scale.hpp"

using namespace pargist::plot::detail;

TEST_CASE("palette_indices: every value as ColorScale::index colours it", "[cells][color_scale]") {
  ColorScale scale;
  scale.cmin = -1.5, scale.cmax = 2.25, scale.top = 199;
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> z;
  std::uint32_t s = 99;
  for (int i = 0; i < 4000; ++i) {
    s = s * 1664525u + 1013904223u;
    z.push_back(-2.5 + 6.0 * double(s >> 8) / double(1u << 24));  // past both ends too
  }
  // Both ends exactly, values on the boundary between two indices, and
  // values not finite: alone in a group of eight, and a group of them all.
  z[10] = scale.cmin, z[11] = scale.cmax;
  for (int j = 0; j < 40; ++j) z[100 + j] = scale.cmin + (j + 0.5001) * (scale.cmax - scale.cmin) / scale.top;
  z[203] = std::nan(""), z[517] = inf, z[1030] = -inf;
  for (int j = 0; j < 8; ++j) z[2000 + j] = std::nan("");
  for (std::size_t n : {z.size(), z.size() - 1, z.size() - 7, std::size_t(5)}) {  // every tail
    std::vector<std::uint8_t> out(n, 0);
    palette_indices(z.data(), n, scale, out.data());
    std::size_t wrong = 0;
    for (std::size_t k = 0; k < n; ++k) wrong += out[k] != scale.index(z[k]);
    CHECK(wrong == 0);
  }
  CHECK(scale.index(std::nan("")) == 255);  // the background
}
