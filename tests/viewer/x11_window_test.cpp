// The live window under a real X server (the Xvfb that tests/run.sh starts):
// real mouse and key events from xdotool, screenshots with ImageMagick's
// import, pixels and limits checked after each zoom, pan, box and unzoom.
#include <catch2/catch.hpp>

#include <X11/Xlib.h>
#ifdef PARGIST_HAVE_XTEST
#include <X11/extensions/XTest.h>
#endif
#include <cairo.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>

#include "pargist/viewer/window.hpp"
#include "test_page.hpp"
#include "x11_tools.hpp"

using namespace pargist::viewer;
using namespace pargist::viewer::test;
namespace pv = pargist::viewer;
namespace plot = pargist::plot;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kOut = PARGIST_TEST_OUTPUT_DIR;

#define REQUIRE_DISPLAY()                                                  \
  do {                                                                     \
    if (!have_display()) {                                                 \
      WARN("skipped: no DISPLAY (tests/run.sh starts Xvfb for these)");    \
      return;                                                              \
    }                                                                      \
  } while (0)

template <class Pred>
bool wait_until(Pred pred, std::chrono::milliseconds timeout = std::chrono::seconds(3)) {
  const auto end = Clock::now() + timeout;
  while (Clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return pred();
}

// A window showing the test page, and where world points land in it.
struct Shown {
  pv::Window w;
  explicit Shown(int dpi = 75, int number = 1) : w(number, options(dpi)) {
    INFO("window status: " << w.status());
    REQUIRE(w.is_open());
    w.show(std::make_shared<TestPage>());
    REQUIRE(w.wait_idle());
  }
  static plot::WindowOptions options(int dpi) {
    plot::WindowOptions o;
    o.dpi = dpi;
    // Away from the top-left corner, where windows of other tests open.
    o.xpos = 660;
    o.ypos = 20;
    return o;
  }
  plot::Limits limits() const { return *w.drawn_limits(1); }
  // Window pixel (status strip included) of world point (x, y) now.
  double px(double x) const {
    const plot::Limits l = limits();
    const plot::Box& v = TestPage::kViewport;
    return w.transform().to_px_x(v.xmin + (x - l.xmin) * (v.xmax - v.xmin) / (l.xmax - l.xmin));
  }
  double py(double y) const {
    const plot::Limits l = limits();
    const plot::Box& v = TestPage::kViewport;
    return w.strip_height() +
           w.transform().to_px_y(v.ymin + (y - l.ymin) * (v.ymax - v.ymin) / (l.ymax - l.ymin));
  }
  std::string at(double x, double y) const {
    return std::to_string(static_cast<int>(std::lround(px(x)))) + " " +
           std::to_string(static_cast<int>(std::lround(py(y))));
  }
  std::string win() const { return std::to_string(w.x_window()); }
  // Run xdotool and wait for the mouse limits to change and be drawn.
  void gesture(const std::string& args) {
    const unsigned long serial = w.zoom_serial(), redraws = w.redraw_count();
    REQUIRE(xdotool(args));
    REQUIRE(wait_until([&] { return w.zoom_serial() != serial; }));
    // The new limits are drawn by the render that follows the change.
    REQUIRE(wait_until([&] { return w.redraw_count() > redraws; }));
    REQUIRE(w.wait_idle());
    // Fixed limits are drawn exactly; automatic ones resolve to the data.
    REQUIRE(wait_until([&] {
      auto v = w.view_limits(1);
      return !v || v->any_auto() || (w.drawn_limits(1) && w.drawn_limits(1)->same_sides(*v));
    }));
  }
  Screenshot shot(const std::string& name) const {
    auto s = grab(w.x_window(), kOut + "/" + name);
    REQUIRE(s);
    return *s;
  }
  // The red square [4,6]^2 must be drawn where the current limits put it.
  void check_red_square(const std::string& name) const {
    const Screenshot s = shot(name);
    const Blob red = find_color(s, 255, 0, 0);
    REQUIRE(red.count > 20);
    CHECK(red.x == Approx(px(5)).margin(1.5));
    CHECK(red.y == Approx(py(5)).margin(1.5));
    CHECK(red.xmax - red.xmin + 1 == Approx(px(6) - px(4)).margin(2));
  }
};

}  // namespace

