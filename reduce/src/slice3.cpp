// slice3 on a decomposed grid: validate, pick the lattice that fits the
// cap, cut the owned cells, gather the polygons to root in serial order.
#include <pargist/reduce/slice3.hpp>

#include "cell_cut.hpp"
#include "field_access.hpp"
#include "lattice.hpp"
#include "mpi_ops.hpp"
#include "validate.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace pargist::reduce {

namespace {

using detail::Box3;
using detail::Index3;
using detail::Lattice;
using Kind = GridCoords::Kind;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

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
  detail::agree_global_shape(comm, f, "slice3");
}

// What each halo node carries: the field, the node-centred colour, x y z.
struct Channels {
  int color = -1, xyz = -1, count = 1;
  Channels(const GridCoords& coords, const Slice3Spec& spec) {
    if (spec.has_color && !spec.color_cell_centred) color = count++;
    if (coords.kind == Kind::curvilinear) { xyz = count; count += 3; }
  }
};

// This rank's polygons, with the lattice cell each came from.
struct Local {
  std::vector<std::int64_t> cell;
  std::vector<std::int32_t> nverts;
  std::vector<double> xyz, values;
  std::vector<std::uint8_t> edges;  // with want_cells: the cut edge of each vertex
};

// Cuts the cells this rank owns, reading two lattice planes at a time.
class BlockCutter {
 public:
  BlockCutter(const FieldView& f, const GridCoords& coords, const Slice3Spec& spec, const Lattice& lat,
              const detail::Ownership& own, int me)
      : f_(f), coords_(coords), spec_(spec), lat_(lat), own_(own), me_(me), ch_(coords, spec) {
    cands_ = own.neighbours(me);
    cands_.insert(std::upper_bound(cands_.begin(), cands_.end(), me), me);
    for (int q : cands_)
      if (q < me && own.box(q).meets_grown(own.box(me), 0)) lower_boxes_.push_back(q);
  }

  int channels() const { return ch_.count; }

  // The channels of a node this rank holds.
  void read(const Index3& p, double* out) const {
    const std::int64_t i = lat_.fine(0, p[0]), j = lat_.fine(1, p[1]), k = lat_.fine(2, p[2]);
    out[0] = detail::value_at(f_, i, j, k);
    if (ch_.color >= 0) out[ch_.color] = detail::value_at(spec_.color, i, j, k);
    if (ch_.xyz >= 0)
      for (std::size_t a = 0; a < 3; ++a) out[ch_.xyz + int(a)] = detail::value_at(coords_.xyz[a], i, j, k);
  }

  void run(const detail::Halo& halo, Local& out) const;

 private:
  bool owned_node(const Index3& p) const {
    if (!own_.box(me_).contains(p)) return false;
    for (int q : lower_boxes_)
      if (own_.box(q).contains(p)) return false;
    return true;
  }
  double coordinate(std::size_t a, std::int64_t m) const {
    const std::int64_t g = lat_.fine(int(a), m);
    return coords_.kind == Kind::uniform ? coords_.origin[a] + coords_.spacing[a] * double(g)
                                         : coords_.axes[a][std::size_t(g)];
  }

  const FieldView& f_;
  const GridCoords& coords_;
  const Slice3Spec& spec_;
  const Lattice& lat_;
  const detail::Ownership& own_;
  int me_;
  Channels ch_;
  std::vector<int> cands_, lower_boxes_;
};

