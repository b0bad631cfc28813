// Internal: a solid polyline a pixel or two wide, rasterised here into a
// coverage mask instead of through Cairo's stroker, then painted in one
// Cairo call. Cairo turns each of a long curve's segments into a polygon
// with joins and scan-converts them all with exact areas (~1 us a segment
// antialiased); a live window re-renders such curves at every zoom. Here
// each pixel near a segment gets the coverage of a line of that width
// through it, from its centre's distance to the segment (area-exact for
// straight runs; joins and the two ends come out round), the segments'
// coverages combined by maximum, as one stroked path covers a pixel once.
#pragma once

#include <cairo.h>

#include <vector>

namespace pargist::plot::detail {

class ThinLineMask {
 public:
  /// A mask of device pixels [x0, x0 + width) x [y0, y0 + height) for a
  /// line `line_width` device units wide.
  ThinLineMask(int x0, int y0, int width, int height, double line_width);
  ~ThinLineMask();
  ThinLineMask(const ThinLineMask&) = delete;
  ThinLineMask& operator=(const ThinLineMask&) = delete;

  /// The segment from (ax, ay) to (bx, by), device coordinates; what falls
  /// outside the mask is dropped.
  void segment(double ax, double ay, double bx, double by);
  /// Paints cr's source through the mask (cr's clip applies; cr's matrix
  /// must be the identity). Without `antialias` a pixel is painted fully
  /// when the line covers half of it or more, else not at all.
  void paint(cairo_t* cr, bool antialias);

 private:
  int x0_, y0_, width_, height_;
  int stride_;    ///< bytes a row of the mask
  double reach_;  ///< half the line's width plus half a pixel: coverage 0 from there
  std::vector<unsigned char> coverage_;
};

}  // namespace pargist::plot::detail
