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
  // Gist numbers the elements of a drawing in the order they are added,
  // whatever their system, from 0 after each fma(); a curve's letter and
  // the phase of its marks follow from its number.
  int next_number = 0;
  // The element pledit and plremove default to: system and 1-based index.
  int edit_system = -1, edit_element = 0;
  double dpi = 75;
  int width = 0, height = 0;
  std::shared_ptr<DisplaySink> display;
  std::shared_ptr<DisplaySink> browser;   // window(n, http=...): served to browsers
  std::string http;                       // ... at this address
  std::unique_ptr<FrameSink> hcp;  // the window's own hardcopy file (window(hcp=))
  std::string hcp_name;
  bool animate = false;
};

struct GistState {
  std::array<std::unique_ptr<WindowState>, 8> windows;
  int current = -1;
  Defaults defaults;
  DisplayFactory factory;
  DisplayFactory browser_factory;
  // Gist's default hardcopy file (hcp_file), for windows without their own.
  std::unique_ptr<FrameSink> default_hcp;
  std::string default_hcp_name;
  bool hcp_on = false;     // hcpon(): every fma() also goes to hardcopy
  bool dump = true;        // hcp_file(dump=): CGM files carry the palette
  bool ps_default = true;  // hcp_file(ps=): the automatic file is Aa00.ps, else Aa00.cgm
};

GistState& gist_state();

/// The current window, creating window 0 (with the defaults) if none is.
WindowState& current_window_state();

/// The current system of the current window (throws for system 0 when
/// `world` is true: NDC has no limits).
CoordSystem& current_system(bool world);

/// Opens (or with "" closes) window w's own hardcopy file.
void set_window_hcp(WindowState& w, const std::string& name, bool dump);

/// Adopts mouse-zoomed limits from the window's display, if any.
void poll_display_limits(WindowState& w);

[[noreturn]] void bad_argument(const std::string& what);

}  // namespace pargist::plot::detail
