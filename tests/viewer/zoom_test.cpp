// Gist's mouse conventions as a plain state machine: no display needed.
#include <catch2/catch.hpp>

#include <cmath>

#include "limits_override.hpp"
#include "pargist/viewer/zoom.hpp"

using namespace pargist::viewer;
namespace plot = pargist::plot;

namespace {

// Gist's work-style viewport, limits 0..10 on both axes, in a 450x450 area.
struct Scene {
  PageTransform t = PageTransform::gist_view(450, 450);
  std::vector<SystemGeometry> systems{
      SystemGeometry{1, {plot::Box{0.1757, 0.6143, 0.4257, 0.8643}, plot::Limits::fixed(0, 10, 0, 10)}, {}}};
  // Pixel of world point (x, y).
  double px(double x) const {
    const plot::Box& v = systems[0].drawn.viewport;
    return t.to_px_x(v.xmin + (v.xmax - v.xmin) * x / 10);
  }
  double py(double y) const {
    const plot::Box& v = systems[0].drawn.viewport;
    return t.to_px_y(v.ymin + (v.ymax - v.ymin) * y / 10);
  }
};

}  // namespace

TEST_CASE("gist_view shows Gist's 6-inch square at 75 and 100 dpi", "[viewer][geometry]") {
  for (int side : {450, 600}) {
    const PageTransform t = PageTransform::gist_view(side, side);
    // 75 dpi in 450 pixels, 100 dpi in 600: pixels per inch = side / 6.
    CHECK(t.scale * plot::kNdcPerInch == Approx(side / 6.0));
    // The square's top is 1.25 inch below the page top, its left 1.25 inch in.
    CHECK(t.to_px_x(1.25 * plot::kNdcPerInch) == Approx(0).margin(1e-9));
    CHECK(t.to_px_y(9.75 * plot::kNdcPerInch) == Approx(0).margin(1e-9));
    // The work viewport sits inside with room for labels.
    CHECK(t.to_px_x(0.1757) > 40);
    CHECK(t.to_px_x(0.6143) < side - 30);
    CHECK(t.to_px_y(0.4257) < side - 50);
  }
  // A resized area shows the same square, scaled to fit and centred.
  const PageTransform wide = PageTransform::gist_view(900, 450);
  CHECK(wide.scale == Approx(PageTransform::gist_view(450, 450).scale));
  CHECK(wide.to_px_x(4.25 * plot::kNdcPerInch) == Approx(450));
}

TEST_CASE("locate finds the system, world point and axes of a pixel", "[viewer][geometry]") {
  Scene s;
  Location in = locate(s.systems, s.t, s.px(2.5), s.py(7.5));
  CHECK(in.system == 0);
  CHECK(in.x == Approx(2.5));
  CHECK(in.y == Approx(7.5));
  CHECK(in.axes == 3);
  // Just left of the viewport: y only, x clamped to the edge.
  Location left = locate(s.systems, s.t, s.px(0) - 10, s.py(5));
  CHECK(left.system == 0);
  CHECK(left.axes == 2);
  CHECK(left.x == Approx(0));
  // Just below: x only.
  Location below = locate(s.systems, s.t, s.px(5), s.py(0) + 10);
  CHECK(below.axes == 1);
  CHECK(below.y == Approx(0));
  // Off in a corner: no system faces the point.
  CHECK(locate(s.systems, s.t, 2, 2).system == -1);
}

TEST_CASE("left click zooms in by the zoom factor about the pointer", "[viewer][zoom]") {
  Scene s;
  ZoomController z;
  z.press(1, 0, s.px(2), s.py(8), s.systems, s.t);
  CHECK(z.gesture() == Gesture::zoom_in);
  auto r = z.release(s.px(2), s.py(8));
  REQUIRE(r);
  CHECK(r->system == 0);
  // The point under the pointer stays put; the span shrinks by 1.5.
  CHECK(r->limits.xmin == Approx(2 - 2 / 1.5));
  CHECK(r->limits.xmax == Approx(2 + 8 / 1.5));
  CHECK(r->limits.ymin == Approx(8 - 8 / 1.5));
  CHECK(r->limits.ymax == Approx(8 + 2 / 1.5));
  CHECK_FALSE(z.active());
}

