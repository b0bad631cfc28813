// slice2 / slice2x: a polygon list clipped by a plane or a level of its
// vertex values. Whole polygons keep their order and come first, then the
// clipped parts, as Yorick's slice2 returns them.
#include <pargist/reduce/polygons.hpp>

#include <cmath>
#include <stdexcept>
#include <string>

namespace pargist::reduce {

void Polygons3::check(const char* function) const {
  std::size_t total = 0;
  for (std::int32_t n : nverts) {
    if (n < 3) throw std::invalid_argument(std::string(function) + ": a polygon has " + std::to_string(n) +
                                           " vertices (at least 3 needed)");
    total += std::size_t(n);
  }
  if (xyz.size() != 3 * total)
    throw std::invalid_argument(std::string(function) + ": xyzverts has " + std::to_string(xyz.size() / 3) +
                                " points but nverts adds up to " + std::to_string(total));
  if (!values.empty() && values.size() != nverts.size() && values.size() != total)
    throw std::invalid_argument(std::string(function) + ": " + std::to_string(values.size()) +
                                " values for " + std::to_string(nverts.size()) + " polygons of " +
                                std::to_string(total) + " vertices");
}

namespace {

// One side of the cut: a vertex is kept when its signed distance e (the
// distance to the plane shifted to the side's clipping level) satisfies
// `keep(e)`; crossing edges are cut where e = 0.
struct Side {
  Polygons3* out;
  double level;      // clipping level of the plane's signed distance
  bool positive;     // keep e >= 0 (front) or e < 0 (back)
  bool kept(double dp) const { return positive ? dp - level >= 0 : dp - level < 0; }
};

class Clipper {
 public:
  Clipper(const Polygons3& in, const std::vector<double>& dp) : in_(in), dp_(dp) {}

  // Appends polygon k whole.
  void copy(const Side& s, std::size_t k, std::size_t first) const {
    const std::size_t n = std::size_t(in_.nverts[k]);
    s.out->nverts.push_back(in_.nverts[k]);
    s.out->xyz.insert(s.out->xyz.end(), in_.xyz.begin() + 3 * first, in_.xyz.begin() + 3 * (first + n));
    if (in_.values.empty()) return;
    if (per_vertex())
      s.out->values.insert(s.out->values.end(), in_.values.begin() + first, in_.values.begin() + first + n);
    else
      s.out->values.push_back(in_.values[k]);
  }

  // Appends the kept part of polygon k: each kept vertex, and for each
  // dropped one the cut points on its edges towards kept neighbours.
  void clip(const Side& s, std::size_t k, std::size_t first) const {
    const std::size_t n = std::size_t(in_.nverts[k]);
    std::int32_t emitted = 0;
    for (std::size_t j = 0; j < n; ++j) {
      const std::size_t v = first + j;
      if (s.kept(dp_[v])) {
        emit_vertex(s, v);
        ++emitted;
        continue;
      }
      const std::size_t prev = first + (j + n - 1) % n, next = first + (j + 1) % n;
      if (s.kept(dp_[prev])) { emit_cut(s, v, prev); ++emitted; }
      if (s.kept(dp_[next])) { emit_cut(s, v, next); ++emitted; }
    }
    s.out->nverts.push_back(emitted);
    if (!in_.values.empty() && !per_vertex()) s.out->values.push_back(in_.values[k]);
  }

 private:
  bool per_vertex() const { return in_.values_per_vertex(); }

  void emit_vertex(const Side& s, std::size_t v) const {
    s.out->xyz.insert(s.out->xyz.end(), in_.xyz.begin() + 3 * v, in_.xyz.begin() + 3 * v + 3);
    if (per_vertex()) s.out->values.push_back(in_.values[v]);
  }

  // The point where the edge from dropped vertex `off` to kept vertex `on`
  // meets the clipping level.
  void emit_cut(const Side& s, std::size_t off, std::size_t on) const {
    const double e_off = dp_[off] - s.level, e_on = dp_[on] - s.level;
    const double den = e_on - e_off;
    for (int a = 0; a < 3; ++a)
      s.out->xyz.push_back((in_.xyz[3 * off + a] * e_on - in_.xyz[3 * on + a] * e_off) / den);
    if (per_vertex()) s.out->values.push_back((in_.values[off] * e_on - in_.values[on] * e_off) / den);
  }

  const Polygons3& in_;
  const std::vector<double>& dp_;
};

}  // namespace

Polygons3 slice2(const Polygons3& in, const Cut2& cut, double precision, Polygons3* back) {
  in.check(cut.by_level ? "slice2 (by level)" : "slice2");
  if (!(precision >= 0) || !std::isfinite(precision))
    throw std::invalid_argument("slice2: precision must be a finite number >= 0");
  if (cut.by_level && !in.values_per_vertex())
    throw std::invalid_argument("slice2: a scalar level needs values given at every vertex");

  const std::size_t nv = in.vertex_count();
  std::vector<double> dp(nv);
  for (std::size_t v = 0; v < nv; ++v)
    dp[v] = cut.by_level ? in.values[v] - cut.d
                         : in.xyz[3 * v] * cut.normal[0] + in.xyz[3 * v + 1] * cut.normal[1] +
                               in.xyz[3 * v + 2] * cut.normal[2] - cut.d;

  Polygons3 front;
  if (back) back->clear();
  const Side sides[2] = {{&front, precision, true}, {back, -precision, false}};
  const int nsides = back ? 2 : 1;
  const Clipper clipper(in, dp);

  // Whole polygons first, then the clipped ones, on each side.
  std::vector<std::size_t> firsts(in.size());
  for (std::size_t k = 0, first = 0; k < in.size(); first += std::size_t(in.nverts[k]), ++k) firsts[k] = first;
  for (int pass = 0; pass < 2; ++pass)
    for (int s = 0; s < nsides; ++s)
      for (std::size_t k = 0; k < in.size(); ++k) {
        const std::size_t n = std::size_t(in.nverts[k]), first = firsts[k];
        std::size_t kept = 0;
        for (std::size_t j = 0; j < n; ++j) kept += sides[s].kept(dp[first + j]);
        if (pass == 0 && kept == n) clipper.copy(sides[s], k, first);
        if (pass == 1 && kept > 0 && kept < n) clipper.clip(sides[s], k, first);
      }
  return front;
}

}  // namespace pargist::reduce
