#include "cgm_world_record.hpp"

#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <zlib.h>

#include "cgm_elements.hpp"

namespace pargist::cgm {
namespace {

constexpr char kMagic[4] = {'P', 'G', 'F', 'R'};
// Versions 1 and 3: the layout below, as is. Versions 2 and 4 (written now) store the
// same layout in three parts, deflated (zlib) where that pays:
//   A  the layout, deflated;
//   B  byte planes of arrays of doubles, deflated as Huffman codes only;
//   C  byte planes stored as they are.
// A large array of doubles is stored plane by plane (all first bytes, then
// all second bytes...): the sign and exponent bytes of data that share a
// scale take few values and code in few bits (part B, where deflate does not
// waste time looking for repeats), while the last mantissa bytes of
// full-precision data are noise that no coding shrinks (part C, copied).
//   "PGFR", u16 version 4 (or 2), u32 sizes of A inflated and deflated, u32 sizes
//   of B inflated and deflated, A, B, C.
// In the layout, each plane of an array of doubles is led by a byte: 0 if
// its bytes follow there (small arrays, planes of repeats), 1 if they are
// the next ones of C, 2 the next ones of B.
// The version also tells the layout: versions 1 (plain) and 2 (deflated)
// have layout 1; versions 3 (plain) and 4 (deflated) have layout 2, which
// added pygist's keywords: the rays' spacing and size and the smoothing of
// curves (Lines, Contours), the marks' spacing of contours, bytscl's top
// (FillMesh, Cells, Polys) and plf's region, gridxy's base 60 ticks and the
// mesh of plv's darts (Vectors). All versions read.
constexpr std::uint16_t kPlainLayout1 = 1, kDeflatedLayout1 = 2, kPlain = 3, kDeflated = 4;
constexpr int kLayout = 2;
constexpr std::size_t kHeader = 22;
// Fast deflate: the record must not slow writing below Gist's own pace.
constexpr int kDeflateLevel = 1;
// A decoded record larger than this is taken for a corrupt size field.
constexpr std::size_t kMaxRecordBytes = std::size_t(1) << 31;
// Arrays shorter than this stay in the layout, planes and all.
constexpr std::size_t kPlanesApart = 4096;
enum PlaneTag : std::uint8_t { kInline = 0, kCopied = 1, kCoded = 2 };
// Planes of fewer bits a byte than kRepeats stay in the layout, where
// deflate's search for repeats shrinks runs of equal bytes (zeros of
// round numbers) below Huffman's floor of one bit a byte; planes above
// kNoise are copied.
constexpr double kRepeats = 1.0, kNoise = 6.0;

// Entropy in bits per byte of each of the 8 byte planes of n doubles (the
// best a Huffman code of single bytes can do), in one pass.
std::array<double, 8> plane_entropy(const double* v, std::size_t n) {
  std::vector<std::uint32_t> count(8 * 256, 0);
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t bits;
    std::memcpy(&bits, v + i, 8);
    for (int b = 0; b < 8; ++b) ++count[std::size_t(b) * 256 + ((bits >> (8 * b)) & 0xff)];
  }
  std::array<double, 8> out{};
  for (int b = 0; b < 8; ++b) {
    double bits = 0;
    for (int k = 0; k < 256; ++k)
      if (const std::uint32_t c = count[std::size_t(b) * 256 + std::size_t(k)]) bits -= double(c) * std::log2(double(c) / double(n));
    out[std::size_t(b)] = bits / double(n);
  }
  return out;
}

// The 8 byte planes of n doubles (little-endian IEEE bits), plane b to to[b].
void to_planes(const double* v, std::size_t n, std::uint8_t* const to[8]) {
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t bits;
    std::memcpy(&bits, v + i, 8);
    for (int b = 0; b < 8; ++b) to[b][i] = std::uint8_t(bits >> (8 * b));
  }
}
// Adds plane b to n doubles (zero before the first).
void add_plane(const std::uint8_t* in, std::size_t n, int b, double* v) {
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t bits;
    std::memcpy(&bits, v + i, 8);
    bits |= std::uint64_t(in[i]) << (8 * b);
    std::memcpy(v + i, &bits, 8);
  }
}

// Arrays of plain numbers are copied whole when the machine is
// little-endian with IEEE doubles, which is the record's own layout.
template <class T>
constexpr bool kBulk = std::is_arithmetic_v<T> && !std::is_same_v<T, bool> &&
                       std::numeric_limits<double>::is_iec559 &&
                       __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;

