// Internal: what the world-coordinate record's coder (cgm_word_predictor,
// cgm_block_packer) shares: its hot loops' copies for newer processors and
// the bit width of a word.
#pragma once

#include <cstdint>

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

}  // namespace pargist::cgm::world_record
