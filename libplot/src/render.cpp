// The driver: walks a frame and draws it through a Renderer in NDC.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "color_scale.hpp"
#include "draw_axes.hpp"
#include "linear_map.hpp"
#include "octagonal_length.hpp"
#include "pargist/libplot/axes.hpp"
#include "pargist/libplot/contour.hpp"
#include "pargist/libplot/pl3d.hpp"
#include "pargist/libplot/renderer.hpp"

namespace pargist::plot {

namespace {

using detail::ColorScale;
using detail::finite_extent;
using detail::palette_indices;

// The letter of a contour plot's first level (its marker, if a letter).
int first_letter(const Contours& c) {
  return c.marker.marker >= 'A' && c.marker.marker <= 'Z' ? c.marker.marker - 'A' : 0;
}

// `known`: z's finite range when the caller has it (Cells::z_range).
ColorScale make_scale(const std::vector<double>& z, bool has_min, double cmin, bool has_max, double cmax,
                      const Palette& palette, int top, const std::vector<std::size_t>* only = nullptr,
                      const ValueRange* known = nullptr) {
  ColorScale s;
  s.top = top >= 0 ? std::min(top, 255) : palette.colors.empty() ? 239 : int(std::min<std::size_t>(palette.colors.size(), 256)) - 1;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  if (only) {
    for (std::size_t k : *only)
      if (std::isfinite(z[k])) lo = std::min(lo, z[k]), hi = std::max(hi, z[k]);
  } else if (!(has_min && has_max)) {  // both limits given: the values are not needed
    if (known) lo = known->lo, hi = known->hi;
    else finite_extent(z.data(), z.size(), lo, hi);
  }
  double a = has_min ? cmin : (lo <= hi ? lo : 0);
  double b = has_max ? cmax : (lo <= hi ? hi : 1);
  // Gist's guard against a zero range (as it runs: a constant >= 0 ends
  // up in [-0.0001, 0.0001], so it takes the top colour).
  if (a > b) std::swap(a, b);
  else if (a == b) {
    if (a < 0) a *= 1.0001, b *= 0.9999;
    else a = -0.0001, b = 0.0001;
  }
  s.cmin = a;
  s.cmax = b;
  return s;
}

#if defined(__SSE2__)
// Whether none of the 8 points at x, y lies beyond a side of [x0, x1] x
// [y0, y1] (NaN is beyond none, as clip_polyline's outcodes have it).
inline bool none_outside(const double* x, const double* y, double x0, double x1, double y0, double y1) {
  const __m128d lx = _mm_set1_pd(x0), hx = _mm_set1_pd(x1), ly = _mm_set1_pd(y0), hy = _mm_set1_pd(y1);
  __m128d out = _mm_setzero_pd();
  for (int k = 0; k < 8; k += 2) {
    const __m128d a = _mm_loadu_pd(x + k), b = _mm_loadu_pd(y + k);
    out = _mm_or_pd(out, _mm_or_pd(_mm_or_pd(_mm_cmplt_pd(a, lx), _mm_cmpgt_pd(a, hx)),
                                   _mm_or_pd(_mm_cmplt_pd(b, ly), _mm_cmpgt_pd(b, hy))));
  }
  return _mm_movemask_pd(out) == 0;
}
#endif

// The pieces of a polyline inside a box (NDC), in order, streamed:
// piece() starts each piece, point(x, y) gives its points. A run of
// segments with both ends inside, from point `first` to point `last`, goes
// to run(first, last) at once: it gives the points first + 1 .. last as
// point(x[k - 1] + (x[k] - x[k - 1]), ...) would (each segment's end as
// the clipping computes it).
template <class Piece, class Point, class Run>
void clip_polyline(const std::vector<double>& x, const std::vector<double>& y, bool closed, const Box& b,
                   Piece&& piece, Point&& point, Run&& run) {
  const double x0 = std::min(b.xmin, b.xmax), x1 = std::max(b.xmin, b.xmax);
  const double y0 = std::min(b.ymin, b.ymax), y1 = std::max(b.ymin, b.ymax);
  const std::size_t n = x.size();
  if (n == 0) return;
  if (n == 1) {
    if (x[0] >= x0 && x[0] <= x1 && y[0] >= y0 && y[0] <= y1) piece(), point(x[0], y[0]);
    return;
  }
  bool open = false;  // a piece is under way
  const std::size_t segments = closed ? n : n - 1;
  // Each point is tested once (the end of one segment starts the next);
  // a segment whose ends lie beyond the same side of the box cannot reach
  // it. Only the segments left go through the clipping proper.
  auto outside = [&](double px, double py) {
    return (px < x0 ? 1 : 0) | (px > x1 ? 2 : 0) | (py < y0 ? 4 : 0) | (py > y1 ? 8 : 0);
  };
  int a_out = outside(x[0], y[0]);
  for (std::size_t k = 0; k < segments; ++k) {
    const std::size_t next = k + 1 == n ? 0 : k + 1;
    const double ax = x[k], ay = y[k], bx = x[next], by = y[next];
    const int b_out = outside(bx, by);
    const int ends = a_out | b_out, beyond = a_out & b_out;
    a_out = b_out;
    const double dx = bx - ax, dy = by - ay;
    if (ends == 0) {  // both ends inside: t0 = 0, t1 = 1, as the clipping below would find
      if (!open) {
        piece();
        point(ax + 0 * dx, ay + 0 * dy);
      }
      open = true;
      if (next == 0) {  // the closing segment
        point(ax + 1 * dx, ay + 1 * dy);
        continue;
      }
      std::size_t last = next;  // the run goes on while the points stay inside
#if defined(__SSE2__)
      // Eight points tested at once while all are inside: a zoomed-out long
      // curve is one run of 1e5 points, which tested one by one (four
      // compares and a branch each) was a fifth of its render.
      while (last + 8 < n && none_outside(&x[last + 1], &y[last + 1], x0, x1, y0, y1)) last += 8;
#endif
      while (last + 1 < n && outside(x[last + 1], y[last + 1]) == 0) ++last;
      run(k, last);
      k = last - 1;  // a_out stays 0: point `last` is inside
      continue;
    }
    if (beyond != 0) {
      open = false;
      // The points after it beyond the same side go too, one comparison
      // each (a zoomed history leaves the box for good on one side).
      const std::size_t first_beyond = k + 1;
      std::size_t last = first_beyond;
      if (beyond & 1) while (last + 1 < n && x[last + 1] < x0) ++last;
      else if (beyond & 2) while (last + 1 < n && x[last + 1] > x1) ++last;
      else if (beyond & 4) while (last + 1 < n && y[last + 1] < y0) ++last;
      else while (last + 1 < n && y[last + 1] > y1) ++last;
      if (next != 0 && last > first_beyond) {
        k = last - 1;
        a_out = outside(x[last], y[last]);
      }
      continue;
    }
    // Liang-Barsky: the part t in [t0, t1] of the segment inside the box.
    double t0 = 0, t1 = 1;
    const double p[4] = {-dx, dx, -dy, dy}, q[4] = {ax - x0, x1 - ax, ay - y0, y1 - ay};
    bool visible = true;
    for (int e = 0; e < 4 && visible; ++e) {
      if (p[e] == 0) {
        visible = q[e] >= 0;
      } else {
        const double t = q[e] / p[e];
        if (p[e] < 0) t0 = std::max(t0, t);
        else t1 = std::min(t1, t);
        visible = t0 <= t1;
      }
    }
    if (!visible) {
      open = false;
      continue;
    }
    if (!open || t0 > 0) {
      piece();
      point(ax + t0 * dx, ay + t0 * dy);
    }
    point(ax + t1 * dx, ay + t1 * dy);
    open = t1 >= 1;
  }
}

// Gist's smoothing: each point becomes the middle of three on the bisector
// of its turn, each group of four the control points of a Bezier curve,
// here sampled into a polyline (16 pieces a segment) so that every backend
// draws it. smooth 1..4 spreads the control points a quarter more each.
void smooth_curve(const std::vector<double>& x, const std::vector<double>& y, bool closed, int smooth,
                  std::vector<double>& ox, std::vector<double>& oy) {
  const std::size_t n = x.size();
  const double k = 0.5 * std::clamp(smooth, 1, 4) * 0.25 / 3.0;
  // Unit direction and length of segment i (i -> i+1, wrapping when closed).
  auto segment = [&](std::size_t i, double& ux, double& uy, double& len) {
    const std::size_t j = (i + 1) % n;
    ux = x[j] - x[i], uy = y[j] - y[i];
    len = std::hypot(ux, uy);
    if (len > 0) ux /= len, uy /= len;
    else ux = uy = 0;
  };
  const std::size_t segments = closed ? n : n - 1;
  std::vector<double> before_x(n), before_y(n), after_x(n), after_y(n);
  for (std::size_t i = 0; i < n; ++i) {
    double ux0 = 0, uy0 = 0, len0 = 0, ux1 = 0, uy1 = 0, len1 = 0;
    if (i > 0 || closed) segment((i + n - 1) % n, ux0, uy0, len0);
    if (i < segments) segment(i, ux1, uy1, len1);
    const double dx = k * (ux0 + ux1), dy = k * (uy0 + uy1);
    before_x[i] = x[i] - len0 * dx, before_y[i] = y[i] - len0 * dy;
    after_x[i] = x[i] + len1 * dx, after_y[i] = y[i] + len1 * dy;
  }
  constexpr int kPieces = 16;
  ox.assign(1, x[0]);
  oy.assign(1, y[0]);
  for (std::size_t i = 0; i < segments; ++i) {
    const std::size_t j = (i + 1) % n;
    for (int p = 1; p <= kPieces; ++p) {
      const double t = double(p) / kPieces, u = 1 - t;
      const double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
      ox.push_back(a * x[i] + b * after_x[i] + c * before_x[j] + d * x[j]);
      oy.push_back(a * y[i] + b * after_y[i] + c * before_y[j] + d * y[j]);
    }
  }
}

class ElementPainter {
 public:
  ElementPainter(Renderer& r, const Frame& frame, const Transform* tf) : r_(r), frame_(frame), tf_(tf) {
    if (tf) {
      const Box& v = tf->viewport;
      const Limits& w = tf->limits;
      linear_x_ = {v.xmin, w.xmin, v.xmax - v.xmin, w.xmax - w.xmin};
      linear_y_ = {v.ymin, w.ymin, v.ymax - v.ymin, w.ymax - w.ymin};
    }
  }

