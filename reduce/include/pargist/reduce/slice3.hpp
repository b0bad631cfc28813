// slice3 on a domain-decomposed 3-D grid: the isosurface of a node-centred
// field, or its cut by a plane, as polygons (Yorick's and pygist's slice3).
// Every rank cuts the cells it owns (a cell belongs to the rank that owns
// its lowest corner, the same rule as the field slices: the lowest rank
// holding a node owns it); the corners it lacks come from their owners
// (point-to-point, only between neighbouring boxes); the polygons go to
// root, merged into the order of a serial slice3 of the whole grid. Ranks
// whose cells the surface does not cross send nothing.
//
// A cap bounds what root receives: when the polygons would exceed
// max_polygons, the grid is cut on a coarser lattice (every s-th node per
// axis, the last node kept) for the smallest s that fits, the same for
// every rank, so the decimation is fair and the result independent of the
// decomposition. Also the serial path of pygist's slice3 (a one-rank
// communicator holding the whole grid), and of slice3 on unstructured cells.
#pragma once

#include <pargist/reduce/comm.hpp>
#include <pargist/reduce/field.hpp>
#include <pargist/reduce/polygons.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace pargist::reduce {

// Where the nodes of the global grid are.
struct GridCoords {
  enum class Kind { uniform, rectilinear, curvilinear };
  Kind kind = Kind::uniform;
  // uniform: node (i, j, k) at origin + spacing * (i, j, k)
  std::array<double, 3> origin{0, 0, 0};
  std::array<double, 3> spacing{1, 1, 1};
  // rectilinear: one coordinate per global index along each axis (the same
  // arrays on every rank)
  std::array<std::vector<double>, 3> axes;
  // curvilinear: x, y, z of this rank's nodes, each with the field's box
  std::array<FieldView, 3> xyz;
};

// What to cut, and what colours the polygons.
struct Slice3Spec {
  enum class Cut { isosurface, plane };
  Cut cut = Cut::isosurface;
  double value = 0;                       // isosurface: field == value
  std::array<double, 4> plane{0, 0, 1, 0};  // plane: (nx, ny, nz) . xyz == d
  // Colour per polygon (or per vertex with node_values): a node-centred
  // field with the same box as the cut field, interpolated along the cut
  // edges and averaged over each polygon; or a cell-centred one (box of
  // the cells whose lowest corner the rank holds, i.e. the same box).
  bool has_color = false;
  FieldView color;
  bool color_cell_centred = false;
  bool nointerp = false;    // node-centred colour: mean of the 8 corners instead
  bool node_values = false; // one colour value per vertex instead of per polygon
  std::uint64_t max_polygons = 0;  // 0: no cap
  // Also return each polygon's cell and each vertex's cut edge (what
  // pygist's colour functions take).
  bool want_cells = false;
};

struct Slice3Result {
  Polygons3 polygons;              // on root; empty elsewhere
  int stride = 1;                  // lattice step used (1: every node)
  std::uint64_t polygons_total = 0;  // polygons at that stride, summed over ranks
  std::uint64_t bytes_to_root = 0;   // payload root received from the other ranks (on root)
  int ranks_sending = 0;             // ranks that had polygons (on root)
  // With want_cells, on root: the lattice cell of each polygon (linear
  // index, x fastest, of its lowest corner at the stride used) and the
  // cut edge of each vertex (0-11: 4 along x, 4 along y, 4 along z;
  // corners di + 2 dj + 4 dk: edges 0-3 join corners 0-1, 2-3, 4-5, 6-7,
  // 4-7 join 0-2, 1-3, 4-6, 5-7, 8-11 join 0-4, 1-5, 2-6, 3-7).
  std::vector<std::int64_t> cells;
  std::vector<std::uint8_t> edges;
};

// Collective over comm. `field` is this rank's block of the node-centred
// field (the cut function for an isosurface; for a plane it only gives the
// box unless it is also the colour). Bad input on any rank (shapes, axes,
// coordinates, a non-finite value or plane) raises std::invalid_argument
// on every rank. Cells with a non-finite corner are skipped.
Slice3Result slice3(const Comm& comm, const FieldView& field, const GridCoords& coords, const Slice3Spec& spec,
                    int root = 0);

// --- unstructured cells (pygist's mesh3 with verts=): serial, no MPI.

enum class CellShape { tet = 4, pyramid = 5, prism = 6, hex = 8 };

// One block of cells of a single shape: corners[c * n + v] is the node of
// corner v of cell c (n = 4, 5, 6, 8 as the shape), in pygist's corner
// order (hexahedra: corner 4 di + 2 dj + dk).
struct CellBlock {
  CellShape shape = CellShape::hex;
  std::vector<std::int64_t> corners;
};

// The cut where f (one value per node) changes sign; the colour, if given,
// is per node (interpolated, or with nointerp the mean of the cell's
// corners) or per cell (cells numbered through the blocks in order).
// Polygons in block order, then cell order. Throws std::invalid_argument
// for a corner outside the nodes or mismatched sizes.
Polygons3 slice_cells(const std::vector<CellBlock>& blocks, const std::vector<double>& xyz,
                      const std::vector<double>& f, const std::vector<double>* color, bool nointerp,
                      bool node_values);

}  // namespace pargist::reduce
