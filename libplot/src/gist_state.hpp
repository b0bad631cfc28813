// Internal: the state behind the Gist API (windows, their frames and sinks).
#pragma once

#include <array>
#include <memory>
#include <string>

#include "pargist/libplot/gist.hpp"
#include "pargist/libplot/hardcopy.hpp"

namespace pargist::plot::detail {

struct WindowState {
  Frame frame;
  int system = 1;  // current coordinate system
  double dpi = 75;
  int width = 0, height = 0;
  std::shared_ptr<DisplaySink> display;
  std::shared_ptr<DisplaySink> browser;   // window(n, http=...): served to browsers
  std::string http;                       // ... at this address
  std::unique_ptr<FrameSink> hcp;
  std::string hcp_name;   // the name asked for (hcp_file or window's hcp=)
  bool hcp_on = false;
  bool animate = false;
};

struct GistState {
  std::array<std::unique_ptr<WindowState>, 8> windows;
  int current = -1;
  Defaults defaults;
  DisplayFactory factory;
  DisplayFactory browser_factory;
};

GistState& gist_state();

/// The current window, creating window 0 (with the defaults) if none is.
WindowState& current_window_state();

/// The current system of the current window (throws for system 0 when
/// `world` is true: NDC has no limits).
CoordSystem& current_system(bool world);

/// Adopts mouse-zoomed limits from the window's display, if any.
void poll_display_limits(WindowState& w);

[[noreturn]] void bad_argument(const std::string& what);

}  // namespace pargist::plot::detail
