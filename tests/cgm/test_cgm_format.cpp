// The CGM encoding and decoding themselves: element framing, the Gist
// dialect written by the renderer and read back, the world-coordinate
// record, and the reader's behaviour on truncated and corrupt files.
#include <catch2/catch.hpp>

#include <cfenv>
#include <cmath>
#include <cstring>
#include <iterator>
#include <random>
#include <variant>

#include "cgm/cgm_coder_clones.hpp"
#include "cgm/cgm_elements.hpp"
#include "cgm/cgm_vdc.hpp"
#include "cgm/cgm_world_record.hpp"
#include "cgm_test_util.hpp"

namespace plot = pargist::plot;
namespace cgm = pargist::cgm;
using cgm_test::Bytes;

namespace {

// One picture drawn straight through the renderer interface.
Bytes draw_picture(cgm::CgmRenderer& r, const plot::Frame& f,
                   const std::function<void(cgm::CgmRenderer&)>& draw) {
  r.begin_page(f);
  draw(r);
  r.end_page();
  return r.picture();
}

const double kVdc = 1.0 / 25545.24;  // one VDC unit in NDC

}  // namespace

// Points go to VDC four at a time (SSE2) and the rest one at a time: the
// same bytes as one at a time, at every rounding edge, clamp and NaN, in
// every position of a group of four.
TEST_CASE("VDC points: four at a time as one at a time") {
  const double k = pargist::cgm::gist::kVdcPerNdc;
  std::vector<double> edges = {0.0, -0.0, 0.5 / k, -0.5 / k, 1.5 / k, -1.5 / k, 2.5 / k, -2.5 / k,
                               std::nextafter(0.5, 0.0) / k, std::nextafter(-0.5, 0.0) / k,
                               32767.0 / k, 32767.5 / k, 32768.0 / k, -32767.5 / k, -32768.0 / k,
                               -32768.5 / k, -32769.0 / k, 1e300, -1e300, INFINITY, -INFINITY, NAN, 0.3, 0.7,
                               1.2826, -0.001};
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> any(-1.5, 1.5);
  for (int i = 0; i < 200; ++i) edges.push_back(any(rng));
  for (std::size_t n : {std::size_t(0), std::size_t(1), std::size_t(3), std::size_t(4), std::size_t(5), edges.size()}) {
    for (std::size_t shift = 0; shift < 4; ++shift) {
      std::vector<double> x(n), y(n);
      for (std::size_t i = 0; i < n; ++i) {
        x[i] = edges[(i + shift) % edges.size()];
        y[i] = edges[(i * 7 + shift + 3) % edges.size()];
      }
      std::vector<std::uint8_t> fast(4 * n + 16), slow(4 * n + 16);
      std::uint8_t* end = pargist::cgm::put_vdc_points(fast.data(), x.data(), y.data(), 0, n);
      REQUIRE(end == fast.data() + 4 * n);
      std::uint8_t* at = slow.data();
      for (std::size_t i = 0; i < n; ++i) at = pargist::cgm::put_vdc(pargist::cgm::put_vdc(at, x[i]), y[i]);
      CHECK(fast == slow);
    }
  }
}

TEST_CASE("element framing: short, long and partitioned forms round trip") {
  for (std::size_t n : {0u, 1u, 2u, 29u, 30u, 31u, 32u, 1000u, 32766u, 32767u, 70001u}) {
    Bytes params(n);
    for (std::size_t i = 0; i < n; ++i) params[i] = std::uint8_t(i * 31 + 7);
    Bytes out;
    cgm::append_element(out, 4, 1, params.data(), params.size());
    CHECK(out.size() % 2 == 0);
    cgm::Scanner s(out.data(), out.size());
    cgm::Element e;
    REQUIRE(s.next(e));
    CHECK(e.cls == 4);
    CHECK(e.id == 1);
    REQUIRE(e.size == n);
    CHECK(std::equal(params.begin(), params.end(), e.params));
    CHECK(e.end == out.size());
    CHECK_FALSE(s.next(e));
  }
}

TEST_CASE("strings: short and long forms round trip") {
  for (std::size_t n : {0u, 1u, 254u, 255u, 40000u}) {
    std::string text(n, 'a');
    for (std::size_t i = 0; i < n; ++i) text[i] = char('a' + i % 26);
    cgm::Params p;
    p.i16(-5);
    p.string(text);
    p.fixed(2.75);
    Bytes out;
    cgm::append_element(out, 7, 2, p);
    // The element's parameters live in the scanner when partitioned.
    cgm::Scanner scan(out.data(), out.size());
    cgm::Element e;
    REQUIRE(scan.next(e));
    cgm::ParamReader r(e);
    CHECK(r.i16() == -5);
    CHECK(r.string() == text);
    CHECK(r.fixed() == 2.75);
    CHECK(r.remaining() == 0);
    CHECK_FALSE(scan.next(e));
  }
}

TEST_CASE("scanner: a length past the end is an error naming the offset") {
  Bytes out;
  cgm::append_element(out, 0, 1, cgm::Params());  // 2 bytes
  Bytes params(100, 1);
  cgm::append_element(out, 4, 1, params.data(), params.size());  // long form at offset 2
  out.resize(out.size() - 10);
  cgm::Scanner s(out.data(), out.size(), 1000);
  cgm::Element e;
  REQUIRE(s.next(e));
  try {
    s.next(e);
    FAIL("no error for a truncated element");
  } catch (const cgm::FormatError& err) {
    CHECK(err.offset == 1004);  // the partition length word, file offset 1000 + 4
    CHECK_THAT(err.message, Catch::Contains("POLYLINE"));
  }
}