TEST_CASE("left drag zooms and moves the pressed point to the release point", "[viewer][zoom]") {
  Scene s;
  ZoomController z;
  z.press(1, 0, s.px(5), s.py(5), s.systems, s.t);
  z.motion(s.px(7), s.py(5));
  auto r = z.release(s.px(7), s.py(5));
  REQUIRE(r);
  // World 5 now sits where world 7 was: (7-0)/10 of the way across.
  const double span = r->limits.xmax - r->limits.xmin;
  CHECK(span == Approx(10 / 1.5));
  CHECK((5 - r->limits.xmin) / span == Approx(0.7));
}

TEST_CASE("middle drag and shift+left pan, right and alt+left zoom out", "[viewer][zoom]") {
  Scene s;
  for (auto [button, mods] : {std::pair<int, unsigned>{2, 0}, {1, kShift}}) {
    ZoomController z;
    z.press(button, mods, s.px(5), s.py(5), s.systems, s.t);
    CHECK(z.gesture() == Gesture::pan);
    // While the button is held, the window follows with what a release
    // there would give, and nothing is decided yet.
    auto p = z.preview(s.px(6), s.py(3));
    REQUIRE(p);
    CHECK(z.active());
    auto r = z.release(s.px(6), s.py(3));
    REQUIRE(r);
    CHECK(p->limits.same_sides(r->limits));
    CHECK_FALSE(z.preview(s.px(6), s.py(3)));
    // The grabbed point follows the pointer: limits shift by (-1, +2).
    CHECK(r->limits.xmin == Approx(-1));
    CHECK(r->limits.xmax == Approx(9));
    CHECK(r->limits.ymin == Approx(2));
    CHECK(r->limits.ymax == Approx(12));
  }
  for (auto [button, mods] : {std::pair<int, unsigned>{3, 0}, {1, kMod1}}) {
    ZoomController z;
    z.press(button, mods, s.px(5), s.py(5), s.systems, s.t);
    CHECK(z.gesture() == Gesture::zoom_out);
    CHECK_FALSE(z.preview(s.px(5), s.py(5)));  // only a pan follows the pointer
    auto r = z.release(s.px(5), s.py(5));
    REQUIRE(r);
    CHECK(r->limits.xmin == Approx(5 - 7.5));
    CHECK(r->limits.xmax == Approx(5 + 7.5));
  }
}

TEST_CASE("ctrl+left drag zooms to the rubber-band box", "[viewer][zoom]") {
  Scene s;
  ZoomController z;
  z.press(1, kControl, s.px(6), s.py(2), s.systems, s.t);
  CHECK(z.gesture() == Gesture::box);
  z.motion(s.px(3), s.py(4));
  auto band = z.rubber_band();
  REQUIRE(band);
  CHECK(band->x1 == Approx(s.px(3)));
  auto r = z.release(s.px(3), s.py(4));
  REQUIRE(r);
  CHECK(r->limits.xmin == Approx(3));
  CHECK(r->limits.xmax == Approx(6));
  CHECK(r->limits.ymin == Approx(2));
  CHECK(r->limits.ymax == Approx(4));
}

TEST_CASE("a press beside the viewport acts on one axis only", "[viewer][zoom]") {
  Scene s;
  ZoomController z;
  // Left of the viewport, at y = 5: zoom y only.
  z.press(1, 0, s.px(0) - 8, s.py(5), s.systems, s.t);
  auto r = z.release(s.px(0) - 8, s.py(5));
  REQUIRE(r);
  CHECK(r->limits.xmin == 0);
  CHECK(r->limits.xmax == 10);
  CHECK(r->limits.ymax - r->limits.ymin == Approx(10 / 1.5));
  // Below, at x = 4: pan x only.
  z.press(2, 0, s.px(4), s.py(0) + 8, s.systems, s.t);
  r = z.release(s.px(5), s.py(0) + 8);
  REQUIRE(r);
  CHECK(r->limits.xmin == Approx(-1));
  CHECK(r->limits.ymin == 0);
}

