// Marching squares on a quadrilateral mesh.
#include "pargist/libplot/contour.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace pargist::plot {

bool zone_in_region(const QuadMesh& mesh, std::size_t i, std::size_t j, int region) {
  if (mesh.ireg.empty()) return region == 0 || region == 1;
  const int r = mesh.ireg[i + mesh.ni * j];
  return region == 0 ? r != 0 : r == region;
}

std::vector<double> default_contour_levels(const std::vector<double>& z, int n) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double v : z)
    if (std::isfinite(v)) { lo = std::min(lo, v); hi = std::max(hi, v); }
  std::vector<double> levels;
  if (!(lo <= hi) || n <= 0) return levels;
  const double step = (hi - lo) / n;
  for (int k = 0; k < n; ++k) levels.push_back(lo + (k + 0.5) * step);
  if (step == 0) levels.resize(1);
  return levels;
}

namespace {

// Edge ids: 2*(i + ni*j) is the edge from point (i,j) to (i+1,j);
// 2*(i + ni*j) + 1 the edge from (i,j) to (i,j+1).
struct Crossing {
  std::size_t edge;
  double x, y;
};

struct Segment {
  Crossing a, b;
};

// The points that cannot be drawn (a NaN or Inf in x, y or z) as 16, the
// others 0; empty when every point is drawable (the common case, tested once
// for all levels). The exponent bits are tested as integers: no branch.
std::vector<std::uint8_t> undrawable_points(const QuadMesh& mesh, const std::vector<double>& z) {
  constexpr std::uint64_t exponent = 0x7ff0000000000000ULL;
  const std::size_t n = z.size();
  std::vector<std::uint8_t> bad(n);
  std::uint8_t any = 0;
  for (const double* v : {z.data(), mesh.x.data(), mesh.y.data()})
    for (std::size_t k = 0; k < n; ++k) {
      std::uint64_t bits;
      std::memcpy(&bits, v + k, 8);
      const std::uint8_t b = std::uint8_t(((bits & exponent) == exponent) << 4);
      bad[k] |= b;
      any |= b;
    }
  if (!any) bad.clear();
  return bad;
}

// Each point's side of the level: 1 at or above, 0 below, 16 and up not
// drawable. Branch-free (GCC 12 still compiles it scalar: a double compare
// narrowed to a byte is not vectorised).
void mark_sides(const double* __restrict z, const std::uint8_t* __restrict bad, std::uint8_t* __restrict side,
                std::size_t n, double level) {
  if (bad)
    for (std::size_t p = 0; p < n; ++p) side[p] = std::uint8_t(std::uint8_t(z[p] >= level) | bad[p]);
  else
    for (std::size_t p = 0; p < n; ++p) side[p] = std::uint8_t(z[p] >= level);
}

std::vector<ContourLine> lines_at(const QuadMesh& mesh, const std::vector<double>& z, double level, int region,
                                  const std::vector<std::uint8_t>& bad);

bool contourable(const QuadMesh& mesh, const std::vector<double>& z) {
  const std::size_t ni = mesh.ni, nj = mesh.nj;
  return ni >= 2 && nj >= 2 && z.size() == ni * nj && mesh.x.size() == ni * nj && mesh.y.size() == ni * nj;
}
}  // namespace

std::vector<ContourLine> contour_lines(const QuadMesh& mesh, const std::vector<double>& z, double level,
                                       int region) {
  if (!contourable(mesh, z)) return {};
  return lines_at(mesh, z, level, region, undrawable_points(mesh, z));
}

std::vector<std::vector<ContourLine>> contour_lines(const QuadMesh& mesh, const std::vector<double>& z,
                                                    const std::vector<double>& levels, int region) {
  std::vector<std::vector<ContourLine>> out(levels.size());
  if (!contourable(mesh, z)) return out;
  const std::vector<std::uint8_t> bad = undrawable_points(mesh, z);
  for (std::size_t k = 0; k < levels.size(); ++k) out[k] = lines_at(mesh, z, levels[k], region, bad);
  return out;
}

