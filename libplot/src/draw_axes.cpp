// Ticks, labels, grid and frame of one coordinate system (Gist's GaTicks
// layout: ticks offset from the viewport by tick_off, labels at label_off,
// the exponent of scaled labels a line below or left of them).
#include "draw_axes.hpp"

#include <algorithm>
#include <cmath>

namespace pargist::plot::detail {

namespace {

struct TickSegments {
  std::vector<double> x0, y0, x1, y1;
  void add(double a, double b, double c, double d) {
    x0.push_back(a); y0.push_back(b); x1.push_back(c); y1.push_back(d);
  }
};

// The extent of a tick of length len at `place`: outward, inward or both.
void tick_span(double place, double len, bool toward_minus, bool toward_plus, double& p0, double& p1) {
  if (toward_minus && toward_plus) { p0 = place - 0.5 * len; p1 = place + 0.5 * len; }
  else if (toward_minus) { p0 = place - len; p1 = place; }
  else { p0 = place; p1 = place + len; }
}

double level_length(const AxisStyle& s, int level) { return s.tick_len[std::clamp(level, 0, 4)]; }

double origin_of(const AxisTicks& t) {
  for (double v : t.label_values)
    if (v == 0) return 0;
  return t.label_values.empty() ? (t.values.empty() ? 0 : t.values.front()) : t.label_values.front();
}

TextStyle label_style(const AxisStyle& s, HAlign h, VAlign v) {
  TextStyle t = s.text_style;
  t.halign = h;
  t.valign = v;
  return t;
}

void draw_horizontal(Renderer& r, const CoordSystem& sys, const Transform& tf, const AxisTicks& ticks) {
  const AxisStyle& s = sys.ticks.horiz;
  const Box& vp = sys.viewport;
  const double ymin = std::min(vp.ymin, vp.ymax), ymax = std::max(vp.ymin, vp.ymax);
  const bool out = s.flags & tick_out, in = s.flags & tick_in;
  TickSegments seg;
  auto add_row = [&](double place, bool upper, bool both) {
    for (std::size_t k = 0; k < ticks.values.size(); ++k) {
      const double x = tf.ndc_x(ticks.values[k]);
      double a, b;
      if (both) tick_span(place, level_length(s, ticks.levels[k]), true, true, a, b);
      else tick_span(place, level_length(s, ticks.levels[k]), upper ? in : out, upper ? out : in, a, b);
      seg.add(x, a, x, b);
    }
  };
  double origin_y = 0;
  if (s.flags & tick_center) {
    origin_y = tf.ndc_y(origin_of(compute_ticks(tf.limits.ymin, tf.limits.ymax, sys.ticks.vert, tf.limits.log_y)));
    add_row(origin_y, false, true);
  } else {
    if (s.flags & tick_lower) add_row(ymin - s.tick_off, false, false);
    if (s.flags & tick_upper) add_row(ymax + s.tick_off, true, false);
  }
  if (!seg.x0.empty()) r.disjoint(seg.x0.data(), seg.y0.data(), seg.x1.data(), seg.y1.data(), seg.x0.size(), s.tick_style);

  auto labels_at = [&](double place, bool upper) {
    const TextStyle ts = label_style(s, HAlign::center, upper ? VAlign::base : VAlign::cap);
    for (std::size_t k = 0; k < ticks.labels.size(); ++k)
      r.text(tf.ndc_x(ticks.label_values[k]), place, ticks.labels[k], ts);
    if (!ticks.exponent.empty() && !ticks.label_values.empty()) {
      const std::size_t n = ticks.label_values.size();
      const double x = n > 1 ? 0.5 * (tf.ndc_x(ticks.label_values[n - 1]) + tf.ndc_x(ticks.label_values[n - 2]))
                             : tf.ndc_x(ticks.label_values[0]);
      const double h = s.text_style.height / kPointsPerNdc;
      r.text(x, place + (upper ? h : -h), ticks.exponent, ts);
    }
  };
  if (s.flags & tick_center) {
    if (s.flags & (label_lower | label_upper)) labels_at(origin_y - s.label_off, false);
  } else {
    if (s.flags & label_lower) labels_at(ymin - s.label_off, false);
    if (s.flags & label_upper) labels_at(ymax + s.label_off, true);
  }

  if (s.flags & grid_full) {
    TickSegments grid;
    for (std::size_t k = 0; k < ticks.values.size(); ++k)
      if (ticks.levels[k] <= s.grid_level) {
        const double x = tf.ndc_x(ticks.values[k]);
        grid.add(x, ymin, x, ymax);
      }
    if (!grid.x0.empty())
      r.disjoint(grid.x0.data(), grid.y0.data(), grid.x1.data(), grid.y1.data(), grid.x0.size(), s.grid_style);
  } else if (s.flags & grid_origin) {
    const double x = tf.ndc_x(origin_of(ticks)), a = ymin, b = ymax;
    r.disjoint(&x, &a, &x, &b, 1, s.grid_style);
  }
}

void draw_vertical(Renderer& r, const CoordSystem& sys, const Transform& tf, const AxisTicks& ticks) {
  const AxisStyle& s = sys.ticks.vert;
  const Box& vp = sys.viewport;
  const double xmin = std::min(vp.xmin, vp.xmax), xmax = std::max(vp.xmin, vp.xmax);
  const bool out = s.flags & tick_out, in = s.flags & tick_in;
  TickSegments seg;
  auto add_column = [&](double place, bool upper, bool both) {
    for (std::size_t k = 0; k < ticks.values.size(); ++k) {
      const double y = tf.ndc_y(ticks.values[k]);
      double a, b;
      if (both) tick_span(place, level_length(s, ticks.levels[k]), true, true, a, b);
      else tick_span(place, level_length(s, ticks.levels[k]), upper ? in : out, upper ? out : in, a, b);
      seg.add(a, y, b, y);
    }
  };
  double origin_x = 0;
  if (s.flags & tick_center) {
    origin_x = tf.ndc_x(origin_of(compute_ticks(tf.limits.xmin, tf.limits.xmax, sys.ticks.horiz, tf.limits.log_x)));
    add_column(origin_x, false, true);
  } else {
    if (s.flags & tick_lower) add_column(xmin - s.tick_off, false, false);
    if (s.flags & tick_upper) add_column(xmax + s.tick_off, true, false);
  }
  if (!seg.x0.empty()) r.disjoint(seg.x0.data(), seg.y0.data(), seg.x1.data(), seg.y1.data(), seg.x0.size(), s.tick_style);

  auto labels_at = [&](double place, bool upper) {
    const TextStyle ts = label_style(s, upper ? HAlign::left : HAlign::right, VAlign::half);
    for (std::size_t k = 0; k < ticks.labels.size(); ++k)
      r.text(place, tf.ndc_y(ticks.label_values[k]), ticks.labels[k], ts);
    if (!ticks.exponent.empty() && !ticks.label_values.empty()) {
      const std::size_t n = ticks.label_values.size();
      const double y = n > 1 ? 0.5 * (tf.ndc_y(ticks.label_values[n - 1]) + tf.ndc_y(ticks.label_values[n - 2]))
                             : tf.ndc_y(ticks.label_values[0]);
      const double h = s.text_style.height / kPointsPerNdc;
      r.text(place + (upper ? 0.4 : -0.4) * h, y, ticks.exponent, ts);
    }
  };
  if (s.flags & tick_center) {
    if (s.flags & (label_lower | label_upper)) labels_at(origin_x - s.label_off, false);
  } else {
    if (s.flags & label_lower) labels_at(xmin - s.label_off, false);
    if (s.flags & label_upper) labels_at(xmax + s.label_off, true);
  }

  if (s.flags & grid_full) {
    TickSegments grid;
    for (std::size_t k = 0; k < ticks.values.size(); ++k)
      if (ticks.levels[k] <= s.grid_level) {
        const double y = tf.ndc_y(ticks.values[k]);
        grid.add(xmin, y, xmax, y);
      }
    if (!grid.x0.empty())
      r.disjoint(grid.x0.data(), grid.y0.data(), grid.x1.data(), grid.y1.data(), grid.x0.size(), s.grid_style);
  } else if (s.flags & grid_origin) {
    const double y = tf.ndc_y(origin_of(ticks)), a = xmin, b = xmax;
    r.disjoint(&a, &y, &b, &y, 1, s.grid_style);
  }
}

}  // namespace

void draw_axes(Renderer& r, const CoordSystem& sys, const Transform& tf) {
  const TickStyle& t = sys.ticks;
  const unsigned any = tick_lower | tick_upper | tick_center | grid_full | grid_origin;
  if (t.horiz.flags & any)
    draw_horizontal(r, sys, tf, compute_ticks(tf.limits.xmin, tf.limits.xmax, t.horiz, tf.limits.log_x));
  if (t.vert.flags & any)
    draw_vertical(r, sys, tf, compute_ticks(tf.limits.ymin, tf.limits.ymax, t.vert, tf.limits.log_y));
  if (t.frame) {
    const Box& vp = sys.viewport;
    const double x0 = std::min(vp.xmin, vp.xmax) - t.vert.tick_off, x1 = std::max(vp.xmin, vp.xmax) + t.vert.tick_off;
    const double y0 = std::min(vp.ymin, vp.ymax) - t.horiz.tick_off, y1 = std::max(vp.ymin, vp.ymax) + t.horiz.tick_off;
    const double ax[4] = {x0, x1, x1, x0}, ay[4] = {y0, y0, y1, y1};
    const double bx[4] = {x1, x1, x0, x0}, by[4] = {y0, y1, y1, y0};
    r.disjoint(ax, ay, bx, by, 4, t.frame_style);
  }
}

}  // namespace pargist::plot::detail
