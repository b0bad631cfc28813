#include "cgm_world_record.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cfenv>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include <zlib.h>

#include "cgm_elements.hpp"

namespace pargist::cgm {
namespace {

constexpr char kMagic[4] = {'P', 'G', 'F', 'R'};
// Versions 1 and 3: the layout below, as is. Versions 2 and 4 to 8 store the
// same layout in three parts:
//   A  the layout, deflated (zlib);
//   B  versions 2 and 4: byte planes of arrays of doubles, deflated as
//      Huffman codes only; versions 5 and 6: arrays of bytes (cell
//      colours), deflated;
//   C  stored as they are: byte planes of noise (2, 4), packed words (5, 6).
//   "PGFR", u16 version, u32 sizes of A inflated and deflated, u32 sizes
//   of B inflated and deflated, A, B, C.
// Versions 2 and 4 store a large array of doubles plane by plane (all first
// bytes, then all second bytes...), each plane led in the layout by a byte:
// 0 if its bytes follow there, 1 if they are the next ones of C, 2 of B.
// Version 5 predicts each value of an array of doubles from
// the ones before it and keeps what the prediction missed: in the layout a
// transform byte (see predict_words), the first words, and one width byte
// per block of kBlock words; in C the blocks' words, each in that many bits.
// Coordinates of curves, meshes and sorted data follow their neighbours, so
// what is left takes few bits; data the user gave as float32 take 32 bits
// at most; noise takes what it takes, with no time spent on coding it.
// Version 6 is version 5 but for an empty part B, written as
// no bytes at all (sizes 0 and 0), and for arrays of bytes: a tag byte
// in the layout after the count, 0 when the bytes follow in part B (as in
// version 5), 1 when they are the colours of the picture body's CELL ARRAY
// whose ordinal (u32) follows: a cell array of palette colours is then in
// the file once, in the body Gist reads, and the record only points at it.
// Version 7 is version 6 but for the x and y arrays of a
// mesh (QuadMesh, ni x nj nodes, rows of ni): a form byte before each,
// kAsGiven when the array follows as any other, kRowsRepeat when every row
// is the first row bit for bit (x of a meshgrid: the first row follows),
// kRowsConstant when every node of a row is its first bit for bit (y of a
// meshgrid: the first node of each row follows, nj values). A mesh made
// from linspace and meshgrid is then ni + nj values, not 2 ni nj.
// Version 8 (written now) is version 7 but for a transform of arrays of
// doubles more (kValue: predicted from the values, not their keys) and for
// the exceptions of a block: in the layout, after the block's width and
// count of exceptions, the width of their high bits and their indices; in
// part C, after the block's low bits, their high bits in that width (in
// versions 5-7 each exception is its index and 8 bytes in the layout).
// The version also tells the layout: versions 1 (plain) and 2 (deflated)
// have layout 1; versions 3 (plain), 4 to 8 (deflated) have layout 2, which
// added pygist's keywords: the rays' spacing and size and the smoothing of
// curves (Lines, Contours), the marks' spacing of contours, bytscl's top
// (FillMesh, Cells, Polys) and plf's region, gridxy's base 60 ticks and the
// mesh of plv's darts (Vectors). All versions read.
constexpr std::uint16_t kPlainLayout1 = 1, kDeflatedLayout1 = 2, kPlain = 3, kDeflatedUnpredicted = 4,
                        kDeflatedUnreferenced = 5, kDeflatedUnformed = 6, kDeflatedKeyPredicted = 7,
                        kDeflated = 8;
// Version 6: where an array of bytes is.
enum BytesTag : std::uint8_t { kInPartB = 0, kInBody = 1 };
// Version 7: how a mesh's x or y array is stored.
enum MeshForm : std::uint8_t { kAsGiven = 0, kRowsRepeat = 1, kRowsConstant = 2 };
constexpr int kLayout = 2;
constexpr std::size_t kHeader = 22;
// Fast deflate: the record must not slow writing below Gist's own pace.
constexpr int kDeflateLevel = 1;
// The layout (part A) is a few kB a frame: a smaller hash table than
// zlib's default (16 kB, not 64 kB) is cleared at every record's reset.
constexpr int kLayoutMemLevel = 6;
// zlib costs some 20 us a stream however short its input (and ~7 ns a
// byte): when the layout is less than 1/kLayoutShare of a record of packed
// numbers (a curve, a contour's field), the kilobyte or so that deflating it
// would save is not worth that time, and it is stored instead (a zlib
// stream of level 0, which every reader inflates as any other). A record
// that deflates part B (noise's top bits: a scatter) spends far longer in
// zlib already; its layout stays deflated.
constexpr std::size_t kLayoutShare = 8;
// Version 5's part B holds the bytes of cell colours as differences from
// their left neighbours: repeating images become runs, which Z_RLE finds
// faster than deflate's search for repeats at any distance (kept for the
// layout, part A, whose repeats are farther apart).
constexpr int kBytesStrategy = Z_RLE;
// A decoded record larger than this is taken for a corrupt size field.
constexpr std::size_t kMaxRecordBytes = std::size_t(1) << 31;
// A mesh array that a version 7 reader expands from a row or a column
// holds at most this many nodes (a largest record's worth of doubles).
constexpr std::size_t kMaxMeshNodes = kMaxRecordBytes / 8;
// Versions 2 and 4: where each plane of an array is.
enum PlaneTag : std::uint8_t { kInline = 0, kCopied = 1, kCoded = 2 };
// Version 5: the words of an array are packed by blocks of this many, each
// block in the fewest bits that hold its largest word.
constexpr std::size_t kBlock = 64;

// Adds plane b to n words (zero before the first).
void add_plane(const std::uint8_t* in, std::size_t n, int b, std::uint64_t* w) {
  for (std::size_t i = 0; i < n; ++i) w[i] |= std::uint64_t(in[i]) << (8 * b);
}

// How version 5 turns an array of doubles into words before the planes: the
// byte before the plane tags. Low bits: the order of the polynomial that
// predicts each value from the ones before it (0: none, 1: the last one,
// 2: a straight line through the last two, 3: a parabola through the last
// three); kSingle: every value is a float32 widened, kept as float32 (4
// planes). The prediction works on the values' bits taken as ordered
// integers (doubles in the order of their values), in wrapping integer
// arithmetic, so decoding is exact on every machine; a word is the
// difference from the prediction, zigzagged (small either way = small).
// kSplit: the top 16 bits of every word are apart, as two byte planes in
// part B, deflated: for noise such as random positions, whose sign and
// exponent take few values but whose mantissa no prediction follows.
// kValue (version 8, doubles of order 2 or 3): the straight line or the
// parabola goes through the values themselves, in double arithmetic (see
// predict_value), and the word is the difference of the keys of the value
// and of that prediction: a smooth curve whose values cross powers of two
// (where the keys' slope doubles or halves) and zero is then predicted as
// well there as elsewhere.
constexpr std::uint8_t kOrderMask = 3, kSingle = 4, kSplit = 8, kValue = 16;

// Where the top 16 bits of a word start.
int split_shift(std::uint8_t transform) { return transform & kSingle ? 16 : 48; }

// Doubles as integers in the order of their values (-0 just below +0, NaNs
// outside), for floats of `bits` bits.
// Without branches: random signs (scatter data) would mispredict half the time.
template <int bits>
std::uint64_t ordered(std::uint64_t u) {
  constexpr std::uint64_t sign = std::uint64_t(1) << (bits - 1);
  constexpr std::uint64_t all = bits == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << bits) - 1;
  const std::uint64_t negative = 0 - ((u >> (bits - 1)) & 1);  // all ones when the sign is set
  return (u ^ (negative | sign)) & all;
}
template <int bits>
std::uint64_t unordered(std::uint64_t k) {
  constexpr std::uint64_t sign = std::uint64_t(1) << (bits - 1);
  constexpr std::uint64_t all = bits == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << bits) - 1;
  return (k & sign) ? (k & ~sign) : (~k & all);
}
std::uint64_t zigzag(std::uint64_t r) { return (r << 1) ^ (0 - (r >> 63)); }
std::uint64_t unzigzag(std::uint64_t z) { return (z >> 1) ^ (0 - (z & 1)); }
// Prediction of k[i] of the given order from the words before it (fewer at
// the start), in wrapping arithmetic.
std::uint64_t predict(const std::uint64_t* k, std::size_t i, int order) {
  switch (std::min<std::size_t>(std::size_t(order), i)) {
    case 1: return k[i - 1];
    case 2: return 2 * k[i - 1] - k[i - 2];
    case 3: return 3 * k[i - 1] - 3 * k[i - 2] + k[i - 3];
    default: return 0;
  }
}
// Without a branch: 0 for 0.
int bit_width(std::uint64_t z) { return (64 - __builtin_clzll(z | 1)) & -int(z != 0); }

