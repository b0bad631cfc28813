// BrowserView: the newest page, the limits set from the browsers, one
// thread that renders and encodes, and the routes the HTTP server answers.
//
// Threads: the caller (the run's main thread) only swaps a pointer in
// show(); the render thread draws the newest page at the current limits and
// publishes it as an immutable Snapshot; the server's workers hand the
// newest snapshot to each browser that asks (long polling: a browser asks
// for the next frame once it has drawn the last, so a slow one skips
// frames instead of queueing them) and turn gestures into limits. Nothing
// is drawn while no browser waits: an unwatched run pays for nothing but
// the hand-over.
#include "pargist/viewer/browser.hpp"

#include <cairo.h>
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

#include "browser_assets.hpp"
#include "http_server.hpp"
#include "limits_override.hpp"
#include "pargist/libplot/hardcopy.hpp"
#include "pargist/viewer/zoom.hpp"

namespace pargist::viewer {

namespace {

using Clock = std::chrono::steady_clock;

// The render thread's niceness (Linux: per thread): above it, the run.
constexpr int kRenderNice = 5;

double unix_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string number(double v) {
  if (!std::isfinite(v)) return "null";
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", v);
  return text;
}

// One rendered frame as the browsers get it.
struct Snapshot {
  unsigned long seq = 0;
  unsigned long page_version = 0, view_version = 0;  // the page and the limits it was drawn from
  int frame = 0;
  double page_time_ms = 0;  // when the page was handed over (unix ms)
  std::shared_ptr<const std::string> png;
  std::vector<SystemGeometry> systems;
  PageTransform transform;
  std::string view_json;    // what the page needs to map the mouse
};

std::string view_json(const Snapshot& s, int width, int height, bool zoomed) {
  std::string j = "{\"seq\":" + std::to_string(s.seq) + ",\"frame\":" + std::to_string(s.frame) +
                  ",\"time\":" + number(s.page_time_ms) + ",\"width\":" + std::to_string(width) +
                  ",\"height\":" + std::to_string(height) + ",\"zoomed\":" + (zoomed ? "true" : "false") +
                  ",\"transform\":[" + number(s.transform.scale) + "," + number(s.transform.x0) + "," +
                  number(s.transform.y0) + "],\"systems\":[";
  for (std::size_t i = 0; i < s.systems.size(); ++i) {
    const plot::Box& v = s.systems[i].drawn.viewport;
    const plot::Limits& l = s.systems[i].drawn.limits;
    if (i) j += ",";
    j += "{\"id\":" + std::to_string(s.systems[i].id) + ",\"viewport\":[" + number(v.xmin) + "," +
         number(v.xmax) + "," + number(v.ymin) + "," + number(v.ymax) + "],\"limits\":[" + number(l.xmin) + "," +
         number(l.xmax) + "," + number(l.ymin) + "," + number(l.ymax) + "],\"logx\":" +
         (l.log_x ? "true" : "false") + ",\"logy\":" + (l.log_y ? "true" : "false") + "}";
  }
  return j + "]}";
}

// A finite number in a sane pixel range, from a query parameter.
bool pixel(const detail::HttpRequest& r, const char* name, double& out) {
  const auto v = r.param(name);
  if (!v || v->empty() || v->size() > 32) return false;
  char* end = nullptr;
  out = std::strtod(v->c_str(), &end);
  return end && *end == '\0' && std::isfinite(out) && std::abs(out) < 1e6;
}

bool integer(const detail::HttpRequest& r, const char* name, long lo, long hi, long& out) {
  const auto v = r.param(name);
  if (!v || v->empty() || v->size() > 20) return false;
  char* end = nullptr;
  out = std::strtol(v->c_str(), &end, 10);
  return end && *end == '\0' && out >= lo && out <= hi;
}

detail::HttpReply text_reply(int status, std::string body) {
  detail::HttpReply r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

}  // namespace

class BrowserView::Impl {
 public:
  explicit Impl(const BrowserOptions& o);
  ~Impl();

  void show(std::shared_ptr<const Page> page);
  detail::HttpReply handle(const detail::HttpRequest& r);

  BrowserOptions options_;
  int width_ = 0, height_ = 0;
  std::string token_;

