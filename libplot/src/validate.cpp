// Consistency checks of elements, so that bad input fails loudly when it is
// added, never half-way through a render.
#include <cmath>
#include <stdexcept>
#include <string>

#include "pargist/libplot/frame.hpp"
#include "pargist/libplot/pl3d.hpp"

namespace pargist::plot {

namespace {

[[noreturn]] void fail(const char* kind, const std::string& what) {
  throw std::invalid_argument(std::string("pargist: ") + kind + ": " + what);
}

void same_length(const char* kind, const char* a, std::size_t na, const char* b, std::size_t nb) {
  if (na != nb)
    fail(kind, std::string(a) + " and " + b + " have different lengths (" + std::to_string(na) + " and " +
                   std::to_string(nb) + ")");
}

void not_empty(const char* kind, const char* a, std::size_t n) {
  if (n == 0) fail(kind, std::string(a) + " is empty");
}

// NaN/Inf points are gaps (skipped when drawn); data with no drawable
// point at all is an error.
void some_finite(const char* kind, const std::vector<double>& x, const std::vector<double>& y) {
  for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
    if (std::isfinite(x[i]) && std::isfinite(y[i])) return;
  fail(kind, "no point has finite coordinates (all NaN or Inf)");
}

void some_finite(const char* kind, const char* name, const std::vector<double>& z) {
  for (double v : z)
    if (std::isfinite(v)) return;
  fail(kind, std::string(name) + " has no finite value (all NaN or Inf)");
}

void check_mesh(const char* kind, const QuadMesh& m) {
  if (m.ni < 2 || m.nj < 2)
    fail(kind, "a mesh needs at least 2x2 points (got " + std::to_string(m.ni) + "x" + std::to_string(m.nj) + ")");
  const std::size_t n = m.ni * m.nj;
  if (m.x.size() != n || m.y.size() != n)
    fail(kind, "mesh x and y must have ni*nj = " + std::to_string(n) + " values (got " +
                   std::to_string(m.x.size()) + " and " + std::to_string(m.y.size()) + ")");
  some_finite(kind, m.x, m.y);
  if (!m.ireg.empty() && m.ireg.size() != n)
    fail(kind, "ireg must have ni*nj = " + std::to_string(n) + " values (got " + std::to_string(m.ireg.size()) + ")");
}

void check_color_range(const char* kind, bool has_min, double cmin, bool has_max, double cmax) {
  if (has_min && !std::isfinite(cmin)) fail(kind, "cmin is not finite");
  if (has_max && !std::isfinite(cmax)) fail(kind, "cmax is not finite");
}

void check(const Lines& l) {
  not_empty("plg", "y", l.y.size());
  same_length("plg", "y", l.y.size(), "x", l.x.size());
  some_finite("plg", l.x, l.y);
}

void check(const Disjoint& d) {
  not_empty("pldj", "x0", d.x0.size());
  same_length("pldj", "x0", d.x0.size(), "y0", d.y0.size());
  same_length("pldj", "x0", d.x0.size(), "x1", d.x1.size());
  same_length("pldj", "x0", d.x0.size(), "y1", d.y1.size());
  some_finite("pldj", d.x0, d.y0);
}

void check(const Text& t) {
  if (!std::isfinite(t.x) || !std::isfinite(t.y)) fail("plt", "the position is not finite");
  if (!(t.style.height > 0) || !std::isfinite(t.style.height)) fail("plt", "height must be > 0");
}

void check(const Mesh& m) { check_mesh("plm", m.mesh); }

void check(const FillMesh& f) {
  check_mesh("plf", f.mesh);
  const std::size_t n = f.mesh.ni * f.mesh.nj;
  if (!f.z.empty() && f.z.size() != n)
    fail("plf", "z must have ni*nj = " + std::to_string(n) + " values laid out like ireg (got " +
                    std::to_string(f.z.size()) + ")");
  if (!f.colors.empty() && f.colors.size() != n)
    fail("plf", "colors must have ni*nj = " + std::to_string(n) + " values (got " + std::to_string(f.colors.size()) + ")");
  if (f.z.empty() && f.colors.empty()) fail("plf", "z is empty");
  if (!f.z.empty()) some_finite("plf", "z", f.z);
  check_color_range("plf", f.has_cmin, f.cmin, f.has_cmax, f.cmax);
}

void check(const Contours& c) {
  check_mesh("plc", c.mesh);
  if (c.z.size() != c.mesh.ni * c.mesh.nj)
    fail("plc", "z must have ni*nj = " + std::to_string(c.mesh.ni * c.mesh.nj) + " values (got " +
                    std::to_string(c.z.size()) + ")");
  for (double v : c.levels)
    if (!std::isfinite(v)) fail("plc", "a contour level is not finite");
  some_finite("plc", "z", c.z);
}

void check(const Cells& c) {
  if (c.nx == 0 || c.ny == 0) fail("pli", "the cell array is empty");
  if (c.channels != 1 && c.channels != 3) fail("pli", "channels must be 1 or 3");
  if (!c.z.empty() && c.z.size() != c.nx * c.ny)
    fail("pli", "z must have nx*ny = " + std::to_string(c.nx * c.ny) + " values (got " + std::to_string(c.z.size()) + ")");
  if (c.z.empty() && c.colors.size() != c.nx * c.ny * std::size_t(c.channels))
    fail("pli", "colors must have nx*ny*channels = " + std::to_string(c.nx * c.ny * c.channels) + " bytes (got " +
                    std::to_string(c.colors.size()) + ")");
  if (!std::isfinite(c.x0) || !std::isfinite(c.y0) || !std::isfinite(c.x1) || !std::isfinite(c.y1))
    fail("pli", "the corners x0, y0, x1, y1 must be finite");
  if (c.x0 == c.x1 || c.y0 == c.y1) fail("pli", "the cell array has zero width or height");
  if (!c.z.empty()) some_finite("pli", "z", c.z);
  check_color_range("pli", c.has_cmin, c.cmin, c.has_cmax, c.cmax);
}

void check(const Polys& p) {
  not_empty("plfp", "n", p.n.size());
  same_length("plfp", "x", p.x.size(), "y", p.y.size());
  std::size_t total = 0;
  for (std::size_t k : p.n) total += k;
  if (total != p.x.size())
    fail("plfp", "sum(n) = " + std::to_string(total) + " but x and y have " + std::to_string(p.x.size()) + " points");
  some_finite("plfp", p.x, p.y);
  if (!p.z.empty() && p.z.size() != p.n.size())
    fail("plfp", "z needs one value per polygon (" + std::to_string(p.n.size()) + "), got " + std::to_string(p.z.size()));
  if (!p.colors.empty() && p.colors.size() != p.n.size())
    fail("plfp", "colors need one per polygon (" + std::to_string(p.n.size()) + "), got " + std::to_string(p.colors.size()));
  check_color_range("plfp", p.has_cmin, p.cmin, p.has_cmax, p.cmax);
}

void check(const Vectors& v) {
  not_empty("plv", "x", v.x.size());
  same_length("plv", "x", v.x.size(), "y", v.y.size());
  same_length("plv", "x", v.x.size(), "vx", v.vx.size());
  same_length("plv", "x", v.x.size(), "vy", v.vy.size());
  some_finite("plv", v.x, v.y);
  if (!std::isfinite(v.scale) || v.scale < 0) fail("plv", "scale must be finite and >= 0");
  if (!v.ireg.empty() && (v.ni == 0 || v.ireg.size() != v.x.size() || v.x.size() % v.ni != 0))
    fail("plv", "the region array must have the mesh's ni*nj values");
}

void check(const Scene3& s) { validate_scene3(s); }

}  // namespace

const char* element_kind(const Element& e) {
  static const char* const names[] = {"plg", "pldj", "plt", "plm", "plf", "plc", "pli", "plfp", "plv", "pl3d"};
  return names[e.index()];
}

void validate_element(const Element& e) {
  std::visit([](const auto& el) { check(el); }, e);
}

}  // namespace pargist::plot
