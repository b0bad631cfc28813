// The Gist state API: windows, systems, frames, limits, palettes, hardcopy,
// display sinks, and bad input rejected before anything changes.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <fstream>

#include "pargist/libplot/gist.hpp"
#include "pargist/libplot/hardcopy.hpp"
#include "plot_support.hpp"

using namespace plot_test;

namespace {

std::size_t element_count() {
  std::size_t n = 0;
  for (const auto& s : current_frame().systems) n += s.elements.size();
  return n;
}

struct Fresh {
  Fresh() {
    reset_all();
    WindowOptions o;
    o.display = "";
    window(0, o);
  }
  ~Fresh() { reset_all(); }
};

class RecordingSink : public DisplaySink {
 public:
  void present(const Frame& frame, bool finished) override {
    frames.push_back(frame);
    finished_flags.push_back(finished);
  }
  std::optional<Limits> zoomed_limits(int system) override {
    if (system != 1 || !zoom) return std::nullopt;
    auto z = zoom;
    zoom.reset();
    return z;
  }
  std::vector<Frame> frames;
  std::vector<bool> finished_flags;
  std::optional<Limits> zoom;
};

}  // namespace

TEST_CASE("gist: windows, systems, frames", "[gist]") {
  Fresh fresh;
  CHECK(current_window() == 0);
  plg({1, 2, 3}, {0, 1, 2});
  plg({3, 2, 1});  // x defaults to 1..n
  CHECK(current_frame().systems[1].elements.size() == 2);
  const auto q = plq();
  REQUIRE(q.size() == 2);
  CHECK(q[0].kind == "plg");
  CHECK(q[1].points == 3);
  CHECK(std::get<Lines>(current_frame().systems[1].elements[1]).x == std::vector<double>{1, 2, 3});
  CHECK(std::get<Lines>(current_frame().systems[1].elements[0]).marker.marker == 'A');
  CHECK(std::get<Lines>(current_frame().systems[1].elements[1]).marker.marker == 'B');
  plremove(1);
  CHECK(plq().size() == 1);
  fma();
  CHECK(current_frame().number == 1);
  CHECK(element_count() == 0);
  // A second window has its own frame.
  window(3, [] { WindowOptions o; o.display = ""; o.style = "2x2"; return o; }());
  CHECK(current_frame().systems.size() == 5);
  CHECK(plsys(4) == 1);
  plg({1, 2});
  CHECK(current_frame().systems[4].elements.size() == 1);
  window(0);
  CHECK(element_count() == 0);
  CHECK_THROWS_AS(plsys(2), std::invalid_argument);  // work has systems 0 and 1
  CHECK_THROWS_AS(window(8), std::invalid_argument);
}

TEST_CASE("gist: limits, range, logxy, gridxy", "[gist][limits]") {
  Fresh fresh;
  plg({0, 4}, {1, 3});
  Limits l = current_limits();
  CHECK(l.xmin == 1);
  CHECK(l.xmax == 3);
  Limits old = limits(0.0, 10.0);
  CHECK(old.xmin == 1);
  CHECK(current_limits().xmax == 10);
  CHECK(current_limits().ymax == 4);  // y untouched: still automatic
  range(-1.0, 5.0);
  l = current_limits();
  CHECK(l.ymin == -1);
  CHECK(l.ymax == 5);
  limits(Bound::automatic());
  CHECK(current_limits().xmin == 1);
  const Limits saved = limits();  // reset: everything automatic again
  CHECK(saved.ymin == -1);
  CHECK(current_limits().ymin == 0);
  limits(saved);
  CHECK(current_limits().ymin == -1);
  logxy(true, false);
  CHECK(current_frame().systems[1].limits.log_x);
  gridxy(1, 2, {});
  CHECK(current_frame().systems[1].ticks.horiz.flags & grid_full);
  CHECK(current_frame().systems[1].ticks.vert.flags & grid_origin);
  // Bad limits change nothing.
  CHECK_THROWS_WITH(limits(2.0, 2.0), Catch::Contains("zero-size"));
  CHECK_THROWS_AS(limits(NAN), std::invalid_argument);
  CHECK_THROWS_AS(limits(-1.0), std::invalid_argument);  // log x axis
  CHECK(current_limits().xmin == 1);
  plsys(0);
  CHECK_THROWS_WITH(limits(), Catch::Contains("system 0"));
}

