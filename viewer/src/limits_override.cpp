#include "limits_override.hpp"

namespace pargist::viewer::detail {

void LimitsOverride::zoom(int id, const plot::Limits& own, const plot::Limits& limits) {
  // Gist saves the limits only at the first of a series of mouse zooms.
  if (!before_zoom_.count(id)) {
    auto it = current_.find(id);
    before_zoom_[id] = it != current_.end() ? it->second.limits : own;
  }
  current_[id] = Override{plot::Limits::fixed(limits.xmin, limits.xmax, limits.ymin, limits.ymax), false};
  ++serial_;
}

void LimitsOverride::extreme(const std::vector<SystemGeometry>& systems) {
  for (const SystemGeometry& s : systems) {
    if (!before_zoom_.count(s.id)) {
      auto it = current_.find(s.id);
      before_zoom_[s.id] = it != current_.end() ? it->second.limits : s.own;
    }
    current_[s.id] = Override{plot::Limits{}, false};  // four automatic sides
  }
  ++serial_;
}

bool LimitsOverride::unzoom() {
  if (before_zoom_.empty()) return false;
  for (const auto& [id, limits] : before_zoom_) current_[id] = Override{limits, false};
  before_zoom_.clear();
  ++serial_;
  return true;
}

bool LimitsOverride::clear(int id) {
  bool changed;
  if (id == 0) {
    changed = !current_.empty() || !before_zoom_.empty();
    current_.clear();
    before_zoom_.clear();
  } else {
    changed = current_.erase(id) + before_zoom_.erase(id) > 0;
  }
  if (changed) ++serial_;
  return changed;
}

std::optional<plot::Limits> LimitsOverride::take(int id) {
  auto it = current_.find(id);
  if (it == current_.end() || it->second.taken) return std::nullopt;
  it->second.taken = true;
  return it->second.limits;
}

void LimitsOverride::page_arrived() {
  for (auto it = current_.begin(); it != current_.end();)
    it = it->second.taken ? current_.erase(it) : std::next(it);
}

std::optional<plot::Limits> LimitsOverride::get(int id) const {
  auto it = current_.find(id);
  if (it == current_.end()) return std::nullopt;
  return it->second.limits;
}

std::map<int, plot::Limits> LimitsOverride::overrides() const {
  std::map<int, plot::Limits> out;
  for (const auto& [id, o] : current_) out[id] = o.limits;
  return out;
}

}  // namespace pargist::viewer::detail