  mutable std::mutex mutex_;
  std::condition_variable work_;       // -> render thread
  std::condition_variable published_;  // -> waiting browsers
  std::shared_ptr<const Page> page_;
  double page_time_ms_ = 0;
  unsigned long page_version_ = 0, view_version_ = 0;
  detail::LimitsOverride zoom_;
  double zoom_factor_ = 1.5;
  bool grid_ = false;
  std::shared_ptr<const Snapshot> latest_;
  std::deque<std::shared_ptr<const Snapshot>> recent_;  // for gestures made on older images
  unsigned long seq_ = 0;
  int waiting_ = 0;  // browsers waiting for a frame: nothing is drawn for nobody
  bool quit_ = false;
  Stats stats_;

  std::thread renderer_;
  std::unique_ptr<detail::HttpServer> server_;

 private:
  void render_loop();
  std::shared_ptr<const Snapshot> render(const Page& page, const ViewOptions& view, int frame, double time_ms);
  detail::HttpReply next_frame(const detail::HttpRequest& r);
  detail::HttpReply gesture(const detail::HttpRequest& r);
  detail::HttpReply key(const detail::HttpRequest& r);
  detail::HttpReply asset(const std::string& path);
};

BrowserView::Impl::Impl(const BrowserOptions& o) : options_(o) {
  const int dpi = o.dpi > 0 ? o.dpi : 75;
  width_ = o.width > 0 ? o.width : 6 * dpi;  // Gist's 6-inch square, as the window
  height_ = o.height > 0 ? o.height : 6 * dpi;
  token_ = o.token.empty() ? detail::random_token() : o.token;
  renderer_ = std::thread(&Impl::render_loop, this);
  try {
    server_ = std::make_unique<detail::HttpServer>(o.address, token_,
                                                   [this](const detail::HttpRequest& r) { return handle(r); });
  } catch (...) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      quit_ = true;
    }
    work_.notify_all();
    renderer_.join();
    throw;
  }
}

BrowserView::Impl::~Impl() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    quit_ = true;
  }
  work_.notify_all();
  published_.notify_all();  // browsers waiting for a frame get an answer now
  server_.reset();
  if (renderer_.joinable()) renderer_.join();
}

void BrowserView::Impl::show(std::shared_ptr<const Page> page) {
  bool watched;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    page_ = std::move(page);
    page_time_ms_ = unix_ms();
    ++page_version_;
    ++stats_.pages;
    zoom_.page_arrived();
    watched = waiting_ > 0;
  }
  if (watched) work_.notify_one();  // unwatched, the render thread sleeps on
}

void BrowserView::Impl::render_loop() {
  // Below the run's threads: where cores are short, the simulation keeps
  // the CPU (a batch thread does not preempt the thread that wakes it) and
  // the browsers get their frame a little later.
  sched_param batch{};
  pthread_setschedparam(pthread_self(), SCHED_BATCH, &batch);
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kRenderNice);
  unsigned long drawn_page = 0, drawn_view = 0;
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    work_.wait(lock, [&] {
      return quit_ || (page_ && waiting_ > 0 && (page_version_ != drawn_page || view_version_ != drawn_view));
    });
    if (quit_) return;
    // Only the newest page and limits: whatever came meanwhile is skipped.
    const std::shared_ptr<const Page> page = page_;
    ViewOptions view;
    view.limits = zoom_.overrides();
    view.grid = grid_;
    drawn_page = page_version_;
    drawn_view = view_version_;
    const double time_ms = page_time_ms_;
    lock.unlock();
    std::shared_ptr<const Snapshot> snap;
    const auto start = Clock::now();
    try {
      snap = render(*page, view, page->number(), time_ms);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "pargist: warning: browser view of window %d: cannot draw frame %d: %s\n",
                   options_.number, page->number(), e.what());
    }
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    lock.lock();
    if (!snap) continue;
    auto published = std::make_shared<Snapshot>(*snap);
    published->seq = ++seq_;
    published->page_version = drawn_page;
    published->view_version = drawn_view;
    published->view_json = view_json(*published, width_, height_, !view.limits.empty());
    latest_ = published;
    recent_.push_back(latest_);
    if (recent_.size() > 16) recent_.pop_front();
    ++stats_.images;
    stats_.last_encode_ms = ms;
    published_.notify_all();
  }
}

