// Each primitive drawn and checked on pixels: colours at known places,
// lines where they must be, nothing outside the viewport.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "pargist/libplot/axes.hpp"
#include "pargist/libplot/palette.hpp"
#include "pargist/libplot/style.hpp"
#include "plot_support.hpp"

using namespace plot_test;

namespace {

const Rgb kWhite{255, 255, 255}, kBlack{0, 0, 0}, kRed{255, 0, 0}, kGreen{0, 255, 0}, kBlue{0, 0, 255};

// Pixel of a world point of system 1.
void world_pixel(const Frame& f, double x, double y, int& px, int& py) {
  const Transform tf = make_transform(f.systems[1]);
  ndc_to_pixel(tf.ndc_x(x), tf.ndc_y(y), px, py);
}

// The viewport of system 1 in pixels [x0,x1) x [y0,y1).
void viewport_pixels(const Frame& f, int& x0, int& y0, int& x1, int& y1) {
  const Box& vp = f.systems[1].viewport;
  ndc_to_pixel(vp.xmin, vp.ymax, x0, y0);
  ndc_to_pixel(vp.xmax, vp.ymin, x1, y1);
  x1 += 1;
  y1 += 1;
}

// Pixels that are clearly coloured (not white, black or grey).
int colourful_outside(const RasterImage& img, int x0, int y0, int x1, int y1) {
  int n = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      if (x >= x0 && x < x1 && y >= y0 && y < y1) continue;
      const Rgb c = img.rgb(x, y);
      const int hi = std::max({c.r, c.g, c.b}), lo = std::min({c.r, c.g, c.b});
      if (hi - lo > 40) ++n;
    }
  return n;
}

Lines line(std::vector<double> x, std::vector<double> y, Color c, double width = 1) {
  Lines l;
  l.x = std::move(x);
  l.y = std::move(y);
  l.line.color = c;
  l.line.width = width;
  return l;
}

}  // namespace

TEST_CASE("plg: a line where it must be, clipped to the viewport", "[plg][pixels]") {
  Frame f = frame_with_limits(0, 1, 0, 1);
  f.systems[1].elements.push_back(line({-10, 10}, {0.5, 0.5}, Color(NamedColor::red), 4));
  const RasterImage img = render(f);
  int x0, y0, x1, y1, px, py;
  viewport_pixels(f, x0, y0, x1, y1);
  world_pixel(f, 0.5, 0.5, px, py);
  // The row of y = 0.5 is red across the whole viewport...
  CHECK(count_color(img, kRed, x0, py, x1, py + 1, 10) >= (x1 - x0) - 2);
  // ...and red nowhere outside it, nor far from that row.
  CHECK(count_color_outside(img, kRed, x0, y0, x1, y1, 60) == 0);
  CHECK(count_color(img, kRed, x0, y0, x1, py - 4, 60) == 0);
  CHECK(count_color(img, kRed, x0, py + 5, x1, y1, 60) == 0);
}

