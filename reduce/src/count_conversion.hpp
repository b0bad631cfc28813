// Internal: the end of an unweighted CIC deposition, the 64-bit fixed-point
// counts (2^24 a particle) made the doubles of the result, in place: the
// same bytes hold a count before and a double after. A pass over every
// cell, so four cells at a time where the CPU has AVX2; every cell gets the
// bits of double(count) / 2^24 either way.
#pragma once

#include <cstddef>
#include <cstdint>

namespace pargist::reduce::detail {

// cells[c] holds a count in its bytes; it becomes double(count) / 2^24.
void counts_to_doubles(double* cells, std::size_t n);

}  // namespace pargist::reduce::detail
