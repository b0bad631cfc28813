// Where a world point of a live window's system lands in the window's pixels
// (status strip included), for aiming xdotool and checking screenshots.
#pragma once

#include <chrono>
#include <cmath>
#include <string>
#include <thread>

#include "pargist/viewer/window.hpp"

namespace pargist::viewer::test {

struct Probe {
  const Window& w;
  plot::Box viewport;
  int system = 1;

  double px(double x) const {
    return w.transform().to_px_x(plot::Transform{viewport, *w.drawn_limits(system)}.ndc_x(x));
  }
  double py(double y) const {
    return w.strip_height() + w.transform().to_px_y(plot::Transform{viewport, *w.drawn_limits(system)}.ndc_y(y));
  }
  std::string at(double x, double y) const {
    return std::to_string(std::lround(px(x))) + " " + std::to_string(std::lround(py(y)));
  }
};

template <class Pred>
bool wait_for(Pred pred, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return pred();
}

}  // namespace pargist::viewer::test
