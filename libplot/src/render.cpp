// The driver: walks a frame and draws it through a Renderer in NDC.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "draw_axes.hpp"
#include "pargist/libplot/axes.hpp"
#include "pargist/libplot/contour.hpp"
#include "pargist/libplot/pl3d.hpp"
#include "pargist/libplot/renderer.hpp"

namespace pargist::plot {

namespace {

// The letter of a contour plot's first level (its marker, if a letter).
int first_letter(const Contours& c) {
  return c.marker.marker >= 'A' && c.marker.marker <= 'Z' ? c.marker.marker - 'A' : 0;
}

// Gist's bytscl: z in [cmin, cmax] onto palette indices 0..ncolors-1;
// NaN and Inf cells get the background colour.
struct ColorScale {
  double cmin = 0, cmax = 1;
  int ncolors = 240;
  std::uint8_t index(double z) const {
    if (!std::isfinite(z)) return static_cast<std::uint8_t>(NamedColor::bg);
    if (cmax == cmin) return 0;
    double t = (z - cmin) / (cmax - cmin);
    int k = int(std::floor(t * ncolors));
    return static_cast<std::uint8_t>(std::clamp(k, 0, ncolors - 1));
  }
};

ColorScale make_scale(const std::vector<double>& z, bool has_min, double cmin, bool has_max, double cmax,
                      const Palette& palette, const std::vector<std::size_t>* only = nullptr) {
  ColorScale s;
  s.ncolors = palette.colors.empty() ? 240 : int(std::min<std::size_t>(palette.colors.size(), 256));
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  auto see = [&](double v) {
    if (std::isfinite(v)) { lo = std::min(lo, v); hi = std::max(hi, v); }
  };
  if (only) for (std::size_t k : *only) see(z[k]);
  else for (double v : z) see(v);
  s.cmin = has_min ? cmin : (lo <= hi ? lo : 0);
  s.cmax = has_max ? cmax : (lo <= hi ? hi : 1);
  return s;
}

class ElementPainter {
 public:
  ElementPainter(Renderer& r, const Frame& frame, const Transform* tf) : r_(r), frame_(frame), tf_(tf) {}

  void operator()(const Lines& l) {
    // Markers alone on linear axes: the renderer maps and draws them in one
    // pass (a million markers need no NDC copies of the data).
    if (tf_ && l.markers_at_points && l.line.type == LineType::none && !l.rays &&
        !tf_->limits.log_x && !tf_->limits.log_y) {
      const Box& v = tf_->viewport;
      const Limits& w = tf_->limits;
      r_.markers_mapped(l.x.data(), l.y.data(), l.x.size(), {v.xmin, w.xmin, v.xmax - v.xmin, w.xmax - w.xmin},
                        {v.ymin, w.ymin, v.ymax - v.ymin, w.ymax - w.ymin}, l.marker);
      return;
    }
    std::vector<double> px, py;
    auto flush = [&] {
      if (px.size() >= 2) r_.polyline(px.data(), py.data(), px.size(), l.line, l.closed && px.size() == l.x.size());
      if (l.markers_at_points && !px.empty()) r_.markers(px.data(), py.data(), px.size(), l.marker);
      px.clear();
      py.clear();
    };
    // A NaN/Inf (or non-positive on a log axis) point breaks the curve.
    const bool along = (l.marks && !l.markers_at_points) || l.rays;
    std::vector<double> all_x, all_y;
    px.reserve(l.x.size());
    py.reserve(l.x.size());
    if (along) all_x.reserve(l.x.size()), all_y.reserve(l.x.size());
    for (std::size_t i = 0; i < l.x.size(); ++i) {
      double x, y;
      if (!map(l.x[i], l.y[i], x, y)) { flush(); continue; }
      px.push_back(x);
      py.push_back(y);
      if (along) {
        all_x.push_back(x);
        all_y.push_back(y);
      }
    }
    flush();
    if (along) marks_along(all_x, all_y, l);
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
        if (zone_in_region(q, i, j, 0)) zones.push_back(i + q.ni * j);
    ColorScale scale;
    if (f.colors.empty()) scale = make_scale(f.z, f.has_cmin, f.cmin, f.has_cmax, f.cmax, frame_.palette, &zones);
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
    int letter = 0;
    for (double level : c.levels) {
      const auto lines = contour_lines(c.mesh, c.z, level, c.region);
      Lines as_lines;
      as_lines.line = c.line;
      as_lines.marks = c.marks;
      as_lines.marker = c.marker;
      as_lines.marker.marker = 'A' + (first_letter(c) + letter) % 26;
      for (const auto& cl : lines) {
        as_lines.x = cl.x;
        as_lines.y = cl.y;
        as_lines.closed = cl.closed;
        (*this)(as_lines);
      }
      ++letter;
    }
  }