TEST_CASE("scanner: an odd partition that ends the file is an error, not a read past it") {
  // Found by the fuzzer: a long-form element whose only partition (1 byte,
  // more to come) ends the file; its pad byte would lie past the end.
  const Bytes file = {0x00, 0x3f, 0x80, 0x01, 0x07};
  cgm::Scanner s(file.data(), file.size(), 0);
  cgm::Element e;
  try {
    s.next(e);
    FAIL("no error for a partition whose successor is missing");
  } catch (const cgm::FormatError& err) {
    CHECK(err.offset == 5);
    CHECK_THAT(err.message, Catch::Contains("truncated partition length"));
  }
  const auto doc = cgm::read_cgm_bytes(file.data(), file.size(), "odd.cgm");
  CHECK(doc.pages.empty());
  REQUIRE(doc.error.has_value());
  CHECK_THAT(*doc.error, Catch::Contains("byte offset"));
}

TEST_CASE("world record: every field of every element survives exactly") {
  const plot::Frame f = cgm_test::every_primitive_frame(7);
  const Bytes once = cgm::encode_world_record(f);
  const plot::Frame back = cgm::decode_world_record(once.data(), once.size(), 0);
  // Re-encoding the decoded frame gives the same bytes: nothing was lost.
  CHECK(cgm::encode_world_record(back) == once);
  CHECK(back.number == 7);
  CHECK(back.palette.colors.size() == 200);
  REQUIRE(back.systems.size() == 3);
  const auto& l = std::get<plot::Lines>(back.systems[1].elements[0]);
  CHECK(l.x == std::get<plot::Lines>(f.systems[1].elements[0]).x);
  CHECK(l.info.legend == "sine");
  CHECK(std::get<plot::Text>(back.systems[0].elements[2]).text == "Title: !p r^2 x_0");
}

TEST_CASE("world record: plain records (as files written before deflate) still read exactly") {
  const plot::Frame f = cgm_test::every_primitive_frame(3);
  const Bytes old = cgm::encode_world_record(f, false), now = cgm::encode_world_record(f);
  REQUIRE(old[4] == 3);  // plain, with pygist's keywords (1: plain, before them)
  REQUIRE(now[4] == 8);  // deflated, predicted (from values too), cells named in the body, meshgrids as a
                         // row and a column (7: predicted from keys only; 6: meshes as given; 5: cells
                         // not named; 4: not predicted; 2: deflated, before the keywords)
  const plot::Frame back = cgm::decode_world_record(old.data(), old.size(), 0);
  CHECK(cgm::encode_world_record(back) == now);
  CHECK(cgm::encode_world_record(back, false) == old);
}

TEST_CASE("world record: deflated, smaller than the plain layout for data that repeat") {
  plot::Frame f = cgm_test::every_primitive_frame(3);
  plot::Lines l;  // a regular grid of points: shared exponents, repeating steps
  for (int i = 0; i < 20000; ++i) l.x.push_back(0.25 * (i % 200)), l.y.push_back(0.5 * (i / 200));
  f.systems[1].elements.push_back(l);
  const Bytes old = cgm::encode_world_record(f, false), now = cgm::encode_world_record(f);
  CHECK(now.size() * 5 < old.size());
  const plot::Frame back = cgm::decode_world_record(now.data(), now.size(), 0);
  CHECK(std::get<plot::Lines>(back.systems[1].elements.back()).y == l.y);
}

namespace {
// A frame of one curve, for records of chosen arrays.
plot::Frame curve_frame(std::vector<double> x, std::vector<double> y) {
  plot::Frame f = cgm_test::every_primitive_frame(2);
  plot::Lines l;
  l.x = std::move(x);
  l.y = std::move(y);
  f.systems[1].elements.push_back(std::move(l));
  return f;
}
// The curve and the cell array of a file of one page read from its world
// record (the old-version corpus files hold one of each).
struct CurveAndCells {
  const plot::Lines* curve = nullptr;
  const plot::Cells* cells = nullptr;
};

CurveAndCells curve_and_cells_of_one_page(const cgm::CgmDocument& doc) {
  REQUIRE_FALSE(doc.error.has_value());
  REQUIRE(doc.pages.size() == 1);
  REQUIRE(doc.pages[0].from_world_record);
  CHECK(doc.warnings.empty());
  CurveAndCells found;
  for (const auto& s : doc.pages[0].frame.systems)
    for (const auto& e : s.elements) {
      if (const auto* l = std::get_if<plot::Lines>(&e)) found.curve = l;
      if (const auto* c = std::get_if<plot::Cells>(&e)) found.cells = c;
    }
  return found;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * 8) == 0);
}
}  // namespace