std::shared_ptr<const Snapshot> BrowserView::Impl::render(const Page& page, const ViewOptions& view, int frame,
                                                          double time_ms) {
  // Drawn straight into the image the PNG encoder reads (ARGB32 rows of
  // width*4 bytes are Cairo's own stride).
  plot::RasterImage image;
  image.width = width_;
  image.height = height_;
  image.argb.assign(std::size_t(width_) * std::size_t(height_), 0xffffffffu);
  auto snap = std::make_shared<Snapshot>();
  snap->transform = PageTransform::gist_view(width_, height_);
  {
    const std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_image_surface_create_for_data(reinterpret_cast<unsigned char*>(image.argb.data()),
                                            CAIRO_FORMAT_ARGB32, width_, height_, width_ * 4),
        cairo_surface_destroy);
    const std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), cairo_destroy);
    snap->systems = page.render(cr.get(), snap->transform, view);
    cairo_surface_flush(surface.get());
  }
  const auto png = plot::encode_png(image, 1);  // speed first: plots are flat colour
  snap->png = std::make_shared<const std::string>(png.begin(), png.end());
  snap->frame = frame;
  snap->page_time_ms = time_ms;
  return snap;
}

detail::HttpReply BrowserView::Impl::handle(const detail::HttpRequest& r) {
  if (r.method == "POST") {
    if (r.path == "/gesture") return gesture(r);
    if (r.path == "/key") return key(r);
    return text_reply(404, "not found");
  }
  if (r.path == "/frame") return next_frame(r);
  return asset(r.path);
}

detail::HttpReply BrowserView::Impl::asset(const std::string& path) {
  const detail::Asset* a = detail::find_asset(path == "/" ? "/index.html" : path);
  if (!a) return text_reply(404, "not found");
  detail::HttpReply reply;
  reply.content_type = a->content_type;
  reply.body = a->text;
  // The page carries the token to its own requests and the window number in its title.
  for (const auto& [key, value] : {std::pair<std::string, std::string>{"@TOKEN@", token_},
                                   {"@WINDOW@", std::to_string(options_.number)}})
    for (std::size_t at = reply.body.find(key); at != std::string::npos; at = reply.body.find(key, at))
      reply.body.replace(at, key.size(), value);
  if (path == "/" || path == "/index.html")
    reply.headers.push_back({"Content-Security-Policy",
                             "default-src 'none'; script-src 'self'; style-src 'self'; img-src blob:; "
                             "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"});
  return reply;
}

detail::HttpReply BrowserView::Impl::next_frame(const detail::HttpRequest& r) {
  long after = 0;
  if (r.param("after") && !integer(r, "after", 0, 1L << 62, after)) return text_reply(400, "bad after=");
  std::shared_ptr<const Snapshot> snap;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    // Nothing is drawn while no one waits, so the last image may be older
    // than the page: a client gets an image of the page and limits of the
    // moment it asked, or newer.
    const unsigned long asked_page = page_version_, asked_view = view_version_;
    auto fresh = [&] {
      return latest_ && latest_->seq > static_cast<unsigned long>(after) &&
             latest_->page_version >= asked_page && latest_->view_version >= asked_view;
    };
    if (!fresh()) {
      // Frames are drawn while someone waits for one: the render thread
      // draws the newest page now, or as soon as one comes.
      ++waiting_;
      work_.notify_one();
      published_.wait_for(lock, std::chrono::milliseconds(detail::HttpServer::kLongPollMs),
                          [&] { return quit_ || fresh(); });
      --waiting_;
    }
    if (!quit_ && fresh()) snap = latest_;
  }
  detail::HttpReply reply;
  if (!snap) {
    reply.status = 204;  // nothing new yet: ask again
    return reply;
  }
  reply.content_type = "image/png";
  reply.shared_body = snap->png;
  reply.headers.push_back({"X-Pargist-View", snap->view_json});
  reply.on_sent = [this] {
    std::lock_guard<std::mutex> lock(mutex_);
    ++stats_.sent;
  };
  return reply;
}

