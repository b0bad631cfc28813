// Views of caller-owned arrays, so that numpy arrays (and C++ buffers) reach
// the reductions without a copy: a pointer, a length and a stride in bytes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace pargist::reduce {

// Element type of an ArrayView: the two float types particle codes use.
enum class DType { f32, f64 };

// A typed strided view: element i is at byte offset i * stride_bytes.
// Any stride works (negative, zero, or not a multiple of sizeof(T)).
template <class T>
struct StridedView {
  const T* data = nullptr;
  std::size_t size = 0;
  std::ptrdiff_t stride_bytes = sizeof(T);

  T operator[](std::size_t i) const {
    return *reinterpret_cast<const T*>(reinterpret_cast<const char*>(data) +
                                       static_cast<std::ptrdiff_t>(i) * stride_bytes);
  }
  bool contiguous() const { return stride_bytes == static_cast<std::ptrdiff_t>(sizeof(T)); }
};

// A view of float32 or float64 values, the type chosen at run time (what a
// binding gets from a numpy array). Copying an ArrayView never copies data.
struct ArrayView {
  const void* data = nullptr;
  std::size_t size = 0;
  std::ptrdiff_t stride_bytes = sizeof(double);
  DType dtype = DType::f64;

  ArrayView() = default;
  ArrayView(const void* data_, std::size_t size_, std::ptrdiff_t stride_bytes_, DType dtype_)
      : data(data_), size(size_), stride_bytes(stride_bytes_), dtype(dtype_) {}
  // Contiguous or strided (stride in elements) views of C++ arrays.
  ArrayView(const double* p, std::size_t n, std::ptrdiff_t stride_elems = 1)
      : data(p), size(n), stride_bytes(stride_elems * std::ptrdiff_t(sizeof(double))), dtype(DType::f64) {}
  ArrayView(const float* p, std::size_t n, std::ptrdiff_t stride_elems = 1)
      : data(p), size(n), stride_bytes(stride_elems * std::ptrdiff_t(sizeof(float))), dtype(DType::f32) {}

  std::size_t itemsize() const { return dtype == DType::f32 ? 4 : 8; }
  // Element i converted to double (convenient, not for hot loops).
  double operator[](std::size_t i) const {
    const char* p = static_cast<const char*>(data) + static_cast<std::ptrdiff_t>(i) * stride_bytes;
    return dtype == DType::f32 ? double(*reinterpret_cast<const float*>(p))
                               : *reinterpret_cast<const double*>(p);
  }
  StridedView<float> as_f32() const { return {static_cast<const float*>(data), size, stride_bytes}; }
  StridedView<double> as_f64() const { return {static_cast<const double*>(data), size, stride_bytes}; }
};

// A boolean mask (numpy bool or uint8): element i selected when nonzero.
struct MaskView {
  const std::uint8_t* data = nullptr;
  std::size_t size = 0;
  std::ptrdiff_t stride_bytes = 1;

  MaskView() = default;
  MaskView(const void* data_, std::size_t size_, std::ptrdiff_t stride_bytes_ = 1)
      : data(static_cast<const std::uint8_t*>(data_)), size(size_), stride_bytes(stride_bytes_) {}
  MaskView(const bool* p, std::size_t n) : MaskView(static_cast<const void*>(p), n, sizeof(bool)) {}
  bool operator[](std::size_t i) const { return data[static_cast<std::ptrdiff_t>(i) * stride_bytes] != 0; }
};

}  // namespace pargist::reduce
