// The browser view: rank 0 serves a window's frames over HTTP to any number
// of browsers (window(n, http=PORT), or $PARGIST_HTTP for window 0). The
// page (plain HTML and JavaScript compiled into the library) shows the
// newest frame and takes the mouse as Gist's window does; a zoom there is
// re-rendered at once and, as in the X window, becomes the limits of the
// next pp* call.
//
// Rendering, PNG encoding and serving happen on threads of their own: the
// caller's cost per frame is handing over a page. A browser that reads
// slowly or not at all gets the newest frame when it asks again, never a
// queue. The server listens on the loopback interface unless told
// otherwise, and every request must carry the random token in the URL it
// prints (403 otherwise); it serves the page and the frames, nothing from
// the file system.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "pargist/viewer/geometry.hpp"
#include "pargist/viewer/page.hpp"

namespace pargist::viewer {

/// Where to listen: "PORT", ":PORT" or "HOST:PORT" (an IPv4 address;
/// "0.0.0.0" for every interface). Port 0 picks a free port.
struct BrowserAddress {
  std::string host = "127.0.0.1";
  int port = 0;
};
/// Parses the text above; throws std::invalid_argument naming what is wrong.
BrowserAddress parse_browser_address(const std::string& text);

struct BrowserOptions {
  int number = 0;             ///< Gist window number (in the page's title)
  BrowserAddress address;
  int dpi = 75;               ///< as the window's: the image is Gist's 6 inches at dpi
  int width = 0, height = 0;  ///< image size in pixels (0: from dpi)
  std::string token;          ///< "" = a new random one
};

class BrowserView {
 public:
  /// Starts serving; throws std::runtime_error when it cannot listen.
  explicit BrowserView(const BrowserOptions& options);
  ~BrowserView();  ///< stops serving (open requests end at once)
  BrowserView(const BrowserView&) = delete;
  BrowserView& operator=(const BrowserView&) = delete;

  /// Hands over a finished page; returns at once.
  void show(std::shared_ptr<const Page> page);

  /// Limits set from a browser, as Window's: see window.hpp.
  std::optional<plot::Limits> take_zoomed_limits(int system);
  std::optional<plot::Limits> view_limits(int system) const;
  void unzoom();
  /// Forget the mouse zooms of `system` (0: all): the program set limits.
  void clear_zoom(int system = 0);
  void set_zoom_factor(double factor);

  /// http://HOST:PORT/?token=TOKEN
  std::string url() const;
  int port() const;
  const std::string& token() const;

  /// Counters for tests and benchmarks.
  struct Stats {
    unsigned long pages = 0;    ///< pages handed over
    unsigned long images = 0;   ///< images rendered and encoded
    unsigned long sent = 0;     ///< images sent to browsers
    double last_encode_ms = 0;  ///< render + PNG of the last image
  };
  Stats stats() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

/// Registers the browser view as libplot's browser factory (idempotent):
/// window(n, http=...) then serves window n, and prints its address once.
/// A server that cannot start gives one warning; the run goes on.
void install_browser_factory();

/// The browser view of Gist window n, or nullptr.
std::shared_ptr<BrowserView> live_browser(int n);

}  // namespace pargist::viewer
