// Internal: what the X window and the browser view share as libplot's
// displays: the sink that hands them each frame and takes their mouse
// limits back, and the registry of the live ones by Gist window number
// with Gist's zoom factor for the present and future ones.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <optional>

#include "pargist/libplot/gist.hpp"
#include "pargist/viewer/frame_page.hpp"

namespace pargist::viewer::detail {

/// View: Window or BrowserView (show, take_zoomed_limits, clear_zoom,
/// set_zoom_factor).
template <class View>
class ViewSink : public plot::DisplaySink {
 public:
  explicit ViewSink(std::shared_ptr<View> view) : view_(std::move(view)) {}

  void present(const plot::Frame& frame, bool /*finished*/) override {
    // libplot only presents what should be seen (animate mode: finished
    // frames only); the view shows the newest.
    view_->show(std::make_shared<FramePage>(frame));
  }

  std::optional<plot::Limits> zoomed_limits(int system) override {
    auto v = view_->take_zoomed_limits(system);
    if (!v) return std::nullopt;
    plot::Limits sides;  // the sides only: libplot keeps the system's log flags
    sides.set_sides(*v);
    return sides;
  }

  // Gist: limits() ends a series of mouse zooms; unzoom() then has nothing to undo.
  void limits_set(int system) override { view_->clear_zoom(system); }

 private:
  std::shared_ptr<View> view_;
};

template <class View>
class ViewRegistry {
 public:
  /// Records the view of window n (0..7), gives it the current zoom factor,
  /// and returns its sink.
  std::shared_ptr<plot::DisplaySink> add(int n, std::shared_ptr<View> view) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (zoom_factor_ != 1.5) view->set_zoom_factor(zoom_factor_);
    views_[static_cast<std::size_t>(n)] = view;
    return std::make_shared<ViewSink<View>>(std::move(view));
  }

  std::shared_ptr<View> live(int n) {
    if (n < 0 || n > 7) return nullptr;
    std::lock_guard<std::mutex> lock(mutex_);
    return views_[static_cast<std::size_t>(n)].lock();
  }

  void set_zoom_factor(double factor) {
    std::lock_guard<std::mutex> lock(mutex_);
    zoom_factor_ = factor;
    for (auto& weak : views_)
      if (auto view = weak.lock()) view->set_zoom_factor(factor);
  }

 private:
  std::mutex mutex_;
  std::array<std::weak_ptr<View>, 8> views_;
  double zoom_factor_ = 1.5;
};

}  // namespace pargist::viewer::detail
