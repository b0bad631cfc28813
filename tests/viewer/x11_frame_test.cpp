// The live window behind libplot's Gist API: frames from fma() drawn by
// libplot's Cairo backend, mouse zooms read back through limits(), kept
// across fma, undone by unzoom(); pixels checked in screenshots.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "pargist/libplot/gist.hpp"
#include "pargist/viewer/display.hpp"
#include "pargist/viewer/frame_page.hpp"
#include "window_probe.hpp"
#include "x11_tools.hpp"

namespace plot = pargist::plot;
namespace pv = pargist::viewer;
using namespace pargist::viewer::test;

namespace {

const std::string kOut = PARGIST_TEST_OUTPUT_DIR;

// Gist's work style, fixed limits 0..10, a red square over [4,6]^2 and a
// blue one over [8,9]x[1,2].
void draw_squares() {
  plot::plfp_colors({plot::Color::from_rgb(255, 0, 0), plot::Color::from_rgb(0, 0, 255)},
                    {4, 4, 6, 6, 1, 1, 2, 2}, {4, 6, 6, 4, 8, 9, 9, 8}, {4, 4});
}

void check_red(const Probe& p, unsigned long win, const std::string& name) {
  auto shot = grab(win, kOut + "/" + name);
  REQUIRE(shot);
  const Blob red = find_color(*shot, 255, 0, 0);
  REQUIRE(red.count > 20);
  CHECK(red.x == Approx(p.px(5)).margin(1.5));
  CHECK(red.y == Approx(p.py(5)).margin(1.5));
  CHECK(red.xmax - red.xmin + 1 == Approx(p.px(6) - p.px(4)).margin(2));
}

}  // namespace

TEST_CASE("Gist API frames in the live window: zoom, limits(), fma, unzoom", "[x11]") {
  if (!have_display()) {
    WARN("skipped: no DISPLAY (tests/run.sh starts Xvfb for these)");
    return;
  }
  pv::install_display_factory();
  plot::WindowOptions o;
  o.display = std::getenv("DISPLAY");
  plot::window(3, o);
  auto w = pv::live_window(3);
  REQUIRE(w);
  REQUIRE(w->is_open());
  // Away from the top-left corner, where windows of other tests open.
  REQUIRE(xdotool("windowmove --sync " + std::to_string(w->x_window()) + " 660 20"));
  plot::limits(0.0, 10.0, 0.0, 10.0);
  draw_squares();
  plot::fma();
  REQUIRE(w->wait_idle());
  REQUIRE(w->page());
  CHECK(w->page()->number() == 0);

  const plot::Box vp = plot::current_frame().systems[1].viewport;
  Probe p{*w, vp};
  CHECK(w->drawn_limits(1)->same_sides(plot::Limits::fixed(0, 10, 0, 10)));
  check_red(p, w->x_window(), "viewer_gist_frame.png");

  // ctrl+left drag over [3,7]^2 with real events.
  const std::string W = std::to_string(w->x_window());
  const unsigned long serial = w->zoom_serial();
  REQUIRE(xdotool("mousemove --window " + W + " " + p.at(3, 7) +
                  " keydown ctrl mousedown 1 mousemove --window " + W + " " + p.at(5, 5) +
                  " mousemove --window " + W + " " + p.at(7, 3) + " mouseup 1 keyup ctrl"));
  REQUIRE(wait_for([&] { return w->zoom_serial() != serial; }));
  REQUIRE(w->wait_idle());

  // limits() on the plotting side now reports the zoom (Gist: limits()).
  const plot::Limits l = plot::current_limits();
  CHECK(l.xmin == Approx(3).margin(0.05));
  CHECK(l.xmax == Approx(7).margin(0.05));
  CHECK(l.ymin == Approx(3).margin(0.05));
  CHECK(l.ymax == Approx(7).margin(0.05));
  CHECK_FALSE(l.auto_xmin);

  // The next frame is drawn at the zoomed limits by libplot itself; the
  // window no longer needs its override. Vector sharp: the 2-unit square is
  // half the 4-unit view.
  draw_squares();
  plot::fma();
  REQUIRE(w->wait_idle());
  CHECK_FALSE(w->view_limits(1));
  CHECK(w->drawn_limits(1)->xmin == Approx(l.xmin));
  check_red(p, w->x_window(), "viewer_gist_zoomed.png");
  CHECK(p.px(6) - p.px(4) == Approx((vp.xmax - vp.xmin) * w->transform().scale / 2).margin(1));

  // unzoom() goes back to the limits before the mouse zooms.
  pv::unzoom(3);
  const plot::Limits back = plot::current_limits();
  CHECK(back.xmin == Approx(0));
  CHECK(back.xmax == Approx(10));
  draw_squares();
  plot::fma();
  REQUIRE(w->wait_idle());
  check_red(p, w->x_window(), "viewer_gist_unzoomed.png");

  plot::winkill(3);
  w.reset();
  CHECK_FALSE(pv::live_window(3));
}

TEST_CASE("a frame page honours overrides and the grid key", "[x11][frame_page]") {
  plot::Frame f;
  f.systems.resize(2);
  f.systems[1].limits = plot::Limits{};
  pv::ViewOptions opts;
  opts.limits[1] = plot::Limits::fixed(1, 2, 3, 4);
  opts.grid = true;
  const plot::Frame g = pv::apply_view(f, opts);
  CHECK(g.systems[1].limits.xmin == 1);
  CHECK(g.systems[1].limits.ymax == 4);
  CHECK_FALSE(g.systems[1].limits.auto_xmin);
  CHECK((g.systems[1].ticks.horiz.flags & plot::grid_full) != 0);
  CHECK(g.systems[1].limits.same_sides(opts.limits[1]));
}
