// Internal: the lattice a decomposed grid is cut on (every s-th node per
// axis, the last node kept), every rank's box on it, who owns which node
// and cell, and the exchange of the corner values a rank lacks.
//
// Ownership is the field slices' rule: the lowest rank whose box holds a
// node owns it; a cell belongs to the owner of its lowest corner. A rank
// cuts the cells it owns; the corners of those cells it does not own come
// from their owners. Both sides work out the same ordered node lists from
// the boxes alone, so only the values travel.
#pragma once

#include <pargist/reduce/comm.hpp>
#include <pargist/reduce/field.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <vector>

namespace pargist::reduce::detail {

using Index3 = std::array<std::int64_t, 3>;

// A box [lo, up) of lattice indices; empty when some up <= lo.
struct Box3 {
  Index3 lo{0, 0, 0}, up{0, 0, 0};
  bool empty() const { return up[0] <= lo[0] || up[1] <= lo[1] || up[2] <= lo[2]; }
  bool contains(const Index3& p) const {
    return lo[0] <= p[0] && p[0] < up[0] && lo[1] <= p[1] && p[1] < up[1] && lo[2] <= p[2] && p[2] < up[2];
  }
  // True when this box meets [lo - grow, up + grow) of `other`.
  bool meets_grown(const Box3& other, std::int64_t grow) const;
};

// Every s-th node of a grid of n nodes per axis, plus the last one.
struct Lattice {
  Index3 n{1, 1, 1};      // fine nodes per axis
  int stride = 1;
  Index3 count{1, 1, 1};  // lattice nodes per axis

  Lattice(const Index3& fine_nodes, int stride);
  // Fine index of lattice node m along axis a.
  std::int64_t fine(int a, std::int64_t m) const {
    const std::int64_t g = m * stride;
    return g < n[std::size_t(a)] - 1 ? g : n[std::size_t(a)] - 1;
  }
  // The lattice box of the fine box [lower, upper).
  Box3 box_of(const Index3& lower, const Index3& upper) const;
  std::int64_t linear(const Index3& p) const { return (p[2] * count[1] + p[1]) * count[0] + p[0]; }
  // Cells exist along every axis (a 3-D lattice).
  bool has_cells() const { return count[0] > 1 && count[1] > 1 && count[2] > 1; }
};

// Every rank's lattice box, and the ownership rules on them.
class Ownership {
 public:
  Ownership(const Lattice& lattice, std::vector<Box3> boxes) : lat_(lattice), boxes_(std::move(boxes)) {}

  const Box3& box(int r) const { return boxes_[std::size_t(r)]; }
  int ranks() const { return int(boxes_.size()); }
  // Ranks (ascending) other than r whose boxes meet r's box grown by one.
  std::vector<int> neighbours(int r) const;
  // The lowest rank among `candidates` (ascending) whose box holds p; -1 if none.
  int owner(const Index3& p, const std::vector<int>& candidates) const;
  // True when rank r owns the cell whose lowest corner is c.
  bool owns_cell(int r, const Index3& c, const std::vector<int>& candidates) const;
  // The nodes rank r needs from others for the corners of its cells,
  // ascending by linear index (`candidates`: r and its neighbours).
  std::vector<Index3> needed(int r, const std::vector<int>& candidates) const;

 private:
  const Lattice& lat_;
  std::vector<Box3> boxes_;
};

// The values of `channels` numbers per node at the nodes this rank needs
// (Ownership::needed order), fetched from their owners. read(p, out) writes
// the channels of a node this rank owns. Collective among neighbours only.
struct Halo {
  std::vector<std::int64_t> linear;  // needed nodes, ascending linear index
  std::vector<double> values;        // channels per node
  int channels = 0;
  // Index of the node with this linear index, or -1.
  std::ptrdiff_t find(std::int64_t key) const;
};
Halo exchange_halo(const Comm& comm, const Lattice& lat, const Ownership& own, int channels,
                   const std::function<void(const Index3&, double*)>& read);

}  // namespace pargist::reduce::detail