TEST_CASE("world record: predicted arrays come back bit for bit, whatever the values") {
  std::mt19937_64 rng(7);
  const double nan1 = std::nan("1"), nan2 = -std::nan("123456");
  std::vector<std::vector<double>> arrays = {
      {0.0},
      {-0.0, 0.0, -0.0, 1e-310, -1e-310, 5e-324, -5e-324},
      {nan1, nan2, 1.0, HUGE_VAL, -HUGE_VAL, 1.7976931348623157e308, -1.7976931348623157e308, 3.4028235677973366e38},
      {float(0.1), float(-2.5), float(1e-40), -0.0, float(3e38), HUGE_VAL},  // float32 widened, a denormal one too
  };
  for (const std::size_t n : {std::size_t(3), std::size_t(4095), std::size_t(4096), std::size_t(20001)}) {
    std::vector<double> line(n), smooth(n), noise(n), single(n), steps(n), signs(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double t = 10.0 * double(i) / double(n);
      line[i] = -3.0 + 6.0 * double(i) / double(n);   // crosses zero
      smooth[i] = std::sin(t) * std::exp(-t / 5);       // crosses zero, changes binade
      noise[i] = std::ldexp(double(rng() >> 11), -53) * (rng() & 1 ? 1e10 : -1e-10);
      single[i] = double(float(smooth[i] * 1e20));
      steps[i] = double(i / 7) * 0.25;                  // repeats, then jumps
      signs[i] = (i & 1 ? -1.0 : 1.0) * double(rng() % 1000);
    }
    // Smooth values across the bounds of the values' prediction (2^-900,
    // 2^1000), into subnormals and infinities, with NaNs among them.
    std::vector<double> tiny(n), huge(n), holes(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double t = 10.0 * double(i) / double(n);
      tiny[i] = std::sin(t) * 0x1p-900 * std::exp(-t * 40);  // down to subnormals
      huge[i] = std::sin(t) * 0x1p1000 * std::exp(t * 2.5);  // past the largest double: infinities
      holes[i] = i % 97 == 5 ? std::nan("7") : (i % 89 == 3 ? -HUGE_VAL : smooth[i] * 1e-300);
    }
    for (auto* a : {&line, &smooth, &noise, &single, &steps, &signs, &tiny, &huge, &holes}) arrays.push_back(*a);
  }
  for (std::size_t k = 0; k < arrays.size(); ++k) {
    INFO("array " << k << " of " << arrays[k].size() << " values");
    std::vector<double> y(arrays[k].rbegin(), arrays[k].rend());
    const plot::Frame f = curve_frame(arrays[k], y);
    const Bytes once = cgm::encode_world_record(f);
    REQUIRE(once[4] == 8);
    const plot::Frame back = cgm::decode_world_record(once.data(), once.size(), 0);
    const auto& l = std::get<plot::Lines>(back.systems[1].elements.back());
    CHECK(same_bits(l.x, arrays[k]));
    CHECK(same_bits(l.y, y));
    CHECK(cgm::encode_world_record(back) == once);
  }
}

// The coder's loops work several words at a time (vectorised) on widths
// found without lzcnt: the same widths as lzcnt's at every edge.
TEST_CASE("world record: the coder's lane bit width is lzcnt's") {
  namespace wr = pargist::cgm::world_record;
  std::vector<std::uint64_t> words = {0, ~std::uint64_t(0)};
  for (int b = 0; b < 64; ++b)
    for (const std::uint64_t z : {std::uint64_t(1) << b, (std::uint64_t(1) << b) - 1, (std::uint64_t(1) << b) + 1,
                                  ~std::uint64_t(0) >> b, ~std::uint64_t(0) << b})
      words.push_back(z);
  std::mt19937_64 rng(3);
  for (int i = 0; i < 100000; ++i) words.push_back(rng() >> (rng() % 64));
  for (const std::uint64_t z : words) {
    INFO("word " << z);
    REQUIRE(wr::bit_width_lanes(z) == std::uint64_t(wr::bit_width(z)));
  }
}

// The bytes of version 8 pinned: records of arrays of every kind the coder
// meets (lines, smooth curves, noise, float32 data, spikes that are a
// block's exceptions, steps, signs, values by the prediction's bounds, NaNs
// and infinities; a cell array's bytes), at lengths that end blocks early,
// hashed (FNV-1a) as the encoder wrote them before its loops were
// vectorised. Any change of the bytes written fails here: that is a new
// version of the record. (No libm: the same values on every machine.)
TEST_CASE("world record: version 8's bytes are those first written") {
  auto fnv = [](std::uint64_t h, const Bytes& bytes) {
    for (const std::uint8_t c : bytes) h = (h ^ c) * 1099511628211ULL;
    return h;
  };
  const std::size_t lengths[] = {3, 64, 67, 1000, 1031, 4096, 20001};
  const std::uint64_t expected[] = {0x2afdd4e35165ea39, 0x7dac624cffa7e76e, 0x75a3991bbec80954, 0x4f8f233b571ad888,
                                    0xf31485dbd58ff13c, 0x0bebedf86a4b44e6, 0xcd922ef02857025f};
  std::mt19937_64 rng(11);
  auto uniform = [&] { return std::ldexp(double(rng() >> 11), -53); };
  const double nan = [] {
    const std::uint64_t bits = 0x7ff8000000000007;  // a quiet NaN of its own payload
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
  }();
  for (std::size_t l = 0; l < std::size(lengths); ++l) {
    const std::size_t n = lengths[l];
    std::vector<std::vector<double>> arrays(11, std::vector<double>(n));
    for (std::size_t i = 0; i < n; ++i) {
      const double t = double(i) / double(n);
      const double cubic = (t - 0.2) * (t - 0.5) * (t - 0.9) * 7.0;  // crosses zero, changes binade
      arrays[0][i] = -3.0 + 6.0 * t;
      arrays[1][i] = cubic;
      arrays[2][i] = uniform() * (rng() & 1 ? 1e10 : -1e-10);
      arrays[3][i] = double(float(cubic * 1e20));
      arrays[4][i] = i % 37 == 5 ? cubic + double(rng() >> 20) : cubic;  // spikes: exceptions
      arrays[5][i] = double(i / 7) * 0.25;
      arrays[6][i] = (i & 1 ? -1.0 : 1.0) * double(rng() % 1000);
      arrays[7][i] = cubic * 0x1p-960;  // below the values' prediction, down to subnormals
      arrays[8][i] = cubic * 0x1p1020;  // above it
      arrays[9][i] = i % 97 == 5 ? nan : (i % 89 == 3 ? -HUGE_VAL : cubic * 1e-300);
      arrays[10][i] = (uniform() + uniform() + uniform() - 1.5) * 4.0;  // a scatter's: top bits apart
    }
    std::uint64_t hash = 14695981039346656037ULL;
    for (const auto& a : arrays) {
      plot::Frame f;
      f.systems.resize(2);
      plot::Lines curve;
      curve.x = a;
      curve.y.assign(a.rbegin(), a.rend());
      f.systems[1].elements.push_back(std::move(curve));
      plot::Cells cells;
      cells.nx = n;
      cells.ny = 1;
      cells.x1 = cells.y1 = 1;
      for (std::size_t i = 0; i < n; ++i) cells.colors.push_back(std::uint8_t((i * i / 3 + i / 17) % 240));
      f.systems[1].elements.push_back(std::move(cells));
      hash = fnv(hash, cgm::encode_world_record(f));
    }
    INFO(n << " values: hash " << std::hex << hash);
    CHECK(hash == expected[l]);
  }
}

