// libplot's DisplaySink implemented by a Window, and the registry of live
// windows by Gist window number.
#include "pargist/viewer/display.hpp"

#include <array>
#include <atomic>
#include <mutex>

#include "pargist/libplot/gist.hpp"
#include "pargist/viewer/frame_page.hpp"
#include "pargist/viewer/zoom.hpp"

namespace pargist::viewer {

namespace {

struct Registry {
  std::mutex mutex;
  std::array<std::weak_ptr<Window>, 8> windows;
  double zoom_factor = 1.5;
};

Registry& registry() {
  static Registry r;
  return r;
}

class WindowSink : public plot::DisplaySink {
 public:
  explicit WindowSink(std::shared_ptr<Window> window) : window_(std::move(window)) {}

  void present(const plot::Frame& frame, bool /*finished*/) override {
    // libplot only presents what should be seen (animate mode: finished
    // frames only); the window shows the newest.
    window_->show(std::make_shared<FramePage>(frame));
  }

  std::optional<plot::Limits> zoomed_limits(int system) override {
    auto v = window_->take_zoomed_limits(system);
    if (!v) return std::nullopt;
    plot::Limits sides;  // the sides only: libplot keeps the system's log flags
    sides.set_sides(*v);
    return sides;
  }

 private:
  std::shared_ptr<Window> window_;
};

std::shared_ptr<plot::DisplaySink> open_sink(int n, const std::string& display,
                                             const plot::WindowOptions& o) {
  plot::WindowOptions on_display = o;
  on_display.display = display;
  auto window = std::make_shared<Window>(n, on_display);
  if (!window->is_open()) return nullptr;  // warned once already; hardcopy goes on

  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  if (r.zoom_factor != 1.5) window->set_zoom_factor(r.zoom_factor);
  r.windows[static_cast<std::size_t>(n)] = window;
  return std::make_shared<WindowSink>(window);
}

}  // namespace

void install_display_factory() {
  static std::once_flag once;
  std::call_once(once, [] { plot::set_display_factory(open_sink); });
}

std::shared_ptr<Window> live_window(int n) {
  if (n < 0 || n > 7) return nullptr;
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  return r.windows[static_cast<std::size_t>(n)].lock();
}

void unzoom(int n) {
  if (auto w = live_window(n)) w->unzoom();
}

void set_zoom_factor(double factor) {
  ZoomController check;
  check.set_zoom_factor(factor);  // throws unless > 1
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.zoom_factor = factor;
  for (auto& weak : r.windows)
    if (auto w = weak.lock()) w->set_zoom_factor(factor);
}

std::optional<MouseResult> mouse(int n, int system, int style, const std::string& prompt,
                                 const std::function<bool()>& keep_waiting) {
  auto w = live_window(n);
  if (!w) return std::nullopt;
  return w->mouse(system, style, prompt, keep_waiting);
}

}  // namespace pargist::viewer
