// The window's event thread: X events in, pages drawn, the back buffer copied
// out. It never calls MPI or Python, and it holds the mailbox mutex only to
// exchange requests and results, never while drawing.
#include <X11/Xutil.h>
#include <X11/keysym.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <exception>

#include "pargist/libplot/pl3d.hpp"
#include "status_strip.hpp"
#include "window_impl.hpp"

namespace pargist::viewer {

namespace {

int default_area(int dpi) { return 6 * dpi; }  // Gist: a 6-inch square

// An exact (antialiased) render slower than this is preceded by a draft of
// the same view (about what Gist's own window takes to redraw a big frame,
// tests/bench/results/viewer.md), if drafts take under kDraftShare of it:
// else the draft would only delay the exact picture (a cell array's draft
// costs what its exact picture does).
constexpr double kDraftFirstMs = 2.0;
constexpr double kDraftShare = 0.75;

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

Window::Impl::Impl(int number, const plot::WindowOptions& options, const Browsing& browsing)
    : number_(number), browsing_(browsing) {
  const int dpi = options.dpi && *options.dpi > 0 ? static_cast<int>(*options.dpi + 0.5) : 75;
  const int area_w = options.width.value_or(0) > 0 ? *options.width : default_area(dpi);
  const int area_h = options.height.value_or(0) > 0 ? *options.height : default_area(dpi);
  strip_ = detail::strip_height_for(dpi);
  width_ = area_w;
  height_ = area_h + strip_;
  const std::string title = browsing_.title.empty() ? "Gist " + std::to_string(number_) : browsing_.title;

  x_ = std::make_unique<detail::X11Connection>(options.display.value_or(""), width_, height_, title,
                                               options.xpos.value_or(-1), options.ypos.value_or(-1));
  if (!x_->ok()) {
    // One warning per process: a script opening windows in a loop on a
    // display-less node should not repeat it.
    static std::atomic<bool> warned{false};
    status_ = x_->error();
    if (!warned.exchange(true))
      notify("no live window (" + status_ + "); plotting goes on to the hardcopy files");
    x_.reset();
    return;
  }
  open_ = true;
  x_window_id_ = x_->window();
  strip_height_ = strip_;
  area_width_ = area_w;
  area_height_ = area_h;
  transform_ = t_ = PageTransform::gist_view(area_w, area_h);
  thread_ = std::thread(&Impl::run, this);

  // Return once the window is on the screen (first Expose), as Gist does.
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait_for(lock, std::chrono::seconds(2), [&] { return exposes_ > 0 || !open_; });
}

Window::Impl::~Impl() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    quit_ = true;
  }
  wake();
  if (thread_.joinable()) thread_.join();
  x_.reset();
}

void Window::Impl::wake() {
  if (x_) x_->wake();
}

void Window::Impl::notify(const std::string& what) const {
  // libplot passes it on: once on stderr, or to the Python module, which
  // warns every rank at the next collective output call.
  plot::notice("window " + std::to_string(number_) + ": " + what);
}

void Window::Impl::close_locked(const std::string& why) {
  if (!open_) return;
  open_ = false;
  status_ = why;
  served_ = requested_;
  if (!browsing_.enabled) notify(why + "; plotting goes on to the hardcopy files");
  changed_.notify_all();
}

