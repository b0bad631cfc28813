// Files: PNG through libpng (read back, text chunks), multi-page PDF, SVG,
// EPS, the hardcopy sinks, and nothing half-written on errors.
#include <catch2/catch.hpp>

#include <dirent.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "pargist/libplot/style.hpp"
#include "plot_support.hpp"

using namespace plot_test;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int count_of(const std::string& hay, const std::string& needle) {
  int n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

bool exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

// A fresh folder for one test.
std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d))
      if (e->d_name[0] != '.') names.emplace_back(e->d_name);
    ::closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

Frame sample_frame(int number) {
  Frame f = make_frame("work");
  f.number = number;
  f.title = "sample";
  Lines l;
  l.x = {0, 1, 2, 3};
  l.y = {0, 1, 0, 1};
  l.line.color = Color(NamedColor::red);
  f.systems[1].elements.push_back(l);
  return f;
}

}  // namespace

TEST_CASE("png: written by libpng, read back pixel for pixel, with text chunks", "[output][png]") {
  const std::string dir = fresh_dir("png");
  const Frame f = sample_frame(7);
  ImageOptions o;
  o.dpi = 75;
  write_png(f, dir + "/a.png", o);
  const RasterImage back = read_png_image(dir + "/a.png");
  const RasterImage direct = render_image(f, o);
  REQUIRE(back.width == 450);
  REQUIRE(back.height == 450);
  CHECK(back.argb == direct.argb);
  const std::string bytes = slurp(dir + "/a.png");
  CHECK(bytes.find("tEXtFrame") != std::string::npos);
  CHECK(bytes.find(std::string("Frame\0" "7", 7)) != std::string::npos);
  CHECK(bytes.find("Limits") != std::string::npos);
  CHECK(bytes.find("system 1: 0 3 0 1") != std::string::npos);
  CHECK(bytes.find("Creation Time") != std::string::npos);
  CHECK(files_in(dir) == std::vector<std::string>{"a.png"});  // no temporary left
}

TEST_CASE("pdf: one page per frame; svg and eps single pages", "[output][pdf]") {
  const std::string dir = fresh_dir("vector");
  write_pdf({sample_frame(0), sample_frame(1), sample_frame(2)}, dir + "/three.pdf");
  const std::string pdf = slurp(dir + "/three.pdf");
  CHECK(pdf.rfind("%PDF-", 0) == 0);
  CHECK(count_of(pdf, "/Type /Page\n") + count_of(pdf, "/Type /Page ") + count_of(pdf, "/Type /Page>") == 3);
  write_svg(sample_frame(0), dir + "/one.svg");
  CHECK(slurp(dir + "/one.svg").find("<svg") != std::string::npos);
  write_eps(sample_frame(0), dir + "/one.eps");
  CHECK(slurp(dir + "/one.eps").rfind("%!PS-Adobe-3.0 EPSF-3.0", 0) == 0);
  CHECK(files_in(dir) == std::vector<std::string>{"one.eps", "one.svg", "three.pdf"});
}

TEST_CASE("hardcopy sinks: numbered PNGs, multi-page PDF, CGM, unknown kinds", "[output][hcp]") {
  const std::string dir = fresh_dir("sinks");
  {
    auto sink = open_hardcopy(dir + "/run.png");
    sink->write(sample_frame(0));
    sink->write(sample_frame(1));
    CHECK(sink->close() == dir + "/run0001.png");
  }
  CHECK(read_png_image(dir + "/run0000.png").width == 600);
  CHECK(exists(dir + "/run0001.png"));
  {
    auto sink = open_hardcopy(dir + "/movie.pdf");
    sink->write(sample_frame(0));
    sink->write(sample_frame(1));
    CHECK_FALSE(exists(dir + "/movie.pdf"));  // whole files only: renamed at close
    CHECK(sink->close() == dir + "/movie.pdf");
  }
  CHECK(count_of(slurp(dir + "/movie.pdf"), "/Type /Page\n") + count_of(slurp(dir + "/movie.pdf"), "/Type /Page ") == 2);
  {
    auto sink = open_hardcopy(dir + "/fam.cgm");
    sink->write(sample_frame(0));
    const std::string name = sink->close();
    CHECK(exists(name));
  }
  // Gist writes CGM for any name but .ps, under exactly that name.
  {
    auto sink = open_hardcopy(dir + "/x.doc");
    sink->write(sample_frame(0));
    CHECK(sink->close() == dir + "/x.doc");
  }
  const std::string doc = slurp(dir + "/x.doc");  // BEGIN METAFILE: class 0, element 1
  REQUIRE(doc.size() > 2);
  CHECK(doc[0] == 0);
  CHECK((static_cast<unsigned char>(doc[1]) & 0xe0) == 0x20);
  {
    auto sink = open_hardcopy(dir + "/pages.ps");
    sink->write(sample_frame(0));
    sink->write(sample_frame(1));
    CHECK(sink->close() == dir + "/pages.ps");
  }
  CHECK(slurp(dir + "/pages.ps").rfind("%!PS", 0) == 0);
  CHECK(count_of(slurp(dir + "/pages.ps"), "%%Page:") == 2);
}

TEST_CASE("outputs: unwritable paths and bad frames throw, leaving no file", "[output][errors]") {
  const std::string dir = fresh_dir("errors");
  const Frame good = sample_frame(0);
  CHECK_THROWS_WITH(write_png(good, "/nonexistent-dir/x.png"), Catch::Contains("cannot write"));
  CHECK_THROWS_WITH(write_pdf({good}, "/nonexistent-dir/x.pdf"), Catch::Contains("cannot write"));
  CHECK_THROWS_AS(write_svg(good, "/nonexistent-dir/x.svg"), std::runtime_error);
  CHECK_THROWS_AS(open_hardcopy("/nonexistent-dir/x.png"), std::runtime_error);
  // An inconsistent element (put in directly, bypassing the API) fails the
  // render before any byte reaches the file.
  Frame bad = sample_frame(1);
  std::get<Lines>(bad.systems[1].elements[0]).x.pop_back();
  CHECK_THROWS_WITH(write_png(bad, dir + "/bad.png"), Catch::Contains("different lengths"));
  CHECK_THROWS_AS(write_pdf({good, bad}, dir + "/bad.pdf"), std::invalid_argument);
  CHECK_THROWS_AS(write_eps(bad, dir + "/bad.eps"), std::invalid_argument);
  Frame zero = sample_frame(2);
  Limits& l = zero.systems[1].limits;
  l.auto_xmin = l.auto_xmax = false;
  l.xmin = l.xmax = 1;
  CHECK_THROWS_WITH(write_png(zero, dir + "/zero.png"), Catch::Contains("zero size"));
  CHECK(files_in(dir).empty());
}
