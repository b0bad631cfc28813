// pl3d's geometry: the viewing transform, rotations, normals, centroids,
// the lighting model, the painter's sort and Gist's byte scaling.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "pargist/libplot/pl3d.hpp"

namespace pargist::plot {

std::vector<double> view3_points(const View3& view, const double* xyz, std::size_t n) {
  std::vector<double> out(3 * n);
  for (std::size_t k = 0; k < n; ++k) {
    const double d[3] = {xyz[3 * k] - view.org[0], xyz[3 * k + 1] - view.org[1], xyz[3 * k + 2] - view.org[2]};
    double* v = &out[3 * k];
    for (int a = 0; a < 3; ++a) v[a] = d[0] * view.rot[0][a] + d[1] * view.rot[1][a] + d[2] * view.rot[2][a];
    if (view.perspective) {
      const double zc = std::max(view.zc - v[2], 1e-35);  // behind the camera: squashed, not flipped
      v[0] /= zc;
      v[1] /= zc;
      v[2] /= zc;
    }
  }
  return out;
}

void rotate3(View3& view, double xa, double ya, double za) {
  // The viewer's axes turned by za about z, then ya about y, then xa about
  // x; the object's view coordinates v become v * m.
  double m[3][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  auto turn = [&](double a, int p, int q) {
    const double c = std::cos(a), s = std::sin(a);
    for (int k = 0; k < 3; ++k) {
      const double u = m[p][k], w = m[q][k];
      m[p][k] = c * u + s * w;
      m[q][k] = -s * u + c * w;
    }
  };
  turn(za, 0, 1);
  turn(ya, 2, 0);
  turn(xa, 1, 2);
  double r[3][3];
  for (int b = 0; b < 3; ++b)
    for (int a = 0; a < 3; ++a)
      r[b][a] = view.rot[b][0] * m[0][a] + view.rot[b][1] * m[1][a] + view.rot[b][2] * m[2][a];
  std::copy(&r[0][0], &r[0][0] + 9, &view.rot[0][0]);
}

namespace {

void unit_cross(const double* m1, const double* m2, double* out) {
  const double n1 = m1[1] * m2[2] - m1[2] * m2[1];
  const double n2 = m1[2] * m2[0] - m1[0] * m2[2];
  const double n3 = m1[0] * m2[1] - m1[1] * m2[0];
  double len = std::sqrt(n1 * n1 + n2 * n2 + n3 * n3);
  if (len == 0.0) len = 1.0;
  out[0] = n1 / len;
  out[1] = n2 / len;
  out[2] = n3 / len;
}

}  // namespace

std::vector<double> polygon_normals(const double* xyz, const std::size_t* n, std::size_t npoly) {
  std::vector<double> out(3 * npoly);
  std::size_t first = 0;
  for (std::size_t k = 0; k < npoly; first += n[k], ++k) {
    const std::size_t m = n[k], half = (m + 1) / 2;
    const double* v = xyz + 3 * first;
    auto mid = [&](std::size_t a, std::size_t b, double* c) {
      for (int d = 0; d < 3; ++d) c[d] = 0.5 * (v[3 * a + std::size_t(d)] + v[3 * b + std::size_t(d)]);
    };
    // Midpoints of the edges (0,1) and (half-1,half), and of the edge after
    // a quarter turn and the one half a turn later: two diameters.
    double c0[3], c1[3], c2[3], c3[3];
    mid(0, 1, c0);
    mid(half - 1, half % m, c1);
    const std::size_t q = half / 2;
    mid(q, (q + 1) % m, c2);
    const std::size_t r = std::min(q + 1 + half, m) - 1;
    mid(r, (r + 1) % m, c3);
    const double m1[3] = {c1[0] - c0[0], c1[1] - c0[1], c1[2] - c0[2]};
    const double m2[3] = {c3[0] - c2[0], c3[1] - c2[1], c3[2] - c2[2]};
    unit_cross(m1, m2, &out[3 * k]);
  }
  return out;
}

std::vector<double> mesh_normals(const double* xyz, std::size_t ni, std::size_t nj) {
  std::vector<double> out;
  if (ni < 2 || nj < 2) return out;
  out.resize(3 * (ni - 1) * (nj - 1));
  auto p = [&](std::size_t i, std::size_t j, int a) { return xyz[3 * (i + ni * j) + std::size_t(a)]; };
  for (std::size_t j = 0; j + 1 < nj; ++j)
    for (std::size_t i = 0; i + 1 < ni; ++i) {
      double m1[3], m2[3];
      for (int a = 0; a < 3; ++a) {
        m1[a] = 0.5 * (p(i, j + 1, a) + p(i + 1, j + 1, a)) - 0.5 * (p(i, j, a) + p(i + 1, j, a));
        m2[a] = 0.5 * (p(i + 1, j, a) + p(i + 1, j + 1, a)) - 0.5 * (p(i, j, a) + p(i, j + 1, a));
      }
      unit_cross(m1, m2, &out[3 * (i + (ni - 1) * j)]);
    }
  return out;
}

std::vector<double> polygon_centroids(const double* xyz, const std::size_t* n, std::size_t npoly) {
  std::vector<double> out(3 * npoly, 0.0);
  std::size_t v = 0;
  for (std::size_t k = 0; k < npoly; ++k) {
    for (std::size_t j = 0; j < n[k]; ++j, ++v)
      for (int a = 0; a < 3; ++a) out[3 * k + std::size_t(a)] += xyz[3 * v + std::size_t(a)];
    for (int a = 0; a < 3; ++a) out[3 * k + std::size_t(a)] /= double(n[k]);
  }
  return out;
}

std::vector<double> mesh_centroids(const double* xyz, std::size_t ni, std::size_t nj) {
  std::vector<double> out;
  if (ni < 2 || nj < 2) return out;
  out.resize(3 * (ni - 1) * (nj - 1));
  for (std::size_t j = 0; j + 1 < nj; ++j)
    for (std::size_t i = 0; i + 1 < ni; ++i)
      for (int a = 0; a < 3; ++a) {
        auto p = [&](std::size_t ii, std::size_t jj) { return xyz[3 * (ii + ni * jj) + std::size_t(a)]; };
        out[3 * (i + (ni - 1) * j) + std::size_t(a)] = 0.25 * (p(i, j) + p(i + 1, j) + p(i, j + 1) + p(i + 1, j + 1));
      }
  return out;
}

std::vector<double> light3(const Light3& light, const View3& view, const std::vector<double>& normals,
                           const std::vector<double>& centroids) {
  const std::size_t nface = normals.size() / 3;
  const std::size_t ns = std::max({light.specular.size(), light.spower.size(), light.sdir.size()});
  for (std::size_t len : {light.specular.size(), light.spower.size(), light.sdir.size()})
    if (len != 1 && len != ns) throw std::invalid_argument("light3: specular, spower and sdir not conformable");
  bool any_specular = false;
  for (double s : light.specular) any_specular |= s != 0.0;
  std::vector<std::array<double, 3>> sdir(ns);
  for (std::size_t s = 0; s < ns; ++s) {
    const auto& d = light.sdir[light.sdir.size() == 1 ? 0 : s];
    const double len = std::sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    for (int a = 0; a < 3; ++a) sdir[s][std::size_t(a)] = len > 0 ? d[std::size_t(a)] / len : 0.0;
  }
  std::vector<double> out(nface);
  for (std::size_t k = 0; k < nface; ++k) {
    const double* n = &normals[3 * k];
    double v[3] = {0, 0, 1};
    if (view.perspective) {
      const double* c = &centroids[3 * k];
      v[0] = -c[0];
      v[1] = -c[1];
      v[2] = view.zc - c[2];
      double len = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
      if (len == 0.0) len = 1.0;
      for (double& x : v) x /= len;
    }
    const double nv = n[0] * v[0] + n[1] * v[1] + n[2] * v[2];
    double l = light.ambient + light.diffuse * std::fabs(nv);
    if (any_specular)
      for (std::size_t s = 0; s < ns; ++s) {
        const auto& d = sdir[s];
        const double sv = d[0] * v[0] + d[1] * v[1] + d[2] * v[2];
        const double sn = d[0] * n[0] + d[1] * n[1] + d[2] * n[2];
        const double m1 = std::max(sn * nv - 0.5 * sv + 0.5, 1e-30);  // max(1 + cos(alpha), 0) / 2
        const double power = light.spower[light.spower.size() == 1 ? 0 : s];
        l += light.specular[light.specular.size() == 1 ? 0 : s] * std::pow(m1, power);
      }
    out[k] = l;
  }
  return out;
}

std::vector<std::size_t> sort3d(const double* z, const std::size_t* n, std::size_t npoly) {
  std::vector<double> mean(npoly, 0.0);
  std::size_t v = 0;
  for (std::size_t k = 0; k < npoly; ++k) {
    for (std::size_t j = 0; j < n[k]; ++j) mean[k] += z[v++];
    mean[k] /= double(n[k]);
  }
  std::vector<std::size_t> order(npoly);
  std::iota(order.begin(), order.end(), std::size_t(0));
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return mean[a] < mean[b]; });
  return order;
}

ByteScale::ByteScale(double lo, double hi, int top_) : cmin(lo), cmax(hi), top(top_) {
  if (cmin > cmax) std::swap(cmin, cmax);
  if (cmin == cmax) {
    if (cmin > 0) { cmin *= 0.9999; cmax *= 1.0001; }
    else if (cmin < 0) { cmin *= 1.0001; cmax *= 0.9999; }
    else { cmin = -0.0001; cmax = 0.0001; }
  }
  if (top < 0 || top > 255) top = 255;
}

std::uint8_t ByteScale::operator()(double z) const {
  if (std::isnan(z)) return 0;
  z = std::clamp(z, cmin, cmax);
  const double scale = double(top) / (cmax - cmin);
  return std::uint8_t(int((z - cmin) * scale + 0.4999));
}

ByteScale byte_scale(const std::vector<double>& values, bool has_cmin, double cmin, bool has_cmax, double cmax,
                     int top) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double v : values)
    if (std::isfinite(v)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  if (lo > hi) lo = hi = 0;
  return ByteScale(has_cmin ? cmin : lo, has_cmax ? cmax : hi, top);
}

}  // namespace pargist::plot
