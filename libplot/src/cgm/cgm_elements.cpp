#include "cgm_elements.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace pargist::cgm {

void Params::i16(int value) {
  const auto v = static_cast<std::uint16_t>(static_cast<std::int16_t>(value));
  data_.push_back(static_cast<std::uint8_t>(v >> 8));
  data_.push_back(static_cast<std::uint8_t>(v & 0xff));
}

void Params::u8(unsigned value) { data_.push_back(static_cast<std::uint8_t>(value)); }

void Params::fixed(double value) {
  // 16.16 fixed point: a signed whole part and an unsigned fraction, as Gist
  // writes line widths and marker sizes.
  const double whole = std::floor(value);
  i16(static_cast<int>(whole));
  const auto frac = static_cast<std::uint16_t>(65536.0 * (value - whole));
  data_.push_back(static_cast<std::uint8_t>(frac >> 8));
  data_.push_back(static_cast<std::uint8_t>(frac & 0xff));
}

void Params::string(std::string_view text) {
  if (text.size() < 255) {
    data_.push_back(static_cast<std::uint8_t>(text.size()));
    data_.insert(data_.end(), text.begin(), text.end());
    return;
  }
  // Long form: 255, then chunks each led by a word with a continuation bit.
  data_.push_back(255);
  std::size_t done = 0;
  while (done < text.size()) {
    const std::size_t chunk = std::min<std::size_t>(text.size() - done, 0x7fff);
    const bool more = done + chunk < text.size();
    data_.push_back(static_cast<std::uint8_t>((chunk >> 8) | (more ? 0x80 : 0)));
    data_.push_back(static_cast<std::uint8_t>(chunk & 0xff));
    data_.insert(data_.end(), text.begin() + done, text.begin() + done + chunk);
    done += chunk;
  }
}

void Params::bytes(const std::uint8_t* data, std::size_t n) { data_.insert(data_.end(), data, data + n); }

std::uint8_t* Params::grow(std::size_t n) {
  data_.resize(data_.size() + n);
  return data_.data() + data_.size() - n;
}

void Params::pad_to_even() {
  if (data_.size() & 1) data_.push_back(0);
}

void append_element(std::vector<std::uint8_t>& out, int cls, int id, const std::uint8_t* data,
                    std::size_t n) {
  const auto head0 = static_cast<std::uint8_t>((cls << 4) | ((id >> 3) & 0x0f));
  const auto head1_id = static_cast<std::uint8_t>((id & 0x07) << 5);
  if (n < 31) {
    out.push_back(head0);
    out.push_back(static_cast<std::uint8_t>(head1_id | n));
  } else {
    out.push_back(head0);
    out.push_back(static_cast<std::uint8_t>(head1_id | 31));
  }
  if (n >= 31) {
    std::size_t done = 0;
    do {
      const std::size_t part = std::min(n - done, kMaxPartition);
      const bool more = done + part < n;
      out.push_back(static_cast<std::uint8_t>((part >> 8) | (more ? 0x80 : 0)));
      out.push_back(static_cast<std::uint8_t>(part & 0xff));
      out.insert(out.end(), data + done, data + done + part);
      done += part;
    } while (done < n);
  } else if (n) {
    out.insert(out.end(), data, data + n);
  }
  if (n & 1) out.push_back(0);
}

bool Scanner::next(Element& e) {
  if (pos_ >= size_) return false;
  const std::size_t start = pos_;
  auto fail = [&](std::size_t at, const std::string& what) {
    throw FormatError{base_ + at, what};
  };
  if (size_ - pos_ < 2) fail(start, "truncated element header");
  const unsigned head = (unsigned(data_[pos_]) << 8) | data_[pos_ + 1];
  pos_ += 2;
  e.cls = int(head >> 12);
  e.id = int((head >> 5) & 0x7f);
  e.offset = base_ + start;
  std::size_t len = head & 0x1f;
  if (len != 31) {
    if (len > size_ - pos_) fail(start, "truncated " + element_name(e.cls, e.id) +
                                            ": needs " + std::to_string(len) + " parameter bytes");
    e.params = data_ + pos_;
    e.params_offset = base_ + pos_;
    e.size = len;
    pos_ += len + (len & 1);
    if (pos_ > size_) pos_ = size_;  // a missing final pad byte is harmless
    e.end = base_ + pos_;
    return true;
  }
  // Long form, possibly partitioned: a single partition is used in place,
  // several are reassembled into storage_.
  bool more = true;
  int parts = 0;
  storage_.clear();
  e.params_offset = base_ + pos_ + 2;
  while (more) {
    // pos_ may already sit one past the end (the pad byte of an odd partition).
    if (pos_ >= size_ || size_ - pos_ < 2)
      fail(std::min(pos_, size_), "truncated partition length of " + element_name(e.cls, e.id));
    const unsigned word = (unsigned(data_[pos_]) << 8) | data_[pos_ + 1];
    pos_ += 2;
    more = (word & 0x8000) != 0;
    const std::size_t part = word & 0x7fff;
    if (part > size_ - pos_)
      fail(pos_ - 2, "truncated " + element_name(e.cls, e.id) + ": partition of " +
                         std::to_string(part) + " bytes runs past the end of the file");
    if (parts == 0 && !more) {
      e.params = data_ + pos_;
      e.size = part;
    } else {
      storage_.insert(storage_.end(), data_ + pos_, data_ + pos_ + part);
      e.params = storage_.data();
      e.size = storage_.size();
    }
    pos_ += part;
    if (more && (part & 1)) ++pos_;  // keep partitions word-aligned
    ++parts;
  }
  if (pos_ & 1) ++pos_;
  if (pos_ > size_) pos_ = size_;
  e.end = base_ + pos_;
  return true;
}

