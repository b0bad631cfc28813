// Internal: the lowering of the wire frame and the gnomon (lower3.cpp
// dispatches here).
#pragma once

#include <vector>

#include "pargist/libplot/frame.hpp"

namespace pargist::plot {

// plwf's zones as polygons painted back to front (or the mesh lines only
// when not culled), in view coordinates; top is the palette's last index.
Element lower_wire3(const Wire3& w, const Scene3& s, int top);

// The gnomon in NDC: the axes (Disjoint), blobs behind reversed labels
// (Lines) and the labels (Text).
std::vector<Element> lower_gnomon3(const Gnomon3& g, const View3& view);

}  // namespace pargist::plot
