// Lists of polygons in 3-D, as Yorick's and pygist's slice3 return them,
// and slice2 / slice2x: clipping such a list by a plane (or by a level of
// values given at the vertices). Plain computation, no MPI.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace pargist::reduce {

// nverts[k] vertices for polygon k, their coordinates concatenated in xyz
// (x, y, z of each vertex). values is empty, one value per polygon, or one
// per vertex (values "at the nodes", interpolated along cut edges).
struct Polygons3 {
  std::vector<std::int32_t> nverts;
  std::vector<double> xyz;
  std::vector<double> values;

  std::size_t size() const { return nverts.size(); }
  std::size_t vertex_count() const { return xyz.size() / 3; }
  bool empty() const { return nverts.empty(); }
  bool values_per_vertex() const { return !values.empty() && values.size() != nverts.size(); }
  void clear() { nverts.clear(); xyz.clear(); values.clear(); }
  // Throws std::invalid_argument when the arrays disagree (counts below 3,
  // xyz not 3 * sum(nverts), values neither per polygon nor per vertex).
  void check(const char* function) const;
};

// What to cut with: the plane normal . xyz - d = 0 (Yorick's plane3
// [nx, ny, nz, d]), or, when by_level, the level `d` of the values given at
// the vertices (pygist's slice2 with a scalar "plane").
struct Cut2 {
  std::array<double, 3> normal{0, 0, 1};
  double d = 0;
  bool by_level = false;
};

// slice2: keeps the polygons and parts of polygons on the positive side
// (normal . xyz - d >= precision); the part of a polygon crossing the plane
// is clipped there, with the cut points interpolated along its edges (and
// vertex values with them). With back != nullptr (slice2x) the negative
// side (< -precision) is returned there too. precision >= 0: polygons lying
// entirely within +-precision of the plane go to neither side.
// Throws std::invalid_argument for an inconsistent list or a by_level cut
// without vertex values.
Polygons3 slice2(const Polygons3& in, const Cut2& cut, double precision = 0.0, Polygons3* back = nullptr);

}  // namespace pargist::reduce
