// The Cairo backend: NDC page primitives onto any cairo_t.
#include "pargist/libplot/cairo_renderer.hpp"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <vector>

#include "column_decimation.hpp"
#include "thin_line_mask.hpp"
#include "gist_text.hpp"
#include "marker_stamp.hpp"
#include "pargist/libplot/palette.hpp"

namespace pargist::plot {

namespace {

constexpr double kPi = 3.14159265358979323846;

const char* font_family(int font) {
  switch (font & ~0x3) {
    case font_courier: return "Courier";
    case font_times: return "Times";
    case font_symbol: return "DejaVu Sans";  // Unicode Greek and math symbols
    case font_schoolbook: return "New Century Schoolbook";
    default: return "Helvetica";
  }
}

}  // namespace

Box window_box(double inches) {
  constexpr double kSide = 6.0 * kNdcPerInch;  // Gist's window: 6 inches square
  constexpr double cx = 0.5 * kPageWidthNdc;
  constexpr double cy = kPageHeightNdc - 0.5 * (kPageWidthNdc - kSide) - 0.5 * kSide;
  const double half = 0.5 * inches * kNdcPerInch;
  return {cx - half, cx + half, cy - half, cy + half};
}

PageView window_view(double dpi, int pixels) {
  if (!(dpi > 0)) dpi = 75;
  const double side_px = pixels > 0 ? pixels : std::round(6.0 * dpi);
  PageView view;
  view.page = window_box(side_px / dpi);
  view.width = view.height = side_px;
  view.device_per_point = dpi / kPointsPerInch;
  return view;
}

PageView page_view(double dpi, bool landscape) {
  PageView view;
  const double w = landscape ? kPageHeightNdc : kPageWidthNdc;
  const double h = landscape ? kPageWidthNdc : kPageHeightNdc;
  view.page = {0, w, 0, h};
  view.width = std::round((landscape ? 11.0 : 8.5) * dpi);
  view.height = std::round((landscape ? 8.5 : 11.0) * dpi);
  view.device_per_point = dpi / kPointsPerInch;
  return view;
}

PageView region_view(const Box& box, double width, double height) {
  const double bw = box.xmax - box.xmin, bh = box.ymax - box.ymin;
  if (!(bw > 0 && bh > 0 && width > 0 && height > 0))
    throw std::invalid_argument("pargist: a page region needs a positive size");
  const double scale = std::min(width / bw, height / bh);  // device units per NDC
  const double cx = 0.5 * (box.xmin + box.xmax), cy = 0.5 * (box.ymin + box.ymax);
  PageView view;
  view.page = {cx - 0.5 * width / scale, cx + 0.5 * width / scale, cy - 0.5 * height / scale,
               cy + 0.5 * height / scale};
  view.width = width;
  view.height = height;
  view.device_per_point = scale * kNdcPerPoint;
  return view;
}

PageView region_view_at(const Box& box, double dpi, bool whole_units) {
  double w = (box.xmax - box.xmin) / kNdcPerInch * dpi, h = (box.ymax - box.ymin) / kNdcPerInch * dpi;
  if (whole_units) w = std::max(std::round(w), 1.0), h = std::max(std::round(h), 1.0);
  return region_view(box, w, h);
}

// The cells along one axis that a nearest-neighbour scaling of n cells
// spanning device coordinates [d0, d1] reads for the device pixels in
// [lo, hi): the cell under each pixel's centre, and both neighbours where
// that centre lies within 0.02 cell of a cell's edge (pixman maps the
// centre in 16.16 fixed point: its error stays far below that). Empty when
// most cells are read anyway (then all are prepared).
std::vector<std::uint32_t> sampled_cells(double d0, double d1, double lo, double hi, std::size_t n) {
  std::vector<std::uint32_t> cells;
  const double span = d1 - d0;
  if (!(std::fabs(span) > 0) || !std::isfinite(span)) return cells;
  const double first = std::max(std::floor(std::max(std::min(d0, d1), lo)) - 1, lo - 1);
  const double last = std::min(std::ceil(std::min(std::max(d0, d1), hi)) + 1, hi + 1);
  if (!(last - first < 0.6 * double(n))) return cells;  // most of them, or not a number
  std::uint32_t previous = std::uint32_t(-1);
  auto keep = [&](double v) {
    const double c = std::clamp(std::floor(v), 0.0, double(n - 1));
    const auto k = static_cast<std::uint32_t>(c);
    if (k != previous) cells.push_back(k), previous = k;
  };
  for (double p = first; p <= last; ++p) {
    const double v = (p + 0.5 - d0) / span * double(n);
    keep(v - 0.02), keep(v), keep(v + 0.02);
  }
  std::sort(cells.begin(), cells.end());
  cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
  return cells;
}

// Solid polylines on pixels reduced to what the columns show
// (detail::decimate_columns) are drawn through detail::ThinLineMask up to
// this width in device units (wider: Cairo's exact stroke).
constexpr double kThinLineMaskWidth = 2.0;

struct CairoRenderer::Impl {
  cairo_t* cr;
  PageView view;
  double sx = 1, sy = 1;      // device units per NDC
  bool raster = false;        // pixels: lines at least one pixel wide
  bool clear = true;
  cairo_antialias_t antialias = CAIRO_ANTIALIAS_DEFAULT;  // of shapes
  Palette palette;
  bool have_clip = false;
  double clip_x0 = 0, clip_y0 = 0, clip_x1 = 0, clip_y1 = 0;  // device

