#include "cgm_block_packer.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "cgm_coder_clones.hpp"

namespace pargist::cgm::world_record {
namespace {

// Writes the low `width` bits of m words (low bits first, little-endian)
// to `to`: ceil(m * width / 8) bytes, the count returned; up to 8 bytes
// past them may be overwritten.
std::size_t pack_bits(const std::uint64_t* w, std::size_t m, int width, std::uint8_t* to) {
  if (width == 0) return 0;
  const std::size_t bytes = (m * std::size_t(width) + 7) / 8;
  const std::uint64_t mask = width == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << width) - 1;
  // 64 bits at a time: a word's bits that do not fit go to the next.
  std::uint64_t acc = 0;
  int held = 0;  // bits in acc, always < 64
  for (std::size_t i = 0; i < m; ++i) {
    const std::uint64_t x = w[i] & mask;
    acc |= x << held;
    held += width;
    if (held >= 64) {
      std::memcpy(to, &acc, 8);
      to += 8;
      held -= 64;
      acc = held ? x >> (width - held) : 0;
    }
  }
  std::memcpy(to, &acc, 8);
  return bytes;
}
// A whole block of kBlock words in `B` bits each: exactly B 64-bit words,
// the same bytes as pack_bits. Every word's place is known when compiling,
// so the packing has no branch and no variable shift.
template <int B, std::size_t I>
[[gnu::always_inline]] inline void put_fixed(std::uint64_t x, std::uint64_t* out) {
  constexpr std::size_t bit = I * std::size_t(B), word = bit / 64, shift = bit % 64;
  if constexpr (B < 64) x &= (std::uint64_t(1) << B) - 1;
  out[word] |= x << shift;
  if constexpr (shift + B > 64) out[word + 1] |= x >> (64 - shift);
}
template <int B, std::size_t... I>
void pack_fixed(const std::uint64_t* w, std::uint8_t* to, std::index_sequence<I...>) {
  if constexpr (B > 0) {
    std::uint64_t out[B] = {};
    (put_fixed<B, I>(w[I], out), ...);
    std::memcpy(to, out, sizeof out);
  }
}
using PackBlock = void (*)(const std::uint64_t*, std::uint8_t*);
template <std::size_t... B>
constexpr std::array<PackBlock, sizeof...(B)> pack_block_table(std::index_sequence<B...>) {
  return {[](const std::uint64_t* w, std::uint8_t* to) {
    pack_fixed<int(B)>(w, to, std::make_index_sequence<kBlock>());
  }...};
}
// kPackBlock[b] packs a whole block in b bits.
constexpr auto kPackBlock = pack_block_table(std::make_index_sequence<65>());

}  // namespace

// Reads m words of `width` bits each from in (ceil(m * width / 8) bytes).
void unpack_bits(const std::uint8_t* in, std::size_t m, int width, std::uint64_t* w) {
  if (width == 0) {
    std::fill(w, w + m, 0);
    return;
  }
  const std::size_t bytes = (m * std::size_t(width) + 7) / 8;
  const std::uint64_t mask = width == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << width) - 1;
  std::size_t bit = 0;
  for (std::size_t i = 0; i < m; ++i, bit += std::size_t(width)) {
    // The 9 bytes from the word's first byte hold it whole (fewer at the end).
    std::uint8_t window[16] = {};
    const std::size_t from = bit / 8;
    std::memcpy(window, in + from, std::min<std::size_t>(9, bytes - from));
    unsigned __int128 acc = 0;
    for (int b = 8; b >= 0; --b) acc = (acc << 8) | window[b];
    w[i] = static_cast<std::uint64_t>(acc >> (bit % 8)) & mask;
  }
}