void BlockCutter::run(const detail::Halo& halo, Local& out) const {
  const Box3& b = own_.box(me_);
  if (b.empty() || !lat_.has_cells()) return;
  Index3 cell_up{}, ext{};
  for (std::size_t a = 0; a < 3; ++a) {
    cell_up[a] = std::min(b.up[a], lat_.count[a] - 1);
    ext[a] = std::min(b.up[a] + 1, lat_.count[a]);
  }
  const std::int64_t w = ext[0] - b.lo[0], h = ext[1] - b.lo[1];
  const int nch = ch_.count;
  const bool iso = spec_.cut == Slice3Spec::Cut::isosurface;
  const bool node_color = ch_.color >= 0;

  // Coordinates of the lattice nodes along each axis (uniform, rectilinear).
  std::array<std::vector<double>, 3> axis;
  if (coords_.kind != Kind::curvilinear)
    for (std::size_t a = 0; a < 3; ++a)
      for (std::int64_t m = b.lo[a]; m < ext[a]; ++m) axis[a].push_back(coordinate(a, m));

  std::vector<double> planes[2] = {std::vector<double>(std::size_t(w * h * nch)),
                                   std::vector<double>(std::size_t(w * h * nch))};
  auto fill = [&](std::vector<double>& plane, std::int64_t k) {
    double* dst = plane.data();
    for (std::int64_t j = b.lo[1]; j < ext[1]; ++j)
      for (std::int64_t i = b.lo[0]; i < ext[0]; ++i, dst += nch) {
        const Index3 p{i, j, k};
        if (owned_node(p)) {
          read(p, dst);
          continue;
        }
        const std::ptrdiff_t at = halo.find(lat_.linear(p));
        if (at >= 0) std::copy_n(halo.values.data() + at * nch, nch, dst);
        else std::fill_n(dst, nch, kNaN);
      }
  };

  detail::CellCorners cc{};
  std::vector<double> vertex_colors;
  int cur = 0;
  fill(planes[cur], b.lo[2]);
  for (std::int64_t k = b.lo[2]; k < cell_up[2]; ++k) {
    fill(planes[1 - cur], k + 1);
    const double* lower = planes[cur].data();
    const double* upper = planes[1 - cur].data();
    for (std::int64_t j = b.lo[1]; j < cell_up[1]; ++j)
      for (std::int64_t i = b.lo[0]; i < cell_up[0]; ++i) {
        const Index3 c{i, j, k};
        if (!lower_boxes_.empty() && !own_.owns_cell(me_, c, cands_)) continue;
        bool finite = true;
        for (int d = 0; d < 8; ++d) {
          const std::int64_t ii = i - b.lo[0] + (d & 1), jj = j - b.lo[1] + ((d >> 1) & 1);
          const double* node = ((d >> 2) ? upper : lower) + (jj * w + ii) * nch;
          double* xyz = cc.xyz[d];
          if (ch_.xyz >= 0) {
            std::copy_n(node + ch_.xyz, 3, xyz);
          } else {
            xyz[0] = axis[0][std::size_t(ii)];
            xyz[1] = axis[1][std::size_t(jj)];
            xyz[2] = axis[2][std::size_t(k - b.lo[2] + (d >> 2))];
          }
          cc.f[d] = iso ? node[0] - spec_.value
                        : spec_.plane[0] * xyz[0] + spec_.plane[1] * xyz[1] + spec_.plane[2] * xyz[2] - spec_.plane[3];
          if (node_color) cc.color[d] = node[ch_.color];
          finite &= std::isfinite(cc.f[d]);
        }
        const unsigned pattern = detail::corner_pattern(cc.f, 8);
        if (!finite || pattern == 0 || pattern == 255) continue;

        const std::size_t first_poly = out.nverts.size();
        vertex_colors.clear();
        const bool interp = node_color && !spec_.nointerp;
        const int npoly = detail::cut_cell(detail::CellKind::hex, cc, interp, out.nverts, out.xyz, &vertex_colors,
                                           spec_.want_cells ? &out.edges : nullptr);
        out.cell.insert(out.cell.end(), std::size_t(npoly), lat_.linear(c));
        if (!spec_.has_color) continue;
        double cell_value = 0;
        if (spec_.color_cell_centred) {
          cell_value = detail::value_at(spec_.color, lat_.fine(0, i), lat_.fine(1, j), lat_.fine(2, k));
        } else if (!interp) {
          for (int d = 0; d < 8; ++d) cell_value += 0.125 * cc.color[d];
        }
        for (std::size_t p = first_poly, v = 0; p < out.nverts.size(); ++p) {
          const std::size_t n = std::size_t(out.nverts[p]);
          if (interp) {
            if (spec_.node_values) {
              out.values.insert(out.values.end(), vertex_colors.begin() + std::ptrdiff_t(v),
                                vertex_colors.begin() + std::ptrdiff_t(v + n));
            } else {
              double sum = 0;
              for (std::size_t q = 0; q < n; ++q) sum += vertex_colors[v + q];
              out.values.push_back(sum / double(n));
            }
          } else {
            out.values.insert(out.values.end(), spec_.node_values ? n : 1, cell_value);
          }
          v += n;
        }
      }
    cur = 1 - cur;
  }
}

// Packs this rank's polygons for the gather: counts, cells, vertex counts,
// coordinates, values.
std::vector<char> pack(const Local& l) {
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

Local unpack(const std::vector<char>& buf) {
  Local l;
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
Polygons3 merge(const std::vector<Local>& parts, bool node_values, Slice3Result& res) {
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
    const Local& l = parts[ref.part];
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

  Slice3Result res;
  Local local;
  const std::int64_t longest = *std::max_element(field.global_shape.begin(), field.global_shape.end());
  for (int stride = 1;;) {
    const Lattice lat(field.global_shape, stride);
    std::vector<Box3> boxes(std::size_t(comm.size()));
    for (std::size_t r = 0; r < boxes.size(); ++r) {
      const long long* q = &all[6 * r];
      boxes[r] = lat.box_of({q[0], q[1], q[2]}, {q[3], q[4], q[5]});
    }
    const detail::Ownership own(lat, std::move(boxes));
    const BlockCutter cutter(field, coords, spec, lat, own, me);
    const detail::Halo halo = detail::exchange_halo(comm, lat, own, cutter.channels(),
                                                    [&](const Index3& p, double* out) { cutter.read(p, out); });
    local = Local{};
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
  std::vector<Local> locals;
  for (std::size_t r = 0; r < parts.size(); ++r) {
    if (!parts[r].empty()) ++res.ranks_sending;
    if (int(r) != root) res.bytes_to_root += parts[r].size();
    locals.push_back(unpack(parts[r]));
  }
  res.polygons = merge(locals, spec.node_values, res);
  return res;
}

}  // namespace pargist::reduce
