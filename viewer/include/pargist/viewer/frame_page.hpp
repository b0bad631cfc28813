// A libplot Frame as a window page: the display list re-rendered through
// libplot's Cairo backend at the window's size and at the limits the user
// zoomed to, so a zoom stays vector sharp.
#pragma once

#include <mutex>
#include <optional>

#include "pargist/libplot/frame.hpp"
#include "pargist/viewer/page.hpp"

namespace pargist::viewer {

class FramePage : public Page {
 public:
  explicit FramePage(plot::Frame frame) : frame_(std::move(frame)) {}

  int number() const override { return frame_.number; }
  std::vector<SystemGeometry> render(cairo_t* cr, const PageTransform& t,
                                     const ViewOptions& options) const override;

  bool has_3d() const override;

  const plot::Frame& frame() const { return frame_; }

 private:
  plot::Frame frame_;
  // The frame as re-rendered, made at the first render: cell arrays already
  // scaled to palette indices; each render then only sets the view (limits,
  // grid, turn) on it. A zoom or a drag step copies no data. Guarded: the
  // window's and a browser's threads may draw the same page.
  mutable std::mutex drawn_mutex_;
  mutable std::optional<plot::Frame> drawn_;
};

/// The frame as the window would draw it with `options`: overridden limits
/// applied, grid lines added, 3-D scenes turned (exposed for tests and
/// pargist-view).
plot::Frame apply_view(const plot::Frame& frame, const ViewOptions& options);

}  // namespace pargist::viewer
