// The parts of pargist._core, one translation unit each (pybind11 compiles
// slowly; an edit to one concern rebuilds one file).
#pragma once

#include <pybind11/pybind11.h>

namespace pargist::pybind {

namespace py = pybind11;

void bind_parallel(py::module_& m);  // Comm: the communicator handle and small collectives
void bind_reduce(py::module_& m);    // limits, histograms, moments, sample, slices
void bind_plot(py::module_& m);      // the Gist state API (windows, primitives, hardcopy)
void bind_pp(py::module_& m);        // the collective particle/field plots
void bind_pointtopoint(py::module_& m);  // send/recv of bytes between two ranks (Warp's mpisend)
void bind_viewer(py::module_& m);    // the live window, when built (has_viewer)

}  // namespace pargist::pybind