  void operator()(const Lines& l) {
    // Markers alone on linear axes: the renderer maps and draws them in one
    // pass (a million markers need no NDC copies of the data).
    if (tf_ && l.markers_at_points && l.line.type == LineType::none && !l.rays &&
        !tf_->limits.log_x && !tf_->limits.log_y) {
      r_.markers_mapped(l.x.data(), l.y.data(), l.x.size(), linear_x_, linear_y_, l.marker);
      return;
    }
    // Every drawable point, mapped; a NaN/Inf (or non-positive on a log
    // axis) point breaks the curve: pieces [start, end) of these arrays.
    // Kept from curve to curve on this thread (up to 2^20 points): a window
    // re-renders the same long curves at every zoom, and fresh memory costs
    // a page fault per 4 kB.
    // The buffers only grow (no clearing per curve); [0, end) holds this
    // curve's points, written through plain pointers.
    thread_local std::vector<double> px, py;
    const std::size_t n = l.x.size();
    if (px.size() < n) px.resize(n), py.resize(n);
    double *const ox = px.data(), *const oy = py.data();
    std::size_t start = 0, end = 0;
    // Gist smooths only undecorated curves.
    const bool smooth = l.smooth > 0 && !l.marks && !l.rays && !l.markers_at_points;
    auto flush = [&] {
      const std::size_t m = end - start;
      const double *x = ox + start, *y = oy + start;
      const bool closed = l.closed && m == l.x.size();
      if (smooth && m >= 2) {
        std::vector<double> sx, sy;
        smooth_curve({x, x + m}, {y, y + m}, closed, l.smooth, sx, sy);
        r_.polyline(sx.data(), sy.data(), sx.size(), l.line, false);
      } else if (m >= 2) {
        r_.polyline(x, y, m, l.line, closed);
      }
      if (l.markers_at_points && m) r_.markers(x, y, m, l.marker);
      start = end;
    };
    const double *const wx = l.x.data(), *const wy = l.y.data();
    if (tf_ && !tf_->limits.log_x && !tf_->limits.log_y && detail::map_linear(wx, wy, n, linear_x_, linear_y_, ox, oy)) {
      end = n;  // every point drawable: one piece
    } else if (tf_ && !tf_->limits.log_x && !tf_->limits.log_y) {  // linear axes: map() inline
      const LinearAxis ax = linear_x_, ay = linear_y_;
      for (std::size_t i = 0; i < n; ++i) {
        const double x = ax(wx[i]), y = ay(wy[i]);
        if (!(std::isfinite(wx[i]) && std::isfinite(wy[i]) && std::isfinite(x) && std::isfinite(y))) {
          flush();
          continue;
        }
        ox[end] = x;
        oy[end++] = y;
      }
    } else {
      for (std::size_t i = 0; i < n; ++i) {
        double x, y;
        if (!map(wx[i], wy[i], x, y)) { flush(); continue; }
        ox[end] = x;
        oy[end++] = y;
      }
    }
    flush();
    if ((l.marks && !l.markers_at_points) || l.rays) {
      px.resize(end);
      py.resize(end);
      // Gist decorates the curve as clipped to the viewport, each visible
      // piece from the start of its phases.
      if (!tf_) {
        marks_along(px, py, l);
      } else {
        Decorations d(r_, l);
        clip_polyline(px, py, l.closed, tf_->viewport, [&] { d.start_piece(); },
                      [&](double x, double y) { d.point(x, y); },
                      [&](std::size_t first, std::size_t last) { d.inside_run(px, py, first, last); });
        d.finish();
      }
    }
    if (px.capacity() > (std::size_t(1) << 20)) px = {}, py = {};
  }

