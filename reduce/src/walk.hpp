// Internal: visiting the selected particles and reading strided values in
// the hot loops, without materialising index lists for plain ranges.
#pragma once

#include <pargist/reduce/array_view.hpp>
#include <pargist/reduce/selection.hpp>

#include <algorithm>
#include <cstddef>

// For the per-particle lambdas of hot loops: inlined into every loop of
// for_each_selected (GCC otherwise calls them, which costs several times).
#if defined(__GNUC__)
#define PARGIST_HOT_INLINE __attribute__((always_inline))
#else
#define PARGIST_HOT_INLINE
#endif

namespace pargist::reduce::detail {

// Reads element i of a strided array as double. With Contig the stride is
// the element size, known at compile time, so the loop indexes directly.
template <class T, bool Contig>
struct Loader {
  const char* base;
  std::ptrdiff_t stride;
  explicit Loader(const ArrayView& v) : base(static_cast<const char*>(v.data)), stride(v.stride_bytes) {}
  double operator()(std::size_t i) const {
    if constexpr (Contig)
      return double(reinterpret_cast<const T*>(base)[i]);
    else
      return double(*reinterpret_cast<const T*>(base + std::ptrdiff_t(i) * stride));
  }
};

inline bool is_contiguous(const ArrayView& v) { return v.stride_bytes == std::ptrdiff_t(v.itemsize()); }

// Calls f(Loader) with the loader type matching v's dtype and contiguity.
template <bool Contig, class F>
decltype(auto) with_loader(const ArrayView& v, F&& f) {
  if (v.dtype == DType::f32) return f(Loader<float, Contig>(v));
  return f(Loader<double, Contig>(v));
}

// Whether particle i passes the mask and windows of s (range not checked).
inline bool passes_filters(const Selection& s, std::size_t i) {
  if (s.mask && !(*s.mask)[i]) return false;
  for (const Window& w : s.windows) {
    double v = w.values[i];
    if (!(v > w.lo && v < w.hi)) return false;
  }
  return true;
}

// Calls visit(i) for every selected local index i < n, ascending.
template <class Visit>
void for_each_selected(const Selection& s, std::size_t n, Visit&& visit) {
  if (s.indices) {
    for (std::size_t i : *s.indices)
      if (i < n) visit(i);
    return;
  }
  const std::size_t end = std::min(s.end, n);
  const std::size_t step = s.step == 0 ? 1 : s.step;
  if (s.is_range()) {
    if (step == 1) {
      for (std::size_t i = s.begin; i < end; ++i) visit(i);
    } else {
      for (std::size_t i = s.begin; i < end; i += step) visit(i);
    }
    return;
  }
  for (std::size_t i = s.begin; i < end; i += step)
    if (passes_filters(s, i)) visit(i);
}

}  // namespace pargist::reduce::detail
