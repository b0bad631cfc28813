// Gist's mouse zoom and pan as a plain state machine: button presses,
// motions and releases in drawing-area pixels, with the modifiers held, turn
// into new limits for one coordinate system. No X11 here, so it is tested
// without a display; the window feeds it the events it receives.
//
//   left click          zoom in by the zoom factor about the pointer
//   left drag           zoom in and move the pressed point to the release point
//   middle / shift+left pan: the pressed point follows the pointer
//   right / alt+left    zoom out (and pan)
//   ctrl+left drag      zoom to the rubber-band box
//   press beside / above or below the viewport: act on y / x only
//   a second button while one is held cancels
#pragma once

#include <array>
#include <optional>

#include "pargist/viewer/geometry.hpp"

namespace pargist::viewer {

/// Modifier bits as Gist's mouse() reports them (X11's state mask order).
enum Modifier : unsigned {
  kShift = 1, kLock = 2, kControl = 4, kMod1 = 8,  // Mod1 is alt/meta on X
  kMod2 = 16, kMod3 = 32, kMod4 = 64, kMod5 = 128,
};

/// What a press starts, after Gist's one-button equivalents are applied.
enum class Gesture { none, zoom_in, pan, zoom_out, box };

/// The effective Gist button: shift+left is middle (2), alt+left is right (3).
int effective_button(int button, unsigned modifiers);

/// The outcome of a completed gesture on system `system` (index into the
/// systems the press saw).
struct ZoomResult {
  int system = -1;
  plot::Limits limits;  ///< the new sides (the other fields as drawn)
};

/// One press-drag-release at a time. Systems and transform are captured at
/// the press, so a frame arriving mid-gesture does not change its meaning.
class ZoomController {
 public:
  explicit ZoomController(double zoom_factor = 1.5) : factor_(zoom_factor) {}

  double zoom_factor() const { return factor_; }
  /// Gist's zoom_factor(): must be > 1.
  void set_zoom_factor(double factor);

  /// A button went down. A second button while a gesture is under way
  /// cancels it.
  void press(int button, unsigned modifiers, double px, double py,
             const std::vector<SystemGeometry>& systems, const PageTransform& t);
  /// The pointer moved while a button is held (updates the rubber band).
  void motion(double px, double py);
  /// A button came up: the new limits, or nothing if cancelled / outside
  /// every system.
  std::optional<ZoomResult> release(double px, double py);
  /// During a pan (middle drag): the limits a release at (px, py) would
  /// give, so the window can follow the pointer; nothing for other gestures.
  std::optional<ZoomResult> preview(double px, double py) const;
  void cancel() { active_ = false; }

  bool active() const { return active_; }
  Gesture gesture() const { return active_ ? gesture_ : Gesture::none; }
  /// The rubber band of a ctrl+left drag, in pixels: anchor and pointer.
  struct Band { double x0, y0, x1, y1; };
  std::optional<Band> rubber_band() const;

 private:
  std::optional<ZoomResult> outcome(double px, double py) const;

  double factor_;
  bool active_ = false;
  Gesture gesture_ = Gesture::none;
  Location pressed_{};
  SystemGeometry system_{};
  PageTransform transform_{};
  double anchor_px_ = 0, anchor_py_ = 0, px_ = 0, py_ = 0;
};

/// Gist's mouse() values for a press at (px0, py0) and a release at
/// (px1, py1) in drawing-area pixels: `system` >= 0 reports world
/// coordinates in the system with that id (0: NDC), < 0 in the system under
/// the press. `button` is the effective button, `modifiers` the X mask.
std::array<double, 11> mouse_result(const std::vector<SystemGeometry>& systems,
                                    const PageTransform& t, int system, double px0, double py0,
                                    double px1, double py1, int button, unsigned modifiers);

/// Gist's DoZoom along one axis: with the origin at the release point w1,
/// scale the interval by `factor`, then put that origin at the press point w0
/// (a pan when factor is 1).
void zoom_axis(double factor, double w0, double w1, double& wmin, double& wmax);
/// Gist's box zoom along one axis: the marked interval [w0, w1] fills the
/// axis (keeping its direction); a zero-width mark zooms about it by 50x.
void box_axis(double w0, double w1, double& wmin, double& wmax);

}  // namespace pargist::viewer
