// Internal: the ticks, labels, grid and frame of a coordinate system.
#pragma once

#include "pargist/libplot/axes.hpp"
#include "pargist/libplot/renderer.hpp"

namespace pargist::plot::detail {

/// Draws the axes of `sys` with its resolved transform (unclipped).
void draw_axes(Renderer& r, const CoordSystem& sys, const Transform& tf);

}  // namespace pargist::plot::detail
