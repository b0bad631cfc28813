// One rank's share of slice3: fill two lattice planes (values, the cut
// function, and a byte per node saying below / not finite), find the cut
// cells from those bytes alone, and cut only them.
#include "block_cutter.hpp"

#include "cell_cut.hpp"
#include "field_access.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pargist::reduce::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::uint8_t kBelow = 1, kInvalid = 2;

}  // namespace

LatticeReader::LatticeReader(const FieldView& f, const Lattice& lat, const Box3& box)
    : data_(static_cast<const char*>(f.data)), f32_(f.dtype == DType::f32) {
  for (std::size_t a = 0; a < 3; ++a)
    for (std::int64_t m = box.lo[a]; m < box.up[a]; ++m)
      off_[a].push_back((lat.fine(int(a), m) - f.lower[a]) * f.stride_bytes[a]);
}

struct BlockCutter::Plane {
  std::vector<double> vals;        // channels per node
  std::vector<double> cut;         // the cut function per node
  std::vector<std::uint8_t> flag;  // kBelow, kInvalid
};

BlockCutter::BlockCutter(const FieldView& f, const GridCoords& coords, const Slice3Spec& spec, const Lattice& lat,
                         const Ownership& own, int me)
    : f_(f), coords_(coords), spec_(spec), lat_(lat), own_(own), me_(me), box_(own.box(me)) {
  if (spec.has_color && !spec.color_cell_centred) color_ch_ = nch_++;
  if (coords.kind == GridCoords::Kind::curvilinear) {
    xyz_ch_ = nch_;
    nch_ += 3;
  }
  cands_ = own.neighbours(me);
  cands_.insert(std::upper_bound(cands_.begin(), cands_.end(), me), me);
  for (int q : cands_)
    if (q < me && own.box(q).meets_grown(box_, 0)) lower_boxes_.push_back(q);
  if (box_.empty()) return;
  // Inner loop along the smallest stride in memory, planes across the largest.
  std::stable_sort(perm_.begin(), perm_.end(), [&](int a, int b) {
    return std::abs(f.stride_bytes[std::size_t(a)]) < std::abs(f.stride_bytes[std::size_t(b)]);
  });
  for (std::size_t a = 0; a < 3; ++a) ext_[a] = std::min(box_.up[a] + 1, lat.count[a]);
  nu_ = ext_[std::size_t(perm_[0])] - box_.lo[std::size_t(perm_[0])];
  nv_ = ext_[std::size_t(perm_[1])] - box_.lo[std::size_t(perm_[1])];
  field_ = LatticeReader(f, lat, box_);
  if (color_ch_ >= 0) color_ = LatticeReader(spec.color, lat, box_);
  if (xyz_ch_ >= 0)
    for (std::size_t a = 0; a < 3; ++a) xyz_[a] = LatticeReader(coords.xyz[a], lat, box_);
  else
    for (std::size_t a = 0; a < 3; ++a)
      for (std::int64_t m = box_.lo[a]; m < ext_[a]; ++m) {
        const std::int64_t g = lat.fine(int(a), m);
        axis_[a].push_back(coords.kind == GridCoords::Kind::uniform ? coords.origin[a] + coords.spacing[a] * double(g)
                                                                    : coords.axes[a][std::size_t(g)]);
      }
}

bool BlockCutter::owned_node(const Index3& p) const {
  if (!box_.contains(p)) return false;
  for (int q : lower_boxes_)
    if (own_.box(q).contains(p)) return false;
  return true;
}

void BlockCutter::read(const Index3& p, double* out) const {
  const std::int64_t i = p[0] - box_.lo[0], j = p[1] - box_.lo[1], k = p[2] - box_.lo[2];
  out[0] = field_.at(i, j, k);
  if (color_ch_ >= 0) out[color_ch_] = color_.at(i, j, k);
  if (xyz_ch_ >= 0)
    for (std::size_t a = 0; a < 3; ++a) out[xyz_ch_ + int(a)] = xyz_[a].at(i, j, k);
}