TEST_CASE("gist: bad input throws a clear error and leaves the frame as it was", "[gist][errors]") {
  Fresh fresh;
  plg({1, 2});
  const std::size_t before = element_count();
  CHECK_THROWS_WITH(plg({}), Catch::Contains("empty"));
  CHECK_THROWS_WITH(plg({1, 2, 3}, {1, 2}), Catch::Contains("different lengths"));
  CHECK_THROWS_WITH(pldj({0}, {0}, {1, 2}, {1}), Catch::Contains("different lengths"));
  CHECK_THROWS_AS(plm(Grid{{0, 1, 0, 1}, 2, 2}, Grid{{0, 1, 0}, 3, 1}), std::invalid_argument);
  CHECK_THROWS_WITH(plc(Grid{{1, 2, 3}, 3, 1}, Grid{{0, 1, 0, 1}, 2, 2}, Grid{{0, 1, 0, 1}, 2, 2}),
                    Catch::Contains("plc"));
  CHECK_THROWS_WITH(pli(Grid{{}, 0, 0}), Catch::Contains("empty"));
  CHECK_THROWS_WITH(pli(Grid{{1, 2}, 2, 1}, 0.0, 0.0, 0.0, 1.0), Catch::Contains("zero width"));
  CHECK_THROWS_WITH(pli(Grid{{1, 2}, 2, 1}, NAN, 0.0, 1.0, 1.0), Catch::Contains("finite"));
  CHECK_THROWS_WITH(plfp({1, 2}, {0, 1, 0}, {0, 0, 1}, {3, 3}), Catch::Contains("sum(n)"));
  CHECK_THROWS_WITH(plv({1}, {1, 2}, {0}, {0}), Catch::Contains("different lengths"));
  CHECK_THROWS_WITH(plt("x", NAN, 0.5), Catch::Contains("not finite"));
  CHECK_THROWS_WITH(plf(Grid{{1, 2, 3, 4, 5}, 5, 1}, Grid{{0, 1, 0, 1}, 2, 2}, Grid{{0, 1, 0, 1}, 2, 2}),
                    Catch::Contains("plf"));
  CHECK_THROWS_WITH(plg({NAN, INFINITY}, {0, 1}), Catch::Contains("no point has finite"));
  CHECK_THROWS_WITH(pli(Grid{{NAN, NAN}, 2, 1}), Catch::Contains("no finite value"));
  CHECK_THROWS_WITH(plc(Grid{{NAN, NAN, NAN, NAN}, 2, 2}, Grid{{0, 1, 0, 1}, 2, 2}, Grid{{0, 0, 1, 1}, 2, 2}),
                    Catch::Contains("no finite"));
  CHECK_THROWS_WITH(Color::from_name("purple"), Catch::Contains("purple"));
  CHECK_THROWS_AS(Color::from_code(300), std::invalid_argument);
  CHECK_THROWS_AS(line_type_from_name("wavy"), std::invalid_argument);
  CHECK_THROWS_AS(font_from_name("comic"), std::invalid_argument);
  // Gist's vocabulary, the one the Python module uses too: both bold-italic
  // spellings (as Yorick's gist), names in any case, colours as #rrggbb.
  CHECK(font_from_name("helveticaIB") == (font_helvetica | font_bold | font_italic));
  CHECK(font_from_name("helveticaIB") == font_from_name("helveticaBI"));
  CHECK(Color::from_name(" Red") == Color(NamedColor::red));
  CHECK(Color::from_name("#ff8000") == Color::from_rgb(255, 128, 0));
  CHECK(line_type_from_name("Dash") == LineType::dash);
  CHECK(marker_from_name("circle") == marker_circle);
  CHECK(marker_from_name("A") == 'A');
  CHECK(justify_name("ct") == "CT");
  HAlign h;
  VAlign v;
  CHECK_THROWS_AS(justify_from_name("XX", h, v), std::invalid_argument);
  CHECK_THROWS_WITH(palette("no-such-palette"), Catch::Contains("unknown palette"));
  CHECK_THROWS_AS(window(0, [] { WindowOptions o; o.style = "fancy"; return o; }()), std::invalid_argument);
  CHECK_THROWS_AS(png("/nonexistent-dir/a.png"), std::runtime_error);
  CHECK(element_count() == before);
  // NaN in data is allowed (skipped when drawn), and the frame still renders.
  plg({1, NAN, 3}, {0, 1, INFINITY});
  CHECK_NOTHROW(render_image(current_frame()));
}

