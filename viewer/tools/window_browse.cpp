#include "window_browse.hpp"

#if defined(PARGIST_VIEW_HAS_WINDOW)
#include <memory>

#include "pargist/viewer/frame_page.hpp"
#include "pargist/viewer/window.hpp"
#endif

namespace pargist::view_tool {

#if defined(PARGIST_VIEW_HAS_WINDOW)
bool browse(const cgm::CgmDocument& doc, int first, const ViewToolOptions& options, std::string& why) {
  viewer::Window window(0, {}, viewer::Browsing{true, "pargist-view " + options.file});
  if (!window.is_open()) {
    why = "cannot open the window (" + window.status() +
          "); convert without a display with --png, --pdf or --svg";
    return false;
  }
  auto page = [&doc](int index) -> std::shared_ptr<const viewer::Page> {
    if (index < 0 || std::size_t(index) >= doc.pages.size()) return nullptr;
    // The viewer's FramePage re-renders the display list at the window's size
    // and zoom (vector sharp) and resolves automatic limits for the mouse.
    plot::Frame frame = doc.pages[std::size_t(index)].frame;
    frame.number = index + 1;
    return std::make_shared<viewer::FramePage>(std::move(frame));
  };
  window.set_page_provider(page, first - 1);
  window.show(page(first - 1));
  window.wait_closed();
  return true;
}

#else

bool browse(const cgm::CgmDocument&, int, const ViewToolOptions&, std::string& why) {
  why = "no output option given (--png, --pdf, --svg or --list) and this build has no "
        "window (the viewer library pargist::view is not built)";
  return false;
}

#endif

}  // namespace pargist::view_tool
