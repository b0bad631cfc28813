// Gist's style sheets: the built-in sheets equal Yorick's own .gs files
// read by the parser; files are found by path, in the current folder and on
// $GISTPATH; Gist's defaults fill what a sheet omits; bad sheets name the
// file and the line.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "pargist/libplot/gist.hpp"
#include "pargist/libplot/style.hpp"
#include "plot_support.hpp"

using namespace pargist::plot;

namespace {

const char* const kYorickStyles = "/usr/share/yorick/g";

void check_same_line(const LineStyle& a, const LineStyle& b) {
  CHECK(a.color == b.color);
  CHECK(a.type == b.type);
  CHECK(a.width == Approx(b.width));
}

void check_same_text(const TextStyle& a, const TextStyle& b) {
  CHECK(a.color == b.color);
  CHECK(a.font == b.font);
  CHECK(a.height == Approx(b.height));
  CHECK(a.angle == b.angle);
  CHECK(a.halign == b.halign);
  CHECK(a.valign == b.valign);
  CHECK(a.opaque == b.opaque);
}

void check_same_axis(const AxisStyle& a, const AxisStyle& b) {
  CHECK(a.n_major == b.n_major);
  CHECK(a.n_minor == b.n_minor);
  CHECK(a.log_adj_major == b.log_adj_major);
  CHECK(a.log_adj_minor == b.log_adj_minor);
  CHECK(a.n_digits == b.n_digits);
  CHECK(a.grid_level == b.grid_level);
  CHECK(a.flags == b.flags);
  CHECK(a.tick_off == Approx(b.tick_off));
  CHECK(a.label_off == Approx(b.label_off));
  for (int k = 0; k < 5; ++k) CHECK(a.tick_len[k] == Approx(b.tick_len[k]));
  check_same_line(a.tick_style, b.tick_style);
  check_same_line(a.grid_style, b.grid_style);
  check_same_text(a.text_style, b.text_style);
  CHECK(a.x_over == Approx(b.x_over));
  CHECK(a.y_over == Approx(b.y_over));
}

void check_same_legends(const LegendBox& a, const LegendBox& b) {
  CHECK(a.nlines == b.nlines);
  if (a.nlines == 0) return;
  CHECK(a.x == Approx(b.x));
  CHECK(a.y == Approx(b.y));
  CHECK(a.dx == Approx(b.dx));
  CHECK(a.dy == Approx(b.dy));
  check_same_text(a.text_style, b.text_style);
  CHECK(a.nchars == b.nchars);
  CHECK(a.nwrap == b.nwrap);
}

void check_same_sheet(const StyleSheet& a, const StyleSheet& b) {
  CHECK(a.landscape == b.landscape);
  REQUIRE(a.systems.size() == b.systems.size());
  for (std::size_t k = 0; k < a.systems.size(); ++k) {
    INFO("system " << k + 1);
    const auto& s = a.systems[k];
    const auto& t = b.systems[k];
    CHECK(s.legend == t.legend);
    CHECK(s.viewport.xmin == Approx(t.viewport.xmin));
    CHECK(s.viewport.xmax == Approx(t.viewport.xmax));
    CHECK(s.viewport.ymin == Approx(t.viewport.ymin));
    CHECK(s.viewport.ymax == Approx(t.viewport.ymax));
    check_same_axis(s.ticks.horiz, t.ticks.horiz);
    check_same_axis(s.ticks.vert, t.ticks.vert);
    CHECK(s.ticks.frame == t.ticks.frame);
    check_same_line(s.ticks.frame_style, t.ticks.frame_style);
  }
  check_same_legends(a.legends, b.legends);
  check_same_legends(a.contour_legends, b.contour_legends);
}

std::string write_file(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("style: every built-in sheet equals Yorick's .gs file", "[style]") {
  for (const char* name : {"work", "boxed", "vg", "vgbox", "nobox", "axes", "l_nobox", "work2", "boxed2"}) {
    INFO(name);
    const StyleSheet yorick = load_style(std::string(kYorickStyles) + "/" + name + ".gs");
    check_same_sheet(load_style(name), yorick);
    check_same_sheet(load_style(std::string(name) + ".gs"), yorick);
  }
  CHECK(load_style("l_nobox").landscape);
  CHECK(make_frame("l_nobox").landscape);
  CHECK(load_style("work2").systems.size() == 2);
  CHECK(load_style("2x2").systems.size() == 4);
}

TEST_CASE("style: Gist's defaults fill what a sheet omits", "[style]") {
  const StyleSheet s = parse_style("system= { legend= \"only\" }\n", "mini.gs");
  REQUIRE(s.systems.size() == 1);
  const CoordSystem& sys = s.systems[0];
  CHECK(sys.legend == "only");
  CHECK(sys.viewport.xmin == Approx(0.25));
  CHECK(sys.viewport.ymin == Approx(0.50));
  CHECK(sys.ticks.horiz.tick_off == 0.0);
  CHECK(sys.ticks.horiz.label_off == Approx(14 * 0.0013));
  CHECK(sys.ticks.horiz.tick_len[0] == Approx(12 * 0.0013));
  CHECK(sys.ticks.vert.n_digits == 4);
  CHECK(sys.ticks.horiz.text_style.opaque);
  CHECK(s.legends.nlines == 0);  // no legends= entry: no legend box

  // default= changes the model of the systems after it; each system= starts from it.
  const StyleSheet t = parse_style(
      "default= { viewport= { 0.1, 0.5, 0.2, 0.6 }, ticks= { horiz= { nMajor= 3 } } }\n"
      "system= { ticks= { vert= { flags= 0x21 } } }, system= { legend= 0 }\n"
      "legends= { nlines= 5 }\n",
      "two.gs");
  REQUIRE(t.systems.size() == 2);
  CHECK(t.systems[0].viewport.xmax == Approx(0.5));
  CHECK(t.systems[0].ticks.horiz.n_major == 3);
  CHECK(t.systems[0].ticks.vert.flags == 0x21);
  CHECK(t.systems[1].ticks.vert.flags == 0x033);  // not carried from the first system
  CHECK(t.legends.nlines == 5);
  CHECK(t.legends.nchars == 36);  // Gist's legend box defaults for the rest
  CHECK(t.legends.x == Approx(0.5 * 72.27 * 0.0013));
}

TEST_CASE("style: bad sheets name the file and the line", "[style]") {
  auto message = [](const std::string& text) {
    try {
      parse_style(text, "bad.gs");
    } catch (const StyleError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message("landscape= 0\nsystem= { viewport= { 0.1, 0.2, 0.3 } }\n"),
             Catch::Contains("bad.gs, line 2") && Catch::Contains("4 numbers"));
  CHECK_THAT(message("# comment\n\ndefault= {\n  ticks= { horiz= { nMajr= 3 } } }\n"),
             Catch::Contains("bad.gs, line 4") && Catch::Contains("nMajr"));
  CHECK_THAT(message("colour= 3\n"), Catch::Contains("line 1") && Catch::Contains("colour"));
  CHECK_THAT(message("system= { legend= \"x\" } }\n"), Catch::Contains("'}'"));
  CHECK_THAT(message("system= { legend= \"x\" viewport= { 0, 1, 0, 1 } }\n"), Catch::Contains("expected ','"));
  CHECK_THAT(message("system= { ticks= { horiz= { flags= x } } }\n"), Catch::Contains("integer"));
  CHECK_THAT(message("system= {\n legend= \"x\"\n"), Catch::Contains("end of file"));
  CHECK_THROWS_WITH(load_style("/nonexistent/dir/s.gs"), Catch::Contains("/nonexistent/dir/s.gs"));
  CHECK_THROWS_WITH(load_style("fancy"), Catch::Contains("unknown style \"fancy\""));
}

TEST_CASE("style: files by path, in the current folder and on GISTPATH", "[style]") {
  const std::string dir = plot_test::fresh_dir("styles");
  const std::string sheet = "system= { viewport= { 0.3, 0.4, 0.5, 0.6 } }\n";
  write_file(dir + "/mine.gs", sheet);
  CHECK(load_style(dir + "/mine.gs").systems.at(0).viewport.xmin == Approx(0.3));
  CHECK_THROWS_AS(load_style("mine.gs"), StyleError);

  const char* old = std::getenv("GISTPATH");
  const std::string saved = old ? old : "";
  setenv("GISTPATH", ("/nonexistent:" + dir).c_str(), 1);
  CHECK(load_style("mine.gs").systems.at(0).viewport.xmin == Approx(0.3));
  CHECK(load_style("mine").systems.at(0).viewport.xmin == Approx(0.3));
  // A file on the path takes the place of a built-in of the same name, as in Gist.
  write_file(dir + "/boxed.gs", sheet);
  CHECK(load_style("boxed.gs").systems.at(0).viewport.xmin == Approx(0.3));
  // A bad file on the path is an error naming it, not a silent fallback.
  write_file(dir + "/broken.gs", "system= { viewport= 3 }\n");
  CHECK_THROWS_WITH(load_style("broken.gs"), Catch::Contains(dir + "/broken.gs, line 1"));
  if (old) setenv("GISTPATH", saved.c_str(), 1);
  else unsetenv("GISTPATH");
  CHECK(load_style("boxed.gs").systems.at(0).ticks.frame);

  char cwd[4096];
  REQUIRE(getcwd(cwd, sizeof cwd));
  REQUIRE(chdir(dir.c_str()) == 0);
  CHECK(load_style("mine.gs").systems.at(0).viewport.xmin == Approx(0.3));
  REQUIRE(chdir(cwd) == 0);
}

TEST_CASE("style: window(style=) and a style without systems", "[style][gist]") {
  reset_all();
  const std::string dir = plot_test::fresh_dir("styles_window");
  WindowOptions o;
  o.display = "";
  o.style = write_file(dir + "/empty.gs", "landscape= 1\n");
  window(0, o);
  CHECK(current_frame().landscape);
  CHECK(current_frame().systems.size() == 1);
  CHECK(plsys() == 0);
  plt("in NDC", 0.5, 0.5);
  CHECK(current_frame().systems[0].elements.size() == 1);
  o.style = "vg.gs";
  window(0, o);
  CHECK(current_frame().systems.size() == 2);
  CHECK(plsys() == 1);
  CHECK_FALSE(current_frame().landscape);
  o.style = dir + "/missing.gs";
  CHECK_THROWS_AS(window(0, o), StyleError);
  CHECK(current_frame().style == "vg");  // unchanged by the failed call
  reset_all();
}