  void operator()(const Disjoint& d) {
    std::vector<double> x0, y0, x1, y1;
    for (std::size_t i = 0; i < d.x0.size(); ++i) {
      double a, b, c, e;
      if (!map(d.x0[i], d.y0[i], a, b) || !map(d.x1[i], d.y1[i], c, e)) continue;
      x0.push_back(a); y0.push_back(b); x1.push_back(c); y1.push_back(e);
    }
    r_.disjoint(x0.data(), y0.data(), x1.data(), y1.data(), x0.size(), d.line);
  }

  void operator()(const Text& t) {
    double x, y;
    if (map(t.x, t.y, x, y)) r_.text(x, y, t.text, t.style);
  }

  void operator()(const Mesh& m) {
    const QuadMesh& q = m.mesh;
    std::vector<double> x0, y0, x1, y1;
    auto in = [&](std::size_t i, std::size_t j) {
      if (i < 1 || j < 1 || i >= q.ni || j >= q.nj) return false;
      return zone_in_region(q, i, j, m.region);
    };
    auto edge = [&](std::size_t p, std::size_t s, bool zone_a, bool zone_b) {
      const bool draw = m.boundary ? zone_a != zone_b : (zone_a || zone_b);
      if (!draw) return;
      double a, b, c, d;
      if (!map(q.x[p], q.y[p], a, b) || !map(q.x[s], q.y[s], c, d)) return;
      x0.push_back(a); y0.push_back(b); x1.push_back(c); y1.push_back(d);
    };
    for (std::size_t j = 0; j < q.nj; ++j)
      for (std::size_t i = 0; i < q.ni; ++i) {
        const std::size_t p = i + q.ni * j;
        // Edge along i from (i,j) to (i+1,j): zones (i+1,j) and (i+1,j+1).
        if (i + 1 < q.ni && m.inhibit != 1) edge(p, p + 1, in(i + 1, j), in(i + 1, j + 1));
        // Edge along j from (i,j) to (i,j+1): zones (i,j+1) and (i+1,j+1).
        if (j + 1 < q.nj && m.inhibit != 2) edge(p, p + q.ni, in(i, j + 1), in(i + 1, j + 1));
      }
    r_.disjoint(x0.data(), y0.data(), x1.data(), y1.data(), x0.size(), m.line);
  }

