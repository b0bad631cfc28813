#include "selection_args.hpp"

#include <algorithm>

namespace pargist::pybind {

namespace {

void check_length(std::size_t got, std::size_t n, const std::string& what) {
  if (got != n) {
    throw py::value_error(what + " has " + std::to_string(got) + " elements but the particle arrays have " +
                          std::to_string(n));
  }
}

}  // namespace

HeldSelection make_selection(const py::object& spec, std::size_t n, const std::string& func) {
  HeldSelection out;
  if (spec.is_none()) return out;
  if (!py::isinstance<py::dict>(spec)) throw py::type_error(func + ": selection must be a dict");
  auto d = py::reinterpret_borrow<py::dict>(spec);
  auto& sel = out.selection;
  for (auto item : d) {
    const std::string key = py::str(item.first);
    py::handle value = item.second;
    if (value.is_none()) continue;
    if (key == "where") {
      auto m = mask_view(value, func + ": where");
      check_length(m.view.size, n, func + ": where");
      sel.mask = m.view;
      out.owners.push_back(m.owner);
    } else if (key == "windows") {
      for (auto w : value) {
        auto t = py::reinterpret_borrow<py::tuple>(w);
        if (t.size() != 4) throw py::type_error(func + ": a window is (name, array, lo, hi)");
        const std::string name = py::str(t[0]);
        auto v = float_view(t[1], func + ": " + name);
        check_length(v.view.size, n, func + ": " + name);
        sel.windows.push_back({v.view, t[2].cast<double>(), t[3].cast<double>()});
        out.owners.push_back(v.owner);
      }
    } else if (key == "begin") {
      sel.begin = value.cast<std::size_t>();
    } else if (key == "end") {
      sel.end = value.cast<std::size_t>();
    } else if (key == "step") {
      const auto step = value.cast<long long>();
      if (step < 1) throw py::value_error(func + ": nskip must be >= 1, got " + std::to_string(step));
      sel.step = static_cast<std::size_t>(step);
    } else if (key != "indices") {
      throw py::type_error(func + ": unknown selection key '" + key + "'");
    }
  }
  if (d.contains("indices") && !d["indices"].is_none()) {
    auto numpy = py::module_::import("numpy");
    py::array a = numpy.attr("asarray")(d["indices"]);
    const char kind = a.dtype().kind();
    if (kind != 'i' && kind != 'u' && !(kind == 'f' && a.size() == 0)) {
      throw py::type_error(func + ": ii must be integer indices, got dtype " + std::string(py::str(a.dtype())));
    }
    auto idx = py::array_t<long long, py::array::c_style | py::array::forcecast>::ensure(a);
    std::vector<std::size_t> chosen;
    chosen.reserve(static_cast<std::size_t>(idx.size()));
    for (py::ssize_t k = 0; k < idx.size(); ++k) {
      long long i = idx.data()[k];
      if (i < 0) i += static_cast<long long>(n);  // numpy's negative indices
      if (i < 0 || i >= static_cast<long long>(n)) {
        throw py::index_error(func + ": ii index " + std::to_string(idx.data()[k]) + " out of range for " +
                              std::to_string(n) + " particles");
      }
      chosen.push_back(static_cast<std::size_t>(i));
    }
    std::sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
    // reduce expects every listed index to satisfy the other criteria too.
    std::vector<std::size_t> kept;
    kept.reserve(chosen.size());
    for (std::size_t i : chosen) {
      if (sel.contains(i, n)) kept.push_back(i);
    }
    sel.indices = std::make_shared<const std::vector<std::size_t>>(std::move(kept));
  }
  return out;
}

}  // namespace pargist::pybind
