// The cell topologies, the face walk that orders the cut edges of each
// corner pattern (tables built once), and the cut of one cell.
#include "cell_cut.hpp"

#include <algorithm>
#include <mutex>

namespace pargist::reduce::detail {

namespace {

CellTopology make_topology(int corners, std::vector<std::array<int, 2>> edges, std::vector<std::vector<int>> faces) {
  CellTopology t;
  t.corners = corners;
  t.edges = int(edges.size());
  for (std::size_t e = 0; e < edges.size(); ++e) t.edge[e] = edges[e];
  t.faces = std::move(faces);
  std::array<int, 12> seen{};
  for (std::size_t f = 0; f < t.faces.size(); ++f)
    for (int e : t.faces[f]) t.edge_faces[std::size_t(e)][std::size_t(seen[std::size_t(e)]++)] = int(f);
  return t;
}

// Hexahedron, Yorick's numbering: corner di + 2 dj + 4 dk; edges 0-3 along
// i, 4-7 along j, 8-11 along k; faces i=0, i=1, j=0, j=1, k=0, k=1.
CellTopology hex_topology() {
  return make_topology(8,
                       {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {0, 2}, {1, 3}, {4, 6}, {5, 7}, {0, 4}, {1, 5}, {2, 6}, {3, 7}},
                       {{4, 10, 6, 8}, {5, 9, 7, 11}, {0, 8, 2, 9}, {1, 11, 3, 10}, {0, 5, 1, 4}, {2, 6, 3, 7}});
}

// Tetrahedron: corners 0..3, edges as pygist numbers them.
CellTopology tet_topology() {
  return make_topology(4, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {2, 3}, {3, 1}},
                       {{0, 3, 1}, {1, 4, 2}, {2, 5, 0}, {3, 4, 5}});
}

// Pyramid: apex 0, base 1-2-3-4.
CellTopology pyramid_topology() {
  return make_topology(5, {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {1, 2}, {2, 3}, {3, 4}, {4, 1}},
                       {{4, 5, 6, 7}, {0, 4, 1}, {1, 5, 2}, {2, 6, 3}, {3, 7, 0}});
}

// Prism: triangles 0-2-4 and 1-3-5, sides 0-1, 2-3, 4-5.
CellTopology prism_topology() {
  return make_topology(6, {{0, 4}, {1, 5}, {0, 2}, {1, 3}, {2, 4}, {3, 5}, {0, 1}, {2, 3}, {4, 5}},
                       {{2, 4, 0}, {3, 5, 1}, {6, 3, 7, 2}, {7, 5, 8, 4}, {8, 1, 6, 0}});
}

// The walk described in cell_cut.hpp, for one pattern.
CutPattern walk(const CellTopology& t, unsigned pattern) {
  CutPattern out;
  std::array<bool, 12> cut{};
  int remaining = 0;
  for (int e = 0; e < t.edges; ++e) {
    const bool a = (pattern >> t.edge[std::size_t(e)][0]) & 1u, b = (pattern >> t.edge[std::size_t(e)][1]) & 1u;
    cut[std::size_t(e)] = a != b;
    remaining += a != b;
  }
  if (!remaining) return out;
  auto lowest = [&] {
    for (int e = 0; e < t.edges; ++e)
      if (cut[std::size_t(e)]) return e;
    return -1;
  };
  int edge = lowest();
  int face = t.edge_faces[std::size_t(edge)][0];
  out.polygons.emplace_back();
  for (;;) {
    out.polygons.back().push_back(std::uint8_t(edge));
    cut[std::size_t(edge)] = false;
    if (--remaining == 0) break;
    const std::vector<int>& fe = t.faces[std::size_t(face)];
    const int m = int(fe.size());
    const int now = int(std::find(fe.begin(), fe.end(), edge) - fe.begin());
    const int tries4[3] = {2, 1, 3}, tries3[2] = {1, 2};
    const int* tries = m == 4 ? tries4 : tries3;
    int next = -1;
    for (int k = 0; k < m - 1 && next < 0; ++k) {
      const int e = fe[std::size_t((now + tries[k]) % m)];
      if (cut[std::size_t(e)]) next = e;
    }
    if (next < 0) {  // the loop closed: a new polygon
      next = lowest();
      out.polygons.emplace_back();
    }
    const auto& nf = t.edge_faces[std::size_t(next)];
    face = face == nf[0] ? nf[1] : nf[0];
    edge = next;
  }
  return out;
}

struct Tables {
  std::array<CellTopology, 4> topo{tet_topology(), pyramid_topology(), prism_topology(), hex_topology()};
  std::array<std::vector<CutPattern>, 4> patterns;
  Tables() {
    for (int k = 0; k < 4; ++k) {
      const unsigned n = 1u << topo[std::size_t(k)].corners;
      patterns[std::size_t(k)].resize(n);
      for (unsigned p = 1; p + 1 < n; ++p) patterns[std::size_t(k)][p] = walk(topo[std::size_t(k)], p);
    }
  }
};

const Tables& tables() {
  static const Tables t;
  return t;
}

}  // namespace

const CellTopology& topology(CellKind kind) { return tables().topo[std::size_t(kind)]; }

const std::vector<CutPattern>& cut_patterns(CellKind kind) { return tables().patterns[std::size_t(kind)]; }

int cut_cell(CellKind kind, const CellCorners& c, bool colors, std::vector<std::int32_t>& nverts,
             std::vector<double>& xyz, std::vector<double>* vertex_colors, std::vector<std::uint8_t>* vertex_edges) {
  const Tables& tb = tables();
  const CellTopology& t = tb.topo[std::size_t(kind)];
  const unsigned pattern = corner_pattern(c.f, t.corners);
  const CutPattern& cp = tb.patterns[std::size_t(kind)][pattern];
  for (const auto& poly : cp.polygons) {
    nverts.push_back(std::int32_t(poly.size()));
    for (std::uint8_t e : poly) {
      const int l = t.edge[e][0], u = t.edge[e][1];
      const double fl = c.f[l], fu = c.f[u], den = fu - fl;
      for (int a = 0; a < 3; ++a) xyz.push_back((c.xyz[l][a] * fu - c.xyz[u][a] * fl) / den);
      if (colors) vertex_colors->push_back((c.color[l] * fu - c.color[u] * fl) / den);
      if (vertex_edges) vertex_edges->push_back(e);
    }
  }
  return int(cp.polygons.size());
}

}  // namespace pargist::reduce::detail