// True for values whose sums and differences (three at a time, as
// predict_value makes them) neither overflow nor come near the subnormal
// range: on them IEEE-754 arithmetic in its default rounding gives the
// same bits on every machine, whether or not it flushes subnormals. (Every
// double of magnitude 2^-900 or more is a multiple of 2^-952: so are their
// sums, which are then 0 or far above 2^-1022.) All ones when predictable,
// from the value's bits: integer masks keep the loops vectorisable.
inline std::uint64_t predictable_mask(double x) {
  std::uint64_t u;
  std::memcpy(&u, &x, 8);
  const auto a = std::int64_t(u & ~(std::uint64_t(1) << 63));
  constexpr std::int64_t kTiny = std::int64_t(0x07b0000000000000), kHuge = std::int64_t(0x7e70000000000000);  // 2^-900, 2^1000
  return std::uint64_t(-std::int64_t((a == 0) | ((a >= kTiny) & (a <= kHuge))));
}
// The value prediction of kValue from the last three values (a the last),
// or a itself when one of them is not predictable (NaNs, infinities, huge
// or tiny values). Additions only: no compiler can fuse them into a
// multiply-add that would round otherwise. Returned as bits.
template <int order>
inline std::uint64_t predict_value_bits(double a, double b, double c) {
  const double d = a - b;
  const double p = order == 2 ? a + d : ((d + d) + d) + c;
  std::uint64_t pb, ab;
  std::memcpy(&pb, &p, 8);
  std::memcpy(&ab, &a, 8);
  const std::uint64_t m = predictable_mask(a) & predictable_mask(b) & (order == 2 ? ~std::uint64_t(0) : predictable_mask(c));
  return (pb & m) | (ab & ~m);
}
// The key of the value predicted from the last three.
template <int order>
inline std::uint64_t predicted_key(double a, double b, double c) {
  return ordered<64>(predict_value_bits<order>(a, b, c));
}

// True when the 16 bits of words from `shift` up are set in one word in 64
// or more (a curve's leftovers, all clear there, skip the work) and, a byte at a time, take 12 bits or fewer on average
// by their entropy (judged on about a thousand words spread over the array):
// worth deflating apart. (Top bits mostly clear cost nothing in the blocks.)
bool top_bits_repeat(const std::uint64_t* w, std::size_t n, int shift) {
  const std::size_t step = std::max<std::size_t>(1, n / 1024), m = n / step;
  std::uint32_t count[2][256] = {};
  std::size_t set = 0;
  for (std::size_t i = 0; i < m; ++i) {
    ++count[0][(w[i * step] >> shift) & 0xff];
    ++count[1][(w[i * step] >> (shift + 8)) & 0xff];
    set += (w[i * step] >> shift) != 0;
  }
  if (set * 64 < m) return false;
  double bits = 0;
  for (auto& plane : count)
    for (const std::uint32_t c : plane)
      if (c) bits -= double(c) * std::log2(double(c) / double(m));
  return bits <= 12.0 * double(m);
}

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

// True when v is a float32 widened (NaNs excluded: their payload may not survive).
bool is_single(double v) {
  if (!(std::fabs(v) <= double(std::numeric_limits<float>::max()))) return std::isinf(v);
  return double(float(v)) == v;
}
// The 32-bit wrap of a difference of float32 keys, sign-extended.
std::uint64_t wrap32(std::uint64_t r) { return std::uint64_t(std::int64_t(std::int32_t(std::uint32_t(r)))); }

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

// The key of v[i]: its bits as an ordered integer, of the float32 it is
// when `single`.
template <bool single>
std::uint64_t key_of(const double* v, std::size_t i) {
  if constexpr (single) {
    const float f = float(v[i]);
    std::uint32_t u;
    std::memcpy(&u, &f, 4);
    return ordered<32>(u);
  } else {
    std::uint64_t u;
    std::memcpy(&u, v + i, 8);
    return ordered<64>(u);
  }
}

// The leftovers of order `order` of the keys of v[0, n), zigzagged, in one
// pass front to back (the last keys kept in registers).
template <int order, bool single, bool value = false>
[[gnu::always_inline]] inline void leave_residuals(const double* v, std::size_t n, std::uint64_t* out) {
  std::uint64_t k[4] = {0, 0, 0, 0};  // the first keys, predicted from fewer values
  const std::size_t first = std::min<std::size_t>(order, n);
  for (std::size_t i = 0; i < first; ++i) {
    k[i] = key_of<single>(v, i);
    const std::uint64_t r = k[i] - predict(k, i, order);
    out[i] = zigzag(single ? wrap32(r) : r);
  }
  // Each value's keys taken afresh from the doubles (no value carried from
  // one step to the next), so that the loop runs several values at a time.
  for (std::size_t i = first; i < n; ++i) {
    const std::uint64_t k0 = key_of<single>(v, i);
    std::uint64_t r;
    if constexpr (value) r = k0 - predicted_key<order>(v[i - 1], v[i - 2], order == 3 ? v[i - 3] : 0.0);
    else if constexpr (order == 0) r = k0;
    else if constexpr (order == 1) r = k0 - key_of<single>(v, i - 1);
    else if constexpr (order == 2) r = k0 - 2 * key_of<single>(v, i - 1) + key_of<single>(v, i - 2);
    else r = k0 - 3 * key_of<single>(v, i - 1) + 3 * key_of<single>(v, i - 2) - key_of<single>(v, i - 3);
    out[i] = zigzag(single ? wrap32(r) : r);
  }
}

// The order whose leftovers take the fewest significant bits, judged on
// runs of values spread over the array (about a thousand at most).
// Returns the transform's order, with kValue when the values predict best.
template <bool single>
[[gnu::always_inline]] inline int best_order(const double* v, std::size_t n) {
  constexpr std::size_t kRuns = 32, kRun = 32;
  // Orders 0-3 on the keys, then (doubles only) 2 and 3 on the values.
  std::uint64_t cost[6] = {0, 0, 0, 0, single ? ~std::uint64_t(0) : 0, single ? ~std::uint64_t(0) : 0};
  auto judge_run = [&](std::size_t from, std::size_t to) {
    std::uint64_t k[4] = {0, 0, 0, 0};  // k[0] = key i, k[1] = key i-1 ...
    for (std::size_t back = 1; back <= 3 && back <= from; ++back) k[back] = key_of<single>(v, from - back);
    for (std::size_t i = from; i < to; ++i) {
      k[0] = key_of<single>(v, i);
      const std::uint64_t p[4] = {0, k[1], 2 * k[1] - k[2], 3 * k[1] - 3 * k[2] + k[3]};
      for (int order = 0; order < 4; ++order) {
        const std::uint64_t r = k[0] - p[std::min<std::size_t>(std::size_t(order), i)];
        cost[order] += std::uint64_t(bit_width(zigzag(single ? wrap32(r) : r)));
      }
      if (!single) {
        const std::uint64_t p2 = i >= 2 ? predicted_key<2>(v[i - 1], v[i - 2], 0.0) : p[std::min<std::size_t>(2, i)];
        const std::uint64_t p3 = i >= 3 ? predicted_key<3>(v[i - 1], v[i - 2], v[i - 3]) : p[std::min<std::size_t>(3, i)];
        cost[4] += std::uint64_t(bit_width(zigzag(k[0] - p2)));
        cost[5] += std::uint64_t(bit_width(zigzag(k[0] - p3)));
      }
      k[3] = k[2];
      k[2] = k[1];
      k[1] = k[0];
    }
  };
  if (n <= kRuns * kRun) {
    judge_run(0, n);
  } else {
    for (std::size_t run = 0; run < kRuns; ++run) judge_run(run * (n / kRuns), run * (n / kRuns) + kRun);
  }
  // On smooth data (a line or a parabola on the keys predicts best) the
  // values' prediction at least as good on the sample is better on the
  // whole, where the keys' also stumble at every power of two the sample
  // may miss; on noise (no prediction, or the last value) it must gain
  // clearly, or the sample's own noise would decide.
  const int on_keys = int(std::min_element(cost, cost + 4) - cost);
  const int on_values = cost[5] < cost[4] ? 3 : 2;
  const std::uint64_t bar = on_keys >= 2 ? cost[on_keys] + 1 : cost[on_keys] - cost[on_keys] / 32;
  return cost[on_values + 2] < bar ? on_values | kValue : on_keys;
}

