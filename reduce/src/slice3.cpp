// slice3 on a decomposed grid: validate, pick the lattice that fits the
// cap, cut the owned cells, gather the polygons to root in serial order.
#include <pargist/reduce/slice3.hpp>

#include "block_cutter.hpp"
#include "field_access.hpp"
#include "lattice.hpp"
#include "mpi_ops.hpp"
#include "validate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>

namespace pargist::reduce {

namespace {

using detail::Box3;
using detail::Index3;
using detail::Lattice;
using Kind = GridCoords::Kind;


bool same_box(const FieldView& a, const FieldView& b) { return a.lower == b.lower && a.upper == b.upper; }

void validate(const Comm& comm, const FieldView& f, const GridCoords& coords, const Slice3Spec& spec, int root) {
  detail::Validator v("slice3");
  v.root(comm, root);
  v.require(f.dims == 3, "the field must be 3-D, got " + std::to_string(f.dims) + "-D");
  const bool empty = detail::box_empty(f);
  for (std::size_t a = 0; a < 3 && v.ok(); ++a) {
    v.require(f.global_shape[a] > 0, "global_shape[" + std::to_string(a) + "] must be positive");
    if (!empty)
      v.require(f.lower[a] >= 0 && f.upper[a] <= f.global_shape[a],
                "box [" + std::to_string(f.lower[a]) + ", " + std::to_string(f.upper[a]) + ") on axis " +
                    std::to_string(a) + " is outside the global shape " + std::to_string(f.global_shape[a]));
  }
  v.require(empty || f.data != nullptr, "field has no data for a non-empty box");
  if (spec.cut == Slice3Spec::Cut::isosurface) {
    v.finite("value", spec.value);
  } else {
    for (double p : spec.plane) v.finite("plane", p);
    v.require(spec.plane[0] != 0 || spec.plane[1] != 0 || spec.plane[2] != 0, "the plane's normal is zero");
  }
  if (coords.kind == Kind::uniform) {
    for (std::size_t a = 0; a < 3; ++a) {
      v.finite("origin", coords.origin[a]);
      v.finite("spacing", coords.spacing[a]);
    }
  } else if (coords.kind == Kind::rectilinear) {
    for (std::size_t a = 0; a < 3 && v.ok(); ++a) {
      v.require(std::int64_t(coords.axes[a].size()) == f.global_shape[a],
                "coordinate array " + std::to_string(a) + " has " + std::to_string(coords.axes[a].size()) +
                    " values for " + std::to_string(f.global_shape[a]) + " nodes");
      for (double c : coords.axes[a]) v.finite("coordinates", c);
    }
  } else {
    for (const FieldView& c : coords.xyz) {
      v.require(c.dims == 3 && same_box(c, f), "node coordinates must have the field's box");
      v.require(empty || c.data != nullptr, "node coordinates have no data");
    }
  }
  if (spec.has_color && spec.color_cell_centred) {
    // Cells: those whose lowest corner is in the box (there is no cell past the last node).
    FieldView cells = f;
    for (std::size_t a = 0; a < 3; ++a) cells.upper[a] = std::min(f.upper[a], f.global_shape[a] - 1);
    v.require(spec.color.dims == 3 && (detail::box_empty(cells) || same_box(spec.color, cells)),
              "a cell-centred colour must hold the cells of the field's box (one fewer at the upper end of the grid)");
    v.require(detail::box_empty(cells) || spec.color.data != nullptr, "the colour field has no data");
  } else if (spec.has_color) {
    v.require(spec.color.dims == 3 && same_box(spec.color, f), "the colour field must have the field's box");
    v.require(empty || spec.color.data != nullptr, "the colour field has no data");
  }
  v.agree(comm);
  // What every rank must give alike (one allreduce): a rank cutting another
  // surface would draw a picture no serial slice3 gives.
  std::vector<detail::Agreed> same = detail::global_shape_entries(f);
  const auto flag = [](bool b) { return b ? 1.0 : 0.0; };
  same.insert(same.end(), {{"the cut (an isosurface or a plane)", double(int(spec.cut))},
                           {"the isosurface value", spec.value},
                           {"the plane", spec.plane[0]}, {"the plane", spec.plane[1]},
                           {"the plane", spec.plane[2]}, {"the plane", spec.plane[3]},
                           {"maxpolys", double(spec.max_polygons)},
                           {"whether the polygons are coloured", flag(spec.has_color)},
                           {"whether the colour is cell-centred", flag(spec.color_cell_centred)},
                           {"nointerp", flag(spec.nointerp)},
                           {"one colour per vertex or per polygon", flag(spec.node_values)},
                           {"whether the cells are wanted", flag(spec.want_cells)},
                           {"the kind of mesh (uniform, rectilinear, curvilinear)", double(int(coords.kind))}});
  for (std::size_t a = 0; a < 3; ++a) {
    same.push_back({"the mesh's origin", coords.origin[a]});
    same.push_back({"the mesh's spacing", coords.spacing[a]});
  }
  detail::agree_same(comm, same, "slice3");
}

// The first node of the global grid that no rank's box holds, if any (boxes:
// lower then upper, 6 per rank, as allgathered). The box faces cut the grid
// into blocks each wholly inside or outside every box, so one corner per
// block is enough; every rank finds the same answer. Past kMaxWork block x
// box tests (hundreds of thousands of ranks) it does not look.
std::optional<Index3> uncovered_node(const std::vector<long long>& boxes, const Index3& shape) {
  constexpr double kMaxWork = 5e7;
  const std::size_t nbox = boxes.size() / 6;
  std::array<std::vector<std::int64_t>, 3> cuts;
  double blocks = 1;
  for (std::size_t a = 0; a < 3; ++a) {
    cuts[a] = {0, shape[a]};
    for (std::size_t r = 0; r < nbox; ++r)
      for (std::size_t side : {a, a + 3}) cuts[a].push_back(std::clamp<std::int64_t>(boxes[6 * r + side], 0, shape[a]));
    std::sort(cuts[a].begin(), cuts[a].end());
    cuts[a].erase(std::unique(cuts[a].begin(), cuts[a].end()), cuts[a].end());
    blocks *= double(cuts[a].size() - 1);
  }
  if (blocks * double(nbox) > kMaxWork) return std::nullopt;
  for (std::size_t k = 0; k + 1 < cuts[2].size(); ++k)
    for (std::size_t j = 0; j + 1 < cuts[1].size(); ++j)
      for (std::size_t i = 0; i + 1 < cuts[0].size(); ++i) {
        const Index3 p{cuts[0][i], cuts[1][j], cuts[2][k]};
        bool held = false;
        for (std::size_t r = 0; r < nbox && !held; ++r) {
          const long long* q = &boxes[6 * r];
          held = q[0] <= p[0] && p[0] < q[3] && q[1] <= p[1] && p[1] < q[4] && q[2] <= p[2] && p[2] < q[5];
        }
        if (!held) return p;
      }
  return std::nullopt;
}

// Packs this rank's polygons for the gather: counts, cells, vertex counts,
// coordinates, values.
std::vector<char> pack(const detail::CutPolygons& l) {
  const std::uint64_t head[4] = {l.nverts.size(), l.xyz.size(), l.values.size(), l.edges.size()};
  if (head[0] == 0) return {};
  std::vector<char> buf(sizeof head + head[0] * (sizeof(std::int64_t) + 1) + (head[1] + head[2]) * sizeof(double) +
                        head[3]);
  char* p = buf.data();
  auto put = [&](const void* src, std::size_t n) {
    if (n) std::memcpy(p, src, n);
    p += n;
  };
  put(head, sizeof head);
  put(l.cell.data(), head[0] * sizeof(std::int64_t));
  for (std::int32_t n : l.nverts) *p++ = char(n);
  put(l.xyz.data(), head[1] * sizeof(double));
  put(l.values.data(), head[2] * sizeof(double));
  put(l.edges.data(), head[3]);
  return buf;
}

detail::CutPolygons unpack(const std::vector<char>& buf) {
  detail::CutPolygons l;
  if (buf.empty()) return l;
  const char* p = buf.data();
  std::uint64_t head[4];
  auto get = [&](void* dst, std::size_t n) {
    if (n) std::memcpy(dst, p, n);
    p += n;
  };
  get(head, sizeof head);
  l.cell.resize(head[0]);
  get(l.cell.data(), head[0] * sizeof(std::int64_t));
  l.nverts.resize(head[0]);
  for (auto& n : l.nverts) n = std::int32_t(static_cast<unsigned char>(*p++));
  l.xyz.resize(head[1]);
  get(l.xyz.data(), head[1] * sizeof(double));
  l.values.resize(head[2]);
  get(l.values.data(), head[2] * sizeof(double));
  l.edges.resize(head[3]);
  get(l.edges.data(), head[3]);
  return l;
}

// Root: every rank's polygons in the order of the lattice cells (each
// rank's list is already in that order; a cell belongs to one rank).
Polygons3 merge(const std::vector<detail::CutPolygons>& parts, bool node_values, Slice3Result& res) {
  struct Ref { std::int64_t cell; std::size_t part, poly, vertex, value; };
  std::vector<Ref> refs;
  for (std::size_t r = 0; r < parts.size(); ++r)
    for (std::size_t k = 0, v = 0, val = 0; k < parts[r].nverts.size(); ++k) {
      refs.push_back({parts[r].cell[k], r, k, v, val});
      v += std::size_t(parts[r].nverts[k]);
      val += parts[r].values.empty() ? 0 : node_values ? std::size_t(parts[r].nverts[k]) : 1;
    }
  std::stable_sort(refs.begin(), refs.end(), [](const Ref& a, const Ref& b) { return a.cell < b.cell; });
  Polygons3 out;
  for (const Ref& ref : refs) {
    const detail::CutPolygons& l = parts[ref.part];
    const std::size_t n = std::size_t(l.nverts[ref.poly]);
    out.nverts.push_back(l.nverts[ref.poly]);
    if (!l.edges.empty()) {
      res.cells.push_back(ref.cell);
      res.edges.insert(res.edges.end(), l.edges.begin() + std::ptrdiff_t(ref.vertex),
                       l.edges.begin() + std::ptrdiff_t(ref.vertex + n));
    }
    out.xyz.insert(out.xyz.end(), l.xyz.begin() + std::ptrdiff_t(3 * ref.vertex),
                   l.xyz.begin() + std::ptrdiff_t(3 * (ref.vertex + n)));
    if (!l.values.empty())
      out.values.insert(out.values.end(), l.values.begin() + std::ptrdiff_t(ref.value),
                        l.values.begin() + std::ptrdiff_t(ref.value + (node_values ? n : 1)));
  }
  return out;
}

}  // namespace

Slice3Result slice3(const Comm& comm, const FieldView& field, const GridCoords& coords, const Slice3Spec& spec,
                    int root) {
  validate(comm, field, coords, spec, root);
  const int me = comm.rank();

  // Every rank's fine box.
  std::vector<long long> all(6 * std::size_t(comm.size()));
  long long mine[6] = {field.lower[0], field.lower[1], field.lower[2], field.upper[0], field.upper[1], field.upper[2]};
  if (detail::box_empty(field)) std::fill(mine, mine + 6, 0);
  MPI_Allgather(mine, 6, MPI_LONG_LONG, all.data(), 6, MPI_LONG_LONG, comm.handle());
  if (const auto hole = uncovered_node(all, field.global_shape))
    throw std::invalid_argument("slice3: no rank's box holds node (" + std::to_string((*hole)[0]) + ", " +
                                std::to_string((*hole)[1]) + ", " + std::to_string((*hole)[2]) +
                                ") of the global grid: the ranks' lo..hi boxes must cover it");

  Slice3Result res;
  detail::CutPolygons local;
  const std::int64_t longest = *std::max_element(field.global_shape.begin(), field.global_shape.end());
  for (int stride = 1;;) {
    const Lattice lat(field.global_shape, stride);
    std::vector<Box3> boxes(std::size_t(comm.size()));
    for (std::size_t r = 0; r < boxes.size(); ++r) {
      const long long* q = &all[6 * r];
      boxes[r] = lat.box_of({q[0], q[1], q[2]}, {q[3], q[4], q[5]});
    }
    const detail::Ownership own(lat, std::move(boxes));
    const detail::BlockCutter cutter(field, coords, spec, lat, own, me);
    const detail::Halo halo = detail::exchange_halo(comm, lat, own, cutter.channels(),
                                                    [&](const Index3& p, double* out) { cutter.read(p, out); });
    local = detail::CutPolygons{};
    cutter.run(halo, local);
    res.stride = stride;
    res.polygons_total = std::uint64_t(comm.allreduce_sum(std::int64_t(local.nverts.size())));
    const bool coarsest = stride >= longest - 1;
    if (spec.max_polygons == 0 || res.polygons_total <= spec.max_polygons || coarsest) break;
    // Polygons of a surface go as the inverse square of the step.
    const double grow = std::sqrt(double(res.polygons_total) / double(spec.max_polygons));
    stride = int(std::min<double>(double(longest - 1), std::max(stride + 1.0, std::ceil(stride * grow * 1.02))));
  }

  const std::vector<char> buf = pack(local);
  const auto parts = detail::gatherv_bytes(buf.data(), buf.size(), root, comm.handle());
  if (me != root) return res;
  std::vector<detail::CutPolygons> locals;
  for (std::size_t r = 0; r < parts.size(); ++r) {
    if (!parts[r].empty()) ++res.ranks_sending;
    if (int(r) != root) res.bytes_to_root += parts[r].size();
    locals.push_back(unpack(parts[r]));
  }
  res.polygons = merge(locals, spec.node_values, res);
  return res;
}

}  // namespace pargist::reduce
