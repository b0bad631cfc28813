// Internal: what the world-coordinate record's coder (cgm_word_predictor,
// cgm_block_packer) shares: its hot loops' copies for newer processors and
// the bit width of a word.
#pragma once

#include <cstdint>
#include <cstring>

namespace pargist::cgm::world_record {

// The coder's hot loops are also compiled for x86-64-v3 machines (AVX2,
// LZCNT, BMI2; the loader picks the copy the processor runs): a bit width in
// one instruction, leftovers several at a time. The same bytes either way.
// (Named by feature level, not "arch=haswell": GCC picks a clone named by
// a processor only on that very processor, so AMD's never ran it.)
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define PARGIST_CODER_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define PARGIST_CODER_CLONES
#endif

// Without a branch: 0 for 0.
inline int bit_width(std::uint64_t z) { return (64 - __builtin_clzll(z | 1)) & -int(z != 0); }
// The same, for loops over many words: no lzcnt, which has no vector form
// before AVX-512, nor any compare of 64-bit lanes (none before SSE4.1):
// the exponent of the word's top 32 bits taken as a double when any is
// set, else of its low 32 bits (exact: 32 bits fit a double's 53; a magic
// sum converts them, with no integer conversion).
inline std::uint64_t bit_width_lanes(std::uint64_t z) {
  const std::uint64_t top = z >> 32;
  const std::uint64_t upper = 0 - ((top + 0xffffffffu) >> 32);  // all ones when the top half is set
  const std::uint64_t half = (top & upper) | (z & 0xffffffffu & ~upper);
  const std::uint64_t biased = 0x4330000000000000u | half;  // the double 2^52 + half
  double d;
  std::memcpy(&d, &biased, 8);
  d -= 4503599627370496.0;  // exactly half: exponent 1023 + bit_width(half) - 1, or 0 for 0
  std::uint64_t bits;
  std::memcpy(&bits, &d, 8);
  const std::uint64_t exponent = bits >> 52;
  return ((exponent - 1022) & (0 - ((exponent + 1) >> 10))) + (upper & 32);
}

}  // namespace pargist::cgm::world_record
