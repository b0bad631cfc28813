// Colours, element headers and limit flags of the display list.
#include "pargist/libplot/frame.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace pargist::plot {

const ElementInfo& element_info(const Element& e) {
  return std::visit([](const auto& el) -> const ElementInfo& { return el.info; }, e);
}

ElementInfo& element_info(Element& e) {
  return std::visit([](auto& el) -> ElementInfo& { return el.info; }, e);
}

int Limits::gist_flags() const {
  return (auto_xmin ? 0x1 : 0) | (auto_xmax ? 0x2 : 0) | (auto_ymin ? 0x4 : 0) |
         (auto_ymax ? 0x8 : 0) | (square ? 0x10 : 0) | (nice ? 0x20 : 0) |
         (restrict ? 0x40 : 0) | (log_x ? 0x80 : 0) | (log_y ? 0x100 : 0);
}

void Limits::set_gist_flags(int flags) {
  auto_xmin = flags & 0x1;
  auto_xmax = flags & 0x2;
  auto_ymin = flags & 0x4;
  auto_ymax = flags & 0x8;
  square = flags & 0x10;
  nice = flags & 0x20;
  restrict = flags & 0x40;
  log_x = flags & 0x80;
  log_y = flags & 0x100;
}

double automatic_vector_scale(const Vectors& v) {
  double lo[4], hi[4];
  for (int k = 0; k < 4; ++k) lo[k] = INFINITY, hi[k] = -INFINITY;
  const std::vector<double>* arrays[4] = {&v.x, &v.y, &v.vx, &v.vy};
  for (std::size_t i = 0; i < v.x.size(); ++i) {
    bool finite = true;
    for (auto* a : arrays) finite = finite && std::isfinite((*a)[i]);
    if (!finite) continue;
    for (int k = 0; k < 4; ++k) {
      lo[k] = std::min(lo[k], (*arrays[k])[i]);
      hi[k] = std::max(hi[k], (*arrays[k])[i]);
    }
  }
  if (!(lo[0] <= hi[0])) return 1.0;
  const std::size_t ni = v.ni ? v.ni : v.x.size(), nj = v.ni ? v.x.size() / v.ni : 1;
  const double zone = ((hi[0] - lo[0]) + (hi[1] - lo[1])) / double(ni + nj);
  const double range = std::max(hi[2] - lo[2], hi[3] - lo[3]);
  return range > 0 ? zone / range : 1.0;
}

}  // namespace pargist::plot
