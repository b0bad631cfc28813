// Slices of a domain-decomposed grid: every rank owns a box of a global 2-D
// or 3-D array; these gather one plane or one line of it to one rank, or
// reduce the whole field along an axis (projections). Only ranks whose box
// meets the slice send anything.
#pragma once

#include <pargist/reduce/array_view.hpp>
#include <pargist/reduce/comm.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace pargist::reduce {

// This rank's part of a global grid. The box is [lower, upper) in global
// indices per axis (upper exclusive: Warp's inclusive upper is upper + 1);
// the local array has shape upper - lower and any strides in bytes (C or
// Fortran order, or a numpy view). For a 2-D grid set dims = 2 (axis 2 is
// then ignored). An empty box (some upper <= lower) owns nothing. Boxes may
// overlap (guard cells): where they do, the lowest rank's value is used.
struct FieldView {
  const void* data = nullptr;
  DType dtype = DType::f64;
  int dims = 3;
  std::array<std::int64_t, 3> lower{0, 0, 0};
  std::array<std::int64_t, 3> upper{0, 0, 0};
  std::array<std::ptrdiff_t, 3> stride_bytes{0, 0, 0};
  // The global grid's shape (same on every rank).
  std::array<std::int64_t, 3> global_shape{0, 0, 0};
};

// A gathered 1-D or 2-D piece of the global grid, row-major: values[j * nu + i]
// with i along axis `axes[0]` and j along `axes[1]` (nv == 1 for a line).
// Cells no rank owns are NaN and counted in `missing`.
struct FieldSlice {
  std::array<int, 2> axes{-1, -1};   // global axes along u and v (-1: none)
  std::size_t nu = 0, nv = 0;
  std::vector<double> values;        // nu * nv on root, empty elsewhere
  std::uint64_t missing = 0;         // on root
};

// The plane normal to `axis` at global index `index` (3-D grid: the other two
// axes in increasing order; 2-D grid: a line). Collective.
FieldSlice slice_plane(const Comm& comm, const FieldView& field, int axis, std::int64_t index, int root = 0);

// The line along `axis` through the global point `at` (at[axis] ignored):
// a line-out. Collective.
FieldSlice slice_line(const Comm& comm, const FieldView& field, int axis,
                      const std::array<std::int64_t, 3>& at, int root = 0);

enum class Projection { sum, max };

// Reduce the whole field along `axis` (sum or max over that axis), giving a
// plane of the other axes (a line for a 2-D grid) on root; each global cell
// counted once even where boxes overlap. Cells no rank owns: 0 for sum,
// NaN for max. Collective; sums combined in rank order.
FieldSlice project(const Comm& comm, const FieldView& field, int axis, Projection op, int root = 0);

}  // namespace pargist::reduce
