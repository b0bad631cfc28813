// pargist-view's window: the pages of a CGM document in the viewer library's
// browsing window ('n' / 'p' change page; zoom and pan as in the live
// window). Built only when the viewer library (pargist::view) is.
#pragma once

#include <string>

#include "pargist/libplot/cgm.hpp"
#include "view_options.hpp"

namespace pargist::view_tool {

/// Opens the window on page `first` (1-based) and returns when the user
/// closes it (true). Returns false with `why` set when no window can be
/// shown (no display, or a build without the viewer library).
bool browse(const cgm::CgmDocument& doc, int first, const ViewToolOptions& options, std::string& why);

}  // namespace pargist::view_tool
