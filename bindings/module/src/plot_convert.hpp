// Conversions from the canonical values pargist/gist.py hands over (it has
// already parsed Gist's many spellings) to libplot's option structs.
//   colour:  ('named', -1..-10) | ('index', 0..255) | ('rgb', (r, g, b))
//   grid:    a 2-D float64 C-ordered array (nj, ni): i fastest, as Gist
//   bound:   None (keep) | 'e' (automatic) | float
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <pargist/libplot/gist.hpp>

#include <optional>
#include <string>

namespace pargist::pybind {

namespace py = pybind11;

plot::Color to_color(py::handle obj);
plot::Grid to_grid(py::handle obj, const std::string& what);
plot::Bound to_bound(py::handle obj, const std::string& what);
std::vector<int> to_ints(py::handle obj, const std::string& what);
std::vector<std::uint8_t> to_bytes(py::handle obj, const std::string& what);

// Optional keyword value of an options dict (absent or None: nullopt).
template <class T>
std::optional<T> opt(const py::dict& d, const char* key) {
  if (!d.contains(key)) return std::nullopt;
  py::object v = d[key];
  if (v.is_none()) return std::nullopt;
  return v.cast<T>();
}
std::optional<plot::Color> opt_color(const py::dict& d, const char* key);

// The common parts of the option structs.
void fill_line(plot::LineOptions& o, const py::dict& d);
void fill_scale(plot::ColorScaleOptions& o, const py::dict& d);

// Limits as Gist returns them: (xmin, xmax, ymin, ymax, flags).
py::tuple limits_tuple(const plot::Limits& l);
plot::Limits limits_from_tuple(py::handle obj);

}  // namespace pargist::pybind