namespace {

std::vector<ContourLine> lines_at(const QuadMesh& mesh, const std::vector<double>& z, double level, int region,
                                  const std::vector<std::uint8_t>& bad) {
  std::vector<ContourLine> lines;
  const std::size_t ni = mesh.ni, nj = mesh.nj;
  auto P = [ni](std::size_t i, std::size_t j) { return i + ni * j; };
  auto cross = [&](std::size_t p, std::size_t q, std::size_t edge) {
    const double t = (level - z[p]) / (z[q] - z[p]);
    return Crossing{edge, mesh.x[p] + t * (mesh.x[q] - mesh.x[p]), mesh.y[p] + t * (mesh.y[q] - mesh.y[p])};
  };

  // Each point's side of the level once (1: at or above, 0: below, 16: not
  // drawable), then each zone's corners as the bits of a byte (16 and up:
  // not drawable), a row at a time; the zones the level does not cross
  // (all corners on one side: 0 or 15) are skipped eight at a time.
  const double* const zp = z.data();
  thread_local std::vector<std::uint8_t> side, zone;
  side.resize(ni * nj);
  zone.resize(ni + 8);
  mark_sides(zp, bad.empty() ? nullptr : bad.data(), side.data(), ni * nj, level);
  std::vector<Segment> segs;
  for (std::size_t j = 1; j < nj; ++j) {
    const std::uint8_t *const below = side.data() + ni * (j - 1), *const above = side.data() + ni * j;
    // zone[i - 1]: zone i's corners counter-clockwise, (i-1,j-1), (i,j-1), (i,j), (i-1,j).
    std::uint8_t* const zm = zone.data();
    for (std::size_t i = 1; i < ni; ++i)
      zm[i - 1] = std::uint8_t(below[i - 1] | below[i] << 1 | above[i] << 2 | above[i - 1] << 3);
    std::fill(zm + ni - 1, zm + ni + 7, std::uint8_t(0));
    for (std::size_t i = 1; i < ni; ++i) {
      if ((i - 1) % 8 == 0) {
        // Eight zones at once: a byte whose four low bits are not all equal
        // is a crossing (or not drawable).
        std::uint64_t w;
        std::memcpy(&w, zm + i - 1, 8);
        const std::uint64_t low = w & 0x0f0f0f0f0f0f0f0fULL, high = w & 0xf0f0f0f0f0f0f0f0ULL;
        if (((low ^ (low >> 1)) & 0x0707070707070707ULL) == 0 && high == 0) {
          i += 7;
          continue;
        }
      }
      const unsigned mask = zm[i - 1];
      if (mask == 0 || mask == 15 || mask >= 16 || !zone_in_region(mesh, i, j, region)) continue;
      const std::size_t c[4] = {P(i - 1, j - 1), P(i, j - 1), P(i, j), P(i - 1, j)};
      // Edges: 0 bottom (c0-c1), 1 right (c1-c2), 2 top (c3-c2), 3 left (c0-c3).
      const std::size_t edge_id[4] = {2 * c[0], 2 * c[1] + 1, 2 * c[3], 2 * c[0] + 1};
      const std::size_t ends[4][2] = {{c[0], c[1]}, {c[1], c[2]}, {c[3], c[2]}, {c[0], c[3]}};
      std::array<int, 4> hit{};
      int nhit = 0;
      for (int e = 0; e < 4; ++e) {
        const bool a = z[ends[e][0]] >= level, b = z[ends[e][1]] >= level;
        if (a != b) hit[nhit++] = e;
      }
      auto X = [&](int e) { return cross(ends[e][0], ends[e][1], edge_id[e]); };
      if (nhit == 2) {
        segs.push_back({X(hit[0]), X(hit[1])});
      } else if (nhit == 4) {
        // Saddle: corners 0 and 2 on one side. The centre decides whether
        // the high corners are joined through the middle.
        const double centre = 0.25 * (z[c[0]] + z[c[1]] + z[c[2]] + z[c[3]]);
        const bool c0_high = mask & 1;
        const bool centre_high = centre >= level;
        if (c0_high == centre_high) {
          // c0's side connects across: cut off corners 1 and 3.
          segs.push_back({X(0), X(1)});
          segs.push_back({X(2), X(3)});
        } else {
          // cut off corners 0 and 2.
          segs.push_back({X(0), X(3)});
          segs.push_back({X(1), X(2)});
        }
      }
    }
  }

  // Chain segments that share an edge crossing (an edge joins at most two
  // segments): a table of the mesh's edges, kept between calls and put back
  // to empty (-1) at the entries used, so a level costs its segments only
  // (32-bit segment numbers: 8 bytes an edge; a level has < 2^31 segments).
  const std::size_t nseg = segs.size();
  thread_local std::vector<std::array<std::int32_t, 2>> at_edge;
  if (at_edge.size() < 2 * ni * nj) at_edge.resize(2 * ni * nj, {-1, -1});
  struct Emptied {
    const std::vector<Segment>& segs;
    ~Emptied() {
      for (const Segment& sg : segs) at_edge[sg.a.edge] = at_edge[sg.b.edge] = {-1, -1};
    }
  } emptied{segs};
  for (std::size_t s = 0; s < nseg; ++s)
    for (const std::size_t edge : {segs[s].a.edge, segs[s].b.edge}) {
      std::array<std::int32_t, 2>& slot = at_edge[edge];
      slot[slot[0] < 0 ? 0 : 1] = std::int32_t(s);
    }
  std::vector<char> used(nseg, 0);
  // The other segment at `edge` than s, or -1.
  auto other = [&](std::size_t edge, long s) {
    const std::array<std::int32_t, 2>& slot = at_edge[edge];
    return long(slot[0] == s ? slot[1] : slot[0]);
  };
  for (std::size_t s0 = 0; s0 < nseg; ++s0) {
    if (used[s0]) continue;
    used[s0] = 1;
    // Extend forward from b (into chain), then backward from a (into
    // before, reversed onto chain's front at the end).
    std::vector<Crossing> chain{segs[s0].a, segs[s0].b}, before;
    for (int dir = 0; dir < 2; ++dir) {
      long cur = long(s0);
      std::size_t edge = dir == 0 ? segs[s0].b.edge : segs[s0].a.edge;
      for (;;) {
        const long next = other(edge, cur);
        if (next < 0 || used[next]) break;
        used[next] = 1;
        const Segment& sg = segs[next];
        const Crossing& far = sg.a.edge == edge ? sg.b : sg.a;
        if (dir == 0) chain.push_back(far);
        else before.push_back(far);
        edge = far.edge;
        cur = next;
      }
    }
    if (!before.empty()) chain.insert(chain.begin(), before.rbegin(), before.rend());
    ContourLine line;
    line.level = level;
    line.closed = chain.size() > 2 && chain.front().edge == chain.back().edge;
    if (line.closed) chain.pop_back();
    line.x.reserve(chain.size());
    line.y.reserve(chain.size());
    for (const auto& c : chain) {
      line.x.push_back(c.x);
      line.y.push_back(c.y);
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace

}  // namespace pargist::plot

namespace pargist::plot {

std::vector<ContourLine> contour_bands(const QuadMesh& mesh, const std::vector<double>& z, double z0, double z1,
                                       int region) {
  std::vector<ContourLine> out;
  const std::size_t ni = mesh.ni, nj = mesh.nj;
  if (ni < 2 || nj < 2 || z.size() != ni * nj || mesh.x.size() != ni * nj || mesh.y.size() != ni * nj) return out;
  if (z0 > z1) std::swap(z0, z1);
  struct V {
    double x, y, z;
  };
  // Sutherland-Hodgman in z: keep the part of a polygon where sign*(z - bound) >= 0,
  // with z, x and y linear along each edge.
  auto clip = [](const std::vector<V>& in, double bound, double sign) {
    std::vector<V> kept;
    for (std::size_t k = 0; k < in.size(); ++k) {
      const V& a = in[k];
      const V& b = in[(k + 1) % in.size()];
      const double da = sign * (a.z - bound), db = sign * (b.z - bound);
      if (da >= 0) kept.push_back(a);
      if ((da >= 0) != (db >= 0)) {
        const double t = da / (da - db);
        kept.push_back({a.x + t * (b.x - a.x), a.y + t * (b.y - a.y), bound});
      }
    }
    return kept;
  };
  for (std::size_t j = 1; j < nj; ++j)
    for (std::size_t i = 1; i < ni; ++i) {
      if (!zone_in_region(mesh, i, j, region)) continue;
      const std::size_t c[4] = {(i - 1) + ni * (j - 1), i + ni * (j - 1), i + ni * j, (i - 1) + ni * j};
      std::vector<V> poly;
      bool finite = true;
      for (std::size_t p : c) {
        finite = finite && std::isfinite(z[p]) && std::isfinite(mesh.x[p]) && std::isfinite(mesh.y[p]);
        poly.push_back({mesh.x[p], mesh.y[p], z[p]});
      }
      if (!finite) continue;
      poly = clip(poly, z0, 1.0);
      if (poly.size() >= 3) poly = clip(poly, z1, -1.0);
      if (poly.size() < 3) continue;
      ContourLine band;
      band.level = z0;
      band.closed = true;
      for (const V& v : poly) band.x.push_back(v.x), band.y.push_back(v.y);
      out.push_back(std::move(band));
    }
  return out;
}

}  // namespace pargist::plot
