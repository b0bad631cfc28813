// What ppgeneric draws on root after a density's cells (see pp.hpp), in the
// order and with the calls of pargist/_ppgeneric.py's _decorate: the colour
// bar in system 0 (pargist/session.py's _warp_colorbar), the titles
// (session.ptitles), then lframe's limits (gist.limits).
#include "pp_internal.hpp"

#include <cmath>

namespace pargist::plot::pp {

void draw_warp_decoration(double cmin, double cmax, const WarpDecoration& d) {
  if (d.colorbar) {
    const int previous = plsys();
    plsys(0);
    try {
      warp_colorbar(d.unitless ? 0.0 : cmin, d.unitless ? 1.0 : cmax, *d.colorbar);
    } catch (...) {
      plsys(previous);
      throw;
    }
    plsys(d.view.value_or(previous));
  }
  for (const auto& t : d.titles) plt(t.text, t.x, t.y, t.options);
  if (d.frame_limits) {
    Bound sides[4];
    for (int k = 0; k < 4; ++k) {
      const double v = (*d.frame_limits)[std::size_t(k)];
      sides[k] = std::isnan(v) ? Bound::automatic() : Bound(v);
    }
    limits(sides[0], sides[1], sides[2], sides[3]);
  }
}

}  // namespace pargist::plot::pp