TEST_CASE("window opens at Gist's sizes and draws the page", "[x11]") {
  REQUIRE_DISPLAY();
  for (int dpi : {75, 100}) {
    Shown s(dpi);
    CHECK(s.w.area_size() == std::make_pair(6 * dpi, 6 * dpi));
    const Screenshot shot = s.shot("viewer_open_" + std::to_string(dpi) + ".png");
    CHECK(shot.width == 6 * dpi);
    CHECK(shot.height == 6 * dpi + s.w.strip_height());
    s.check_red_square("viewer_open_" + std::to_string(dpi) + ".png");
    // The blue square [8,9]x[1,2] too: right of and below the red one.
    const Blob blue = find_color(shot, 0, 0, 255);
    CHECK(blue.x == Approx(s.px(8.5)).margin(1.5));
    CHECK(blue.y == Approx(s.py(1.5)).margin(1.5));
    CHECK(s.w.status_text().find("frame 1") != std::string::npos);
  }
}

TEST_CASE("click zooms, drag pans, ctrl-drag box-zooms, u unzooms", "[x11]") {
  REQUIRE_DISPLAY();
  Shown s;
  const std::string W = s.win();
  CHECK(s.limits().same_sides(plot::Limits::fixed(0, 10, 0, 10)));

  SECTION("left click zooms in by 1.5 about the pointer") {
    s.gesture("mousemove --window " + W + " " + s.at(2, 8) + " click 1");
    const plot::Limits l = s.limits();
    // The clicked pixel maps back to (2, 8) within a pixel's worth of world.
    CHECK(l.xmax - l.xmin == Approx(10 / 1.5).epsilon(1e-9));
    CHECK(l.xmin + (l.xmax - l.xmin) * 0.2 == Approx(2).margin(0.03));
    CHECK(l.ymin + (l.ymax - l.ymin) * 0.8 == Approx(8).margin(0.03));
    s.check_red_square("viewer_click_zoom.png");
    // A second click zooms further; right click zooms back out.
    s.gesture("click 1");
    CHECK(s.limits().xmax - s.limits().xmin == Approx(10 / 2.25));
    s.gesture("click 3");
    CHECK(s.limits().xmax - s.limits().xmin == Approx(10 / 1.5));
  }

  SECTION("middle drag pans: the grabbed point follows the pointer") {
    const double dx = s.px(7) - s.px(5), red_before = s.px(5);
    s.gesture("mousemove --window " + W + " " + s.at(5, 5) + " mousedown 2 mousemove --window " +
              W + " " + s.at(7, 3) + " mouseup 2");
    const plot::Limits l = s.limits();
    CHECK(l.xmax - l.xmin == Approx(10));
    CHECK(l.xmin == Approx(-2).margin(0.05));
    CHECK(l.ymin == Approx(2).margin(0.05));
    // The red square moved right by the drag, in pixels.
    const Blob red = find_color(s.shot("viewer_pan.png"), 255, 0, 0);
    CHECK(red.x == Approx(s.px(5)).margin(1.5));
    CHECK(red.x == Approx(red_before + dx).margin(1.5));
  }

  SECTION("shift+left pans too") {
    s.gesture("mousemove --window " + W + " " + s.at(5, 5) +
              " keydown shift mousedown 1 mousemove --window " + W + " " + s.at(6, 5) +
              " mouseup 1 keyup shift");
    CHECK(s.limits().xmin == Approx(-1).margin(0.05));
    CHECK(s.limits().xmax - s.limits().xmin == Approx(10));
  }

  SECTION("ctrl+left drag zooms to the box") {
    s.gesture("mousemove --window " + W + " " + s.at(3, 7) +
              " keydown ctrl mousedown 1 mousemove --window " + W + " " + s.at(5, 5) +
              " mousemove --window " + W + " " + s.at(7, 3) + " mouseup 1 keyup ctrl");
    const plot::Limits l = s.limits();
    CHECK(l.xmin == Approx(3).margin(0.05));
    CHECK(l.xmax == Approx(7).margin(0.05));
    CHECK(l.ymin == Approx(3).margin(0.05));
    CHECK(l.ymax == Approx(7).margin(0.05));
    // The square, half the box, now spans half the viewport: vector sharp,
    // edges within a pixel.
    s.check_red_square("viewer_box_zoom.png");
    const Blob red = find_color(s.shot("viewer_box_zoom.png"), 255, 0, 0);
    const double vp_px = s.w.transform().scale * (TestPage::kViewport.xmax - TestPage::kViewport.xmin);
    CHECK(red.xmax - red.xmin + 1 == Approx(vp_px / 2).margin(2));

    SECTION("u restores the limits from before the zooms") {
      s.gesture("mousemove --window " + W + " " + s.at(5, 5) + " click 1");
      s.gesture("key u");
      CHECK(s.limits().same_sides(plot::Limits::fixed(0, 10, 0, 10)));
      s.check_red_square("viewer_unzoom.png");
      // The page's own (automatic) setting is what the plotting side gets.
      auto taken = s.w.take_zoomed_limits(1);
      REQUIRE(taken);
      CHECK(taken->auto_xmin);
    }
    SECTION("unzoom() from the main thread does the same") {
      s.w.unzoom();
      REQUIRE(s.w.wait_idle());
      CHECK(s.limits().same_sides(plot::Limits::fixed(0, 10, 0, 10)));
    }
  }

  SECTION("a press just below the viewport zooms x only") {
    const std::string below =
        std::to_string(std::lround(s.px(5))) + " " + std::to_string(std::lround(s.py(0) + 6));
    s.gesture("mousemove --window " + W + " " + below + " click 1");
    CHECK(s.limits().ymin == 0);
    CHECK(s.limits().ymax == 10);
    CHECK(s.limits().xmax - s.limits().xmin == Approx(10 / 1.5));
  }

  SECTION("a second button cancels the gesture") {
    const unsigned long serial = s.w.zoom_serial();
    REQUIRE(xdotool("mousemove --window " + W + " " + s.at(5, 5) +
                    " mousedown 1 mousedown 3 mouseup 3 mouseup 1"));
    REQUIRE(s.w.wait_idle());
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK(s.w.zoom_serial() == serial);
    CHECK(s.limits().same_sides(plot::Limits::fixed(0, 10, 0, 10)));
  }

  SECTION("zoomed limits persist across new frames until taken over") {
    s.gesture("mousemove --window " + W + " " + s.at(5, 5) + " click 1");
    const plot::Limits zoomed = s.limits();
    s.w.show(std::make_shared<TestPage>(2));
    REQUIRE(s.w.wait_idle());
    CHECK(s.limits().same_sides(zoomed));
    // The plotting side takes them; the next page carries them itself.
    auto taken = s.w.take_zoomed_limits(1);
    REQUIRE(taken);
    CHECK(taken->same_sides(zoomed));
    s.w.show(std::make_shared<TestPage>(3, *taken));
    REQUIRE(s.w.wait_idle());
    CHECK_FALSE(s.w.view_limits(1));
    CHECK(s.limits().same_sides(zoomed));
    CHECK(s.w.status_text().find("frame 3") != std::string::npos);
  }
}