// Inlined into each copy of predict_words (see PARGIST_CODER_CLONES).
template <bool single>
[[gnu::always_inline]] inline std::uint8_t predict_words_as(const double* v, std::size_t n, std::uint64_t* words) {
  const int best = best_order<single>(v, n);
  switch (best) {
    case 0: leave_residuals<0, single>(v, n, words); break;
    case 1: leave_residuals<1, single>(v, n, words); break;
    case 2: leave_residuals<2, single>(v, n, words); break;
    case 3: leave_residuals<3, single>(v, n, words); break;
    case 2 | kValue: leave_residuals<2, single, !single>(v, n, words); break;
    default: leave_residuals<3, single, !single>(v, n, words); break;
  }
  return std::uint8_t(best | (single ? kSingle : 0));
}

// The words of n doubles as versions 5 and 6 store them, and the transform byte.
PARGIST_CODER_CLONES
std::uint8_t predict_words(const double* v, std::size_t n, std::vector<std::uint64_t>& words) {
  bool single = true;
  for (std::size_t i = 0; i < n && single; ++i) single = is_single(v[i]);
  words.resize(n);
  return single ? predict_words_as<true>(v, n, words.data()) : predict_words_as<false>(v, n, words.data());
}

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
    std::uint8_t widths[kBlock] = {};
    std::uint64_t any = 0, present = 0;  // present: bit b set when a word is b bits wide
    for (std::size_t i = 0; i < m; ++i) {
      const int b = bit_width(w[i]);
      widths[i] = std::uint8_t(b);
      any |= w[i];
      present |= std::uint64_t(1) << (b & 63);
    }
    int width = bit_width(any);
    std::size_t exceptions = 0;
    // Only the widths words have are worth trying (between two of them a
    // narrower width costs fewer bits for the same exceptions), from the
    // widest down; past the point where the exceptions alone cost the best
    // so far, no narrower width can win (ties keep the wider width).
    // Each count is a compare over the block's widths (vectorised).
    std::size_t best = m * std::size_t(width);
    present &= width == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << width) - 1;  // below the widest
    for (;;) {
      const int b = present ? 63 - __builtin_clzll(present) : 0;
      std::size_t above = 0;
      for (std::size_t i = 0; i < kBlock; ++i) above += widths[i] > b;
      if (above * 72 >= best) break;
      if (const std::size_t bits = m * std::size_t(b) + above * 72; bits < best) {
        best = bits;
        width = b;
        exceptions = above;
      }
      if (!present) break;
      present &= ~(std::uint64_t(1) << b);
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

// Back from the words to the doubles; false for a transform byte no writer makes.
// `version8`: kValue allowed.
bool unpredict_words(std::uint8_t transform, std::vector<std::uint64_t>& words, double* v, bool version8) {
  if (transform & ~std::uint8_t(kOrderMask | kSingle | kSplit | (version8 ? kValue : 0))) return false;
  const int order = transform & kOrderMask;
  const bool single = transform & kSingle;
  const std::size_t n = words.size();
  if (transform & kValue) {
    if (single || order < 2) return false;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t r = unzigzag(words[i]);
      std::uint64_t k;
      if (i < std::size_t(order)) {
        words[i] = k = predict(words.data(), i, order) + r;  // the first values as on the keys
      } else {
        k = (order == 2 ? predicted_key<2>(v[i - 1], v[i - 2], 0.0) : predicted_key<3>(v[i - 1], v[i - 2], v[i - 3])) + r;
      }
      const std::uint64_t u = unordered<64>(k);
      std::memcpy(v + i, &u, 8);
    }
    return true;
  }
  for (std::size_t i = 0; i < n; ++i) {  // words[] becomes the keys in place
    const std::uint64_t r = single ? wrap32(unzigzag(words[i] & 0xffffffffu)) : unzigzag(words[i]);
    const std::uint64_t k = predict(words.data(), i, order) + r;
    words[i] = single ? k & 0xffffffffu : k;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (single) {
      const auto u = std::uint32_t(unordered<32>(words[i]));
      float f;
      std::memcpy(&f, &u, 4);
      v[i] = double(f);
    } else {
      const std::uint64_t u = unordered<64>(words[i]);
      std::memcpy(v + i, &u, 8);
    }
  }
  return true;
}

// Arrays of plain numbers are copied whole when the machine is
// little-endian with IEEE doubles, which is the record's own layout.
template <class T>
constexpr bool kBulk = std::is_arithmetic_v<T> && !std::is_same_v<T, bool> &&
                       std::numeric_limits<double>::is_iec559 &&
                       __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;

// How version 7 stores a mesh array of ni x nj nodes: the rows compared
// bit for bit (-0 is not 0, a NaN only its own bits).
MeshForm mesh_form_of(const std::vector<double>& v, std::size_t ni, std::size_t nj) {
  if (ni < 2 || nj < 2 || v.size() != ni * nj) return kAsGiven;
  const std::size_t row_bytes = ni * sizeof(double);
  bool repeat = true;
  for (std::size_t j = 1; j < nj && repeat; ++j) repeat = std::memcmp(v.data(), v.data() + j * ni, row_bytes) == 0;
  if (repeat) return kRowsRepeat;
  const auto* bits = reinterpret_cast<const unsigned char*>(v.data());
  for (std::size_t j = 0; j < nj; ++j) {
    std::uint64_t first, differ = 0;
    std::memcpy(&first, bits + j * row_bytes, 8);
    for (std::size_t i = 1; i < ni; ++i) {
      std::uint64_t u;
      std::memcpy(&u, bits + (j * ni + i) * 8, 8);
      differ |= u ^ first;
    }
    if (differ) return kAsGiven;
  }
  return kRowsConstant;
}

// One description of the layout serves both directions: `io(ar, value)`
// writes with a Writer and reads with a Reader.
class Writer {
 public:
  static constexpr bool reading = false;
  int layout = kLayout;  // which fields the record has (see the versions above)
  std::vector<std::uint8_t> out;
  bool planes = false;                    // arrays of doubles predicted and packed (version 6)
  std::vector<std::uint8_t> coded;          // part B of versions 2, 4 to 8
  PackedBytes copied;                       // part C
  std::vector<std::uint64_t> words;         // scratch: an array's words before its planes
  const std::vector<DrawnCells>* drawn = nullptr;  // the body's CELL ARRAYs (version 6)
  bool mesh_forms = false;                          // mesh arrays led by their form (version 7)
  std::vector<double> line;                         // scratch: a mesh array's row or column