// One description of the layout serves both directions: `io(ar, value)`
// writes with a Writer and reads with a Reader.
class Writer {
 public:
  static constexpr bool reading = false;
  int layout = kLayout;  // which fields the record has (see the versions above)
  std::vector<std::uint8_t> out;
  bool planes = false;                    // large arrays of doubles by byte planes (version 2)
  std::vector<std::uint8_t> coded, copied;  // parts B and C of version 2

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
        // Each plane after its tag in the layout, or in part B or C.
        const std::size_t n = v.size();
        std::array<double, 8> bits{};
        if (n >= kPlanesApart) bits = plane_entropy(v.data(), n);
        PlaneTag tags[8];
        std::size_t grow[3] = {8, 0, 0};  // bytes each part takes: layout (tags too), copied, coded
        for (int b = 0; b < 8; ++b) {
          const double h = bits[std::size_t(b)];
          tags[b] = n < kPlanesApart || h < kRepeats ? kInline : h > kNoise ? kCopied : kCoded;
          grow[tags[b]] += n;
        }
        std::vector<std::uint8_t>* parts[3] = {&out, &copied, &coded};
        std::size_t next[3];
        for (int k = 0; k < 3; ++k) {
          next[k] = parts[k]->size();
          parts[k]->resize(next[k] + grow[k]);
        }
        std::uint8_t* to[8];
        for (int b = 0; b < 8; ++b) {
          out[next[kInline]++] = tags[b];
          to[b] = parts[tags[b]]->data() + next[tags[b]];
          next[tags[b]] += n;
        }
        to_planes(v.data(), n, to);
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
  Reader(const std::uint8_t* p, std::size_t n, Part coded, Part copied)
      : p_(p), n_(n), base_(0), planes_(true), coded_(coded), copied_(copied) {}

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
        const std::size_t left = (n_ - pos_) + coded_.left() + copied_.left();
        if (n > left / 8) throw FormatError{base_ + pos_, "world-coordinate record: array past the record's end"};
        v.assign(n, 0.0);
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
          add_plane(from, n, b, v.data());
        }
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
  bool planes_ = false;
  Part coded_, copied_;
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
  ar.vec(m.x);
  ar.vec(m.y);
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

std::vector<std::uint8_t> encode_world_record(const plot::Frame& frame, bool deflated) {
  // The layout is shared with the reader, which needs mutable references;
  // the writer and the sizer only read through them.
  auto& f = const_cast<plot::Frame&>(frame);
  Sizer sizer;
  io(sizer, f);
  Writer w;
  if (!deflated) {
    w.out.reserve(6 + sizer.size);
    for (char c : kMagic) w.out.push_back(std::uint8_t(c));
    std::uint16_t version = kPlain;
    w.num(version);
    io(w, f);
    return std::move(w.out);
  }
  w.planes = true;
  w.out.reserve(sizer.size);
  io(w, f);
  for (const auto* part : {&w.out, &w.coded, &w.copied})
    if (part->size() > kMaxRecordBytes) throw std::length_error("pargist: frame too large for a CGM record");

  std::vector<std::uint8_t> record(kHeader + deflateBound(nullptr, uLong(w.out.size())) +
                                   deflateBound(nullptr, uLong(w.coded.size())) + w.copied.size() + 64);
  std::size_t at = kHeader;
  auto deflate_part = [&](const std::vector<std::uint8_t>& in, int strategy) {
    z_stream z{};
    if (deflateInit2(&z, kDeflateLevel, Z_DEFLATED, 15, 8, strategy) != Z_OK)
      throw std::runtime_error("pargist: zlib could not start compressing a CGM record");
    z.next_in = const_cast<Bytef*>(in.data());
    z.avail_in = uInt(in.size());
    z.next_out = record.data() + at;
    z.avail_out = uInt(record.size() - at);
    const int status = deflate(&z, Z_FINISH);
    const std::size_t packed = z.total_out;
    deflateEnd(&z);
    if (status != Z_STREAM_END) throw std::runtime_error("pargist: zlib could not compress a CGM record");
    at += packed;
    return packed;
  };
  const std::size_t packed_layout = deflate_part(w.out, Z_DEFAULT_STRATEGY);
  const std::size_t packed_planes = deflate_part(w.coded, Z_HUFFMAN_ONLY);
  if (!w.copied.empty()) std::memcpy(record.data() + at, w.copied.data(), w.copied.size());
  record.resize(at + w.copied.size());
  std::memcpy(record.data(), kMagic, 4);
  auto put = [&](std::size_t where, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) record[where + std::size_t(i)] = std::uint8_t(v >> (8 * i));
  };
  put(4, kDeflated, 2);
  put(6, w.out.size(), 4);
  put(10, packed_layout, 4);
  put(14, w.coded.size(), 4);
  put(18, packed_planes, 4);
  return record;
}

plot::Frame decode_world_record(const std::uint8_t* data, std::size_t size, std::size_t base) {
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
  if (version != kDeflatedLayout1 && version != kDeflated)
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
  Reader r(layout.data(), layout.size(), {coded.data(), coded.size()}, {data + at, size - at});
  r.layout = fields;
  try {
    io(r, frame);
  } catch (const FormatError& e) {  // an offset in the inflated bytes is no file offset
    throw FormatError{base + kHeader,
                      e.message + " (at byte " + std::to_string(e.offset) + " of the inflated record)"};
  }
  return frame;
}

}  // namespace pargist::cgm
