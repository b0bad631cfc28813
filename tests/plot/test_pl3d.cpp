// The 3-D layer of libplot: viewing transform and rotations, normals and
// lighting, the painter's order of pl3surf, pl3tree and plwf, the gnomon,
// and Scene3 elements through render() and the CGM world record.
#include <catch2/catch.hpp>

#include <cmath>

#include "cgm/cgm_world_record.hpp"
#include "pargist/libplot/pl3d.hpp"
#include "plot_support.hpp"

using namespace pargist::plot;

namespace {

// pygist's default orientation: phi = -pi/4, theta = pi/6 (orient3()).
View3 oriented(double phi = -M_PI / 4, double theta = M_PI / 6) {
  // orient3: x, y, z turned by theta about x then phi about z; rows x, -z, y.
  double x[3] = {1, 0, 0}, y[3] = {0, 1, 0}, z[3] = {0, 0, 1};
  auto turn = [](double a, double* u, double* w) {
    for (int k = 0; k < 3; ++k) {
      const double p = u[k], q = w[k];
      u[k] = std::cos(a) * p + std::sin(a) * q;
      w[k] = -std::sin(a) * p + std::cos(a) * q;
    }
  };
  turn(theta, y, z);
  turn(phi, z, x);
  View3 v;
  for (int k = 0; k < 3; ++k) {
    v.rot[0][k] = x[k];
    v.rot[1][k] = -z[k];
    v.rot[2][k] = y[k];
  }
  return v;
}

// Two unit squares facing the viewer, the far one (z = -1) listed last.
Poly3 two_squares() {
  Poly3 p;
  p.n = {4, 4};
  p.xyz = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0.5, 0.5, -1, 1.5, 0.5, -1, 1.5, 1.5, -1, 0.5, 1.5, -1};
  p.fill = Poly3::Fill::values;
  p.values = {1.0, 2.0};
  return p;
}

}  // namespace

TEST_CASE("pl3d: the view turns the object; rot3 turns about the viewer's axes", "[pl3d]") {
  View3 v;
  const double p[3] = {1, 2, 3};
  auto same = view3_points(v, p, 1);
  CHECK(same == std::vector<double>{1, 2, 3});
  rotate3(v, 0, 0, M_PI / 2);  // a quarter turn about the line of sight
  auto q = view3_points(v, p, 1);
  CHECK(q[0] == Approx(-2).margin(1e-12));
  CHECK(q[1] == Approx(1).margin(1e-12));
  CHECK(q[2] == Approx(3).margin(1e-12));
  rotate3(v, 0.3, 0, 0);  // then about the viewer's x axis: x unchanged
  auto r = view3_points(v, p, 1);
  CHECK(r[0] == Approx(-2).margin(1e-12));
  CHECK(std::hypot(r[1], r[2]) == Approx(std::hypot(1, 3)));
  // Perspective divides by the distance to the camera.
  View3 cam;
  cam.perspective = true;
  cam.zc = 10;
  auto s = view3_points(cam, p, 1);
  CHECK(s[0] == Approx(1.0 / 7));
}

TEST_CASE("pl3d: normals, lighting and the painter's sort", "[pl3d]") {
  Poly3 p = two_squares();
  auto n = polygon_normals(p.xyz.data(), p.n.data(), 2);
  CHECK(std::fabs(n[2]) == Approx(1));
  CHECK(std::fabs(n[5]) == Approx(1));
  Light3 light;  // ambient 0.2 + diffuse 1 |cos|: 1.2 facing the viewer
  auto l = light3(light, View3{}, n, polygon_centroids(p.xyz.data(), p.n.data(), 2));
  CHECK(l[0] == Approx(1.2));
  // A specular source straight behind the viewer adds specular * 1^spower.
  light.specular = {1.0};
  light.sdir = {{0, 0, 1}};
  l = light3(light, View3{}, n, polygon_centroids(p.xyz.data(), p.n.data(), 2));
  CHECK(l[0] == Approx(2.2));
  // Back to front: the far square first.
  std::vector<double> z;
  for (std::size_t v = 0; v < 8; ++v) z.push_back(p.xyz[3 * v + 2]);
  CHECK(sort3d(z.data(), p.n.data(), 2) == std::vector<std::size_t>{1, 0});
  // Gist's bytscl: ends to 0 and top, half rounded down.
  ByteScale bs(0, 1, 99);
  CHECK(int(bs(0.0)) == 0);
  CHECK(int(bs(0.5)) == 49);
  CHECK(int(bs(0.1)) == 10);
  CHECK(int(bs(1.0)) == 99);
  CHECK(int(bs(7.0)) == 99);
}

