#include "arrays.hpp"

#include <sys/mman.h>

#include <cstdint>
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

// dtype.isnative without a Python attribute lookup (every call views arrays).
bool is_native(const py::dtype& dt) {
  const char order = dt.byteorder();
  constexpr char native_order = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? '<' : '>';
  return order == '=' || order == '|' || order == native_order;
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
  const bool native = is_native(dt);
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
  return copy_doubles(d.data(), static_cast<std::size_t>(d.size()));
}

std::vector<double> copy_doubles(const double* data, std::size_t n) {
  std::vector<double> v;
  v.reserve(n);
  // A copy of millions of points into fresh memory costs more in page
  // faults than in copying (4 KiB at a time); huge pages, asked for before
  // the memory is touched, make the copy 3-5 times faster.
  constexpr std::size_t huge = std::size_t(4) << 20;
  if (n * sizeof(double) >= huge) {
    const auto page = std::uintptr_t(4096);
    const auto begin = (reinterpret_cast<std::uintptr_t>(v.data()) + page - 1) & ~(page - 1);
    const auto end = reinterpret_cast<std::uintptr_t>(v.data() + n) & ~(page - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // a hint: errors ignored
  }
  v.assign(data, data + n);
  return v;
}

// Grid values (row-major [iy][ix]) as a (ny, nx) float64 array, or None.
py::object grid_array(std::vector<double>&& values, std::size_t ny, std::size_t nx) {
  if (values.empty()) return py::none();
  auto* heap = new std::vector<double>(std::move(values));
  py::capsule owner(heap, [](void* p) { delete static_cast<std::vector<double>*>(p); });
  return py::array_t<double>({static_cast<py::ssize_t>(ny), static_cast<py::ssize_t>(nx)}, heap->data(), owner);
}

py::object vector_array(std::vector<double>&& values) {
  auto* heap = new std::vector<double>(std::move(values));
  py::capsule owner(heap, [](void* p) { delete static_cast<std::vector<double>*>(p); });
  return py::array_t<double>(static_cast<py::ssize_t>(heap->size()), heap->data(), owner);
}


HeldField field_view(const py::object& field, const std::vector<std::int64_t>& lower,
                     const std::vector<std::int64_t>& upper, const std::vector<std::int64_t>& global_shape,
                     const std::string& func) {
  HeldField h;
  py::array a = py::isinstance<py::array>(field) ? py::reinterpret_borrow<py::array>(field)
                                                 : py::array(py::module_::import("numpy").attr("asarray")(field));
  if (a.dtype().kind() != 'f' || (a.itemsize() != 4 && a.itemsize() != 8) || !a.dtype().attr("isnative").cast<bool>()) {
    throw py::type_error(func + ": field must be a float32 or float64 array, got dtype " + std::string(py::str(a.dtype())));
  }
  const auto dims = static_cast<int>(a.ndim());
  if (dims != 2 && dims != 3) throw py::value_error(func + ": field must be 2-D or 3-D, got " + std::to_string(dims) + "-D");
  if (lower.size() != std::size_t(dims) || upper.size() != std::size_t(dims) || global_shape.size() != std::size_t(dims)) {
    throw py::value_error(func + ": lo and hi must have " + std::to_string(dims) + " entries for a " +
                          std::to_string(dims) + "-D field");
  }
  auto& v = h.view;
  v.data = a.data();
  v.dtype = a.itemsize() == 4 ? reduce::DType::f32 : reduce::DType::f64;
  v.dims = dims;
  for (int k = 0; k < dims; ++k) {
    const std::int64_t extent = upper[k] - lower[k];
    if (extent != a.shape(k)) {
      throw py::value_error(func + ": the field's shape along axis " + std::to_string(k) + " is " +
                            std::to_string(a.shape(k)) + " but its box lo..hi spans " + std::to_string(extent) +
                            " cells");
    }
    v.lower[k] = lower[k];
    v.upper[k] = upper[k];
    v.stride_bytes[k] = a.strides(k);
    v.global_shape[k] = global_shape[k];
  }
  h.owner = a;
  return h;
}

}  // namespace pargist::pybind
