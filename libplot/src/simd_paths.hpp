// Internal: whether libplot's AVX2 paths run. Built for x86-64's baseline
// (SSE2), libplot takes an AVX2 path (a function compiled for "avx2", never
// "fma", so that no multiply and add fuse: the same values as the SSE2
// path) where the CPU has it, unless tests turn them off to compare.
#pragma once

#if defined(__GNUC__) && defined(__x86_64__)
#define PARGIST_AVX2_PATHS 1
#include <immintrin.h>
#else
#define PARGIST_AVX2_PATHS 0
#endif

namespace pargist::plot::detail {

/// The CPU has AVX2 and the paths are not turned off.
bool use_avx2();
/// Turns the AVX2 paths on (the default) or off; for tests.
void set_use_avx2(bool on);

}  // namespace pargist::plot::detail
