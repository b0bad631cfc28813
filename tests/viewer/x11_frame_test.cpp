// The live window behind libplot's Gist API: frames from fma() drawn by
// libplot's Cairo backend, mouse zooms read back through limits(), kept
// across fma, undone by unzoom(); pixels checked in screenshots.
#include <catch2/catch.hpp>

#include <cairo.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "pargist/libplot/gist.hpp"
#include "pargist/viewer/display.hpp"
#include "pargist/viewer/frame_page.hpp"
#include "pargist/viewer/window.hpp"
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

// A private X server without MIT-SHM (as a remote display has none), on a
// display number it picks itself; stopped at the end.
class XvfbWithoutShm {
 public:
  XvfbWithoutShm() {
    int fds[2];
    if (pipe(fds) != 0) return;
    const std::string fd = std::to_string(fds[1]);  // before fork: the child only execs
    pid_ = fork();
    if (pid_ == 0) {
      close(fds[0]);
      setsid();
      execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", "1280x1024x24", "-nolisten", "tcp",
             "-extension", "MIT-SHM", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    char number[32] = "";
    std::size_t got = 0;
    while (pid_ > 0 && got + 1 < sizeof number) {
      const ssize_t r = read(fds[0], number + got, sizeof number - 1 - got);
      if (r <= 0) break;
      got += std::size_t(r);
      if (std::memchr(number, '\n', got)) break;
    }
    close(fds[0]);
    number[got] = '\0';
    if (got > 1) display_ = ":" + std::string(number, std::strcspn(number, "\n"));
  }
  ~XvfbWithoutShm() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  const std::string& display() const { return display_; }

 private:
  pid_t pid_ = -1;
  std::string display_;
};

// A new frame of Gist window n, which has no screen: frames built there
// are handed to a pv::Window by hand.
void start_hidden_frame(int n) {
  plot::WindowOptions hidden;
  hidden.display = "";
  plot::window(n, hidden);
  plot::fma();
}

// The frame built since start_hidden_frame(n); window n closed.
plot::Frame finish_hidden_frame(int n) {
  plot::Frame frame = plot::current_frame();
  plot::fma();
  plot::winkill(n);
  return frame;
}

// A live window's options: away from the top-left corner, where windows of
// other tests open.
plot::WindowOptions aside() {
  plot::WindowOptions o;
  o.xpos = 660;
  o.ypos = 20;
  return o;
}

// Pixels of the window's page area unlike `page` drawn afresh, exact, at
// the window's size with `view`.
long pixels_unlike_render(const Screenshot& shot, const pv::Window& w, const pv::FramePage& page,
                          const pv::ViewOptions& view) {
  const auto [width, height] = w.area_size();
  const int strip = w.strip_height();
  cairo_surface_t* ref = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
  cairo_t* cr = cairo_create(ref);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  page.render(cr, w.transform(), view);
  cairo_destroy(cr);
  cairo_surface_flush(ref);
  const auto* px = reinterpret_cast<const std::uint32_t*>(cairo_image_surface_get_data(ref));
  const int stride = cairo_image_surface_get_stride(ref) / 4;
  long differ = 0;
  for (int r = 0; r < height; ++r)
    for (int c = 0; c < width; ++c) differ += (px[r * stride + c] & 0xffffff) != (shot.at(c, strip + r) & 0xffffff);
  cairo_surface_destroy(ref);
  return differ;
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

namespace {

// Pixels between the curve's red and the white page: antialiased edges.
long pink_pixels(const Screenshot& s, int top) {
  long n = 0;
  for (int y = top; y < s.height; ++y)
    for (int x = 0; x < s.width; ++x) {
      const std::uint32_t p = s.at(x, y);
      const int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
      n += r > 240 && g > 30 && g < 225 && std::abs(g - b) < 8;
    }
  return n;
}

}  // namespace

TEST_CASE("a pan follows the pointer in drafts and is exact again at the release", "[x11][drag]") {
  if (!have_display()) {
    WARN("skipped: no DISPLAY (tests/run.sh starts Xvfb for these)");
    return;
  }
  // A red curve (antialiased when exact) in Gist's work style.
  start_hidden_frame(7);
  std::vector<double> x(400), y(400);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = 0.025 * double(i), y[i] = std::sin(x[i]);
  plot::PlgOptions style;
  style.color = plot::Color::from_rgb(255, 0, 0);
  style.width = 3;
  style.marks = false;
  plot::plg(y, x, style);
  const auto page = std::make_shared<pv::FramePage>(finish_hidden_frame(7));

  pv::Window w(7, aside());
  REQUIRE(w.is_open());
  w.show(page);
  REQUIRE(w.wait_idle());
  const std::string W = std::to_string(w.x_window());
  const int strip = w.strip_height();
  const auto [width, height] = w.area_size();
  const int x0 = width / 2, y0 = strip + height / 2 - 40;  // inside the viewport

  // Button held, pointer moved: drafts (no antialiasing), no zoom yet.
  const unsigned long before = w.redraw_count(), serial = w.zoom_serial();
  REQUIRE(xdotool("mousemove --window " + W + " " + std::to_string(x0) + " " + std::to_string(y0) +
                  " mousedown 2 mousemove --window " + W + " " + std::to_string(x0 + 20) + " " +
                  std::to_string(y0) + " mousemove --window " + W + " " + std::to_string(x0 + 40) + " " +
                  std::to_string(y0 + 10)));
  // The page follows the pointer (motions may merge: at least one draft).
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (w.drawn_limits(1)->xmin > -0.4 && std::chrono::steady_clock::now() < end)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(w.wait_idle());
  INFO("drawn during the drag: x " << w.drawn_limits(1)->xmin << ".." << w.drawn_limits(1)->xmax);
  CHECK(w.drawn_limits(1)->xmin < -0.4);
  CHECK(w.redraw_count() > before);
  CHECK(w.zoom_serial() == serial);
  auto draft = grab(w.x_window(), kOut + "/viewer_pan_draft.png");
  REQUIRE(draft);
  CHECK(find_color(*draft, 255, 0, 0, 0).count > 100);
  CHECK(pink_pixels(*draft, strip) == 0);

  // Released: the zoom happens, and the page is the exact picture at it.
  REQUIRE(xdotool("mouseup 2"));
  const auto end2 = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (w.zoom_serial() == serial && std::chrono::steady_clock::now() < end2)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(w.zoom_serial() != serial);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  REQUIRE(w.wait_idle());
  const auto zoomed = w.view_limits(1);
  REQUIRE(zoomed);
  CHECK(zoomed->xmin < -0.4);  // moved 40 pixels right: about -0.8 of 0..10
  auto exact = grab(w.x_window(), kOut + "/viewer_pan_exact.png");
  REQUIRE(exact);
  CHECK(pink_pixels(*exact, strip) > 50);

  // The same page drawn afresh at those limits, antialiased.
  pv::ViewOptions view;
  view.limits[1] = *zoomed;
  CHECK(pixels_unlike_render(*exact, w, *page, view) == 0);
}

TEST_CASE("a slow page is shown first as a draft, and idle means its exact picture", "[x11][draft]") {
  if (!have_display()) {
    WARN("skipped: no DISPLAY (tests/run.sh starts Xvfb for these)");
    return;
  }
#if defined(__SANITIZE_ADDRESS__)
  // The window drafts a page whose draft takes under 3/4 of its exact
  // picture's time. Under AddressSanitizer both take about 200 ms here
  // (Cairo's stroker allocating through ASan's malloc), the draft no less
  // than the exact picture, so the window rightly draws no draft; the
  // Release run of this test checks the behaviour.
  WARN("skipped under AddressSanitizer: the draft's timing premise does not hold there");
  return;
#endif
  // 100 red curves of 1500 points, 3 wide (pink edges when antialiased):
  // their exact picture takes longer than the window's draft threshold
  // (2 ms) on any machine, and several times their draft's time.
  start_hidden_frame(7);
  plot::PlgOptions style;
  style.color = plot::Color::from_rgb(255, 0, 0);
  style.width = 3;
  style.marks = false;
  for (int c = 0; c < 100; ++c) {
    std::vector<double> x(1500), y(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = 0.0066 * double(i), y[i] = std::sin(x[i] + 0.06 * c) + 0.02 * c;
    plot::plg(y, x, style);
  }
  const plot::Frame frame = finish_hidden_frame(7);

  pv::Window w(7, aside());
  REQUIRE(w.is_open());
  // Shown twice: the window learns how long the page's exact picture takes
  // (not from the first render, which also prepares the page).
  const auto first = std::make_shared<pv::FramePage>(frame);
  for (int k = 0; k < 2; ++k) {
    w.show(first);
    REQUIRE(w.wait_idle(std::chrono::seconds(30)));
  }
  for (int k = 0; k < 2; ++k) {
    const unsigned long looks = w.look_count(), redraws = w.redraw_count();
    const auto page = std::make_shared<pv::FramePage>(frame);
    w.show(page);
    REQUIRE(w.wait_idle(std::chrono::seconds(30)));
    CHECK(w.look_count() == looks + 1);
    CHECK(w.redraw_count() == redraws + 1);
    // A draft came first: the first look reached the server before the
    // exact picture (both are the same instant when no draft is drawn).
    CHECK(w.last_look_time() < w.last_redraw_time());
    auto shot = grab(w.x_window(), kOut + "/viewer_draft_then_exact.png");
    REQUIRE(shot);
    CHECK(pink_pixels(*shot, w.strip_height()) > 50);
    CHECK(pixels_unlike_render(*shot, w, *page, {}) == 0);
  }
}

TEST_CASE("without MIT-SHM (a remote display) the window shows the same exact picture", "[x11][noshm]") {
  XvfbWithoutShm server;
  REQUIRE(!server.display().empty());
  // A red curve, 3 wide: antialiased edges, and 2e5 points (decimated to
  // pixel columns, letter marks along it).
  start_hidden_frame(7);
  std::vector<double> x(200000), y(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = 5e-5 * double(i), y[i] = std::sin(x[i]);
  plot::PlgOptions style;
  style.color = plot::Color::from_rgb(255, 0, 0);
  style.width = 3;
  plot::plg(y, x, style);
  const auto page = std::make_shared<pv::FramePage>(finish_hidden_frame(7));

  plot::WindowOptions o;
  o.display = server.display();
  pv::Window w(7, o);
  REQUIRE(w.is_open());
  for (int k = 0; k < 3; ++k) {  // the later ones after a draft (a slow page)
    w.show(page);
    REQUIRE(w.wait_idle(std::chrono::seconds(30)));
  }
  auto shot = grab(w.x_window(), kOut + "/viewer_no_shm.png", server.display());
  REQUIRE(shot);
  CHECK(pink_pixels(*shot, w.strip_height()) > 50);
  CHECK(pixels_unlike_render(*shot, w, *page, {}) == 0);
}