  void operator()(const FillMesh& f) {
    const QuadMesh& q = f.mesh;
    std::vector<std::size_t> zones;
    for (std::size_t j = 1; j < q.nj; ++j)
      for (std::size_t i = 1; i < q.ni; ++i)
        if (zone_in_region(q, i, j, f.region)) zones.push_back(i + q.ni * j);
    ColorScale scale;
    if (f.colors.empty()) scale = make_scale(f.z, f.has_cmin, f.cmin, f.has_cmax, f.cmax, frame_.palette, f.top, &zones);
    std::vector<double> px, py;
    std::vector<std::size_t> counts;
    std::vector<Color> colors;
    for (std::size_t p : zones) {
      const std::size_t c[4] = {p - 1 - q.ni, p - q.ni, p, p - 1};
      double x[4], y[4];
      bool ok = true;
      for (int k = 0; k < 4 && ok; ++k) ok = map(q.x[c[k]], q.y[c[k]], x[k], y[k]);
      if (!ok) continue;
      if (f.colors.empty() && !std::isfinite(f.z[p])) continue;
      px.insert(px.end(), x, x + 4);
      py.insert(py.end(), y, y + 4);
      counts.push_back(4);
      colors.push_back(Color::palette(f.colors.empty() ? scale.index(f.z[p]) : f.colors[p]));
    }
    r_.polygons(px.data(), py.data(), counts.data(), counts.size(), colors.data(), f.edges ? &f.edge_style : nullptr);
  }

  void operator()(const Contours& c) {
    // Gist: the levels take successive letters; each curve's marks start a
    // quarter spacing later than the previous curve's.
    int letter = 0;
    Lines as_lines;
    as_lines.line = c.line;
    as_lines.marks = c.marks;
    as_lines.marker = c.marker;
    as_lines.mspace = c.mspace;
    as_lines.mphase = c.mphase;
    as_lines.smooth = c.smooth;
    for (auto& at_level : contour_lines(c.mesh, c.z, c.levels, c.region)) {
      as_lines.marker.marker = 'A' + (first_letter(c) + letter) % 26;
      for (auto& cl : at_level) {
        as_lines.x = std::move(cl.x);
        as_lines.y = std::move(cl.y);
        as_lines.closed = cl.closed;
        (*this)(as_lines);
        as_lines.mphase += 0.25 * c.mspace;
        if (as_lines.mphase > c.mspace) as_lines.mphase -= c.mspace;
      }
      ++letter;
    }
  }

