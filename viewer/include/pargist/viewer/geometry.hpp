// Geometry shared by the window and its mouse handling: Gist's NDC page
// coordinates, the map from NDC to window pixels, and the coordinate systems
// (viewport + limits) a page shows.
#pragma once

#include <vector>

namespace pargist::viewer {

/// Gist's normalised device coordinates: 0.0013 NDC is one point, 72.27
/// points per inch; (0, 0) is the lower left corner of the 8.5x11 sheet.
inline constexpr double kNdcPerInch = 72.27 * 0.0013;

/// Plot limits of one coordinate system, as `limits()` returns them.
/// For a log axis the limits are the data values, not their logarithms.
struct Limits {
  double xmin = 0, xmax = 1, ymin = 0, ymax = 1;
  friend bool operator==(const Limits& a, const Limits& b) {
    return a.xmin == b.xmin && a.xmax == b.xmax && a.ymin == b.ymin && a.ymax == b.ymax;
  }
  friend bool operator!=(const Limits& a, const Limits& b) { return !(a == b); }
};

/// A limits setting as Gist keeps it: each side fixed at its value in
/// `limits`, or automatic (the extreme of the data). Mouse zooms give all
/// four sides fixed; the 'l' key all four automatic.
struct ViewLimits {
  Limits limits;
  bool auto_xmin = false, auto_xmax = false, auto_ymin = false, auto_ymax = false;

  static ViewLimits fixed(const Limits& l) { return ViewLimits{l}; }
  static ViewLimits extreme() { return ViewLimits{Limits{}, true, true, true, true}; }
  bool any_auto() const { return auto_xmin || auto_xmax || auto_ymin || auto_ymax; }
  friend bool operator==(const ViewLimits& a, const ViewLimits& b) {
    return a.auto_xmin == b.auto_xmin && a.auto_xmax == b.auto_xmax &&
           a.auto_ymin == b.auto_ymin && a.auto_ymax == b.auto_ymax && a.limits == b.limits;
  }
};

/// An axis-aligned box in NDC (y up).
struct NdcBox {
  double xmin = 0, xmax = 0, ymin = 0, ymax = 0;
  bool contains(double x, double y) const {
    return x >= xmin && x <= xmax && y >= ymin && y <= ymax;
  }
};

/// One coordinate system as drawn: where its viewport is on the page and
/// which limits it was drawn with. `id` is Gist's system number (1-based).
struct SystemGeometry {
  int id = 1;
  NdcBox viewport;
  Limits limits;           ///< as drawn, automatic sides resolved
  bool logx = false, logy = false;
  ViewLimits own;          ///< the page's own setting, before any window override
};

/// The affine map from NDC to the pixels of the drawing area (y down):
/// px = x0 + scale * ndc_x, py = y0 - scale * ndc_y.
struct PageTransform {
  double scale = 1, x0 = 0, y0 = 0;

  double to_px_x(double ndc_x) const { return x0 + scale * ndc_x; }
  double to_px_y(double ndc_y) const { return y0 - scale * ndc_y; }
  double to_ndc_x(double px) const { return (px - x0) / scale; }
  double to_ndc_y(double py) const { return (y0 - py) / scale; }

  /// Gist's view of the portrait page in a `width` x `height` drawing area at
  /// `dpi`: the nominal area is a 6-inch square (450x450 at 75 dpi, 600x600
  /// at 100 dpi) centred across the page with its top as far below the top
  /// edge as its sides are from the side edges. A resized area shows the
  /// same square, scaled to fit and centred.
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

/// World coordinate along one axis of a system at NDC coordinate `ndc`
/// (not clamped); log axes interpolate in log10.
double world_from_ndc(double ndc, double vmin, double vmax, double wmin, double wmax, bool log);
/// NDC coordinate of world coordinate `w` along one axis (inverse of the above).
double ndc_from_world(double w, double vmin, double vmax, double wmin, double wmax, bool log);

}  // namespace pargist::viewer
