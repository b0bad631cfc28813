#include "window_browse.hpp"

#if defined(PARGIST_VIEW_HAS_WINDOW)
#include <cairo.h>

#include <memory>

#include "pargist/libplot/cairo_renderer.hpp"
#include "pargist/viewer/window.hpp"
#endif

namespace pargist::view_tool {

#if defined(PARGIST_VIEW_HAS_WINDOW)
namespace {

// One CGM page as the window draws it: its frame re-rendered at the window's
// scale and the limits the user zoomed to (world-record pages), never a
// scaled bitmap.
class CgmWindowPage : public viewer::Page {
 public:
  CgmWindowPage(const plot::Frame& frame, int number) : frame_(frame), number_(number) {}
  int number() const override { return number_; }

  std::vector<viewer::SystemGeometry> render(cairo_t* cr, const viewer::PageTransform& t,
                                             const viewer::ViewOptions& options) const override {
    plot::Frame f = frame_;
    for (const auto& [id, v] : options.limits) {
      if (id < 1 || std::size_t(id) >= f.systems.size()) continue;
      auto& l = f.systems[std::size_t(id)].limits;
      l.auto_xmin = v.auto_xmin;
      l.auto_xmax = v.auto_xmax;
      l.auto_ymin = v.auto_ymin;
      l.auto_ymax = v.auto_ymax;
      if (!v.auto_xmin) l.xmin = v.limits.xmin;
      if (!v.auto_xmax) l.xmax = v.limits.xmax;
      if (!v.auto_ymin) l.ymin = v.limits.ymin;
      if (!v.auto_ymax) l.ymax = v.limits.ymax;
    }
    double x1, y1, x2, y2;
    cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
    plot::PageView view;
    view.width = x2;
    view.height = y2;
    view.page = {t.to_ndc_x(0), t.to_ndc_x(x2), t.to_ndc_y(y2), t.to_ndc_y(0)};
    view.device_per_point = t.scale * 0.0013;
    plot::CairoRenderer renderer(cr, view);
    renderer.set_clear_background(false);
    plot::render(f, renderer);
    std::vector<viewer::SystemGeometry> systems;
    for (std::size_t i = 1; i < f.systems.size(); ++i) {
      const auto& s = f.systems[i];
      viewer::SystemGeometry g;
      g.id = int(i);
      g.viewport = {s.viewport.xmin, s.viewport.xmax, s.viewport.ymin, s.viewport.ymax};
      g.limits = {s.limits.xmin, s.limits.xmax, s.limits.ymin, s.limits.ymax};
      g.logx = s.limits.log_x;
      g.logy = s.limits.log_y;
      g.own = viewer::ViewLimits{g.limits, s.limits.auto_xmin, s.limits.auto_xmax,
                                 s.limits.auto_ymin, s.limits.auto_ymax};
      systems.push_back(g);
    }
    return systems;
  }

 private:
  plot::Frame frame_;
  int number_;
};

}  // namespace

bool browse(const cgm::CgmDocument& doc, int first, const ViewToolOptions& options, std::string& why) {
  viewer::WindowOptions wo;
  wo.browse = true;
  wo.title = "pargist-view " + options.file;
  viewer::Window window(wo);
  if (!window.is_open()) {
    why = "cannot open the window (" + window.status() +
          "); convert without a display with --png, --pdf or --svg";
    return false;
  }
  auto page = [&doc](int index) -> std::shared_ptr<const viewer::Page> {
    if (index < 0 || std::size_t(index) >= doc.pages.size()) return nullptr;
    return std::make_shared<CgmWindowPage>(doc.pages[std::size_t(index)].frame, index + 1);
  };
  window.set_page_provider(page, first - 1);
  window.show(page(first - 1));
  window.wait_closed();
  return true;
}

#else

bool browse(const cgm::CgmDocument&, int, const ViewToolOptions&, std::string& why) {
  why = "no output option given (--png, --pdf, --svg or --list) and this build has no "
        "window (the viewer library pargist::view is not built)";
  return false;
}

#endif

}  // namespace pargist::view_tool