TEST_CASE("world record: a program's own rounding mode does not change the record") {
  // The values' prediction is arithmetic: written under one rounding mode
  // and read under another, every value still comes back bit for bit.
  std::vector<double> x(5000), y(5000);
  for (std::size_t i = 0; i < x.size(); ++i) {
    x[i] = 0.001 * double(i) - 1.7;
    y[i] = std::sin(3 * x[i]) * std::exp(x[i]);
  }
  const plot::Frame f = curve_frame(x, y);
  const Bytes nearest = cgm::encode_world_record(f);
  std::fesetround(FE_UPWARD);
  const Bytes upward = cgm::encode_world_record(f);
  std::fesetround(FE_DOWNWARD);
  const plot::Frame back = cgm::decode_world_record(upward.data(), upward.size(), 0);
  std::fesetround(FE_TONEAREST);
  CHECK(upward == nearest);
  const auto& l = std::get<plot::Lines>(back.systems[1].elements.back());
  CHECK(same_bits(l.x, x));
  CHECK(same_bits(l.y, y));
}

TEST_CASE("world record: a curve, a line of abscissas and float32 data take few bytes") {
  const std::size_t n = 10000;
  std::vector<double> x(n), y(n), y32(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = 10.0 * double(i) / double(n - 1);
    y[i] = std::sin(x[i]) * std::exp(-x[i] / 5);
    y32[i] = double(float(y[i]));
  }
  const std::size_t base = cgm::encode_world_record(curve_frame({0.0}, {0.0})).size();
  const std::size_t curve = cgm::encode_world_record(curve_frame(x, y)).size() - base;
  const std::size_t curve32 = cgm::encode_world_record(curve_frame(x, y32)).size() - base;
  // 16 bytes a point as given; the abscissas are a line (next to nothing
  // left), the ordinates follow a parabola to about 2^-26 of their size.
  CHECK(curve < n * 6);
  CHECK(curve32 < n * 3);
}

TEST_CASE("world record: files of version 4 (deflated, not predicted) still read") {
  // Written by pargist before version 5: plg(sin(x) exp(-x/5), x) with
  // x = linspace(0, 10, 4200) from numpy, and a 32x32 pli.
  const auto doc = cgm::read_cgm(PARGIST_CORPUS_DIR "/pargist_record_v4.cgm", false);
  const auto [curve, cells] = curve_and_cells_of_one_page(doc);
  REQUIRE(curve);
  REQUIRE(curve->x.size() == 4200);
  const double step = 10.0 / 4199;
  for (std::size_t i = 0; i + 1 < 4200; ++i) {
    REQUIRE(curve->x[i] == double(i) * step);  // numpy's linspace, exactly
    REQUIRE(std::fabs(curve->y[i] - std::sin(curve->x[i]) * std::exp(-curve->x[i] / 5)) < 1e-15);
  }
  REQUIRE(cells);
  CHECK(cells->nx == 32);
  // Read, written again as version 5 and read: the same frame.
  const Bytes now = cgm::encode_world_record(doc.pages[0].frame);
  CHECK(cgm::encode_world_record(cgm::decode_world_record(now.data(), now.size(), 0)) == now);
}

TEST_CASE("world record: files of version 5 (cell colours in the record) still read") {
  // Written by pargist before version 6: a 4200-point curve y = sin(x)
  // exp(-x/5), x = i * 10/4199, and a 32x32 cell array of colours
  // (7i + 3j) mod 240.
  const auto doc = cgm::read_cgm(PARGIST_CORPUS_DIR "/pargist_record_v5.cgm", false);
  const auto [curve, cells] = curve_and_cells_of_one_page(doc);
  REQUIRE(curve);
  REQUIRE(curve->x.size() == 4200);
  const double step = 10.0 / 4199;
  for (std::size_t i = 0; i < 4200; ++i) {
    REQUIRE(curve->x[i] == double(i) * step);
    REQUIRE(curve->y[i] == std::sin(curve->x[i]) * std::exp(-curve->x[i] / 5));
  }
  REQUIRE(cells);
  REQUIRE(cells->colors.size() == 32 * 32);
  for (std::size_t j = 0; j < 32; ++j)
    for (std::size_t i = 0; i < 32; ++i) REQUIRE(cells->colors[j * 32 + i] == (i * 7 + j * 3) % 240);
  // Read, written again as version 8 and read: the same frame.
  const Bytes now = cgm::encode_world_record(doc.pages[0].frame);
  CHECK(now[4] == 8);
  CHECK(cgm::encode_world_record(cgm::decode_world_record(now.data(), now.size(), 0)) == now);
}

