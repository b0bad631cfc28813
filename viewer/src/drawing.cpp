// What the event thread draws: the page rendered client-side into an image
// (then kept server-side), and the composed window (status strip + page +
// rubber band) in the back buffer, copied to the window in one request.
#include <cairo.h>

#include <cstdio>
#include <cstring>
#include <exception>

#include "pargist/libplot/hardcopy.hpp"

#include "status_strip.hpp"
#include "window_impl.hpp"

namespace pargist::viewer {

namespace {

// The page's background (Gist's bg, white) before each render: opaque white
// ARGB32 is all-ones bytes, and memset writes them about twice as fast as
// Cairo's solid fill (pixman's SSE2 loop), a fixed cost of every zoom.
void clear_to_white(cairo_surface_t* image) {
  cairo_surface_flush(image);
  unsigned char* pixels = cairo_image_surface_get_data(image);
  if (pixels) {
    std::memset(pixels, 0xff, std::size_t(cairo_image_surface_get_stride(image)) *
                                  std::size_t(cairo_image_surface_get_height(image)));
    cairo_surface_mark_dirty(image);
  } else {  // not an image in memory: Cairo paints it
    cairo_t* cr = cairo_create(image);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_destroy(cr);
  }
}

}  // namespace

void Window::Impl::render_page(const ViewOptions& view) {
  const int w = width_, h = height_ - strip_;
  t_ = PageTransform::gist_view(w, h);
  // ARGB32: libplot composites markers straight into such images (its fast path).
  page_image_ = x_->page_image(w, h);
  clear_to_white(page_image_);
  cairo_t* cr = cairo_create(page_image_);
  systems_.clear();
  if (shown_) {
    try {
      systems_ = shown_->render(cr, t_, view);
    } catch (const std::exception& err) {
      // A bad page must not take the window (or the job) down.
      message_ = std::string("cannot draw: ") + err.what();
    }
  }
  cairo_destroy(cr);
  x_->page_changed();
  page_on_window_ = false;
  need_render_ = false;
  need_compose_ = true;
}

void Window::Impl::present_again() {
  x_->present(strip_, true, overlay_shown_);
  page_on_window_ = !overlay_shown_;
}

void Window::Impl::compose() {
  cairo_t* cr = cairo_create(x_->back_buffer(width_, height_));

  // The strip: pointer coordinates left; prompt, message or frame right.
  std::string left, right;
  if (pointer_x_ >= 0 && pointer_y_ >= strip_)
    left = detail::pointer_text(locate(systems_, t_, pointer_x_, pointer_y_ - strip_), systems_);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (pick_.wanted && !pick_.done) right = pick_.prompt.empty() ? "click" : pick_.prompt;
  }
  if (right.empty()) right = message_;
  if (right.empty()) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (page_count_ > 0) {  // following a growing document
      right = "page " + std::to_string(provider_index_ + 1) + "/" + std::to_string(page_count_);
      right += provider_index_ + 1 >= page_count_ ? " live" : "  f: live";
    }
  }
  if (right.empty()) right = shown_ ? "frame " + std::to_string(shown_->number()) : "no frame";
  detail::draw_status_strip(cr, width_, strip_, left, right);


  // Rubber band of a ctrl+left zoom, or of mouse(style=1/2): drawn over
  // the page in the back buffer, shown whole. Else only the strip goes
  // through the back buffer, and the page straight to the window (when
  // the window does not show it already).
  const auto band = zoom_ctl_.rubber_band();
  const bool pick_line = pick_pressed_ && pointer_x_ >= 0 && (pick_style_ == 1 || pick_style_ == 2);
  const bool overlay = band || pick_line;
  if (overlay) x_->page_into_back(strip_);
  cairo_set_line_width(cr, 1.0);
  cairo_set_source_rgb(cr, 0.8, 0, 0);
  const double dash[] = {4.0, 3.0};
  cairo_set_dash(cr, dash, 2, 0);
  if (band) {
    cairo_rectangle(cr, band->x0 + 0.5, band->y0 + strip_ + 0.5, band->x1 - band->x0,
                    band->y1 - band->y0);
    cairo_stroke(cr);
  } else if (pick_line) {
    const double x0 = pick_x0_ + 0.5, y0 = pick_y0_ + strip_ + 0.5;
    if (pick_style_ == 1) {
      cairo_rectangle(cr, x0, y0, pointer_x_ - pick_x0_, pointer_y_ - strip_ - pick_y0_);
    } else {
      cairo_move_to(cr, x0, y0);
      cairo_line_to(cr, pointer_x_ + 0.5, pointer_y_ + 0.5);
    }
    cairo_stroke(cr);
  }
  cairo_destroy(cr);
  x_->present(strip_, !page_on_window_ || overlay_shown_, overlay);
  page_on_window_ = !overlay;
  overlay_shown_ = overlay;
  need_compose_ = false;
  need_present_ = false;

  std::lock_guard<std::mutex> lock(mutex_);
  status_text_ = left + " | " + right;
}

void Window::Impl::save_png() {
  if (!page_image_) return;
  char name[64];
  std::snprintf(name, sizeof name, "pargist-w%d-%04d.png", number_,
                shown_ ? shown_->number() : 0);
  // Through libplot's PNG writer: the file appears whole or not at all.
  cairo_surface_flush(page_image_);
  plot::RasterImage image;
  image.width = cairo_image_surface_get_width(page_image_);
  image.height = cairo_image_surface_get_height(page_image_);
  image.argb.resize(static_cast<std::size_t>(image.width) * image.height);
  const unsigned char* data = cairo_image_surface_get_data(page_image_);
  const int stride = cairo_image_surface_get_stride(page_image_);
  for (int y = 0; y < image.height; ++y)
    std::memcpy(&image.argb[static_cast<std::size_t>(y) * image.width], data + static_cast<std::size_t>(y) * stride,
                static_cast<std::size_t>(image.width) * 4);
  try {
    plot::write_png_image(image, name, {{"Software", "pargist"}});
    message_ = std::string("saved ") + name;
    std::lock_guard<std::mutex> lock(mutex_);
    saved_png_ = name;
  } catch (const std::exception& err) {
    // Asked for on this thread, not by a call of the plotting side: a
    // notice, never an exception in the simulation.
    message_ = std::string("cannot save ") + name;
    notify(std::string("the snapshot ('s') failed: ") + err.what());
  }
  need_compose_ = true;
}

void Window::Impl::change_page(int delta) {
  int index;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    index = provider_index_ + delta;
  }
  go_to_page(index, false);
}

void Window::Impl::go_to_page(int index, bool quiet) {
  PageProvider provider;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    provider = provider_;
  }
  if (!provider) return;
  std::shared_ptr<const Page> next;
  try {
    next = provider(index);
  } catch (const std::exception& err) {
    message_ = std::string("cannot read page: ") + err.what();
    need_compose_ = true;
    return;
  }
  if (!next) {
    if (!quiet) {
      int shown;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        shown = provider_index_;
      }
      message_ = index > shown ? "last page" : "first page";
    }
    need_compose_ = true;
    return;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  page_ = shown_ = std::move(next);
  provider_index_ = index;
  message_.clear();
  need_render_ = true;
}

}  // namespace pargist::viewer
