// slice3 on a decomposed grid: geometry of isosurfaces and plane cuts, the
// face walk's polygons, parallel equal to serial at any rank count and
// decomposition (with and without guard cells), the cap's lattice, ranks
// that send nothing, and bad input raising on every rank.
#include <pargist/reduce/slice3.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <functional>
#include <set>

using namespace pargist::reduce;

namespace {

using Index3 = std::array<std::int64_t, 3>;
using Fn = std::function<double(double, double, double)>;

// A node-centred field on the uniform grid x = -1 + 2 i / (n - 1), owned
// in blocks: `split` ranks along each axis as given (their product is the
// communicator size or 1), with `guard` extra nodes on the upper side.
struct Grid {
  Index3 shape;
  std::vector<double> data;
  FieldView view;
  GridCoords coords;

  Grid(const Comm& comm, Index3 n, Index3 split, const Fn& fn, int guard = 0, bool fortran = false) : shape(n) {
    int r = comm.rank();
    Index3 at{};
    for (std::size_t a = 0; a < 3; ++a) {
      at[a] = r % split[a];
      r /= int(split[a]);
    }
    view.dims = 3;
    view.global_shape = n;
    Index3 ext{};
    for (std::size_t a = 0; a < 3; ++a) {
      view.lower[a] = n[a] * at[a] / split[a];
      view.upper[a] = std::min(n[a], n[a] * (at[a] + 1) / split[a] + guard);
      ext[a] = view.upper[a] - view.lower[a];
      coords.origin[a] = -1.0;
      coords.spacing[a] = 2.0 / double(n[a] - 1);
    }
    std::array<std::ptrdiff_t, 3> st = fortran ? std::array<std::ptrdiff_t, 3>{1, ext[0], ext[0] * ext[1]}
                                               : std::array<std::ptrdiff_t, 3>{ext[1] * ext[2], ext[2], 1};
    for (std::size_t a = 0; a < 3; ++a) view.stride_bytes[a] = st[a] * std::ptrdiff_t(sizeof(double));
    data.resize(std::size_t(ext[0] * ext[1] * ext[2]));
    for (std::int64_t k = 0; k < ext[2]; ++k)
      for (std::int64_t j = 0; j < ext[1]; ++j)
        for (std::int64_t i = 0; i < ext[0]; ++i)
          data[std::size_t(i * st[0] + j * st[1] + k * st[2])] =
              fn(x(0, i + view.lower[0]), x(1, j + view.lower[1]), x(2, k + view.lower[2]));
    view.data = data.data();
  }
  double x(std::size_t a, std::int64_t i) const { return -1.0 + 2.0 * double(i) / double(shape[a] - 1); }
};

double sphere(double x, double y, double z) { return std::sqrt(x * x + y * y + z * z); }

// The serial reference: the same grid owned whole by this rank alone.
Slice3Result serial(const Index3& n, const Fn& fn, Slice3Spec spec) {
  Comm self(MPI_COMM_SELF);
  Grid g(self, n, {1, 1, 1}, fn);
  if (spec.has_color) spec.color = g.view;  // the field colours itself
  return slice3(self, g.view, g.coords, spec);
}

// Bit for bit (NaN and -0 included).
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

bool identical(const Polygons3& a, const Polygons3& b) {
  return a.nverts == b.nverts && same_bits(a.xyz, b.xyz) && same_bits(a.values, b.values);
}

// Area of polygon k (fan from its first vertex), first vertex index v.
double area(const Polygons3& p, std::size_t k, std::size_t v) {
  const double* q = &p.xyz[3 * v];
  double s[3] = {0, 0, 0};
  for (int j = 1; j + 1 < p.nverts[k]; ++j) {
    const double* b = q + 3 * j;
    const double* c = q + 3 * (j + 1);
    const double u[3] = {b[0] - q[0], b[1] - q[1], b[2] - q[2]}, w[3] = {c[0] - q[0], c[1] - q[1], c[2] - q[2]};
    s[0] += u[1] * w[2] - u[2] * w[1];
    s[1] += u[2] * w[0] - u[0] * w[2];
    s[2] += u[0] * w[1] - u[1] * w[0];
  }
  return 0.5 * std::sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]);
}