  // NDC -> device units, as a value: a loop over many points that holds
  // a copy keeps the factors in registers.
  struct DeviceMap {
    double xmin, sx, ymax, sy;
    double dx(double x) const { return (x - xmin) * sx; }
    double dy(double y) const { return (ymax - y) * sy; }
  };
  DeviceMap device_map() const { return {view.page.xmin, sx, view.page.ymax, sy}; }
  double dx(double x) const { return device_map().dx(x); }
  double dy(double y) const { return device_map().dy(y); }
  double per_point() const { return sx * kNdcPerPoint; }

  void set_color(const Color& c) {
    const Rgb rgb = resolve_color(c, palette);
    cairo_set_source_rgb(cr, rgb.r / 255.0, rgb.g / 255.0, rgb.b / 255.0);
  }

  void apply_line(const LineStyle& s) {
    set_color(s.color);
    double w = std::max(s.width, 0.0) * 0.5 * per_point();
    if (raster) w = std::max(w, 1.0);
    cairo_set_line_width(cr, w);
    cairo_set_line_cap(cr, s.type == LineType::solid ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    // Gist's dash patterns (its PostScript prolog), in points, with round
    // caps (dots are round); from width 1.65 on they stretch with the width.
    const double u = per_point() * std::max(1.0, s.width / 1.65);
    std::vector<double> dashes;
    switch (s.type) {
      case LineType::dash: dashes = {4.125, 4.125}; break;
      case LineType::dot: dashes = {0.225, 3.075}; break;
      case LineType::dashdot: dashes = {4.125, 1.95, 0.225, 1.95}; break;
      case LineType::dashdotdot: dashes = {4.125, 1.95, 0.225, 1.95, 0.225, 1.95}; break;
      default: break;
    }
    for (double& d : dashes) d = std::max(d * u, raster ? 1.0 : 0.1);
    cairo_set_dash(cr, dashes.data(), static_cast<int>(dashes.size()), 0);
  }

  void select_font(int font, double size_device) { select_font_on(cr, font, size_device); }
  static void select_font_on(cairo_t* c, int font, double size_device) {
    cairo_select_font_face(c, font_family(font),
                           (font & font_italic) ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                           (font & font_bold) ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(c, size_device);
  }

  // Layout of one line of runs: advance of each, in device units.
  struct LineLayout {
    std::vector<detail::TextRun> runs;
    std::vector<double> advance;
    double width = 0;
  };

  double run_size(const TextStyle& st, detail::Script s) const {
    const double size = st.height * per_point();
    return s == detail::Script::normal ? size : 0.7 * size;
  }
  double run_rise(const TextStyle& st, detail::Script s) const {
    const double size = st.height * per_point();
    return s == detail::Script::super ? 0.45 * size : s == detail::Script::sub ? -0.25 * size : 0.0;
  }
  int run_font(const TextStyle& st, const detail::TextRun& run) const {
    return run.symbol ? font_symbol : st.font;
  }

  LineLayout layout_line(const std::string& line, const TextStyle& st) {
    LineLayout out;
    out.runs = detail::parse_gist_text(line, (st.font & ~0x3) == font_symbol);
    for (const auto& run : out.runs) {
      select_font(run_font(st, run), run_size(st, run.script));
      cairo_text_extents_t ext;
      cairo_text_extents(cr, run.utf8.c_str(), &ext);
      out.advance.push_back(ext.x_advance);
      out.width += ext.x_advance;
    }
    return out;
  }

  static std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines(1);
    for (char c : text) {
      if (c == '\n') lines.emplace_back();
      else lines.back() += c;
    }
    return lines;
  }

  // Ascent, descent and cap height of the style's main font, device units.
  void font_metrics(const TextStyle& st, double& ascent, double& descent, double& cap) {
    select_font(st.font, st.height * per_point());
    cairo_font_extents_t fe;
    cairo_font_extents(cr, &fe);
    cairo_text_extents_t te;
    cairo_text_extents(cr, "H", &te);
    ascent = fe.ascent;
    descent = fe.descent;
    cap = -te.y_bearing;
  }

  // The pixels markers are stamped into directly: an ARGB32 image drawn
  // without a transformation (device units are its pixels), within the clip.
  bool stamp_target(detail::StampTarget& dst, detail::PixelClip& clip) const {
    cairo_surface_t* target = cairo_get_target(cr);
    if (cairo_surface_get_type(target) != CAIRO_SURFACE_TYPE_IMAGE ||
        cairo_image_surface_get_format(target) != CAIRO_FORMAT_ARGB32)
      return false;
    cairo_matrix_t m;
    cairo_get_matrix(cr, &m);
    if (m.xx != 1 || m.yy != 1 || m.xy != 0 || m.yx != 0 || m.x0 != 0 || m.y0 != 0) return false;
    cairo_surface_flush(target);
    dst = {cairo_image_surface_get_data(target), cairo_image_surface_get_width(target),
           cairo_image_surface_get_height(target), cairo_image_surface_get_stride(target)};
    clip = {0, 0, dst.width, dst.height};
    if (have_clip) {
      clip.x0 = std::max(clip.x0, int(clip_x0)); clip.y0 = std::max(clip.y0, int(clip_y0));
      clip.x1 = std::min(clip.x1, int(clip_x1)); clip.y1 = std::min(clip.y1, int(clip_y1));
    }
    return true;
  }

  // A letter marker as text() draws it, for the stamp: the glyph's coverage
  // and where its origin lies from the anchor (device units). None when the
  // letter is not one plain glyph of the style's font (escapes): text() then.
  struct LetterStamp {
    std::optional<detail::MarkerStamp> stamp;
    double dx = 0, dy = 0;
  };
  LetterStamp letter_stamp(const std::string& letter, const TextStyle& st) {
    LetterStamp out;
    double ascent, descent, cap;
    font_metrics(st, ascent, descent, cap);
    const LineLayout layout = layout_line(letter, st);
    if (layout.runs.size() != 1 || layout.runs[0].utf8 != letter || layout.runs[0].symbol ||
        layout.runs[0].script != detail::Script::normal || st.angle != 0 || st.opaque ||
        st.halign != HAlign::center || st.valign != VAlign::half)
      return out;
    // text()'s pen and baseline for one centred line, half-cap high.
    out.dx = -0.5 * layout.width;
    out.dy = 0.5 * cap - run_rise(st, detail::Script::normal);
    // The glyph with its origin on a whole pixel, where Cairo puts it too.
    const double size = run_size(st, detail::Script::normal);
    cairo_surface_t* probe = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t* pc = cairo_create(probe);
    select_font_on(pc, st.font, size);
    cairo_text_extents_t te;
    cairo_text_extents(pc, letter.c_str(), &te);
    cairo_destroy(pc);
    cairo_surface_destroy(probe);
    const int ox = 2 - int(std::floor(te.x_bearing)), oy = 2 - int(std::floor(te.y_bearing));
    const int w = ox + int(std::ceil(te.x_bearing + te.width)) + 2, h = oy + int(std::ceil(te.y_bearing + te.height)) + 2;
    cairo_surface_t* mask = cairo_image_surface_create(CAIRO_FORMAT_A8, std::max(w, 1), std::max(h, 1));
    cairo_t* mc = cairo_create(mask);
    select_font_on(mc, st.font, size);
    cairo_move_to(mc, ox, oy);
    cairo_show_text(mc, letter.c_str());
    cairo_destroy(mc);
    cairo_surface_flush(mask);
    out.stamp.emplace(cairo_image_surface_get_data(mask), cairo_image_surface_get_width(mask),
                      cairo_image_surface_get_height(mask), cairo_image_surface_get_stride(mask), ox, oy);
    cairo_surface_destroy(mask);
    return out;
  }

  // The pixels of a block of the device points point(i, x, y), as
  // stamp_markers' `floors` takes them: the points first, then their floors.
  template <class Point>
  static auto floors_of(const Point& point) {
    return [point](std::size_t first, std::size_t count, int* px, int* py) {
      double x[detail::MarkerStamp::block], y[detail::MarkerStamp::block];
      for (std::size_t k = 0; k < count; ++k) point(first + k, x[k], y[k]);
      detail::floor_pixels(x, y, count, px, py);
    };
  }

  // Gist's markers 1..5 and letters at the device points point(i, x, y),
  // stamped into the pixels; floors(first, count, px, py) gives the pixels
  // (floor_pixels) of points first..first+count-1. False when the target
  // cannot take stamps or the letter needs text().
  template <class Point, class Floors>
  bool stamp_markers(std::size_t n, Point&& point, Floors&& floors, const MarkerStyle& style) {
    detail::StampTarget dst;
    detail::PixelClip clip;
    if (!stamp_target(dst, clip)) return false;
    const Rgb rgb = resolve_color(style.color, palette);
    const int m = style.marker;
    if (m >= 1 && m <= 5) {
      const double size = std::max(style.size, 0.0) * 10.0 * per_point();  // msize 1 = 10 points
      const detail::MarkerStamp stamp(m, size, antialias != CAIRO_ANTIALIAS_NONE);
      stamp.draw(dst, n, floors, rgb, clip);
    } else {
      const LetterStamp letter = letter_stamp(marker_letter(m), marker_text_style(style));
      if (!letter.stamp) return false;
      // Cairo keeps the current point in 24.8 fixed point, turns it back into
      // user space (minus the anchor) and the glyph into device space (plus
      // the anchor), then rounds the glyph's position to a whole pixel.
      auto glyph_pixel = [](double anchor, double offset) {
        // Cairo's conversion: rounded to the nearest 1/256, ties to even.
        constexpr double magic = 6755399441055744.0;  // 1.5 * 2^52
        const double fixed = (((anchor + offset) * 256.0 + magic) - magic) / 256.0;
        return detail::floor_int(((fixed - anchor) + anchor) + 0.5);
      };
      auto inside = [](double x, double y) { return x > -1e9 && x < 1e9 && y > -1e9 && y < 1e9; };
      letter.stamp->draw(dst, n, [&](std::size_t first, std::size_t count, int* px, int* py) {
        for (std::size_t k = 0; k < count; ++k) {
          double x, y;
          point(first + k, x, y);
          const bool drawn = inside(x, y);
          px[k] = drawn ? glyph_pixel(x, letter.dx) : detail::kNoPixel;
          py[k] = drawn ? glyph_pixel(y, letter.dy) : detail::kNoPixel;
        }
      }, rgb, clip);
    }
    cairo_surface_mark_dirty(cairo_get_target(cr));
    return true;
  }

  static std::string marker_letter(int m) { return std::string(1, static_cast<char>(m > 32 && m < 127 ? m : '*')); }
  static TextStyle marker_text_style(const MarkerStyle& style) {
    TextStyle ts;
    ts.color = style.color;
    ts.height = std::max(style.size, 0.0) * 10.0;
    ts.halign = HAlign::center;
    ts.valign = VAlign::half;
    return ts;
  }
};

CairoRenderer::CairoRenderer(cairo_t* cr, const PageView& view) : impl_(std::make_unique<Impl>()) {
  impl_->cr = cr;
  impl_->view = view;
  impl_->sx = view.width / (view.page.xmax - view.page.xmin);
  impl_->sy = view.height / (view.page.ymax - view.page.ymin);
  const auto type = cairo_surface_get_type(cairo_get_target(cr));
  impl_->raster = type == CAIRO_SURFACE_TYPE_IMAGE || type == CAIRO_SURFACE_TYPE_XLIB;
}

CairoRenderer::~CairoRenderer() = default;

void CairoRenderer::set_clear_background(bool clear) { impl_->clear = clear; }

void CairoRenderer::set_antialias(bool antialias) {
  impl_->antialias = antialias ? CAIRO_ANTIALIAS_DEFAULT : CAIRO_ANTIALIAS_NONE;
  cairo_set_antialias(impl_->cr, impl_->antialias);
}

void CairoRenderer::begin_page(const Frame& frame) {
  impl_->palette = frame.palette;
  cairo_t* cr = impl_->cr;
  cairo_reset_clip(cr);
  impl_->have_clip = false;
  if (impl_->clear) {
    const Rgb bg = named_rgb(NamedColor::bg);
    cairo_set_source_rgb(cr, bg.r / 255.0, bg.g / 255.0, bg.b / 255.0);
    cairo_paint(cr);
  }
}

void CairoRenderer::set_clip(const Box* clip) {
  cairo_t* cr = impl_->cr;
  cairo_reset_clip(cr);
  impl_->have_clip = clip != nullptr;
  if (!clip) return;
  double x0 = impl_->dx(clip->xmin), x1 = impl_->dx(clip->xmax);
  double y0 = impl_->dy(clip->ymax), y1 = impl_->dy(clip->ymin);
  if (x0 > x1) std::swap(x0, x1);
  if (y0 > y1) std::swap(y0, y1);
  if (impl_->raster) {  // whole pixels, so the fast marker path and Cairo agree
    x0 = std::floor(x0); y0 = std::floor(y0); x1 = std::ceil(x1); y1 = std::ceil(y1);
  }
  impl_->clip_x0 = x0; impl_->clip_y0 = y0; impl_->clip_x1 = x1; impl_->clip_y1 = y1;
  cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
  cairo_clip(cr);
}

void CairoRenderer::polyline(const double* x, const double* y, std::size_t n, const LineStyle& style,
                             bool closed) {
  if (n < 2 || style.type == LineType::none) return;
  cairo_t* cr = impl_->cr;
  impl_->apply_line(style);
  cairo_new_path(cr);
  // On pixels, a solid line of many more points than the device has
  // columns is drawn through what the columns can show (dashes follow the
  // path's length, so dashed lines keep every point); a thin one by
  // pargist's own coverage, not Cairo's stroker (thin_polyline).
  if (impl_->raster && style.type == LineType::solid && double(n) > 4.0 * impl_->view.width) {
    if (cairo_get_line_width(cr) <= kThinLineMaskWidth) {
      thin_polyline(x, y, n, closed);
      return;
    }
    bool first = true;
    detail::decimate_columns(
        n, [&](std::size_t i, double& px, double& py) { px = impl_->dx(x[i]), py = impl_->dy(y[i]); },
        [&](double px, double py) {
          if (first) cairo_move_to(cr, px, py);
          else cairo_line_to(cr, px, py);
          first = false;
        });
  } else {
    cairo_move_to(cr, impl_->dx(x[0]), impl_->dy(y[0]));
    for (std::size_t i = 1; i < n; ++i) cairo_line_to(cr, impl_->dx(x[i]), impl_->dy(y[i]));
  }
  if (closed) cairo_close_path(cr);
  cairo_stroke(cr);
}

void CairoRenderer::thin_polyline(const double* x, const double* y, std::size_t n, bool closed) {
  cairo_t* cr = impl_->cr;
  // The mask covers what the clip lets through (the whole target without one).
  double cx0, cy0, cx1, cy1;
  cairo_clip_extents(cr, &cx0, &cy0, &cx1, &cy1);
  const int x0 = int(std::floor(cx0)), y0 = int(std::floor(cy0));
  detail::ThinLineMask mask(x0, y0, int(std::ceil(cx1)) - x0, int(std::ceil(cy1)) - y0, cairo_get_line_width(cr));
  bool first = true;
  double px = 0, py = 0, fx = 0, fy = 0;
  auto to = [&](double qx, double qy) {
    if (first) fx = qx, fy = qy;
    else mask.segment(px, py, qx, qy);
    px = qx, py = qy, first = false;
  };
  // The runs within a column scanned several points at a time where the
  // CPU can (scan_columns): most of a long curve's points are in them.
  const Impl::DeviceMap d = impl_->device_map();
  const detail::DeviceColumns columns{x, y, d.xmin, d.sx, d.ymax, d.sy};
  detail::decimate_columns(
      n, [x, y, d](std::size_t i, double& qx, double& qy) { qx = d.dx(x[i]), qy = d.dy(y[i]); }, to,
      [&columns](std::size_t j, std::size_t count, double column, detail::ColumnExtremes& e) {
        return detail::scan_columns(columns, j, count, column, e);
      });
  if (closed) mask.segment(px, py, fx, fy);
  mask.paint(cr, impl_->antialias != CAIRO_ANTIALIAS_NONE);
}

void CairoRenderer::disjoint(const double* x0, const double* y0, const double* x1, const double* y1,
                             std::size_t n, const LineStyle& style) {
  if (n == 0 || style.type == LineType::none) return;
  cairo_t* cr = impl_->cr;
  impl_->apply_line(style);
  // On pixels, horizontal and vertical segments (ticks, grids, frames) of
  // an odd whole number of pixels sit on pixel centres: crisp, as in Gist.
  const double w = cairo_get_line_width(cr);
  const bool snap = impl_->raster && std::fmod(std::round(w), 2.0) == 1.0 && std::fabs(w - std::round(w)) < 1e-6;
  auto centre = [](double v) { return std::floor(v) + 0.5; };
  cairo_new_path(cr);
  for (std::size_t i = 0; i < n; ++i) {
    double a = impl_->dx(x0[i]), b = impl_->dy(y0[i]), c = impl_->dx(x1[i]), d = impl_->dy(y1[i]);
    if (snap && a == c) a = c = centre(a);
    if (snap && b == d) b = d = centre(b);
    cairo_move_to(cr, a, b);
    cairo_line_to(cr, c, d);
  }
  cairo_stroke(cr);
}

void CairoRenderer::markers(const double* x, const double* y, std::size_t n, const MarkerStyle& style) {
  if (n == 0) return;
  Impl& im = *impl_;
  // Captured by value, as in markers_mapped: the stamps' loop over a block
  // of points keeps the map in registers.
  const auto point = [x, y, d = im.device_map()](std::size_t i, double& dx, double& dy) {
    dx = d.dx(x[i]), dy = d.dy(y[i]);
  };
  const bool stamped = im.stamp_markers(n, point, Impl::floors_of(point), style);
  if (stamped) return;
  const int m = style.marker;
  if (m < 1 || m > 5) {  // a letter, centred on the point
    const TextStyle ts = Impl::marker_text_style(style);
    const std::string letter = Impl::marker_letter(m);
    for (std::size_t i = 0; i < n; ++i) text(x[i], y[i], letter, ts);
    return;
  }
  cairo_t* cr = im.cr;
  const double size = std::max(style.size, 0.0) * 10.0 * im.per_point();  // msize 1 = 10 points
  im.apply_line({style.color, LineType::solid, 1.0});
  cairo_new_path(cr);
  detail::append_marker_paths(cr, m, size, n, x, y, [&](double v) { return im.dx(v); },
                              [&](double v) { return im.dy(v); });
  if (m == marker_point) cairo_fill(cr);
  else cairo_stroke(cr);
}

void CairoRenderer::markers_mapped(const double* wx, const double* wy, std::size_t n, const LinearAxis& ax,
                                   const LinearAxis& ay, const MarkerStyle& style) {
  if (n == 0) return;
  Impl& im = *impl_;
  // World -> device in one multiply-add per axis, in one pass over the
  // points (no NDC arrays). A point beyond the device's reach (or not
  // finite) is skipped by the stamps' range check.
  const double kx = ax.ndc_span / ax.world_span * im.sx, ky = -ay.ndc_span / ay.world_span * im.sy;
  const double cx = im.dx(ax(0.0)), cy = im.dy(ay(0.0));
  // Captured by value: the stamps' loop over a block of points then keeps
  // them in registers (by reference, each was loaded again for every point).
  // A shape's pixels: mapped and floored at once (floor_pixels_mapped).
  const detail::DeviceAffine map{kx, cx, ky, cy};
  const bool stamped = im.stamp_markers(
      n, [wx, wy, map](std::size_t i, double& dx, double& dy) { dx = wx[i] * map.kx + map.cx, dy = wy[i] * map.ky + map.cy; },
      [wx, wy, map](std::size_t first, std::size_t count, int* px, int* py) {
        detail::floor_pixels_mapped(wx + first, wy + first, count, map, px, py);
      },
      style);
  if (!stamped) Renderer::markers_mapped(wx, wy, n, ax, ay, style);
}

void CairoRenderer::polygons(const double* x, const double* y, const std::size_t* counts,
                             std::size_t npoly, const Color* colors, const LineStyle* edges) {
  cairo_t* cr = impl_->cr;
  // Adjacent zones of a filled mesh must not show seams: no antialiasing
  // when many polygons tile an area (Gist draws them aliased too). Each
  // polygon's edge is drawn right after it, as Gist does, so that polygons
  // painted later (nearer, in a 3-D painter's order) hide earlier edges.
  const bool stroke = edges && edges->type != LineType::none;
  const cairo_antialias_t fill_aa = npoly > 1 ? CAIRO_ANTIALIAS_NONE : impl_->antialias;
  auto trace = [&](std::size_t start, std::size_t n) {
    cairo_new_path(cr);
    cairo_move_to(cr, impl_->dx(x[start]), impl_->dy(y[start]));
    for (std::size_t i = 1; i < n; ++i) cairo_line_to(cr, impl_->dx(x[start + i]), impl_->dy(y[start + i]));
    cairo_close_path(cr);
  };
  std::size_t start = 0;
  for (std::size_t k = 0; k < npoly; ++k) {
    const std::size_t n = counts[k];
    if (n >= 3) {
      cairo_set_antialias(cr, fill_aa);
      trace(start, n);
      impl_->set_color(colors[k]);
      cairo_fill(cr);
      if (stroke) {
        cairo_set_antialias(cr, impl_->antialias);
        impl_->apply_line(*edges);
        trace(start, n);
        cairo_stroke(cr);
      }
    }
    start += n;
  }
  cairo_set_antialias(cr, impl_->antialias);
}

void CairoRenderer::cell_array(const Box& where, std::size_t nx, std::size_t ny, const std::uint8_t* data,
                               int channels) {
  if (nx == 0 || ny == 0) return;
  cairo_t* cr = impl_->cr;
  // The cells' colours in memory kept from call to call on this thread (up
  // to 16 MB): every pixel is written below, so it needs no clearing, and
  // a window re-renders the same cell array at every zoom (a fresh 4 MB
  // image costs a memset and a page fault per 4 kB).
  constexpr std::size_t kCairoMaxSide = 32767;  // a larger image is refused
  if (nx > kCairoMaxSide || ny > kCairoMaxSide) return;
  const int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, int(nx));
  thread_local std::vector<std::uint32_t> kept;
  const std::size_t words = std::size_t(stride) / 4 * ny;
  if (kept.size() < words) kept.resize(words);
  cairo_surface_t* img = cairo_image_surface_create_for_data(reinterpret_cast<unsigned char*>(kept.data()),
                                                             CAIRO_FORMAT_RGB24, int(nx), int(ny), stride);
  if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(img);
    return;
  }
  // Resolve the palette once into a 256-entry table.
  std::uint32_t lut[256];
  for (int i = 0; i < 256; ++i) {
    const Rgb c = resolve_color(Color::palette(std::uint8_t(i)), impl_->palette);
    lut[i] = (std::uint32_t(c.r) << 16) | (std::uint32_t(c.g) << 8) | c.b;
  }
  unsigned char* pixels = cairo_image_surface_get_data(img);
  const double X0 = impl_->dx(where.xmin), X1 = impl_->dx(where.xmax);
  const double Ytop = impl_->dy(where.ymax), Ybot = impl_->dy(where.ymin);
  // On pixels, only the cells the scaling below reads (a 1000x1000 array
  // in a 450 pixel viewport: a fifth of them; fewer still when zoomed in):
  // the others keep whatever the buffer held, never shown. A vector target
  // (PDF, EPS, SVG) embeds the whole image, so every cell is filled.
  std::vector<std::uint32_t> rows, columns;
  if (impl_->raster) {
    double cx0, cy0, cx1, cy1;
    cairo_clip_extents(cr, &cx0, &cy0, &cx1, &cy1);
    rows = sampled_cells(Ytop, Ybot, cy0, cy1, ny);
    columns = sampled_cells(X0, X1, cx0, cx1, nx);
  }
  auto fill_row = [&](std::size_t r) {
    // Image row 0 is the top: data row ny-1 (data row 0 sits at where.ymin).
    const std::size_t j = ny - 1 - r;
    auto* row = reinterpret_cast<std::uint32_t*>(pixels + r * stride);
    auto colour = [&](std::size_t i) {
      if (channels != 3) return lut[data[nx * j + i]];
      const std::uint8_t* src = data + 3 * (nx * j + i);
      return (std::uint32_t(src[0]) << 16) | (std::uint32_t(src[1]) << 8) | src[2];
    };
    if (columns.empty())
      for (std::size_t i = 0; i < nx; ++i) row[i] = colour(i);
    else
      for (std::uint32_t i : columns) row[i] = colour(i);
  };
  if (rows.empty())
    for (std::size_t r = 0; r < ny; ++r) fill_row(r);
  else
    for (std::uint32_t r : rows) fill_row(r);
  cairo_surface_mark_dirty(img);
  cairo_save(cr);
  cairo_translate(cr, X0, Ytop);
  cairo_scale(cr, (X1 - X0) / double(nx), (Ybot - Ytop) / double(ny));
  cairo_set_source_surface(cr, img, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
  cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
  cairo_rectangle(cr, 0, 0, double(nx), double(ny));
  cairo_fill(cr);
  cairo_restore(cr);
  cairo_surface_destroy(img);
  if (kept.size() > (std::size_t(1) << 22)) kept = {};
}

void CairoRenderer::text(double x, double y, const std::string& text, const TextStyle& style) {
  if (text.empty()) return;
  Impl& im = *impl_;
  cairo_t* cr = im.cr;
  double ascent, descent, cap;
  im.font_metrics(style, ascent, descent, cap);
  const auto lines = Impl::split_lines(text);
  const double leading = 1.2 * style.height * im.per_point();
  // Vertical offset of the first baseline below the anchor (device, y down).
  double first = 0;
  const double block = leading * double(lines.size() - 1);
  switch (style.valign) {
    case VAlign::top: first = ascent; break;
    case VAlign::cap: first = cap; break;
    case VAlign::half: first = 0.5 * cap - 0.5 * block; break;
    case VAlign::bottom: first = -descent - block; break;
    default: first = -block; break;  // base / normal: the last baseline on the anchor
  }
  cairo_save(cr);
  cairo_translate(cr, im.dx(x), im.dy(y));
  cairo_rotate(cr, -style.angle * kPi / 180.0);
  for (std::size_t l = 0; l < lines.size(); ++l) {
    auto layout = im.layout_line(lines[l], style);
    double pen = 0;
    if (style.halign == HAlign::center) pen = -0.5 * layout.width;
    else if (style.halign == HAlign::right) pen = -layout.width;
    const double base = first + leading * double(l);
    if (style.opaque) {
      const Rgb bg = named_rgb(NamedColor::bg);
      cairo_set_source_rgb(cr, bg.r / 255.0, bg.g / 255.0, bg.b / 255.0);
      cairo_rectangle(cr, pen, base - ascent, layout.width, ascent + descent);
      cairo_fill(cr);
    }
    im.set_color(style.color);
    for (std::size_t k = 0; k < layout.runs.size(); ++k) {
      const auto& run = layout.runs[k];
      im.select_font(im.run_font(style, run), im.run_size(style, run.script));
      cairo_move_to(cr, pen, base - im.run_rise(style, run.script));
      cairo_show_text(cr, run.utf8.c_str());
      pen += layout.advance[k];
    }
  }
  cairo_restore(cr);
}

TextExtent CairoRenderer::measure_text(const std::string& text, const TextStyle& style) {
  Impl& im = *impl_;
  double ascent, descent, cap;
  im.font_metrics(style, ascent, descent, cap);
  const auto lines = Impl::split_lines(text);
  double width = 0;
  for (const auto& line : lines) width = std::max(width, im.layout_line(line, style).width);
  const double leading = 1.2 * style.height * im.per_point();
  TextExtent e;
  e.width = width / im.sx;
  e.ascent = ascent / im.sy;
  e.descent = (descent + leading * double(lines.size() - 1)) / im.sy;
  return e;
}

void CairoRenderer::end_page() {
  cairo_reset_clip(impl_->cr);
  impl_->have_clip = false;
  cairo_surface_flush(cairo_get_target(impl_->cr));
}

}  // namespace pargist::plot