TEST_CASE("status strip shows the world coordinates under the pointer", "[x11]") {
  REQUIRE_DISPLAY();
  Shown s;
  REQUIRE(xdotool("mousemove --window " + s.win() + " " + s.at(2.5, 7.5)));
  REQUIRE(wait_until([&] { return s.w.status_text().find(":") == 0; }));
  const std::string text = s.w.status_text();
  double x = 0, y = 0;
  int sys = 0;
  REQUIRE(std::sscanf(text.c_str(), ":%d (%lf, %lf)", &sys, &x, &y) == 3);
  CHECK(sys == 1);
  CHECK(x == Approx(2.5).margin(0.03));
  CHECK(y == Approx(7.5).margin(0.03));
}

TEST_CASE("keys: g grid, l extreme limits, s saves a PNG", "[x11]") {
  REQUIRE_DISPLAY();
  Shown s;
  const std::string W = s.win();
  REQUIRE(xdotool("mousemove --window " + W + " " + s.at(5, 5)));
  const unsigned long before = s.w.redraw_count();
  REQUIRE(xdotool("key g"));
  REQUIRE(wait_until([&] { return s.w.redraw_count() > before; }));
  REQUIRE(s.w.wait_idle());
  // Grid lines are gray, which the page has nowhere else.
  CHECK(find_color(s.shot("viewer_grid.png"), 128, 128, 128, 10).count > 500);

  s.gesture("click 1");
  s.gesture("key l");
  CHECK(s.w.view_limits(1)->auto_xmin);
  CHECK(s.limits().same_sides(plot::Limits::fixed(0, 10, 0, 10)));

  const std::string cwd = kOut + "/viewer_save";
  shell("mkdir -p '" + cwd + "' && rm -f '" + cwd + "'/pargist-w*.png");
  // 's' writes into the process's working directory.
  char old[4096];
  REQUIRE(getcwd(old, sizeof old));
  REQUIRE(chdir(cwd.c_str()) == 0);
  REQUIRE(xdotool("key s"));
  const bool saved = wait_until([&] { return !s.w.last_saved_png().empty(); });
  REQUIRE(chdir(old) == 0);
  REQUIRE(saved);
  cairo_surface_t* img = cairo_image_surface_create_from_png((cwd + "/" + s.w.last_saved_png()).c_str());
  CHECK(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS);
  CHECK(cairo_image_surface_get_width(img) == 450);
  cairo_surface_destroy(img);
}