// Words [first, n) by blocks of kBlock: in the layout each block's width,
// its count of exceptions (wider words) and their indices and high bits;
// in `packed` the low `width` bits of every word of the block.
PARGIST_CODER_CLONES
void pack_blocks(const std::uint64_t* words, std::size_t first, std::size_t n, std::vector<std::uint8_t>& layout,
                 PackedBytes& packed) {
  // Room for every block at its widest, so that whole blocks are packed
  // straight into place; trimmed to what was written at the end.
  const std::size_t packed_at = packed.size();
  // (A block's low and high bits together are 64 bits a word at most, plus
  // a byte of rounding; pack_bits may write 8 bytes past its end.)
  packed.resize(packed_at + (n - std::min(first, n)) * 8 + n / kBlock + 32);
  std::uint8_t* to = packed.data() + packed_at;
  for (std::size_t at = first; at < n; at += kBlock) {
    const std::size_t m = std::min(kBlock, n - at);
    const std::uint64_t* w = words + at;
    // The width that costs the fewest bits, counting each word wider
    // than it as an exception: its index and its high bits (9 bytes).
    // Each word's width, several at a time (bit_width_lanes), then as
    // bytes, which compare 32 at a time; a short block's rest is 0 wide.
    std::uint64_t wide[kBlock];
    std::uint64_t any = 0;
    for (std::size_t i = 0; i < m; ++i) {
      wide[i] = bit_width_lanes(w[i]);
      any |= w[i];
    }
    std::fill(wide + m, wide + kBlock, 0);
    std::uint8_t widths[kBlock];
    for (std::size_t i = 0; i < kBlock; ++i) widths[i] = std::uint8_t(wide[i]);
    int width = bit_width(any);
    std::size_t exceptions = 0;
    // Only the widths words have are worth trying (between two of them a
    // narrower width costs fewer bits for the same exceptions), from the
    // widest down, and 0; past the point where the exceptions alone cost
    // the best so far, no narrower width can win (ties keep the wider
    // width). Each step is two passes over the block's widths as bytes
    // (vectorised): the next narrower width a word has, and the count of
    // the words wider than it.
    std::size_t best = m * std::size_t(width);
    for (std::uint8_t b = std::uint8_t(width); b > 0;) {
      std::uint8_t next = 0;
      for (std::size_t i = 0; i < kBlock; ++i)  // a mask, not a choice: GCC vectorises only that
        next = std::max(next, std::uint8_t(widths[i] & std::uint8_t(0 - std::uint8_t(widths[i] < b))));
      b = next;
      std::uint8_t count = 0;  // counted in bytes: no widening in the loop
      for (std::size_t i = 0; i < kBlock; ++i) count += std::uint8_t(widths[i] > b);
      const std::size_t above = count;
      if (above * 72 >= best) break;
      if (const std::size_t bits = m * std::size_t(b) + above * 72; bits < best) {
        best = bits;
        width = b;
        exceptions = above;
      }
    }
    layout.push_back(std::uint8_t(width));
    layout.push_back(std::uint8_t(exceptions));
    // Version 8: the exceptions' high bits packed after the block's low
    // bits, in the width of the widest (versions 5-7: 8 bytes each in the layout).
    std::uint64_t highs[kBlock];
    int high_width = 0;
    if (exceptions) {
      std::uint64_t any_high = 0;
      for (std::size_t i = 0, e = 0; i < m; ++i)
        if (widths[i] > width) {
          highs[e++] = w[i] >> width;
          any_high |= w[i] >> width;
        }
      high_width = bit_width(any_high);
      layout.push_back(std::uint8_t(high_width));
      for (std::size_t i = 0; i < m; ++i)
        if (widths[i] > width) layout.push_back(std::uint8_t(i));
    }
    if (m == kBlock) {
      kPackBlock[std::size_t(width)](w, to);
      to += std::size_t(width) * (kBlock / 8);
    } else {
      to += pack_bits(w, m, width, to);
    }
    if (exceptions) to += pack_bits(highs, exceptions, high_width, to);
  }
  packed.resize(std::size_t(to - packed.data()));
}

}  // namespace pargist::cgm::world_record
