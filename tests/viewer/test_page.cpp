#include "test_page.hpp"

namespace pargist::viewer::test {

std::vector<SystemGeometry> TestPage::render(cairo_t* cr, const PageTransform& t,
                                             const ViewOptions& options) const {
  // Resolve the limits: the window's override if any, else the page's own;
  // automatic sides take the data extremes, 0 and 10.
  plot::Limits l = own_;
  if (auto it = options.limits.find(1); it != options.limits.end()) l.set_sides(it->second);
  if (l.auto_xmin) l.xmin = 0;
  if (l.auto_xmax) l.xmax = 10;
  if (l.auto_ymin) l.ymin = 0;
  if (l.auto_ymax) l.ymax = 10;
  l.auto_xmin = l.auto_xmax = l.auto_ymin = l.auto_ymax = false;

  const plot::Box& vp = kViewport;
  auto px = [&](double x) { return t.to_px_x(vp.xmin + (x - l.xmin) * (vp.xmax - vp.xmin) / (l.xmax - l.xmin)); };
  auto py = [&](double y) { return t.to_px_y(vp.ymin + (y - l.ymin) * (vp.ymax - vp.ymin) / (l.ymax - l.ymin)); };
  const double x0 = t.to_px_x(vp.xmin), x1 = t.to_px_x(vp.xmax);
  const double y0 = t.to_px_y(vp.ymax), y1 = t.to_px_y(vp.ymin);

  cairo_save(cr);
  cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
  cairo_clip(cr);
  if (options.grid) {
    cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
    cairo_set_line_width(cr, 1);
    for (int k = 0; k <= 10; ++k) {
      cairo_move_to(cr, px(k), y0);
      cairo_line_to(cr, px(k), y1);
      cairo_move_to(cr, x0, py(k));
      cairo_line_to(cr, x1, py(k));
    }
    cairo_stroke(cr);
  }
  cairo_set_source_rgb(cr, 1, 0, 0);
  cairo_rectangle(cr, px(4), py(6), px(6) - px(4), py(4) - py(6));
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 1);
  cairo_rectangle(cr, px(8), py(2), px(9) - px(8), py(1) - py(2));
  cairo_fill(cr);
  cairo_restore(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 1);
  cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
  cairo_stroke(cr);
  return {SystemGeometry{1, plot::Transform{vp, l}, own_}};
}

}  // namespace pargist::viewer::test
