// Field slices of a domain-decomposed grid: planes and lines gathered to one
// rank (only intersecting ranks send), and projections along an axis.
#include <pargist/reduce/field.hpp>

#include "field_access.hpp"
#include "mpi_ops.hpp"
#include "validate.hpp"

#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace pargist::reduce {

namespace {

using Index3 = std::array<std::int64_t, 3>;
using detail::as_3d;
using detail::box_empty;
using detail::value_at;

// Validates the field (and the axis/positions) on every rank, collectively;
// then checks that every rank gave the same global shape.
FieldView validated(const Comm& comm, const char* function, const FieldView& field, int axis,
                    const Index3* at, int root, const std::int64_t* plane = nullptr) {
  detail::Validator v(function);
  v.root(comm, root);
  v.require(field.dims == 2 || field.dims == 3, "field dims must be 2 or 3, got " + std::to_string(field.dims));
  const FieldView f = as_3d(field);
  v.require(axis >= 0 && axis < field.dims, "axis " + std::to_string(axis) + " is not an axis of the grid");
  for (int a = 0; a < 3 && v.ok(); ++a) {
    const std::string ax = std::to_string(a);
    v.require(f.global_shape[a] > 0, "global_shape[" + ax + "] must be positive");
    if (!box_empty(f))
      v.require(f.lower[a] >= 0 && f.upper[a] <= f.global_shape[a],
                "box [" + std::to_string(f.lower[a]) + ", " + std::to_string(f.upper[a]) + ") on axis " + ax +
                    " is outside the global shape " + std::to_string(f.global_shape[a]));
    if (at && (a != axis) && a < field.dims)
      v.require((*at)[a] >= 0 && (*at)[a] < f.global_shape[a],
                "position " + std::to_string((*at)[a]) + " on axis " + ax + " is outside the grid");
  }
  if (plane && v.ok())
    v.require(*plane >= 0 && *plane < f.global_shape[axis],
              "index " + std::to_string(*plane) + " is outside the grid along axis " + std::to_string(axis));
  v.require(box_empty(f) || f.data != nullptr, "field has no data for a non-empty box");
  v.agree(comm);

  detail::agree_global_shape(comm, f, function);
  return f;
}

// The slab of cells with the fixed coordinates (fixed[a] < 0: axis a free),
// gathered to root. Free axes, in increasing order, become u and v.
FieldSlice extract(const Comm& comm, const FieldView& f, const Index3& fixed, int root) {
  FieldSlice out;
  int nfree = 0;
  for (int a = 0; a < 3; ++a)
    if (fixed[a] < 0 && f.global_shape[a] > 1) out.axes[nfree++] = a;
  // A 2-D grid's trailing axis of extent 1 is never a free axis.
  const int au = out.axes[0], av = out.axes[1];
  out.nu = au >= 0 ? std::size_t(f.global_shape[au]) : 1;
  out.nv = av >= 0 ? std::size_t(f.global_shape[av]) : 1;

  // This rank's part of the slab: [lo, hi) per axis.
  Index3 lo = f.lower, hi = f.upper;
  bool meets = !box_empty(f);
  for (int a = 0; a < 3; ++a)
    if (fixed[a] >= 0 || f.global_shape[a] == 1) {
      const std::int64_t c = fixed[a] >= 0 ? fixed[a] : 0;
      meets &= f.lower[a] <= c && c < f.upper[a];
      lo[a] = c;
      hi[a] = c + 1;
    }
  // Header: the part's extent along u and v; then its values, v outer.
  std::int64_t rect[4] = {0, 0, 0, 0};
  std::vector<double> mine;
  if (meets) {
    rect[0] = au >= 0 ? lo[au] : 0;
    rect[1] = au >= 0 ? hi[au] : 1;
    rect[2] = av >= 0 ? lo[av] : 0;
    rect[3] = av >= 0 ? hi[av] : 1;
    mine.reserve(std::size_t((rect[1] - rect[0]) * (rect[3] - rect[2])));
    Index3 p = lo;
    for (std::int64_t jv = rect[2]; jv < rect[3]; ++jv)
      for (std::int64_t ju = rect[0]; ju < rect[1]; ++ju) {
        if (au >= 0) p[au] = ju;
        if (av >= 0) p[av] = jv;
        mine.push_back(value_at(f, p[0], p[1], p[2]));
      }
  }
  std::vector<long long> rects(comm.rank() == root ? 4 * comm.size() : 0);
  long long mine_rect[4] = {rect[0], rect[1], rect[2], rect[3]};
  MPI_Gather(mine_rect, 4, MPI_LONG_LONG, rects.data(), 4, MPI_LONG_LONG, root, comm.handle());
  auto parts = detail::gatherv_bytes(mine.data(), mine.size() * sizeof(double), root, comm.handle());
  if (comm.rank() != root) return out;

  out.values.assign(out.nu * out.nv, std::numeric_limits<double>::quiet_NaN());
  std::vector<char> written(out.values.size(), 0);
  for (int r = 0; r < comm.size(); ++r) {  // lowest rank first, and it wins
    const long long* q = &rects[4 * r];
    const double* vals = reinterpret_cast<const double*>(parts[r].data());
    std::size_t k = 0;
    if (parts[r].empty()) continue;
    for (long long jv = q[2]; jv < q[3]; ++jv)
      for (long long ju = q[0]; ju < q[1]; ++ju, ++k) {
        const std::size_t c = std::size_t(jv) * out.nu + std::size_t(ju);
        if (written[c]) continue;
        written[c] = 1;
        double val;
        std::memcpy(&val, vals + k, sizeof val);
        out.values[c] = val;
      }
  }
  for (char w : written) out.missing += !w;
  return out;
}

}  // namespace

