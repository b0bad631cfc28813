// Internal: Gist's bytscl, values onto palette indices, for cell arrays,
// filled meshes and polygons. The whole-array passes (a 1000x1000 cell
// array is scaled at every new frame) work two values at a time where the
// machine has SSE2; the same indices either way.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "pargist/libplot/frame.hpp"

namespace pargist::plot::detail {

// z in [cmin, cmax] onto palette indices 0..top, rounded to the nearest
// (cmin -> 0, cmax -> top); NaN and Inf cells get the background colour.
struct ColorScale {
  double cmin = 0, cmax = 1;
  int top = 239;
  std::uint8_t index(double z) const {
    if (!std::isfinite(z)) return static_cast<std::uint8_t>(NamedColor::bg);
    const double t = (std::clamp(z, cmin, cmax) - cmin) / (cmax - cmin);
    return static_cast<std::uint8_t>(std::clamp(int(t * top + 0.4999), 0, top));
  }
};

/// The least and greatest finite values of z[0..n); false if none is finite.
bool finite_extent(const double* z, std::size_t n, double& lo, double& hi);

/// out[k] = scale.index(z[k]) for k < n.
void palette_indices(const double* z, std::size_t n, const ColorScale& scale, std::uint8_t* out);

}  // namespace pargist::plot::detail