TEST_CASE("plg: a curve of far more points than pixel columns looks as drawn point by point", "[plg][pixels]") {
  // 1e5 points of a fast, noisy oscillation over 600 pixels: drawn in one
  // piece (kept to what each pixel column shows) and in 100 pieces of 1000
  // points (too few per piece to be reduced), the pictures agree.
  const std::size_t n = 100000;
  std::vector<double> x(n), y(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = double(i) / double(n);
    y[i] = 0.5 + 0.3 * std::sin(40.0 * x[i]) + 0.1 * std::sin(1234.5 * double(i));
  }
  Frame whole = frame_with_limits(0, 1, 0, 1), pieces = frame_with_limits(0, 1, 0, 1);
  whole.systems[1].elements.push_back(line(x, y, Color(NamedColor::blue), 1));
  for (std::size_t b = 0; b < n; b += 1000) {
    const std::size_t e = std::min(n, b + 1001);  // overlapping by one point: no gap
    pieces.systems[1].elements.push_back(line(std::vector<double>(x.begin() + b, x.begin() + e),
                                              std::vector<double>(y.begin() + b, y.begin() + e),
                                              Color(NamedColor::blue), 1));
  }
  const RasterImage a = render(whole), b = render(pieces);
  REQUIRE(a.width == b.width);
  double total = 0;
  int far_apart = 0;
  for (int py = 0; py < a.height; ++py)
    for (int px = 0; px < a.width; ++px) {
      const Rgb p = a.rgb(px, py), q = b.rgb(px, py);
      const int d = std::max({std::abs(p.r - q.r), std::abs(p.g - q.g), std::abs(p.b - q.b)});
      total += d;
      far_apart += d > 96;
    }
  const double pixels = double(a.width) * a.height;
  // Differences stay along the edges of the band the curve sweeps (its
  // stair-step outline against the antialiased one of 1e5 segments) and in
  // a few columns whose reduced run is a slanted segment: the thin-line
  // coverage (detail::ThinLineMask) leaves those a shade lighter inside the
  // band, where the 1000-point pieces (Cairo's strokes) fill them.
  CHECK(total / pixels < 2.0);         // mean difference, levels of 255
  CHECK(far_apart < 0.007 * pixels);   // measured: 1.8 levels, 0.52% (Cairo's strokes of both: 1.2, 0.35%)
  // The band the curve sweeps is as tall in both: its top and bottom rows.
  int x0, y0, x1, y1;
  viewport_pixels(whole, x0, y0, x1, y1);
  auto rows_with_blue = [&](const RasterImage& img) {
    int rows = 0;
    for (int py = y0; py < y1; ++py) rows += count_color(img, kBlue, x0 + 2, py, x1 - 2, py + 1, 120) > 0;
    return rows;
  };
  CHECK(std::abs(rows_with_blue(a) - rows_with_blue(b)) <= 2);
}

TEST_CASE("plg: markers at the points, dashes leave gaps, NaN breaks the curve", "[plg][pixels]") {
  Frame f = frame_with_limits(0, 1, 0, 1);
  Lines pts = line({0.25, 0.75}, {0.25, 0.75}, Color(NamedColor::blue));
  pts.line.type = LineType::none;
  pts.markers_at_points = true;
  pts.marker = {Color(NamedColor::blue), marker_plus, 2.0};
  f.systems[1].elements.push_back(pts);
  Lines dashed = line({0, 1}, {0.5, 0.5}, Color(NamedColor::green), 2);
  dashed.line.type = LineType::dash;
  f.systems[1].elements.push_back(dashed);
  f.systems[1].elements.push_back(line({0.1, 0.4, NAN, 0.6, 0.9}, {0.9, 0.9, 0.9, 0.9, 0.9}, Color(NamedColor::red), 3));
  const RasterImage img = render(f);
  int px, py;
  world_pixel(f, 0.25, 0.25, px, py);
  CHECK(count_color(img, kBlue, px - 1, py - 1, px + 2, py + 2, 30) >= 3);
  world_pixel(f, 0.5, 0.25, px, py);
  CHECK(count_color(img, kBlue, px - 5, py - 5, px + 6, py + 6, 60) == 0);
  int x0, y0, x1, y1;
  viewport_pixels(f, x0, y0, x1, y1);
  world_pixel(f, 0.5, 0.5, px, py);
  const int green = count_color(img, kGreen, x0, py - 1, x1, py + 2, 60);
  const int width = x1 - x0;
  CHECK(green > width / 3);  // dashes: mostly drawn...
  CHECK(count_color(img, kGreen, x0, py, x1, py + 1, 60) < width - 20);  // ...with gaps
  // The NaN point splits the red curve: nothing drawn between 0.4 and 0.6.
  world_pixel(f, 0.5, 0.9, px, py);
  CHECK(count_color(img, kRed, px - 8, py - 3, px + 8, py + 4, 60) == 0);
  world_pixel(f, 0.25, 0.9, px, py);
  CHECK(count_color(img, kRed, px - 8, py - 3, px + 8, py + 4, 60) > 10);
}