FieldSlice slice_plane(const Comm& comm, const FieldView& field, int axis, std::int64_t index, int root) {
  const FieldView f = validated(comm, "slice_plane", field, axis, nullptr, root, &index);
  Index3 fixed{-1, -1, -1};
  fixed[axis] = index;
  return extract(comm, f, fixed, root);
}

FieldSlice slice_line(const Comm& comm, const FieldView& field, int axis, const Index3& at, int root) {
  const FieldView f = validated(comm, "slice_line", field, axis, &at, root);
  Index3 fixed = at;
  fixed[axis] = -1;
  if (field.dims == 2) fixed[2] = 0;
  return extract(comm, f, fixed, root);
}

FieldSlice project(const Comm& comm, const FieldView& field, int axis, Projection op, int root) {
  const FieldView f = validated(comm, "project", field, axis, nullptr, root);
  FieldSlice out;
  int nfree = 0;
  for (int a = 0; a < 3; ++a)
    if (a != axis && f.global_shape[a] > 1) out.axes[nfree++] = a;
  const int au = out.axes[0], av = out.axes[1];
  out.nu = au >= 0 ? std::size_t(f.global_shape[au]) : 1;
  out.nv = av >= 0 ? std::size_t(f.global_shape[av]) : 1;
  const std::size_t cells = out.nu * out.nv;

  // Every rank's box, to count each global cell once: a cell belongs to the
  // lowest rank whose box holds it.
  std::vector<long long> boxes(6 * comm.size());
  long long mine[6] = {f.lower[0], f.lower[1], f.lower[2], f.upper[0], f.upper[1], f.upper[2]};
  if (box_empty(f)) std::fill(mine, mine + 6, 0);
  MPI_Allgather(mine, 6, MPI_LONG_LONG, boxes.data(), 6, MPI_LONG_LONG, comm.handle());
  std::vector<const long long*> lower_boxes;  // earlier ranks' boxes meeting mine
  for (int r = 0; r < comm.rank(); ++r) {
    const long long* b = &boxes[6 * r];
    bool meet = true;
    for (int a = 0; a < 3; ++a) meet &= b[a] < mine[3 + a] && mine[a] < b[3 + a];
    if (meet) lower_boxes.push_back(b);
  }
  auto owned_elsewhere = [&](const Index3& p) {
    for (const long long* b : lower_boxes)
      if (b[0] <= p[0] && p[0] < b[3] && b[1] <= p[1] && p[1] < b[4] && b[2] <= p[2] && p[2] < b[5]) return true;
    return false;
  };

  // [values | coverage], reduced once: sum in rank order, or max.
  const double init = op == Projection::sum ? 0.0 : -std::numeric_limits<double>::infinity();
  std::vector<double> buf(2 * cells, 0.0);
  std::fill(buf.begin(), buf.begin() + cells, init);
  if (!box_empty(f)) {
    Index3 p;
    for (p[2] = f.lower[2]; p[2] < f.upper[2]; ++p[2])
      for (p[1] = f.lower[1]; p[1] < f.upper[1]; ++p[1])
        for (p[0] = f.lower[0]; p[0] < f.upper[0]; ++p[0]) {
          if (!lower_boxes.empty() && owned_elsewhere(p)) continue;
          const std::size_t c = std::size_t(av >= 0 ? p[av] : 0) * out.nu + std::size_t(au >= 0 ? p[au] : 0);
          const double val = value_at(f, p[0], p[1], p[2]);
          buf[c] = op == Projection::sum ? buf[c] + val : std::max(buf[c], val);
          buf[cells + c] = 1.0;
        }
  }
  if (op == Projection::sum)
    detail::ordered_sum(buf.data(), buf.size(), comm.handle(), root);
  else
    detail::max_values(buf.data(), buf.size(), comm.handle(), root);
  if (comm.rank() != root) return out;
  out.values.assign(buf.begin(), buf.begin() + cells);
  for (std::size_t c = 0; c < cells; ++c)
    if (buf[cells + c] == 0.0) {
      ++out.missing;
      if (op == Projection::max) out.values[c] = std::numeric_limits<double>::quiet_NaN();
    }
  return out;
}

}  // namespace pargist::reduce

namespace pargist::reduce::detail {

FieldView as_3d(FieldView f) {
  if (f.dims == 2) {
    f.lower[2] = 0;
    f.upper[2] = 1;
    f.global_shape[2] = 1;
    f.stride_bytes[2] = 0;
  }
  return f;
}

bool box_empty(const FieldView& f) {
  for (int a = 0; a < 3; ++a)
    if (f.upper[a] <= f.lower[a]) return true;
  return false;
}

void agree_same(const Comm& comm, const std::vector<Agreed>& values, const char* function) {
  const std::size_t n = values.size();
  std::vector<double> both(2 * n);
  for (std::size_t k = 0; k < n; ++k) {
    both[k] = values[k].value;
    both[n + k] = -values[k].value;
  }
  both = comm.allreduce_max(both);
  for (std::size_t k = 0; k < n; ++k)
    if (both[k] != -both[n + k])
      throw std::invalid_argument(std::string(function) + ": ranks disagree on " + values[k].what);
}

std::vector<Agreed> global_shape_entries(const FieldView& f) {
  std::vector<Agreed> out;
  for (std::size_t a = 0; a < 3; ++a) out.push_back({"the field's global_shape", double(f.global_shape[a])});
  return out;
}

void agree_global_shape(const Comm& comm, const FieldView& f, const char* function) {
  agree_same(comm, global_shape_entries(f), function);
}

}  // namespace pargist::reduce::detail
