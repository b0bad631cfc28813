// The X window as libplot's display (view_sink.hpp), the registry of live
// windows by Gist window number, and Gist's window-level calls.
#include "pargist/viewer/display.hpp"

#include <mutex>

#include "browser/browser_registry.hpp"
#include "pargist/libplot/gist.hpp"
#include "pargist/viewer/zoom.hpp"
#include "view_sink.hpp"

namespace pargist::viewer {

namespace {

detail::ViewRegistry<Window>& registry() {
  static detail::ViewRegistry<Window> r;
  return r;
}

std::shared_ptr<plot::DisplaySink> open_sink(int n, const std::string& display,
                                             const plot::WindowOptions& o) {
  plot::WindowOptions on_display = o;
  on_display.display = display;
  auto window = std::make_shared<Window>(n, on_display);
  if (!window->is_open()) return nullptr;  // warned once already; hardcopy goes on
  return registry().add(n, std::move(window));
}

}  // namespace

void install_display_factory() {
  static std::once_flag once;
  std::call_once(once, [] { plot::set_display_factory(open_sink); });
}

std::shared_ptr<Window> live_window(int n) { return registry().live(n); }

void unzoom(int n) {
  if (auto w = live_window(n)) w->unzoom();
  detail::unzoom_browser(n);
}

void set_zoom_factor(double factor) {
  ZoomController check;
  check.set_zoom_factor(factor);  // throws unless > 1
  registry().set_zoom_factor(factor);
  detail::set_browsers_zoom_factor(factor);
}

std::optional<MouseResult> mouse(int n, int system, int style, const std::string& prompt,
                                 const std::function<bool()>& keep_waiting) {
  auto w = live_window(n);
  if (!w) return std::nullopt;
  return w->mouse(system, style, prompt, keep_waiting);
}

}  // namespace pargist::viewer