std::vector<Index3> splits(int p) {
  if (p == 1) return {{1, 1, 1}};
  if (p == 2) return {{2, 1, 1}, {1, 1, 2}};
  return {{4, 1, 1}, {1, 1, 4}, {2, 2, 1}, {1, 2, 2}};
}

}  // namespace

TEST_CASE("slice3: an isosurface of a sphere lies on the sphere", "[slice3]") {
  Slice3Spec spec;
  spec.value = 0.7;
  Slice3Result s = serial({21, 21, 21}, sphere, spec);
  REQUIRE(s.polygons.size() > 100);
  CHECK(s.stride == 1);
  double worst = 0, total_area = 0;
  for (std::size_t k = 0, v = 0; k < s.polygons.size(); v += std::size_t(s.polygons.nverts[k]), ++k) {
    CHECK(s.polygons.nverts[k] >= 3);
    total_area += area(s.polygons, k, v);
    for (int j = 0; j < s.polygons.nverts[k]; ++j) {
      const double* q = &s.polygons.xyz[3 * (v + std::size_t(j))];
      worst = std::max(worst, std::abs(sphere(q[0], q[1], q[2]) - 0.7));
    }
  }
  CHECK(worst < 0.02);  // linear interpolation on a 0.1 grid
  CHECK(total_area == Approx(4 * M_PI * 0.49).epsilon(0.03));
  CHECK(s.polygons.values.empty());
}

TEST_CASE("slice3: a plane cut covers the section and carries the colour", "[slice3]") {
  Slice3Spec spec;
  spec.cut = Slice3Spec::Cut::plane;
  spec.plane = {1.0, 0.0, 0.0, 0.25};  // x = 0.25
  Comm self(MPI_COMM_SELF);
  Grid g(self, {9, 8, 7}, {1, 1, 1}, [](double x, double y, double z) { return x + 2 * y + 3 * z; });
  spec.has_color = true;
  spec.color = g.view;
  Slice3Result s = slice3(self, g.view, g.coords, spec);
  double total = 0;
  REQUIRE(s.polygons.values.size() == s.polygons.size());
  for (std::size_t k = 0, v = 0; k < s.polygons.size(); v += std::size_t(s.polygons.nverts[k]), ++k) {
    total += area(s.polygons, k, v);
    double mean[3] = {0, 0, 0};
    for (int j = 0; j < s.polygons.nverts[k]; ++j)
      for (int a = 0; a < 3; ++a) mean[a] += s.polygons.xyz[3 * (v + std::size_t(j)) + std::size_t(a)];
    for (double& m : mean) m /= s.polygons.nverts[k];
    CHECK(mean[0] == Approx(0.25));
    // A linear colour interpolates exactly: the polygon's value is its vertices' mean.
    CHECK(s.polygons.values[k] == Approx(mean[0] + 2 * mean[1] + 3 * mean[2]));
  }
  CHECK(total == Approx(4.0));  // the y-z section of [-1, 1]^2

  // Per-vertex values, and the mean of the 8 corners (nointerp).
  spec.node_values = true;
  Slice3Result nv = slice3(self, g.view, g.coords, spec);
  CHECK(nv.polygons.values.size() == nv.polygons.vertex_count());
  spec.node_values = false;
  spec.nointerp = true;
  Slice3Result ni = slice3(self, g.view, g.coords, spec);
  REQUIRE(ni.polygons.values.size() == ni.polygons.size());
  CHECK(ni.polygons.values[0] != s.polygons.values[0]);
}