  template <class T>
  void num(T& v) {
    if constexpr (std::is_enum_v<T>) {
      auto u = static_cast<std::underlying_type_t<T>>(v);
      num(u);
    } else if constexpr (std::is_same_v<T, bool>) {
      out.push_back(v ? 1 : 0);
    } else if constexpr (std::is_floating_point_v<T>) {
      std::uint64_t bits;
      double d = v;
      std::memcpy(&bits, &d, 8);
      put(bits, 8);
    } else {
      put(static_cast<std::uint64_t>(v), sizeof(T));
    }
  }
  template <class T>
  void vec(std::vector<T>& v) {
    count(v.size());
    if constexpr (std::is_same_v<T, double>) {
      if (planes) {
        // The transform byte and the first words (those predicted from
        // fewer values) in the layout; the rest packed by blocks: in the
        // layout each block's width, its count of exceptions (wider words)
        // and their indices and high bits; in part C the low `width` bits
        // of every word of the block.
        const std::size_t n = v.size();
        std::uint8_t transform = predict_words(v.data(), n, words);
        if (n >= kBlock * 4 && top_bits_repeat(words.data(), n, split_shift(transform))) {
          transform |= kSplit;
          const int shift = split_shift(transform);
          const std::size_t at = coded.size();
          coded.resize(at + 2 * n);
          const std::uint64_t low = (std::uint64_t(1) << shift) - 1;
          for (std::size_t i = 0; i < n; ++i) {
            coded[at + i] = std::uint8_t(words[i] >> shift);
            coded[at + n + i] = std::uint8_t(words[i] >> (shift + 8));
            words[i] &= low;
          }
        }
        out.push_back(transform);
        const std::size_t first = std::min<std::size_t>(transform & kOrderMask, n);
        for (std::size_t i = 0; i < first; ++i) put(words[i], 8);
        pack_blocks(words.data(), first, n, out, copied);
        return;
      }
    }
    if constexpr (std::is_same_v<T, std::uint8_t>) {
      if (planes) {  // version 6: in the body, or in part B as differences
        for (std::size_t k = 0; drawn && k < drawn->size(); ++k) {
          const DrawnCells& d = (*drawn)[k];
          if (d.exact && d.colors == v.data() && d.size == v.size() && !v.empty()) {
            out.push_back(kInBody);
            put(k, 4);
            return;
          }
        }
        out.push_back(kInPartB);
        const std::size_t at = coded.size();
        coded.resize(at + v.size());
        std::uint8_t last = 0;
        for (std::size_t i = 0; i < v.size(); ++i) {
          coded[at + i] = std::uint8_t(v[i] - last);
          last = v[i];
        }
        return;
      }
    }
    if constexpr (kBulk<T>) {  // the common case: one copy of the whole array
      const std::size_t at = out.size();
      out.resize(at + v.size() * sizeof(T));
      if (!v.empty()) std::memcpy(out.data() + at, v.data(), v.size() * sizeof(T));
    } else {
      for (auto& x : v) num(x);
    }
  }
  void str(std::string& s) {
    count(s.size());
    out.insert(out.end(), s.begin(), s.end());
  }
  // A mesh's x or y array of ni x nj nodes (version 7: see MeshForm).
  void mesh_array(std::vector<double>& v, std::size_t ni, std::size_t nj) {
    if (!mesh_forms) return vec(v);
    const MeshForm form = mesh_form_of(v, ni, nj);
    out.push_back(form);
    if (form == kRowsRepeat) {
      line.assign(v.begin(), v.begin() + std::ptrdiff_t(ni));
    } else if (form == kRowsConstant) {
      line.resize(nj);
      for (std::size_t j = 0; j < nj; ++j) line[j] = v[j * ni];
    } else {
      return vec(v);
    }
    vec(line);
  }
  std::size_t count(std::size_t n, std::size_t = 1) {
    put(n, 4);
    return n;
  }
  void check(bool, const char*) {}

 private:
  void put(std::uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
};

// Counts the bytes a Writer would write, so that the record is written
// into one allocation of the right size.
class Sizer {
 public:
  static constexpr bool reading = false;
  int layout = kLayout;  // which fields the record has (see the versions above)
  std::size_t size = 0;

  template <class T>
  void num(T&) {
    if constexpr (std::is_same_v<T, bool>) size += 1;
    else if constexpr (std::is_floating_point_v<T>) size += 8;
    else size += sizeof(T);
  }
  template <class T>
  void vec(std::vector<T>& v) {
    size += 4 + v.size() * (std::is_same_v<T, bool> ? 1 : (std::is_floating_point_v<T> ? 8 : sizeof(T)));
  }
  void str(std::string& s) { size += 4 + s.size(); }
  void mesh_array(std::vector<double>& v, std::size_t, std::size_t) { vec(v); }
  std::size_t count(std::size_t n, std::size_t = 1) {
    size += 4;
    return n;
  }
  void check(bool, const char*) {}
};

class Reader {
 public:
  static constexpr bool reading = true;
  int layout = kLayout;  // which fields the record has (see the versions above)
  Reader(const std::uint8_t* p, std::size_t n, std::size_t base) : p_(p), n_(n), base_(base) {}
  // Versions 2 and 4: the layout (inflated A), the planes of B (inflated) and C.
  struct Part {
    const std::uint8_t* data = nullptr;
    std::size_t size = 0, pos = 0;
    std::size_t left() const { return size - pos; }
  };
  // predicted: versions 5 and 6, a transform byte before the planes of each
  // array; body_cells: version 6, the colours an array of bytes may name.
  Reader(const std::uint8_t* p, std::size_t n, Part coded, Part copied, bool predicted,
         const std::vector<std::vector<std::uint8_t>>* body_cells)
      : p_(p), n_(n), base_(0), planes_(true), predicted_(predicted), coded_(coded), copied_(copied),
        body_cells_(body_cells) {}