  void operator()(const Cells& c) {
    double x0, y0, x1, y1;
    if (!map(c.x0, c.y0, x0, y0) || !map(c.x1, c.y1, x1, y1)) return;
    const Box where{x0, x1, y0, y1};
    if (!c.z.empty()) {
      const std::vector<std::uint8_t> bytes = cell_indices(c, frame_.palette);
      r_.cell_array(where, c.nx, c.ny, bytes.data(), 1);
    } else {
      r_.cell_array(where, c.nx, c.ny, c.colors.data(), c.channels);
    }
  }

  void operator()(const Scene3& s) {
    for (const Element& e : lower_scene3(s, frame_.palette)) std::visit(*this, e);
  }

  void operator()(const Polys& p) {
    ColorScale scale;
    if (!p.z.empty()) scale = make_scale(p.z, p.has_cmin, p.cmin, p.has_cmax, p.cmax, frame_.palette, p.top);
    auto color_of = [&](std::size_t k, Color& color) {
      color = NamedColor::bg;  // Gist: no colours given, background fills
      if (!p.z.empty()) {
        if (!std::isfinite(p.z[k])) return false;
        color = Color::palette(scale.index(p.z[k]));
      } else if (!p.colors.empty()) {
        color = p.colors[k];
      }
      return true;
    };
    std::vector<double> px, py;
    std::vector<std::size_t> counts;
    std::vector<Color> colors;
    if (polys_are_markers(p)) {
      // Gist's marker form: the first polygon, in NDC about the origin, is
      // drawn at each of the one-vertex polygons after it.
      const std::size_t shape = p.n[0];
      for (std::size_t k = 1; k < p.n.size(); ++k) {
        double cx, cy;
        Color color;
        if (!map(p.x[shape + k - 1], p.y[shape + k - 1], cx, cy) || !color_of(k, color)) continue;
        for (std::size_t i = 0; i < shape; ++i) px.push_back(cx + p.x[i]), py.push_back(cy + p.y[i]);
        counts.push_back(shape);
        colors.push_back(color);
      }
    } else {
      std::size_t start = 0;
      for (std::size_t k = 0; k < p.n.size(); ++k) {
        const std::size_t n = p.n[k];
        bool ok = true;
        std::vector<double> x(n), y(n);
        for (std::size_t i = 0; i < n && ok; ++i) ok = map(p.x[start + i], p.y[start + i], x[i], y[i]);
        start += n;
        Color color;
        if (!ok || !color_of(k, color)) continue;
        px.insert(px.end(), x.begin(), x.end());
        py.insert(py.end(), y.begin(), y.end());
        counts.push_back(n);
        colors.push_back(color);
      }
    }
    r_.polygons(px.data(), py.data(), counts.data(), counts.size(), colors.data(), p.edges ? &p.edge_style : nullptr);
  }

  void operator()(const Vectors& v) {
    // Gist's darts: a triangle with its centroid on the point, its tip two
    // thirds of the (scaled) vector ahead, its base a third behind, half as
    // wide as 3*aspect times a third of its length.
    const std::size_t n = v.x.size();
    const double scale = v.scale > 0 ? v.scale : automatic_vector_scale(v);
    std::vector<double> px, py, ex, ey;
    std::vector<std::size_t> counts;
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(v.vx[i]) || !std::isfinite(v.vy[i]) || !vector_drawn(v, i)) continue;
      double cx, cy;
      if (!map(v.x[i], v.y[i], cx, cy)) continue;
      double sx, sy;
      if (!ndc_per_world(v.x[i], v.y[i], sx, sy)) continue;
      const double dx = scale * v.vx[i] * sx / 3.0, dy = scale * v.vy[i] * sy / 3.0;
      if (dx == 0 && dy == 0) continue;
      const double a = 3.0 * v.aspect;
      const double tx[3] = {cx - dx + a * dy, cx + 2 * dx, cx - dx - a * dy};
      const double ty[3] = {cy - dy - a * dx, cy + 2 * dy, cy - dy + a * dx};
      px.insert(px.end(), tx, tx + 3);
      py.insert(py.end(), ty, ty + 3);
      counts.push_back(3);
    }
    if (counts.empty()) return;
    if (v.hollow) {
      for (std::size_t k = 0; k < counts.size(); ++k) r_.polyline(&px[3 * k], &py[3 * k], 3, v.line, true);
    } else {
      const std::vector<Color> colors(counts.size(), v.line.color);
      r_.polygons(px.data(), py.data(), counts.data(), counts.size(), colors.data(), nullptr);
    }
  }

