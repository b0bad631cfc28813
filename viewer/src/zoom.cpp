#include "pargist/viewer/zoom.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace pargist::viewer {

namespace {
double to_axis(double w, bool log) { return log ? std::log10(w) : w; }
double from_axis(double a, bool log) { return log ? std::pow(10.0, a) : a; }

// Apply an axis operation in the axis's own scale (log10 for log axes).
template <class Op>
void on_axis(bool log, double w0, double w1, double& wmin, double& wmax, Op op) {
  double a0 = to_axis(w0, log), a1 = to_axis(w1, log);
  double amin = to_axis(wmin, log), amax = to_axis(wmax, log);
  op(a0, a1, amin, amax);
  wmin = from_axis(amin, log);
  wmax = from_axis(amax, log);
}
}  // namespace

int effective_button(int button, unsigned modifiers) {
  if (button == 1 && (modifiers & kShift)) return 2;
  if (button == 1 && (modifiers & kMod1)) return 3;
  return button;
}

void ZoomController::set_zoom_factor(double factor) {
  if (!(factor > 1.0) || !std::isfinite(factor))
    throw std::invalid_argument("zoom_factor: the factor must be a finite number > 1");
  factor_ = factor;
}

void zoom_axis(double factor, double w0, double w1, double& wmin, double& wmax) {
  const double wn = wmin, wx = wmax;
  wmin = w0 - factor * (w1 - wn);
  wmax = w0 + factor * (wx - w1);
}

void box_axis(double w0, double w1, double& wmin, double& wmax) {
  const bool increasing = wmin < wmax;
  if (w0 != w1) {
    const double lo = std::min(w0, w1), hi = std::max(w0, w1);
    wmin = increasing ? lo : hi;
    wmax = increasing ? hi : lo;
    return;
  }
  double half = std::abs(wmax - wmin) * 0.01;
  if (half == 0) half = wmin != 0 ? std::abs(wmin) * 1e-4 : 1e-6;
  wmin = increasing ? w0 - half : w0 + half;
  wmax = increasing ? w1 + half : w1 - half;
}

void ZoomController::press(int button, unsigned modifiers, double px, double py,
                           const std::vector<SystemGeometry>& systems, const PageTransform& t) {
  if (active_) {  // a second button cancels
    active_ = false;
    return;
  }
  const int b = effective_button(button, modifiers);
  switch (b) {
    case 1: gesture_ = (modifiers & kControl) ? Gesture::box : Gesture::zoom_in; break;
    case 2: gesture_ = Gesture::pan; break;
    case 3: gesture_ = Gesture::zoom_out; break;
    default: return;  // wheel and extra buttons do nothing
  }
  pressed_ = locate(systems, t, px, py);
  if (pressed_.system < 0) return;  // no zoom outside of all systems
  system_ = systems[static_cast<std::size_t>(pressed_.system)];
  // A box always acts on both axes, as in Gist.
  if (gesture_ == Gesture::box) pressed_.axes = 3;
  transform_ = t;
  anchor_px_ = px_ = px;
  anchor_py_ = py_ = py;
  active_ = true;
}

void ZoomController::motion(double px, double py) {
  if (!active_) return;
  px_ = px;
  py_ = py;
}

std::optional<ZoomController::Band> ZoomController::rubber_band() const {
  if (!active_ || gesture_ != Gesture::box) return std::nullopt;
  return Band{anchor_px_, anchor_py_, px_, py_};
}

std::optional<ZoomResult> ZoomController::release(double px, double py) {
  if (!active_) return std::nullopt;
  active_ = false;
  return outcome(px, py);
}

std::optional<ZoomResult> ZoomController::preview(double px, double py) const {
  if (!active_ || gesture_ != Gesture::pan) return std::nullopt;
  return outcome(px, py);
}

std::optional<ZoomResult> ZoomController::outcome(double px, double py) const {
  double x1, y1;
  world_at(system_, transform_, px, py, x1, y1);
  const double x0 = pressed_.x, y0 = pressed_.y;

  ZoomResult r{pressed_.system, system_.drawn.limits};
  plot::Limits& l = r.limits;
  if (gesture_ == Gesture::box) {
    auto box = [](double& a0, double& a1, double& lo, double& hi) { box_axis(a0, a1, lo, hi); };
    on_axis(system_.drawn.limits.log_x, x0, x1, l.xmin, l.xmax, box);
    on_axis(system_.drawn.limits.log_y, y0, y1, l.ymin, l.ymax, box);
    return r;
  }
  const double f = gesture_ == Gesture::zoom_in ? 1.0 / factor_
                   : gesture_ == Gesture::zoom_out ? factor_ : 1.0;
  auto zoom = [f](double& a0, double& a1, double& lo, double& hi) { zoom_axis(f, a0, a1, lo, hi); };
  if (pressed_.axes & 1) on_axis(system_.drawn.limits.log_x, x0, x1, l.xmin, l.xmax, zoom);
  if (pressed_.axes & 2) on_axis(system_.drawn.limits.log_y, y0, y1, l.ymin, l.ymax, zoom);
  return r;
}

}  // namespace pargist::viewer

namespace pargist::viewer {

std::array<double, 11> mouse_result(const std::vector<SystemGeometry>& systems,
                                    const PageTransform& t, int system, double px0, double py0,
                                    double px1, double py1, int button, unsigned modifiers) {
  const SystemGeometry* chosen = nullptr;
  if (system < 0) {
    const Location at = locate(systems, t, px0, py0);
    if (at.system >= 0) chosen = &systems[static_cast<std::size_t>(at.system)];
  } else {
    for (const SystemGeometry& s : systems)
      if (s.id == system) chosen = &s;
  }
  std::array<double, 11> r{};
  r[4] = t.to_ndc_x(px0);
  r[5] = t.to_ndc_y(py0);
  r[6] = t.to_ndc_x(px1);
  r[7] = t.to_ndc_y(py1);
  if (chosen) {
    world_at(*chosen, t, px0, py0, r[0], r[1]);
    world_at(*chosen, t, px1, py1, r[2], r[3]);
    r[8] = chosen->id;
  } else {
    r[0] = r[4], r[1] = r[5], r[2] = r[6], r[3] = r[7];
    r[8] = 0;
  }
  r[9] = button;
  r[10] = modifiers & 0xffu;
  return r;
}

}  // namespace pargist::viewer
