#include "plot_convert.hpp"

#include "arrays.hpp"

#include <pybind11/stl.h>

#include <algorithm>
#include <climits>
#include <cmath>

namespace pargist::pybind {

namespace {

// The value of an object that has __index__ (int, numpy integers), saturated.
long long index_value(py::handle obj) {
  PyObject* i = PyNumber_Index(obj.ptr());
  if (!i) throw py::error_already_set();
  int overflow = 0;
  long long v = PyLong_AsLongLongAndOverflow(i, &overflow);
  Py_DECREF(i);
  if (overflow) v = overflow > 0 ? LLONG_MAX : LLONG_MIN;
  return v;
}

// Runs a vocabulary parser; its std::invalid_argument becomes a ValueError
// naming the keyword.
template <class F>
auto parsed(const std::string& what, F&& parse) -> decltype(parse()) {
  try {
    return parse();
  } catch (const std::invalid_argument& e) {
    std::string why = e.what();
    if (why.rfind("pargist: ", 0) == 0) why.erase(0, 9);  // the keyword names it here
    throw py::value_error(what + ": " + why);
  }
}

bool is_integer(py::handle obj) { return !PyBool_Check(obj.ptr()) && PyIndex_Check(obj.ptr()); }

std::string type_name(py::handle obj) { return py::str(py::type::handle_of(obj).attr("__name__")); }

std::string shown(py::handle obj) { return py::repr(obj); }

// An integer's value as an int, saturated (out-of-range codes are then
// refused by the vocabulary with the value in the message).
int saturated_int(py::handle obj) {
  const long long v = index_value(obj);
  return static_cast<int>(std::clamp<long long>(v, INT_MIN, INT_MAX));
}

}  // namespace

plot::Color to_color(py::handle obj, const std::string& what) {
  if (py::isinstance<py::str>(obj)) return parsed(what, [&] { return plot::Color::from_name(obj.cast<std::string>()); });
  if (PyBool_Check(obj.ptr())) throw py::type_error(what + ": a colour cannot be a bool");
  if (is_integer(obj)) return parsed(what, [&] { return plot::Color::from_code(saturated_int(obj)); });
  // The canonical form that gist_color returns.
  if (py::isinstance<py::tuple>(obj) && py::len(obj) == 2 && py::isinstance<py::str>(obj.cast<py::tuple>()[0])) {
    const py::tuple t = obj.cast<py::tuple>();
    const std::string kind = py::str(t[0]);
    if (kind == "named" || kind == "index" || kind == "rgb") return to_color(t[1], what);
  }
  py::list parts;
  try {
    parts = py::list(py::reinterpret_borrow<py::object>(obj));
  } catch (py::error_already_set&) {
    throw py::type_error(what + ": expected a colour name, a code or an (r, g, b) triple, got " + type_name(obj));
  }
  if (parts.size() != 3)
    throw py::value_error(what + ": an RGB colour needs 3 components, got " + std::to_string(parts.size()));
  bool ints = true;
  for (auto p : parts) ints = ints && is_integer(p);
  int rgb[3];
  for (std::size_t k = 0; k < 3; ++k) {
    const py::handle p = parts[k];
    rgb[k] = ints ? saturated_int(p) : static_cast<int>(std::lround(to_number(p, what) * 255));
    if (rgb[k] < 0 || rgb[k] > 255)
      throw py::value_error(what + ": RGB components must be 0..255 (or 0..1 floats), got " + shown(obj));
  }
  return plot::Color::from_rgb(std::uint8_t(rgb[0]), std::uint8_t(rgb[1]), std::uint8_t(rgb[2]));
}

py::tuple canonical_color(const plot::Color& c) {
  switch (c.kind) {
    case plot::Color::Kind::named: return py::make_tuple("named", int(c.index) - 256);
    case plot::Color::Kind::index: return py::make_tuple("index", int(c.index));
    default: return py::make_tuple("rgb", py::make_tuple(c.rgb.r, c.rgb.g, c.rgb.b));
  }
}

plot::LineType to_line_type(py::handle obj, const std::string& what) {
  if (py::isinstance<py::str>(obj))
    return parsed(what, [&] { return plot::line_type_from_name(obj.cast<std::string>()); });
  if (PyIndex_Check(obj.ptr()))
    return parsed(what, [&] { return plot::line_type_from_code(saturated_int(obj)); });
  throw py::value_error(what + ": line type must be 0..5 or a name, got " + shown(obj));
}

int to_marker(py::handle obj, const std::string& what) {
  if (py::isinstance<py::str>(obj)) return parsed(what, [&] { return plot::marker_from_name(obj.cast<std::string>()); });
  if (is_integer(obj)) return parsed(what, [&] { return plot::marker_from_code(saturated_int(obj)); });
  throw py::value_error(what + ": expected 1..5 or a character, got " + shown(obj));
}

int to_font(py::handle obj, const std::string& what) {
  if (py::isinstance<py::str>(obj)) return parsed(what, [&] { return plot::font_from_name(obj.cast<std::string>()); });
  if (is_integer(obj)) return parsed(what, [&] { return plot::font_from_code(saturated_int(obj)); });
  throw py::type_error(what + ": expected a name like 'helvetica' or 'timesB', got " + shown(obj));
}

std::string to_justify(py::handle obj, const std::string& what) {
  if (!py::isinstance<py::str>(obj)) throw py::value_error(what + ": expected e.g. 'LA', 'CC', 'RT', got " + shown(obj));
  return parsed(what, [&] { return plot::justify_name(obj.cast<std::string>()); });
}

double to_number(py::handle obj, const std::string& what) {
  PyObject* f = PyNumber_Float(obj.ptr());
  if (!f) {
    PyErr_Clear();
    throw py::type_error(what + ": expected a number, got " + type_name(obj));
  }
  const double x = PyFloat_AsDouble(f);
  Py_DECREF(f);
  return x;
}

double to_positive(py::handle obj, const std::string& what) {
  const double x = to_number(obj, what);
  if (!(x > 0 && std::isfinite(x))) throw py::value_error(what + ": must be a positive finite number, got " + shown(obj));
  return x;
}

double to_non_negative(py::handle obj, const std::string& what) {
  const double x = to_number(obj, what);
  if (!(x >= 0 && std::isfinite(x))) throw py::value_error(what + ": must be a finite number >= 0, got " + shown(obj));
  return x;
}

bool to_flag(py::handle obj, const std::string& what) {
  PyObject* i = PyNumber_Long(obj.ptr());
  if (!i) {
    PyErr_Clear();
    throw py::type_error(what + ": expected 0 or 1, got " + shown(obj));
  }
  const bool on = PyObject_IsTrue(i) == 1;
  Py_DECREF(i);
  return on;
}

long long to_integer(py::handle obj, const std::string& what) {
  if (!is_integer(obj)) throw py::type_error(what + ": expected an integer, got " + shown(obj));
  return index_value(obj);
}

int to_int(py::handle obj, const std::string& what) {
  const long long v = to_integer(obj, what);
  if (v < INT_MIN || v > INT_MAX) throw py::value_error(what + ": " + std::to_string(v) + " is out of range");
  return static_cast<int>(v);
}

plot::Grid to_grid(py::handle obj, const std::string& what) {
  py::array a = py::module_::import("numpy").attr("asarray")(obj);
  if (a.ndim() != 2) {
    throw py::value_error(what + ": expected a 2-D array, got " + std::to_string(a.ndim()) + "-D");
  }
  plot::Grid g;
  g.nj = static_cast<std::size_t>(a.shape(0));
  g.ni = static_cast<std::size_t>(a.shape(1));
  g.v = to_doubles(a, what);
  return g;
}

plot::Bound to_bound(py::handle obj, const std::string& what) {
  if (obj.is_none()) return {};
  if (py::isinstance<py::str>(obj)) {
    if (obj.cast<std::string>() == "e") return plot::Bound::automatic();
    throw py::value_error(what + ": a limit is a number, 'e' (extreme) or None (unchanged)");
  }
  return plot::Bound(obj.cast<double>());
}

std::vector<int> to_ints(py::handle obj, const std::string& what) {
  std::vector<int> out;
  for (double v : to_doubles(obj, what)) out.push_back(static_cast<int>(v));
  return out;
}

std::vector<std::uint8_t> to_bytes(py::handle obj, const std::string& what) {
  std::vector<std::uint8_t> out;
  for (double v : to_doubles(obj, what)) {
    if (v < 0 || v > 255) throw py::value_error(what + ": values must be 0..255");
    out.push_back(static_cast<std::uint8_t>(v));
  }
  return out;
}

py::tuple limits_tuple(const plot::Limits& l) {
  return py::make_tuple(l.xmin, l.xmax, l.ymin, l.ymax, static_cast<double>(l.gist_flags()));
}

plot::Limits limits_from_tuple(py::handle obj) {
  auto v = obj.cast<std::vector<double>>();
  if (v.size() != 5) throw py::value_error("limits: a saved limits value has 5 numbers");
  plot::Limits l;
  l.xmin = v[0], l.xmax = v[1], l.ymin = v[2], l.ymax = v[3];
  l.set_gist_flags(static_cast<int>(v[4]));
  return l;
}

}  // namespace pargist::pybind
