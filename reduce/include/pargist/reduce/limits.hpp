// Global limits: min and max of one or several arrays over all ranks in one
// collective. NaN and Inf are skipped and counted; empty ranks are normal.
// (Gist's "nice" rounding of axis limits is libplot's job, not this one.)
#pragma once

#include <pargist/reduce/array_view.hpp>
#include <pargist/reduce/comm.hpp>
#include <pargist/reduce/selection.hpp>

#include <cstdint>
#include <vector>

namespace pargist::reduce {

struct Extent {
  double min = 0.0;            // NaN when no finite value anywhere
  double max = 0.0;            // NaN when no finite value anywhere
  std::uint64_t count = 0;     // finite values seen, all ranks
  std::uint64_t nonfinite = 0; // NaN and +-Inf skipped, all ranks
  bool empty() const { return count == 0; }
};

// One Extent per array, identical on every rank. `pad` widens each finite
// extent by pad * (max - min) on both sides. With a non-default selection
// every array must have the same length (the particle count). Throws
// std::invalid_argument on every rank for bad input on any rank.
std::vector<Extent> limits(const Comm& comm, const std::vector<ArrayView>& arrays,
                           const Selection& selection = {}, double pad = 0.0);
Extent limits(const Comm& comm, ArrayView array, const Selection& selection = {}, double pad = 0.0);

}  // namespace pargist::reduce
