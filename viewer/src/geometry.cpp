#include "pargist/viewer/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pargist::viewer {

namespace {
// The portrait sheet and the 6-inch square Gist's window shows of it.
constexpr double kPageWidthIn = 8.5;
constexpr double kPageHeightIn = 11.0;
constexpr double kViewIn = 6.0;
constexpr double kViewCentreXIn = kPageWidthIn / 2;
// Top margin equals the side margins: (8.5 - 6) / 2 below the top edge.
constexpr double kViewCentreYIn = kPageHeightIn - (kPageWidthIn - kViewIn) / 2 - kViewIn / 2;

double to_axis(double w, bool log) { return log ? std::log10(w) : w; }
double from_axis(double a, bool log) { return log ? std::pow(10.0, a) : a; }
}  // namespace

PageTransform PageTransform::gist_view(int width, int height) {
  PageTransform t;
  const double side = std::max(1, std::min(width, height));
  t.scale = side / (kViewIn * kNdcPerInch);
  t.x0 = 0.5 * width - t.scale * kViewCentreXIn * kNdcPerInch;
  t.y0 = 0.5 * height + t.scale * kViewCentreYIn * kNdcPerInch;
  return t;
}

double world_from_ndc(double ndc, double vmin, double vmax, double wmin, double wmax, bool log) {
  const double a0 = to_axis(wmin, log), a1 = to_axis(wmax, log);
  return from_axis(a0 + (ndc - vmin) * (a1 - a0) / (vmax - vmin), log);
}

double ndc_from_world(double w, double vmin, double vmax, double wmin, double wmax, bool log) {
  const double a0 = to_axis(wmin, log), a1 = to_axis(wmax, log);
  return vmin + (to_axis(w, log) - a0) * (vmax - vmin) / (a1 - a0);
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
    const NdcBox& v = systems[i].viewport;
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
      const NdcBox& v = systems[i].viewport;
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
  const NdcBox& v = s.viewport;
  const bool beside = xn < v.xmin || xn > v.xmax;
  const bool above_below = yn < v.ymin || yn > v.ymax;
  // Clamp to the viewport, as Gist clamps to the limits.
  const double cx = std::clamp(xn, v.xmin, v.xmax), cy = std::clamp(yn, v.ymin, v.ymax);
  loc.x = world_from_ndc(cx, v.xmin, v.xmax, s.limits.xmin, s.limits.xmax, s.logx);
  loc.y = world_from_ndc(cy, v.ymin, v.ymax, s.limits.ymin, s.limits.ymax, s.logy);
  if (beside && !above_below) loc.axes = 2;
  else if (above_below && !beside) loc.axes = 1;
  else loc.axes = 3;
  return loc;
}

}  // namespace pargist::viewer