void Window::Impl::run() {
  for (;;) {
    x_->wait(-1);
    Display* dpy = x_->display();
    while (x_->ok() && XPending(dpy) > 0) {
      XEvent e;
      XNextEvent(dpy, &e);
      handle(e);
    }

    unsigned long target;
    ViewOptions view;
    int jump = -1;  // a new last page while following live (set_page_count)
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (quit_) return;
      if (live_jump_ >= 0 && provider_index_ == live_jump_from_) jump = live_jump_;
      live_jump_ = -1;
      if (open_ && !x_->ok())
        close_locked(x_->window() == 0 ? "closed by the user" : x_->error());
      if (!open_) {
        changed_.notify_all();
        return;
      }
      if (page_changed_) {
        shown_ = page_;
        page_changed_ = false;
        need_render_ = true;
      }
      if (view_changed_) {
        view_changed_ = false;
        need_render_ = true;
      }
      if (zoom_factor_ != zoom_ctl_.zoom_factor()) zoom_ctl_.set_zoom_factor(zoom_factor_);
      if (pick_.wanted || need_render_) need_compose_ = true;  // prompt shown / page changed
      view.limits = zoom_.overrides();
      if (pan_preview_ && pan_preview_->system < int(systems_.size())) {
        const plot::Limits& l = pan_preview_->limits;  // fixed, as the zoom at release
        view.limits[systems_[std::size_t(pan_preview_->system)].id] = plot::Limits::fixed(l.xmin, l.xmax, l.ymin, l.ymax);
        view.draft = true;
      } else if (draft_shown_) {
        need_render_ = true;  // the gesture ended without a zoom: the exact page again
      }
      view.grid = grid_;
      view.turn = turn_;
      target = requested_;
    }

    // Fetched here, on the event thread, like 'n' and 'p'; drawn below, as
    // part of the requests counted in `target`.
    if (jump >= 0) go_to_page(jump, true);
    const bool fresh = need_render_;  // a new page or view (not only the exact picture of one)
    const bool rendered = need_render_ || exact_due_;
    bool looked = false;  // a draft of the new page or view was shown first
    if (fresh && !view.draft && !draft_shown_ && exact_ms_ >= kDraftFirstMs &&
        draft_ms_ < kDraftShare * exact_ms_) {
      ViewOptions quick = view;
      quick.draft = true;
      const auto t0 = std::chrono::steady_clock::now();
      const bool timed = prepared();
      render_page(quick);
      if (timed) draft_ms_ = ms_since(t0);
      compose();
      looked = exact_due_ = true;
      std::lock_guard<std::mutex> lock(mutex_);
      ++looks_;
      look_time_ = std::chrono::steady_clock::now();
      drawn_ = systems_;
      transform_ = t_;
    }
    if (rendered && !(looked && !still())) {
      const auto t0 = std::chrono::steady_clock::now();
      const bool timed = prepared();
      render_page(view);
      if (timed) (view.draft ? draft_ms_ : exact_ms_) = ms_since(t0);
      draft_shown_ = view.draft;
      exact_due_ = false;
    }
    if (need_compose_) compose();
    else if (need_present_) present_again();
    const bool presented = rendered || need_present_;
    need_present_ = false;

    std::lock_guard<std::mutex> lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (rendered && !exact_due_) {
      ++redraws_;
      redraw_time_ = now;
      if (!looked && fresh) {  // shown at once: the first look is this picture
        ++looks_;
        look_time_ = now;
      }
      drawn_ = systems_;
      transform_ = t_;
      area_width_ = width_;
      area_height_ = height_ - strip_;
    }
    if (presented && expose_pending_) {
      ++exposes_;
      expose_time_ = now;
    }
    expose_pending_ = false;
    if (!exact_due_) served_ = target;  // idle means the exact picture is shown
    changed_.notify_all();
  }
}

bool Window::Impl::prepared() {
  // A page's first render also prepares it (FramePage: its frame copied,
  // cells scaled): not what a draft or an exact picture of it costs after.
  const bool seen = shown_.get() == timed_page_;
  timed_page_ = shown_.get();
  return seen;
}

bool Window::Impl::still() {
  if (x_->ok() && XPending(x_->display()) > 0) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  return !page_changed_ && !view_changed_ && !quit_;
}

void Window::Impl::handle(XEvent& e) {
  switch (e.type) {
    case Expose:
      // The back buffer holds the whole picture: copy it, never re-render.
      expose_pending_ = true;
      need_present_ = true;
      break;
    case ConfigureNotify:
      on_resize(e.xconfigure.width, e.xconfigure.height);
      break;
    case ButtonPress:
      on_press(e.xbutton);
      break;
    case ButtonRelease:
      on_release(e.xbutton);
      break;
    case MotionNotify: {
      // Only the newest position matters, of the motions queued right
      // behind this one: a motion after a press or a release must stay
      // after it (a busy window would otherwise see a drag's motions before
      // its press).
      Display* dpy = x_->display();
      XEvent next;
      while (XPending(dpy) > 0 && (XPeekEvent(dpy, &next), next.type == MotionNotify) &&
             next.xmotion.window == e.xmotion.window)
        XNextEvent(dpy, &e);
      on_motion(e.xmotion.x, e.xmotion.y);
      break;
    }
    case LeaveNotify:
      pointer_x_ = pointer_y_ = -1;
      need_compose_ = true;
      break;
    case KeyPress:
      on_key(e.xkey);
      break;
    case ClientMessage:
      if (static_cast<Atom>(e.xclient.data.l[0]) == x_->delete_atom()) x_->window_gone(true);
      break;
    case DestroyNotify:
      if (e.xdestroywindow.window == x_->window()) x_->window_gone(false);
      break;
    default:
      break;
  }
}

void Window::Impl::on_resize(int width, int height) {
  if (width == width_ && height == height_) return;
  width_ = std::max(width, 1);
  height_ = std::max(height, strip_ + 1);
  need_render_ = true;
}