  template <class T>
  void num(T& v) {
    if constexpr (std::is_enum_v<T>) {
      std::underlying_type_t<T> u{};
      num(u);
      v = static_cast<T>(u);
    } else if constexpr (std::is_same_v<T, bool>) {
      v = get(1) != 0;
    } else if constexpr (std::is_floating_point_v<T>) {
      const std::uint64_t bits = get(8);
      double d;
      std::memcpy(&d, &bits, 8);
      v = static_cast<T>(d);
    } else {
      v = static_cast<T>(get(sizeof(T)));
    }
  }
  template <class T>
  void vec(std::vector<T>& v) {
    constexpr std::size_t elem = std::is_same_v<T, bool> ? 1 : sizeof(T);
    if constexpr (std::is_same_v<T, double>) {
      if (planes_) {
        const std::size_t n = count(0, 0);
        if (predicted_) {
          packed_words(n);
          if (transform_ & kSplit) {
            if (n > coded_.left() / 2) throw FormatError{base_ + pos_, "world-coordinate record: array past the record's end"};
            const int shift = split_shift(transform_);
            const std::uint8_t* top = coded_.data + coded_.pos;
            for (std::size_t i = 0; i < n; ++i)
              words_[i] |= std::uint64_t(top[i]) << shift | std::uint64_t(top[n + i]) << (shift + 8);
            coded_.pos += 2 * n;
          }
          v.resize(n);
          if (!unpredict_words(transform_, words_, v.data(), version8))
            throw FormatError{base_ + pos_, "world-coordinate record: unknown transform of an array"};
          return;
        }
        const std::size_t left = (n_ - pos_) + coded_.left() + copied_.left();
        if (n > left / 8) throw FormatError{base_ + pos_, "world-coordinate record: array past the record's end"};
        words_.assign(n, 0);
        for (int b = 0; b < 8; ++b) {
          const std::uint8_t tag = std::uint8_t(get(1));
          const std::uint8_t* from = nullptr;
          if (tag == kInline && n <= n_ - pos_) {
            from = p_ + pos_;
            pos_ += n;
          } else if ((tag == kCoded || tag == kCopied) && n <= (tag == kCoded ? coded_ : copied_).left()) {
            Part& part = tag == kCoded ? coded_ : copied_;
            from = part.data + part.pos;
            part.pos += n;
          } else {
            throw FormatError{base_ + pos_, "world-coordinate record: bad plane of an array"};
          }
          add_plane(from, n, b, words_.data());
        }
        v.resize(n);  // versions 2 and 4: the planes are the doubles' bits
        if (n) std::memcpy(v.data(), words_.data(), n * 8);
        return;
      }
    }
    if constexpr (std::is_same_v<T, std::uint8_t>) {
      if (predicted_) {  // versions 5 and 6: in part B as differences, or in the body (see Writer::vec)
        const std::size_t n = count(0, 0);
        if (body_cells_) {  // version 6
          const auto tag = get(1);
          if (tag == kInBody) {
            const std::size_t k = get(4);
            if (k >= body_cells_->size() || (*body_cells_)[k].size() != n)
              throw FormatError{base_ + pos_ - 4, "world-coordinate record: names CELL ARRAY " + std::to_string(k) +
                                                      " of " + std::to_string(n) + " cells, which the picture lacks"};
            v = (*body_cells_)[k];
            return;
          }
          if (tag != kInPartB) throw FormatError{base_ + pos_ - 1, "world-coordinate record: bad tag of an array of bytes"};
        }
        if (n > coded_.left()) throw FormatError{base_ + pos_, "world-coordinate record: bytes past the record's end"};
        v.resize(n);
        std::uint8_t last = 0;
        for (std::size_t i = 0; i < n; ++i) v[i] = last = std::uint8_t(coded_.data[coded_.pos + i] + last);
        coded_.pos += n;
        return;
      }
    }
    v.resize(count(0, elem));
    if constexpr (kBulk<T>) {
      if (!v.empty()) std::memcpy(v.data(), p_ + pos_, v.size() * sizeof(T));
      pos_ += v.size() * sizeof(T);
    } else {
      for (auto& x : v) num(x);
    }
  }
  // A mesh's x or y array of ni x nj nodes (version 7: see MeshForm).
  void mesh_array(std::vector<double>& v, std::size_t ni, std::size_t nj) {
    if (!mesh_forms) return vec(v);
    const auto form = std::uint8_t(get(1));
    if (form == kAsGiven) return vec(v);
    if (form != kRowsRepeat && form != kRowsConstant)
      throw FormatError{base_ + pos_ - 1, "world-coordinate record: bad form of a mesh array"};
    if (ni < 2 || nj < 2 || ni > kMaxMeshNodes / nj)
      throw FormatError{base_ + pos_ - 1, "world-coordinate record: mesh of " + std::to_string(ni) + " x " +
                                              std::to_string(nj) + " nodes cannot be expanded"};
    std::vector<double> line;
    vec(line);
    if (line.size() != (form == kRowsRepeat ? ni : nj))
      throw FormatError{base_ + pos_, "world-coordinate record: a mesh's row or column of the wrong length"};
    v.resize(ni * nj);
    for (std::size_t j = 0; j < nj; ++j) {
      double* row = v.data() + j * ni;
      if (form == kRowsRepeat) std::copy(line.begin(), line.end(), row);
      else std::fill(row, row + ni, line[j]);
    }
  }
  bool mesh_forms = false;        // versions 7, 8
  bool version8 = false;          // version 8: kValue, exceptions' high bits packed
  void str(std::string& s) {
    const std::size_t n = count(0, 1);
    s.assign(reinterpret_cast<const char*>(p_ + pos_), n);
    pos_ += n;
  }
  // A count of items of at least min_bytes each: never more than the bytes left.
  std::size_t count(std::size_t, std::size_t min_bytes = 1) {
    const std::size_t at = pos_;
    const std::size_t n = get(4);
    if (min_bytes && n > (n_ - pos_) / min_bytes)
      throw FormatError{base_ + at, "world-coordinate record: count " + std::to_string(n) +
                                        " exceeds the record's remaining " +
                                        std::to_string(n_ - pos_) + " bytes"};
    return n;
  }
  void check(bool ok, const char* what) {
    if (!ok) throw FormatError{base_ + pos_, std::string("world-coordinate record: ") + what};
  }
  std::size_t left() const { return n_ - pos_; }

