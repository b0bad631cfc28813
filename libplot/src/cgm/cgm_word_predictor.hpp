// Internal: an array of doubles of the world-coordinate record (version 5
// on, see cgm_world_record_format.hpp) as words: what a prediction from the
// values before each one missed, small for smooth data; and back.
#pragma once

#include <cfenv>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "cgm_uninitialised_vector.hpp"

namespace pargist::cgm::world_record {

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
// predict_value_bits), and the word is the difference of the keys of the
// value and of that prediction: a smooth curve whose values cross powers of
// two (where the keys' slope doubles or halves) and zero is then predicted
// as well there as elsewhere.
constexpr std::uint8_t kOrderMask = 3, kSingle = 4, kSplit = 8, kValue = 16;

// Where the top 16 bits of a word start.
inline int split_shift(std::uint8_t transform) { return transform & kSingle ? 16 : 48; }

// The words of an array, before they are packed.
using Words = UninitialisedVector<std::uint64_t>;

// The words of n doubles as versions 5 and 6 store them, and the transform byte.
std::uint8_t predict_words(const double* v, std::size_t n, Words& words);

// True when the 16 bits of words from `shift` up are set in one word in 64
// or more (a curve's leftovers, all clear there, skip the work) and, a byte
// at a time, take 12 bits or fewer on average by their entropy (judged on
// about a thousand words spread over the array): worth deflating apart. (Top bits mostly clear cost nothing in the blocks.)
bool top_bits_repeat(const std::uint64_t* w, std::size_t n, int shift);

// Back from the words to the doubles; false for a transform byte no writer makes.
// `version8`: kValue allowed.
bool unpredict_words(std::uint8_t transform, std::vector<std::uint64_t>& words, double* v, bool version8);

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

}  // namespace pargist::cgm::world_record
