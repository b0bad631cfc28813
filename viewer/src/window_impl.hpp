// Window::Impl: the state shared between the calling thread and the window's
// event thread, and the event thread itself.
//
// Everything under `mutex_` is the mailbox: the calling thread only writes
// requests there and wakes the event thread; the event thread alone talks to
// X and Cairo, and publishes what it drew back under the same mutex.
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "pargist/viewer/window.hpp"
#include "pargist/viewer/zoom.hpp"
#include "x11_connection.hpp"
#include "limits_override.hpp"

namespace pargist::viewer {

class Window::Impl {
 public:
  Impl(int number, const plot::WindowOptions& options, const Browsing& browsing);
  ~Impl();

  // ---- mailbox: guarded by mutex_ ----
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;  ///< event thread -> callers

  const int number_;
  const Browsing browsing_;
  bool open_ = false;
  std::string status_;
  std::shared_ptr<const Page> page_;       ///< newest page handed over
  bool page_changed_ = false;              ///< page_ not drawn yet
  detail::LimitsOverride zoom_;                 ///< limits set with mouse / keys
  bool view_changed_ = false;              ///< zoom_ changed by a caller
  double zoom_factor_ = 1.5;
  std::array<double, 9> turn_{1, 0, 0, 0, 1, 0, 0, 0, 1};  ///< 3-D turn (ctrl + middle drag)
  unsigned long turn_serial_ = 0;          ///< counts changes of turn_
  PageProvider provider_;
  int provider_index_ = 0;
  int page_count_ = 0;                     ///< set_page_count(); 0: not following
  int live_jump_ = -1;                     ///< a new last page to show (live)
  int live_jump_from_ = -1;                ///< ... if the user is still here
  bool quit_ = false;
  unsigned long requested_ = 0;            ///< requests made by callers
  unsigned long served_ = 0;               ///< requests the event thread drew

  struct Pick {
    bool wanted = false;     ///< a mouse() call is waiting
    int system = -1, style = 0;
    std::string prompt;
    bool done = false;
    std::optional<MouseResult> result;
  } pick_;

  // Published by the event thread after each redraw.
  std::vector<SystemGeometry> drawn_;
  PageTransform transform_;
  int area_width_ = 0, area_height_ = 0;
  std::string status_text_;
  std::string saved_png_;
  unsigned long x_window_id_ = 0;
  int strip_height_ = 0;
  unsigned long redraws_ = 0, exposes_ = 0, looks_ = 0;
  std::chrono::steady_clock::time_point redraw_time_{}, expose_time_{}, look_time_{};

  /// Wake the event thread (callable with or without the mutex held).
  void wake();
  /// Mark the window unusable with a reason; warns once. Holds mutex_.
  void close_locked(const std::string& why);
  /// Tells what happened to the window, unasked (plot::notice).
  void notify(const std::string& what) const;

 private:
  // ---- event thread only ----
  void run();
  void handle(XEvent& e);
  void on_press(const XButtonEvent& b);
  void on_release(const XButtonEvent& b);
  void on_motion(int x, int y);
  void on_key(XKeyEvent& k);
  void on_resize(int width, int height);
  void render_page(const ViewOptions& view);
  bool still();
  bool prepared();  ///< shown_ was rendered before (its render times count)
  void compose();
  void present_again();  ///< the window shown again as last composed (an expose)
  void save_png();
  void change_page(int delta);
  void go_to_page(int index, bool quiet);
  void turn_by(int dx, int dy);

  std::unique_ptr<detail::X11Connection> x_;
  std::thread thread_;
  int strip_ = 20;
  int width_ = 0, height_ = 0;  ///< whole window
  std::shared_ptr<const Page> shown_;
  cairo_surface_t* page_image_ = nullptr;  ///< the page as last rendered (x_ owns it)
  bool page_on_window_ = false;  ///< the window shows page_image_ as it is
  bool overlay_shown_ = false;   ///< the window shows a band drawn over the page
  std::vector<SystemGeometry> systems_;
  PageTransform t_;
  bool grid_ = false;
  bool need_render_ = true, need_compose_ = true, need_present_ = false;
  ZoomController zoom_ctl_;
  // A pan under way: the page follows the pointer, drawn as drafts at the
  // limits a release there would give (the zoom itself happens at release).
  std::optional<ZoomResult> pan_preview_;
  bool draft_shown_ = false;  ///< the page image is a pan's draft: redraw it exact
  // A new page or view whose exact picture takes long is first shown as a
  // draft; the exact picture follows as soon as nothing else is waiting.
  bool exact_due_ = false;     ///< the page image is such a first look
  double exact_ms_ = 0;        ///< how long the last exact render took
  double draft_ms_ = 0;        ///< how long the last draft took (0: none yet)
  const Page* timed_page_ = nullptr;  ///< the page rendered last
  // a turn of the 3-D scenes under way: the last pointer position
  bool turning_ = false;
  int turn_x_ = 0, turn_y_ = 0;
  // pointer and mouse() state
  int pointer_x_ = -1, pointer_y_ = -1;
  bool pick_pressed_ = false;
  int pick_button_ = 0;
  unsigned pick_mods_ = 0;
  int pick_x0_ = 0, pick_y0_ = 0;
  int pick_system_ = -1, pick_style_ = 0;
  bool expose_pending_ = false;
  std::string message_;  ///< transient text for the strip's right side
  bool first_expose_seen_ = false;
};

}  // namespace pargist::viewer
