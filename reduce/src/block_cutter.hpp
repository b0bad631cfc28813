// Internal: one rank's share of slice3 on a decomposed grid -- the cells
// whose lowest corner it owns, cut on the lattice, two lattice planes of
// node values in memory at a time (its own values read from its block, the
// others from the halo). The planes are taken across the block's slowest
// axis in memory and filled along its fastest, so the block is read in
// memory order whatever its layout (C, Fortran, a numpy view); the cells
// keep their global numbering (root sorts them by cell).
#pragma once

#include <pargist/reduce/slice3.hpp>

#include "lattice.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace pargist::reduce::detail {

// This rank's polygons, with the lattice cell each came from.
struct CutPolygons {
  std::vector<std::int64_t> cell;
  std::vector<std::int32_t> nverts;
  std::vector<double> xyz, values;
  std::vector<std::uint8_t> edges;  // with want_cells: the cut edge of each vertex
};

// Reads a FieldView at lattice nodes of this rank's box: byte offsets of the
// box's lattice indices along each axis, computed once.
class LatticeReader {
 public:
  LatticeReader() = default;
  LatticeReader(const FieldView& f, const Lattice& lat, const Box3& box);
  double at(std::int64_t i, std::int64_t j, std::int64_t k) const {  // box-relative lattice indices
    return at_offset(off_[0][std::size_t(i)] + off_[1][std::size_t(j)] + off_[2][std::size_t(k)]);
  }
  // Byte offset of box-relative index m along axis a, and the value at a sum of such.
  std::ptrdiff_t offset(int a, std::int64_t m) const { return off_[std::size_t(a)][std::size_t(m)]; }
  double at_offset(std::ptrdiff_t off) const {
    const char* p = data_ + off;
    return f32_ ? double(*reinterpret_cast<const float*>(p)) : *reinterpret_cast<const double*>(p);
  }

 private:
  const char* data_ = nullptr;
  bool f32_ = false;
  std::array<std::vector<std::ptrdiff_t>, 3> off_;
};

class BlockCutter {
 public:
  BlockCutter(const FieldView& f, const GridCoords& coords, const Slice3Spec& spec, const Lattice& lat,
              const Ownership& own, int me);

  // Numbers per halo node: the field, the node-centred colour, x y z.
  int channels() const { return nch_; }
  // The channels of a node this rank holds (lattice indices).
  void read(const Index3& p, double* out) const;
  // Cuts the owned cells (halo: the corners held elsewhere).
  void run(const Halo& halo, CutPolygons& out) const;

 private:
  struct Plane;
  bool owned_node(const Index3& p) const;
  // The node at loop indices (u inner, v middle) of the plane at lattice
  // index `w` of the outer axis, in global lattice indices.
  Index3 node(std::int64_t u, std::int64_t v, std::int64_t w) const {
    Index3 p;
    p[std::size_t(perm_[0])] = box_.lo[std::size_t(perm_[0])] + u;
    p[std::size_t(perm_[1])] = box_.lo[std::size_t(perm_[1])] + v;
    p[std::size_t(perm_[2])] = w;
    return p;
  }
  void fill(Plane& plane, std::int64_t w, const Halo& halo) const;
  void cut_cell(const Plane& lower, const Plane& upper, std::int64_t u, std::int64_t v, std::int64_t w,
                CutPolygons& out, std::vector<double>& vertex_colors) const;

  const FieldView& f_;
  const GridCoords& coords_;
  const Slice3Spec& spec_;
  const Lattice& lat_;
  const Ownership& own_;
  int me_;
  Box3 box_;
  Index3 ext_{};            // the box grown by one node (the cells' upper corners)
  std::array<int, 3> perm_{0, 1, 2};  // global axes of the inner, middle and outer loops
  std::int64_t nu_ = 0, nv_ = 0;      // plane size along the inner and middle axes
  int nch_ = 1, color_ch_ = -1, xyz_ch_ = -1;
  std::vector<int> cands_, lower_boxes_;
  LatticeReader field_, color_;
  std::array<LatticeReader, 3> xyz_;
  std::array<std::vector<double>, 3> axis_;  // coordinates of the lattice nodes (uniform, rectilinear)
};

}  // namespace pargist::reduce::detail