 private:
  // NDC per world unit at a point, along x and y (log axes too).
  bool ndc_per_world(double wx, double wy, double& sx, double& sy) const {
    if (!tf_) { sx = sy = 1; return true; }
    double x0, y0, x1, y1;
    const double hx = 1e-6 * (std::fabs(wx) + 1), hy = 1e-6 * (std::fabs(wy) + 1);
    if (!map(wx, wy, x0, y0) || !map(wx + hx, wy, x1, y1)) return false;
    sx = (x1 - x0) / hx;
    if (!map(wx, wy + hy, x1, y1)) return false;
    sy = (y1 - y0) / hy;
    return true;
  }

  // World -> NDC; false for points that cannot be drawn.
  bool map(double wx, double wy, double& nx, double& ny) const {
    if (!std::isfinite(wx) || !std::isfinite(wy)) return false;
    if (!tf_) { nx = wx; ny = wy; return true; }
    if ((tf_->limits.log_x && !(wx > 0)) || (tf_->limits.log_y && !(wy > 0))) return false;
    // Linear axes inline (Transform's operations, so the same values).
    nx = tf_->limits.log_x ? tf_->ndc_x(wx) : linear_x_(wx);
    ny = tf_->limits.log_y ? tf_->ndc_y(wy) : linear_y_(wy);
    return std::isfinite(nx) && std::isfinite(ny);
  }

  // Gist's decorations: letter marks every mspace and ray arrowheads every
  // rspace along the curve, its length measured with Gist's octagonal norm
  // in NDC. The phase grows with the length; each time it reaches the
  // spacing a mark goes there (so the first one is spacing - phase along).
  // Fed one piece of the curve at a time, point by point; each piece starts
  // from the phases and is drawn when the next starts, or at finish().
  class Decorations {
   public:
    Decorations(Renderer& r, const Lines& l)
        : r_(r), l_(l), mspace_(l.marks && !l.markers_at_points && l.mspace > 0 ? l.mspace : 0),
          rspace_(l.rays && l.rspace > 0 ? l.rspace : 0) {}
    ~Decorations() = default;
    void start_piece() {
      finish();
      mark_phase_ = l_.mphase, ray_phase_ = l_.rphase;
      have_ = false;
    }
    void point(double x, double y) {
      if (have_) segment(x_, y_, x, y);
      x_ = x, y_ = y, have_ = true;
    }
    // clip_polyline's run of points first + 1 .. last, all inside: as
    // point() for each, the state kept in registers (a long curve spends
    // its time here). Rays take the general way.
    void inside_run(const std::vector<double>& x, const std::vector<double>& y, std::size_t first,
                    std::size_t last) {
      if (rspace_ > 0 || !have_) {
        for (std::size_t k = first + 1; k <= last; ++k)
          point(x[k - 1] + 1 * (x[k] - x[k - 1]), y[k - 1] + 1 * (y[k] - y[k - 1]));
        return;
      }
      double px = x_, py = y_, phase = mark_phase_;
      const double space = mspace_;
      // Point k as the clipping computes it.
      auto at = [&](std::size_t k, double& bx, double& by) {
        bx = x[k - 1] + 1 * (x[k] - x[k - 1]), by = y[k - 1] + 1 * (y[k] - y[k - 1]);
      };
      std::size_t k = first + 1;
      // Marks are far apart (a long curve has hundreds of points between
      // two): a block of segments that ends before the next mark adds its
      // length at once, its lengths summed independently of one another
      // (the phase's one chain of additions point by point was most of a
      // long curve's drawing time).
      while (k <= last) {
        if (space > 0 && k + kBlock <= last + 1) {
          double bx[kBlock + 1], by[kBlock + 1];
          bx[0] = px, by[0] = py;
          for (std::size_t b = 0; b < kBlock; ++b) at(k + b, bx[b + 1], by[b + 1]);
          const double block = detail::segments_length(bx, by, kBlock);
          if (phase + block < space) {
            phase += block;
            k += kBlock;
            at(k - 1, px, py);
            continue;
          }
        }
        // A mark within (or the run's last few points): point by point.
        for (const std::size_t end = std::min(last, k + kBlock - 1); k <= end; ++k) {
          double bx, by;
          at(k, bx, by);
          const double dx = bx - px, dy = by - py;
          const double len = detail::octagonal_norm(dx, dy);
          px = bx, py = by;
          if (len > 0 && std::isfinite(len) && space > 0) {
            phase += len;
            while (phase >= space && mx_.size() <= 100000) {
              phase -= space;
              const double f = phase / len;
              mx_.push_back(bx - dx * f);
              my_.push_back(by - dy * f);
            }
          }
        }
      }
      x_ = px, y_ = py, mark_phase_ = phase;
    }
    // Segments whose lengths inside_run sums at once.
    static constexpr std::size_t kBlock = 64;

