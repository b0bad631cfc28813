// Window's public side: everything here runs on the caller's thread and only
// touches the mailbox (see window_impl.hpp); the drawing is event_loop.cpp.
#include <cstdio>

#include "window_impl.hpp"

namespace pargist::viewer {

Window::Window(int number, const plot::WindowOptions& options, const Browsing& browsing)
    : impl_(std::make_unique<Impl>(number, options, browsing)) {}
Window::~Window() = default;

bool Window::is_open() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->open_;
}

std::string Window::status() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->status_;
}

int Window::number() const { return impl_->number_; }

void Window::show(std::shared_ptr<const Page> page) {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex_);
    impl_->page_ = std::move(page);
    impl_->zoom_.page_arrived();
    if (!impl_->open_) return;
    impl_->page_changed_ = true;
    ++impl_->requested_;
  }
  impl_->wake();
}

std::shared_ptr<const Page> Window::page() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->page_;
}

std::optional<plot::Limits> Window::view_limits(int system) const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->zoom_.get(system);
}

std::optional<plot::Limits> Window::take_zoomed_limits(int system) {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->zoom_.take(system);
}

std::optional<plot::Limits> Window::drawn_limits(int system) const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  for (const SystemGeometry& s : impl_->drawn_)
    if (s.id == system) return s.drawn.limits;
  return std::nullopt;
}

void Window::unzoom() {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex_);
    bool changed = impl_->zoom_.unzoom();
    if (impl_->turn_ != ViewOptions{}.turn) {
      impl_->turn_ = ViewOptions{}.turn;
      ++impl_->turn_serial_;
      changed = true;
    }
    if (!changed) return;
    impl_->view_changed_ = true;
    ++impl_->requested_;
  }
  impl_->wake();
}

void Window::clear_zoom(int system) {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex_);
    if (!impl_->zoom_.clear(system)) return;
    impl_->view_changed_ = true;
    ++impl_->requested_;
  }
  impl_->wake();
}

unsigned long Window::zoom_serial() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->zoom_.serial();
}

std::array<double, 9> Window::turn() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->turn_;
}

unsigned long Window::turn_serial() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->turn_serial_;
}

void Window::reset_turn() {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex_);
    if (impl_->turn_ == ViewOptions{}.turn) return;
    impl_->turn_ = ViewOptions{}.turn;
    ++impl_->turn_serial_;
    impl_->view_changed_ = true;
    ++impl_->requested_;
  }
  impl_->wake();
}

void Window::set_zoom_factor(double factor) {
  ZoomController check;
  check.set_zoom_factor(factor);  // throws for factor <= 1
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  impl_->zoom_factor_ = factor;
}

std::optional<MouseResult> Window::mouse(int system, int style, const std::string& prompt,
                                         const std::function<bool()>& keep_waiting) {
  std::unique_lock<std::mutex> lock(impl_->mutex_);
  if (!impl_->open_) return std::nullopt;
  impl_->pick_ = Impl::Pick{true, system, style, prompt, false, std::nullopt};
  ++impl_->requested_;
  impl_->wake();
  for (;;) {
    impl_->changed_.wait_for(lock, std::chrono::milliseconds(50));
    if (impl_->pick_.done || !impl_->open_) break;
    if (keep_waiting) {
      lock.unlock();
      const bool go_on = keep_waiting();
      lock.lock();
      if (!go_on) break;
    }
  }
  std::optional<MouseResult> result = impl_->pick_.done ? impl_->pick_.result : std::nullopt;
  impl_->pick_ = Impl::Pick{};
  ++impl_->requested_;  // the prompt leaves the strip
  impl_->wake();
  return result;
}

void Window::set_page_provider(PageProvider provider, int current) {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  impl_->provider_ = std::move(provider);
  impl_->provider_index_ = current;
}

void Window::set_page_count(int count) {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex_);
    const bool live = impl_->page_count_ == 0 || impl_->provider_index_ >= impl_->page_count_ - 1;
    impl_->page_count_ = count;
    if (live && count > 0 && (impl_->provider_index_ != count - 1 || !impl_->page_)) {
      impl_->live_jump_ = count - 1;
      impl_->live_jump_from_ = impl_->provider_index_;
    }
    ++impl_->requested_;  // the strip's "page i/n" changes in any case
  }
  impl_->wake();
}

int Window::page_index() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->provider_index_;
}

void Window::wait_closed(const std::function<bool()>& keep_waiting) {
  std::unique_lock<std::mutex> lock(impl_->mutex_);
  while (impl_->open_) {
    impl_->changed_.wait_for(lock, std::chrono::milliseconds(50));
    if (keep_waiting) {
      lock.unlock();
      const bool go_on = keep_waiting();
      lock.lock();
      if (!go_on) return;
    }
  }
}

unsigned long Window::x_window() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->open_ ? impl_->x_window_id_ : 0;
}

std::pair<int, int> Window::area_size() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return {impl_->area_width_, impl_->area_height_};
}

int Window::strip_height() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->strip_height_;
}

PageTransform Window::transform() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->transform_;
}

std::string Window::status_text() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->status_text_;
}

unsigned long Window::redraw_count() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->redraws_;
}

std::chrono::steady_clock::time_point Window::last_redraw_time() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->redraw_time_;
}

unsigned long Window::look_count() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->looks_;
}

std::chrono::steady_clock::time_point Window::last_look_time() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->look_time_;
}

unsigned long Window::expose_count() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->exposes_;
}

std::chrono::steady_clock::time_point Window::last_expose_time() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->expose_time_;
}

bool Window::wait_idle(std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(impl_->mutex_);
  const unsigned long target = impl_->requested_;
  return impl_->changed_.wait_for(lock, timeout, [&] {
    return !impl_->open_ || impl_->served_ >= target;
  });
}

std::string Window::last_saved_png() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->saved_png_;
}

}  // namespace pargist::viewer
