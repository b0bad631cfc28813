// The cutting lattice of a decomposed grid, node and cell ownership, and
// the exchange of the corner values a rank lacks (see lattice.hpp).
#include "lattice.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pargist::reduce::detail {

bool Box3::meets_grown(const Box3& o, std::int64_t grow) const {
  if (empty() || o.empty()) return false;
  for (int a = 0; a < 3; ++a)
    if (up[std::size_t(a)] <= o.lo[std::size_t(a)] - grow || o.up[std::size_t(a)] + grow <= lo[std::size_t(a)])
      return false;
  return true;
}

Lattice::Lattice(const Index3& fine_nodes, int s) : n(fine_nodes), stride(s) {
  for (std::size_t a = 0; a < 3; ++a) count[a] = (n[a] - 2 + s) / s + 1;
}

Box3 Lattice::box_of(const Index3& lower, const Index3& upper) const {
  Box3 b;
  for (std::size_t a = 0; a < 3; ++a) {
    auto first_at_or_after = [&](std::int64_t g) {
      if (g >= n[a]) return count[a];
      const std::int64_t m = g <= 0 ? 0 : (g + stride - 1) / stride;
      return std::min(m, count[a] - 1);
    };
    b.lo[a] = first_at_or_after(lower[a]);
    b.up[a] = upper[a] <= lower[a] ? b.lo[a] : first_at_or_after(upper[a]);
  }
  return b;
}

std::vector<int> Ownership::neighbours(int r) const {
  std::vector<int> out;
  for (int q = 0; q < ranks(); ++q)
    if (q != r && boxes_[std::size_t(q)].meets_grown(boxes_[std::size_t(r)], 1)) out.push_back(q);
  return out;
}

int Ownership::owner(const Index3& p, const std::vector<int>& candidates) const {
  for (int q : candidates)
    if (boxes_[std::size_t(q)].contains(p)) return q;
  return -1;
}

bool Ownership::owns_cell(int r, const Index3& c, const std::vector<int>& candidates) const {
  for (std::size_t a = 0; a < 3; ++a)
    if (c[a] < 0 || c[a] >= lat_.count[a] - 1) return false;
  return boxes_[std::size_t(r)].contains(c) && owner(c, candidates) == r;
}

std::vector<Index3> Ownership::needed(int r, const std::vector<int>& candidates) const {
  const Box3& b = boxes_[std::size_t(r)];
  if (b.empty() || !lat_.has_cells()) return {};
  Index3 ext{};
  for (std::size_t a = 0; a < 3; ++a) ext[a] = std::min(b.up[a] + 1, lat_.count[a]);

  // Candidates: the shell one node beyond the box, and the parts of the
  // box that lower ranks own.
  std::vector<Index3> cand;
  for (std::int64_t k = b.lo[2]; k < ext[2]; ++k)
    for (std::int64_t j = b.lo[1]; j < ext[1]; ++j) {
      if (k < b.up[2] && j < b.up[1]) {
        if (b.up[0] < ext[0]) cand.push_back({b.up[0], j, k});
      } else {
        for (std::int64_t i = b.lo[0]; i < ext[0]; ++i) cand.push_back({i, j, k});
      }
    }
  for (int q : candidates) {
    if (q >= r) break;
    const Box3& o = boxes_[std::size_t(q)];
    Box3 x;
    for (std::size_t a = 0; a < 3; ++a) {
      x.lo[a] = std::max(o.lo[a], b.lo[a]);
      x.up[a] = std::min(o.up[a], b.up[a]);
    }
    if (x.empty()) continue;
    for (std::int64_t k = x.lo[2]; k < x.up[2]; ++k)
      for (std::int64_t j = x.lo[1]; j < x.up[1]; ++j)
        for (std::int64_t i = x.lo[0]; i < x.up[0]; ++i) cand.push_back({i, j, k});
  }
  std::sort(cand.begin(), cand.end(), [&](const Index3& p, const Index3& q) { return lat_.linear(p) < lat_.linear(q); });
  cand.erase(std::unique(cand.begin(), cand.end()), cand.end());

  std::vector<Index3> out;
  for (const Index3& p : cand) {
    if (owner(p, candidates) == r) continue;
    bool corner = false;
    for (int d = 0; d < 8 && !corner; ++d) {
      const Index3 c{p[0] - (d & 1), p[1] - ((d >> 1) & 1), p[2] - ((d >> 2) & 1)};
      corner = owns_cell(r, c, candidates);
    }
    if (corner) out.push_back(p);
  }
  return out;
}

std::ptrdiff_t Halo::find(std::int64_t key) const {
  auto it = std::lower_bound(linear.begin(), linear.end(), key);
  return it != linear.end() && *it == key ? it - linear.begin() : -1;
}

namespace {

std::vector<int> with_self(std::vector<int> v, int r) {
  v.insert(std::upper_bound(v.begin(), v.end(), r), r);
  return v;
}

}  // namespace

Halo exchange_halo(const Comm& comm, const Lattice& lat, const Ownership& own, int channels,
                   const std::function<void(const Index3&, double*)>& read) {
  const int me = comm.rank();
  const std::vector<int> near = own.neighbours(me);
  const std::vector<int> mine = with_self(near, me);
  const std::vector<Index3> need = own.needed(me, mine);

  Halo h;
  h.channels = channels;
  h.linear.reserve(need.size());
  for (const Index3& p : need) h.linear.push_back(lat.linear(p));
  h.values.assign(need.size() * std::size_t(channels), std::numeric_limits<double>::quiet_NaN());

  // Which of my needed nodes each neighbour sends, in order.
  std::vector<std::vector<std::size_t>> from(near.size());
  for (std::size_t k = 0; k < need.size(); ++k) {
    const int q = own.owner(need[k], mine);
    const auto it = std::lower_bound(near.begin(), near.end(), q);
    if (it != near.end() && *it == q) from[std::size_t(it - near.begin())].push_back(k);
  }
  // What each neighbour needs from me, in its order.
  std::vector<std::vector<double>> out(near.size());
  for (std::size_t n = 0; n < near.size(); ++n) {
    const int r = near[n];
    const std::vector<int> theirs = with_self(own.neighbours(r), r);
    for (const Index3& p : own.needed(r, theirs))
      if (own.owner(p, theirs) == me) {
        out[n].resize(out[n].size() + std::size_t(channels));
        read(p, out[n].data() + out[n].size() - std::size_t(channels));
      }
  }

  const int tag = 7420;
  std::vector<std::vector<double>> in(near.size());
  std::vector<MPI_Request> reqs;
  for (std::size_t n = 0; n < near.size(); ++n) {
    if (!from[n].empty()) {
      in[n].resize(from[n].size() * std::size_t(channels));
      reqs.emplace_back();
      MPI_Irecv(in[n].data(), int(in[n].size()), MPI_DOUBLE, near[n], tag, comm.handle(), &reqs.back());
    }
    if (!out[n].empty()) {
      reqs.emplace_back();
      MPI_Isend(out[n].data(), int(out[n].size()), MPI_DOUBLE, near[n], tag, comm.handle(), &reqs.back());
    }
  }
  MPI_Waitall(int(reqs.size()), reqs.data(), MPI_STATUSES_IGNORE);
  for (std::size_t n = 0; n < near.size(); ++n)
    for (std::size_t j = 0; j < from[n].size(); ++j)
      std::copy_n(in[n].data() + j * std::size_t(channels), channels,
                  h.values.data() + from[n][j] * std::size_t(channels));
  return h;
}

}  // namespace pargist::reduce::detail
