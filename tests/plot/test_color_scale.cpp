// Gist's bytscl over whole arrays (libplot/src/color_scale.hpp):
// palette_indices, sixteen values at a time (AVX2) or eight (SSE2) where
// all are finite and pair by pair where some are not, gives
// ColorScale::index of every value.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <variant>
#include <vector>

#include "color_scale.hpp"
#include "pargist/libplot/gist.hpp"
#include "pargist/libplot/renderer.hpp"

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

namespace {

const pargist::plot::Cells& last_cells() {
  const auto& elements = pargist::plot::current_frame().systems.at(1).elements;
  return std::get<pargist::plot::Cells>(elements.back());
}

}  // namespace

TEST_CASE("pli: z's finite range found once, and the cells are coloured through it", "[cells][color_scale]") {
  namespace plot = pargist::plot;
  plot::reset_all();
  plot::WindowOptions o;
  o.display = "";
  plot::window(0, o);
  const double inf = std::numeric_limits<double>::infinity();
  plot::pli(plot::Grid{{3, std::nan(""), -2, inf, 5, -inf, 1, 0.5}, 4, 2});
  const plot::Cells c = last_cells();
  REQUIRE(c.z_range);
  CHECK(c.z_range->lo == -2);
  CHECK(c.z_range->hi == 5);

  // Kept or found when drawn: the same colours.
  plot::Cells found = c;
  found.z_range.reset();
  CHECK(plot::cell_indices(c, plot::current_palette()) == plot::cell_indices(found, plot::current_palette()));
  // The kept range is the one used (a wrong one shows).
  plot::Cells wrong = c;
  wrong.z_range = plot::ValueRange{-2, 50};
  CHECK(plot::cell_indices(wrong, plot::current_palette()) != plot::cell_indices(c, plot::current_palette()));

  // Both ends given: z is not read for its range.
  plot::ColorScaleOptions both;
  both.cmin = 0.0, both.cmax = 1.0;
  plot::pli(plot::Grid{{0, 1}, 2, 1}, std::nullopt, std::nullopt, std::nullopt, std::nullopt, both);
  CHECK_FALSE(last_cells().z_range);

  // Scaled to colours: z and its range gone together.
  plot::Cells scaled = c;
  plot::scale_cells(scaled, plot::current_palette());
  CHECK(scaled.z.empty());
  CHECK_FALSE(scaled.z_range);
  plot::reset_all();
}
