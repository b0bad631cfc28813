#include <pargist/reduce/field.hpp>

#include <catch2/catch.hpp>

#include <cmath>

using namespace pargist::reduce;

namespace {

// The global field: a value that tells its position.
double f(std::int64_t i, std::int64_t j, std::int64_t k) { return double(i) + 100.0 * double(j) + 10000.0 * double(k); }

// This rank's block of a global grid cut along `axis` into slabs, with one
// guard cell of overlap with the next rank (as Warp's decompositions have),
// stored in Fortran order (i fastest) or C order (k fastest).
struct Block {
  std::vector<double> data;
  FieldView view;
  Block(const Comm& comm, std::array<std::int64_t, 3> shape, int axis, bool fortran, int dims = 3) {
    view.dims = dims;
    view.global_shape = shape;
    view.lower = {0, 0, 0};
    view.upper = shape;
    const std::int64_t n = shape[axis], p = comm.size(), r = comm.rank();
    view.lower[axis] = n * r / p;
    view.upper[axis] = std::min(n, n * (r + 1) / p + 1);
    std::array<std::int64_t, 3> ext;
    for (int a = 0; a < 3; ++a) ext[a] = view.upper[a] - view.lower[a];
    data.resize(std::size_t(ext[0] * ext[1] * ext[2]));
    std::array<std::ptrdiff_t, 3> st;
    if (fortran)
      st = {1, ext[0], ext[0] * ext[1]};
    else
      st = {ext[1] * ext[2], ext[2], 1};
    for (int a = 0; a < 3; ++a) view.stride_bytes[a] = st[a] * std::ptrdiff_t(sizeof(double));
    for (std::int64_t k = 0; k < ext[2]; ++k)
      for (std::int64_t j = 0; j < ext[1]; ++j)
        for (std::int64_t i = 0; i < ext[0]; ++i)
          data[std::size_t(i * st[0] + j * st[1] + k * st[2])] =
              f(i + view.lower[0], j + view.lower[1], k + view.lower[2]);
    view.data = data.data();
  }
};

}  // namespace

TEST_CASE("field: planes normal to each axis, any decomposition and memory order", "[field]") {
  Comm comm;
  const std::array<std::int64_t, 3> shape{9, 7, 11};
  for (int cut = 0; cut < 3; ++cut)
    for (bool fortran : {true, false}) {
      Block blk(comm, shape, cut, fortran);
      for (int axis = 0; axis < 3; ++axis) {
        const std::int64_t at = shape[axis] / 2 + 1;
        FieldSlice s = slice_plane(comm, blk.view, axis, at);
        const int u = axis == 0 ? 1 : 0, v = axis == 2 ? 1 : 2;
        CHECK(s.axes == std::array<int, 2>{u, v});
        CHECK(s.nu == std::size_t(shape[u]));
        CHECK(s.nv == std::size_t(shape[v]));
        if (comm.rank() != 0) {
          CHECK(s.values.empty());
          continue;
        }
        REQUIRE(s.values.size() == s.nu * s.nv);
        CHECK(s.missing == 0);
        std::array<std::int64_t, 3> p{};
        p[axis] = at;
        bool all = true;
        for (std::size_t jv = 0; jv < s.nv; ++jv)
          for (std::size_t ju = 0; ju < s.nu; ++ju) {
            p[u] = std::int64_t(ju);
            p[v] = std::int64_t(jv);
            all &= s.values[jv * s.nu + ju] == f(p[0], p[1], p[2]);
          }
        CHECK(all);
      }
    }
}

