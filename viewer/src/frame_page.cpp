#include "pargist/viewer/frame_page.hpp"

#include <algorithm>
#include <variant>

#include "pargist/libplot/axes.hpp"
#include "pargist/libplot/cairo_renderer.hpp"
#include "pargist/libplot/renderer.hpp"

namespace pargist::viewer {

namespace {

// Sets the view on `target`, a copy of `source` with the same systems and
// elements in the same order (values that only the data carry may differ:
// scaled cell arrays). Reads only the view's fields of `source`, so the same
// target takes any number of views.
void set_view(plot::Frame& target, const plot::Frame& source, const ViewOptions& options) {
  const bool turned = options.turn != ViewOptions{}.turn;
  for (std::size_t i = 0; i < target.systems.size(); ++i) {
    plot::CoordSystem& s = target.systems[i];
    const plot::CoordSystem& from = source.systems[i];
    s.limits = from.limits;
    if (auto v = options.limits.find(int(i)); i >= 1 && v != options.limits.end()) s.limits.set_sides(v->second);
    s.ticks.horiz.flags = from.ticks.horiz.flags;
    s.ticks.vert.flags = from.ticks.vert.flags;
    if (options.grid && i >= 1) {
      s.ticks.horiz.flags |= plot::grid_full;
      s.ticks.vert.flags |= plot::grid_full;
    }
    for (std::size_t k = 0; k < s.elements.size(); ++k) {
      auto* scene = std::get_if<plot::Scene3>(&s.elements[k]);
      if (!scene) continue;
      const auto& rot = std::get<plot::Scene3>(from.elements[k]).view.rot;
      if (!turned) {
        std::copy(&rot[0][0], &rot[0][0] + 9, &scene->view.rot[0][0]);
        continue;
      }
      for (int b = 0; b < 3; ++b)
        for (int a = 0; a < 3; ++a)
          scene->view.rot[b][a] = rot[b][0] * options.turn[std::size_t(a)] +
                                  rot[b][1] * options.turn[std::size_t(3 + a)] +
                                  rot[b][2] * options.turn[std::size_t(6 + a)];
    }
  }
}

}  // namespace

plot::Frame apply_view(const plot::Frame& frame, const ViewOptions& options) {
  plot::Frame f = frame;
  set_view(f, frame, options);
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
  std::lock_guard<std::mutex> lock(drawn_mutex_);
  if (!drawn_) drawn_ = plot::scaled_copy(frame_);
  plot::Frame& f = *drawn_;
  set_view(f, frame_, options);

  // The drawing area in NDC, at the window's scale (pixels per point too,
  // so text and line widths follow the window's size).
  double x1, y1, x2, y2;
  cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
  plot::CairoRenderer renderer(cr, t.view(x2, y2));
  renderer.set_antialias(!options.draft);
  renderer.set_clear_background(false);  // the window cleared it (Page::render's contract)
  std::vector<plot::Limits> drawn;
  plot::RenderOptions render_options;
  render_options.drawn_limits = &drawn;
  plot::render(f, renderer, render_options);

  // Where each system is and the limits it was drawn with, for the mouse
  // (render() resolved them all, or threw). Systems without elements are
  // skipped, as in Gist: nothing to zoom there.
  std::vector<SystemGeometry> systems;
  for (std::size_t i = 1; i < f.systems.size(); ++i) {
    const plot::CoordSystem& s = f.systems[i];
    if (s.elements.empty()) continue;
    systems.push_back(SystemGeometry{static_cast<int>(i), plot::Transform{s.viewport, drawn[i]},
                                     frame_.systems[i].limits});
  }
  return systems;
}

}  // namespace pargist::viewer
