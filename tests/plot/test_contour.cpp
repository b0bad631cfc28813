// Contour lines against analytic functions; Gist's default levels.
#include <catch2/catch.hpp>

#include <cmath>

#include "pargist/libplot/axes.hpp"
#include "pargist/libplot/contour.hpp"
#include "plot_support.hpp"

using namespace plot_test;

namespace {

QuadMesh square_mesh(std::size_t n, double lo, double hi) {
  QuadMesh m;
  m.ni = m.nj = n;
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t i = 0; i < n; ++i) {
      m.x.push_back(lo + (hi - lo) * double(i) / double(n - 1));
      m.y.push_back(lo + (hi - lo) * double(j) / double(n - 1));
    }
  return m;
}

std::vector<double> radius2(const QuadMesh& m) {
  std::vector<double> z;
  for (std::size_t k = 0; k < m.x.size(); ++k) z.push_back(m.x[k] * m.x[k] + m.y[k] * m.y[k]);
  return z;
}

}  // namespace

TEST_CASE("plc: contours of x^2+y^2 are circles of radius sqrt(level)", "[plc]") {
  const QuadMesh m = square_mesh(41, -1, 1);
  const auto z = radius2(m);
  for (double r : {0.3, 0.5, 0.9}) {
    const auto lines = contour_lines(m, z, r * r);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].closed);
    CHECK(lines[0].x.size() > 20);
    for (std::size_t k = 0; k < lines[0].x.size(); ++k)
      CHECK(std::hypot(lines[0].x[k], lines[0].y[k]) == Approx(r).margin(0.01));
  }
  // Past the inscribed circle: four open arcs in the corners.
  const auto arcs = contour_lines(m, z, 1.5);
  CHECK(arcs.size() == 4);
  for (const auto& a : arcs) {
    CHECK_FALSE(a.closed);
    for (std::size_t k = 0; k < a.x.size(); ++k) CHECK(std::hypot(a.x[k], a.y[k]) == Approx(std::sqrt(1.5)).margin(0.01));
  }
  CHECK(contour_lines(m, z, 5.0).empty());
}

TEST_CASE("plc: saddles, regions and NaN zones", "[plc]") {
  QuadMesh m = square_mesh(21, -1, 1);
  std::vector<double> z;
  for (std::size_t k = 0; k < m.x.size(); ++k) z.push_back(m.x[k] * m.y[k] + 0.1);
  // x*y = -0.1: two hyperbola branches, every point on the curve.
  const auto lines = contour_lines(m, z, 0.0);
  CHECK(lines.size() == 2);
  for (const auto& l : lines)
    for (std::size_t k = 0; k < l.x.size(); ++k) CHECK(l.x[k] * l.y[k] == Approx(-0.1).margin(0.01));
  // Only the zones of region 1 (the half x < 0).
  m.ireg.assign(m.x.size(), 0);
  for (std::size_t j = 1; j < m.nj; ++j)
    for (std::size_t i = 1; i < m.ni; ++i) m.ireg[i + m.ni * j] = m.x[i + m.ni * j] <= 0 ? 1 : 2;
  for (const auto& l : contour_lines(m, z, 0.0, 1))
    for (double x : l.x) CHECK(x <= 1e-12);
  // A NaN corner removes its four zones, nothing else.
  QuadMesh c = square_mesh(41, -1, 1);
  auto r2 = radius2(c);
  r2[20 + 41 * 30] = NAN;  // on the circle of radius 0.5 (point (0, 0.5))
  const auto broken = contour_lines(c, r2, 0.25);
  REQUIRE(broken.size() == 1);
  CHECK_FALSE(broken[0].closed);
}

TEST_CASE("plc: all levels at once give each level's lines, NaN zones and regions too", "[plc]") {
  QuadMesh m = square_mesh(41, -1, 1);
  std::vector<double> z;
  for (std::size_t k = 0; k < m.x.size(); ++k) z.push_back(std::sin(3 * m.x[k]) * std::cos(2 * m.y[k]));
  const std::vector<double> levels = {-0.9, -0.5, 0.0, 0.0, 0.3, 0.8, 2.0};
  auto same = [&](const QuadMesh& mesh, int region) {
    const auto all = contour_lines(mesh, z, levels, region);
    REQUIRE(all.size() == levels.size());
    for (std::size_t k = 0; k < levels.size(); ++k) {
      const auto one = contour_lines(mesh, z, levels[k], region);
      REQUIRE(all[k].size() == one.size());
      for (std::size_t l = 0; l < one.size(); ++l) {
        CHECK(all[k][l].closed == one[l].closed);
        CHECK(all[k][l].x == one[l].x);
        CHECK(all[k][l].y == one[l].y);
      }
    }
    return all;
  };
  const auto plain = same(m, 0);
  CHECK(plain[6].empty());
  CHECK_FALSE(plain[2].empty());
  z[20 + 41 * 20] = NAN;  // a NaN point and an infinite mesh coordinate
  m.x[5 + 41 * 7] = INFINITY;
  const auto holed = same(m, 0);
  std::size_t points = 0, holed_points = 0;
  for (std::size_t k = 0; k < levels.size(); ++k) {
    for (const auto& l : plain[k]) points += l.x.size();
    for (const auto& l : holed[k])
      for (std::size_t p = 0; p < l.x.size(); ++p) CHECK((std::isfinite(l.x[p]) && std::isfinite(l.y[p])));
    for (const auto& l : holed[k]) holed_points += l.x.size();
  }
  CHECK(holed_points < points);
  m.ireg.assign(m.x.size(), 1);
  for (std::size_t j = 1; j < m.nj; ++j) m.ireg[3 + m.ni * j] = 2;
  same(m, 1);
  same(m, 2);
}

TEST_CASE("plc: Gist's default levels slice the range evenly", "[plc]") {
  const auto levels = default_contour_levels({0, 2, 1, NAN}, 8);
  REQUIRE(levels.size() == 8);
  for (int k = 0; k < 8; ++k) CHECK(levels[k] == Approx(0.125 + 0.25 * k));
  CHECK(default_contour_levels({NAN}, 8).empty());
  CHECK(default_contour_levels({3, 3}, 8).size() == 1);
}

TEST_CASE("plc: the drawn contour passes through the right pixels", "[plc][pixels]") {
  Frame f = frame_with_limits(-1, 1, -1, 1);
  Contours c;
  c.mesh = square_mesh(41, -1, 1);
  c.z = radius2(c.mesh);
  c.levels = {0.25};
  c.line = {Color(NamedColor::red), LineType::solid, 3};
  f.systems[1].elements.push_back(c);
  const RasterImage img = render(f);
  const Transform tf = make_transform(f.systems[1]);
  int px, py;
  for (double a = 0; a < 6.28; a += 0.5) {
    ndc_to_pixel(tf.ndc_x(0.5 * std::cos(a)), tf.ndc_y(0.5 * std::sin(a)), px, py);
    CHECK(count_color(img, Rgb{255, 0, 0}, px - 1, py - 1, px + 2, py + 2, 60) >= 1);
  }
  ndc_to_pixel(tf.ndc_x(0), tf.ndc_y(0), px, py);
  CHECK(count_color(img, Rgb{255, 0, 0}, px - 20, py - 20, px + 20, py + 20, 60) == 0);
}