 private:
  // Version 5: the transform byte and the n words of an array (see Writer::vec).
  void packed_words(std::size_t n) {
    transform_ = std::uint8_t(get(1));
    const bool packed_highs = version8;  // version 8
    const std::size_t first = std::min<std::size_t>(transform_ & kOrderMask, n);
    // Every block takes at least two bytes: a bound on n first.
    if (n > first + (n_ - pos_) / 2 * kBlock)
      throw FormatError{base_ + pos_, "world-coordinate record: array past the record's end"};
    words_.resize(n);
    for (std::size_t i = 0; i < first; ++i) words_[i] = get(8);
    for (std::size_t at = first; at < n; at += kBlock) {
      const std::size_t m = std::min(kBlock, n - at);
      const auto width = int(get(1));
      const auto exceptions = std::size_t(get(1));
      if (width > 64 || exceptions > m || (exceptions && width == 64))
        throw FormatError{base_ + pos_ - 2, "world-coordinate record: bad block of an array"};
      const std::size_t bytes = (m * std::size_t(width) + 7) / 8;
      if (bytes > copied_.left()) throw FormatError{base_ + pos_, "world-coordinate record: array past the record's end"};
      unpack_bits(copied_.data + copied_.pos, m, width, words_.data() + at);
      copied_.pos += bytes;
      if (packed_highs && exceptions) {  // version 8: the high bits packed after the low ones
        const auto high_width = int(get(1));
        if (high_width < 1 || high_width > 64 - width)
          throw FormatError{base_ + pos_ - 1, "world-coordinate record: bad exceptions of a block"};
        std::uint64_t highs[kBlock];
        const std::size_t high_bytes = (exceptions * std::size_t(high_width) + 7) / 8;
        if (high_bytes > copied_.left()) throw FormatError{base_ + pos_, "world-coordinate record: array past the record's end"};
        unpack_bits(copied_.data + copied_.pos, exceptions, high_width, highs);
        copied_.pos += high_bytes;
        for (std::size_t e = 0; e < exceptions; ++e) {
          const auto i = std::size_t(get(1));
          if (i >= m) throw FormatError{base_ + pos_ - 1, "world-coordinate record: bad exception in a block"};
          words_[at + i] |= highs[e] << width;
        }
        continue;
      }
      for (std::size_t e = 0; e < exceptions; ++e) {
        const auto i = std::size_t(get(1));
        if (i >= m) throw FormatError{base_ + pos_ - 1, "world-coordinate record: bad exception in a block"};
        words_[at + i] |= get(8) << width;
      }
    }
  }
  std::uint64_t get(std::size_t n) {
    if (n > n_ - pos_)
      throw FormatError{base_ + pos_, "world-coordinate record truncated"};
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v |= std::uint64_t(p_[pos_ + i]) << (8 * i);
    pos_ += n;
    return v;
  }
  const std::uint8_t* p_;
  std::size_t n_;
  std::size_t base_;
  bool planes_ = false, predicted_ = false;
  std::uint8_t transform_ = 0;
  Part coded_, copied_;
  const std::vector<std::vector<std::uint8_t>>* body_cells_ = nullptr;  // version 6
  std::vector<std::uint64_t> words_;  // scratch: an array's words from its planes
  std::size_t pos_ = 0;
};

// ------------------------------------------------------------- the layout

template <class Ar> void io(Ar& ar, plot::Color& c) {
  ar.num(c.kind);
  ar.check(c.kind <= plot::Color::Kind::rgb, "bad colour kind");
  ar.num(c.index);
  ar.num(c.rgb.r);
  ar.num(c.rgb.g);
  ar.num(c.rgb.b);
}
template <class Ar> void io(Ar& ar, plot::LineStyle& s) {
  io(ar, s.color);
  ar.num(s.type);
  ar.check(s.type <= plot::LineType::dashdotdot, "bad line type");
  ar.num(s.width);
}
template <class Ar> void io(Ar& ar, plot::MarkerStyle& s) {
  io(ar, s.color);
  ar.num(s.marker);
  ar.num(s.size);
}
template <class Ar> void io(Ar& ar, plot::TextStyle& s) {
  io(ar, s.color);
  ar.num(s.font);
  ar.num(s.height);
  ar.num(s.angle);
  ar.num(s.halign);
  ar.num(s.valign);
  ar.check(s.halign <= plot::HAlign::right && s.valign <= plot::VAlign::bottom, "bad text alignment");
  ar.num(s.opaque);
}
template <class Ar> void io(Ar& ar, plot::ElementInfo& i) {
  ar.str(i.legend);
  ar.num(i.hide);
}
template <class Ar> void io(Ar& ar, plot::QuadMesh& m) {
  ar.num(m.ni);
  ar.num(m.nj);
  ar.mesh_array(m.x, m.ni, m.nj);
  ar.mesh_array(m.y, m.ni, m.nj);
  ar.vec(m.ireg);
  // ni*nj computed without overflow: both sizes must match the arrays.
  const bool sized = m.ni == 0 ? m.x.empty() : (m.x.size() % m.ni == 0 && m.x.size() / m.ni == m.nj);
  ar.check(sized && m.y.size() == m.x.size() && (m.ireg.empty() || m.ireg.size() == m.x.size()),
           "mesh arrays do not match ni x nj");
}
template <class Ar> void io(Ar& ar, plot::Lines& e) {
  io(ar, e.info);
  ar.vec(e.x);
  ar.vec(e.y);
  ar.check(e.x.size() == e.y.size(), "polyline x and y differ in length");
  io(ar, e.line);
  ar.num(e.closed);
  ar.num(e.markers_at_points);
  ar.num(e.marks);
  io(ar, e.marker);
  ar.num(e.mspace);
  ar.num(e.mphase);
  ar.num(e.rays);
  if (ar.layout >= 2) {
    ar.num(e.rspace);
    ar.num(e.rphase);
    ar.num(e.arrowl);
    ar.num(e.arroww);
    ar.num(e.smooth);
  }
}
template <class Ar> void io(Ar& ar, plot::Disjoint& e) {
  io(ar, e.info);
  ar.vec(e.x0);
  ar.vec(e.y0);
  ar.vec(e.x1);
  ar.vec(e.y1);
  const auto n = e.x0.size();
  ar.check(e.y0.size() == n && e.x1.size() == n && e.y1.size() == n, "segment arrays differ in length");
  io(ar, e.line);
}
template <class Ar> void io(Ar& ar, plot::Text& e) {
  io(ar, e.info);
  ar.num(e.x);
  ar.num(e.y);
  ar.str(e.text);
  io(ar, e.style);
  ar.num(e.tosys);
}
template <class Ar> void io(Ar& ar, plot::Mesh& e) {
  io(ar, e.info);
  io(ar, e.mesh);
  io(ar, e.line);
  ar.num(e.region);
  ar.num(e.boundary);
  ar.num(e.inhibit);
}
template <class Ar> void io(Ar& ar, plot::FillMesh& e) {
  io(ar, e.info);
  io(ar, e.mesh);
  ar.vec(e.z);
  ar.vec(e.colors);
  const auto n = e.mesh.x.size();
  ar.check((e.z.empty() || e.z.size() == n) && (e.colors.empty() || e.colors.size() == n),
           "filled mesh values do not match the mesh");
  ar.num(e.has_cmin);
  ar.num(e.has_cmax);
  ar.num(e.cmin);
  ar.num(e.cmax);
  ar.num(e.edges);
  io(ar, e.edge_style);
  if (ar.layout >= 2) {
    ar.num(e.top);
    ar.num(e.region);
  }
}
template <class Ar> void io(Ar& ar, plot::Contours& e) {
  io(ar, e.info);
  io(ar, e.mesh);
  ar.vec(e.z);
  ar.check(e.z.empty() || e.z.size() == e.mesh.x.size(), "contour values do not match the mesh");
  ar.vec(e.levels);
  io(ar, e.line);
  ar.num(e.region);
  ar.num(e.marks);
  io(ar, e.marker);
  if (ar.layout >= 2) {
    ar.num(e.mspace);
    ar.num(e.mphase);
    ar.num(e.smooth);
  }
}
template <class Ar> void io(Ar& ar, plot::Cells& e) {
  io(ar, e.info);
  ar.num(e.nx);
  ar.num(e.ny);
  ar.num(e.x0);
  ar.num(e.y0);
  ar.num(e.x1);
  ar.num(e.y1);
  ar.vec(e.z);
  ar.vec(e.colors);
  ar.num(e.channels);
  ar.check(e.channels == 1 || e.channels == 3, "cell array channels must be 1 or 3");
  // nx*ny without overflow: the cell count must match one of the arrays.
  auto matches = [&](std::size_t size, std::size_t per) {
    return e.nx != 0 && size % (e.nx * per) == 0 && size / (e.nx * per) == e.ny;
  };
  const bool empty = e.nx == 0 || e.ny == 0;
  ar.check(empty ? (e.z.empty() && e.colors.empty())
                 : ((e.z.empty() || matches(e.z.size(), 1)) &&
                    (e.colors.empty() || matches(e.colors.size(), std::size_t(e.channels))) &&
                    !(e.z.empty() && e.colors.empty())),
           "cell array data does not match nx x ny");
  ar.num(e.has_cmin);
  ar.num(e.has_cmax);
  ar.num(e.cmin);
  ar.num(e.cmax);
  if (ar.layout >= 2) ar.num(e.top);
}
template <class Ar> void io(Ar& ar, plot::Polys& e) {
  io(ar, e.info);
  ar.vec(e.x);
  ar.vec(e.y);
  ar.vec(e.n);
  std::size_t total = 0;
  bool ok = e.x.size() == e.y.size();
  for (auto k : e.n) {
    if (k > e.x.size() - std::min(total, e.x.size())) ok = false;
    total += std::min(k, e.x.size());
  }
  ar.check(ok && total == e.x.size(), "polygon vertex counts do not add up to the vertices");
  ar.vec(e.z);
  std::size_t ncolors = ar.count(e.colors.size(), 4);
  if constexpr (Ar::reading) e.colors.resize(ncolors);
  for (auto& c : e.colors) io(ar, c);
  ar.check((e.z.empty() || e.z.size() == e.n.size()) &&
               (e.colors.empty() || e.colors.size() == e.n.size()),
           "polygon colours do not match the polygons");
  ar.num(e.has_cmin);
  ar.num(e.has_cmax);
  ar.num(e.cmin);
  ar.num(e.cmax);
  ar.num(e.edges);
  io(ar, e.edge_style);
  if (ar.layout >= 2) ar.num(e.top);
}
template <class Ar> void io(Ar& ar, plot::Vectors& e) {
  io(ar, e.info);
  ar.vec(e.x);
  ar.vec(e.y);
  ar.vec(e.vx);
  ar.vec(e.vy);
  const auto n = e.x.size();
  ar.check(e.y.size() == n && e.vx.size() == n && e.vy.size() == n, "vector arrays differ in length");
  io(ar, e.line);
  ar.num(e.scale);
  ar.num(e.hollow);
  ar.num(e.aspect);
  if (ar.layout >= 2) {
    ar.num(e.ni);
    ar.vec(e.ireg);
    ar.num(e.region);
    ar.check(e.ireg.empty() || (e.ni > 0 && e.ireg.size() == n && n % e.ni == 0), "plv regions do not match its mesh");
  }
}

// 3-D scenes keep their data and view, so a reader can turn them again.
template <class Ar> void io(Ar& ar, plot::View3& v) {
  for (auto& row : v.rot)
    for (double& r : row) ar.num(r);
  for (double& o : v.org) ar.num(o);
  ar.num(v.perspective);
  ar.num(v.zc);
}
template <class Ar> void io(Ar& ar, plot::Light3& l) {
  ar.num(l.ambient);
  ar.num(l.diffuse);
  ar.vec(l.specular);
  ar.vec(l.spower);
  const std::size_t n = ar.count(l.sdir.size(), 24);
  if constexpr (Ar::reading) l.sdir.resize(n);
  for (auto& d : l.sdir)
    for (double& c : d) ar.num(c);
}
template <class Ar> void io(Ar& ar, plot::Poly3& p) {
  ar.vec(p.n);
  ar.vec(p.xyz);
  ar.num(p.fill);
  ar.check(static_cast<int>(p.fill) <= 3, "unknown polygon fill");
  ar.vec(p.values);
  ar.vec(p.colors);
  ar.num(p.has_cmin);
  ar.num(p.has_cmax);
  ar.num(p.cmin);
  ar.num(p.cmax);
  ar.num(p.split);
  ar.num(p.edges);
}
template <class Ar> void io(Ar& ar, plot::Surface3& s) { io(ar, s.polys); }
template <class Ar> void io(Ar& ar, plot::Tree3& t) {
  const std::size_t n = ar.count(t.nodes.size(), 16);
  if constexpr (Ar::reading) t.nodes.resize(n);
  for (auto& node : t.nodes) {
    ar.num(node.has_plane);
    for (double& c : node.plane) ar.num(c);
    ar.num(node.back);
    ar.num(node.front);
    const std::size_t m = ar.count(node.polys.size(), 8);
    if constexpr (Ar::reading) node.polys.resize(m);
    for (auto& p : node.polys) io(ar, p);
  }
  ar.num(t.multiple_components);
}
template <class Ar> void io(Ar& ar, plot::Wire3& w) {
  ar.num(w.ni);
  ar.num(w.nj);
  ar.vec(w.xyz);
  ar.vec(w.fill);
  ar.num(w.shade);
  ar.num(w.edges);
  io(ar, w.edge_style);
  ar.num(w.cull);
  ar.num(w.has_cmax);
  ar.num(w.cmax);
}
template <class Ar> void io(Ar& ar, plot::Gnomon3& g) {
  ar.num(g.x);
  ar.num(g.y);
  ar.num(g.scale);
  for (auto& label : g.labels) ar.str(label);
}
template <class Ar, std::size_t I = 0>
void io_object3(Ar& ar, decltype(plot::Scene3::object)& o, std::uint8_t kind) {
  if constexpr (I < std::variant_size_v<std::decay_t<decltype(o)>>) {
    if (kind == I) {
      if constexpr (Ar::reading) o.template emplace<I>();
      io(ar, std::get<I>(o));
      return;
    }
    io_object3<Ar, I + 1>(ar, o, kind);
  } else {
    ar.check(false, "unknown 3-D object kind");
  }
}
template <class Ar> void io(Ar& ar, plot::Scene3& s) {
  io(ar, s.info);
  io(ar, s.view);
  io(ar, s.light);
  ar.num(s.normalize);
  auto kind = static_cast<std::uint8_t>(s.object.index());
  ar.num(kind);
  io_object3(ar, s.object, kind);
}

template <class Ar, std::size_t I = 0>
void io_variant(Ar& ar, plot::Element& e, std::uint8_t kind) {
  if constexpr (I < std::variant_size_v<plot::Element>) {
    if (kind == I) {
      if constexpr (Ar::reading) e.emplace<I>();
      io(ar, std::get<I>(e));
      return;
    }
    io_variant<Ar, I + 1>(ar, e, kind);
  } else {
    ar.check(false, "unknown element kind");
  }
}
template <class Ar> void io(Ar& ar, plot::Element& e) {
  auto kind = static_cast<std::uint8_t>(e.index());
  ar.num(kind);
  io_variant(ar, e, kind);
  if constexpr (Ar::reading) {
    // The model's own check as well, so a record can only give frames that
    // the renderers accept.
    try {
      plot::validate_element(e);
    } catch (const std::invalid_argument& bad) {
      ar.check(false, bad.what());
    }
  }
}

template <class Ar> void io(Ar& ar, plot::Box& b) {
  ar.num(b.xmin);
  ar.num(b.xmax);
  ar.num(b.ymin);
  ar.num(b.ymax);
}
template <class Ar> void io(Ar& ar, plot::Limits& l) {
  ar.num(l.xmin);
  ar.num(l.xmax);
  ar.num(l.ymin);
  ar.num(l.ymax);
  ar.num(l.auto_xmin);
  ar.num(l.auto_xmax);
  ar.num(l.auto_ymin);
  ar.num(l.auto_ymax);
  ar.num(l.log_x);
  ar.num(l.log_y);
  ar.num(l.square);
  ar.num(l.nice);
  ar.num(l.restrict);
}
template <class Ar> void io(Ar& ar, plot::AxisStyle& a) {
  ar.num(a.n_major);
  ar.num(a.n_minor);
  ar.num(a.log_adj_major);
  ar.num(a.log_adj_minor);
  ar.num(a.n_digits);
  ar.num(a.grid_level);
  ar.num(a.flags);
  ar.num(a.tick_off);
  ar.num(a.label_off);
  for (auto& t : a.tick_len) ar.num(t);
  io(ar, a.tick_style);
  io(ar, a.grid_style);
  io(ar, a.text_style);
  ar.num(a.x_over);
  ar.num(a.y_over);
  if (ar.layout >= 2) {
    ar.num(a.base60);
    ar.num(a.label_kind);
    ar.check(a.label_kind <= plot::AxisStyle::Labels::hhmm, "bad axis label kind");
  }
}
template <class Ar> void io(Ar& ar, plot::TickStyle& t) {
  io(ar, t.horiz);
  io(ar, t.vert);
  ar.num(t.frame);
  io(ar, t.frame_style);
}
template <class Ar> void io(Ar& ar, plot::CoordSystem& s) {
  io(ar, s.viewport);
  io(ar, s.limits);
  io(ar, s.ticks);
  ar.str(s.legend);
  const std::size_t n = ar.count(s.elements.size(), 2);
  if constexpr (Ar::reading) s.elements.resize(n);
  for (auto& e : s.elements) io(ar, e);
}
template <class Ar> void io(Ar& ar, plot::LegendBox& b) {
  ar.num(b.x);
  ar.num(b.y);
  ar.num(b.dx);
  ar.num(b.dy);
  io(ar, b.text_style);
  ar.num(b.nchars);
  ar.num(b.nlines);
  ar.num(b.nwrap);
}
template <class Ar> void io(Ar& ar, plot::Frame& f) {
  ar.str(f.style);
  ar.num(f.landscape);
  ar.str(f.palette.name);
  const std::size_t ncolors = ar.count(f.palette.colors.size(), 3);
  ar.check(ncolors <= 256, "palette longer than 256 colours");
  if constexpr (Ar::reading) f.palette.colors.resize(ncolors);
  for (auto& c : f.palette.colors) {
    ar.num(c.r);
    ar.num(c.g);
    ar.num(c.b);
  }
  const std::size_t nsys = ar.count(f.systems.size(), 8);
  if constexpr (Ar::reading) f.systems.resize(nsys);
  for (auto& s : f.systems) io(ar, s);
  io(ar, f.legends);
  io(ar, f.contour_legends);
  ar.num(f.draw_legends);
  ar.num(f.number);
  ar.str(f.title);
}

}  // namespace

