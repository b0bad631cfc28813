// slice3 on unstructured cells (tetrahedra, pyramids, prisms, hexahedra):
// serial, each cell cut with the same face walk as the structured grid.
#include <pargist/reduce/slice3.hpp>

#include "cell_cut.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace pargist::reduce {

namespace {

detail::CellKind kind_of(CellShape s) {
  switch (s) {
    case CellShape::tet: return detail::CellKind::tet;
    case CellShape::pyramid: return detail::CellKind::pyramid;
    case CellShape::prism: return detail::CellKind::prism;
    case CellShape::hex: return detail::CellKind::hex;
  }
  throw std::invalid_argument("slice3: unknown cell shape");
}

// pygist numbers a hexahedron's corners 4 di + 2 dj + dk; the walk tables
// use Yorick's di + 2 dj + 4 dk.
constexpr int kHexToYorick[8] = {0, 4, 2, 6, 1, 5, 3, 7};

}  // namespace

Polygons3 slice_cells(const std::vector<CellBlock>& blocks, const std::vector<double>& xyz,
                      const std::vector<double>& f, const std::vector<double>* color, bool nointerp,
                      bool node_values) {
  const std::size_t nodes = f.size();
  if (xyz.size() != 3 * nodes)
    throw std::invalid_argument("slice3: " + std::to_string(xyz.size() / 3) + " node coordinates for " +
                                std::to_string(nodes) + " node values");
  std::size_t cells = 0;
  for (const CellBlock& b : blocks) {
    const std::size_t n = std::size_t(b.shape);
    if (b.corners.size() % n != 0)
      throw std::invalid_argument("slice3: a block of " + std::to_string(n) + "-corner cells has " +
                                  std::to_string(b.corners.size()) + " corner indices");
    for (std::int64_t c : b.corners)
      if (c < 0 || std::size_t(c) >= nodes)
        throw std::invalid_argument("slice3: corner index " + std::to_string(c) + " outside the " +
                                    std::to_string(nodes) + " nodes");
    cells += b.corners.size() / n;
  }
  const bool per_node = color && color->size() == nodes;
  if (color && !per_node && color->size() != cells)
    throw std::invalid_argument("slice3: " + std::to_string(color->size()) + " colour values for " +
                                std::to_string(nodes) + " nodes and " + std::to_string(cells) + " cells");

  Polygons3 out;
  std::vector<double> vertex_colors;
  detail::CellCorners cc{};
  std::size_t cell_index = 0;
  for (const CellBlock& b : blocks) {
    const detail::CellKind kind = kind_of(b.shape);
    const std::size_t n = std::size_t(b.shape);
    for (std::size_t c = 0; c * n < b.corners.size(); ++c, ++cell_index) {
      bool finite = true;
      for (std::size_t v = 0; v < n; ++v) {
        const int to = b.shape == CellShape::hex ? kHexToYorick[v] : int(v);
        const auto node = std::size_t(b.corners[c * n + v]);
        cc.f[to] = f[node];
        for (int a = 0; a < 3; ++a) cc.xyz[to][a] = xyz[3 * node + std::size_t(a)];
        if (per_node) cc.color[to] = (*color)[node];
        finite &= std::isfinite(f[node]);
      }
      if (!finite) continue;
      const std::size_t first = out.nverts.size();
      vertex_colors.clear();
      const bool interp = per_node && !nointerp;
      detail::cut_cell(kind, cc, interp, out.nverts, out.xyz, &vertex_colors);
      if (!color) continue;
      double cell_value = 0;
      if (!per_node) cell_value = (*color)[cell_index];
      else if (!interp)
        for (std::size_t v = 0; v < n; ++v) cell_value += cc.color[v] / double(n);
      for (std::size_t p = first, v = 0; p < out.nverts.size(); ++p) {
        const std::size_t m = std::size_t(out.nverts[p]);
        double sum = 0;
        for (std::size_t q = 0; q < m; ++q) {
          const double value = interp ? vertex_colors[v + q] : cell_value;
          if (node_values) out.values.push_back(value);
          sum += value;
        }
        if (!node_values) out.values.push_back(interp ? sum / double(m) : cell_value);
        v += m;
      }
    }
  }
  return out;
}

}  // namespace pargist::reduce
