// Memory for a deposition's grid. A plot's grid is megabytes and made anew
// at every frame; above glibc's mmap threshold (32 MB at most: Warp's node
// grid of 2048x2048 cells is 34 MB) every frame's grid is fresh pages, one
// page fault per 4 kB (8200 for that grid; ~10 us each where a fault exits
// to the hypervisor). Those grids ask for transparent huge pages, as numpy
// does for its large arrays: 2 MB a fault. Smaller ones come from the heap,
// whose pages glibc keeps from frame to frame (advising them too made the
// 1024x1024 frame slower: 1.5 -> 2.5 ms).
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pargist::reduce::detail {

/// Asks for transparent huge pages for the whole 4 kB pages inside
/// [data, data + bytes) (a hint: the kernel may refuse, and "never" in its
/// settings turns it off). Call before the memory is first touched.
inline void advise_huge_pages(const void* data, std::size_t bytes) {
  const auto page = std::uintptr_t(4096);
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + page - 1) & ~(page - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(page - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

/// n zero doubles (all-zero bits), huge pages advised from 32 MB up.
inline std::vector<double> zeroed_grid(std::size_t n) {
  std::vector<double> v;
  v.reserve(n);
  if (n * sizeof(double) >= (std::size_t(32) << 20)) advise_huge_pages(v.data(), n * sizeof(double));
  v.resize(n, 0.0);  // touched after the advice
  return v;
}

}  // namespace pargist::reduce::detail
