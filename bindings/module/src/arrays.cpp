#include "arrays.hpp"

#include <stdexcept>

namespace pargist::pybind {

namespace {

py::array as_array(py::handle obj, const std::string& what) {
  if (py::isinstance<py::array>(obj)) return py::reinterpret_borrow<py::array>(obj);
  if (obj.is_none()) throw py::type_error(what + ": expected an array, got None");
  auto numpy = py::module_::import("numpy");
  try {
    return numpy.attr("asarray")(obj);
  } catch (py::error_already_set&) {
    throw py::type_error(what + ": expected an array, got " +
                         std::string(py::str(py::type::handle_of(obj).attr("__name__"))));
  }
}

}  // namespace

HeldView float_view(py::handle obj, const std::string& what) {
  py::array a = as_array(obj, what);
  py::dtype dt = a.dtype();
  const char kind = dt.kind();
  if (kind != 'f') {
    throw py::type_error(what + ": expected a float32 or float64 array, got dtype " +
                         std::string(py::str(dt)));
  }
  // Non-native byte order or an unusual float size: one float64 copy.
  const bool native = dt.attr("isnative").cast<bool>();
  if (!native || (dt.itemsize() != 4 && dt.itemsize() != 8)) {
    a = py::array_t<double, py::array::forcecast>::ensure(a);
    dt = a.dtype();
  }
  HeldView out;
  out.view.dtype = dt.itemsize() == 4 ? reduce::DType::f32 : reduce::DType::f64;
  out.view.data = a.data();
  out.view.size = static_cast<std::size_t>(a.size());
  if (a.ndim() <= 1) {
    out.view.stride_bytes = a.ndim() == 1 ? a.strides(0) : dt.itemsize();
  } else if (a.flags() & py::array::c_style) {
    out.view.stride_bytes = dt.itemsize();
  } else {
    throw py::type_error(what + ": expected a 1-D array (or a C-contiguous one), got a " +
                         std::to_string(a.ndim()) + "-D strided array");
  }
  out.owner = std::move(a);
  return out;
}

HeldMask mask_view(py::handle obj, const std::string& what) {
  py::array a = as_array(obj, what);
  py::dtype dt = a.dtype();
  if (!(dt.kind() == 'b' || (dt.kind() == 'u' && dt.itemsize() == 1))) {
    throw py::type_error(what + ": expected a bool array, got dtype " + std::string(py::str(dt)));
  }
  if (a.ndim() != 1) throw py::type_error(what + ": expected a 1-D bool array");
  HeldMask out;
  out.view = reduce::MaskView(a.data(), static_cast<std::size_t>(a.size()), a.strides(0));
  out.owner = std::move(a);
  return out;
}

std::vector<double> to_doubles(py::handle obj, const std::string& what) {
  py::array a = as_array(obj, what);
  const char kind = a.dtype().kind();
  if (kind != 'f' && kind != 'i' && kind != 'u' && kind != 'b') {
    throw py::type_error(what + ": expected numbers, got dtype " + std::string(py::str(a.dtype())));
  }
  auto d = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(a);
  return std::vector<double>(d.data(), d.data() + d.size());
}

}  // namespace pargist::pybind
