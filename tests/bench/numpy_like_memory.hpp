// Particle arrays for the C++ side of a benchmark against Python, in memory
// as numpy gives it to a Python caller: an array of 4 MiB or more is advised
// into transparent huge pages (numpy's madvise(MADV_HUGEPAGE), which is what
// a kernel in THP "madvise" mode needs), so that both layers read their
// particles with the same TLB behaviour and the ratio measures the layers.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bench {

inline std::vector<double> numpy_like_array(std::size_t n) {
  std::vector<double> v;
  v.reserve(n);
  if (n * sizeof(double) >= (std::size_t(4) << 20)) {
    const auto page = std::uintptr_t(4096);
    const auto begin = (reinterpret_cast<std::uintptr_t>(v.data()) + page - 1) & ~(page - 1);
    const auto end = reinterpret_cast<std::uintptr_t>(v.data() + n) & ~(page - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // a hint
  }
  v.resize(n);  // touched after the advice, as numpy's pages are
  return v;
}

}  // namespace bench
