// plwf drawn with the painter's algorithm: the zones of a nearly
// rectilinear mesh are painted back to front by choosing which index
// varies fastest and in which direction (from the view of its corners).
#include <algorithm>
#include <cmath>

#include "pargist/libplot/pl3d.hpp"
#include "pl3d_internal.hpp"

namespace pargist::plot {

Element lower_wire3(const Wire3& w, const Scene3& s, int top) {
  const std::size_t ni = w.ni, nj = w.nj;
  const std::vector<double> v = view3_points(s.view, w.xyz.data(), ni * nj);
  if (!w.cull) {
    Mesh m;
    m.mesh.ni = ni;
    m.mesh.nj = nj;
    for (std::size_t p = 0; p < ni * nj; ++p) {
      m.mesh.x.push_back(v[3 * p]);
      m.mesh.y.push_back(v[3 * p + 1]);
    }
    m.line = w.edge_style;
    return m;
  }

  // The view depth of the four corners of the mesh laid flat (z = 0): how
  // depth changes along i and along j.
  auto corner_depth = [&](std::size_t i, std::size_t j) {
    const double* p = &w.xyz[3 * (i + ni * j)];
    const double flat[3] = {p[0], p[1], 0.0};
    return view3_points(s.view, flat, 1)[2];
  };
  const double z00 = corner_depth(0, 0), z10 = corner_depth(ni - 1, 0);
  const double z01 = corner_depth(0, nj - 1), z11 = corner_depth(ni - 1, nj - 1);
  double iedge = 0.5 * ((z10 - z00) + (z11 - z01));
  double jedge = 0.5 * ((z01 - z00) + (z11 - z10));

  // Zone colours.
  const std::size_t nzone = (ni - 1) * (nj - 1);
  std::vector<Color> colors(nzone, Color(NamedColor::bg));
  if (w.shade) {
    const auto light = light3(s.light, s.view, mesh_normals(v.data(), ni, nj), mesh_centroids(v.data(), ni, nj));
    const ByteScale bs = byte_scale(light, true, 0.0, w.has_cmax, w.cmax, top);
    for (std::size_t z = 0; z < nzone; ++z) colors[z] = Color::palette(bs(light[z]));
  } else if (!w.fill.empty()) {
    const ByteScale bs = byte_scale(w.fill, false, 0.0, w.has_cmax, w.cmax, top);
    for (std::size_t z = 0; z < nzone; ++z) colors[z] = Color::palette(bs(w.fill[z]));
  }

  // The index whose depth changes least varies fastest; both run from
  // back to front.
  const bool j_fastest = std::fabs(jedge) < std::fabs(iedge);
  if (j_fastest) std::swap(iedge, jedge);
  const std::size_t nfast = j_fastest ? nj - 1 : ni - 1, nslow = j_fastest ? ni - 1 : nj - 1;
  Polys out;
  out.edges = w.edges;
  out.edge_style = w.edge_style;
  for (std::size_t a = 0; a < nslow; ++a)
    for (std::size_t b = 0; b < nfast; ++b) {
      const std::size_t slow = jedge < 0 ? nslow - 1 - a : a, fast = iedge < 0 ? nfast - 1 - b : b;
      const std::size_t i = j_fastest ? slow : fast, j = j_fastest ? fast : slow;
      const std::size_t corners[4] = {i + ni * j, i + 1 + ni * j, i + 1 + ni * (j + 1), i + ni * (j + 1)};
      for (std::size_t c : corners) {
        out.x.push_back(v[3 * c]);
        out.y.push_back(v[3 * c + 1]);
      }
      out.n.push_back(4);
      out.colors.push_back(colors[i + (ni - 1) * j]);
    }
  return out;
}

}  // namespace pargist::plot
