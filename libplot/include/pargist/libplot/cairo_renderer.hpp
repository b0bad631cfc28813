// The Cairo backend: draws a frame onto any cairo_t (an image surface for
// PNG, PDF/SVG/PS surfaces, or the viewer's Xlib surface).
#pragma once

#include <memory>

#include "pargist/libplot/renderer.hpp"

// Cairo's own opaque type, declared as cairo.h does, so users of this header
// need not include Cairo's headers unless they create surfaces themselves.
typedef struct _cairo cairo_t;

namespace pargist::plot {

/// Which part of the page appears on the device, and the device's size.
/// The NDC box `page` is stretched onto width x height device units (pixels
/// for raster surfaces, points for vector ones), y pointing up.
struct PageView {
  Box page;
  double width = 0, height = 0;
  double device_per_point = 1;  ///< device units per typographic point (dpi / 72.27 for pixels)
};

/// The square of the page that Gist's window shows, `inches` on a side,
/// about one centre: across the middle of the page, and as high as the
/// centre of a 6-inch square whose top is as far below the page's top edge
/// as its sides are from the side edges (0.634 NDC, as Yorick's gist window
/// shows it). The 'work' and 'boxed' viewports sit inside it.
Box window_box(double inches = 6.0);
/// Gist's window view: a square of `pixels` pixels at `dpi` (450 at 75 dpi,
/// 600 at 100 dpi are Gist's two window sizes; 0 means 6 inches) showing
/// window_box() of that size. The live window draws the same view.
PageView window_view(double dpi = 75.0, int pixels = 0);
/// The whole portrait (or landscape) page at `dpi` device units per inch
/// (72 for vector surfaces whose unit is the PostScript point).
PageView page_view(double dpi, bool landscape = false);
/// The page region `box` (NDC) fitted into width x height device units,
/// centred, one scale for both axes (a zoom, or a picture cut from the page).
PageView region_view(const Box& box, double width, double height);
/// The page region `box` at its own size, `dpi` device units per inch;
/// `whole_units` rounds the size (pixels), otherwise it is exact (points).
PageView region_view_at(const Box& box, double dpi, bool whole_units);

class CairoRenderer : public Renderer {
 public:
  /// Draws onto `cr` (not owned; its current target is used as is) mapping
  /// the NDC view onto device coordinates (0,0 top left).
  CairoRenderer(cairo_t* cr, const PageView& view);
  ~CairoRenderer() override;

  void begin_page(const Frame& frame) override;
  void set_clip(const Box* clip) override;
  void polyline(const double* x, const double* y, std::size_t n, const LineStyle& style,
                bool closed) override;
  void disjoint(const double* x0, const double* y0, const double* x1, const double* y1,
                std::size_t n, const LineStyle& style) override;
  void markers(const double* x, const double* y, std::size_t n, const MarkerStyle& style) override;
  void markers_mapped(const double* wx, const double* wy, std::size_t n, const LinearAxis& ax, const LinearAxis& ay,
                      const MarkerStyle& style) override;
  void polygons(const double* x, const double* y, const std::size_t* counts, std::size_t npoly,
                const Color* colors, const LineStyle* edges) override;
  void cell_array(const Box& where, std::size_t nx, std::size_t ny, const std::uint8_t* data,
                  int channels) override;
  void text(double x, double y, const std::string& text, const TextStyle& style) override;
  TextExtent measure_text(const std::string& text, const TextStyle& style) override;
  void end_page() override;

  /// When false (default true), begin_page() does not paint the background.
  void set_clear_background(bool clear);
  /// Antialiased shapes (the default), or not: a draft drawn faster, as a
  /// window does during a gesture (markers 1..5 too; text stays antialiased).
  void set_antialias(bool antialias);

 private:
  /// On pixels, a solid polyline of many more points than columns, a pixel
  /// or two wide: reduced to what the columns show and drawn by pargist's
  /// own thin-line coverage (detail::ThinLineMask), not Cairo's stroker;
  /// the same line within a fraction of a pixel's shade, several times
  /// faster (a live window re-renders long curves at every zoom).
  void thin_polyline(const double* x, const double* y, std::size_t n, bool closed);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pargist::plot
