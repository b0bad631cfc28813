// Marker stamps (libplot/src/marker_stamp.hpp) composited in one pass over
// many points give the picture of the same points composited one at a time,
// in order: where dots overlap, cut by the clip or not, and for points not
// drawn. And floor_pixels is floor_int, with kNoPixel for points not drawn.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "marker_stamp.hpp"

using namespace pargist::plot;
using namespace pargist::plot::detail;

namespace {

constexpr int kWidth = 64, kHeight = 48;

// Opaque pixels of varied colours, so that every mix shows.
std::vector<std::uint32_t> background() {
  std::vector<std::uint32_t> px(kWidth * kHeight);
  std::uint32_t s = 12345;
  for (auto& p : px) {
    s = s * 1664525u + 1013904223u;
    p = 0xff000000u | (s >> 8);
  }
  return px;
}

// Points spread past the clip and the image on every side, crowded so that
// dots overlap, with points that are not drawn among them.
void crowd(std::vector<double>& x, std::vector<double>& y) {
  std::uint32_t s = 777;
  auto next = [&] {
    s = s * 1664525u + 1013904223u;
    return double(s >> 8) / double(1u << 24);
  };
  for (int i = 0; i < 3000; ++i) {
    x.push_back(-4 + 72 * next());
    y.push_back(-4 + 56 * next());
  }
  const double inf = std::numeric_limits<double>::infinity();
  for (double bad : {std::nan(""), inf, -inf, 2e9, -2e9}) {
    x.insert(x.begin() + 1000, bad), y.insert(y.begin() + 1000, 20.0);
    x.insert(x.begin() + 2000, 30.0), y.insert(y.begin() + 2000, bad);
  }
}

// The stamp composited at points [first, first + n) of (x, y).
void draw(const MarkerStamp& stamp, std::vector<std::uint32_t>& px, const std::vector<double>& x,
          const std::vector<double>& y, std::size_t first, std::size_t n, const PixelClip& clip) {
  const StampTarget dst{reinterpret_cast<unsigned char*>(px.data()), kWidth, kHeight, kWidth * 4};
  stamp.draw(dst, n, [&](std::size_t b, std::size_t count, int* ox, int* oy) {
    floor_pixels(x.data() + first + b, y.data() + first + b, count, ox, oy);
  }, Rgb{200, 40, 90}, clip);
}

void check_one_pass_is_point_by_point(const MarkerStamp& stamp) {
  std::vector<double> x, y;
  crowd(x, y);
  for (const PixelClip clip : {PixelClip{0, 0, kWidth, kHeight}, PixelClip{5, 4, 59, 44}}) {
    std::vector<std::uint32_t> at_once = background(), one_by_one = background();
    draw(stamp, at_once, x, y, 0, x.size(), clip);
    for (std::size_t i = 0; i < x.size(); ++i) draw(stamp, one_by_one, x, y, i, 1, clip);
    CHECK(at_once == one_by_one);
    CHECK(at_once != background());
  }
}

}  // namespace

TEST_CASE("marker stamps: one pass over many points is the picture of one point at a time", "[markers][stamp]") {
  for (int marker = 1; marker <= 5; ++marker) {
    for (double size : {8.0, 14.0, 30.0}) {
      INFO("marker " << marker << " size " << size);
      check_one_pass_is_point_by_point(MarkerStamp(marker, size));
    }
  }
  SECTION("a glyph's coverage, mixed as pixman mixes it") {
    std::vector<unsigned char> a8(7 * 9);
    for (std::size_t i = 0; i < a8.size(); ++i) a8[i] = static_cast<unsigned char>((i * 37) % 256);
    check_one_pass_is_point_by_point(MarkerStamp(a8.data(), 7, 9, 7, 2, 6));
  }
}

