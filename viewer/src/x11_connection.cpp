#include "x11_connection.hpp"

#include <X11/Xatom.h>
#include <X11/Xutil.h>
#include <cairo-xlib.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <vector>

namespace pargist::viewer::detail {

namespace {

// Xlib's default protocol-error handler exits the process; a late request on
// a window the user just closed must not kill the simulation. Process-wide,
// installed once.
std::mutex shm_errors_mutex;
std::set<Display*> shm_errors;  // displays that refused a MIT-SHM request

int report_x_error(Display* display, XErrorEvent* e) {
  int shm_major = 0, first_event = 0, first_error = 0;
  if (XQueryExtension(display, "MIT-SHM", &shm_major, &first_event, &first_error) &&
      e->request_code == shm_major) {
    std::lock_guard<std::mutex> lock(shm_errors_mutex);
    shm_errors.insert(display);
    return 0;
  }
  char text[256] = "";
  XGetErrorText(display, e->error_code, text, sizeof text);
  std::fprintf(stderr, "pargist: X error ignored: %s (request %d)\n", text, e->request_code);
  return 0;
}

// Called instead of exit() when the connection to the server breaks: the
// window is gone, the job goes on.
void io_error_exit(Display*, void* self) {
  static_cast<X11Connection*>(self)->connection_lost("the connection to the X server was lost");
}

// Our displays, whose loss the window reports itself (once, as a notice).
std::mutex our_displays_mutex;
std::set<Display*> our_displays;

bool is_ours(Display* display) {
  std::lock_guard<std::mutex> lock(our_displays_mutex);
  return our_displays.count(display) != 0;
}

// Xlib's default I/O error handler calls exit() before the per-display exit
// handler is reached, so it is replaced process-wide by one that returns.
// Displays other than ours keep Xlib's default exit handler, which still
// exits: their behaviour does not change.
int report_io_error(Display* display) {
  if (!is_ours(display)) std::fprintf(stderr, "pargist: X connection to %s broken\n", DisplayString(display));
  return 0;
}

void install_error_handler() {
  static std::once_flag once;
  std::call_once(once, [] {
    XInitThreads();  // harmless here, and protects any other Xlib user in the process
    XSetErrorHandler(report_x_error);
    XSetIOErrorHandler(report_io_error);
  });
}

}  // namespace

bool take_shm_error(Display* display) {
  std::lock_guard<std::mutex> lock(shm_errors_mutex);
  return shm_errors.erase(display) != 0;
}

X11Connection::X11Connection(const std::string& display_name, int width, int height,
                             const std::string& title, int x, int y) {
  install_error_handler();
  const char* env = std::getenv("DISPLAY");
  if (display_name.empty() && (env == nullptr || *env == '\0')) {
    error_ = "no display ($DISPLAY is not set)";
    return;
  }
  const char* name = display_name.empty() ? nullptr : display_name.c_str();
  // A busy server (Xvfb under load) sometimes resets a new connection during
  // its setup; a few quick retries tell that from a display that is not
  // there, at a cost of under 0.1 s when it really is not.
  for (int attempt = 0; attempt < 5 && display_ == nullptr; ++attempt) {
    if (attempt) std::this_thread::sleep_for(std::chrono::milliseconds(5 << attempt));
    display_ = XOpenDisplay(name);
  }
  if (display_ == nullptr) {
    error_ = "cannot open display \"" + (name ? display_name : std::string(env)) + "\"";
    return;
  }
  XSetIOErrorExitHandler(display_, io_error_exit, this);
  {
    std::lock_guard<std::mutex> lock(our_displays_mutex);
    our_displays.insert(display_);
  }
  if (pipe2(wake_pipe_, O_CLOEXEC | O_NONBLOCK) != 0) {
    error_ = "cannot create the wake-up pipe";
    return;
  }

  const int screen = DefaultScreen(display_);
  XSetWindowAttributes attributes{};
  attributes.background_pixel = WhitePixel(display_, screen);
  attributes.bit_gravity = NorthWestGravity;
  attributes.event_mask = ExposureMask | StructureNotifyMask | ButtonPressMask |
                          ButtonReleaseMask | PointerMotionMask | KeyPressMask |
                          LeaveWindowMask;
  const bool placed = x >= 0 && y >= 0;
  window_ = XCreateWindow(display_, RootWindow(display_, screen), placed ? x : 0, placed ? y : 0,
                          static_cast<unsigned>(width), static_cast<unsigned>(height), 0,
                          CopyFromParent, InputOutput, CopyFromParent,
                          CWBackPixel | CWBitGravity | CWEventMask, &attributes);
  XStoreName(display_, window_, title.c_str());
  XClassHint klass{const_cast<char*>("pargist"), const_cast<char*>("Pargist")};
  XSetClassHint(display_, window_, &klass);
  XSizeHints hints{};
  hints.flags = PSize | PMinSize | (placed ? USPosition : 0);
  hints.x = placed ? x : 0;
  hints.y = placed ? y : 0;
  hints.width = width;
  hints.height = height;
  hints.min_width = hints.min_height = 64;
  XSetWMNormalHints(display_, window_, &hints);
  wm_delete_ = XInternAtom(display_, "WM_DELETE_WINDOW", False);
  XSetWMProtocols(display_, window_, &wm_delete_, 1);
  gc_ = XCreateGC(display_, window_, 0, nullptr);
  XMapWindow(display_, window_);
  XFlush(display_);
}

X11Connection::~X11Connection() {
  if (display_ && !lost_) {
    std::lock_guard<std::mutex> lock(our_displays_mutex);
    our_displays.erase(display_);
  }
  if (display_ && lost_) {
    // After an I/O error Xlib's locks are left in an unknown state: any
    // further call on this Display (freeing a picture, closing it) can block
    // forever. Its few resources are kept, still reachable, rather than
    // risk hanging the job.
    static std::vector<std::pair<Display*, std::vector<cairo_surface_t*>>> abandoned;
    static std::mutex abandoned_mutex;
    std::lock_guard<std::mutex> lock(abandoned_mutex);
    abandoned.push_back({display_, {back_.surface, page_.surface}});
    page_image_.release(true);
  } else if (display_) {
    page_image_.release();
    // Cairo keeps per-Display state (its "device"); finish it before the
    // Display goes, or it outlives it.
    cairo_device_t* device = nullptr;
    for (Buffer* b : {&back_, &page_})
      if (b->surface && !device) device = cairo_device_reference(cairo_surface_get_device(b->surface));
    release(back_);
    release(page_);
    if (device) {
      cairo_device_finish(device);
      cairo_device_destroy(device);
    }
    if (gc_) XFreeGC(display_, gc_);
    if (window_) XDestroyWindow(display_, window_);
    XCloseDisplay(display_);
  }
  for (int fd : wake_pipe_)
    if (fd >= 0) close(fd);
}

void X11Connection::wake() {
  if (wake_pipe_[1] < 0) return;
  const char byte = 1;
  // A full pipe already holds a wake-up; nothing is lost by failing.
  [[maybe_unused]] ssize_t n = write(wake_pipe_[1], &byte, 1);
}

void X11Connection::wait(int timeout_ms) {
  if (!lost_ && display_ && XPending(display_) > 0) timeout_ms = 0;
  pollfd fds[2] = {{wake_pipe_[0], POLLIN, 0}, {-1, POLLIN, 0}};
  if (!lost_ && display_) fds[1].fd = ConnectionNumber(display_);
  int r;
  do r = poll(fds, 2, timeout_ms);
  while (r < 0 && errno == EINTR);
  char drain[64];
  while (read(wake_pipe_[0], drain, sizeof drain) > 0) {
  }
}

void X11Connection::window_gone(bool destroy) {
  if (lost_) {
    window_ = 0;
    return;
  }
  release(back_);
  release(page_);
  page_image_.release();
  if (gc_) XFreeGC(display_, gc_);
  gc_ = nullptr;
  if (window_ && destroy) XDestroyWindow(display_, window_);
  window_ = 0;
  XFlush(display_);
}

void X11Connection::connection_lost(const std::string& why) {
  lost_ = true;
  if (error_.empty()) error_ = why;
}

void X11Connection::release(Buffer& b) {
  if (b.surface) cairo_surface_destroy(b.surface);
  if (b.pixmap && !lost_) XFreePixmap(display_, b.pixmap);
  b = Buffer{};
}

cairo_surface_t* X11Connection::ensure(Buffer& b, int width, int height) {
  if (b.surface && b.width == width && b.height == height) return b.surface;
  release(b);
  const int screen = DefaultScreen(display_);
  b.pixmap = XCreatePixmap(display_, window_, static_cast<unsigned>(width),
                           static_cast<unsigned>(height),
                           static_cast<unsigned>(DefaultDepth(display_, screen)));
  b.surface = cairo_xlib_surface_create(display_, b.pixmap, DefaultVisual(display_, screen),
                                        width, height);
  b.width = width;
  b.height = height;
  return b.surface;
}

cairo_surface_t* X11Connection::back_buffer(int width, int height) {
  return ensure(back_, width, height);
}

cairo_surface_t* X11Connection::page_image(int width, int height) {
  return page_image_.surface(lost_ ? nullptr : display_, width, height);
}

void X11Connection::page_changed() {
  cairo_surface_t* image = page_image_.current();
  if (!ok() || !image || page_image_.shared()) return;
  // One upload through cairo-xlib; composing and exposes then copy on the server.
  cairo_t* up = cairo_create(ensure(page_, cairo_image_surface_get_width(image), cairo_image_surface_get_height(image)));
  cairo_set_operator(up, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface(up, image, 0, 0);
  cairo_paint(up);
  cairo_destroy(up);
}

void X11Connection::page_into_back(int y) {
  if (!ok() || !back_.surface) return;
  if (page_image_.shared()) {
    cairo_surface_flush(back_.surface);
    page_image_.put(back_.pixmap, gc_, 0, y);
    cairo_surface_mark_dirty(back_.surface);
    return;
  }
  cairo_t* cr = cairo_create(back_.surface);
  cairo_set_source_surface(cr, page_.surface, 0, y);
  cairo_rectangle(cr, 0, y, page_.width, page_.height);
  cairo_fill(cr);
  cairo_destroy(cr);
}

void X11Connection::present(int rows, bool page, bool whole) {
  if (!ok() || !back_.pixmap) return;
  cairo_surface_flush(back_.surface);
  if (whole) {
    XCopyArea(display_, back_.pixmap, window_, gc_, 0, 0, unsigned(back_.width), unsigned(back_.height), 0, 0);
  } else {
    if (rows > 0) XCopyArea(display_, back_.pixmap, window_, gc_, 0, 0, unsigned(back_.width), unsigned(rows), 0, 0);
    if (page && page_image_.shared()) page_image_.put(window_, gc_, 0, rows);
    else if (page && page_.pixmap)
      XCopyArea(display_, page_.pixmap, window_, gc_, 0, 0, unsigned(page_.width), unsigned(page_.height), 0, rows);
  }
  // Wait for the server to have done it: redraw timings then mean "on the
  // screen", a fast producer cannot queue frames faster than they show,
  // and the shared page image may be drawn into again.
  XSync(display_, False);
}

}  // namespace pargist::viewer::detail
