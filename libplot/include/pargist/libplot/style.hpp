// Gist's page styles (work.gs, boxed.gs, nobox.gs, work2.gs, boxed2.gs)
// built in, plus "2x2": four boxed panels for multi-system pages.
#pragma once

#include <string>
#include <vector>

#include "pargist/libplot/frame.hpp"

namespace pargist::plot {

/// "work" (default), "boxed", "nobox", "work2", "boxed2", "2x2" (".gs" suffix allowed).
std::vector<std::string> style_names();

/// An empty frame in that style: system 0 (NDC) plus the style's systems,
/// the earth palette. Throws std::invalid_argument for an unknown style.
Frame make_frame(const std::string& style);

/// The tick style of a named style's systems (work: ticks outside, no frame).
TickStyle style_ticks(const std::string& style);

}  // namespace pargist::plot