TEST_CASE("floor_pixels: floor of every point, kNoPixel beyond 1e9 or not finite", "[markers][stamp]") {
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> v = {0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.999, -2.001, 599.5, -1e9 + 0.5,
                                 1e9 - 0.5, 1e9, -1e9, std::nan(""), inf, -inf, 123456.75};
  const std::vector<double> zero(v.size(), 0.0);
  for (std::size_t n : {v.size(), v.size() - 1}) {  // an odd and an even count: the tail too
    std::vector<int> px(n), py(n), qx(n), qy(n);
    floor_pixels(v.data(), zero.data(), n, px.data(), py.data());
    floor_pixels(zero.data(), v.data(), n, qx.data(), qy.data());
    for (std::size_t i = 0; i < n; ++i) {
      INFO("v = " << v[i]);
      const bool drawn = v[i] > -1e9 && v[i] < 1e9;
      CHECK(px[i] == (drawn ? int(std::floor(v[i])) : kNoPixel));
      CHECK(py[i] == (drawn ? 0 : kNoPixel));
      CHECK(qx[i] == py[i]);
      CHECK(qy[i] == px[i]);
    }
  }
}

TEST_CASE("marker stamps: the AVX2 blends give the SSE2 blends' pixels", "[markers][stamp]") {
  if (!use_avx2()) return;  // a CPU without AVX2: one path only
  std::vector<double> x, y;
  crowd(x, y);
  auto both = [&](const MarkerStamp& stamp) {
    for (const PixelClip clip : {PixelClip{0, 0, kWidth, kHeight}, PixelClip{5, 4, 59, 44}}) {
      std::vector<std::uint32_t> avx2 = background(), sse2 = background();
      draw(stamp, avx2, x, y, 0, x.size(), clip);
      set_use_avx2(false);
      draw(stamp, sse2, x, y, 0, x.size(), clip);
      set_use_avx2(true);
      CHECK(avx2 == sse2);
    }
  };
  for (int marker = 1; marker <= 5; ++marker)
    for (double size : {8.0, 14.0, 30.0, 60.0}) {  // 60: more quads than kept in registers
      INFO("marker " << marker << " size " << size);
      both(MarkerStamp(marker, size));
    }
  std::vector<unsigned char> a8(7 * 9);
  for (std::size_t i = 0; i < a8.size(); ++i) a8[i] = static_cast<unsigned char>((i * 37) % 256);
  both(MarkerStamp(a8.data(), 7, 9, 7, 2, 6));
}

TEST_CASE("floor_pixels_mapped: floor_pixels of the mapped points, with and without AVX2", "[markers][stamp]") {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> wx = {0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.999, -2.001, 599.5, -1e9 + 0.5, 1e9 - 0.5,
                            1e9, -1e9, std::nan(""), inf, -inf, 123456.75, 3e9, -3e9};
  std::uint32_t s = 4242;
  for (int i = 0; i < 200; ++i) {
    s = s * 1664525u + 1013904223u;
    wx.push_back(-3.0 + 6.0 * double(s >> 8) / double(1u << 24));
  }
  std::vector<double> wy(wx.rbegin(), wx.rend());
  // Factors whose products round: the map's multiply and add must not fuse.
  const DeviceAffine map{436.0 / 7.3, 0.1 + 300.0 / 3.0, -436.0 / 5.9, 299.7};
  for (bool avx2 : {true, false}) {
    set_use_avx2(avx2);
    for (std::size_t n : {wx.size(), wx.size() - 1, wx.size() - 2, wx.size() - 3, std::size_t(3)}) {  // every tail
      std::vector<double> dx(n), dy(n);
      for (std::size_t i = 0; i < n; ++i) dx[i] = wx[i] * map.kx + map.cx, dy[i] = wy[i] * map.ky + map.cy;
      std::vector<int> px(n), py(n), qx(n), qy(n);
      floor_pixels(dx.data(), dy.data(), n, px.data(), py.data());
      floor_pixels_mapped(wx.data(), wy.data(), n, map, qx.data(), qy.data());
      CHECK(qx == px);
      CHECK(qy == py);
    }
  }
  set_use_avx2(true);
}