TEST_CASE("plg: letter marks along the curve", "[plg][pixels]") {
  Frame f = frame_with_limits(0, 1, 0, 1);
  Lines l = line({0, 1}, {0.2, 0.2}, Color(NamedColor::blue));
  l.marks = true;
  l.marker = {Color(NamedColor::red), 'A', 1.5};
  l.mspace = 0.1;
  f.systems[1].elements.push_back(l);
  const RasterImage img = render(f);
  int x0, y0, x1, y1, px, py;
  viewport_pixels(f, x0, y0, x1, y1);
  world_pixel(f, 0.5, 0.2, px, py);
  // The viewport is 0.41 NDC wide: 4 or 5 red letters along the line.
  CHECK(count_color(img, kRed, x0, py - 12, x1, py + 12, 80) > 40);
}

TEST_CASE("pldj: disjoint segments", "[pldj][pixels]") {
  Frame f = frame_with_limits(0, 1, 0, 1);
  Disjoint d;
  d.x0 = {0.5, 0.1};
  d.y0 = {0.2, 0.1};
  d.x1 = {0.5, 0.3};
  d.y1 = {0.8, 0.1};
  d.line = {Color(NamedColor::green), LineType::solid, 3};
  f.systems[1].elements.push_back(d);
  const RasterImage img = render(f);
  int px, py;
  world_pixel(f, 0.5, 0.5, px, py);
  CHECK(count_color(img, kGreen, px - 2, py, px + 3, py + 1, 20) >= 1);
  world_pixel(f, 0.5, 0.9, px, py);
  CHECK(count_color(img, kGreen, px - 3, py - 3, px + 4, py + 4, 60) == 0);
  world_pixel(f, 0.2, 0.1, px, py);
  CHECK(count_color(img, kGreen, px, py - 2, px + 1, py + 3, 20) >= 1);
}

TEST_CASE("plm: mesh lines, regions and boundary", "[plm][pixels]") {
  Frame f = frame_with_limits(-0.1, 1.1, -0.1, 1.1);
  Mesh m;
  m.mesh.ni = 3;
  m.mesh.nj = 3;
  m.mesh.x = {0, 0.5, 1, 0, 0.5, 1, 0, 0.5, 1};
  m.mesh.y = {0, 0, 0, 0.5, 0.5, 0.5, 1, 1, 1};
  m.line = {Color(NamedColor::blue), LineType::solid, 2};
  f.systems[1].elements.push_back(m);
  RasterImage img = render(f);
  int px, py;
  world_pixel(f, 0.5, 0.25, px, py);  // interior line x = 0.5
  CHECK(count_color(img, kBlue, px - 2, py, px + 3, py + 1, 20) >= 1);
  world_pixel(f, 0.25, 0.25, px, py);  // zone centre: empty
  CHECK(count_color(img, kBlue, px - 3, py - 3, px + 4, py + 4, 60) == 0);
  // boundary only: the interior line disappears, the outline stays.
  std::get<Mesh>(f.systems[1].elements[0]).boundary = true;
  img = render(f);
  world_pixel(f, 0.5, 0.25, px, py);
  CHECK(count_color(img, kBlue, px - 2, py, px + 3, py + 1, 60) == 0);
  world_pixel(f, 0.0, 0.25, px, py);
  CHECK(count_color(img, kBlue, px - 2, py, px + 3, py + 1, 20) >= 1);
  // region 2 = the right column of zones only: x = 0 line gone.
  auto& mesh = std::get<Mesh>(f.systems[1].elements[0]);
  mesh.boundary = false;
  mesh.mesh.ireg = {0, 0, 0, 0, 1, 2, 0, 1, 2};
  mesh.region = 2;
  img = render(f);
  world_pixel(f, 0.0, 0.25, px, py);
  CHECK(count_color(img, kBlue, px - 2, py, px + 3, py + 1, 60) == 0);
  world_pixel(f, 1.0, 0.25, px, py);
  CHECK(count_color(img, kBlue, px - 2, py, px + 3, py + 1, 20) >= 1);
}

