// Internal: the words of an array of the world-coordinate record (version 5
// on, see cgm_world_record_format.hpp) packed by blocks, each block in the
// fewest bits that hold its words but a few exceptions; and the bits read
// back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "cgm_uninitialised_vector.hpp"

namespace pargist::cgm::world_record {

// Version 5: the words of an array are packed by blocks of this many, each
// block in the fewest bits that hold its largest word.
constexpr std::size_t kBlock = 64;

// Part C: sized for the widest packing first and written over at once.
using PackedBytes = UninitialisedVector<std::uint8_t>;

// Words [first, n) by blocks of kBlock: in the layout each block's width,
// its count of exceptions (wider words) and their indices and high bits;
// in `packed` the low `width` bits of every word of the block.
void pack_blocks(const std::uint64_t* words, std::size_t first, std::size_t n, std::vector<std::uint8_t>& layout,
                 PackedBytes& packed);

// Reads m words of `width` bits each from in (ceil(m * width / 8) bytes).
void unpack_bits(const std::uint8_t* in, std::size_t m, int width, std::uint64_t* w);

}  // namespace pargist::cgm::world_record
