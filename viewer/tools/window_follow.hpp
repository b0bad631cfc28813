// pargist-view --follow: the pages of a CGM family that a running job is
// still writing, shown as they land (CgmFollower), in the browsing window;
// the user's zooms go back to the job through the family's request file.
// Built only when the viewer library (pargist::view) is.
#pragma once

#include <string>

#include "view_options.hpp"

namespace pargist::view_tool {

/// Follows options.file until the user closes the window (true), printing a
/// line on stdout each time the page shown or the page count changes, and
/// each time a zoom is sent to the job. Returns false with `why` set when
/// no window can be shown.
bool follow(const ViewToolOptions& options, std::string& why);

}  // namespace pargist::view_tool