TEST_CASE("plf: zones filled with the palette colour of z", "[plf][pixels]") {
  Frame f = frame_with_limits(0, 1, 0, 1);
  FillMesh fm;
  fm.mesh.ni = 3;
  fm.mesh.nj = 3;
  fm.mesh.x = {0, 0.5, 1, 0, 0.5, 1, 0, 0.5, 1};
  fm.mesh.y = {0, 0, 0, 0.5, 0.5, 0.5, 1, 1, 1};
  fm.z = {0, 0, 0, 0, 0, 1, 0, 2, 3};  // zones (1,1)=0 (2,1)=1 (1,2)=2 (2,2)=3
  f.systems[1].elements.push_back(fm);
  const RasterImage img = render(f);
  const Palette& p = f.palette;
  const int n = int(p.colors.size());
  const double z[4] = {0, 1, 2, 3};
  const double cx[4] = {0.25, 0.75, 0.25, 0.75}, cy[4] = {0.25, 0.25, 0.75, 0.75};
  for (int k = 0; k < 4; ++k) {
    const int index = int(z[k] / 3.0 * (n - 1) + 0.4999);  // Gist's bytscl: 0..top, rounded
    int px, py;
    world_pixel(f, cx[k], cy[k], px, py);
    INFO("zone " << k);
    CHECK(near(img.rgb(px, py), p.colors[index], 0));
  }
  int x0, y0, x1, y1;
  viewport_pixels(f, x0, y0, x1, y1);
  CHECK(colourful_outside(img, x0, y0, x1, y1) == 0);
}

TEST_CASE("pli: nearest-neighbour cells, exact colours, clipped", "[pli][pixels]") {
  Frame f = frame_with_limits(0, 1, 0, 1);
  Cells c;
  c.nx = 2;
  c.ny = 2;
  c.x0 = 0; c.y0 = 0; c.x1 = 1; c.y1 = 1;
  c.colors = {10, 100, 200, 239};  // row 0 (bottom): 10, 100; row 1 (top): 200, 239
  f.systems[1].elements.push_back(c);
  RasterImage img = render(f);
  const Palette& p = f.palette;
  const struct { double x, y; int index; } probes[] = {{0.25, 0.25, 10}, {0.75, 0.25, 100}, {0.25, 0.75, 200}, {0.75, 0.75, 239}};
  for (const auto& pr : probes) {
    int px, py;
    world_pixel(f, pr.x, pr.y, px, py);
    CHECK(near(img.rgb(px, py), p.colors[pr.index], 0));
  }
  // Not smeared: along the row y = 0.25 every pixel is one of the two cell
  // colours exactly.
  int x0, y0, x1, y1, px, py;
  viewport_pixels(f, x0, y0, x1, y1);
  world_pixel(f, 0.5, 0.25, px, py);
  int other = 0;
  for (int x = x0 + 2; x < x1 - 2; ++x) {
    const Rgb v = img.rgb(x, py);
    if (!(v == p.colors[10]) && !(v == p.colors[100])) ++other;
  }
  CHECK(other == 0);
  // A cell array much larger than the limits stays inside the viewport.
  auto& big = std::get<Cells>(f.systems[1].elements[0]);
  big.x0 = -10; big.y0 = -10; big.x1 = 10; big.y1 = 10;
  img = render(f);
  CHECK(colourful_outside(img, x0, y0, x1, y1) == 0);
}