TEST_CASE("resizing re-renders the page at the new size", "[x11]") {
  REQUIRE_DISPLAY();
  Shown s;
  const unsigned long before = s.w.redraw_count();
  REQUIRE(xdotool("windowsize " + s.win() + " 700 " + std::to_string(700 + s.w.strip_height())));
  REQUIRE(wait_until([&] { return s.w.area_size().first == 700 && s.w.redraw_count() > before; }));
  REQUIRE(s.w.wait_idle());
  CHECK(s.w.transform().scale * plot::kNdcPerInch == Approx(700 / 6.0));
  s.check_red_square("viewer_resized.png");
}

TEST_CASE("mouse() returns Gist's 11 values for a real press and release", "[x11]") {
  REQUIRE_DISPLAY();
  Shown s;
  const std::string W = s.win();
  const std::string from = s.at(2, 3), to = s.at(6, 8);
  std::thread user([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    xdotool("mousemove --window " + W + " " + from + " mousedown 1 mousemove --window " + W +
            " " + to + " mouseup 1");
  });
  auto r = s.w.mouse(-1, 1, "pick two points");
  user.join();
  REQUIRE(r);
  CHECK((*r)[0] == Approx(2).margin(0.03));
  CHECK((*r)[1] == Approx(3).margin(0.03));
  CHECK((*r)[2] == Approx(6).margin(0.03));
  CHECK((*r)[3] == Approx(8).margin(0.03));
  CHECK((*r)[8] == 1);
  CHECK((*r)[9] == 1);
  // mouse() does not zoom.
  CHECK(s.limits().same_sides(plot::Limits::fixed(0, 10, 0, 10)));

  // A key cancels it; so does keep_waiting returning false.
  std::thread typist([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    xdotool("key x");
  });
  CHECK_FALSE(s.w.mouse(-1, 0, ""));
  typist.join();
  int polls = 0;
  CHECK_FALSE(s.w.mouse(-1, 0, "", [&] { return ++polls < 3; }));
}

