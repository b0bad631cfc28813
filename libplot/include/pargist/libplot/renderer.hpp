// The backend interface: every output (Cairo raster/vector, CGM) is one
// Renderer subclass in its own file, drawing page primitives in NDC.
//
// render() is the driver: it resolves each system's limits, maps the elements
// from world coordinates to NDC, draws axes, ticks, labels, contours, meshes,
// legends, sets clipping, and calls the renderer. Backends never see world
// coordinates; they only scale NDC to their device.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "pargist/libplot/frame.hpp"

namespace pargist::plot {

/// Size of a text string as a backend measures it, in NDC, unrotated.
struct TextExtent {
  double width = 0;    ///< advance width
  double ascent = 0;   ///< above the baseline
  double descent = 0;  ///< below the baseline (positive)
};

/// World -> NDC along one linear axis of a coordinate system, computed with
/// the operations of Transform::ndc_x (so with the same result).
struct LinearAxis {
  double ndc0 = 0, world0 = 0, ndc_span = 1, world_span = 1;
  double operator()(double w) const { return ndc0 + (w - world0) * ndc_span / world_span; }
};

class Renderer {
 public:
  virtual ~Renderer() = default;

  /// Starts a page for `frame` (its palette resolves indexed colours; the
  /// frame is also there for backends that store it whole, like CGM).
  virtual void begin_page(const Frame& frame) = 0;

  /// Restricts drawing to `clip` (NDC); nullptr removes the clip.
  virtual void set_clip(const Box* clip) = 0;

  /// A polyline through n points; `closed` joins the last to the first.
  virtual void polyline(const double* x, const double* y, std::size_t n, const LineStyle& style,
                        bool closed) = 0;

  /// n separate segments (x0[i],y0[i])-(x1[i],y1[i]).
  virtual void disjoint(const double* x0, const double* y0, const double* x1, const double* y1,
                        std::size_t n, const LineStyle& style) = 0;

  /// n markers centred on the points.
  virtual void markers(const double* x, const double* y, std::size_t n, const MarkerStyle& style) = 0;

  /// n markers at world points (wx, wy) of a system with linear axes, mapped
  /// to NDC by ax and ay; points not finite (in world or NDC) are skipped.
  /// The default maps each run of finite points and calls markers(); pixel
  /// backends map and draw in one pass over the points.
  virtual void markers_mapped(const double* wx, const double* wy, std::size_t n, const LinearAxis& ax,
                              const LinearAxis& ay, const MarkerStyle& style);

  /// npoly filled polygons with counts[k] vertices each (concatenated in x,
  /// y), polygon k filled with colors[k]; edges drawn with `edges` unless null.
  virtual void polygons(const double* x, const double* y, const std::size_t* counts,
                        std::size_t npoly, const Color* colors, const LineStyle* edges) = 0;

  /// A cell array of nx x ny cells, x fastest, row 0 at where.ymin (where may
  /// be flipped: xmin > xmax mirrors it). channels = 1: palette indices (or
  /// named colour codes 246..255); channels = 3: RGB. Nearest-neighbour cells.
  virtual void cell_array(const Box& where, std::size_t nx, std::size_t ny,
                          const std::uint8_t* data, int channels) = 0;

  /// Text at (x, y) NDC with Gist's escapes ('!' symbol, '^' superscript,
  /// '_' subscript) and the style's alignment; the backend measures and aligns.
  virtual void text(double x, double y, const std::string& text, const TextStyle& style) = 0;

  /// The unrotated extent of `text` (escapes interpreted) in NDC. The default
  /// is an estimate from the height (0.6 em per character).
  virtual TextExtent measure_text(const std::string& text, const TextStyle& style);

  virtual void end_page() = 0;

  /// Convenience: one filled polygon.
  void polygon(const double* x, const double* y, std::size_t n, const Color& fill,
               const LineStyle* edge = nullptr) {
    polygons(x, y, &n, 1, &fill, edge);
  }
};

/// Options of the driver.
struct RenderOptions {
  bool legends = true;  ///< draw element legends below the viewport (Gist's work style)
  /// If set, receives the limits each system was drawn with, by system
  /// number (resolve_limits() of each; [0] unused): no second pass over
  /// the data for a caller that needs them too.
  std::vector<Limits>* drawn_limits = nullptr;
};

/// Draws a whole frame: begin_page, every system (its visible elements,
/// clipped to its viewport, then, if it holds any element, its ticks and
/// labels: an empty system is not drawn, as in Gist), system 0 last
/// (unclipped NDC: titles, colorbars), legends, end_page.
/// Throws std::invalid_argument for elements whose data are inconsistent.
void render(const Frame& frame, Renderer& renderer, const RenderOptions& options = {});

/// A cell array's values as render() colours them: z scaled onto palette
/// indices (Gist's bytscl, through cmin/cmax/top), one byte a cell.
/// Drawing the cells with these as `colors` (channels 1, z empty) gives the
/// same pixels; a viewer that re-renders a frame at many limits scales once.
std::vector<std::uint8_t> cell_indices(const Cells& cells, const Palette& palette);

/// The cell array as cell_indices() colours it: `colors` set, z emptied.
void scale_cells(Cells& cells, const Palette& palette);

/// The RGB value of a colour under a palette. Indices past the palette's
/// end clamp to its last entry; an empty palette gives gray levels.
Rgb resolve_color(const Color& color, const Palette& palette);

}  // namespace pargist::plot
