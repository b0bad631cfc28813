// A Scene3 element drawn as 2-D elements under its view: pl3surf's sorted
// polygons, pl3tree's planes and leaves in the order the view needs, plwf's
// zones painted back to front. Colours follow Gist: byte-scaled values
// (the whole palette, or the halves of pl3tree's split palette).
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "pargist/libplot/pl3d.hpp"
#include "pl3d_internal.hpp"

namespace pargist::plot {

namespace {

int palette_top(const Palette& p) { return p.colors.empty() ? 239 : int(std::min<std::size_t>(p.colors.size(), 256)) - 1; }

// The box of every vertex of the polygon lists, and the map onto the unit
// cube (pygist scales each axis so, "to avoid loss of accuracy").
struct Normalizer {
  double lo[3] = {0, 0, 0}, scale[3] = {1, 1, 1};
  void fit(const std::vector<const Poly3*>& lists) {
    double mn[3], mx[3];
    std::fill(mn, mn + 3, std::numeric_limits<double>::infinity());
    std::fill(mx, mx + 3, -std::numeric_limits<double>::infinity());
    for (const Poly3* p : lists)
      for (std::size_t v = 0; 3 * v < p->xyz.size(); ++v)
        for (int a = 0; a < 3; ++a) {
          mn[a] = std::min(mn[a], p->xyz[3 * v + std::size_t(a)]);
          mx[a] = std::max(mx[a], p->xyz[3 * v + std::size_t(a)]);
        }
    for (int a = 0; a < 3; ++a) {
      lo[a] = std::isfinite(mn[a]) ? mn[a] : 0.0;
      scale[a] = mx[a] > mn[a] ? 1.0 / (mx[a] - mn[a]) : 1.0;  // a flat axis maps to 0
    }
  }
  std::vector<double> apply(const std::vector<double>& xyz) const {
    std::vector<double> out(xyz.size());
    for (std::size_t i = 0; i < xyz.size(); ++i) out[i] = (xyz[i] - lo[i % 3]) * scale[i % 3];
    return out;
  }
};

// Palette indices of one polygon list (view coordinates `v`, 3 per vertex).
std::vector<Color> poly_colors(const Poly3& p, const std::vector<double>& v, const Scene3& s, int top,
                               bool pl3tree) {
  std::vector<Color> out(p.n.size());
  std::vector<double> values;
  int base = 0, scale_top = top;
  bool cmin_default_zero = false;
  switch (p.fill) {
    case Poly3::Fill::background:
      std::fill(out.begin(), out.end(), Color(NamedColor::bg));
      return out;
    case Poly3::Fill::colors:
      for (std::size_t k = 0; k < out.size(); ++k) out[k] = Color::palette(p.colors[k]);
      return out;
    case Poly3::Fill::shade:
      values = light3(s.light, s.view, polygon_normals(v.data(), p.n.data(), p.n.size()),
                      polygon_centroids(v.data(), p.n.data(), p.n.size()));
      // pl3tree: the light from 0 (black) up, in the gray half of a split palette.
      cmin_default_zero = pl3tree;
      if (pl3tree && p.split) { base = 100; scale_top = 99; }
      break;
    case Poly3::Fill::values:
      values = p.values;
      if (pl3tree && p.split) scale_top = 99;
      break;
  }
  const bool has_cmin = p.has_cmin || cmin_default_zero;
  const double cmin = p.has_cmin ? p.cmin : 0.0;
  const ByteScale bs = byte_scale(values, has_cmin, cmin, p.has_cmax, p.cmax, scale_top);
  for (std::size_t k = 0; k < out.size(); ++k) out[k] = Color::palette(std::uint8_t(base + bs(values[k])));
  return out;
}

// One drawn list of polygons, accumulated in view coordinates.
struct Batch {
  Polys polys;
  std::vector<double> z;
  void add(const Poly3& p, const std::vector<double>& v, std::vector<Color> colors) {
    for (std::size_t i = 0; 3 * i < v.size(); ++i) {
      polys.x.push_back(v[3 * i]);
      polys.y.push_back(v[3 * i + 1]);
      z.push_back(v[3 * i + 2]);
    }
    polys.n.insert(polys.n.end(), p.n.begin(), p.n.end());
    polys.colors.insert(polys.colors.end(), colors.begin(), colors.end());
    polys.edges = p.edges;  // as pygist: the last list's edges flag
  }
  // Reorders the polygons back to front.
  void sort() {
    const auto order = sort3d(z.data(), polys.n.data(), polys.n.size());
    std::vector<std::size_t> first(polys.n.size());
    for (std::size_t k = 0, f = 0; k < polys.n.size(); f += polys.n[k], ++k) first[k] = f;
    Polys sorted;
    sorted.edges = polys.edges;
    for (std::size_t k : order) {
      sorted.n.push_back(polys.n[k]);
      sorted.colors.push_back(polys.colors[k]);
      sorted.x.insert(sorted.x.end(), polys.x.begin() + std::ptrdiff_t(first[k]),
                      polys.x.begin() + std::ptrdiff_t(first[k] + polys.n[k]));
      sorted.y.insert(sorted.y.end(), polys.y.begin() + std::ptrdiff_t(first[k]),
                      polys.y.begin() + std::ptrdiff_t(first[k] + polys.n[k]));
    }
    polys = std::move(sorted);
  }
};

class Lowering {
 public:
  Lowering(const Scene3& s, const Palette& palette) : s_(s), top_(palette_top(palette)) {}

