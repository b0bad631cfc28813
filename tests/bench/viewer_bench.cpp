// The live window's redraw time at 600x600 (Gist's 100 dpi window): frames
// of a 1e5-point curve, 1e5 point markers and a 1000x1000 cell array, each
// redrawn: after a new page of it (re-render), an expose (the window
// uncovered: XClearArea from a second connection), a zoom (left / right
// clicks) and during a drag (middle button held, pointer moved), the mouse
// events sent as X events from the second connection. Each is timed from
// the request to the server having the picture on screen (XSync). Prints
// "<case>[_look|_expose|_zoom|_zoom_exact|_drag|_release] <median ms> <min ms>"
// (_look: the first picture shown, a draft when the exact one is slow);
// tests/bench/viewer_bench.sh compares with Yorick's Gist window.
//   viewer_bench [REPEATS [CASE]]   (CASE: one of curve1e5 scatter1e5 cells1e6)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <X11/Xlib.h>

#include "pargist/libplot/gist.hpp"
#include "pargist/viewer/frame_page.hpp"
#include "pargist/viewer/window.hpp"

namespace plot = pargist::plot;
namespace pv = pargist::viewer;
using Clock = std::chrono::steady_clock;

namespace {

plot::Frame frame_with(void (*draw)()) {
  plot::WindowOptions o;
  o.display = "";  // no screen: the frame is only built here
  plot::window(7, o);
  plot::fma();
  draw();
  plot::Frame f = plot::current_frame();
  plot::fma();
  return f;
}

// A long time history: one smooth curve of 1e5 points.
void curve() {
  const std::size_t n = 100000;
  std::vector<double> x(n), y(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = 10.0 * static_cast<double>(i) / (n - 1);
    y[i] = std::sin(7 * x[i]) * std::exp(-0.1 * x[i]);
  }
  plot::plg(std::move(y), std::move(x));
}

// A particle scatter: 1e5 points as Gist's point markers (plg type=0).
void scatter() {
  const std::size_t n = 100000;
  std::mt19937_64 rng(1);
  std::normal_distribution<double> g(0, 1);
  std::vector<double> x(n), y(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = g(rng), y[i] = 0.5 * g(rng) + 0.3 * x[i];
  plot::PlgOptions o;
  o.type = plot::LineType::none;
  o.marker = plot::marker_point;
  plot::plg(std::move(y), std::move(x), o);
}

void cells() {
  const std::size_t n = 1000;
  std::mt19937_64 rng(2);
  std::uniform_real_distribution<double> u(0, 1);
  plot::Grid z{std::vector<double>(n * n), n, n};
  for (double& v : z.v) v = u(rng);
  plot::pli(std::move(z));
}

void print_times(const std::string& name, std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  std::printf("%s %.2f %.2f\n", name.c_str(), ms[ms.size() / 2], ms.front());
}

double ms_between(Clock::time_point t0, Clock::time_point t1) {
  return std::chrono::duration<double, std::milli>(t1 - t0).count();
}

// Times from a request to its first look (a draft when the exact picture
// is slow, else the exact picture) and to the exact picture.
struct Redraw {
  double look_ms, exact_ms;
};

void time_redraws(pv::Window& w, const char* name, const plot::Frame& f, int repeats) {
  // A new page each time, as fma() hands over: its first render (which
  // also prepares the page for the zooms after it) is timed.
  w.show(std::make_shared<pv::FramePage>(f));
  w.wait_idle(std::chrono::seconds(30));
  std::vector<double> look, exact;
  for (int k = 0; k < repeats; ++k) {
    auto page = std::make_shared<pv::FramePage>(f);  // the frame's copy: the caller's cost
    const auto t0 = Clock::now();
    w.show(std::move(page));
    w.wait_idle(std::chrono::seconds(30));
    look.push_back(ms_between(t0, w.last_look_time()));
    exact.push_back(ms_between(t0, w.last_redraw_time()));
  }
  print_times(std::string(name) + "_look", look);
  print_times(name, exact);
}

// The window uncovered: the server sends an Expose, the window's thread
// answers it. Asked from a second connection, as another client's window
// moving away would.
void time_exposes(pv::Window& w, Display* other, const char* name, int repeats) {
  const auto xw = static_cast<::Window>(w.x_window());
  std::vector<double> ms;
  for (int k = 0; k < repeats; ++k) {
    const unsigned long before = w.expose_count();
    const auto t0 = Clock::now();
    XClearArea(other, xw, 0, 0, 0, 0, True);
    XFlush(other);
    while (w.expose_count() == before) std::this_thread::sleep_for(std::chrono::microseconds(50));
    ms.push_back(std::chrono::duration<double, std::milli>(w.last_expose_time() - t0).count());
  }
  print_times(std::string(name) + "_expose", ms);
}

// A mouse event as the server would deliver it, sent from the second
// connection (the window does not tell sent events from real ones).
// XButtonEvent and XMotionEvent name the same fields (laid out apart).
template <class Pointer>
void send_pointer(Display* other, ::Window xw, XEvent& e, Pointer& p, int type, long mask, unsigned state,
                  int x, int y) {
  p.type = type;
  p.display = other;
  p.window = xw;
  p.root = DefaultRootWindow(other);
  p.state = state;
  p.x = x;
  p.y = y;
  p.same_screen = True;
  XSendEvent(other, xw, False, mask, &e);
}

void send_button(Display* other, ::Window xw, int type, unsigned button, unsigned state, int x, int y) {
  XEvent e{};
  e.xbutton.button = button;
  send_pointer(other, xw, e, e.xbutton, type, type == ButtonPress ? ButtonPressMask : ButtonReleaseMask, state,
               x, y);
}

void send_motion(Display* other, ::Window xw, unsigned state, int x, int y) {
  XEvent e{};
  send_pointer(other, xw, e, e.xmotion, MotionNotify, PointerMotionMask, state, x, y);
}

// Waits for the redraw that `act` causes; its first look and exact
// picture, in ms from the act.
template <class Act>
Redraw redraw_after(pv::Window& w, Display* other, Act&& act) {
  const unsigned long before = w.redraw_count();
  const auto t0 = Clock::now();
  act();
  XFlush(other);
  // The redraw is timed by the window's thread: the wait here need not be
  // quick, and must not take a core from it.
  while (w.redraw_count() == before) std::this_thread::sleep_for(std::chrono::microseconds(50));
  w.wait_idle(std::chrono::seconds(30));
  return {ms_between(t0, w.last_look_time()), ms_between(t0, w.last_redraw_time())};
}

// The pixel of the middle of system 1's viewport (window coordinates).
std::pair<int, int> viewport_middle(pv::Window& w, const plot::Frame& f) {
  const pv::PageTransform t = w.transform();
  const plot::Box& v = f.systems.at(1).viewport;
  return {int(t.to_px_x(0.5 * (v.xmin + v.xmax))), w.strip_height() + int(t.to_px_y(0.5 * (v.ymin + v.ymax)))};
}

// A zoom: a left click zooms in about the pointer, a right click back out
// (Gist's mouse), alternately; each is a full re-render at new limits.
void time_zooms(pv::Window& w, Display* other, const plot::Frame& f, const char* name, int repeats) {
  const auto xw = static_cast<::Window>(w.x_window());
  const auto [x, y] = viewport_middle(w, f);
  std::vector<double> look, exact;
  for (int k = 0; k < repeats; ++k) {
    const unsigned button = k % 2 ? Button3 : Button1, mask = k % 2 ? Button3Mask : Button1Mask;
    const Redraw r = redraw_after(w, other, [&] {
      send_button(other, xw, ButtonPress, button, 0, x, y);
      send_button(other, xw, ButtonRelease, button, mask, x, y);
    });
    look.push_back(r.look_ms);
    exact.push_back(r.exact_ms);
  }
  print_times(std::string(name) + "_zoom", look);
  print_times(std::string(name) + "_zoom_exact", exact);
}

// Pans with the middle button held: the page follows the pointer, one
// redraw (a draft) per motion, 4 pixels a step, right then back; the exact
// redraw at each release is timed apart. Five drags, the steps split
// between them.
void time_drag(pv::Window& w, Display* other, const plot::Frame& f, const char* name, int repeats) {
  const auto xw = static_cast<::Window>(w.x_window());
  const auto [x, y] = viewport_middle(w, f);
  constexpr int kDrags = 5;
  std::vector<double> steps, releases;
  for (int d = 0; d < kDrags; ++d) {
    send_button(other, xw, ButtonPress, Button2, 0, x, y);
    XFlush(other);
    int at = x;
    for (int k = 0; k < std::max(2, repeats / kDrags); ++k) {
      at += (k / 4) % 2 ? -4 : 4;
      steps.push_back(redraw_after(w, other, [&] { send_motion(other, xw, Button2Mask, at, y); }).exact_ms);
    }
    releases.push_back(
        redraw_after(w, other, [&] { send_button(other, xw, ButtonRelease, Button2, Button2Mask, at, y); })
            .exact_ms);
    w.unzoom();
    w.wait_idle(std::chrono::seconds(30));
  }
  print_times(std::string(name) + "_drag", steps);
  print_times(std::string(name) + "_release", releases);
}

}  // namespace

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::atoi(argv[1]) : 15;
  plot::WindowOptions o;
  o.dpi = 100;
  pv::Window w(0, o);
  if (!w.is_open()) {
    std::fprintf(stderr, "viewer_bench: %s\n", w.status().c_str());
    return 1;
  }
  Display* other = XOpenDisplay(nullptr);
  if (!other) {
    std::fprintf(stderr, "viewer_bench: no second connection to the X server\n");
    return 1;
  }
  const std::pair<const char*, void (*)()> cases[] = {{"curve1e5", curve}, {"scatter1e5", scatter}, {"cells1e6", cells}};
  const char* only = argc > 2 ? argv[2] : nullptr;  // one case, for profiling
  for (const auto& [name, draw] : cases) {
    if (only && std::string(only) != name) continue;
    const plot::Frame f = frame_with(draw);
    time_redraws(w, name, f, repeats);
    time_exposes(w, other, name, repeats);
    time_zooms(w, other, f, name, repeats);
    time_drag(w, other, f, name, repeats);
  }
  XCloseDisplay(other);
  return 0;
}
