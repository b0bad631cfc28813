// Cutting one cell (tetrahedron, pyramid, prism or hexahedron) where a
// function given at its corners changes sign: the polygons whose vertices
// lie on the cut edges, in the order Yorick's slice3 connects them.
//
// The order comes from a walk over the cell's faces: start at the lowest
// cut edge, on its first face; from an edge, go to another cut edge of the
// same face, the opposite one first (a quad face with all four edges cut
// is crossed as an X, never as // or \\, so both cells sharing the face
// agree without knowing of each other), then the next, then the previous
// one; when the loop closes, start a new polygon at the lowest unused cut
// edge. The hexahedron's corner, edge and face numbering is Yorick's
// (corner = di + 2 dj + 4 dk), so the vertex order matches Yorick's.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace pargist::reduce::detail {

enum class CellKind : int { tet = 0, pyramid = 1, prism = 2, hex = 3 };

struct CellTopology {
  int corners = 0;
  int edges = 0;
  std::array<std::array<int, 2>, 12> edge{};        // lower, upper corner of each edge
  std::vector<std::vector<int>> faces;              // each face's edges, in cyclic order
  std::array<std::array<int, 2>, 12> edge_faces{};  // the two faces of each edge
};

const CellTopology& topology(CellKind kind);

// The polygons of one corner pattern (bit c set: corner c is below, i.e.
// its function value is negative): each polygon is its list of cut edges.
struct CutPattern {
  std::vector<std::vector<std::uint8_t>> polygons;
};

// For every pattern 0 .. 2^corners - 1 (0 and all-below have no polygon).
const std::vector<CutPattern>& cut_patterns(CellKind kind);

// A cell ready to cut: function values, coordinates and (optionally)
// colour values at its corners, in the kind's corner numbering.
struct CellCorners {
  double f[8];
  double xyz[8][3];
  double color[8];
};

// Appends the polygons of the cell (pattern computed from f < 0) to
// nverts / xyz; with `colors`, the colour interpolated at each vertex goes
// to vertex_colors; with vertex_edges, each vertex's edge goes there.
// Returns the number of polygons appended.
int cut_cell(CellKind kind, const CellCorners& c, bool colors, std::vector<std::int32_t>& nverts,
             std::vector<double>& xyz, std::vector<double>* vertex_colors,
             std::vector<std::uint8_t>* vertex_edges = nullptr);

// The corner pattern of f (bit c set when f[c] < 0).
inline unsigned corner_pattern(const double* f, int corners) {
  unsigned p = 0;
  for (int c = 0; c < corners; ++c) p |= unsigned(f[c] < 0.0) << c;
  return p;
}

}  // namespace pargist::reduce::detail
