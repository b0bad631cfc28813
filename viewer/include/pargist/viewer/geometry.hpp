// Geometry of the window and its mouse handling, in libplot's terms (NDC
// boxes, limits and world <-> NDC transforms of frame.hpp and axes.hpp, the
// window's view of the page of cairo_renderer.hpp): the map from NDC to the
// pixels of the drawing area, and the coordinate systems a page shows.
#pragma once

#include <vector>

#include "pargist/libplot/axes.hpp"
#include "pargist/libplot/cairo_renderer.hpp"

namespace pargist::viewer {

/// One coordinate system as drawn: `drawn` holds its viewport on the page
/// and the limits it was drawn with (automatic sides resolved, log flags);
/// `own` is the page's own limits setting, before any window override.
/// `id` is Gist's system number (1-based).
struct SystemGeometry {
  int id = 1;
  plot::Transform drawn;
  plot::Limits own;
};

/// The affine map from NDC to the pixels of the drawing area (y down):
/// px = x0 + scale * ndc_x, py = y0 - scale * ndc_y.
struct PageTransform {
  double scale = 1, x0 = 0, y0 = 0;

  double to_px_x(double ndc_x) const { return x0 + scale * ndc_x; }
  double to_px_y(double ndc_y) const { return y0 - scale * ndc_y; }
  double to_ndc_x(double px) const { return (px - x0) / scale; }
  double to_ndc_y(double py) const { return (y0 - py) / scale; }

  /// The map that shows `view` (its page box on its width x height).
  static PageTransform of(const plot::PageView& view);
  /// libplot's view of a `width` x `height` drawing area through this map
  /// (what the page is rendered with).
  plot::PageView view(double width, double height) const;

  /// Gist's view in a `width` x `height` drawing area: libplot's
  /// window_box() (the square that png() shows) fitted into the area and
  /// centred, so a 450x450 area at 75 dpi is exactly window_view(75).
  static PageTransform gist_view(int width, int height);
};

/// Where a pixel of the drawing area falls: the coordinate system whose
/// viewport is under it (or, just outside every viewport, the nearest one),
/// the world coordinates clamped to that system's limits, and the axes a
/// zoom there acts on (bit 1: x, bit 2: y; a press beside the viewport acts
/// on y only, above or below on x only). system < 0 means no system.
struct Location {
  int system = -1;  ///< index into the systems vector, -1 if none
  double x = 0, y = 0;        ///< world coordinates (NDC if no system)
  double ndc_x = 0, ndc_y = 0;
  int axes = 0;
};

/// Find which system a pixel belongs to, Gist's way: the smallest viewport
/// containing the point, else the viewport whose edge is nearest.
Location locate(const std::vector<SystemGeometry>& systems, const PageTransform& t,
                double px, double py);

/// World coordinates of a pixel in one given system, clamped to its
/// viewport (Gist's Find1System + FindCoordinates).
void world_at(const SystemGeometry& s, const PageTransform& t, double px, double py, double& x, double& y);

}  // namespace pargist::viewer
