// A curve's world -> NDC map on linear axes (libplot/src/linear_map.hpp):
// every point as LinearAxis maps it, bit for bit, with AVX2 and without, at
// every tail; false when a point is not finite in world or NDC.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "linear_map.hpp"
#include "simd_paths.hpp"

using namespace pargist::plot;
using namespace pargist::plot::detail;

TEST_CASE("map_linear: every point as LinearAxis maps it, with AVX2 and without", "[plg][limits]") {
  std::vector<double> wx, wy;
  std::uint32_t s = 31337;
  auto next = [&] {
    s = s * 1664525u + 1013904223u;
    return double(s >> 8) / double(1u << 24);
  };
  for (int i = 0; i < 203; ++i) wx.push_back(-7.0 + 20.0 * next()), wy.push_back(1e-3 * next() - 0.37);
  // Spans whose quotient rounds: (w - world0) * ndc_span / world_span must
  // keep its order.
  const LinearAxis ax{0.1193, -3.3, 0.6155 - 0.1193, 13.7}, ay{0.4395, -0.37, 0.8536 - 0.4395, 1e-3 / 3};
  const double inf = std::numeric_limits<double>::infinity();
  for (bool avx2 : {true, false}) {
    set_use_avx2(avx2);
    for (std::size_t n : {wx.size(), wx.size() - 1, wx.size() - 2, wx.size() - 3, std::size_t(2)}) {
      INFO("avx2 " << avx2 << " n " << n);
      std::vector<double> ox(n), oy(n);
      CHECK(map_linear(wx.data(), wy.data(), n, ax, ay, ox.data(), oy.data()));
      std::size_t wrong = 0;
      for (std::size_t i = 0; i < n; ++i) wrong += ox[i] != ax(wx[i]) || oy[i] != ay(wy[i]);
      CHECK(wrong == 0);
    }
    // Not drawable: a NaN or an infinity in world coordinates, in a lane of
    // a group of four or in the tail, and a finite value whose NDC overflows.
    // (1e308 overflows through ay only: its span is 1242 NDC per world unit.)
    for (std::size_t at : {std::size_t(0), std::size_t(6), std::size_t(201)})
      for (bool on_y : {false, true})
        for (double bad : {std::nan(""), inf, -inf, 1e308}) {
          if (bad == 1e308 && !on_y) continue;
          std::vector<double> x = wx, y = wy, ox(x.size()), oy(y.size());
          (on_y ? y : x)[at] = bad;
          INFO("avx2 " << avx2 << " at " << at << " on y " << on_y << " value " << bad);
          CHECK_FALSE(map_linear(x.data(), y.data(), x.size(), ax, ay, ox.data(), oy.data()));
        }
  }
  set_use_avx2(true);
}
