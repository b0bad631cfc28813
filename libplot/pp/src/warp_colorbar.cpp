// Warp's colour bar of a density frame (see pp.hpp), with the arithmetic of
// pargist/session.py's Python version (which calls this one), so that the
// labels, ticks and bands are the same numbers whichever layer draws them.
#include "pp_internal.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pargist::plot::pp {

std::vector<double> nice_levels(double zmin, double zmax, int n) {
  if (zmin == zmax) return {zmin, zmax};
  double finest = std::abs(zmax - zmin) / double(n);
  double unit = std::pow(10.0, std::floor(std::log10(finest)));
  finest /= unit;
  finest = finest > 5.0 ? 10.0 : finest > 2.0 ? 5.0 : finest > 1.0 ? 2.0 : finest;
  unit *= finest;
  const double cmin = unit * std::ceil(zmin / unit), cmax = unit * std::floor(zmax / unit);
  const long count = long((cmax - cmin) / unit + 0.5) + 1;
  std::vector<double> levs(std::size_t(std::max(count, 0L)));
  for (std::size_t k = 0; k < levs.size(); ++k) {
    levs[k] = cmin + double(k) * unit;
    if (std::abs(levs[k]) < 0.1 * unit) levs[k] = 0.0;
  }
  return levs;
}

void warp_colorbar(double zmin, double zmax, const WarpColorbarOptions& o) {
  const auto [xmin, xmax, ymin, ymax] = o.place;
  const std::size_t ncolor = std::size_t(std::max(o.ncolor, 1));
  const double last = std::max(double(ncolor) - 1.0, 1.0);
  std::vector<double> bands(2 * ncolor);
  for (std::size_t j = 0; j < ncolor; ++j) bands[2 * j] = bands[2 * j + 1] = double(j) / last;
  ColorScaleOptions scale;
  scale.cmin = 0.0, scale.cmax = 1.0, scale.top = o.top;
  pli(Grid{std::move(bands), 2, ncolor}, xmin, ymin, xmax, ymax, scale);
  pldj({xmin, xmin, xmin, xmax}, {ymin, ymax, ymin, ymin}, {xmax, xmax, xmin, xmax}, {ymin, ymax, ymax, ymax});

  const std::vector<double> labels = nice_levels(zmin, zmax);
  std::vector<double> ys(labels.size());
  if (labels.size() == 2 && labels[0] == labels[1]) {
    ys = {ymin, ymax};
  } else {
    const double span = zmax != zmin ? zmax - zmin : 1.0;
    for (std::size_t k = 0; k < labels.size(); ++k) ys[k] = ymin + (ymax - ymin) * (labels[k] - zmin) / span;
  }
  PltOptions text;
  text.height = o.fontsize;
  double ylast = 0.0;
  for (std::size_t k = 0; k < labels.size(); ++k) {
    if (ys[k] - ylast > (ymax - ymin) / 30) {
      char value[64];
      std::snprintf(value, sizeof value, "%.5g", labels[k]);
      plt(" " + o.label_prefix + value, xmax + 0.005, ys[k] - 0.005, text);
      ylast = ys[k];
    }
  }
  pldj(std::vector<double>(ys.size(), xmax), ys, std::vector<double>(ys.size(), xmax + 0.005), ys);
}

}  // namespace pargist::plot::pp
