// A libplot Frame as a window page: the display list re-rendered through
// libplot's Cairo backend at the window's size and at the limits the user
// zoomed to, so a zoom stays vector sharp.
#pragma once

#include <memory>
#include <mutex>
#include <optional>

#include "pargist/libplot/frame.hpp"
#include "pargist/viewer/page.hpp"

namespace pargist::viewer {

class FramePage : public Page {
 public:
  explicit FramePage(plot::Frame frame);
  ~FramePage() override;

  int number() const override { return frame_.number; }
  std::vector<SystemGeometry> render(cairo_t* cr, const PageTransform& t,
                                     const ViewOptions& options) const override;

  bool has_3d() const override;

  /// The frame as given (while a render runs, it holds that render's view).
  const plot::Frame& frame() const { return frame_; }

 private:
  struct Prepared;
  class LentFrame;
  // The frame is drawn in place, not copied: each render lends it its view
  // (limits, grid, turn) and the cell arrays' colours, and puts it back as
  // given after. Guarded: the window's and a browser's threads may draw
  // the same page.
  mutable std::mutex drawn_mutex_;
  mutable plot::Frame frame_;
  // Made at the first render: the frame's own view and its cell arrays'
  // values scaled to palette indices; a zoom or a drag step then copies
  // and scales nothing.
  mutable std::unique_ptr<Prepared> prepared_;
};

/// The frame as the window would draw it with `options`: overridden limits
/// applied, grid lines added, 3-D scenes turned (exposed for tests and
/// pargist-view).
plot::Frame apply_view(const plot::Frame& frame, const ViewOptions& options);

}  // namespace pargist::viewer
