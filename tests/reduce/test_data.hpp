// Shared by the reduce tests: one global data set, generated identically on
// every rank, and several ways of splitting it over the ranks.
#pragma once

#include <pargist/reduce/comm.hpp>

#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace test {

// Deterministic pseudo-random numbers (same on every rank and platform).
struct Rng {
  std::uint64_t s;
  explicit Rng(std::uint64_t seed) : s(seed * 2862933555777941757ULL + 3037000493ULL) {}
  std::uint64_t next() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    std::uint64_t z = s;
    z = (z ^ (z >> 33)) * 0xff51afd7ed558ccdULL;
    return z ^ (z >> 33);
  }
  double uniform() { return double(next() >> 11) * 0x1.0p-53; }
  double normal() {
    double u = uniform(), v = uniform();
    return std::sqrt(-2.0 * std::log(u + 1e-300)) * std::cos(6.283185307179586 * v);
  }
};

inline std::vector<double> normal_data(std::size_t n, std::uint64_t seed, double mean = 0, double sd = 1) {
  Rng r(seed);
  std::vector<double> v(n);
  for (auto& x : v) x = mean + sd * r.normal();
  return v;
}

// Ways of cutting n global particles into contiguous pieces, one per rank.
enum class Split { even, first_empty, last_heavy, all_on_last };

inline std::pair<std::size_t, std::size_t> piece(std::size_t n, int rank, int size, Split how) {
  std::vector<std::size_t> cuts(size + 1, 0);
  for (int r = 0; r <= size; ++r) {
    double f = double(r) / size;
    switch (how) {
      case Split::even: break;
      case Split::first_empty: f = r == 0 ? 0.0 : double(r - 1) / std::max(1, size - 1); if (size == 1) f = r; break;
      case Split::last_heavy: f = f * f * f; break;
      case Split::all_on_last: f = r == size ? 1.0 : 0.0; break;
    }
    cuts[r] = std::size_t(std::llround(f * double(n)));
  }
  cuts[size] = n;
  return {cuts[rank], cuts[rank + 1]};
}

inline const Split all_splits[] = {Split::even, Split::first_empty, Split::last_heavy, Split::all_on_last};

}  // namespace test