TEST_CASE("expose and zoom are redrawn within 100 ms while the main thread is busy", "[x11]") {
  REQUIRE_DISPLAY();
  Shown s;
  const unsigned long win = s.w.x_window();
  const std::string W = s.win(), centre = s.at(5, 5);
  std::atomic<bool> busy{true};
  std::vector<double> expose_ms, zoom_ms;

  // The user, on another thread and another X connection, while the main
  // thread computes without any plotting call.
  std::thread user([&] {
    Display* dpy = XOpenDisplay(nullptr);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    for (int k = 0; k < 12 && busy; ++k) {
      const unsigned long exposes = s.w.expose_count();
      const auto t0 = Clock::now();
      XClearArea(dpy, win, 0, 0, 0, 0, True);  // the server sends an Expose
      XFlush(dpy);
      if (wait_until([&] { return s.w.expose_count() > exposes; }, std::chrono::seconds(2)))
        expose_ms.push_back(std::chrono::duration<double, std::milli>(s.w.last_expose_time() - t0).count());
      std::this_thread::sleep_for(std::chrono::milliseconds(300));

      const unsigned long redraws = s.w.redraw_count();
#ifdef PARGIST_HAVE_XTEST
      // The same XTEST requests xdotool makes, without a process start in
      // the measured time.
      const unsigned button = k % 2 ? 3 : 1;
      int rx = 0, ry = 0;
      ::Window child;
      XTranslateCoordinates(dpy, win, DefaultRootWindow(dpy), static_cast<int>(s.px(5)),
                            static_cast<int>(s.py(5)), &rx, &ry, &child);
      XTestFakeMotionEvent(dpy, -1, rx, ry, 0);
      XSync(dpy, False);
      const auto t1 = Clock::now();
      XTestFakeButtonEvent(dpy, button, True, 0);
      XTestFakeButtonEvent(dpy, button, False, 0);
      XFlush(dpy);
#else
      const auto t1 = Clock::now();
      xdotool("mousemove --window " + W + " " + centre + " click " + (k % 2 ? "3" : "1"));
#endif
      if (wait_until([&] { return s.w.redraw_count() > redraws; }, std::chrono::seconds(2)))
        zoom_ms.push_back(std::chrono::duration<double, std::milli>(s.w.last_redraw_time() - t1).count());
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    XCloseDisplay(dpy);
  });

  // Ten seconds of simulation: no plotting call, no sleeping.
  const auto end = Clock::now() + std::chrono::seconds(10);
  volatile double sink = 0;
  while (Clock::now() < end)
    for (int i = 0; i < 100000; ++i) sink = sink + std::sqrt(static_cast<double>(i));
  busy = false;
  user.join();

  REQUIRE(expose_ms.size() >= 8);
  REQUIRE(zoom_ms.size() >= 8);
  std::sort(expose_ms.begin(), expose_ms.end());
  std::sort(zoom_ms.begin(), zoom_ms.end());
  // On a shared 2-core machine with the main thread spinning, the scheduler
  // alone can delay one sample; the 90th percentile is the criterion, the
  // maximum is reported.
  const auto p90 = [](const std::vector<double>& v) { return v[(v.size() * 9) / 10 - 1]; };
  INFO("expose ms: median " << expose_ms[expose_ms.size() / 2] << " max " << expose_ms.back());
  INFO("zoom ms: median " << zoom_ms[zoom_ms.size() / 2] << " max "
                                                   << zoom_ms.back());
  CHECK(p90(expose_ms) < 100);
  CHECK(p90(zoom_ms) < 100);
  std::ofstream(kOut + "/viewer_latency.txt")
      << "expose_ms_median " << expose_ms[expose_ms.size() / 2] << " p90 " << p90(expose_ms)
      << " max " << expose_ms.back() << "\nzoom_ms_median " << zoom_ms[zoom_ms.size() / 2]
      << " p90 " << p90(zoom_ms) << " max " << zoom_ms.back() << "\n";
}

TEST_CASE("no display or an unreachable one leaves the window closed without a crash", "[x11][nodisplay]") {
  const char* saved = std::getenv("DISPLAY");
  const std::string keep = saved ? saved : "";
  setenv("DISPLAY", "", 1);
  {
    pv::Window w;
    CHECK_FALSE(w.is_open());
    CHECK(w.status().find("no display") != std::string::npos);
    w.show(std::make_shared<TestPage>());  // does nothing
    CHECK(w.wait_idle(std::chrono::milliseconds(10)));
    CHECK_FALSE(w.mouse(-1, 0, ""));
    CHECK(w.x_window() == 0);
  }
  plot::WindowOptions o;
  o.display = ":1999.0";  // no server there (lock and socket absent)
  pv::Window w(0, o);
  CHECK_FALSE(w.is_open());
  CHECK(w.status().find("cannot open display") != std::string::npos);
  if (saved) setenv("DISPLAY", keep.c_str(), 1);
  else unsetenv("DISPLAY");
}

TEST_CASE("the user closing the window never stops the caller", "[x11]") {
  REQUIRE_DISPLAY();
  SECTION("the window manager's close (WM_DELETE_WINDOW)") {
    Shown s;
    Display* dpy = XOpenDisplay(nullptr);
    XEvent e{};
    e.xclient.type = ClientMessage;
    e.xclient.window = s.w.x_window();
    e.xclient.message_type = XInternAtom(dpy, "WM_PROTOCOLS", False);
    e.xclient.format = 32;
    e.xclient.data.l[0] = static_cast<long>(XInternAtom(dpy, "WM_DELETE_WINDOW", False));
    XSendEvent(dpy, s.w.x_window(), False, NoEventMask, &e);
    XFlush(dpy);
    XCloseDisplay(dpy);
    REQUIRE(wait_until([&] { return !s.w.is_open(); }));
    CHECK(s.w.status() == "closed by the user");
    s.w.show(std::make_shared<TestPage>(2));  // goes nowhere, quietly
    CHECK(s.w.page()->number() == 2);
    CHECK_FALSE(s.w.mouse(-1, 0, ""));
  }
  SECTION("the window destroyed (xdotool windowclose)") {
    Shown s;
    REQUIRE(xdotool("windowclose " + s.win()));
    REQUIRE(wait_until([&] { return !s.w.is_open(); }));
    s.w.show(std::make_shared<TestPage>(2));
  }
  SECTION("the client killed (xdotool windowkill): the connection dies, we live") {
    Shown s;
    REQUIRE(xdotool("windowkill " + s.win()));
    REQUIRE(wait_until([&] { return !s.w.is_open(); }));
    CHECK(s.w.status().find("lost") != std::string::npos);
    s.w.show(std::make_shared<TestPage>(2));
  }
  // And a new window opens fine afterwards.
  Shown again;
  CHECK(again.w.is_open());
}

TEST_CASE("browsing: n and p ask the page provider, q closes", "[x11]") {
  REQUIRE_DISPLAY();
  plot::WindowOptions o;
  o.xpos = 660;
  o.ypos = 20;
  pv::Window w(0, o, pv::Browsing{true, ""});
  REQUIRE(w.is_open());
  w.show(std::make_shared<TestPage>(0));
  w.set_page_provider(
      [](int i) -> std::shared_ptr<const Page> {
        return i >= 0 && i < 3 ? std::make_shared<TestPage>(i) : nullptr;
      },
      0);
  REQUIRE(w.wait_idle());
  const std::string W = std::to_string(w.x_window());
  REQUIRE(xdotool("mousemove --window " + W + " 10 10 key n key n key n"));
  REQUIRE(wait_until([&] { return w.status_text().find("last page") != std::string::npos; }));
  REQUIRE(xdotool("key p"));
  REQUIRE(wait_until([&] { return w.status_text().find("frame 1") != std::string::npos; }));
  REQUIRE(xdotool("key q"));
  w.wait_closed();
  CHECK_FALSE(w.is_open());
}
