// The live window as libplot's display: once install_display_factory() has
// run, plot::window(n) with a display (or $DISPLAY) opens a Window for Gist
// window n; each fma()/redraw() hands it a copy of the frame, and the limits
// the user sets with the mouse flow back into limits() and the next pp*
// call. Rank 0 only: other ranks never open a display.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "pargist/viewer/window.hpp"

namespace pargist::viewer {

/// Register the live window as libplot's display factory (idempotent).
/// A display that cannot be opened gives one warning and no display: the
/// plotting and the hardcopy files go on.
void install_display_factory();

/// The live window of Gist window n (0..7), or nullptr if it has none.
std::shared_ptr<Window> live_window(int n);

/// Gist's unzoom on window n (its X window and its browser view): back to
/// the limits from before the mouse zooms (they reach libplot at its next
/// limits()/pp*/fma). No-op without a live window.
void unzoom(int n);

/// Gist's zoom_factor for every live window and browser view, present and future (> 1;
/// throws std::invalid_argument otherwise).
void set_zoom_factor(double factor);

/// Gist's mouse(system, style, prompt) on window n's live window; nothing
/// without one. See Window::mouse; the caller should release the Python
/// GIL while it waits and pass a keep_waiting that checks for Ctrl-C.
std::optional<MouseResult> mouse(int n, int system, int style, const std::string& prompt,
                                 const std::function<bool()>& keep_waiting = {});

}  // namespace pargist::viewer