  std::vector<Element> operator()(const Surface3& surf) {
    std::vector<Element> out;
    if (surf.polys.n.empty()) return out;
    Normalizer norm;
    if (s_.normalize) norm.fit({&surf.polys});
    const auto v = view3_points(s_.view, (s_.normalize ? norm.apply(surf.polys.xyz) : surf.polys.xyz).data(),
                                surf.polys.xyz.size() / 3);
    Batch b;
    b.add(surf.polys, v, poly_colors(surf.polys, v, s_, top_, false));
    b.sort();
    out.emplace_back(std::move(b.polys));
    return out;
  }

  std::vector<Element> operator()(const Tree3& tree) {
    out_.clear();
    if (tree.nodes.empty()) return {};
    std::vector<const Poly3*> all;
    for (const Tree3Node& n : tree.nodes)
      for (const Poly3& p : n.polys) all.push_back(&p);
    if (s_.normalize) norm_.fit(all);
    tree_ = &tree;
    node(0);
    return std::move(out_);
  }

  std::vector<Element> operator()(const Wire3& w) { return {lower_wire3(w, s_, top_)}; }
  std::vector<Element> operator()(const Gnomon3& g) { return lower_gnomon3(g, s_.view); }

 private:
  void node(int index) {
    if (index < 0) return;
    const Tree3Node& n = tree_->nodes[std::size_t(index)];
    if (!n.has_plane) {
      leaf(n.polys, true);
      return;
    }
    // Which side of the plane faces the viewer: the tip of its normal
    // nearer than the origin means the front side is towards us.
    const double pts[6] = {0, 0, 0, n.plane[0], n.plane[1], n.plane[2]};
    const auto v = view3_points(s_.view, pts, 2);
    const bool front_near = v[5] >= v[2];
    node(front_near ? n.back : n.front);
    leaf(n.polys, false);
    node(front_near ? n.front : n.back);
  }

  void leaf(const std::vector<Poly3>& lists, bool not_plane) {
    if (lists.empty()) return;
    Batch b;
    for (const Poly3& p : lists) {
      const bool normalize = s_.normalize && (p.fill == Poly3::Fill::shade || not_plane || tree_->multiple_components);
      const auto v = view3_points(s_.view, (normalize ? norm_.apply(p.xyz) : p.xyz).data(), p.xyz.size() / 3);
      b.add(p, v, poly_colors(p, v, s_, top_, true));
    }
    if (not_plane) b.sort();
    out_.emplace_back(std::move(b.polys));
  }

  const Scene3& s_;
  int top_;
  Normalizer norm_;
  const Tree3* tree_ = nullptr;
  std::vector<Element> out_;
};

}  // namespace

std::vector<Element> lower_scene3(const Scene3& scene, const Palette& palette) {
  Lowering low(scene, palette);
  auto out = std::visit(low, scene.object);
  for (Element& e : out) element_info(e) = ElementInfo{"", false};
  return out;
}

std::vector<Bounds2> scene3_bounds(const Scene3& scene) {
  std::vector<Bounds2> out;
  if (std::holds_alternative<Gnomon3>(scene.object)) return out;
  for (const Element& e : lower_scene3(scene, Palette{})) {
    const std::vector<double>* x = nullptr;
    const std::vector<double>* y = nullptr;
    if (const auto* p = std::get_if<Polys>(&e)) { x = &p->x; y = &p->y; }
    else if (const auto* m = std::get_if<Mesh>(&e)) { x = &m->mesh.x; y = &m->mesh.y; }
    if (!x || x->empty()) continue;
    const auto [x0, x1] = std::minmax_element(x->begin(), x->end());
    const auto [y0, y1] = std::minmax_element(y->begin(), y->end());
    out.push_back({*x0, *x1, *y0, *y1});
  }
  return out;
}

}  // namespace pargist::plot