namespace {
// The corpus files of versions 6 and 7 (tests/cgm/fuzz/corpus; version 6
// made with pargist's Python API, version 7 by reading it and writing it
// again): plg of y = sin(x) exp(-x/5) at x = i * (10/4199), 4200 points; pli
// of 32x32 colours (7i + 3j) mod 240; plc of z = sin(1.3 x) cos(y) + 0.1 x y
// on the meshgrid of linspace(-3, 3, 40) and linspace(-2, 2, 30). Read,
// checked, written again as version 8 and read: the same frame.
void check_corpus_curve_and_contours(const std::string& file) {
  const auto doc = cgm::read_cgm(file, false);
  REQUIRE_FALSE(doc.error.has_value());
  REQUIRE(doc.pages.size() == 1);
  REQUIRE(doc.pages[0].from_world_record);
  const plot::Lines* curve = nullptr;
  const plot::Contours* contours = nullptr;
  for (const auto& s : doc.pages[0].frame.systems)
    for (const auto& e : s.elements) {
      if (const auto* l = std::get_if<plot::Lines>(&e)) curve = l;
      if (const auto* c = std::get_if<plot::Contours>(&e)) contours = c;
    }
  REQUIRE(curve);
  REQUIRE(curve->x.size() == 4200);
  for (std::size_t i = 0; i < 4200; ++i) {
    REQUIRE(curve->x[i] == double(i) * (10.0 / 4199));
    REQUIRE(curve->y[i] == std::sin(curve->x[i]) * std::exp(-curve->x[i] / 5));
  }
  REQUIRE(contours);
  REQUIRE(contours->mesh.ni == 40);
  REQUIRE(contours->mesh.nj == 30);
  for (std::size_t j = 0; j < 30; ++j)
    for (std::size_t i = 0; i < 40; ++i) {
      const double x = contours->mesh.x[j * 40 + i], y = contours->mesh.y[j * 40 + i];
      REQUIRE(x == contours->mesh.x[i]);
      REQUIRE(y == contours->mesh.y[j * 40]);
      REQUIRE(std::fabs(contours->z[j * 40 + i] - (std::sin(1.3 * x) * std::cos(y) + 0.1 * x * y)) < 1e-15);
    }
  CHECK(contours->mesh.x[0] == -3.0);
  CHECK(contours->mesh.x[39] == 3.0);
  CHECK(contours->mesh.y[29 * 40] == 2.0);
  const Bytes now = cgm::encode_world_record(doc.pages[0].frame);
  CHECK(now[4] == 8);
  const plot::Frame back = cgm::decode_world_record(now.data(), now.size(), 0);
  CHECK(cgm::encode_world_record(back) == now);
  const auto& c = std::get<plot::Contours>(back.systems[1].elements.back());
  CHECK(same_bits(c.mesh.x, contours->mesh.x));
  CHECK(same_bits(c.mesh.y, contours->mesh.y));
  CHECK(same_bits(c.z, contours->z));
}
}  // namespace

TEST_CASE("world record: files of version 6 (meshes as given) still read") {
  check_corpus_curve_and_contours(PARGIST_CORPUS_DIR "/pargist_record_v6.cgm");
}

TEST_CASE("world record: files of version 7 (predicted from keys only) still read") {
  check_corpus_curve_and_contours(PARGIST_CORPUS_DIR "/pargist_record_v7.cgm");
}

TEST_CASE("world record: a meshgrid's x and y are stored as a row and a column, bit for bit") {
  // Either orientation of a meshgrid, a mesh that breaks the rule at one
  // node only (a -0 for a 0, a NaN of other bits): every array back exactly.
  const std::size_t ni = 37, nj = 23;
  auto frame_of = [&](const std::vector<double>& x, const std::vector<double>& y) {
    plot::Frame f = cgm_test::every_primitive_frame(2);
    plot::Contours c;
    c.mesh.ni = ni;
    c.mesh.nj = nj;
    c.mesh.x = x;
    c.mesh.y = y;
    for (std::size_t k = 0; k < ni * nj; ++k) c.z.push_back(std::sin(x[k]) * std::cos(y[k]));
    c.levels = {-0.5, 0.0, 0.5};
    f.systems[1].elements.push_back(std::move(c));
    return f;
  };
  std::vector<double> rows(ni * nj), cols(ni * nj);
  for (std::size_t j = 0; j < nj; ++j)
    for (std::size_t i = 0; i < ni; ++i) {
      rows[j * ni + i] = -1.0 + 2.0 * double(i) / double(ni - 1);  // hits 0 exactly at i = 18
      cols[j * ni + i] = double(j) * 0.1 - 1.1;
    }
  auto size_of = [&](const std::vector<double>& x, const std::vector<double>& y) {
    const plot::Frame f = frame_of(x, y);
    const Bytes once = cgm::encode_world_record(f);
    const plot::Frame back = cgm::decode_world_record(once.data(), once.size(), 0);
    const auto& c = std::get<plot::Contours>(back.systems[1].elements.back());
    CHECK(same_bits(c.mesh.x, x));
    CHECK(same_bits(c.mesh.y, y));
    CHECK(cgm::encode_world_record(back) == once);
    return once.size();
  };
  const std::size_t grid = size_of(rows, cols), turned = size_of(cols, rows);
  std::vector<double> zero_signed = rows, nan_bits = cols;
  zero_signed[5 * ni + 18] = -0.0;
  nan_bits[3 * ni] = std::nan("1");
  nan_bits[3 * ni + 1] = std::nan("2");
  const std::size_t broken = size_of(zero_signed, nan_bits);
  CHECK(turned < grid + 64);
  CHECK(grid + 200 < broken);  // the rule broken at one node: the arrays stored as given
}

