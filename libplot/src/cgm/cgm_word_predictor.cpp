#include "cgm_word_predictor.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "cgm_coder_clones.hpp"

namespace pargist::cgm::world_record {
namespace {

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
// True when every value of v[0, n) is predictable: their predictions
// need not check the values they are made from (`guarded` false below).
inline bool all_predictable(const double* v, std::size_t n) {
  std::uint64_t all = ~std::uint64_t(0);
  for (std::size_t i = 0; i < n; ++i) all &= predictable_mask(v[i]);
  return all != 0;
}
// The value prediction of kValue from the last three values (a the last),
// or a itself when one of them is not predictable (NaNs, infinities, huge
// or tiny values): `guarded`, each prediction checks its values; unguarded
// when all_predictable has checked them all. Additions only: no compiler
// can fuse them into a multiply-add that would round otherwise. Returned
// as bits.
template <int order, bool guarded = true>
inline std::uint64_t predict_value_bits(double a, double b, double c) {
  const double d = a - b;
  const double p = order == 2 ? a + d : ((d + d) + d) + c;
  std::uint64_t pb, ab;
  std::memcpy(&pb, &p, 8);
  if constexpr (!guarded) return pb;
  std::memcpy(&ab, &a, 8);
  const std::uint64_t m = predictable_mask(a) & predictable_mask(b) & (order == 2 ? ~std::uint64_t(0) : predictable_mask(c));
  return (pb & m) | (ab & ~m);
}
// The key of the value predicted from the last three.
template <int order, bool guarded = true>
inline std::uint64_t predicted_key(double a, double b, double c) {
  return ordered<64>(predict_value_bits<order, guarded>(a, b, c));
}

// True when v is a float32 widened (NaNs excluded: their payload may not survive).
bool is_single(double v) {
  if (!(std::fabs(v) <= double(std::numeric_limits<float>::max()))) return std::isinf(v);
  return double(float(v)) == v;
}
// The 32-bit wrap of a difference of float32 keys, sign-extended.
std::uint64_t wrap32(std::uint64_t r) { return std::uint64_t(std::int64_t(std::int32_t(std::uint32_t(r)))); }

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
template <int order, bool single, bool value = false, bool guarded = true>
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
    if constexpr (value) r = k0 - predicted_key<order, guarded>(v[i - 1], v[i - 2], order == 3 ? v[i - 3] : 0.0);
    else if constexpr (order == 0) r = k0;
    else if constexpr (order == 1) r = k0 - key_of<single>(v, i - 1);
    else if constexpr (order == 2) r = k0 - 2 * key_of<single>(v, i - 1) + key_of<single>(v, i - 2);
    else r = k0 - 3 * key_of<single>(v, i - 1) + 3 * key_of<single>(v, i - 2) - key_of<single>(v, i - 3);
    out[i] = zigzag(single ? wrap32(r) : r);
  }
}

