// The limits a window imposes on its pages, per coordinate system (only
// their sides and automatic flags count), and their
// hand-over to the plotting side: set by mouse zooms and the 'u' / 'l' keys,
// taken by libplot (which then keeps them as its own), dropped from the
// window once a page carrying them arrives. Plain data, guarded by the
// window's mutex.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "pargist/viewer/geometry.hpp"

namespace pargist::viewer::detail {

class LimitsOverride {
 public:
  /// A mouse zoom of system `id` to `limits`; `own` is what the page had,
  /// remembered for unzoom if this is the first zoom since then.
  void zoom(int id, const plot::Limits& own, const plot::Limits& limits);
  /// Every system back to its data extremes (the 'l' key).
  void extreme(const std::vector<SystemGeometry>& systems);
  /// Back to the limits from before the first zoom; false if nothing changed.
  bool unzoom();
  /// Forget the override of `id` (0: all) without restoring anything.
  bool clear(int id);

  /// The override of `id` not yet handed over (then marked handed over).
  std::optional<plot::Limits> take(int id);
  /// A new page arrived: overrides already handed over are in it now.
  void page_arrived();

  std::optional<plot::Limits> get(int id) const;
  /// The overrides to draw with, by system id.
  std::map<int, plot::Limits> overrides() const;
  unsigned long serial() const { return serial_; }

 private:
  struct Override {
    plot::Limits limits;
    bool taken = false;
  };
  std::map<int, Override> current_;
  std::map<int, plot::Limits> before_zoom_;
  unsigned long serial_ = 0;
};

}  // namespace pargist::viewer::detail
