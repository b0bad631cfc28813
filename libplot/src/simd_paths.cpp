#include "simd_paths.hpp"

#include <atomic>

namespace pargist::plot::detail {

namespace {
std::atomic<bool> avx2_allowed{true};  // read by a window's thread, set by tests
}  // namespace

bool use_avx2() {
#if PARGIST_AVX2_PATHS
  static const bool cpu_has_avx2 = __builtin_cpu_supports("avx2");
  return cpu_has_avx2 && avx2_allowed.load(std::memory_order_relaxed);
#else
  return false;
#endif
}

void set_use_avx2(bool on) { avx2_allowed.store(on, std::memory_order_relaxed); }

}  // namespace pargist::plot::detail