TEST_CASE("slice3: the face walk gives Yorick's polygons", "[slice3]") {
  // One cell, corners di + 2 dj + 4 dk; each case a corner pattern below
  // zero and the cut edges of each polygon in walk order, as printed by
  // Yorick 2.2 from slice3.i's poly_permutations.
  struct Case { std::vector<int> below; std::vector<std::vector<int>> polys; };
  const std::vector<Case> cases = {
      {{0}, {{0, 8, 4}}},                              // a corner: a triangle
      {{1}, {{0, 9, 5}}},
      {{0, 1}, {{4, 8, 9, 5}}},                        // an edge: a quad
      {{0, 1, 2}, {{1, 10, 8, 9, 5}}},
      {{0, 1, 2, 3, 4}, {{2, 9, 11, 10, 6}}},
      {{0, 7}, {{0, 8, 4}, {3, 11, 7}}},               // opposite corners: two triangles
      {{0, 3}, {{0, 8, 4, 5, 11, 1}}},                 // a face diagonal: the X, one hexagon
      {{0, 3, 5, 6}, {{0, 2, 3, 1, 4, 6, 7, 5}, {8, 10, 11, 9}}},
  };

  Comm self(MPI_COMM_SELF);
  for (const Case& c : cases) {
    FieldView v;
    std::vector<double> f(8);
    for (int d = 0; d < 8; ++d) f[std::size_t(d)] = 1.0;
    for (int d : c.below) f[std::size_t(d)] = -1.0;
    v.data = f.data();
    v.dims = 3;
    v.global_shape = {2, 2, 2};
    v.upper = {2, 2, 2};
    v.stride_bytes = {8, 16, 32};
    GridCoords coords;
    Slice3Result s = slice3(self, v, coords, Slice3Spec{});
    REQUIRE(s.polygons.size() == c.polys.size());
    // Each vertex is the midpoint of its cut edge: recover the edge.
    static const int lower[12] = {0, 2, 4, 6, 0, 1, 4, 5, 0, 1, 2, 3}, upper[12] = {1, 3, 5, 7, 2, 3, 6, 7, 4, 5, 6, 7};
    std::size_t v0 = 0;
    for (std::size_t k = 0; k < c.polys.size(); ++k) {
      std::vector<int> edges;
      for (int j = 0; j < s.polygons.nverts[k]; ++j, ++v0)
        for (int e = 0; e < 12; ++e) {
          bool at = true;
          for (int a = 0; a < 3; ++a)
            at &= s.polygons.xyz[3 * v0 + std::size_t(a)] ==
                  0.5 * (((lower[e] >> a) & 1) + ((upper[e] >> a) & 1));
          if (at) edges.push_back(e);
        }
      CHECK(edges == c.polys[k]);
    }
  }
}

TEST_CASE("slice3: parallel equals serial, any split, with and without guard cells", "[slice3][mpi]") {
  Comm comm;
  const Index3 n{17, 14, 19};
  const Fn fn = [](double x, double y, double z) { return sphere(x - 0.1, y, z + 0.2) + 0.3 * x * y; };
  Slice3Spec iso;
  iso.value = 0.6;
  Slice3Spec plane;
  plane.cut = Slice3Spec::Cut::plane;
  plane.plane = {0.3, -0.5, 0.8, 0.1};
  plane.has_color = true;
  for (Slice3Spec spec : {iso, plane}) {
    const Slice3Result ref = serial(n, fn, spec);
    for (const Index3& split : splits(comm.size()))
      for (int guard : {0, 1})
        for (bool fortran : {false, true}) {
          Grid g(comm, n, split, fn, guard, fortran);
          if (spec.has_color) spec.color = g.view;
          Slice3Result s = slice3(comm, g.view, g.coords, spec);
          CHECK(s.polygons_total == ref.polygons_total);
          if (comm.rank() == 0) {
            CHECK(identical(s.polygons, ref.polygons));
            CHECK(s.ranks_sending <= comm.size());
          } else {
            CHECK(s.polygons.empty());
          }
        }
  }
}

