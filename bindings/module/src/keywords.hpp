// The one checked table of the keywords that cross the binding, for every
// function whose options come as a dict (Gist's primitives, pldefault,
// pledit, window, limits, gridxy, colorbar, and ppgeneric's options from pargist/pp.py).
//
// Each entry names a keyword and stores its value, converted and checked
// with Gist's vocabulary (pargist/libplot/vocabulary.hpp), into the C++
// options struct. The core reads every options dict through its function's
// table, and the Python layer checks keywords against the same table
// (check_options) on every rank before anything is gathered or drawn: a key
// the table does not know is a TypeError on both sides, never ignored.
//
// Adding a keyword is one entry in its function's table in keywords.cpp
// (plus the field it sets in the C++ options struct).
#pragma once

#include <pybind11/pybind11.h>

#include <pargist/libplot/gist.hpp>
#include <pargist/pp/pp.hpp>

#include <string>
#include <vector>

namespace pargist::pybind {

namespace py = pybind11;

plot::PlgOptions plg_options(const py::dict& kw);
plot::LineOptions pldj_options(const py::dict& kw);
plot::MeshOptions plm_options(const py::dict& kw);
plot::PlcOptions plc_options(const py::dict& kw);
plot::PlfOptions plf_options(const py::dict& kw);
plot::ColorScaleOptions pli_options(const py::dict& kw);
plot::PlfpOptions plfp_options(const py::dict& kw);
plot::PlvOptions plv_options(const py::dict& kw);
plot::PltOptions plt_options(const py::dict& kw);
plot::DefaultsUpdate pldefault_options(const py::dict& kw);
plot::ElementEdit pledit_options(const py::dict& kw);
plot::WindowOptions window_options(const py::dict& kw);
plot::LimitsOptions limits_options(const py::dict& kw);
plot::GridOptions gridxy_options(const py::dict& kw);
plot::ColorbarOptions colorbar_options(const py::dict& kw);
plot::pp::PlotOptions ppgeneric_options(const py::dict& kw);

// For Python (pargist._core.options_keywords / check_options): the keywords
// of a function's table, and a check of a dict against it (raises
// TypeError for an unknown key, TypeError/ValueError for a bad value).
std::vector<std::string> options_keywords(const std::string& func);
void check_options(const std::string& func, const py::dict& kw);
// Gist's triangle= arrays pick how saddle zones are cut; all zeros (as
// pygist's plfc passes) lets Gist choose, which is what pargist does: any
// other is NotImplementedError, naming func.
void check_triangle(py::handle triangle, const std::string& func);

// Gist's vocabulary for Python (pargist._core.gist_*): a value checked and
// returned in canonical form (colour: int code or (r, g, b); line type,
// marker and font: int; justify: two letters), and the tables of names.
void bind_vocabulary(py::module_& m);

}  // namespace pargist::pybind