TEST_CASE("world record: cell colours the body holds exactly are named, not stored twice") {
  // Palette colours (< the palette's length) and Gist's fixed colours
  // (246..255) come back from the body's indices; a colour past the
  // palette does not, and its cells stay in the record.
  plot::Frame f;
  for (int i = 0; i < 200; ++i) f.palette.colors.push_back({std::uint8_t(i), 0, std::uint8_t(255 - i)});
  f.systems.resize(2);
  std::mt19937 rng(3);
  auto cells = [&](std::size_t nx, std::size_t ny, bool past_palette) {
    plot::Cells c;
    c.nx = nx;
    c.ny = ny;
    c.x0 = c.y0 = 0;
    c.x1 = c.y1 = 1;
    for (std::size_t k = 0; k < nx * ny; ++k) c.colors.push_back(std::uint8_t(k % 5 == 0 ? 246 + rng() % 10 : rng() % 200));
    if (past_palette) c.colors[nx + 1] = 220;
    return c;
  };
  const plot::Cells named = cells(301, 77, false), kept = cells(64, 33, true);
  f.systems[1].elements.push_back(named);
  f.systems[1].elements.push_back(kept);
  auto one_page = [](const plot::Frame& frame) {
    cgm::CgmRenderer r;
    plot::render(frame, r);
    return cgm_test::assemble_metafile(r, {r.picture()});
  };
  const Bytes file = one_page(f);
  const auto doc = cgm::read_cgm_bytes(file.data(), file.size(), "cells.cgm");
  REQUIRE_FALSE(doc.error.has_value());
  REQUIRE(doc.pages.size() == 1);
  REQUIRE(doc.pages[0].from_world_record);
  CHECK(doc.warnings.empty());
  const auto& back = doc.pages[0].frame.systems[1].elements;
  REQUIRE(back.size() == 2);
  CHECK(std::get<plot::Cells>(back[0]).colors == named.colors);
  CHECK(std::get<plot::Cells>(back[1]).colors == kept.colors);
  CHECK(std::get<plot::Cells>(back[1]).colors[64 + 1] == 220);
  // The named colours are in the file once: the body's cells plus a record
  // far smaller than the 301x77 random colours it would otherwise hold.
  const Bytes alone = cgm::encode_world_record(f);
  const std::size_t in_body = 301 * 77 + 64 * 33;
  CHECK(file.size() < in_body + alone.size() - 301 * 77 / 2);
  // A picture whose CELL ARRAY is not the one the record names (here cut
  // short by a row): an error, and the page falls back to its NDC primitives.
  plot::Frame one = f;
  one.systems[1].elements.pop_back();
  Bytes cut = one_page(one);
  cgm::Scanner scan(cut.data(), cut.size());
  cgm::Element e;
  std::size_t rows_at = 0;  // the CELL ARRAY's row count: after P, Q, R and the width
  while (scan.next(e))
    if (e.cls == cgm::kPrimitive && e.id == 9) rows_at = e.params_offset + 14;
  REQUIRE(rows_at > 0);
  REQUIRE(cut[rows_at + 1] == 77);
  cut[rows_at + 1] = 76;
  const auto fallback = cgm::read_cgm_bytes(cut.data(), cut.size(), "cut.cgm");
  REQUIRE(fallback.pages.size() == 1);
  CHECK_FALSE(fallback.pages[0].from_world_record);
  REQUIRE(fallback.warnings.size() == 1);
  CHECK_THAT(fallback.warnings[0], Catch::Contains("names CELL ARRAY 0"));
}

TEST_CASE("world record: corrupt records are errors, never bad frames") {
  for (const bool deflated : {true, false}) {
    const Bytes good = cgm::encode_world_record(cgm_test::every_primitive_frame(), deflated);
    std::mt19937 rng(12345);
    int errors = 0;
    for (int trial = 0; trial < 3000; ++trial) {
      Bytes bad = good;
      const int flips = 1 + int(rng() % 4);
      for (int k = 0; k < flips; ++k) bad[rng() % bad.size()] ^= std::uint8_t(1u << (rng() % 8));
      if (trial % 3 == 0) bad.resize(rng() % bad.size());
      try {
        (void)cgm::decode_world_record(bad.data(), bad.size(), 0);
      } catch (const cgm::FormatError& e) {
        ++errors;
        CHECK(e.offset <= bad.size());
      }
    }
    CHECK(errors > 500);
  }
}

