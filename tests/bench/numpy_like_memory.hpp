// Particle arrays for the C++ side of a benchmark against Python, in memory
// as numpy gives it to a Python caller: an array of 4 MiB or more is advised
// into transparent huge pages (numpy's madvise(MADV_HUGEPAGE), which is what
// a kernel in THP "madvise" mode needs), so that both layers read their
// particles with the same TLB behaviour and the ratio measures the layers.
#pragma once

#include <cstddef>
#include <vector>

#include "../../reduce/src/grid_memory.hpp"  // advise_huge_pages, as the deposit's large grids

namespace bench {

inline std::vector<double> numpy_like_array(std::size_t n) {
  std::vector<double> v;
  v.reserve(n);
  if (n * sizeof(double) >= (std::size_t(4) << 20)) pargist::reduce::detail::advise_huge_pages(v.data(), n * sizeof(double));
  v.resize(n);  // touched after the advice, as numpy's pages are
  return v;
}

}  // namespace bench