namespace {

// Buffers and zlib streams kept by each thread from one record to the next:
// a run writes thousands of records of about the same size, and fresh ones
// cost page faults and zlib's set-up every time.
struct EncodeScratch {
  std::vector<std::uint8_t> out, coded, packed;
  PackedBytes copied;
  std::vector<std::uint64_t> words;
  z_stream streams[3]{};  // the layout (part A) deflated, the bytes (part B), the layout stored
  bool started[3] = {false, false, false};
  EncodeScratch() = default;
  EncodeScratch(const EncodeScratch&) = delete;
  EncodeScratch& operator=(const EncodeScratch&) = delete;
  ~EncodeScratch() {
    for (int k = 0; k < 3; ++k)
      if (started[k]) deflateEnd(&streams[k]);
  }
  // The stream for part A deflated (0), part B (1) or part A stored (2), reset.
  z_stream& stream(int part) {
    z_stream& z = streams[part];
    if (!started[part]) {
      if (deflateInit2(&z, part == 2 ? 0 : kDeflateLevel, Z_DEFLATED, 15, part == 1 ? 8 : kLayoutMemLevel,
                       part == 1 ? kBytesStrategy : Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("pargist: zlib could not start compressing a CGM record");
      started[part] = true;
    } else if (deflateReset(&z) != Z_OK) {
      throw std::runtime_error("pargist: zlib could not start compressing a CGM record");
    }
    return z;
  }
};

// kValue's predictions are made in round-to-nearest on both sides, whatever
// rounding a program has chosen for its own arithmetic (restored after).
class NearestRounding {
 public:
  NearestRounding() : mode_(std::fegetround()) {
    if (mode_ != FE_TONEAREST) std::fesetround(FE_TONEAREST);
  }
  ~NearestRounding() {
    if (mode_ != FE_TONEAREST) std::fesetround(mode_);
  }
  NearestRounding(const NearestRounding&) = delete;
  NearestRounding& operator=(const NearestRounding&) = delete;

 private:
  int mode_;
};

// Lends the scratch's buffers to a Writer (emptied, capacity kept) and
// takes them back when the record is done, even on an error.
class LentBuffers {
 public:
  LentBuffers(EncodeScratch& s, Writer& w) : s_(s), w_(w) { swap(); }
  ~LentBuffers() { swap(); }
  LentBuffers(const LentBuffers&) = delete;
  LentBuffers& operator=(const LentBuffers&) = delete;

 private:
  void swap() {
    std::swap(s_.out, w_.out);
    std::swap(s_.coded, w_.coded);
    std::swap(s_.copied, w_.copied);
    std::swap(s_.words, w_.words);
    w_.out.clear();
    w_.coded.clear();
    w_.copied.clear();
  }
  EncodeScratch& s_;
  Writer& w_;
};

}  // namespace

std::vector<std::uint8_t> encode_world_record(const plot::Frame& frame, bool deflated,
                                              const std::vector<DrawnCells>& drawn) {
  // The layout is shared with the reader, which needs mutable references;
  // the writer and the sizer only read through them.
  auto& f = const_cast<plot::Frame&>(frame);
  Writer w;
  if (!deflated) {
    Sizer sizer;
    io(sizer, f);
    w.out.reserve(6 + sizer.size);
    for (char c : kMagic) w.out.push_back(std::uint8_t(c));
    std::uint16_t version = kPlain;
    w.num(version);
    io(w, f);
    return std::move(w.out);
  }
  thread_local EncodeScratch scratch;
  const LentBuffers lent(scratch, w);
  const NearestRounding nearest;
  w.planes = true;
  w.drawn = &drawn;
  w.mesh_forms = true;
  io(w, f);
  if (std::max({w.out.size(), w.coded.size(), w.copied.size()}) > kMaxRecordBytes)
    throw std::length_error("pargist: frame too large for a CGM record");

  auto& packed = scratch.packed;
  packed.resize(kHeader + deflateBound(nullptr, uLong(w.out.size())) + deflateBound(nullptr, uLong(w.coded.size())) + 64);
  std::size_t at = kHeader;
  auto deflate_part = [&](const std::vector<std::uint8_t>& in, int part) {
    z_stream& z = scratch.stream(part);
    z.next_in = const_cast<Bytef*>(in.data());
    z.avail_in = uInt(in.size());
    z.next_out = packed.data() + at;
    z.avail_out = uInt(packed.size() - at);
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("pargist: zlib could not compress a CGM record");
    at += z.total_out;
    return std::size_t(z.total_out);
  };
  const bool store_layout = w.coded.empty() && w.out.size() * kLayoutShare < w.copied.size();
  const std::size_t packed_layout = deflate_part(w.out, store_layout ? 2 : 0);
  // Version 6: an empty part B is no zlib stream at all (0 bytes).
  const std::size_t packed_planes = w.coded.empty() ? 0 : deflate_part(w.coded, 1);
  std::memcpy(packed.data(), kMagic, 4);
  auto put = [&](std::size_t where, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) packed[where + std::size_t(i)] = std::uint8_t(v >> (8 * i));
  };
  put(4, kDeflated, 2);
  put(6, w.out.size(), 4);
  put(10, packed_layout, 4);
  put(14, w.coded.size(), 4);
  put(18, packed_planes, 4);
  std::vector<std::uint8_t> record;
  record.reserve(at + w.copied.size());
  record.insert(record.end(), packed.begin(), packed.begin() + std::ptrdiff_t(at));
  record.insert(record.end(), w.copied.begin(), w.copied.end());
  return record;
}

plot::Frame decode_world_record(const std::uint8_t* data, std::size_t size, std::size_t base,
                                const std::vector<std::vector<std::uint8_t>>& body_cells) {
  if (size < 6 || std::memcmp(data, kMagic, 4) != 0)
    throw FormatError{base, "APPLICATION DATA is not a pargist world-coordinate record"};
  const std::uint16_t version = std::uint16_t(data[4] | (data[5] << 8));
  const int fields = version == kPlainLayout1 || version == kDeflatedLayout1 ? 1 : 2;
  plot::Frame frame;
  if (version == kPlainLayout1 || version == kPlain) {  // records written without zlib
    Reader r(data + 6, size - 6, base + 6);
    r.layout = fields;
    io(r, frame);
    return frame;
  }
  if (version != kDeflatedLayout1 && version != kDeflatedUnpredicted && version != kDeflatedUnreferenced &&
      version != kDeflatedUnformed && version != kDeflatedKeyPredicted && version != kDeflated)
    throw FormatError{base + 4, "world-coordinate record of unknown version " + std::to_string(version)};
  if (size < kHeader) throw FormatError{base + 6, "world-coordinate record truncated"};
  auto get = [&](std::size_t at) {
    return std::size_t(data[at]) | std::size_t(data[at + 1]) << 8 | std::size_t(data[at + 2]) << 16 |
           std::size_t(data[at + 3]) << 24;
  };
  std::size_t at = kHeader;
  // Inflates the part of `plain` bytes deflated into `packed` at `at`.
  auto inflate_part = [&](std::size_t field, std::vector<std::uint8_t>& out) {
    const std::size_t plain = get(field), packed = get(field + 4);
    if (plain > kMaxRecordBytes)
      throw FormatError{base + field, "world-coordinate record part of " + std::to_string(plain) + " bytes: too large"};
    if (packed > size - at) throw FormatError{base + field + 4, "world-coordinate record truncated"};
    out.resize(plain);
    if (plain == 0 && packed == 0 && version >= kDeflatedUnformed) return;  // versions 6 to 8: an empty part, not deflated
    uLongf got = uLongf(plain);
    const int status = uncompress(out.data(), &got, data + at, uLong(packed));
    if (status != Z_OK || got != plain)
      throw FormatError{base + at, std::string("world-coordinate record does not inflate (zlib: ") +
                                       (status == Z_OK ? "short" : zError(status)) + ")"};
    at += packed;
  };
  std::vector<std::uint8_t> layout, coded;
  inflate_part(6, layout);
  inflate_part(14, coded);
  Reader r(layout.data(), layout.size(), {coded.data(), coded.size()}, {data + at, size - at},
           version >= kDeflatedUnreferenced, version >= kDeflatedUnformed ? &body_cells : nullptr);
  r.layout = fields;
  const NearestRounding nearest;
  r.mesh_forms = version >= kDeflatedKeyPredicted;
  r.version8 = version >= kDeflated;
  try {
    io(r, frame);
  } catch (const FormatError& e) {  // an offset in the inflated bytes is no file offset
    throw FormatError{base + kHeader,
                      e.message + " (at byte " + std::to_string(e.offset) + " of the inflated record)"};
  }
  return frame;
}

}  // namespace pargist::cgm
