// numpy arrays to pargist::reduce views, without copying.
//
// Particle arrays reach the reductions as (pointer, length, byte stride,
// float32|float64): any stride, either float type, no copy. Other dtypes raise
// TypeError naming the argument, because silently converting a 1e7-element
// int array would double the memory of a rank that is already full.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <pargist/reduce/array_view.hpp>
#include <pargist/reduce/field.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace pargist::pybind {

namespace py = pybind11;

// A view plus the Python object that owns the memory (kept alive with it).
struct HeldView {
  py::object owner;
  reduce::ArrayView view;
};

// A 1-D float32/float64 array (any stride) or a C-contiguous N-D one (seen
// flat). Lists and other sequences are converted with numpy first (a copy of
// something that was not an array anyway). float16/longdouble are converted
// to float64. Integer, bool, complex or object dtypes raise TypeError.
HeldView float_view(py::handle obj, const std::string& what);

// A boolean mask (bool or uint8 numpy array, any stride).
struct HeldMask {
  py::object owner;
  reduce::MaskView view;
};
HeldMask mask_view(py::handle obj, const std::string& what);

// A contiguous float64 copy of any array-like (for Gist primitives, whose
// elements own their data anyway). Raises TypeError for non-numeric input.
std::vector<double> to_doubles(py::handle obj, const std::string& what);

// n doubles copied into a new vector (in huge pages when large).
std::vector<double> copy_doubles(const double* data, std::size_t n);

// Values handed to numpy without a copy: a (ny, nx) grid (None when
// empty), or a vector.
py::object grid_array(std::vector<double>&& values, std::size_t ny, std::size_t nx);
py::object vector_array(std::vector<double>&& values);

// A FieldView of a numpy block (float32/float64, any strides, 2-D or 3-D)
// owning global indices [lower, upper) of a grid of global_shape.
struct HeldField {
  py::object owner;
  reduce::FieldView view;
};
HeldField field_view(const py::object& field, const std::vector<std::int64_t>& lower,
                     const std::vector<std::int64_t>& upper, const std::vector<std::int64_t>& global_shape,
                     const std::string& func);

}  // namespace pargist::pybind
