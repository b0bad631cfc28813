// The live window on rank 0: one X11 window per Gist window number, drawn
// with Cairo, double-buffered, served by its own event thread so that
// expose, resize, mouse and keys are handled while the main thread runs the
// simulation. The event thread never calls MPI or Python.
//
// A Window never throws for display problems: with no $DISPLAY, a display
// that cannot be opened, after the user closed the window or when the X
// server went away, it gives one notice (plot::notice: a line on stderr, or
// a warning on every rank from Python) and is_open() turns false; show()
// then does nothing, so hardcopy output and the simulation go on.
#pragma once

#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "pargist/libplot/gist.hpp"
#include "pargist/viewer/geometry.hpp"
#include "pargist/viewer/page.hpp"

namespace pargist::viewer {

/// pargist-view's browsing window: 'q' closes it, 'n'/'p' change page.
struct Browsing {
  bool enabled = false;
  std::string title;  ///< "" = "Gist <number>"
};

/// Gist's mouse() result: x,y pressed, x,y released (in `system`), the same
/// four in NDC, the system, the button (shift+left reports 2, alt+left 3)
/// and the modifier mask (1 shift, 2 lock, 4 control, 8 mod1, ...).
using MouseResult = std::array<double, 11>;

/// Pages for 'n' / 'p' while browsing (pargist-view): called on the event
/// thread with the wanted page index; returns nullptr past either end.
using PageProvider = std::function<std::shared_ptr<const Page>(int index)>;

class Window {
 public:
  /// Window `number` (0..7, in its title) with Gist's window options, the
  /// struct plot::window() takes: display (unset or "": $DISPLAY), dpi (75
  /// or 100), width/height of the drawing area (unset: 6 inches at dpi),
  /// xpos/ypos on the screen; the other fields are the plotting side's.
  explicit Window(int number = 0, const plot::WindowOptions& options = {}, const Browsing& browsing = {});
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  /// Open and not closed by the user (nor lost with its display).
  bool is_open() const;
  /// Why the window is not open ("" while it is).
  std::string status() const;
  int number() const;

  /// Hand over a finished frame; the newest one handed over is shown.
  /// Returns at once (drawing happens on the event thread).
  void show(std::shared_ptr<const Page> page);
  /// The page currently handed over (nullptr if none).
  std::shared_ptr<const Page> page() const;

  // --- limits set with the mouse (or the 'u' / 'l' keys) ---------------
  //
  // The window draws its pages with the limits the user set, in place of
  // the pages' own, until the plotting side has taken them over: it calls
  // take_zoomed_limits() (libplot does so in limits() and before each pp*
  // call, then keeps them as its own fixed limits), and the next page
  // handed to show() carries them, so the window's override is dropped.

  /// The limits the user imposed on system `system` (1-based) with the mouse
  /// or the keys, whether or not already taken.
  std::optional<plot::Limits> view_limits(int system) const;
  /// The limits set on `system` since the last call, if any (marks them
  /// taken: the next show() drops the override).
  std::optional<plot::Limits> take_zoomed_limits(int system);
  /// Limits of `system` as last drawn (resolved extremes included).
  std::optional<plot::Limits> drawn_limits(int system) const;
  /// Gist's unzoom (and the 'u' key): back to the limits each system had
  /// before the first mouse zoom (possibly automatic sides), and 3-D scenes
  /// back to the view the program drew.
  void unzoom();
  /// Forget mouse limits (an explicit limits(...) call takes over);
  /// system 0 means every system.
  void clear_zoom(int system = 0);
  /// Counts changes of the mouse limits, so a caller can notice new ones.
  unsigned long zoom_serial() const;
  /// Gist's zoom_factor (> 1; default 1.5).
  void set_zoom_factor(double factor);

  // --- 3-D scenes -----------------------------------------------------
  //
  // ctrl + middle drag (ctrl + shift + left) on a page with pl3d scenes
  // turns them, re-drawn from the data the page holds (no new frame); the
  // turn stays for the following frames until 'u' (or reset_turn()).

  /// The turn applied after each scene's own view (row-major rotation).
  std::array<double, 9> turn() const;
  /// Counts changes of the turn.
  unsigned long turn_serial() const;
  void reset_turn();

  /// Gist's mouse(system, style, prompt): wait for a press and release.
  /// system >= 0 reports in that system (0: NDC), < 0 in the system under
  /// the press; style 1 draws a rubber box, 2 a rubber line. Returns nothing
  /// if cancelled (second button, a key), if the window closes, or if
  /// `keep_waiting` (called every 50 ms on the calling thread, e.g. to check
  /// for Ctrl-C) returns false.
  std::optional<MouseResult> mouse(int system, int style, const std::string& prompt,
                                   const std::function<bool()>& keep_waiting = {});

  // --- browsing (pargist-view) -----------------------------------------

  /// Source of pages for 'n' / 'p'; `current` is the index shown now.
  void set_page_provider(PageProvider provider, int current);
  /// Following a growing document (pargist-view --follow): pages 0..count-1
  /// exist now. While the window shows the last page it moves on to the
  /// new last one (live); after 'p' it stays where the user went until 'f'
  /// (or End) brings it back to the last page. The strip shows "page i/n".
  void set_page_count(int count);
  /// The provider index shown now (browsing).
  int page_index() const;
  /// Block until the user closes the window (or `keep_waiting` says stop).
  void wait_closed(const std::function<bool()>& keep_waiting = {});

  // --- for tests and benchmarks ----------------------------------------

  /// The X window id (0 if not open), to aim xdotool / xwd at.
  unsigned long x_window() const;
  /// Size of the drawing area (below the status strip), in pixels.
  std::pair<int, int> area_size() const;
  /// Height of the status strip above the drawing area, in pixels.
  int strip_height() const;
  /// The NDC -> pixel map of the drawing area as last drawn.
  PageTransform transform() const;
  /// The status strip's text as last drawn.
  std::string status_text() const;
  /// Count of finished redraws (page renders copied to the screen; not the
  /// drafts shown as first looks); each carries the steady-clock time it
  /// reached the X server.
  unsigned long redraw_count() const;
  std::chrono::steady_clock::time_point last_redraw_time() const;
  /// Count of first looks: the first picture of each new page or view,
  /// shown as a draft when its exact picture is slow (the exact one, which
  /// redraw_count() counts, follows once nothing else waits), or the exact
  /// picture itself; each with the time it reached the X server.
  unsigned long look_count() const;
  std::chrono::steady_clock::time_point last_look_time() const;
  /// Count of Expose events answered (copies from the back buffer).
  unsigned long expose_count() const;
  std::chrono::steady_clock::time_point last_expose_time() const;
  /// Wait until the event thread has drawn everything handed to it so far.
  bool wait_idle(std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;
  /// Name of the PNG the 's' key wrote last ("" if none).
  std::string last_saved_png() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace pargist::viewer