    void finish() {
      if (!rays_.empty()) {
        LineStyle solid = l_.line;  // Gist: dashed ray arrows would confuse
        solid.type = LineType::solid;
        for (std::size_t k = 0; k < rays_.size(); ++k) r_.polyline(&rx_[3 * k], &ry_[3 * k], 3, solid, false);
      }
      if (!mx_.empty()) r_.markers(mx_.data(), my_.data(), mx_.size(), l_.marker);
      mx_.clear(), my_.clear(), rx_.clear(), ry_.clear(), rays_.clear();
    }

   private:
    void segment(double ax, double ay, double bx, double by) {
      const double dx = bx - ax, dy = by - ay;
      const double len = detail::octagonal_norm(dx, dy);
      if (!(len > 0) || !std::isfinite(len)) return;
      if (mspace_ > 0) {
        mark_phase_ += len;
        while (mark_phase_ >= mspace_ && mx_.size() <= 100000) {
          mark_phase_ -= mspace_;
          const double f = mark_phase_ / len;
          mx_.push_back(bx - dx * f);
          my_.push_back(by - dy * f);
        }
      }
      if (rspace_ > 0) {
        const double arrow_l = l_.arrowl * 10.0 / kPointsPerNdc, arrow_w = l_.arroww * 4.0 / kPointsPerNdc;
        ray_phase_ += len;
        const double t = std::hypot(dx, dy), ux = dx / t, uy = dy / t;
        while (ray_phase_ >= rspace_ && rays_.size() <= 100000) {
          ray_phase_ -= rspace_;
          const double f = ray_phase_ / len;
          const double tx = bx - dx * f, ty = by - dy * f;
          const double ax3[3] = {tx - arrow_l * ux + arrow_w * uy, tx, tx - arrow_l * ux - arrow_w * uy};
          const double ay3[3] = {ty - arrow_l * uy - arrow_w * ux, ty, ty - arrow_l * uy + arrow_w * ux};
          rx_.insert(rx_.end(), ax3, ax3 + 3);
          ry_.insert(ry_.end(), ay3, ay3 + 3);
          rays_.push_back(3);
        }
      }
    }

    Renderer& r_;
    const Lines& l_;
    // The spacings, 0 for a decoration not drawn (tested once per segment;
    // read from here, the compiler keeps them in registers).
    const double mspace_, rspace_;
    double mark_phase_ = 0, ray_phase_ = 0;
    bool have_ = false;
    double x_ = 0, y_ = 0;
    std::vector<double> mx_, my_, rx_, ry_;
    std::vector<std::size_t> rays_;
  };

  // The decorations of a whole curve (closed: its closing segment too).
  void marks_along(const std::vector<double>& x, const std::vector<double>& y, const Lines& l) {
    if (x.empty()) return;
    Decorations d(r_, l);
    d.start_piece();
    for (std::size_t i = 0; i < x.size(); ++i) d.point(x[i], y[i]);
    if (l.closed) d.point(x[0], y[0]);
    d.finish();
  }

  // Whether plv draws point i: next to a zone of its region, on a mesh.
  static bool vector_drawn(const Vectors& v, std::size_t i) {
    if (v.ni == 0 || v.ireg.empty()) return v.region == 0 || v.region == 1;
    const std::size_t ni = v.ni, nj = v.x.size() / ni, pi = i % ni, pj = i / ni;
    for (std::size_t zj = pj; zj <= pj + 1; ++zj)
      for (std::size_t zi = pi; zi <= pi + 1; ++zi) {
        if (zi < 1 || zj < 1 || zi >= ni || zj >= nj) continue;
        const int r = v.ireg[zi + ni * zj];
        if (v.region == 0 ? r != 0 : r == v.region) return true;
      }
    return false;
  }

  Renderer& r_;
  const Frame& frame_;
  const Transform* tf_;
  LinearAxis linear_x_, linear_y_;
};

// Gist's contour legends: "A: level" for each level of the contour plots
// (with or without marks along them), one column in the frame's contour
// legend box.
void draw_contour_legends(Renderer& r, const Frame& frame) {
  const LegendBox& box = frame.contour_legends;
  if (box.nlines <= 0) return;
  const double line = 1.2 * box.text_style.height / kPointsPerNdc;
  int k = 0;
  for (std::size_t s = 1; s < frame.systems.size(); ++s)
    for (const auto& e : frame.systems[s].elements) {
      const auto* c = std::get_if<Contours>(&e);
      if (!c || c->info.hide) continue;  // Gist lists the levels marked or not
      if (!c->info.legend.empty() && k < box.nlines)
        r.text(box.x, box.y - line * k++, c->info.legend.substr(0, std::size_t(std::max(box.nchars, 1))), box.text_style);
      for (std::size_t l = 0; l < c->levels.size() && k < box.nlines; ++l) {
        char text[48];
        std::snprintf(text, sizeof text, "%c: %.4g", char('A' + (first_letter(*c) + int(l)) % 26), c->levels[l]);
        r.text(box.x, box.y - line * k++, text, box.text_style);
      }
    }
}