TEST_CASE("slice3: blocks the surface does not cross send nothing", "[slice3][mpi]") {
  Comm comm;
  const Index3 n{12, 12, 24};
  // A small sphere in the lowest quarter along z: only the first slab(s) hold it.
  const Fn fn = [](double x, double y, double z) { return sphere(x, y, z + 0.75); };
  Grid g(comm, n, {1, 1, comm.size()}, fn);
  Slice3Spec spec;
  spec.value = 0.2;
  Slice3Result s = slice3(comm, g.view, g.coords, spec);
  if (comm.rank() == 0) {
    CHECK(s.ranks_sending == 1);
    CHECK(s.bytes_to_root == 0);  // all of it on rank 0
    CHECK(identical(s.polygons, serial(n, fn, spec).polygons));
  }
  // The plane z = 0.9 lies in the last slab only.
  Slice3Spec cut;
  cut.cut = Slice3Spec::Cut::plane;
  cut.plane = {0, 0, 1, 0.9};
  Slice3Result p = slice3(comm, g.view, g.coords, cut);
  if (comm.rank() == 0) {
    CHECK(p.ranks_sending == 1);
    CHECK((comm.size() == 1 || p.bytes_to_root > 0));
  }
}

TEST_CASE("slice3: the cap cuts on a coarser lattice, the same for any split", "[slice3][mpi]") {
  Comm comm;
  const Index3 n{33, 33, 33};
  Slice3Spec spec;
  spec.value = 0.8;
  const Slice3Result full = serial(n, sphere, spec);
  spec.max_polygons = full.polygons_total / 3;
  const Slice3Result ref = serial(n, sphere, spec);
  CHECK(ref.stride > 1);
  CHECK(ref.polygons_total <= spec.max_polygons);
  CHECK(ref.polygons.size() == ref.polygons_total);
  for (const Index3& split : splits(comm.size())) {
    Grid g(comm, n, split, sphere);
    Slice3Result s = slice3(comm, g.view, g.coords, spec);
    CHECK(s.stride == ref.stride);
    if (comm.rank() == 0) CHECK(identical(s.polygons, ref.polygons));
  }
  // The coarse lattice keeps the last node: the surface still spans the grid.
  double lo = 1, hi = -1;
  for (std::size_t v = 0; v < ref.polygons.vertex_count(); ++v) {
    lo = std::min(lo, ref.polygons.xyz[3 * v]);
    hi = std::max(hi, ref.polygons.xyz[3 * v]);
  }
  CHECK(lo < -0.7);
  CHECK(hi > 0.7);
}

TEST_CASE("slice3: rectilinear and curvilinear coordinates", "[slice3][mpi]") {
  Comm comm;
  const Index3 n{10, 9, 11};
  Slice3Spec spec;
  spec.value = 0.5;
  Grid g(comm, n, {1, 1, comm.size()}, sphere);
  const Slice3Result uniform = slice3(comm, g.view, g.coords, spec);
  GridCoords rect;
  rect.kind = GridCoords::Kind::rectilinear;
  for (std::size_t a = 0; a < 3; ++a)
    for (std::int64_t i = 0; i < n[a]; ++i) rect.axes[a].push_back(g.x(a, i));
  const Slice3Result r = slice3(comm, g.view, rect, spec);
  // Curvilinear: node coordinates as three more fields of the same box.
  Grid gx(comm, n, {1, 1, comm.size()}, [](double x, double, double) { return x; });
  Grid gy(comm, n, {1, 1, comm.size()}, [](double, double y, double) { return y; });
  Grid gz(comm, n, {1, 1, comm.size()}, [](double, double, double z) { return z; });
  GridCoords curv;
  curv.kind = GridCoords::Kind::curvilinear;
  curv.xyz = {gx.view, gy.view, gz.view};
  const Slice3Result c = slice3(comm, g.view, curv, spec);
  if (comm.rank() == 0) {
    REQUIRE(uniform.polygons.size() > 0);
    CHECK(r.polygons.nverts == uniform.polygons.nverts);
    CHECK(c.polygons.nverts == uniform.polygons.nverts);
    for (std::size_t i = 0; i < uniform.polygons.xyz.size(); ++i) {
      CHECK(r.polygons.xyz[i] == Approx(uniform.polygons.xyz[i]).margin(1e-12));
      CHECK(c.polygons.xyz[i] == Approx(uniform.polygons.xyz[i]).margin(1e-12));
    }
  }
}

