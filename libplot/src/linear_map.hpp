// Internal: world -> NDC on linear axes for a whole curve at once, the
// first pass of every long curve's render (a window re-renders it at each
// zoom). LinearAxis's operations on every point, without a branch per
// point; with AVX2, where the CPU has it, four points at a time.
#pragma once

#include <cstddef>

#include "pargist/libplot/renderer.hpp"

namespace pargist::plot::detail {

/// ox[i] = ax(wx[i]), oy[i] = ay(wy[i]) for i < n; false if some point is
/// not drawable (not finite, in world or NDC): the caller then maps the
/// curve piece by piece.
bool map_linear(const double* wx, const double* wy, std::size_t n, const LinearAxis& ax, const LinearAxis& ay,
                double* ox, double* oy);

}  // namespace pargist::plot::detail