// Legends of the systems' elements in the frame's legend box, as Gist: a
// legend starting with '\001' shows the curve's marker letter there.
void draw_legends(Renderer& r, const Frame& frame) {
  std::vector<std::string> entries;
  for (std::size_t s = 1; s < frame.systems.size(); ++s)
    for (const auto& e : frame.systems[s].elements) {
      const ElementInfo& info = element_info(e);
      if (info.legend.empty() || info.hide) continue;
      std::string entry = info.legend;
      if (entry[0] == '\001') {
        int marker = '?';
        if (const auto* l = std::get_if<Lines>(&e)) marker = l->marker.marker;
        else if (const auto* c = std::get_if<Contours>(&e)) marker = c->marker.marker;
        static const char kShapes[] = ".+*ox";
        entry[0] = marker >= 1 && marker <= 5 ? kShapes[marker - 1] : marker > 32 && marker < 127 ? char(marker) : '?';
      }
      entries.push_back(entry);
    }
  draw_contour_legends(r, frame);
  const LegendBox& box = frame.legends;
  if (box.nlines <= 0) return;  // the style has no legends (nobox, 2x2)
  const double line = 1.2 * box.text_style.height / kPointsPerNdc;
  const int per_column = std::max(1, box.nlines / std::max(1, box.nwrap));
  for (std::size_t k = 0; k < entries.size(); ++k) {
    const int column = int(k) / per_column;
    if (column >= std::max(1, box.nwrap)) break;
    const double x = box.x + column * box.dx;
    const double y = box.y - double(int(k) % per_column) * line;
    std::string text = entries[k];
    if (box.nchars > 0 && int(text.size()) > box.nchars) text.resize(box.nchars);
    r.text(x, y, text, box.text_style);
  }
}

}  // namespace

std::vector<std::uint8_t> cell_indices(const Cells& c, const Palette& palette) {
  const ColorScale scale =
      make_scale(c.z, c.has_cmin, c.cmin, c.has_cmax, c.cmax, palette, c.top, nullptr, c.z_range ? &*c.z_range : nullptr);
  std::vector<std::uint8_t> bytes(c.z.size());
  palette_indices(c.z.data(), c.z.size(), scale, bytes.data());
  return bytes;
}

void scale_cells(Cells& cells, const Palette& palette) {
  if (cells.z.empty()) return;
  cells.colors = cell_indices(cells, palette);
  cells.channels = 1;
  cells.z = {};
  cells.z_range.reset();
}

void render(const Frame& frame, Renderer& renderer, const RenderOptions& options) {
  // Validate and resolve everything first: a bad frame throws before the
  // renderer has started a page.
  std::vector<Transform> transforms(frame.systems.size());
  for (std::size_t s = 1; s < frame.systems.size(); ++s) {
    for (const auto& e : frame.systems[s].elements) validate_element(e);
    transforms[s] = make_transform(frame.systems[s]);
  }
  if (!frame.systems.empty())
    for (const auto& e : frame.systems[0].elements) validate_element(e);
  if (options.drawn_limits) {
    options.drawn_limits->assign(frame.systems.size(), Limits{});
    for (std::size_t s = 1; s < frame.systems.size(); ++s) (*options.drawn_limits)[s] = transforms[s].limits;
  }

  renderer.begin_page(frame);
  for (std::size_t s = 1; s < frame.systems.size(); ++s) {
    const CoordSystem& sys = frame.systems[s];
    // As Gist: a system without elements draws nothing, not even its axes
    // (Warp's style has 16 systems; a page shows the ones plotted in).
    if (sys.elements.empty()) continue;
    const Transform& tf = transforms[s];
    renderer.set_clip(&sys.viewport);
    ElementPainter paint(renderer, frame, &tf);
    for (const auto& e : sys.elements)
      if (!element_info(e).hide) std::visit(paint, e);
    renderer.set_clip(nullptr);
    // Gist draws the ticks of the systems that hold something (even if
    // hidden): an empty system leaves no trace on the page.
    if (!sys.elements.empty()) detail::draw_axes(renderer, sys, tf);
  }
  if (!frame.systems.empty()) {
    ElementPainter paint(renderer, frame, nullptr);
    for (const auto& e : frame.systems[0].elements)
      if (!element_info(e).hide) std::visit(paint, e);
  }
  if (options.legends && frame.draw_legends) draw_legends(renderer, frame);
  renderer.end_page();
}

}  // namespace pargist::plot