TEST_CASE("renderer: Gist's dialect read back as NDC primitives") {
  plot::Frame f;
  f.palette.colors = {{10, 20, 30}, {40, 50, 60}, {70, 80, 90}};
  cgm::CgmOptions options;
  options.world_record = false;
  cgm::CgmRenderer r(options);
  const double x[] = {0.1, 0.2, 0.3}, y[] = {0.5, 0.6, 0.55};
  const Bytes pic = draw_picture(r, f, [&](cgm::CgmRenderer& rr) {
    plot::Box clip{0.05, 0.4, 0.45, 0.7};
    rr.set_clip(&clip);
    rr.polyline(x, y, 3, {plot::NamedColor::red, plot::LineType::dashdot, 3.5}, false);
    rr.markers(x, y, 3, {plot::Color::palette(1), plot::marker_cross, 2.0});
    rr.set_clip(nullptr);
    plot::TextStyle ts;
    ts.height = 18;
    ts.color = plot::Color::from_rgb(1, 2, 3);
    ts.halign = plot::HAlign::right;
    ts.valign = plot::VAlign::top;
    rr.text(0.3, 0.2, "a^2 !b", ts);
    const std::uint8_t cells[] = {0, 1, 2, 255, 2, 1};  // 255: Gist's background code
    rr.cell_array({0.5, 0.7, 0.1, 0.2}, 3, 2, cells, 1);
    const std::size_t n = 3;
    const plot::Color fill = plot::Color::palette(2);
    const plot::LineStyle edge{plot::NamedColor::green, plot::LineType::solid, 2.0};
    rr.polygons(x, y, &n, 1, &fill, &edge);
  });
  const Bytes file = cgm_test::assemble_metafile(r, {pic});
  const auto doc = cgm::read_cgm_bytes(file.data(), file.size(), "mem.cgm");
  REQUIRE_FALSE(doc.error);
  REQUIRE(doc.pages.size() == 1);
  const auto& page = doc.pages[0];
  CHECK_FALSE(page.from_world_record);
  CHECK(page.name == "Page 1");
  // The table holds the 3 palette entries and the RGB text colour after them.
  REQUIRE(page.frame.palette.colors.size() >= 4);
  CHECK(page.frame.palette.colors[1] == plot::Rgb{40, 50, 60});
  CHECK(page.frame.palette.colors[3] == plot::Rgb{1, 2, 3});
  const auto& systems = page.frame.systems;
  REQUIRE(systems.size() == 3);  // NDC, the clipped run, the unclipped run
  CHECK(systems[1].viewport.xmin == Approx(0.05).margin(kVdc));
  CHECK(systems[1].viewport.ymax == Approx(0.7).margin(kVdc));
  const auto& line = std::get<plot::Lines>(systems[1].elements.at(0));
  REQUIRE(line.x.size() == 3);
  for (int i = 0; i < 3; ++i) {
    CHECK(line.x[i] == Approx(x[i]).margin(kVdc));
    CHECK(line.y[i] == Approx(y[i]).margin(kVdc));
  }
  CHECK(line.line.color == plot::Color(plot::NamedColor::red));
  CHECK(line.line.type == plot::LineType::dashdot);
  CHECK(line.line.width == Approx(3.5).margin(1e-4));
  const auto& marks = std::get<plot::Lines>(systems[1].elements.at(1));
  CHECK(marks.markers_at_points);
  CHECK(marks.line.type == plot::LineType::none);
  CHECK(marks.marker.marker == plot::marker_cross);
  CHECK(marks.marker.color == plot::Color::palette(1));
  CHECK(marks.marker.size == Approx(2.0).margin(1e-4));
  const auto& text = std::get<plot::Text>(systems[2].elements.at(0));
  CHECK(text.text == "a^2 !b");  // Gist's escapes kept as written
  CHECK(text.style.height == Approx(18).epsilon(0.01));
  CHECK(text.style.halign == plot::HAlign::right);
  CHECK(text.style.valign == plot::VAlign::top);
  CHECK(text.style.color == plot::Color::palette(3));
  const auto& cells = std::get<plot::Cells>(systems[2].elements.at(1));
  CHECK(cells.nx == 3);
  CHECK(cells.ny == 2);
  CHECK(cells.colors == std::vector<std::uint8_t>{0, 1, 2, 255, 2, 1});
  CHECK(cells.x0 == Approx(0.5).margin(kVdc));
  CHECK(cells.y1 == Approx(0.2).margin(kVdc));
  const auto& poly = std::get<plot::Polys>(systems[2].elements.at(2));
  CHECK(poly.colors.at(0) == plot::Color::palette(2));
  CHECK(poly.edges);
  CHECK(poly.edge_style.color == plot::Color(plot::NamedColor::green));
}

TEST_CASE("renderer: long polylines are split into Gist-sized elements that join") {
  plot::Frame f;
  cgm::CgmOptions options;
  options.world_record = false;
  cgm::CgmRenderer r(options);
  std::vector<double> x(10000), y(10000);
  for (std::size_t i = 0; i < x.size(); ++i) {
    x[i] = 0.1 + 0.6 * double(i) / 9999.0;
    y[i] = 0.5 + 0.1 * std::sin(double(i) * 0.01);
  }
  const Bytes pic = draw_picture(r, f, [&](cgm::CgmRenderer& rr) {
    rr.polyline(x.data(), y.data(), x.size(), plot::LineStyle{}, false);
  });
  const Bytes file = cgm_test::assemble_metafile(r, {pic});
  const auto doc = cgm::read_cgm_bytes(file.data(), file.size(), "mem.cgm");
  REQUIRE(doc.pages.size() == 1);
  const auto& els = doc.pages[0].frame.systems.at(1).elements;
  REQUIRE(els.size() == 3);  // 4050 + 4050 + the rest, one point shared at each join
  std::size_t total = 0;
  for (std::size_t k = 0; k < els.size(); ++k) {
    const auto& l = std::get<plot::Lines>(els[k]);
    CHECK(l.x.size() <= 4050);
    total += l.x.size();
    if (k > 0) {
      const auto& prev = std::get<plot::Lines>(els[k - 1]);
      CHECK(l.x.front() == prev.x.back());
      CHECK(l.y.front() == prev.y.back());
    }
  }
  CHECK(total == x.size() + els.size() - 1);
}

TEST_CASE("renderer: RGB colours past a full table take the nearest entry, not fg") {
  plot::Frame f;
  for (int i = 0; i < 246; ++i) f.palette.colors.push_back({std::uint8_t(i), std::uint8_t(i), 0});
  cgm::CgmOptions options;
  options.world_record = false;
  cgm::CgmRenderer r(options);
  const double x[] = {0.1, 0.2}, y[] = {0.1, 0.2};
  const Bytes pic = draw_picture(r, f, [&](cgm::CgmRenderer& rr) {
    rr.polyline(x, y, 2, {plot::Color::from_rgb(101, 99, 3), plot::LineType::solid, 1}, false);
    rr.polyline(x, y, 2, {plot::Color::from_rgb(0, 0, 255), plot::LineType::solid, 1}, false);
  });
  const Bytes file = cgm_test::assemble_metafile(r, {pic});
  const auto doc = cgm::read_cgm_bytes(file.data(), file.size(), "mem.cgm");
  REQUIRE(doc.pages.size() == 1);
  const auto& els = doc.pages[0].frame.systems.at(1).elements;
  CHECK(std::get<plot::Lines>(els.at(0)).line.color == plot::Color::palette(100));
  CHECK(std::get<plot::Lines>(els.at(1)).line.color == plot::Color(plot::NamedColor::blue));
}