TEST_CASE("pl3d: pl3surf draws back to front, pl3tree by the side of its planes", "[pl3d]") {
  Scene3 s;
  s.object = Surface3{two_squares()};
  auto out = lower_scene3(s, Palette{"", std::vector<Rgb>(200)});
  REQUIRE(out.size() == 1);
  const auto& polys = std::get<Polys>(out[0]);
  CHECK(polys.x[0] == 0.5);                         // far square first
  CHECK(polys.colors[0] == Color::palette(199));    // value 2 at the top of the palette
  CHECK(polys.colors[1] == Color::palette(0));

  // A tree: a plane x = 0.75 with polygons in it, a leaf on each side.
  Tree3 tree;
  Tree3Node root;
  root.has_plane = true;
  root.plane = {1, 0, 0, 0.75};
  Poly3 in_plane;
  in_plane.n = {3};
  in_plane.xyz = {0.75, 0, 0, 0.75, 1, 0, 0.75, 0, 1};
  in_plane.fill = Poly3::Fill::values;
  in_plane.values = {5};
  root.polys = {in_plane};
  root.back = 1;
  root.front = 2;
  Tree3Node back, front;
  Poly3 b;
  b.n = {3};
  b.xyz = {0, 0, 0, 0.5, 0, 0, 0, 0.5, 0};
  Poly3 f = b;
  for (std::size_t k = 0; k < 9; k += 3) f.xyz[k] += 1.0;
  back.polys = {b};
  front.polys = {f};
  tree.nodes = {root, back, front};
  Scene3 t;
  t.object = tree;
  // Viewer looking down -z with x turned towards the viewer: the front
  // side (x > 0.75) is nearer, so it is drawn last.
  rotate3(t.view, 0, -0.5, 0);
  auto drawn = lower_scene3(t, Palette{"", std::vector<Rgb>(200)});
  REQUIRE(drawn.size() == 3);
  CHECK(std::get<Polys>(drawn[0]).n.size() == 1);
  CHECK(std::get<Polys>(drawn[1]).colors[0] == Color::palette(49));  // one value: mid-scale of 0-99
  // Shaded leaves go to the gray half of the split palette (100-199).
  CHECK(std::get<Polys>(drawn[2]).colors[0].index >= 100);
  rotate3(t.view, 0, 1.0, 0);  // now the back side is nearer
  auto other = lower_scene3(t, Palette{"", std::vector<Rgb>(200)});
  const double first_x = std::get<Polys>(other[0]).x[0];
  const double first_x_before = std::get<Polys>(drawn[0]).x[0];
  CHECK(first_x != first_x_before);
}

TEST_CASE("pl3d: plwf paints the zones from the back", "[pl3d]") {
  Wire3 w;
  w.ni = 3;
  w.nj = 2;
  for (std::size_t j = 0; j < 2; ++j)
    for (std::size_t i = 0; i < 3; ++i) w.xyz.insert(w.xyz.end(), {double(i), double(j), 0.0});
  Scene3 s;
  s.view = oriented();
  s.object = w;
  auto out = lower_scene3(s, Palette{});
  const auto& p = std::get<Polys>(out[0]);
  REQUIRE(p.n.size() == 2);
  CHECK(p.colors[0] == Color(NamedColor::bg));  // no fill: background zones, edges on
  CHECK(p.edges);
  // The first zone drawn is the farther one.
  const double xs0 = p.x[0] + p.x[1] + p.x[2] + p.x[3], xs1 = p.x[4] + p.x[5] + p.x[6] + p.x[7];
  // phi = -pi/4 turns +x towards the viewer's right and front: the zone at
  // larger x is nearer, so the zone at smaller x comes first.
  CHECK(xs0 < xs1);
  w.cull = false;
  s.object = w;
  CHECK(std::holds_alternative<Mesh>(lower_scene3(s, Palette{})[0]));
}

TEST_CASE("pl3d: the gnomon shows the axes and reverses labels pointing away", "[pl3d]") {
  Scene3 g;
  g.object = Gnomon3{};
  g.view = oriented();
  auto out = lower_scene3(g, Palette{});
  REQUIRE(std::holds_alternative<Disjoint>(out[0]));
  int texts = 0, discs = 0;
  for (const auto& e : out) {
    texts += std::holds_alternative<Text>(e);
    discs += std::holds_alternative<Polys>(e);
  }
  CHECK(texts == 3);
  // orient3's default view: x and z point towards the viewer, y away.
  CHECK(discs == 1);
  rotate3(g.view, 0, M_PI, 0);  // turned about the vertical: x and z away now
  int after = 0;
  for (const auto& e : lower_scene3(g, Palette{})) after += std::holds_alternative<Polys>(e);
  CHECK(after == 2);
}

TEST_CASE("pl3d: a Scene3 renders and survives the CGM world record", "[pl3d]") {
  Frame f = plot_test::frame_with_limits(-1, 2, -1, 2);
  Scene3 s;
  s.object = Surface3{two_squares()};
  s.view = oriented();
  s.light.specular = {1.0, 0.5};
  s.light.spower = {4, 2};
  s.light.sdir = {{0, 0, -1}, {1, 0.5, 1}};
  f.systems[1].elements.push_back(s);
  Scene3 g;
  g.object = Gnomon3{};
  f.systems[0].elements.push_back(g);
  const RasterImage img = plot_test::render(f);
  CHECK(img.width > 0);
  const auto bytes = pargist::cgm::encode_world_record(f);
  const Frame back = pargist::cgm::decode_world_record(bytes.data(), bytes.size(), 0);
  const auto& e = std::get<Scene3>(back.systems[1].elements.back());
  CHECK(e.light.spower == std::vector<double>{4, 2});
  CHECK(std::get<Surface3>(e.object).polys.xyz == two_squares().xyz);
  CHECK(e.view.rot[1][2] == s.view.rot[1][2]);
  CHECK(std::holds_alternative<Gnomon3>(std::get<Scene3>(back.systems[0].elements.back()).object));
}
