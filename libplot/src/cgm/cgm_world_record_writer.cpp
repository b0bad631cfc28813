// The world-coordinate record written (encode_world_record).
#include "cgm_world_record.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include <zlib.h>

#include "cgm_block_packer.hpp"
#include "cgm_word_predictor.hpp"
#include "cgm_world_record_format.hpp"
#include "cgm_world_record_layout.hpp"

namespace pargist::cgm {
namespace {

using namespace world_record;

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
  UninitialisedVector<std::uint8_t> coded;  // part B of versions 2, 4 to 8
  PackedBytes copied;                       // part C
  Words words;                              // scratch: an array's words before its planes
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
          std::uint8_t* const planes = coded.data() + at;
          std::uint64_t* const w = words.data();
          for (std::size_t i = 0; i < n; ++i) {
            planes[i] = std::uint8_t(w[i] >> shift);
            planes[n + i] = std::uint8_t(w[i] >> (shift + 8));
            w[i] &= low;
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
        const std::size_t at = coded.size(), n = v.size();
        coded.resize(at + n);
        // Each byte less its left neighbour, taken afresh (nothing carried
        // from one byte to the next: the loop runs 32 at a time).
        std::uint8_t* const differences = coded.data() + at;
        const std::uint8_t* const bytes = v.data();
        if (n) differences[0] = bytes[0];
        for (std::size_t i = 1; i < n; ++i) differences[i] = std::uint8_t(bytes[i] - bytes[i - 1]);
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

// Buffers and zlib streams kept by each thread from one record to the next:
// a run writes thousands of records of about the same size, and fresh ones
// cost page faults and zlib's set-up every time.
struct EncodeScratch {
  std::vector<std::uint8_t> out, packed;
  UninitialisedVector<std::uint8_t> coded;
  PackedBytes copied;
  Words words;
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
  auto deflate_part = [&](const std::uint8_t* in, std::size_t size, int part) {
    z_stream& z = scratch.stream(part);
    z.next_in = const_cast<Bytef*>(in);
    z.avail_in = uInt(size);
    z.next_out = packed.data() + at;
    z.avail_out = uInt(packed.size() - at);
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("pargist: zlib could not compress a CGM record");
    at += z.total_out;
    return std::size_t(z.total_out);
  };
  const bool store_layout = w.coded.empty() && w.out.size() * kLayoutShare < w.copied.size();
  const std::size_t packed_layout = deflate_part(w.out.data(), w.out.size(), store_layout ? 2 : 0);
  // Version 6: an empty part B is no zlib stream at all (0 bytes).
  const std::size_t packed_planes = w.coded.empty() ? 0 : deflate_part(w.coded.data(), w.coded.size(), 1);
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

}  // namespace pargist::cgm
