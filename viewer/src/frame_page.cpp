#include "pargist/viewer/frame_page.hpp"

#include <algorithm>
#include <exception>
#include <variant>

#include "pargist/libplot/axes.hpp"
#include "pargist/libplot/cairo_renderer.hpp"
#include "pargist/libplot/renderer.hpp"

namespace pargist::viewer {

namespace {

// Cairo strokes a path as one polygon: a long, self-crossing curve (1e5
// noisy points) costs seconds to tessellate, and the event thread would not
// answer meanwhile. Strokes of a few hundred points cost microseconds each.
// Pieces share their end points; joins are round, so the only trace is at
// most a butt end at a piece boundary instead of a round join.
constexpr std::size_t kPiece = 256;

void split_long_lines(std::vector<plot::Element>& elements) {
  std::vector<plot::Element> out;
  bool any = false;
  for (const plot::Element& e : elements) {
    const auto* l = std::get_if<plot::Lines>(&e);
    if (!l || l->x.size() <= 2 * kPiece || l->closed || l->rays ||
        l->line.type != plot::LineType::solid) {
      out.push_back(e);
      continue;
    }
    any = true;
    for (std::size_t b = 0; b + 1 < l->x.size(); b += kPiece) {
      const std::size_t end = std::min(l->x.size(), b + kPiece + 1);
      plot::Lines piece;
      piece.info.hide = l->info.hide;
      piece.line = l->line;
      piece.x.assign(l->x.begin() + static_cast<std::ptrdiff_t>(b), l->x.begin() + static_cast<std::ptrdiff_t>(end));
      piece.y.assign(l->y.begin() + static_cast<std::ptrdiff_t>(b), l->y.begin() + static_cast<std::ptrdiff_t>(end));
      out.push_back(std::move(piece));
    }
    // The marks (letters along the curve, markers at points) and the legend
    // stay with the whole curve, drawn without its line.
    if (l->marks || l->markers_at_points || !l->info.legend.empty()) {
      plot::Lines marks = *l;
      marks.line.type = plot::LineType::none;
      out.push_back(std::move(marks));
    }
  }
  if (any) elements = std::move(out);
}

}  // namespace

plot::Frame apply_view(const plot::Frame& frame, const ViewOptions& options) {
  plot::Frame f = frame;
  for (auto& s : f.systems) split_long_lines(s.elements);
  for (const auto& [id, v] : options.limits) {
    if (id < 1 || static_cast<std::size_t>(id) >= f.systems.size()) continue;
    f.systems[static_cast<std::size_t>(id)].limits.set_sides(v);
  }
  if (options.turn != ViewOptions{}.turn)
    for (auto& s : f.systems)
      for (auto& e : s.elements)
        if (auto* scene = std::get_if<plot::Scene3>(&e)) {
          double r[3][3];
          for (int b = 0; b < 3; ++b)
            for (int a = 0; a < 3; ++a)
              r[b][a] = scene->view.rot[b][0] * options.turn[std::size_t(a)] +
                        scene->view.rot[b][1] * options.turn[std::size_t(3 + a)] +
                        scene->view.rot[b][2] * options.turn[std::size_t(6 + a)];
          std::copy(&r[0][0], &r[0][0] + 9, &scene->view.rot[0][0]);
        }
  if (options.grid)
    for (std::size_t i = 1; i < f.systems.size(); ++i) {
      f.systems[i].ticks.horiz.flags |= plot::grid_full;
      f.systems[i].ticks.vert.flags |= plot::grid_full;
    }
  return f;
}

bool FramePage::has_3d() const {
  for (const auto& s : frame_.systems)
    for (const auto& e : s.elements)
      if (std::holds_alternative<plot::Scene3>(e)) return true;
  return false;
}

std::vector<SystemGeometry> FramePage::render(cairo_t* cr, const PageTransform& t,
                                              const ViewOptions& options) const {
  const plot::Frame f = apply_view(frame_, options);

  // The drawing area in NDC, at the window's scale (pixels per point too,
  // so text and line widths follow the window's size).
  double x1, y1, x2, y2;
  cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
  plot::CairoRenderer renderer(cr, t.view(x2, y2));
  plot::render(f, renderer);

  // Where each system is and the limits it was drawn with, for the mouse.
  // Systems without elements are skipped, as in Gist: nothing to zoom there.
  std::vector<SystemGeometry> systems;
  for (std::size_t i = 1; i < f.systems.size(); ++i) {
    const plot::CoordSystem& s = f.systems[i];
    if (s.elements.empty()) continue;
    plot::Limits drawn;
    try {
      drawn = plot::resolve_limits(s);
    } catch (const std::exception&) {
      continue;  // limits that cannot be drawn: not a zoom target
    }
    systems.push_back(SystemGeometry{static_cast<int>(i), plot::Transform{s.viewport, drawn},
                                     frame_.systems[i].limits});
  }
  return systems;
}

}  // namespace pargist::viewer
