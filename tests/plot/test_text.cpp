// Text: Gist's escapes, measured extents, justification and rotation.
#include <catch2/catch.hpp>

#include <cairo.h>

#include "gist_text.hpp"
#include "pargist/libplot/cairo_renderer.hpp"
#include "pargist/libplot/style.hpp"
#include "plot_support.hpp"

using namespace plot_test;
using pargist::plot::detail::parse_gist_text;
using pargist::plot::detail::Script;

TEST_CASE("text: Gist's escapes split into runs", "[text]") {
  auto runs = parse_gist_text("!pr^2");
  REQUIRE(runs.size() == 3);
  CHECK(runs[0].utf8 == "π");
  CHECK(runs[0].symbol);
  CHECK(runs[1].utf8 == "r");
  CHECK(runs[2].utf8 == "2");
  CHECK(runs[2].script == Script::super);
  // Einstein: "G_!s!n_=8!pT_!s!n" (subscript toggled off by the second _).
  runs = parse_gist_text("G_!s!n_=8!pT_!s!n");
  std::string plain;
  for (const auto& r : runs) plain += r.utf8;
  CHECK(plain == "Gσν=8πTσν");
  CHECK(runs.back().script == Script::sub);
  // ^ from subscript goes to superscript; literal escapes; a final '!'.
  runs = parse_gist_text("x_i^2");
  CHECK(runs.back().script == Script::super);
  runs = parse_gist_text("a!^b!_c!!d!");
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].utf8 == "a^b_c!d!");
}

TEST_CASE("text: the symbol font makes every letter Greek, as the ! escape", "[text][symbol]") {
  auto runs = parse_gist_text("abc !a 2", true);
  std::string plain;
  for (const auto& r : runs) plain += r.utf8;
  CHECK(plain == "αβχ α 2");
  CHECK(parse_gist_text("abc", false)[0].utf8 == "abc");
  // Drawn: font=symbol "abcpq" is the same picture as "!a!b!c!p!q" in Helvetica
  // (Yorick's Gist draws alpha beta chi pi theta for both).
  auto draw = [](const std::string& text, int font) {
    Frame f = frame_with_limits(0, 1, 0, 1);
    Text t;
    t.text = text;
    t.x = 0.3, t.y = 0.6;
    t.style.height = 30;
    t.style.font = font;
    f.systems[0].elements.push_back(t);
    return render(f);
  };
  const RasterImage sym = draw("abcpq", pargist::plot::font_symbol);
  const RasterImage escaped = draw("!a!b!c!p!q", pargist::plot::font_helvetica);
  const RasterImage latin = draw("abcpq", pargist::plot::font_helvetica);
  CHECK(sym.argb == escaped.argb);
  CHECK(sym.argb != latin.argb);
}

TEST_CASE("text: extents grow with the string and the height", "[text]") {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 100, 100);
  cairo_t* cr = cairo_create(s);
  {
    CairoRenderer r(cr, window_view(100));
    TextStyle st;
    st.height = 12;
    const TextExtent one = r.measure_text("MM", st);
    const TextExtent two = r.measure_text("MMMM", st);
    CHECK(two.width == Approx(2 * one.width).epsilon(0.02));
    st.height = 24;
    const TextExtent big = r.measure_text("MM", st);
    CHECK(big.width == Approx(2 * one.width).epsilon(0.05));
    CHECK(big.ascent == Approx(2 * one.ascent).epsilon(0.05));
    // 12 points of Helvetica: an M is about 10 points wide.
    CHECK(one.width * kPointsPerNdc / 2 == Approx(10).margin(1.5));
    // A superscript is smaller than the same character on the baseline.
    st.height = 12;
    CHECK(r.measure_text("x^2", st).width < r.measure_text("x2", st).width);
    // The escape itself takes no room.
    CHECK(r.measure_text("!p", st).width < r.measure_text("!!p", st).width);
  }
  cairo_destroy(cr);
  cairo_surface_destroy(s);
}

namespace {

// The bounding box of dark pixels.
void ink_box(const RasterImage& img, int& x0, int& y0, int& x1, int& y1) {
  x0 = img.width; y0 = img.height; x1 = -1; y1 = -1;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const Rgb c = img.rgb(x, y);
      if (c.r + c.g + c.b < 300) {
        x0 = std::min(x0, x); x1 = std::max(x1, x);
        y0 = std::min(y0, y); y1 = std::max(y1, y);
      }
    }
}

RasterImage text_image(const std::string& s, HAlign h, VAlign v, double angle = 0) {
  Frame f = make_frame("nobox");
  Text t;
  t.x = 0.4;
  t.y = 0.64;
  t.text = s;
  t.style.height = 20;
  t.style.halign = h;
  t.style.valign = v;
  t.style.angle = angle;
  f.systems[0].elements.push_back(t);
  return render(f);
}

}  // namespace

TEST_CASE("text: justification places the ink around the anchor", "[text][pixels]") {
  int ax, ay;
  ndc_to_pixel(0.4, 0.64, ax, ay);
  int x0, y0, x1, y1;
  ink_box(text_image("Gist", HAlign::left, VAlign::half), x0, y0, x1, y1);
  CHECK(std::abs(x0 - ax) <= 3);
  CHECK(x1 > ax + 30);
  CHECK(y0 < ay);
  CHECK(y1 > ay);
  ink_box(text_image("Gist", HAlign::right, VAlign::half), x0, y0, x1, y1);
  CHECK(std::abs(x1 - ax) <= 3);
  ink_box(text_image("Gist", HAlign::center, VAlign::top), x0, y0, x1, y1);
  CHECK(std::abs((x0 + x1) / 2 - ax) <= 3);
  CHECK(y0 >= ay);  // all ink below the anchor
  ink_box(text_image("Gist", HAlign::center, VAlign::bottom), x0, y0, x1, y1);
  CHECK(y1 <= ay);
  // Rotated by 90 degrees: taller than wide, reading upward from the anchor.
  ink_box(text_image("Gist text", HAlign::left, VAlign::half, 90), x0, y0, x1, y1);
  CHECK(y1 - y0 > 2 * (x1 - x0));
  CHECK(std::abs(y1 - ay) <= 3);
}
