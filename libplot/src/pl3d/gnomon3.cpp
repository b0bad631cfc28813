// The gnomon: three short lines in NDC showing where the object's x, y
// and z axes point, labelled beside their tips so that the labels stay
// clear of the lines; an axis pointing into the screen gets its label
// reversed (background text on a foreground disc).
#include <algorithm>
#include <cmath>

#include "pargist/libplot/pl3d.hpp"
#include "pl3d_internal.hpp"

namespace pargist::plot {

namespace {

void unit(double& x, double& y) {
  double len = std::hypot(x, y);
  if (len == 0.0) len = 1.0;
  x /= len;
  y /= len;
}

double sign(double v) { return v < 0 ? -1.0 : 1.0; }

}  // namespace

std::vector<Element> lower_gnomon3(const Gnomon3& g, const View3& view) {
  std::vector<Element> out;
  const double s = kNdcPerPoint * g.scale;
  double x1[3], y1[3], z1[3];
  for (int b = 0; b < 3; ++b) {
    x1[b] = s * view.rot[b][0];
    y1[b] = s * view.rot[b][1];
    z1[b] = s * view.rot[b][2];
  }
  Disjoint axes;
  axes.line.width = g.scale / 18.0 < 0.5 ? 0.0 : std::min(g.scale / 18.0, 6.0);
  for (int b = 0; b < 3; ++b) {
    axes.x0.push_back(g.x);
    axes.y0.push_back(g.y);
    axes.x1.push_back(g.x + x1[b]);
    axes.y1.push_back(g.y + y1[b]);
  }
  out.emplace_back(std::move(axes));

  // Labels a third of the axis length in points.
  static const double sizes[6] = {8, 10, 12, 14, 18, 24};
  static const double bins[5] = {9, 11, 13, 16, 21};
  const double pts = sizes[std::count_if(bins, bins + 5, [&](double b) { return b <= g.scale / 3.0; })];
  if (g.scale < 21.0)
    for (int b = 0; b < 3; ++b) {
      x1[b] *= 21.0 / g.scale;
      y1[b] *= 21.0 / g.scale;
    }

  // The shortest axis on screen (i), the one nearest to it in direction
  // (j), the other (k).
  double xy[3];
  for (int b = 0; b < 3; ++b) xy[b] = std::hypot(x1[b], y1[b]);
  const int i = int(std::min_element(xy, xy + 3) - xy);
  int j = (i + 1) % 3, k = (i + 2) % 3;
  if (xy[i] < 1e-7 * (xy[0] + xy[1] + xy[2])) {  // not exactly zero
    x1[i] = -1e-6 * (x1[j] + x1[k]);
    y1[i] = -1e-6 * (y1[j] + y1[k]);
    xy[i] = std::hypot(x1[i], y1[i]);
  }
  const double xyi = xy[i];
  if (std::fabs(x1[j] * y1[i] - y1[j] * x1[i]) * xy[k] > std::fabs(x1[k] * y1[i] - y1[k] * x1[i]) * xy[j])
    std::swap(j, k);
  // Each label steps away perpendicular to another axis, outwards.
  auto away = [&](int from, int axis, double& x, double& y) {
    x = -y1[from];
    y = x1[from];
    unit(x, y);
    if (x * x1[axis] + y * y1[axis] < 0.0) {
      x = -x;
      y = -y;
    }
  };
  double dx[3], dy[3];
  away(j, k, dx[k], dy[k]);
  away(k, j, dx[j], dy[j]);
  away(j, i, dx[i], dy[i]);
  const double d = kNdcPerPoint * pts;
  if (xyi < d) {  // a short axis: centre its label in its quadrant
    const double a = sign(dx[i] * dx[j] + dy[i] * dy[j]), b = sign(dx[i] * dx[k] + dy[i] * dy[k]);
    dx[i] = a * dx[j] + b * dx[k];
    dy[i] = a * dy[j] + b * dy[k];
    unit(dx[i], dy[i]);
  }
  for (int b : {i, j, k}) {
    const double x = g.x + x1[b] + d * dx[b], y = g.y + y1[b] + d * dy[b];
    Text t;
    t.x = x;
    t.y = y;
    t.text = g.labels[std::size_t(b)];
    t.style.font = font_helvetica;
    t.style.height = pts;
    t.style.halign = HAlign::center;
    t.style.valign = VAlign::half;
    if (z1[b] < -1e-6) {  // pointing into the screen: reversed label
      Polys disc;
      const double r = 0.55 * pts * kNdcPerPoint;
      for (int q = 0; q < 24; ++q) {
        disc.x.push_back(x + r * std::cos(q * M_PI / 12));
        disc.y.push_back(y + r * std::sin(q * M_PI / 12));
      }
      disc.n.push_back(24);
      disc.colors.push_back(NamedColor::fg);
      out.emplace_back(std::move(disc));
      t.style.color = NamedColor::bg;
    }
    out.emplace_back(std::move(t));
  }
  return out;
}

}  // namespace pargist::plot
