// Internal: reading a FieldView, and the checks every collective on a
// decomposed grid starts with (field slices, slice3).
#pragma once

#include <pargist/reduce/field.hpp>

#include <cstdint>
#include <vector>

namespace pargist::reduce::detail {

// A FieldView with 2-D grids lifted to 3-D (axis 2 of extent 1).
FieldView as_3d(FieldView f);

// True when the box owns nothing (some upper <= lower).
bool box_empty(const FieldView& f);

// The value at global indices (i, j, k), which must lie in the box.
inline double value_at(const FieldView& f, std::int64_t i, std::int64_t j, std::int64_t k) {
  const char* p = static_cast<const char*>(f.data) + (i - f.lower[0]) * f.stride_bytes[0] +
                  (j - f.lower[1]) * f.stride_bytes[1] + (k - f.lower[2]) * f.stride_bytes[2];
  return f.dtype == DType::f32 ? double(*reinterpret_cast<const float*>(p)) : *reinterpret_cast<const double*>(p);
}

// A number every rank must give alike, and what to call it in the error.
struct Agreed {
  const char* what;
  double value;  // finite (checked before)
};

// Collective: throws std::invalid_argument("<function>: ranks disagree on
// <what>") on every rank, naming the first value that differs, unless all
// ranks gave the same values (one allreduce of the values and their negatives).
void agree_same(const Comm& comm, const std::vector<Agreed>& values, const char* function);

// The global shape's three entries, for agree_same.
std::vector<Agreed> global_shape_entries(const FieldView& f);

// Collective: agree_same on the global shape alone.
void agree_global_shape(const Comm& comm, const FieldView& f, const char* function);

}  // namespace pargist::reduce::detail