TEST_CASE("gist: hcp_file, hcpon, hcp_finish", "[gist][hcp]") {
  Fresh fresh;
  const std::string dir = output_dir() + "/gist-hcp";
  std::system(("rm -rf '" + dir + "' && mkdir -p '" + dir + "'").c_str());
  hcp_file(dir + "/f.png");
  hcpon();
  plg({1, 2, 3});
  fma();
  fma();  // an empty frame sends nothing
  plg({3, 2, 1});
  fma();
  CHECK(hcp_finish() == dir + "/f0001.png");
  CHECK(::access((dir + "/f0000.png").c_str(), F_OK) == 0);
  CHECK(::access((dir + "/f0002.png").c_str(), F_OK) != 0);
  hcpoff();
  hcp_file(dir + "/all.pdf");
  plg({1, 2});
  hcp();
  fma();  // hcpoff: not sent
  plg({2, 1});
  hcp();
  CHECK(hcp_finish() == dir + "/all.pdf");
  png(dir + "/now.png", 50.0);
  CHECK(read_png_image(dir + "/now.png").width == 300);
  pdf(dir + "/now.pdf");
  eps(dir + "/now.eps");
  svg(dir + "/now.svg");
  for (const char* f : {"/now.pdf", "/now.eps", "/now.svg"}) CHECK(::access((dir + f).c_str(), F_OK) == 0);
}

TEST_CASE("gist: palettes built in and read from .gp files", "[gist][palette]") {
  Fresh fresh;
  CHECK(current_palette().name == "earth");
  // Gist fits the palettes it reads to pldefault's maxcolors, 200: the
  // values are Yorick's (palette, query=1 after palette, "earth.gp").
  CHECK(current_palette().colors.size() == 200);
  CHECK(current_palette().colors[99].g == 160);
  CHECK(current_palette().colors[189].b == 213);
  CHECK(current_palette().colors[199].b == 254);
  for (const char* name : {"gray", "yarg", "heat", "stern", "rainbow", "ncar"}) {
    palette(name);
    CHECK(current_palette().colors.size() == 200);
  }
  palette("gray");
  CHECK(current_palette().colors.front() == Rgb{0, 0, 0});
  CHECK(current_palette().colors[1] == Rgb{1, 1, 1});
  CHECK(current_palette().colors.back() == Rgb{254, 254, 254});
  DefaultsUpdate u;
  u.max_colors = 100;
  pldefault(u);
  palette("heat");
  CHECK(current_palette().colors.size() == 100);
  u.max_colors = 240;
  pldefault(u);
  palette("gray");
  CHECK(current_palette().colors.back() == Rgb{255, 255, 255});
  const std::string gp = output_dir() + "/three.gp";
  std::ofstream(gp) << "# three colours\nncolors= 3\nntsc= 0\n255 0 0\n0 255 0\n 0 0 255\n";
  palette(gp);
  REQUIRE(current_palette().colors.size() == 3);
  CHECK(current_palette().colors[2] == Rgb{0, 0, 255});
  std::ofstream(gp) << "255 0\n";
  CHECK_THROWS_AS(palette(gp), std::invalid_argument);
  palette({0, 255}, {0, 0}, {0, 0});
  CHECK(current_palette().colors[1] == Rgb{255, 0, 0});
  CHECK_THROWS_AS(palette({0, 1}, {0}, {0}), std::invalid_argument);
}