detail::HttpReply BrowserView::Impl::gesture(const detail::HttpRequest& r) {
  long seq = 0, button = 0, mods = 0;
  double x0, y0, x1, y1;
  if (!integer(r, "seq", 0, 1L << 62, seq) || !integer(r, "button", 1, 3, button) ||
      !integer(r, "mods", 0, 255, mods) || !pixel(r, "x0", x0) || !pixel(r, "y0", y0) || !pixel(r, "x1", x1) ||
      !pixel(r, "y1", y1))
    return text_reply(400, "a gesture is seq, button (1-3), mods (0-255), x0, y0, x1, y1 in image pixels");
  std::unique_lock<std::mutex> lock(mutex_);
  // The gesture means what it meant on the image the browser showed.
  std::shared_ptr<const Snapshot> on = latest_;
  for (const auto& s : recent_)
    if (s->seq == static_cast<unsigned long>(seq)) on = s;
  if (!on) return text_reply(409, "no frame yet");
  ZoomController controller(zoom_factor_);
  controller.press(int(button), unsigned(mods), x0, y0, on->systems, on->transform);
  controller.motion(x1, y1);
  const auto result = controller.release(x1, y1);
  // The answer starts with the newest frame drawn before this zoom: the
  // frames after it show the new limits.
  const std::string before = std::to_string(latest_ ? latest_->seq : 0);
  if (!result) return text_reply(200, before + " nothing to zoom there\n");
  const SystemGeometry& s = on->systems[static_cast<std::size_t>(result->system)];
  zoom_.zoom(s.id, s.own, result->limits);
  ++view_version_;
  lock.unlock();
  work_.notify_one();
  return text_reply(200, before + " zoomed system " + std::to_string(s.id) + "\n");
}

detail::HttpReply BrowserView::Impl::key(const detail::HttpRequest& r) {
  const auto k = r.param("k");
  if (!k || k->size() != 1) return text_reply(400, "k= one of u (unzoom), l (extreme limits), g (grid)");
  {
    std::lock_guard<std::mutex> lock(mutex_);
    switch ((*k)[0]) {
      case 'u': zoom_.unzoom(); break;
      case 'l':
        if (latest_) zoom_.extreme(latest_->systems);
        break;
      case 'g': grid_ = !grid_; break;
      default: return text_reply(400, "k= one of u (unzoom), l (extreme limits), g (grid)");
    }
    ++view_version_;
  }
  work_.notify_one();
  return text_reply(200, "ok\n");
}

// ------------------------------------------------------------ BrowserView

BrowserView::BrowserView(const BrowserOptions& options) : impl_(std::make_unique<Impl>(options)) {}
BrowserView::~BrowserView() = default;

void BrowserView::show(std::shared_ptr<const Page> page) { impl_->show(std::move(page)); }

std::optional<plot::Limits> BrowserView::take_zoomed_limits(int system) {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->zoom_.take(system);
}

std::optional<plot::Limits> BrowserView::view_limits(int system) const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->zoom_.get(system);
}

void BrowserView::unzoom() {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex_);
    if (!impl_->zoom_.unzoom()) return;
    ++impl_->view_version_;
  }
  impl_->work_.notify_one();
}

void BrowserView::clear_zoom(int system) {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex_);
    if (!impl_->zoom_.clear(system)) return;
    ++impl_->view_version_;
  }
  impl_->work_.notify_one();
}

void BrowserView::set_zoom_factor(double factor) {
  ZoomController check;
  check.set_zoom_factor(factor);  // throws unless > 1
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  impl_->zoom_factor_ = factor;
}

std::string BrowserView::url() const {
  const std::string host = impl_->options_.address.host == "0.0.0.0" ? "127.0.0.1" : impl_->options_.address.host;
  return "http://" + host + ":" + std::to_string(port()) + "/?token=" + impl_->token_;
}

int BrowserView::port() const { return impl_->server_->port(); }
const std::string& BrowserView::token() const { return impl_->token_; }

BrowserView::Stats BrowserView::stats() const {
  std::lock_guard<std::mutex> lock(impl_->mutex_);
  return impl_->stats_;
}

}  // namespace pargist::viewer