TEST_CASE("pli: z values scaled through cmin/cmax, NaN cells in the background colour", "[pli][pixels]") {
  Frame f = frame_with_limits(0, 3, 0, 1);
  Cells c;
  c.nx = 3;
  c.ny = 1;
  c.x0 = 0; c.y0 = 0; c.x1 = 3; c.y1 = 1;
  c.z = {-5, NAN, 50};
  c.has_cmin = c.has_cmax = true;
  c.cmin = 0;
  c.cmax = 10;
  f.systems[1].elements.push_back(c);
  const RasterImage img = render(f);
  int px, py;
  world_pixel(f, 0.5, 0.5, px, py);
  CHECK(near(img.rgb(px, py), f.palette.colors.front(), 0));  // below cmin: first colour
  world_pixel(f, 1.5, 0.5, px, py);
  CHECK(near(img.rgb(px, py), kWhite, 0));
  world_pixel(f, 2.5, 0.5, px, py);
  CHECK(near(img.rgb(px, py), f.palette.colors.back(), 0));  // above cmax: last colour
}

TEST_CASE("plfp: filled polygons", "[plfp][pixels]") {
  Frame f = frame_with_limits(0, 1, 0, 1);
  Polys p;
  p.x = {0.1, 0.4, 0.1, 0.6, 0.9, 0.9, 0.6};
  p.y = {0.1, 0.1, 0.4, 0.6, 0.6, 0.9, 0.9};
  p.n = {3, 4};
  p.colors = {Color(NamedColor::red), Color(NamedColor::blue)};
  f.systems[1].elements.push_back(p);
  const RasterImage img = render(f);
  int px, py;
  world_pixel(f, 0.2, 0.2, px, py);
  CHECK(near(img.rgb(px, py), kRed, 0));
  world_pixel(f, 0.35, 0.35, px, py);  // outside the triangle's hypotenuse
  CHECK(near(img.rgb(px, py), kWhite, 0));
  world_pixel(f, 0.75, 0.75, px, py);
  CHECK(near(img.rgb(px, py), kBlue, 0));
}

TEST_CASE("plv: Gist's filled darts, centred on the points", "[plv][pixels]") {
  Frame f = frame_with_limits(0, 1, 0, 1);
  Vectors v;
  v.x = {0.3};
  v.y = {0.5};
  v.vx = {0.4};
  v.vy = {0};
  v.scale = 1;  // a dart 0.4 long: base at 0.3 - 0.4/3, tip at 0.3 + 0.8/3
  v.line = {Color(NamedColor::red), LineType::solid, 2};
  f.systems[1].elements.push_back(v);
  const RasterImage img = render(f);
  int px, py, qx, qy;
  world_pixel(f, 0.3, 0.5, px, py);
  CHECK(count_color(img, kRed, px - 1, py - 1, px + 2, py + 2, 40) == 9);  // filled at the centroid
  world_pixel(f, 0.18, 0.5, qx, qy);  // near the base: 0.1 wide (3 * aspect * length/3 each side)
  world_pixel(f, 0.18, 0.46, px, py);
  CHECK(count_color(img, kRed, qx, qy, qx + 1, py, 40) >= (py - qy) - 1);
  world_pixel(f, 0.55, 0.515, px, py);  // near the tip: narrow
  CHECK(count_color(img, kRed, px, py - 1, px + 1, py + 1, 40) == 0);
  world_pixel(f, 0.6, 0.5, qx, qy);  // nothing past the tip, nothing behind the base
  CHECK(count_color(img, kRed, qx, qy - 3, qx + 6, qy + 4, 60) == 0);
  world_pixel(f, 0.12, 0.5, qx, qy);
  CHECK(count_color(img, kRed, qx - 5, qy - 3, qx + 1, qy + 4, 60) == 0);
  // Hollow: the outline only.
  std::get<Vectors>(f.systems[1].elements[0]).hollow = true;
  const RasterImage hollow = render(f);
  world_pixel(f, 0.3, 0.5, px, py);
  CHECK(count_color(hollow, kRed, px - 1, py - 1, px + 2, py + 2, 40) == 0);
}