TEST_CASE("gist: a display sink gets frames and gives back zoomed limits", "[gist][display]") {
  Fresh fresh;
  auto sink = std::make_shared<RecordingSink>();
  set_display_sink(0, sink);
  plg({1, 2, 3});
  redraw();
  fma();
  REQUIRE(sink->frames.size() == 2);
  CHECK_FALSE(sink->finished_flags[0]);
  CHECK(sink->finished_flags[1]);
  CHECK(sink->frames[1].systems[1].elements.size() == 1);
  CHECK(animate(true) == false);
  redraw();  // animation: only finished frames are shown
  CHECK(sink->frames.size() == 2);
  animate(false);
  Limits zoom;
  zoom.xmin = 10;
  zoom.xmax = 20;
  zoom.ymin = -1;
  zoom.ymax = 1;
  zoom.auto_xmin = zoom.auto_xmax = zoom.auto_ymin = zoom.auto_ymax = false;
  sink->zoom = zoom;
  plg({5, 6});
  const Limits l = current_limits();
  CHECK(l.xmin == 10);
  CHECK(l.ymax == 1);
  set_display_sink(0, nullptr);
}

TEST_CASE("gist: titles, colorbar and text escapes end up on the page", "[gist][pixels]") {
  Fresh fresh;
  window(0, [] { WindowOptions o; o.dpi = 100; return o; }());
  pli(Grid{{0, 1, 2, 3}, 2, 2}, 0.0, 0.0, 1.0, 1.0);
  pltitle("Title");
  xytitles("x axis", "y axis");
  colorbar(0, 3);
  CHECK(current_frame().title == "Title");
  CHECK(current_frame().systems[0].elements.size() >= 5);
  const RasterImage img = render_image(current_frame(), ImageOptions{});
  // The colorbar: palette's first colour at its bottom, last at its top.
  const Box vp = current_frame().systems[1].viewport;
  int px, py;
  // (240 cells over 438 pixels: the pixel 3 rows in is cell 1 or 2.)
  const auto& colors = current_palette().colors;
  auto among = [&](Rgb c, std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k)
      if (c == colors[k]) return true;
    return false;
  };
  ndc_to_pixel(vp.xmax + 0.03, vp.ymin + 0.003, px, py);
  CHECK(among(img.rgb(px, py), 0, 3));
  ndc_to_pixel(vp.xmax + 0.03, vp.ymax - 0.003, px, py);
  CHECK(among(img.rgb(px, py), colors.size() - 3, colors.size()));
  // Title ink above the viewport.
  int tx, ty;
  ndc_to_pixel(0.5 * (vp.xmin + vp.xmax), vp.ymax + 0.03, tx, ty);
  CHECK(count_color(img, Rgb{0, 0, 0}, tx - 40, ty - 15, tx + 40, ty + 15, 100) > 20);
}

TEST_CASE("gist: the 2x2 style keeps every panel's titles inside the window's view", "[gist][style]") {
  using namespace pargist::plot;
  window(5, [] { WindowOptions o; o.display = ""; o.style = "2x2"; return o; }());
  for (int s = 1; s <= 4; ++s) {
    plsys(s);
    plg({-0.0125, 0.0125, 0.005}, {-2.5, 0, 2.5});
    pltitle("bunch at s = 6.00 m");
    xytitles("z (m)", "x' (rad)");
  }
  // Nothing drawn on the border rows and columns of the 600x600 window
  // image: a title there would be cut by the window's edge.
  const RasterImage image = render_image(current_frame(), ImageOptions{});
  const Rgb white{255, 255, 255};
  int touching = 0;
  for (int k = 0; k < image.width; ++k)
    for (int edge : {0, 1})
      touching += (image.rgb(k, edge) != white) + (image.rgb(k, image.height - 1 - edge) != white) +
                  (image.rgb(edge, k) != white) + (image.rgb(image.width - 1 - edge, k) != white);
  CHECK(touching == 0);
  winkill(5);
}
