// Internal: the least and greatest of a contiguous double array with AVX2,
// for limits' common case (every value finite, a plain index range).
#pragma once

#include <cstddef>

namespace pargist::reduce::detail {

// The least and greatest of v[0..n), when every value is finite and neither
// extreme is zero: then *lo and *hi are what limits' scalar scan finds.
// Returns false (and leaves *lo and *hi unspecified) otherwise: a NaN or an
// infinity, which the scalar scan skips and counts, or an extreme of zero,
// whose sign the scalar scan takes from the first zero in the array while
// the lanes here meet zeros in another order. Needs have_avx2().
bool finite_extent_avx2(const double* v, std::size_t n, double* lo, double* hi);

}  // namespace pargist::reduce::detail