TEST_CASE("plv: Gist's automatic scale, regions of a mesh", "[plv]") {
  Vectors v;
  // A 3x2 mesh of unit zones; vectors from 0 to 2 in x: zone size (2+1)/(3+2).
  v.x = {0, 1, 2, 0, 1, 2};
  v.y = {0, 0, 0, 1, 1, 1};
  v.vx = {0, 1, 2, 0, 1, 2};
  v.vy = {0, 0, 0, 0, 0, 0};
  v.ni = 3;
  CHECK(automatic_vector_scale(v) == Approx(3.0 / 5.0 / 2.0));
  v.vx.assign(6, 1.0);
  CHECK(automatic_vector_scale(v) == 1.0);  // no variation
}

TEST_CASE("gridxy: grid lines at the major ticks, not the minor ones", "[gridxy][pixels]") {
  Frame f = frame_with_limits(0, 1, 0, 1);
  // Grid lines at the major ticks of y: 0.0, 0.2, ... (grey dots across).
  f.systems[1].ticks.vert.flags |= grid_full;
  f.systems[1].ticks.vert.grid_style.color = Color(NamedColor::red);
  f.systems[1].ticks.vert.grid_style.type = LineType::solid;
  Disjoint corner;  // Gist draws the axes (and grid) of systems with elements only
  corner.x0 = {0.0};
  corner.y0 = {0.0};
  corner.x1 = {0.01};
  corner.y1 = {0.01};
  corner.line = {Color(NamedColor::blue), LineType::solid, 1};
  f.systems[1].elements.push_back(corner);
  const RasterImage img = render(f);
  int x0, y0, x1, y1, px, py;
  viewport_pixels(f, x0, y0, x1, y1);
  world_pixel(f, 0.5, 0.6, px, py);
  CHECK(count_color(img, kRed, x0, py - 1, x1, py + 2, 40) > (x1 - x0) / 2);
  world_pixel(f, 0.5, 0.55, px, py);  // 0.55 is a tick of level 2 > gridLevel 1: no line
  CHECK(count_color(img, kRed, x0, py, x1, py + 1, 40) == 0);
}

TEST_CASE("log axes: decades evenly spaced", "[logxy][pixels]") {
  Frame f = frame_with_limits(1, 1000, 0, 1);
  f.systems[1].limits.log_x = true;
  Disjoint d;
  d.x0 = {10, 100};
  d.x1 = {10, 100};
  d.y0 = {0, 0};
  d.y1 = {1, 1};
  d.line = {Color(NamedColor::red), LineType::solid, 2};
  f.systems[1].elements.push_back(d);
  const RasterImage img = render(f);
  int x0, y0, x1, y1;
  viewport_pixels(f, x0, y0, x1, y1);
  int a, b, py;
  world_pixel(f, 10, 0.5, a, py);
  world_pixel(f, 100, 0.5, b, py);
  CHECK(std::abs((b - a) - (x1 - x0) / 3) <= 2);
  CHECK(count_color(img, kRed, a - 1, py, a + 2, py + 1, 40) >= 1);
  CHECK(count_color(img, kRed, b - 1, py, b + 2, py + 1, 40) >= 1);
}

TEST_CASE("plg: rays put arrowheads along the curve", "[plg][pixels]") {
  Frame f = frame_with_limits(0, 1, 0, 1);
  Lines l = line({0, 1}, {0.5, 0.5}, Color(NamedColor::blue));
  l.rays = true;
  l.mspace = 0.2;
  l.mphase = 0.1;
  f.systems[1].elements.push_back(l);
  const RasterImage img = render(f);
  int x0, y0, x1, y1, px, py;
  viewport_pixels(f, x0, y0, x1, y1);
  world_pixel(f, 0.5, 0.5, px, py);
  // A bare 1-pixel line has blue only on its row; the heads reach 3+ rows
  // above and below it.
  CHECK(count_color(img, kBlue, x0, py - 4, x1, py - 2, 80) > 0);
  CHECK(count_color(img, kBlue, x0, py + 3, x1, py + 5, 80) > 0);
}
