#include "plot_convert.hpp"

#include "arrays.hpp"

#include <pybind11/stl.h>

namespace pargist::pybind {

plot::Color to_color(py::handle obj) {
  auto t = py::reinterpret_borrow<py::tuple>(obj);
  const std::string kind = py::str(t[0]);
  if (kind == "named" || kind == "index") return plot::Color::from_code(t[1].cast<int>());
  if (kind == "rgb") {
    auto rgb = t[1].cast<std::tuple<int, int, int>>();
    return plot::Color::from_rgb(std::uint8_t(std::get<0>(rgb)), std::uint8_t(std::get<1>(rgb)),
                                 std::uint8_t(std::get<2>(rgb)));
  }
  throw py::value_error("colour: unknown kind '" + kind + "'");
}

std::optional<plot::Color> opt_color(const py::dict& d, const char* key) {
  if (!d.contains(key) || d[key].is_none()) return std::nullopt;
  return to_color(d[key]);
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

void fill_line(plot::LineOptions& o, const py::dict& d) {
  o.color = opt_color(d, "color");
  if (auto t = opt<int>(d, "type")) o.type = static_cast<plot::LineType>(*t);
  o.width = opt<double>(d, "width");
  o.legend = opt<std::string>(d, "legend").value_or("");
  o.hide = opt<bool>(d, "hide").value_or(false);
}

void fill_scale(plot::ColorScaleOptions& o, const py::dict& d) {
  o.cmin = opt<double>(d, "cmin");
  o.cmax = opt<double>(d, "cmax");
  o.top = opt<int>(d, "top");
  o.legend = opt<std::string>(d, "legend").value_or("");
  o.hide = opt<bool>(d, "hide").value_or(false);
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
