// Internal: the words of an array of the world-coordinate record (version 5
// on, see cgm_world_record_format.hpp) packed by blocks, each block in the
// fewest bits that hold its words but a few exceptions; and the bits read
// back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace pargist::cgm::world_record {

// Version 5: the words of an array are packed by blocks of this many, each
// block in the fewest bits that hold its largest word.
constexpr std::size_t kBlock = 64;

// Bytes that a resize leaves as they are, not zeroed: part C is sized for
// the widest packing first and written over at once.
template <class T>
struct Uninitialised : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = Uninitialised<U>;
  };
  Uninitialised() = default;
  template <class U>
  Uninitialised(const Uninitialised<U>&) noexcept {}
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
using PackedBytes = std::vector<std::uint8_t, Uninitialised<std::uint8_t>>;

// Words [first, n) by blocks of kBlock: in the layout each block's width,
// its count of exceptions (wider words) and their indices and high bits;
// in `packed` the low `width` bits of every word of the block.
void pack_blocks(const std::uint64_t* words, std::size_t first, std::size_t n, std::vector<std::uint8_t>& layout,
                 PackedBytes& packed);

// Reads m words of `width` bits each from in (ceil(m * width / 8) bytes).
void unpack_bits(const std::uint8_t* in, std::size_t m, int width, std::uint64_t* w);

}  // namespace pargist::cgm::world_record