TEST_CASE("a second button cancels and presses outside every system do nothing", "[viewer][zoom]") {
  Scene s;
  ZoomController z;
  z.press(1, 0, s.px(5), s.py(5), s.systems, s.t);
  z.press(3, 0, s.px(5), s.py(5), s.systems, s.t);
  CHECK_FALSE(z.active());
  CHECK_FALSE(z.release(s.px(5), s.py(5)));
  z.press(1, 0, 3, 3, s.systems, s.t);
  CHECK_FALSE(z.release(3, 3));
  CHECK_THROWS_AS(z.set_zoom_factor(1.0), std::invalid_argument);
  CHECK_THROWS_AS(z.set_zoom_factor(std::nan("")), std::invalid_argument);
}

TEST_CASE("zooms on a log axis happen in decades", "[viewer][zoom]") {
  Scene s;
  s.systems[0].drawn.limits = plot::Limits::fixed(1, 1e4, 0, 10);
  s.systems[0].drawn.limits.log_x = true;
  ZoomController z;
  // The middle of the axis is 10^2.
  z.press(1, 0, s.px(5), s.py(5), s.systems, s.t);
  auto r = z.release(s.px(5), s.py(5));
  REQUIRE(r);
  CHECK(std::log10(r->limits.xmin) == Approx(2 - 2 / 1.5));
  CHECK(std::log10(r->limits.xmax) == Approx(2 + 2 / 1.5));
}

TEST_CASE("mouse() values as Gist returns them", "[viewer][zoom]") {
  Scene s;
  auto r = mouse_result(s.systems, s.t, -1, s.px(1), s.py(2), s.px(3), s.py(4), 2, kShift);
  CHECK(r[0] == Approx(1));
  CHECK(r[1] == Approx(2));
  CHECK(r[2] == Approx(3));
  CHECK(r[3] == Approx(4));
  CHECK(r[4] == Approx(0.1757 + 0.4386 * 0.1));  // NDC of the press
  CHECK(r[8] == 1);
  CHECK(r[9] == 2);
  CHECK(r[10] == kShift);
  // System 0 asks for NDC.
  auto n = mouse_result(s.systems, s.t, 0, s.px(1), s.py(2), s.px(3), s.py(4), 1, 0);
  CHECK(n[0] == Approx(n[4]));
  CHECK(n[8] == 0);
}

TEST_CASE("mouse limits: unzoom restores, hand-over drops the override", "[viewer][zoom]") {
  using pargist::viewer::detail::LimitsOverride;
  LimitsOverride z;
  const plot::Limits own;  // four automatic sides
  z.zoom(1, own, plot::Limits::fixed(1, 2, 3, 4));
  z.zoom(1, plot::Limits::fixed(1, 2, 3, 4), plot::Limits::fixed(1.5, 2, 3, 4));
  CHECK(z.get(1)->xmin == 1.5);
  // Taken once, then the next page carries it.
  auto taken = z.take(1);
  REQUIRE(taken);
  CHECK_FALSE(taken->any_auto());
  CHECK_FALSE(z.take(1));
  z.page_arrived();
  CHECK_FALSE(z.get(1));
  // Unzoom goes back to what the page had before the first zoom: automatic.
  CHECK(z.unzoom());
  auto back = z.take(1);
  REQUIRE(back);
  CHECK(back->same_sides(own));
  CHECK_FALSE(z.unzoom());
  const unsigned long serial = z.serial();
  z.extreme({SystemGeometry{2, {}, plot::Limits::fixed(0, 1, 0, 1)}});
  CHECK(z.serial() == serial + 1);
  CHECK(z.get(2)->auto_xmax);
  CHECK(z.clear(0));
  CHECK_FALSE(z.get(2));
}
