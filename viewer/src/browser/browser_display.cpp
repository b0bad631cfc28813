// The browser view as libplot's browser sink: window(n, http=...) serves
// window n; each fma()/redraw() hands it the frame, and the limits set from
// a browser flow back into limits() and the next pp* call, as the X
// window's do. Also the parsing of http= addresses.
#include <unistd.h>

#include <cstdio>
#include <mutex>
#include <stdexcept>

#include "browser_registry.hpp"
#include "pargist/libplot/gist.hpp"
#include "pargist/viewer/browser.hpp"
#include "view_sink.hpp"

namespace pargist::viewer {

namespace {

detail::ViewRegistry<BrowserView>& registry() {
  static detail::ViewRegistry<BrowserView> r;
  return r;
}

std::string this_host() {
  char name[256] = "";
  if (::gethostname(name, sizeof name - 1) != 0 || !name[0]) return "<rank 0's node>";
  return name;
}

std::shared_ptr<plot::DisplaySink> open_sink(int n, const std::string& address, const plot::WindowOptions& o) {
  BrowserOptions bo;
  bo.number = n;
  bo.address = parse_browser_address(address);  // bad input: std::invalid_argument
  if (o.dpi) bo.dpi = static_cast<int>(*o.dpi + 0.5);
  if (o.width) bo.width = *o.width;
  if (o.height) bo.height = *o.height;
  std::shared_ptr<BrowserView> view;
  try {
    view = std::make_shared<BrowserView>(bo);
  } catch (const std::exception& e) {
    // As a display that cannot open: one warning, the run goes on.
    std::fprintf(stderr, "pargist: warning: window %d: no browser view (%s); plotting goes on\n", n, e.what());
    return nullptr;
  }
  // Printed once, as Jupyter does: the token is in the address.
  std::fprintf(stderr,
               "pargist: window %d in a browser: %s\n"
               "pargist:   from your desk: ssh -N -L %d:localhost:%d %s (add -J <login node> to go through it), "
               "then open the address above\n",
               n, view->url().c_str(), view->port(), view->port(), this_host().c_str());
  std::fflush(stderr);
  return registry().add(n, std::move(view));
}

int parse_port(const std::string& text, const std::string& whole) {
  std::size_t used = 0;
  long port = -1;
  try {
    port = std::stol(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (text.empty() || used != text.size() || port < 0 || port > 65535 || text[0] == '+' || text[0] == '-')
    throw std::invalid_argument("http: the port must be 0..65535 (0: any free port), got \"" + whole + "\"");
  return static_cast<int>(port);
}

}  // namespace

BrowserAddress parse_browser_address(const std::string& text) {
  BrowserAddress a;
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) {
    a.port = parse_port(text, text);
    return a;
  }
  const std::string host = text.substr(0, colon);
  a.port = parse_port(text.substr(colon + 1), text);
  if (!host.empty()) {
    // An IPv4 address in dotted form: what the server can listen on.
    int parts = 0, value = -1;
    bool ok = true;
    for (char c : host + ".") {
      if (c == '.') {
        ok = ok && value >= 0 && value <= 255;
        ++parts;
        value = -1;
      } else if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        ok = ok && value <= 255;
      } else {
        ok = false;
      }
    }
    if (!ok || parts != 4)
      throw std::invalid_argument("http: the host must be an IPv4 address such as 127.0.0.1 or 0.0.0.0, got \"" +
                                  text + "\"");
    a.host = host;
  }
  return a;
}

void install_browser_factory() {
  static std::once_flag once;
  std::call_once(once, [] { plot::set_browser_factory(open_sink); });
}

std::shared_ptr<BrowserView> live_browser(int n) { return registry().live(n); }

namespace detail {

void unzoom_browser(int n) {
  if (auto view = live_browser(n)) view->unzoom();
}

void set_browsers_zoom_factor(double factor) { registry().set_zoom_factor(factor); }

}  // namespace detail

}  // namespace pargist::viewer
