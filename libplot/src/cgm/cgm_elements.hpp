// Binary CGM (ISO 8632-3) element framing: the encoder that appends whole
// elements to a byte buffer, and the scanner that walks a buffer element by
// element without ever trusting a length it reads.
//
// An element is a 16-bit header (class 4 bits, id 7 bits, length 5 bits)
// followed by its parameters. Lengths of 31 or more use the long form: the
// 5-bit field holds 31 and a 16-bit word follows with a continuation bit and
// a 15-bit partition length; a partitioned element repeats that word before
// each further partition. Every element starts on a 16-bit boundary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pargist::cgm {

// The element classes of ISO 8632.
enum ElementClass : int {
  kDelimiter = 0,
  kMetafileDescriptor = 1,
  kPictureDescriptor = 2,
  kControl = 3,
  kPrimitive = 4,
  kAttribute = 5,
  kEscape = 6,
  kExternal = 7,
};

// Parameters of one element, built before the element is framed.
class Params {
 public:
  void i16(int value);                    // signed 16-bit integer / VDC / index
  void u8(unsigned value);                // 8-bit colour index or colour value
  void fixed(double value);               // 32-bit fixed-point real (16.16)
  void string(std::string_view text);     // CGM string: short or long form
  void bytes(const std::uint8_t* data, std::size_t n);
  void pad_to_even();                     // for element-internal alignment
  std::uint8_t* grow(std::size_t n);      // n zero bytes appended, to be filled in place
  const std::vector<std::uint8_t>& data() const { return data_; }
  std::size_t size() const { return data_.size(); }
  void clear() { data_.clear(); }
  void reserve(std::size_t n) { data_.reserve(n); }

 private:
  std::vector<std::uint8_t> data_;
};

// Largest partition we write: even, so that every partition but the last
// keeps the data 16-bit aligned (the standard's limit is 32767).
constexpr std::size_t kMaxPartition = 32766;

// Append element (cls, id) with parameter bytes [data, data+n) to out,
// partitioned when long and padded to an even length.
void append_element(std::vector<std::uint8_t>& out, int cls, int id,
                    const std::uint8_t* data, std::size_t n);
inline void append_element(std::vector<std::uint8_t>& out, int cls, int id,
                           const Params& p = Params()) {
  append_element(out, cls, id, p.data().data(), p.size());
}

// A malformed or truncated file: what is wrong and at which byte offset of
// the file (offset of the element, or of the field, that fails).
struct FormatError {
  std::size_t offset;
  std::string message;
};

// One element read from a buffer. For an unpartitioned element params points
// into the scanned buffer; a partitioned one is reassembled into storage.
struct Element {
  int cls = 0;
  int id = 0;
  std::size_t offset = 0;       // file offset of the element header
  std::size_t params_offset = 0;  // file offset of its first parameter byte
  const std::uint8_t* params = nullptr;
  std::size_t size = 0;         // parameter bytes, pads excluded
  std::size_t end = 0;          // file offset just past the element
};

// Walks [data, data+size) element by element. next() returns false at the
// end of the buffer and throws FormatError on a header or length that runs
// past it; base is the file offset of data[0], used in messages.
class Scanner {
 public:
  Scanner(const std::uint8_t* data, std::size_t size, std::size_t base = 0)
      : data_(data), size_(size), base_(base) {}
  bool next(Element& e);
  std::size_t position() const { return base_ + pos_; }
  void seek(std::size_t file_offset) { pos_ = file_offset - base_; }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t base_;
  std::size_t pos_ = 0;
  std::vector<std::uint8_t> storage_;  // reassembled partitioned parameters
};

// Bounds-checked reading of one element's parameters.
class ParamReader {
 public:
  explicit ParamReader(const Element& e)
      : p_(e.params), n_(e.size), base_(e.params_offset) {}
  std::size_t remaining() const { return n_ - pos_; }
  std::size_t offset() const { return base_ + pos_; }
  int i16();
  unsigned u8();
  double fixed();
  std::string string();
  const std::uint8_t* bytes(std::size_t n);
  void skip(std::size_t n) { bytes(n); }
  void align_even() { if ((pos_ & 1) && pos_ < n_) ++pos_; }

 private:
  void need(std::size_t n, const char* what);
  const std::uint8_t* p_;
  std::size_t n_;
  std::size_t base_;
  std::size_t pos_ = 0;
};

// Human-readable name of an element, for catalogues and error messages.
std::string element_name(int cls, int id);

}  // namespace pargist::cgm