// Adds to cost[] the significant bits that each prediction leaves of the
// keys of v[from, to): orders 0-3 on the keys, then (doubles only) 2 and 3
// on the values. The array's first values are predicted from fewer (as
// leave_residuals does them); past them each value's keys are taken afresh
// from the doubles and the widths counted without lzcnt, so that the loop
// runs several values at a time.
template <bool single, bool guarded>
[[gnu::always_inline]] inline void judge_run(const double* v, std::size_t from, std::size_t to, std::uint64_t* cost) {
  std::uint64_t first[3] = {0, 0, 0};  // the keys of v[0, 3)
  for (std::size_t i = 0; i < std::min<std::size_t>(to, 3); ++i) first[i] = key_of<single>(v, i);
  for (; from < std::min<std::size_t>(to, 3); ++from) {
    const std::size_t i = from;
    for (int order = 0; order < 4; ++order) {
      const std::uint64_t r = first[i] - predict(first, i, order);
      cost[order] += std::uint64_t(bit_width(zigzag(single ? wrap32(r) : r)));
    }
    if constexpr (!single) {
      const std::uint64_t p2 = i >= 2 ? predicted_key<2, guarded>(v[1], v[0], 0.0) : predict(first, i, 2);
      cost[4] += std::uint64_t(bit_width(zigzag(first[i] - p2)));
      cost[5] += std::uint64_t(bit_width(zigzag(first[i] - predict(first, i, 3))));
    }
  }
  std::uint64_t c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0;
  for (std::size_t i = from; i < to; ++i) {
    const std::uint64_t k0 = key_of<single>(v, i), k1 = key_of<single>(v, i - 1), k2 = key_of<single>(v, i - 2),
                        k3 = key_of<single>(v, i - 3);
    const std::uint64_t r1 = k0 - k1, r2 = k0 - (2 * k1 - k2), r3 = k0 - (3 * k1 - 3 * k2 + k3);
    c0 += bit_width_lanes(zigzag(single ? wrap32(k0) : k0));
    c1 += bit_width_lanes(zigzag(single ? wrap32(r1) : r1));
    c2 += bit_width_lanes(zigzag(single ? wrap32(r2) : r2));
    c3 += bit_width_lanes(zigzag(single ? wrap32(r3) : r3));
    if constexpr (!single) {
      c4 += bit_width_lanes(zigzag(k0 - predicted_key<2, guarded>(v[i - 1], v[i - 2], 0.0)));
      c5 += bit_width_lanes(zigzag(k0 - predicted_key<3, guarded>(v[i - 1], v[i - 2], v[i - 3])));
    }
  }
  cost[0] += c0;
  cost[1] += c1;
  cost[2] += c2;
  cost[3] += c3;
  cost[4] += c4;
  cost[5] += c5;
}

// The order whose leftovers take the fewest significant bits, judged on
// runs of values spread over the array (about a thousand at most).
// Returns the transform's order, with kValue when the values predict best.
template <bool single, bool guarded>
[[gnu::always_inline]] inline int best_order(const double* v, std::size_t n) {
  constexpr std::size_t kRuns = 32, kRun = 32;
  // Orders 0-3 on the keys, then (doubles only) 2 and 3 on the values.
  std::uint64_t cost[6] = {0, 0, 0, 0, single ? ~std::uint64_t(0) : 0, single ? ~std::uint64_t(0) : 0};
  if (n <= kRuns * kRun) {
    judge_run<single, guarded>(v, 0, n, cost);
  } else {
    for (std::size_t run = 0; run < kRuns; ++run)
      judge_run<single, guarded>(v, run * (n / kRuns), run * (n / kRuns) + kRun, cost);
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
template <bool single, bool guarded>
[[gnu::always_inline]] inline std::uint8_t predict_words_as(const double* v, std::size_t n, std::uint64_t* words) {
  const int best = best_order<single, guarded>(v, n);
  switch (best) {
    case 0: leave_residuals<0, single>(v, n, words); break;
    case 1: leave_residuals<1, single>(v, n, words); break;
    case 2: leave_residuals<2, single>(v, n, words); break;
    case 3: leave_residuals<3, single>(v, n, words); break;
    case 2 | kValue: leave_residuals<2, single, !single, guarded>(v, n, words); break;
    default: leave_residuals<3, single, !single, guarded>(v, n, words); break;
  }
  return std::uint8_t(best | (single ? kSingle : 0));
}


}  // namespace

// The words of n doubles as versions 5 and 6 store them, and the transform byte.
PARGIST_CODER_CLONES
std::uint8_t predict_words(const double* v, std::size_t n, Words& words) {
  bool single = true;
  for (std::size_t i = 0; i < n && single; ++i) single = is_single(v[i]);
  words.resize(n);
  if (single) return predict_words_as<true, false>(v, n, words.data());  // no values' prediction
  return all_predictable(v, n) ? predict_words_as<false, false>(v, n, words.data())
                               : predict_words_as<false, true>(v, n, words.data());
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

}  // namespace pargist::cgm::world_record
