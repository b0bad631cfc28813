// Marker shapes: vector paths, and a pre-rendered stamp composited straight
// into image pixels (the fast path for 1e5..1e6 markers).
#pragma once

#include <cairo.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "pargist/libplot/frame.hpp"

namespace pargist::plot::detail {

/// Half the width of marker shape `marker` of full size `size` (device units).
inline double marker_half(double size) { return 0.3 * size; }

/// Appends the path of marker `m` centred at each point to the current path.
template <class FX, class FY>
void append_marker_paths(cairo_t* cr, int m, double size, std::size_t n, const double* x,
                         const double* y, FX fx, FY fy) {
  const double h = marker_half(size);
  const double d = h * 0.70710678;  // the diagonal arms of * and x
  const double dot = std::max(0.5, 0.05 * size);
  for (std::size_t i = 0; i < n; ++i) {
    const double cx = fx(x[i]), cy = fy(y[i]);
    switch (m) {
      case marker_point:
        cairo_rectangle(cr, cx - dot, cy - dot, 2 * dot, 2 * dot);
        break;
      case marker_plus:
        cairo_move_to(cr, cx - h, cy); cairo_line_to(cr, cx + h, cy);
        cairo_move_to(cr, cx, cy - h); cairo_line_to(cr, cx, cy + h);
        break;
      case marker_asterisk:
        cairo_move_to(cr, cx - h, cy); cairo_line_to(cr, cx + h, cy);
        cairo_move_to(cr, cx, cy - h); cairo_line_to(cr, cx, cy + h);
        cairo_move_to(cr, cx - d, cy - d); cairo_line_to(cr, cx + d, cy + d);
        cairo_move_to(cr, cx - d, cy + d); cairo_line_to(cr, cx + d, cy - d);
        break;
      case marker_circle:
        cairo_new_sub_path(cr);
        cairo_arc(cr, cx, cy, h, 0, 2 * 3.14159265358979323846);
        break;
      default:  // cross
        cairo_move_to(cr, cx - d, cy - d); cairo_line_to(cr, cx + d, cy + d);
        cairo_move_to(cr, cx - d, cy + d); cairo_line_to(cr, cx + d, cy - d);
        break;
    }
  }
}

/// Pixels of an ARGB32 image surface.
struct StampTarget {
  unsigned char* data;
  int width, height, stride;
};

/// A marker rendered once into an 8-bit coverage mask.
class MarkerStamp {
 public:
  MarkerStamp(int marker, double size);
  /// Composites the stamp centred on device point (x, y) in colour rgb,
  /// within the pixel rectangle [cx0, cx1) x [cy0, cy1).
  void draw(const StampTarget& dst, double x, double y, Rgb rgb, int cx0, int cy0, int cx1,
            int cy1) const;

 private:
  // The covered pixels only (a '+' of 6 pixels covers 11 of 49): offsets
  // from the centre pixel and coverage 1..255.
  struct Texel {
    int dx, dy;
    unsigned coverage;
  };
  int radius_ = 0;
  std::vector<Texel> texels_;
};

}  // namespace pargist::plot::detail