void BlockCutter::fill(Plane& plane, std::int64_t w, const Halo& halo) const {
  const std::size_t nodes = std::size_t(nu_ * nv_);
  plane.vals.resize(nodes * std::size_t(nch_));
  plane.cut.resize(nodes);
  plane.flag.resize(nodes);
  const int iu = perm_[0], iv = perm_[1], iw = perm_[2];
  const bool w_owned = w < box_.up[std::size_t(iw)] && lower_boxes_.empty();
  const std::int64_t ww = w - box_.lo[std::size_t(iw)];
  const bool iso = spec_.cut == Slice3Spec::Cut::isosurface;
  for (std::int64_t v = 0; v < nv_; ++v) {
    double* vals = plane.vals.data() + v * nu_ * nch_;
    // Within the box (no other rank's box overlapping it): read the block.
    const bool row_owned = w_owned && box_.lo[std::size_t(iv)] + v < box_.up[std::size_t(iv)];
    const std::int64_t owned_end = row_owned ? box_.up[std::size_t(iu)] - box_.lo[std::size_t(iu)] : 0;
    std::int64_t u = 0;
    if (nch_ == 1 && owned_end > 0) {  // v and ww index the box only on owned rows
      const std::ptrdiff_t base = field_.offset(iv, v) + field_.offset(iw, ww);
      for (; u < owned_end; ++u) vals[u] = field_.at_offset(base + field_.offset(iu, u));
    } else {
      for (; u < owned_end; ++u) read(node(u, v, w), vals + u * nch_);
    }
    for (; u < nu_; ++u) {
      const Index3 p = node(u, v, w);
      double* dst = vals + u * nch_;
      if (owned_node(p)) {
        read(p, dst);
        continue;
      }
      const std::ptrdiff_t at = halo.find(lat_.linear(p));
      if (at >= 0) std::copy_n(halo.values.data() + at * nch_, nch_, dst);
      else std::fill_n(dst, nch_, kNaN);
    }
    double* c = plane.cut.data() + v * nu_;
    std::uint8_t* fl = plane.flag.data() + v * nu_;
    for (u = 0; u < nu_; ++u) {
      const double* nd = vals + u * nch_;
      double value;
      if (iso) {
        value = nd[0] - spec_.value;
      } else {
        double x[3];
        if (xyz_ch_ >= 0) {
          std::copy_n(nd + xyz_ch_, 3, x);
        } else {
          const Index3 p = node(u, v, w);
          for (std::size_t a = 0; a < 3; ++a) x[a] = axis_[a][std::size_t(p[a] - box_.lo[a])];
        }
        value = spec_.plane[0] * x[0] + spec_.plane[1] * x[1] + spec_.plane[2] * x[2] - spec_.plane[3];
      }
      c[u] = value;
      fl[u] = std::uint8_t((value < 0.0 ? kBelow : 0) | (std::isfinite(value) ? 0 : kInvalid));
    }
  }
}

