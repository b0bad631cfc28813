// Python values to libplot's: Gist's keyword values in any of the spellings
// a script may use, parsed by Gist's vocabulary (pargist/libplot/
// vocabulary.hpp), and the array and limit arguments.
//   colour:  a name ('red', '#ff0000'), a code (-10..-1 named, 0..255), an
//            (r, g, b) triple of ints 0..255 or floats 0..1, or the canonical
//            ('named', code) | ('index', i) | ('rgb', (r, g, b)) of gist_color
//   grid:    a 2-D float64 C-ordered array (nj, ni): i fastest, as Gist
//   bound:   None (keep) | 'e' (automatic) | float
// Each raises ValueError or TypeError prefixed with `what` (the keyword).
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <pargist/libplot/gist.hpp>

#include <optional>
#include <string>

namespace pargist::pybind {

namespace py = pybind11;

plot::Color to_color(py::handle obj, const std::string& what = "color");
py::tuple canonical_color(const plot::Color& c);  // ('named', code) | ('index', i) | ('rgb', (r, g, b))
plot::LineType to_line_type(py::handle obj, const std::string& what);
int to_marker(py::handle obj, const std::string& what);
int to_font(py::handle obj, const std::string& what);
std::string to_justify(py::handle obj, const std::string& what);  // two letters, upper case
double to_positive(py::handle obj, const std::string& what);      // finite and > 0
double to_non_negative(py::handle obj, const std::string& what);  // finite and >= 0
double to_number(py::handle obj, const std::string& what);
bool to_flag(py::handle obj, const std::string& what);             // 0 or 1 (int() of the value)
long long to_integer(py::handle obj, const std::string& what);     // an integer, not a bool (saturated)
int to_int(py::handle obj, const std::string& what);               // the same, within int's range
plot::Grid to_grid(py::handle obj, const std::string& what);
plot::Bound to_bound(py::handle obj, const std::string& what);
std::vector<int> to_ints(py::handle obj, const std::string& what);
std::vector<std::uint8_t> to_bytes(py::handle obj, const std::string& what);

// Limits as Gist returns them: (xmin, xmax, ymin, ymax, flags).
py::tuple limits_tuple(const plot::Limits& l);
plot::Limits limits_from_tuple(py::handle obj);

}  // namespace pargist::pybind
