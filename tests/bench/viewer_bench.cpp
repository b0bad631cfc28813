// The live window's redraw time at 600x600 (Gist's 100 dpi window): a frame
// of one 1e5-point curve and a frame of one 1000x1000 cell array, each
// re-rendered from its display list and copied to the X server, timed from
// the hand-over to the server having it on screen (XSync). Prints
// "<case> <median ms> <min ms>"; tests/bench/viewer_bench.sh compares with
// Yorick's Gist window drawing the same under the same X server.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

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

void time_redraws(pv::Window& w, const char* name, const plot::Frame& f, int repeats) {
  // Two page objects of the same frame, alternated: every show() is a full
  // re-render, never a cached copy.
  auto a = std::make_shared<pv::FramePage>(f), b = std::make_shared<pv::FramePage>(f);
  w.show(a);
  w.wait_idle(std::chrono::seconds(30));
  std::vector<double> ms;
  for (int k = 0; k < repeats; ++k) {
    const auto t0 = Clock::now();
    w.show(k % 2 ? a : b);
    w.wait_idle(std::chrono::seconds(30));
    ms.push_back(std::chrono::duration<double, std::milli>(w.last_redraw_time() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%s %.2f %.2f\n", name, ms[ms.size() / 2], ms.front());
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
  time_redraws(w, "curve1e5", frame_with(curve), repeats);
  time_redraws(w, "scatter1e5", frame_with(scatter), repeats);
  time_redraws(w, "cells1e6", frame_with(cells), repeats);
  return 0;
}
