// The world-coordinate record read (decode_world_record): every count
// checked against the bytes left, so a corrupt record gives a FormatError.
#include "cgm_world_record.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <type_traits>

#include <zlib.h>

#include "cgm_block_packer.hpp"
#include "cgm_elements.hpp"
#include "cgm_word_predictor.hpp"
#include "cgm_world_record_format.hpp"
#include "cgm_world_record_layout.hpp"

namespace pargist::cgm {
namespace {

using namespace world_record;

// A mesh array that a version 7 reader expands from a row or a column
// holds at most this many nodes (a largest record's worth of doubles).
constexpr std::size_t kMaxMeshNodes = kMaxRecordBytes / 8;

// Adds plane b to n words (zero before the first).
void add_plane(const std::uint8_t* in, std::size_t n, int b, std::uint64_t* w) {
  for (std::size_t i = 0; i < n; ++i) w[i] |= std::uint64_t(in[i]) << (8 * b);
}

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

}  // namespace

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