void BlockCutter::run(const Halo& halo, CutPolygons& out) const {
  if (box_.empty() || !lat_.has_cells()) return;
  Index3 cell_up{};
  for (std::size_t a = 0; a < 3; ++a) cell_up[a] = std::min(box_.up[a], lat_.count[a] - 1);
  const std::size_t iu = std::size_t(perm_[0]), iv = std::size_t(perm_[1]), iw = std::size_t(perm_[2]);
  const std::int64_t ncu = cell_up[iu] - box_.lo[iu], ncv = cell_up[iv] - box_.lo[iv];
  Plane planes[2];
  std::vector<double> vertex_colors;
  int cur = 0;
  fill(planes[cur], box_.lo[iw], halo);
  for (std::int64_t w = box_.lo[iw]; w < cell_up[iw]; ++w) {
    fill(planes[1 - cur], w + 1, halo);
    const Plane& lower = planes[cur];
    const Plane& upper = planes[1 - cur];
    for (std::int64_t v = 0; v < ncv; ++v) {
      const std::uint8_t* l0 = lower.flag.data() + v * nu_;
      const std::uint8_t* l1 = l0 + nu_;
      const std::uint8_t* u0 = upper.flag.data() + v * nu_;
      const std::uint8_t* u1 = u0 + nu_;
      for (std::int64_t u = 0; u < ncu; ++u) {
        const unsigned any = l0[u] | l0[u + 1] | l1[u] | l1[u + 1] | u0[u] | u0[u + 1] | u1[u] | u1[u + 1];
        const unsigned all = l0[u] & l0[u + 1] & l1[u] & l1[u + 1] & u0[u] & u0[u + 1] & u1[u] & u1[u + 1];
        if ((any & kInvalid) || !(any & kBelow) || (all & kBelow)) continue;  // not cut, or a bad corner
        if (!lower_boxes_.empty() && !own_.owns_cell(me_, node(u, v, w), cands_)) continue;
        cut_cell(lower, upper, u, v, w, out, vertex_colors);
      }
    }
    cur = 1 - cur;
  }
}

void BlockCutter::cut_cell(const Plane& lower, const Plane& upper, std::int64_t u, std::int64_t v, std::int64_t w,
                           CutPolygons& out, std::vector<double>& vertex_colors) const {
  CellCorners cc;
  const bool node_color = color_ch_ >= 0;
  const Index3 cell = node(u, v, w);
  for (int d = 0; d < 8; ++d) {
    // Corner d = di + 2 dj + 4 dk in global axes; its place in the planes.
    const int step[3] = {d & 1, (d >> 1) & 1, (d >> 2) & 1};
    const std::int64_t du = step[perm_[0]], dv = step[perm_[1]], dw = step[perm_[2]];
    const Plane& p = dw ? upper : lower;
    const std::size_t at = std::size_t((v + dv) * nu_ + u + du);
    const double* nd = p.vals.data() + at * std::size_t(nch_);
    cc.f[d] = p.cut[at];
    if (xyz_ch_ >= 0) {
      std::copy_n(nd + xyz_ch_, 3, cc.xyz[d]);
    } else {
      for (std::size_t a = 0; a < 3; ++a) cc.xyz[d][a] = axis_[a][std::size_t(cell[a] - box_.lo[a] + step[a])];
    }
    if (node_color) cc.color[d] = nd[color_ch_];
  }
  const std::size_t first_poly = out.nverts.size();
  vertex_colors.clear();
  const bool interp = node_color && !spec_.nointerp;
  const int npoly = detail::cut_cell(CellKind::hex, cc, interp, out.nverts, out.xyz, &vertex_colors,
                                     spec_.want_cells ? &out.edges : nullptr);
  out.cell.insert(out.cell.end(), std::size_t(npoly), lat_.linear(cell));
  if (!spec_.has_color) return;
  double cell_value = 0;
  if (spec_.color_cell_centred) {
    cell_value = value_at(spec_.color, lat_.fine(0, cell[0]), lat_.fine(1, cell[1]), lat_.fine(2, cell[2]));
  } else if (!interp) {
    for (int d = 0; d < 8; ++d) cell_value += 0.125 * cc.color[d];
  }
  for (std::size_t p = first_poly, vtx = 0; p < out.nverts.size(); ++p) {
    const std::size_t n = std::size_t(out.nverts[p]);
    if (interp) {
      if (spec_.node_values) {
        out.values.insert(out.values.end(), vertex_colors.begin() + std::ptrdiff_t(vtx),
                          vertex_colors.begin() + std::ptrdiff_t(vtx + n));
      } else {
        double sum = 0;
        for (std::size_t q = 0; q < n; ++q) sum += vertex_colors[vtx + q];
        out.values.push_back(sum / double(n));
      }
    } else {
      out.values.insert(out.values.end(), spec_.node_values ? n : 1, cell_value);
    }
    vtx += n;
  }
}

}  // namespace pargist::reduce::detail
