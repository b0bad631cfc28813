// Memory for a deposition's grid. A plot's grid is megabytes and made anew
// at every frame; above glibc's mmap threshold (32 MB at most: Warp's node
// grid of 2048x2048 cells is 34 MB) every frame's grid is fresh pages, one
// page fault per 4 kB (8200 for that grid; ~10 us each where a fault exits
// to the hypervisor). Those grids ask for transparent huge pages, as numpy
// does for its large arrays, and have the kernel fault them all in with one
// call: the ends of the grid outside whole 2 MB pages still faulted 4 kB at
// a time, ~580 faults a call (2048x2048, 1 particle: 8.2-10.5 -> 5.5-6.6 ms
// a call). Smaller ones come from the heap, whose pages glibc keeps from
// frame to frame (advising them too made the 1024x1024 frame slower: 1.5
// -> 2.5 ms; populating them costs a walk of pages already there, 0.07 ->
// 0.12 ms at 512x512, and only pays when the caller keeps every grid).
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

/// Has the kernel fault in, writable, all the whole 4 kB pages inside
/// [data, data + bytes) in one call (a hint: kernels before 5.14 refuse
/// MADV_POPULATE_WRITE, and the pages then fault one by one when touched).
inline void populate_pages(const void* data, std::size_t bytes) {
#ifdef MADV_POPULATE_WRITE
  const auto page = std::uintptr_t(4096);
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + page - 1) & ~(page - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(page - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
#endif
}

/// n zero doubles (all-zero bits); from 32 MB up (always fresh pages) huge
/// pages advised, then all the pages faulted in at once.
inline std::vector<double> zeroed_grid(std::size_t n) {
  std::vector<double> v;
  v.reserve(n);
  if (n * sizeof(double) >= (std::size_t(32) << 20)) {
    advise_huge_pages(v.data(), n * sizeof(double));
    populate_pages(v.data(), n * sizeof(double));
  }
  // Value-initialised, not resize(n, 0.0): that one is a loop of 16-byte
  // stores (libstdc++'s _M_fill_insert), this one a memset (glibc's:
  // aligned, wider stores): 256x256 9.2 -> 3.8 us, 1024x1024 0.14-0.16 ->
  // 0.115 ms a call.
  v.resize(n);
  return v;
}

}  // namespace pargist::reduce::detail
