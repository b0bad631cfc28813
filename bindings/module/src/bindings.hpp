// The parts of pargist._core, one translation unit each (pybind11 compiles
// slowly; an edit to one concern rebuilds one file).
#pragma once

#include <pybind11/pybind11.h>

#include <string>

namespace pargist::pybind {

namespace py = pybind11;

void bind_parallel(py::module_& m);  // Comm: the communicator handle and small collectives
void bind_reduce(py::module_& m);    // limits, histograms, moments, sample, slices
void bind_plot(py::module_& m);      // the Gist state API (windows, primitives, hardcopy)
void bind_gist_edit(py::module_& m); // pledit, plq's properties, get_style/set_style, viewport
void bind_pp(py::module_& m);        // the collective particle/field plots
void bind_sources(py::module_& m);      // the C++ registry of species and fields (pargist/pp/sources.hpp)
void bind_pointtopoint(py::module_& m);  // send/recv of bytes between two ranks (Warp's mpisend)
void bind_viewer(py::module_& m);    // the live window, when built (has_viewer)
void bind_slice3(py::module_& m);    // slice3 on grids and cells, slice2 on polygon lists
void bind_pl3d(py::module_& m);      // the 3-D layer: view, light, Scene3 elements
void bind_output(py::module_& m);    // file errors as OSError, the displays' notices

// The displays' notices queued since the last take, one per line (bind_output.cpp).
std::string take_joined_notices();

}  // namespace pargist::pybind
