// pargist._core's view of the C++ registry (pargist/pp/sources.hpp): what a
// host code registered, as numpy arrays over the host's memory (no copy),
// for pargist.sources to plot. register_species_views / register_field_views
// register numpy arrays through the same C++ API (they stay referenced here
// while registered), which is how Python code and the tests reach it.
#include "arrays.hpp"
#include "bindings.hpp"

#include <pybind11/stl.h>

#include <pargist/pp/sources.hpp>

#include <map>
#include <stdexcept>

namespace pargist::pybind {

namespace pp = plot::pp;

namespace {

// Arrays registered from Python, kept alive while the registry points at them.
py::dict& held() {
  static py::dict* d = new py::dict();  // never destroyed: outlives the interpreter's teardown order
  return *d;
}

py::array numpy_of(const reduce::ArrayView& v) {
  const auto dtype = v.dtype == reduce::DType::f32 ? py::dtype::of<float>() : py::dtype::of<double>();
  py::capsule no_owner(v.data, [](void*) {});
  py::array a(dtype, {static_cast<py::ssize_t>(v.size)}, {static_cast<py::ssize_t>(v.stride_bytes)}, v.data, no_owner);
  py::detail::array_proxy(a.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return a;
}

py::array numpy_of(const reduce::FieldView& v) {
  const auto dtype = v.dtype == reduce::DType::f32 ? py::dtype::of<float>() : py::dtype::of<double>();
  std::vector<py::ssize_t> shape, strides;
  for (int k = 0; k < v.dims; ++k) {
    shape.push_back(static_cast<py::ssize_t>(std::max<std::int64_t>(0, v.upper[k] - v.lower[k])));
    strides.push_back(static_cast<py::ssize_t>(v.stride_bytes[k]));
  }
  py::capsule no_owner(v.data, [](void*) {});
  py::array a(dtype, shape, strides, v.data, no_owner);
  py::detail::array_proxy(a.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return a;
}

py::dict arrays_dict(const std::map<std::string, reduce::ArrayView>& m) {
  py::dict d;
  for (const auto& [name, view] : m) d[py::str(name)] = numpy_of(view);
  return d;
}

std::map<std::string, reduce::ArrayView> views_of(const py::dict& arrays, py::list& keep, const std::string& what) {
  std::map<std::string, reduce::ArrayView> out;
  for (auto item : arrays) {
    const auto name = py::cast<std::string>(item.first);
    HeldView h = float_view(item.second, what + " " + name);
    keep.append(h.owner);
    out[name] = h.view;
  }
  return out;
}

}  // namespace

void bind_sources(py::module_& m) {
  m.def("cxx_species", [] {
    py::dict out;
    for (const auto& [js, s] : pp::registered_species()) {
      py::dict d;
      d["arrays"] = arrays_dict(s.arrays);
      d["lost"] = arrays_dict(s.lost);
      d["mass"] = std::isnan(s.mass) ? py::object(py::none()) : py::object(py::float_(s.mass));
      d["charge"] = std::isnan(s.charge) ? py::object(py::none()) : py::object(py::float_(s.charge));
      d["name"] = s.name;
      out[py::int_(js)] = d;
    }
    return out;
  }, "The species the host registered in C++: {js: {arrays, lost, mass, charge, name}} (numpy views).");
  m.def("cxx_fields", [] {
    py::dict out;
    for (const auto& [name, f] : pp::registered_fields()) {
      py::list comps;
      for (const auto& c : f.components) {
        py::tuple lower(c.dims);
        for (int k = 0; k < c.dims; ++k) lower[static_cast<std::size_t>(k)] = c.lower[k];
        comps.append(py::make_tuple(numpy_of(c), lower));
      }
      py::dict mesh;
      mesh["geometry"] = f.mesh.geometry;
      mesh["n"] = f.mesh.n;
      mesh["min"] = f.mesh.min;
      mesh["max"] = f.mesh.max;
      mesh["l2symtry"] = f.mesh.l2symtry;
      mesh["l4symtry"] = f.mesh.l4symtry;
      out[py::str(name)] = py::make_tuple(comps, mesh);
    }
    return out;
  }, "The fields the host registered in C++: {name: ([(block, lower)...], mesh)}.");
  m.def("register_species_views", [](const py::dict& arrays, const py::dict& lost, std::optional<double> mass, int js) {
    py::list keep;
    pp::Species s;
    s.arrays = views_of(arrays, keep, "register_species");
    s.lost = views_of(lost, keep, "register_species lost");
    if (mass) s.mass = *mass;
    try {
      js = pp::register_species(std::move(s), js);
    } catch (const std::invalid_argument& e) {
      throw py::value_error(e.what());
    }
    held()[py::str("species" + std::to_string(js))] = keep;
    return js;
  }, py::arg("arrays"), py::arg("lost") = py::dict(), py::arg("mass") = py::none(), py::arg("js") = -1,
     "Register numpy arrays through the C++ registry (pp::register_species).");
  m.def("register_field_views", [](const std::string& name, const py::list& blocks, const py::dict& mesh) {
    py::list keep;
    pp::Field f;
    f.mesh.geometry = py::cast<std::string>(mesh["geometry"]);
    f.mesh.n = py::cast<std::array<int, 3>>(mesh["n"]);
    f.mesh.min = py::cast<std::array<double, 3>>(mesh["min"]);
    f.mesh.max = py::cast<std::array<double, 3>>(mesh["max"]);
    f.mesh.l2symtry = mesh.contains("l2symtry") && py::cast<bool>(mesh["l2symtry"]);
    f.mesh.l4symtry = mesh.contains("l4symtry") && py::cast<bool>(mesh["l4symtry"]);
    std::vector<std::int64_t> global{f.mesh.n[0] + 1};
    if (f.mesh.geometry == "xyz") global.push_back(f.mesh.n[1] + 1);
    global.push_back(f.mesh.n[2] + 1);
    for (auto item : blocks) {
      auto pair = py::cast<py::tuple>(item);
      auto lower = py::cast<std::vector<std::int64_t>>(pair[1]);
      py::array a = py::module_::import("numpy").attr("asarray")(pair[0]);
      std::vector<std::int64_t> upper(lower);
      for (std::size_t k = 0; k < upper.size() && k < static_cast<std::size_t>(a.ndim()); ++k) upper[k] += a.shape(k);
      HeldField h = field_view(a, lower, upper, global, "register_field");
      keep.append(h.owner);
      f.components.push_back(h.view);
    }
    try {
      pp::register_field(name, std::move(f));
    } catch (const std::invalid_argument& e) {
      throw py::value_error(e.what());
    }
    held()[py::str("field " + name)] = keep;
  }, py::arg("name"), py::arg("blocks"), py::arg("mesh"),
     "Register numpy blocks through the C++ registry (pp::register_field).");
  m.def("cxx_clear", [] {
    pp::unregister_species(-1);
    pp::unregister_fields();
    held().clear();
  }, "Forget everything registered in the C++ registry.");
}

}  // namespace pargist::pybind