  void operator()(const Cells& c) {
    double x0, y0, x1, y1;
    if (!map(c.x0, c.y0, x0, y0) || !map(c.x1, c.y1, x1, y1)) return;
    const Box where{x0, x1, y0, y1};
    if (!c.z.empty()) {
      const ColorScale scale = make_scale(c.z, c.has_cmin, c.cmin, c.has_cmax, c.cmax, frame_.palette);
      std::vector<std::uint8_t> bytes(c.z.size());
      for (std::size_t k = 0; k < c.z.size(); ++k) bytes[k] = scale.index(c.z[k]);
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
    if (!p.z.empty()) scale = make_scale(p.z, p.has_cmin, p.cmin, p.has_cmax, p.cmax, frame_.palette);
    std::vector<double> px, py;
    std::vector<std::size_t> counts;
    std::vector<Color> colors;
    std::size_t start = 0;
    for (std::size_t k = 0; k < p.n.size(); ++k) {
      const std::size_t n = p.n[k];
      bool ok = true;
      std::vector<double> x(n), y(n);
      for (std::size_t i = 0; i < n && ok; ++i) ok = map(p.x[start + i], p.y[start + i], x[i], y[i]);
      start += n;
      if (!ok) continue;
      Color color = NamedColor::fg;
      if (!p.z.empty()) {
        if (!std::isfinite(p.z[k])) continue;
        color = Color::palette(scale.index(p.z[k]));
      } else if (!p.colors.empty()) {
        color = p.colors[k];
      }
      px.insert(px.end(), x.begin(), x.end());
      py.insert(py.end(), y.begin(), y.end());
      counts.push_back(n);
      colors.push_back(color);
    }
    r_.polygons(px.data(), py.data(), counts.data(), counts.size(), colors.data(), p.edges ? &p.edge_style : nullptr);
  }

  void operator()(const Vectors& v) {
    // NDC per world unit near each point (linear axes; log axes use the
    // local derivative through two mapped points).
    const std::size_t n = v.x.size();
    std::vector<double> bx(n), by(n), dx(n), dy(n);
    std::vector<char> ok(n, 0);
    double xmin = 1e300, xmax = -1e300, ymin = 1e300, ymax = -1e300, vmax = 0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(v.vx[i]) || !std::isfinite(v.vy[i])) continue;
      if (!map(v.x[i], v.y[i], bx[i], by[i])) continue;
      double ex, ey;
      if (!map(v.x[i] + 1e-6 * (std::fabs(v.x[i]) + 1), v.y[i], ex, ey)) continue;
      const double sx = (ex - bx[i]) / (1e-6 * (std::fabs(v.x[i]) + 1));
      if (!map(v.x[i], v.y[i] + 1e-6 * (std::fabs(v.y[i]) + 1), ex, ey)) continue;
      const double sy = (ey - by[i]) / (1e-6 * (std::fabs(v.y[i]) + 1));
      dx[i] = v.vx[i] * sx;
      dy[i] = v.vy[i] * sy;
      ok[i] = 1;
      ++count;
      xmin = std::min(xmin, bx[i]); xmax = std::max(xmax, bx[i]);
      ymin = std::min(ymin, by[i]); ymax = std::max(ymax, by[i]);
      vmax = std::max(vmax, std::hypot(dx[i], dy[i]));
    }
    if (count == 0) return;
    double scale = v.scale;
    if (!(scale > 0)) {
      // Automatic: the longest arrow about the typical spacing of the points.
      const double area = std::max((xmax - xmin) * (ymax - ymin), 1e-8);
      const double spacing = count > 1 ? std::sqrt(area / double(count)) : 0.05;
      scale = vmax > 0 ? spacing / vmax : 0;
    }
    std::vector<double> x0, y0, x1, y1, hx, hy;
    std::vector<std::size_t> counts;
    std::vector<Color> colors;
    for (std::size_t i = 0; i < n; ++i) {
      if (!ok[i]) continue;
      const double ax = dx[i] * scale, ay = dy[i] * scale;
      const double len = std::hypot(ax, ay);
      if (len == 0) continue;
      const double tx = bx[i] + ax, ty = by[i] + ay;
      // Arrowhead: a third of the arrow, half-width aspect times its length.
      const double hl = 0.35 * len, hw = std::max(v.aspect, 0.0) * 2.0 * hl;
      const double ux = ax / len, uy = ay / len;
      const double cx = tx - hl * ux, cy = ty - hl * uy;
      x0.push_back(bx[i]); y0.push_back(by[i]); x1.push_back(cx); y1.push_back(cy);
      const double tri_x[3] = {tx, cx - hw * uy, cx + hw * uy};
      const double tri_y[3] = {ty, cy + hw * ux, cy - hw * ux};
      hx.insert(hx.end(), tri_x, tri_x + 3);
      hy.insert(hy.end(), tri_y, tri_y + 3);
      counts.push_back(3);
      colors.push_back(v.line.color);
    }
    r_.disjoint(x0.data(), y0.data(), x1.data(), y1.data(), x0.size(), v.line);
    if (v.hollow) {
      for (std::size_t k = 0; k < counts.size(); ++k) r_.polyline(&hx[3 * k], &hy[3 * k], 3, v.line, true);
    } else if (!counts.empty()) {
      r_.polygons(hx.data(), hy.data(), counts.data(), counts.size(), colors.data(), nullptr);
    }
  }