TEST_CASE("reader: the world record gives back the frame as plotted") {
  const plot::Frame f = cgm_test::every_primitive_frame(3);
  cgm::CgmRenderer r;
  const Bytes pic = draw_picture(r, f, [](cgm::CgmRenderer&) {});
  const Bytes file = cgm_test::assemble_metafile(r, {pic});
  const auto doc = cgm::read_cgm_bytes(file.data(), file.size(), "mem.cgm");
  REQUIRE(doc.pages.size() == 1);
  CHECK(doc.pages[0].from_world_record);
  CHECK(cgm::encode_world_record(doc.pages[0].frame) == cgm::encode_world_record(f));
}

TEST_CASE("reader: every truncation is an error at an offset; earlier pages load") {
  cgm::CgmRenderer r;
  std::vector<Bytes> pictures;
  std::vector<std::size_t> ends;  // end offset of each picture in the file
  std::size_t at = r.metafile_header("pargist test").size();
  for (int k = 0; k < 3; ++k) {
    plot::Frame f = cgm_test::every_primitive_frame(k + 1);
    const double x[] = {0.1, 0.5}, y[] = {0.1, 0.5 + 0.1 * k};
    pictures.push_back(draw_picture(r, f, [&](cgm::CgmRenderer& rr) {
      rr.polyline(x, y, 2, plot::LineStyle{}, false);
    }));
    at += pictures.back().size();
    ends.push_back(at);
  }
  const Bytes file = cgm_test::assemble_metafile(r, pictures);
  for (std::size_t cut = 0; cut < file.size(); cut += (cut < 2000 ? 1 : 7)) {
    const auto doc = cgm::read_cgm_bytes(file.data(), cut, "cut.cgm");
    std::size_t complete = 0;
    while (complete < ends.size() && ends[complete] <= cut) ++complete;
    INFO("cut at " << cut);
    REQUIRE(doc.error);
    CHECK_THAT(*doc.error, Catch::Contains("cut.cgm: byte offset"));
    CHECK(doc.pages.size() == complete);
  }
  const auto whole = cgm::read_cgm_bytes(file.data(), file.size(), "whole.cgm");
  CHECK_FALSE(whole.error);
  CHECK(whole.pages.size() == 3);
}

TEST_CASE("reader: random corruption never crashes and never hangs") {
  cgm::CgmRenderer r;
  const Bytes pic = draw_picture(r, cgm_test::every_primitive_frame(), [](cgm::CgmRenderer& rr) {
    const double x[] = {0.1, 0.5, 0.3}, y[] = {0.1, 0.5, 0.2};
    rr.polyline(x, y, 3, plot::LineStyle{}, true);
    const std::uint8_t cells[] = {1, 2, 3, 4};
    rr.cell_array({0.1, 0.2, 0.1, 0.2}, 2, 2, cells, 1);
  });
  const Bytes good = cgm_test::assemble_metafile(r, {pic, pic});
  std::mt19937 rng(777);
  std::size_t pages = 0;
  for (int trial = 0; trial < 1500; ++trial) {
    Bytes bad = good;
    for (int k = 0; k < 1 + int(rng() % 6); ++k) bad[rng() % bad.size()] = std::uint8_t(rng());
    const auto doc = cgm::read_cgm_bytes(bad.data(), bad.size(), "bad.cgm");
    pages += doc.pages.size();
    if (doc.error) CHECK_THAT(*doc.error, Catch::Contains("byte offset"));
  }
  CHECK(pages > 0);
}

TEST_CASE("family names count up as Gist's do") {
  CHECK(cgm::next_family_name("run00.cgm") == "run01.cgm");
  CHECK(cgm::next_family_name("run09.cgm") == "run10.cgm");
  CHECK(cgm::next_family_name("dir.x/run19.cgm") == "dir.x/run20.cgm");
  CHECK(cgm::next_family_name("a99.cgm") == "b00.cgm");
}

TEST_CASE("renderer: a landscape frame is a landscape page on Gist's scale") {
  plot::Frame f;
  f.landscape = true;
  cgm::CgmOptions options;
  options.world_record = false;
  cgm::CgmRenderer r(options);
  const double x[] = {0.05, 1.0}, y[] = {0.05, 0.75};  // x past a portrait page's width
  const Bytes pic = draw_picture(r, f, [&](cgm::CgmRenderer& rr) {
    rr.polyline(x, y, 2, plot::LineStyle{}, false);
  });
  const Bytes file = cgm_test::assemble_metafile(r, {pic});
  const auto doc = cgm::read_cgm_bytes(file.data(), file.size(), "land.cgm");
  REQUIRE(doc.pages.size() == 1);
  CHECK(doc.pages[0].landscape);
  CHECK(doc.pages[0].frame.landscape);
  const auto& l = std::get<plot::Lines>(doc.pages[0].frame.systems.at(1).elements.at(0));
  CHECK(l.x[1] == Approx(1.0).margin(kVdc));
  CHECK(l.y[1] == Approx(0.75).margin(kVdc));
}
