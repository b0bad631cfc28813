// Internal: the length of a curve as Gist measures it to space its letter
// marks and ray arrows: each segment by the octagonal norm (NDC), summed.
// A long curve sums blocks of segments between two marks at once, several
// segments at a time: the same values either way.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace pargist::plot::detail {

/// Gist's octagonal norm: max(|dx|, |dy|, (|dx| + |dy|) / sqrt 2).
inline double octagonal_norm(double dx, double dy) {
  const double ax = std::fabs(dx), ay = std::fabs(dy), diagonal = (ax + ay) * 0.70710678118654752;
  return std::max({ax, ay, diagonal});
}

/// The length of the n segments (x[b], y[b]) -> (x[b + 1], y[b + 1]),
/// b < n (a multiple of 4), each by the octagonal norm, one that is not
/// > 0 and finite counted 0, summed in four sums (segment b into sum
/// b % 4) then (s0 + s1) + (s2 + s3). One at a time, as the reference.
inline double segments_length_scalar(const double* x, const double* y, std::size_t n) {
  auto length = [&](std::size_t b) {
    const double len = octagonal_norm(x[b + 1] - x[b], y[b + 1] - y[b]);
    return len > 0 && len <= std::numeric_limits<double>::max() ? len : 0.0;
  };
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (std::size_t b = 0; b < n; b += 4) s0 += length(b), s1 += length(b + 1), s2 += length(b + 2), s3 += length(b + 3);
  return (s0 + s1) + (s2 + s3);
}

/// segments_length_scalar's value, several segments at a time: four
/// (AVX2, one sum a lane) where the CPU has it, else two (SSE2, sums 0, 1
/// and 2, 3 paired); the same operations on each, the test a mask.
double segments_length(const double* x, const double* y, std::size_t n);

}  // namespace pargist::plot::detail