 private:
  // World -> NDC; false for points that cannot be drawn.
  bool map(double wx, double wy, double& nx, double& ny) const {
    if (!std::isfinite(wx) || !std::isfinite(wy)) return false;
    if (!tf_) { nx = wx; ny = wy; return true; }
    if ((tf_->limits.log_x && !(wx > 0)) || (tf_->limits.log_y && !(wy > 0))) return false;
    nx = tf_->ndc_x(wx);
    ny = tf_->ndc_y(wy);
    return std::isfinite(nx) && std::isfinite(ny);
  }

  // Letter marks (and/or ray arrowheads) every mspace NDC along the curve,
  // starting at mphase.
  void marks_along(const std::vector<double>& x, const std::vector<double>& y, const Lines& l) {
    if (x.empty()) return;
    std::vector<double> mx, my, ux, uy;
    const double space = l.mspace > 0 ? l.mspace : 0.16;
    double next = std::fmod(std::max(l.mphase, 0.0), space);
    double s = 0;
    for (std::size_t i = 1; i < x.size(); ++i) {
      // sqrt of the squares, several times faster than hypot; hypot only
      // when the squares overflow (points astronomically far off the page).
      const double dx = x[i] - x[i - 1], dy = y[i] - y[i - 1];
      double seg = std::sqrt(dx * dx + dy * dy);
      if (!std::isfinite(seg)) seg = std::hypot(dx, dy);
      while (seg > 0 && s + seg >= next) {
        const double t = (next - s) / seg;
        mx.push_back(x[i - 1] + t * (x[i] - x[i - 1]));
        my.push_back(y[i - 1] + t * (y[i] - y[i - 1]));
        ux.push_back((x[i] - x[i - 1]) / seg);
        uy.push_back((y[i] - y[i - 1]) / seg);
        next += space;
        if (mx.size() > 100000) break;
      }
      s += seg;
    }
    if (x.size() == 1) { mx.push_back(x[0]); my.push_back(y[0]); ux.push_back(1); uy.push_back(0); }
    if (l.rays) {
      // Gist's rays: arrowheads pointing along the curve (10 points long).
      const double len = 10.0 / kPointsPerNdc, half = 0.35 * len;
      std::vector<double> hx, hy;
      for (std::size_t k = 0; k < mx.size(); ++k) {
        const double bx = mx[k] - len * ux[k], by = my[k] - len * uy[k];
        const double tx[3] = {mx[k], bx - half * uy[k], bx + half * uy[k]};
        const double ty[3] = {my[k], by + half * ux[k], by - half * ux[k]};
        hx.insert(hx.end(), tx, tx + 3);
        hy.insert(hy.end(), ty, ty + 3);
      }
      const std::vector<std::size_t> counts(mx.size(), 3);
      const std::vector<Color> colors(mx.size(), l.line.color);
      r_.polygons(hx.data(), hy.data(), counts.data(), counts.size(), colors.data(), nullptr);
    }
    if (l.marks && !l.markers_at_points) r_.markers(mx.data(), my.data(), mx.size(), l.marker);
  }

  Renderer& r_;
  const Frame& frame_;
  const Transform* tf_;
};

// Gist's contour legends: "A: level" for each level of the marked
// contour plots, one column in the frame's contour legend box.
void draw_contour_legends(Renderer& r, const Frame& frame) {
  const LegendBox& box = frame.contour_legends;
  if (box.nlines <= 0) return;
  const double line = 1.2 * box.text_style.height / kPointsPerNdc;
  int k = 0;
  for (std::size_t s = 1; s < frame.systems.size(); ++s)
    for (const auto& e : frame.systems[s].elements) {
      const auto* c = std::get_if<Contours>(&e);
      if (!c || !c->marks || c->info.hide) continue;
      if (!c->info.legend.empty() && k < box.nlines)
        r.text(box.x, box.y - line * k++, c->info.legend.substr(0, std::size_t(std::max(box.nchars, 1))), box.text_style);
      for (std::size_t l = 0; l < c->levels.size() && k < box.nlines; ++l) {
        char text[48];
        std::snprintf(text, sizeof text, "%c: %.4g", char('A' + (first_letter(*c) + int(l)) % 26), c->levels[l]);
        r.text(box.x, box.y - line * k++, text, box.text_style);
      }
    }
}

// Legends of the systems' elements in the frame's legend box: "A: text"
// for curves with letter marks, the text alone otherwise.
void draw_legends(Renderer& r, const Frame& frame) {
  std::vector<std::string> entries;
  for (std::size_t s = 1; s < frame.systems.size(); ++s)
    for (const auto& e : frame.systems[s].elements) {
      const ElementInfo& info = element_info(e);
      if (info.legend.empty() || info.hide) continue;
      std::string entry = info.legend;
      if (const auto* l = std::get_if<Lines>(&e); l && l->marks && l->marker.marker > 32 && l->marker.marker < 127)
        entry = std::string(1, char(l->marker.marker)) + ": " + entry;
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
    detail::draw_axes(renderer, sys, tf);
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