TEST_CASE("field: line-outs, float32, 2-D grids, uncovered cells", "[field]") {
  Comm comm;
  const std::array<std::int64_t, 3> shape{6, 5, 13};
  Block blk(comm, shape, 2, true);
  FieldSlice line = slice_line(comm, blk.view, 2, {4, 3, 0});
  CHECK(line.nu == 13);
  CHECK(line.nv == 1);
  if (comm.rank() == 0)
    for (std::int64_t k = 0; k < 13; ++k) CHECK(line.values[std::size_t(k)] == f(4, 3, k));

  // float32 copy of the same block.
  std::vector<float> f32(blk.data.begin(), blk.data.end());
  FieldView v32 = blk.view;
  v32.data = f32.data();
  v32.dtype = DType::f32;
  for (auto& s : v32.stride_bytes) s /= 2;
  FieldSlice l32 = slice_line(comm, v32, 0, {0, 2, 12});
  if (comm.rank() == 0)
    for (std::int64_t i = 0; i < 6; ++i) CHECK(l32.values[std::size_t(i)] == double(float(f(i, 2, 12))));

  // A 2-D grid (x, z) cut along z: a "plane" normal to z is a line along x.
  Block flat(comm, {8, 10, 1}, 1, false, 2);
  FieldSlice row = slice_plane(comm, flat.view, 1, 9);
  CHECK(row.axes == std::array<int, 2>{0, -1});
  if (comm.rank() == 0) {
    REQUIRE(row.values.size() == 8);
    for (std::int64_t i = 0; i < 8; ++i) CHECK(row.values[std::size_t(i)] == f(i, 9, 0));
  }

  // Nobody owns the upper half of x: NaN there, and counted.
  FieldView half = blk.view;
  half.upper[0] = 3;
  FieldSlice hs = slice_plane(comm, half, 2, 1);
  if (comm.rank() == 0) {
    CHECK(hs.missing == 3 * 5);
    CHECK(std::isnan(hs.values[5]));
    CHECK(hs.values[6 * 1 + 2] == f(2, 1, 1));  // j = 1, i = 2: owned
  }
}

TEST_CASE("field: projections count every cell once despite guard cells", "[field]") {
  Comm comm;
  const std::array<std::int64_t, 3> shape{5, 4, 9};
  for (int cut : {0, 2}) {
    Block blk(comm, shape, cut, cut == 0);
    for (int axis = 0; axis < 3; ++axis) {
      FieldSlice s = project(comm, blk.view, axis, Projection::sum);
      FieldSlice m = project(comm, blk.view, axis, Projection::max);
      if (comm.rank() != 0) continue;
      const int u = axis == 0 ? 1 : 0, v = axis == 2 ? 1 : 2;
      REQUIRE(s.values.size() == std::size_t(shape[u] * shape[v]));
      bool sums = true, maxes = true;
      for (std::int64_t jv = 0; jv < shape[v]; ++jv)
        for (std::int64_t ju = 0; ju < shape[u]; ++ju) {
          double sum = 0, best = -INFINITY;
          for (std::int64_t t = 0; t < shape[axis]; ++t) {
            std::array<std::int64_t, 3> p{};
            p[axis] = t;
            p[u] = ju;
            p[v] = jv;
            sum += f(p[0], p[1], p[2]);
            best = std::max(best, f(p[0], p[1], p[2]));
          }
          sums &= s.values[std::size_t(jv * shape[u] + ju)] == sum;
          maxes &= m.values[std::size_t(jv * shape[u] + ju)] == best;
        }
      CHECK(sums);
      CHECK(maxes);
      CHECK(s.missing == 0);
    }
  }
}

TEST_CASE("field: bad input on one rank throws on every rank", "[field][errors]") {
  Comm comm;
  Block blk(comm, {4, 4, 4}, 2, true);
  const int last = comm.size() - 1;
  CHECK_THROWS_WITH(slice_plane(comm, blk.view, 2, 4), Catch::Contains("outside the grid"));
  CHECK_THROWS_WITH(slice_plane(comm, blk.view, 3, 0), Catch::Contains("axis 3"));
  FieldView bad = blk.view;
  if (comm.rank() == last) bad.upper[0] = 9;
  CHECK_THROWS_WITH(slice_plane(comm, bad, 2, 0),
                    Catch::Contains("outside the global shape") && Catch::Contains("(rank " + std::to_string(last)));
  FieldView other = blk.view;
  if (comm.rank() == last) other.global_shape[1] = 5;
  if (comm.size() > 1) CHECK_THROWS_WITH(project(comm, other, 0, Projection::sum), Catch::Contains("disagree"));
  FieldView nodata = blk.view;
  if (comm.rank() == 0) nodata.data = nullptr;
  CHECK_THROWS_WITH(slice_line(comm, nodata, 0, {0, 0, 0}), Catch::Contains("no data"));
}
