// pp::node_density_cellarray and pp::warp_colorbar (pargist/pp/pp.hpp):
// Warp's node grid over Warp's extent, reduced and drawn on root as one
// cell array; Warp's colour bar. Run at 1, 2 and 4 ranks, each rank with its
// own slice of one global data set; the references are computed here from
// the global data.
#include <pargist/libplot/gist.hpp>
#include <pargist/pp/pp.hpp>
#include <pargist/reduce/deposit.hpp>

#include "../reduce/test_data.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

using namespace pargist;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kGlobal = 3000;

struct Slice {
  std::vector<double> z, x;    // this rank's particles
  std::vector<double> gz, gx;  // everyone's
  plot::pp::Particles particles() const {
    return {reduce::ArrayView(z.data(), z.size()), reduce::ArrayView(x.data(), x.size()), {}, {}, {}};
  }
};

Slice slice(const reduce::Comm& comm) {
  Slice s;
  s.gz = test::normal_data(kGlobal, 11);
  s.gx = test::normal_data(kGlobal, 12, 0.0, 0.5);
  const std::size_t b = kGlobal * std::size_t(comm.rank()) / std::size_t(comm.size());
  const std::size_t e = kGlobal * std::size_t(comm.rank() + 1) / std::size_t(comm.size());
  s.z.assign(s.gz.begin() + long(b), s.gz.begin() + long(e));
  s.x.assign(s.gx.begin() + long(b), s.gx.begin() + long(e));
  return s;
}

// A fresh frame on root, the only rank with a window.
void fresh_frame(const reduce::Comm& comm) {
  if (comm.rank() != 0) return;
  plot::WindowOptions o;
  o.display = "";
  plot::window(0, o);
  plot::fma();
}

std::size_t elements(int system) { return plot::current_frame().systems[std::size_t(system)].elements.size(); }

}  // namespace

TEST_CASE("node_density_cellarray: Warp's node grid over Warp's extent, one cell array on root") {
  reduce::Comm comm;
  const Slice s = slice(comm);
  fresh_frame(comm);
  plot::pp::NodeDensityOptions o;
  o.nx = 20, o.ny = 16;
  const auto r = plot::pp::node_density_cellarray(comm, s.particles(), o);
  CHECK(r.selected == kGlobal);

  // Warp's extent: the global extremes widened by (max - min) / (n - 2).
  const auto [zlo, zhi] = std::minmax_element(s.gz.begin(), s.gz.end());
  const auto [xlo, xhi] = std::minmax_element(s.gx.begin(), s.gx.end());
  const double x0 = *zlo - (*zhi - *zlo) / 18.0, x1 = *zhi + (*zhi - x0) / 18.0;
  const double y0 = *xlo - (*xhi - *xlo) / 14.0, y1 = *xhi + (*xhi - y0) / 14.0;
  CHECK(r.extent == std::array<double, 4>{x0, x1, y0, y1});

  // The grid: CIC on (nx+1) x (ny+1) nodes, the axes half a cell wider.
  const double dx = (x1 - x0) / 20.0, dy = (y1 - y0) / 16.0;
  reduce::DepositOptions dep;
  dep.method = reduce::Method::cic;
  const auto grid = reduce::histogram2d(comm, s.particles().x, s.particles().y, {21, x0 - dx / 2, x1 + dx / 2},
                                        {17, y0 - dy / 2, y1 + dy / 2}, dep);
  if (comm.rank() == 0) {
    REQUIRE(elements(1) == 1);
    const auto& cells = std::get<plot::Cells>(plot::current_frame().systems[1].elements[0]);
    CHECK(cells.nx == 21);
    CHECK(cells.ny == 17);
    CHECK(cells.z == grid.values);  // pli's z[iy, ix], as deposited
    double total = 0;
    for (double v : cells.z) total += v;
    CHECK(total == Approx(double(kGlobal)));
    // Node centering: the last node's cell ends a cell past the extent.
    CHECK(cells.x0 == x0);
    CHECK(cells.y0 == y0);
    CHECK(cells.x1 == x1 + dx);
    CHECK(cells.y1 == y1 + dy);
    const auto [lo, hi] = std::minmax_element(cells.z.begin(), cells.z.end());
    CHECK(cells.cmin == *lo);
    CHECK(r.cmin == *lo);
    CHECK(r.cmax == *hi);
  }
  // Every rank has root's colour scale.
  std::string mine(reinterpret_cast<const char*>(&r.cmax), sizeof(double));
  CHECK(comm.broadcast(mine, 0) == mine);
}

TEST_CASE("node_density_cellarray: fixed sides select, nothing selected draws nothing, empty range fails everywhere") {
  reduce::Comm comm;
  const Slice s = slice(comm);
  fresh_frame(comm);
  plot::pp::NodeDensityOptions o;
  o.nx = o.ny = 8;
  o.frame_limits = {-0.5, 0.5, kNaN, kNaN};
  const auto r = plot::pp::node_density_cellarray(comm, s.particles(), o);
  const auto inside = std::count_if(s.gz.begin(), s.gz.end(), [](double v) { return v >= -0.5 && v <= 0.5; });
  CHECK(r.selected == std::uint64_t(inside));
  CHECK(r.extent[0] == -0.5);
  CHECK(r.extent[1] == 0.5);

  fresh_frame(comm);
  o.frame_limits = {50, 60, kNaN, kNaN};
  const auto none = plot::pp::node_density_cellarray(comm, s.particles(), o);
  CHECK(none.selected == 0);
  CHECK(none.extent[0] == 50);
  CHECK(std::isnan(none.extent[2]));
  if (comm.rank() == 0) CHECK(elements(1) == 0);

  o.frame_limits = {kNaN, kNaN, kNaN, kNaN};
  o.grid_sides = {100.0, kNaN, kNaN, kNaN};  // above every particle
  CHECK_THROWS_WITH(plot::pp::node_density_cellarray(comm, s.particles(), o),
                    Catch::Contains("ppgeneric: empty plot range along x (100.0 .. "));
}

TEST_CASE("warp_colorbar: the palette's bands in a frame, labels at round values") {
  reduce::Comm comm;
  CHECK(plot::pp::nice_levels(0.0, 343.77) == std::vector<double>{0, 50, 100, 150, 200, 250, 300});
  CHECK(plot::pp::nice_levels(2.0, 2.0) == std::vector<double>{2.0, 2.0});
  if (comm.rank() != 0) return;
  fresh_frame(comm);
  plot::plsys(0);
  plot::pp::WarpColorbarOptions o;
  o.place = {0.60, 0.62, 0.44, 0.85};
  o.ncolor = 5;
  o.label_prefix = "10^";
  plot::pp::warp_colorbar(0.0, 343.77, o);
  const auto& els = plot::current_frame().systems[0].elements;
  REQUIRE(els.size() == 2 + 7 + 1);  // bands, frame, 7 labels, ticks
  const auto& bands = std::get<plot::Cells>(els[0]);
  CHECK(bands.nx == 2);
  CHECK(bands.ny == 5);
  CHECK(bands.z == std::vector<double>{0, 0, 0.25, 0.25, 0.5, 0.5, 0.75, 0.75, 1, 1});
  CHECK(bands.top == 199);
  CHECK(std::get<plot::Text>(els[2]).text == " 10^0");
  CHECK(std::get<plot::Text>(els[8]).text == " 10^300");
  CHECK(std::get<plot::Text>(els[8]).x == 0.62 + 0.005);
  CHECK(std::get<plot::Disjoint>(els[9]).x0.size() == 7);
}
