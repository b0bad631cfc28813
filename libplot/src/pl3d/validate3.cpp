// The checks of a Scene3 element before it is drawn or stored.
#include <cmath>
#include <stdexcept>
#include <string>

#include "pargist/libplot/pl3d.hpp"

namespace pargist::plot {

namespace {

[[noreturn]] void fail(const std::string& what) { throw std::invalid_argument("pl3d: " + what); }

void check_poly3(const Poly3& p) {
  std::size_t total = 0;
  for (std::size_t n : p.n) {
    if (n < 3) fail("a polygon has fewer than 3 vertices");
    total += n;
  }
  if (p.xyz.size() != 3 * total)
    fail("xyzverts has " + std::to_string(p.xyz.size() / 3) + " points but nverts adds up to " + std::to_string(total));
  for (double c : p.xyz)
    if (!std::isfinite(c)) fail("polygon coordinates must be finite");
  if (p.fill == Poly3::Fill::values && p.values.size() != p.n.size())
    fail(std::to_string(p.values.size()) + " values for " + std::to_string(p.n.size()) + " polygons");
  if (p.fill == Poly3::Fill::colors && p.colors.size() != p.n.size())
    fail(std::to_string(p.colors.size()) + " colours for " + std::to_string(p.n.size()) + " polygons");
}

struct Check {
  void operator()(const Surface3& s) const { check_poly3(s.polys); }
  void operator()(const Tree3& t) const {
    const int n = int(t.nodes.size());
    for (const Tree3Node& node : t.nodes) {
      if (node.back >= n || node.front >= n) fail("a tree node points past the tree");
      for (const Poly3& p : node.polys) check_poly3(p);
    }
  }
  void operator()(const Wire3& w) const {
    if (w.ni < 2 || w.nj < 2) fail("a wire frame needs at least 2 x 2 points");
    if (w.xyz.size() != 3 * w.ni * w.nj) fail("the wire frame's xyz must have 3 * ni * nj values");
    if (!w.fill.empty() && w.fill.size() != (w.ni - 1) * (w.nj - 1))
      fail("fill must have one value per zone, " + std::to_string((w.ni - 1) * (w.nj - 1)));
    for (double c : w.xyz)
      if (!std::isfinite(c)) fail("wire frame coordinates must be finite");
  }
  void operator()(const Gnomon3& g) const {
    if (!(g.scale > 0) || !std::isfinite(g.x) || !std::isfinite(g.y)) fail("bad gnomon position or scale");
  }
};

}  // namespace

void validate_scene3(const Scene3& scene) {
  for (const auto& row : scene.view.rot)
    for (double r : row)
      if (!std::isfinite(r)) fail("the view's rotation must be finite");
  std::visit(Check{}, scene.object);
}

}  // namespace pargist::plot
