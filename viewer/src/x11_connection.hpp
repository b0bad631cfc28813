// One X11 connection and top-level window, used by one event thread only:
// opening (with a readable reason when it fails), the back buffer (a server
// pixmap the frame is composed in, then copied to the window in one request,
// so a redraw never flickers), and waiting for either an X event or a wake-up
// from another thread (a self-pipe: the only thing other threads touch).
#pragma once

#include <X11/Xlib.h>
#include <cairo.h>

#include <string>

#include "page_image.hpp"

namespace pargist::viewer::detail {

/// Whether the server refused a MIT-SHM request of `display` since the last
/// call (such errors are taken here, not printed).
bool take_shm_error(Display* display);

class X11Connection {
 public:
  /// Opens `display_name` ("" = $DISPLAY) and a mapped top-level window of
  /// width x height, at (x, y) on the screen if both are >= 0. On failure ok() is false and error() says why.
  X11Connection(const std::string& display_name, int width, int height,
                const std::string& title, int x = -1, int y = -1);
  ~X11Connection();
  X11Connection(const X11Connection&) = delete;
  X11Connection& operator=(const X11Connection&) = delete;

  bool ok() const { return display_ != nullptr && window_ != 0 && !lost_; }
  const std::string& error() const { return error_; }
  Display* display() const { return display_; }
  ::Window window() const { return window_; }
  Atom delete_atom() const { return wm_delete_; }

  /// Any thread: make wait() return.
  void wake();
  /// Block until an X event is queued or wake() was called, at most
  /// `timeout_ms` (-1: no limit). Clears pending wake-ups.
  void wait(int timeout_ms);

  /// The user closed the window: destroy it (if `destroy`; it may be gone
  /// already) and forget it.
  void window_gone(bool destroy);
  /// The server connection died (X IO error): stop using it.
  void connection_lost(const std::string& why);

  /// (Re)size the back buffer; returns a Cairo surface on it (owned here).
  cairo_surface_t* back_buffer(int width, int height);
  /// The client-side image the page is rendered into (owned here; in
  /// memory shared with the server when it can be).
  cairo_surface_t* page_image(int width, int height);
  /// The page image was drawn anew: without shared memory, its server
  /// copy is brought up to date (one upload).
  void page_changed();
  /// Draws the page (as last rendered) at (0, y) of the back buffer.
  void page_into_back(int y);
  /// Shows the window: the back buffer's top `rows` rows, and the page
  /// below them if `page` (else the window keeps the page it shows); or,
  /// if `whole`, the whole back buffer. Returns once the server has it.
  void present(int rows, bool page, bool whole);

 private:
  struct Buffer {
    Pixmap pixmap = 0;
    cairo_surface_t* surface = nullptr;
    int width = 0, height = 0;
  };
  cairo_surface_t* ensure(Buffer& b, int width, int height);
  void release(Buffer& b);

  Display* display_ = nullptr;
  ::Window window_ = 0;
  Atom wm_delete_ = 0;
  GC gc_ = nullptr;
  int wake_pipe_[2] = {-1, -1};
  bool lost_ = false;
  std::string error_;
  Buffer back_, page_;  ///< page_: the page's server copy, without shared memory
  PageImage page_image_;
};

}  // namespace pargist::viewer::detail
