#include "window_follow.hpp"

#if defined(PARGIST_VIEW_HAS_WINDOW)
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "cgm_follower.hpp"
#include "pargist/viewer/frame_page.hpp"
#include "pargist/viewer/window.hpp"
#endif

namespace pargist::view_tool {

#if defined(PARGIST_VIEW_HAS_WINDOW)
namespace {

// How often the family is read (a page needs two reads to count).
constexpr auto kPollEvery = std::chrono::milliseconds(100);

std::string sides(const plot::Limits& l) {
  auto side = [](double v, bool automatic) {
    if (automatic) return std::string("e");
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", v);
    return std::string(text);
  };
  return side(l.xmin, l.auto_xmin) + " " + side(l.xmax, l.auto_xmax) + " " + side(l.ymin, l.auto_ymin) +
         " " + side(l.ymax, l.auto_ymax);
}

// The back channel: each new zoom in the window becomes a request file the
// job's next pp* call reads.
class Steering {
 public:
  Steering(std::string path, unsigned long serial) : path_(std::move(path)), serial_(serial) {}

  void update(const viewer::Window& window) {
    const unsigned long serial = window.zoom_serial();
    if (serial == serial_) return;
    serial_ = serial;
    const auto* page = dynamic_cast<const viewer::FramePage*>(window.page().get());
    if (!page) return;
    cgm::ViewRequest request;
    char id[96];
    std::snprintf(id, sizeof id, "%ld-%lu-%lld", long(::getpid()), serial,
                  static_cast<long long>(std::chrono::system_clock::now().time_since_epoch().count()));
    request.id = id;
    for (std::size_t s = 1; s < page->frame().systems.size(); ++s)
      if (auto v = window.view_limits(int(s))) request.systems.emplace_back(int(s), *v);
    if (request.systems.empty()) return;
    try {
      cgm::write_view_request(path_, request);
      for (const auto& [s, l] : request.systems)
        std::printf("asked the job for system %d limits %s (%s)\n", s, sides(l).c_str(), path_.c_str());
      std::fflush(stdout);
    } catch (const std::exception& e) {
      if (!warned_) std::fprintf(stderr, "pargist-view: cannot steer the job: %s\n", e.what());
      warned_ = true;
    }
  }

 private:
  std::string path_;
  unsigned long serial_;
  bool warned_ = false;
};

// One stdout line whenever the page shown or the page count changes.
class ShownLog {
 public:
  void update(const viewer::Window& window, const CgmFollower& follower) {
    window.wait_idle(std::chrono::seconds(2));  // the line tells what is on the screen
    const int index = window.page_index();
    const auto count = follower.count();
    const auto page = follower.page(std::size_t(index));
    if (!page || (index == index_ && count == count_)) return;
    index_ = index;
    count_ = count;
    std::string limits = "none";
    if (auto l = window.drawn_limits(1)) {
      char text[128];
      std::snprintf(text, sizeof text, "%.6g %.6g %.6g %.6g", l->xmin, l->xmax, l->ymin, l->ymax);
      limits = text;
    }
    std::printf("page %d/%zu%s: %s @ %zu, system 1 drawn at %s\n", index + 1, count,
                std::size_t(index) + 1 == count ? " live" : "", page->file.c_str(), page->offset,
                limits.c_str());
    std::fflush(stdout);
  }

 private:
  int index_ = -1;
  std::size_t count_ = 0;
};

}  // namespace

bool follow(const ViewToolOptions& options, std::string& why) {
  CgmFollower follower(options.file);
  // Waiting for a file is normal (the job may not have started); waiting
  // in a folder that does not exist is a typo.
  const auto slash = follower.first_file().find_last_of('/');
  const std::string folder = slash == std::string::npos ? "." : follower.first_file().substr(0, slash + 1);
  struct stat st;
  if (::stat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    why = "cannot follow " + options.file + ": no folder " + folder;
    return false;
  }
  viewer::Window window(0, {}, viewer::Browsing{true, "pargist-view --follow " + options.file});
  if (!window.is_open()) {
    why = "cannot open the window (" + window.status() + ")";
    return false;
  }
  window.set_page_provider(
      [&follower](int index) -> std::shared_ptr<const viewer::Page> {
        if (index < 0) return nullptr;
        const auto page = follower.page(std::size_t(index));
        if (!page) return nullptr;
        plot::Frame frame = page->frame;
        frame.number = index + 1;
        return std::make_shared<viewer::FramePage>(std::move(frame));
      },
      0);
  std::printf("following %s; zooms go to %s\n", follower.first_file().c_str(),
              follower.request_path().c_str());
  std::fflush(stdout);

  Steering steering(follower.request_path(), window.zoom_serial());
  ShownLog log;
  auto step = [&] {
    if (follower.poll()) window.set_page_count(int(follower.count()));
    for (const auto& m : follower.take_messages()) std::fprintf(stderr, "pargist-view: %s\n", m.c_str());
    steering.update(window);
    log.update(window, follower);
  };
  step();
  auto next = std::chrono::steady_clock::now() + kPollEvery;
  window.wait_closed([&] {
    if (std::chrono::steady_clock::now() >= next) {
      step();
      next = std::chrono::steady_clock::now() + kPollEvery;
    }
    return true;
  });
  return true;
}

#else

bool follow(const ViewToolOptions&, std::string& why) {
  why = "--follow needs the window, and this build has none (the viewer library pargist::view is not built)";
  return false;
}

#endif

}  // namespace pargist::view_tool