TEST_CASE("slice3: bad input on one rank raises on every rank", "[slice3][mpi]") {
  Comm comm;
  const Index3 n{8, 8, 8};
  Grid g(comm, n, {1, 1, comm.size()}, sphere);
  Slice3Spec spec;
  spec.value = comm.rank() == comm.size() - 1 ? std::nan("") : 0.5;
  CHECK_THROWS_WITH(slice3(comm, g.view, g.coords, spec), Catch::Contains("'value' must be finite"));
  spec.value = 0.5;
  FieldView wrong = g.view;
  if (comm.rank() == 0) wrong.global_shape[1] = 9;
  if (comm.size() > 1) CHECK_THROWS_WITH(slice3(comm, wrong, g.coords, spec), Catch::Contains("global_shape"));
  Slice3Spec plane;
  plane.cut = Slice3Spec::Cut::plane;
  plane.plane = {0, 0, 0, 1};
  CHECK_THROWS_WITH(slice3(comm, g.view, g.coords, plane), Catch::Contains("normal is zero"));
  // Every rank cuts the same surface, on the same mesh.
  Slice3Spec other = spec;
  other.value = 0.5 + 0.1 * comm.rank();
  if (comm.size() > 1)
    CHECK_THROWS_WITH(slice3(comm, g.view, g.coords, other), Catch::Contains("ranks disagree on the isosurface value"));
  GridCoords moved = g.coords;
  if (comm.rank() == 0) moved.spacing[2] *= 2;
  if (comm.size() > 1)
    CHECK_THROWS_WITH(slice3(comm, g.view, moved, spec), Catch::Contains("ranks disagree on the mesh's spacing"));
  // The boxes cover the grid: the last rank's box one node short leaves a gap.
  FieldView short_box = g.view;
  if (comm.rank() == comm.size() - 1) {
    short_box.lower[2] += 1;
    short_box.data = static_cast<const char*>(g.view.data) + g.view.stride_bytes[2];
  }
  const std::int64_t gap = n[2] * (comm.size() - 1) / comm.size();  // the last box's first plane
  CHECK_THROWS_WITH(slice3(comm, short_box, g.coords, spec),
                    Catch::Contains("no rank's box holds node (0, 0, " + std::to_string(gap) + ")"));
  // And the communicator still works afterwards.
  CHECK(slice3(comm, g.view, g.coords, spec).polygons_total > 0);
}

TEST_CASE("slice2: clipping a polygon list by a plane and by a level", "[slice3]") {
  Polygons3 sq;  // two unit squares side by side in z = 0, x in [0, 2]
  sq.nverts = {4, 4};
  sq.xyz = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 2, 0, 0, 2, 1, 0, 1, 1, 0};
  sq.values = {10, 20};
  Cut2 cut;
  cut.normal = {1, 0, 0};
  cut.d = 0.5;
  Polygons3 back;
  Polygons3 front = slice2(sq, cut, 0.0, &back);
  REQUIRE(front.size() == 2);
  CHECK(front.values == std::vector<double>{20, 10});  // whole polygons first
  CHECK(area(front, 0, 0) + area(front, 1, 4) == Approx(1.5));
  REQUIRE(back.size() == 1);
  CHECK(area(back, 0, 0) == Approx(0.5));
  CHECK(back.values == std::vector<double>{10});
  // Precision: polygons within +-precision of the plane go nowhere.
  cut.d = 1.0;
  Polygons3 none_back;
  Polygons3 f2 = slice2(sq, cut, 0.25, &none_back);
  CHECK(area(f2, 0, 0) == Approx(0.75));
  CHECK(area(none_back, 0, 0) == Approx(0.75));
  // By level of vertex values: interpolated at the cut.
  Polygons3 tri;
  tri.nverts = {3};
  tri.xyz = {0, 0, 0, 1, 0, 0, 0, 1, 0};
  tri.values = {0, 1, 1};
  Cut2 level;
  level.by_level = true;
  level.d = 0.5;
  Polygons3 hi = slice2(tri, level);
  REQUIRE(hi.size() == 1);
  CHECK(hi.nverts[0] == 4);
  // The dropped vertex becomes the cuts towards its kept neighbours, in place.
  CHECK(hi.values == std::vector<double>{0.5, 0.5, 1, 1});
  CHECK_THROWS_AS(slice2(sq, level), std::invalid_argument);  // per-polygon values: no level
  Polygons3 bad = sq;
  bad.nverts = {4, 2};
  CHECK_THROWS_AS(slice2(bad, cut), std::invalid_argument);
}

