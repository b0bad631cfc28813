#include "pargist/viewer/frame_page.hpp"

#include <exception>

#include "pargist/libplot/axes.hpp"
#include "pargist/libplot/cairo_renderer.hpp"
#include "pargist/libplot/renderer.hpp"

namespace pargist::viewer {

plot::Limits to_plot_limits(const ViewLimits& v, const plot::Limits& flags_from) {
  plot::Limits l = flags_from;  // keeps log, square, nice, restrict
  l.auto_xmin = v.auto_xmin;
  l.auto_xmax = v.auto_xmax;
  l.auto_ymin = v.auto_ymin;
  l.auto_ymax = v.auto_ymax;
  if (!v.auto_xmin) l.xmin = v.limits.xmin;
  if (!v.auto_xmax) l.xmax = v.limits.xmax;
  if (!v.auto_ymin) l.ymin = v.limits.ymin;
  if (!v.auto_ymax) l.ymax = v.limits.ymax;
  return l;
}

ViewLimits from_plot_limits(const plot::Limits& l) {
  return ViewLimits{Limits{l.xmin, l.xmax, l.ymin, l.ymax}, l.auto_xmin, l.auto_xmax, l.auto_ymin,
                    l.auto_ymax};
}

plot::Frame apply_view(const plot::Frame& frame, const ViewOptions& options) {
  plot::Frame f = frame;
  for (const auto& [id, v] : options.limits) {
    if (id < 1 || static_cast<std::size_t>(id) >= f.systems.size()) continue;
    plot::Limits& l = f.systems[static_cast<std::size_t>(id)].limits;
    l = to_plot_limits(v, l);
  }
  if (options.grid)
    for (std::size_t i = 1; i < f.systems.size(); ++i) {
      f.systems[i].ticks.horiz.flags |= plot::grid_full;
      f.systems[i].ticks.vert.flags |= plot::grid_full;
    }
  return f;
}

std::vector<SystemGeometry> FramePage::render(cairo_t* cr, const PageTransform& t,
                                              const ViewOptions& options) const {
  const plot::Frame f = apply_view(frame_, options);

  // The drawing area in NDC, at the window's scale (pixels per point too,
  // so text and line widths follow the window's size).
  double x1, y1, x2, y2;
  cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
  plot::PageView view;
  view.width = x2;
  view.height = y2;
  view.page = {t.to_ndc_x(0), t.to_ndc_x(x2), t.to_ndc_y(y2), t.to_ndc_y(0)};
  view.device_per_point = t.scale * 0.0013;
  plot::CairoRenderer renderer(cr, view);
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
    SystemGeometry g;
    g.id = static_cast<int>(i);
    g.viewport = {s.viewport.xmin, s.viewport.xmax, s.viewport.ymin, s.viewport.ymax};
    g.limits = {drawn.xmin, drawn.xmax, drawn.ymin, drawn.ymax};
    g.logx = drawn.log_x;
    g.logy = drawn.log_y;
    g.own = from_plot_limits(frame_.systems[i].limits);
    systems.push_back(g);
  }
  return systems;
}

}  // namespace pargist::viewer