void Window::Impl::on_press(const XButtonEvent& b) {
  const unsigned mods = b.state & 0xffu;
  const int y = b.y - strip_;
  bool picking;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    picking = pick_.wanted && !pick_.done;
    pick_system_ = pick_.system;
    pick_style_ = pick_.style;
    if (picking && pick_pressed_) {  // a second button cancels mouse()
      pick_pressed_ = false;
      pick_.done = true;
      pick_.result.reset();
      changed_.notify_all();
      need_compose_ = true;
      return;
    }
  }
  // ctrl + middle (ctrl + shift + left) drag on a page with 3-D scenes
  // turns them; elsewhere it pans, as middle does.
  if (!picking && !zoom_ctl_.active() && effective_button(static_cast<int>(b.button), mods) == 2 &&
      (mods & kControl) && shown_ && shown_->has_3d()) {
    turning_ = true;
    turn_x_ = b.x;
    turn_y_ = b.y;
    need_compose_ = true;
    return;
  }
  if (turning_) {  // a second button ends the turn
    turning_ = false;
    return;
  }
  if (picking) {
    pick_pressed_ = true;
    pick_button_ = effective_button(static_cast<int>(b.button), mods);
    pick_mods_ = mods;
    pick_x0_ = b.x;
    pick_y0_ = y;
    pointer_x_ = b.x;
    pointer_y_ = b.y;
  } else {
    zoom_ctl_.press(static_cast<int>(b.button), mods, b.x, y, systems_, t_);
    if (!zoom_ctl_.active()) pan_preview_.reset();  // cancelled
  }
  need_compose_ = true;
}

void Window::Impl::on_release(const XButtonEvent& b) {
  const int y = b.y - strip_;
  if (turning_) {
    turn_by(b.x - turn_x_, b.y - turn_y_);
    turning_ = false;
    return;
  }
  if (pick_pressed_) {
    pick_pressed_ = false;
    const MouseResult r = mouse_result(systems_, t_, pick_system_, pick_x0_, pick_y0_, b.x, y,
                                       pick_button_, pick_mods_);
    std::lock_guard<std::mutex> lock(mutex_);
    pick_.done = true;
    pick_.result = r;
    changed_.notify_all();
    need_compose_ = true;
    return;
  }
  const auto result = zoom_ctl_.release(b.x, y);
  pan_preview_.reset();
  need_compose_ = true;
  if (!result) return;
  const SystemGeometry& s = systems_[static_cast<std::size_t>(result->system)];
  std::lock_guard<std::mutex> lock(mutex_);
  zoom_.zoom(s.id, s.own, result->limits);
  need_render_ = true;
}

void Window::Impl::on_motion(int x, int y) {
  if (turning_) {
    turn_by(x - turn_x_, y - turn_y_);
    turn_x_ = x;
    turn_y_ = y;
  }
  pointer_x_ = x;
  pointer_y_ = y;
  message_.clear();
  zoom_ctl_.motion(x, y - strip_);
  if (auto preview = zoom_ctl_.preview(x, y - strip_)) {
    pan_preview_ = preview;
    need_render_ = true;
  }
  need_compose_ = true;
}

void Window::Impl::on_key(XKeyEvent& k) {
  char text[8] = "";
  KeySym sym = NoSymbol;
  const int n = XLookupString(&k, text, sizeof text - 1, &sym, nullptr);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (pick_.wanted && !pick_.done) {  // typing cancels mouse(), as in Gist
      pick_pressed_ = false;
      pick_.done = true;
      pick_.result.reset();
      changed_.notify_all();
      need_compose_ = true;
      return;
    }
  }
  const char key = sym == XK_End ? 'f' : n == 1 ? text[0] : '\0';  // End: as 'f'
  if (!key) return;
  switch (key) {
    case 'u': {  // unzoom: the limits from before the mouse zooms, the 3-D view unturned
      std::lock_guard<std::mutex> lock(mutex_);
      zoom_.unzoom();
      if (turn_ != ViewOptions{}.turn) {
        turn_ = ViewOptions{}.turn;
        ++turn_serial_;
      }
      need_render_ = true;
      message_ = "unzoomed";
      break;
    }
    case 'l': {  // every system back to the extremes of its data
      std::lock_guard<std::mutex> lock(mutex_);
      zoom_.extreme(systems_);
      need_render_ = true;
      message_ = "extreme limits";
      break;
    }
    case 'g':
      grid_ = !grid_;
      need_render_ = true;
      break;
    case 's':
      save_png();
      break;
    case 'n':
      change_page(+1);
      break;
    case 'p':
      change_page(-1);
      break;
    case 'f': {  // following: back to the last page, live
      int last;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        last = page_count_ - 1;
      }
      if (last >= 0) go_to_page(last, false);
      break;
    }
    case 'q':
      if (browsing_.enabled) x_->window_gone(true);
      break;
    default:
      break;
  }
}

// Dragging across the whole drawing area turns the scenes half a turn: a
// horizontal drag about the viewer's vertical axis (the front follows the
// pointer), a vertical one about the horizontal axis (dragging down brings
// the top forward).
void Window::Impl::turn_by(int dx, int dy) {
  if (dx == 0 && dy == 0) return;
  const double w = std::max(width_, 1), h = std::max(height_ - strip_, 1);
  plot::View3 v;
  std::lock_guard<std::mutex> lock(mutex_);
  std::copy(turn_.begin(), turn_.end(), &v.rot[0][0]);
  plot::rotate3(v, M_PI * dy / h, M_PI * dx / w, 0.0);
  std::copy(&v.rot[0][0], &v.rot[0][0] + 9, turn_.begin());
  ++turn_serial_;
  need_render_ = true;
  message_ = "turned";
}

}  // namespace pargist::viewer
