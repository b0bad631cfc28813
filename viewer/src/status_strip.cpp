#include "status_strip.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pargist::viewer::detail {

int strip_height_for(int dpi) { return dpi >= 100 ? 24 : 20; }

std::string format_coordinate(double w, double wmin, double wmax) {
  const double span = std::abs(wmax - wmin);
  const double big = std::max(std::abs(wmin), std::abs(wmax));
  char text[48];
  if (big >= 1e4 || big < 1e-3) {
    // Enough significant digits to tell neighbouring pixels apart.
    int digits = 3;
    if (span > 0 && big > 0) digits += static_cast<int>(std::log10(big / span + 0.5));
    digits = std::clamp(digits, 3, 12);
    std::snprintf(text, sizeof text, "%.*e", digits, w);
  } else {
    int post = 4;
    if (span > 0 && span < 0.1) post = 3 - static_cast<int>(std::floor(std::log10(span)));
    post = std::clamp(post, 1, 12);
    std::snprintf(text, sizeof text, "%.*f", post, w);
  }
  return text;
}

std::string pointer_text(const Location& where, const std::vector<SystemGeometry>& systems) {
  if (where.system < 0)
    return ": 0 (" + format_coordinate(where.ndc_x, 0, 1) + ", " +
           format_coordinate(where.ndc_y, 0, 1) + ")";
  const SystemGeometry& s = systems[static_cast<std::size_t>(where.system)];
  char id[16];
  std::snprintf(id, sizeof id, ":%2d (", s.id);
  const plot::Limits& l = s.drawn.limits;
  return id + format_coordinate(where.x, l.xmin, l.xmax) + ", " + format_coordinate(where.y, l.ymin, l.ymax) + ")";
}

void draw_status_strip(cairo_t* cr, int width, int height, const std::string& left,
                       const std::string& right) {
  cairo_save(cr);
  cairo_rectangle(cr, 0, 0, width, height);
  cairo_set_source_rgb(cr, 0.92, 0.92, 0.92);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
  cairo_set_line_width(cr, 1.0);
  cairo_move_to(cr, 0, height - 0.5);
  cairo_line_to(cr, width, height - 0.5);
  cairo_stroke(cr);

  cairo_select_font_face(cr, "monospace", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, height * 0.6);
  cairo_set_source_rgb(cr, 0, 0, 0);
  const double baseline = height * 0.72;
  cairo_move_to(cr, 4, baseline);
  cairo_show_text(cr, left.c_str());
  cairo_text_extents_t ext;
  cairo_text_extents(cr, right.c_str(), &ext);
  cairo_move_to(cr, std::max(width * 0.5, width - ext.x_advance - 6), baseline);
  cairo_show_text(cr, right.c_str());
  cairo_restore(cr);
}

}  // namespace pargist::viewer::detail