TEST_CASE("slice_cells: unstructured cells cut like the grid", "[slice3]") {
  // One hexahedron in pygist's corner order (4 di + 2 dj + dk) against the grid.
  std::vector<double> xyz, f;
  for (int c = 0; c < 8; ++c) {
    const double x = (c >> 2) & 1, y = (c >> 1) & 1, z = c & 1;
    xyz.insert(xyz.end(), {x, y, z});
    f.push_back(x + 0.5 * y + 0.25 * z - 0.6);
  }
  CellBlock hex{CellShape::hex, {0, 1, 2, 3, 4, 5, 6, 7}};
  Polygons3 p = slice_cells({hex}, xyz, f, nullptr, false, false);
  Comm self(MPI_COMM_SELF);
  FieldView v;
  std::vector<double> grid(8);
  for (int c = 0; c < 8; ++c) grid[std::size_t((c >> 2) + 2 * ((c >> 1) & 1) + 4 * (c & 1))] = f[std::size_t(c)] + 0.6;
  v.data = grid.data();
  v.global_shape = {2, 2, 2};
  v.upper = {2, 2, 2};
  v.stride_bytes = {8, 16, 32};
  Slice3Spec spec;
  spec.value = 0.6;
  CHECK(identical(p, slice3(self, v, GridCoords{}, spec).polygons));
  // A tetrahedron with one corner below: a triangle; two below: a quad.
  std::vector<double> txyz{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1};
  CellBlock tet{CellShape::tet, {0, 1, 2, 3}};
  CHECK(slice_cells({tet}, txyz, {-1, 1, 1, 1}, nullptr, false, false).nverts == std::vector<std::int32_t>{3});
  const std::vector<double> color{0, 4, 8, 12};
  Polygons3 q = slice_cells({tet}, txyz, {-1, -1, 1, 1}, &color, false, false);
  CHECK(q.nverts == std::vector<std::int32_t>{4});
  CHECK(q.values == std::vector<double>{6.0});
  // Prisms and pyramids: every cut edge once.
  std::vector<double> pxyz{0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1};
  CellBlock prism{CellShape::prism, {0, 1, 2, 3, 4, 5}};
  CHECK(slice_cells({prism}, pxyz, {-1, 1, -1, 1, -1, 1}, nullptr, false, false).nverts ==
        std::vector<std::int32_t>{3});
  std::vector<double> yxyz{0.5, 0.5, 1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0};
  CellBlock pyr{CellShape::pyramid, {0, 1, 2, 3, 4}};
  CHECK(slice_cells({pyr}, yxyz, {-1, 1, 1, 1, 1}, nullptr, false, false).nverts == std::vector<std::int32_t>{4});
  CHECK_THROWS_AS(slice_cells({CellBlock{CellShape::tet, {0, 1, 2, 9}}}, txyz, {-1, 1, 1, 1}, nullptr, false, false),
                  std::invalid_argument);
}
