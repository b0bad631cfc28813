#include "pargist/viewer/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pargist::viewer {

PageTransform PageTransform::of(const plot::PageView& view) {
  PageTransform t;
  t.scale = view.width / (view.page.xmax - view.page.xmin);
  t.x0 = -t.scale * view.page.xmin;
  t.y0 = t.scale * view.page.ymax;
  return t;
}

plot::PageView PageTransform::view(double width, double height) const {
  plot::PageView v;
  v.width = width;
  v.height = height;
  v.page = {to_ndc_x(0), to_ndc_x(width), to_ndc_y(height), to_ndc_y(0)};
  v.device_per_point = scale * plot::kNdcPerPoint;
  return v;
}

PageTransform PageTransform::gist_view(int width, int height) {
  return of(plot::region_view(plot::window_box(), std::max(width, 1), std::max(height, 1)));
}

void world_at(const SystemGeometry& s, const PageTransform& t, double px, double py, double& x, double& y) {
  const plot::Box& v = s.drawn.viewport;
  x = s.drawn.world_x(std::clamp(t.to_ndc_x(px), v.xmin, v.xmax));
  y = s.drawn.world_y(std::clamp(t.to_ndc_y(py), v.ymin, v.ymax));
}

Location locate(const std::vector<SystemGeometry>& systems, const PageTransform& t, double px,
                double py) {
  Location loc;
  loc.ndc_x = t.to_ndc_x(px);
  loc.ndc_y = t.to_ndc_y(py);
  const double xn = loc.ndc_x, yn = loc.ndc_y;

  // Inside: the smallest viewport that contains the point (insets win).
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < systems.size(); ++i) {
    const plot::Box& v = systems[i].drawn.viewport;
    if (!v.contains(xn, yn)) continue;
    const double area = std::abs((v.xmax - v.xmin) * (v.ymax - v.ymin));
    if (area < best) {
      best = area;
      loc.system = static_cast<int>(i);
    }
  }
  // Outside: the viewport with the nearest edge facing the point.
  if (loc.system < 0) {
    best = std::numeric_limits<double>::infinity();
    auto consider = [&](double gap, std::size_t i) {
      if (gap > 0 && gap < best) {
        best = gap;
        loc.system = static_cast<int>(i);
      }
    };
    for (std::size_t i = 0; i < systems.size(); ++i) {
      const plot::Box& v = systems[i].drawn.viewport;
      if (yn >= v.ymin && yn <= v.ymax) {
        consider(xn - v.xmax, i);
        consider(v.xmin - xn, i);
      }
      if (xn >= v.xmin && xn <= v.xmax) {
        consider(yn - v.ymax, i);
        consider(v.ymin - yn, i);
      }
    }
  }
  if (loc.system < 0) {
    loc.x = xn;
    loc.y = yn;
    return loc;
  }

  const SystemGeometry& s = systems[static_cast<std::size_t>(loc.system)];
  const plot::Box& v = s.drawn.viewport;
  const bool beside = xn < v.xmin || xn > v.xmax;
  const bool above_below = yn < v.ymin || yn > v.ymax;
  // Clamped to the viewport, as Gist clamps to the limits.
  world_at(s, t, px, py, loc.x, loc.y);
  if (beside && !above_below) loc.axes = 2;
  else if (above_below && !beside) loc.axes = 1;
  else loc.axes = 3;
  return loc;
}

}  // namespace pargist::viewer