void ParamReader::need(std::size_t n, const char* what) {
  if (n > n_ - pos_)
    throw FormatError{base_ + pos_, std::string("parameter list too short for ") + what};
}

int ParamReader::i16() {
  need(2, "a 16-bit integer");
  const auto v = static_cast<std::int16_t>((unsigned(p_[pos_]) << 8) | p_[pos_ + 1]);
  pos_ += 2;
  return v;
}

unsigned ParamReader::u8() {
  need(1, "an 8-bit value");
  return p_[pos_++];
}

double ParamReader::fixed() {
  need(4, "a fixed-point real");
  const int whole = i16();
  const unsigned frac = (unsigned(p_[pos_]) << 8) | p_[pos_ + 1];
  pos_ += 2;
  return whole + frac / 65536.0;
}

std::string ParamReader::string() {
  const unsigned len = u8();
  if (len < 255) {
    const auto* s = bytes(len);
    return std::string(reinterpret_cast<const char*>(s), len);
  }
  std::string out;
  bool more = true;
  while (more) {
    need(2, "a long string's chunk length");
    const unsigned word = (unsigned(p_[pos_]) << 8) | p_[pos_ + 1];
    pos_ += 2;
    more = (word & 0x8000) != 0;
    const std::size_t chunk = word & 0x7fff;
    const auto* s = bytes(chunk);
    out.append(reinterpret_cast<const char*>(s), chunk);
  }
  return out;
}

const std::uint8_t* ParamReader::bytes(std::size_t n) {
  need(n, "its data");
  const auto* s = p_ + pos_;
  pos_ += n;
  return s;
}

std::string element_name(int cls, int id) {
  struct Name { int cls, id; const char* name; };
  static const Name names[] = {
      {0, 0, "NO-OP"}, {0, 1, "BEGIN METAFILE"}, {0, 2, "END METAFILE"},
      {0, 3, "BEGIN PICTURE"}, {0, 4, "BEGIN PICTURE BODY"}, {0, 5, "END PICTURE"},
      {1, 1, "METAFILE VERSION"}, {1, 2, "METAFILE DESCRIPTION"}, {1, 3, "VDC TYPE"},
      {1, 4, "INTEGER PRECISION"}, {1, 5, "REAL PRECISION"}, {1, 6, "INDEX PRECISION"},
      {1, 7, "COLOUR PRECISION"}, {1, 8, "COLOUR INDEX PRECISION"},
      {1, 9, "MAXIMUM COLOUR INDEX"}, {1, 10, "COLOUR VALUE EXTENT"},
      {1, 11, "METAFILE ELEMENT LIST"}, {1, 12, "METAFILE DEFAULTS REPLACEMENT"},
      {1, 13, "FONT LIST"}, {2, 1, "SCALING MODE"}, {2, 2, "COLOUR SELECTION MODE"},
      {2, 3, "LINE WIDTH SPECIFICATION MODE"}, {2, 4, "MARKER SIZE SPECIFICATION MODE"},
      {2, 6, "VDC EXTENT"}, {2, 7, "BACKGROUND COLOUR"}, {3, 4, "TRANSPARENCY"},
      {3, 5, "CLIP RECTANGLE"}, {3, 6, "CLIP INDICATOR"}, {4, 1, "POLYLINE"},
      {4, 2, "DISJOINT POLYLINE"}, {4, 3, "POLYMARKER"}, {4, 4, "TEXT"},
      {4, 7, "POLYGON"}, {4, 9, "CELL ARRAY"}, {5, 2, "LINE TYPE"}, {5, 3, "LINE WIDTH"},
      {5, 4, "LINE COLOUR"}, {5, 6, "MARKER TYPE"}, {5, 7, "MARKER SIZE"},
      {5, 8, "MARKER COLOUR"}, {5, 10, "TEXT FONT INDEX"}, {5, 11, "TEXT PRECISION"},
      {5, 14, "TEXT COLOUR"}, {5, 15, "CHARACTER HEIGHT"}, {5, 16, "CHARACTER ORIENTATION"},
      {5, 18, "TEXT ALIGNMENT"}, {5, 22, "INTERIOR STYLE"}, {5, 23, "FILL COLOUR"},
      {5, 27, "EDGE TYPE"}, {5, 28, "EDGE WIDTH"}, {5, 29, "EDGE COLOUR"},
      {5, 30, "EDGE VISIBILITY"}, {5, 34, "COLOUR TABLE"}, {7, 1, "MESSAGE"},
      {7, 2, "APPLICATION DATA"},
  };
  for (const auto& n : names)
    if (n.cls == cls && n.id == id) return n.name;
  return "element (class " + std::to_string(cls) + ", id " + std::to_string(id) + ")";
}

}  // namespace pargist::cgm
