// The live window (pargist::view), when this build has it: registered as
// libplot's display at import, so window(n) with a display (or $DISPLAY)
// opens an X11 window on rank 0. Without it windows draw offscreen and only
// hardcopy works (gist.py warns once).
#include "bindings.hpp"

#include <pybind11/stl.h>

#ifdef PARGIST_HAVE_VIEWER
#include <pargist/libplot/gist.hpp>
#include <pargist/viewer/browser.hpp>
#include <pargist/viewer/display.hpp>
#endif

namespace pargist::pybind {

void bind_viewer(py::module_& m) {
#ifdef PARGIST_HAVE_VIEWER
  m.attr("has_viewer") = true;
  viewer::install_display_factory();
  viewer::install_browser_factory();
  m.def("check_http_address", [](const std::string& text) {
    try {
      viewer::parse_browser_address(text);
    } catch (const std::invalid_argument& e) {
      throw py::value_error(e.what());
    }
  });
  m.def("viewer_unzoom", [] { viewer::unzoom(plot::current_window()); });
  m.def("viewer_zoom_factor", [](double f) { viewer::set_zoom_factor(f); });
  m.def("viewer_mouse", [](int system, int style, const std::string& prompt) -> py::object {
    const int n = plot::current_window();
    std::optional<viewer::MouseResult> got;
    {
      py::gil_scoped_release nogil;
      got = viewer::mouse(n, system, style, prompt, [] {
        py::gil_scoped_acquire gil;
        return PyErr_CheckSignals() == 0;  // Ctrl-C ends the wait
      });
    }
    if (PyErr_Occurred()) throw py::error_already_set();
    if (!got) return py::none();
    return py::cast(std::vector<double>(got->begin(), got->end()));
  });
  // The turn of the current window's 3-D scenes (ctrl + middle drag), as
  // a 3x3 rotation, and how many times it changed; None without a window.
  m.def("viewer_turn", []() -> py::object {
    auto w = viewer::live_window(plot::current_window());
    if (!w) return py::none();
    const auto t = w->turn();
    return py::make_tuple(std::vector<double>(t.begin(), t.end()), w->turn_serial());
  });
#else
  m.attr("has_viewer") = false;
#endif
}

}  // namespace pargist::pybind
