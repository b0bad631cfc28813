// Round trips through Yorick's own CGM browser, both ways:
//  1. pargist writes a CGM of every primitive -> `gist -b -ps` (no warning)
//     -> ghostscript -> matches pargist's own PNG of the same frame;
//  2. Yorick writes CGMs of the same kinds of plots -> pargist-view --png
//     -> matches ghostscript's rendering of `gist -b -ps` of the same file.
// Rasters are whole US-letter pages at 50 dpi, compared after a 5x5 box
// blur (fonts, hinting and anti-aliasing differ between Cairo and Ghostscript).
// Tolerance: mean absolute difference below 6 levels of 255 and under 1.5%
// of pixels off by more than 64. A wrong page (another page of the same
// file, or the right page shifted by a quarter inch) scores a mean of 12 or
// more and 6% or more: the tests check that too.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "cgm_test_util.hpp"
#include "pargist/libplot/hardcopy.hpp"

namespace plot = pargist::plot;
namespace cgm = pargist::cgm;

namespace {

constexpr int kDpi = 50;
constexpr double kMaxMean = 6.0;
constexpr double kMaxFraction = 0.015;

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool close_enough(const cgm_test::ImageDifference& d) { return d.mean < kMaxMean && d.fraction < kMaxFraction; }

// gist FILE -b -ps OUT, which must succeed and warn about nothing.
void gist_to_ps(const std::string& dir, const std::string& cgm_name, const std::string& ps_name) {
  const std::string log = dir + "/" + ps_name + ".log";
  REQUIRE(cgm_test::run("cd " + dir + " && gist " + cgm_name + " -b -ps " + ps_name, log) == 0);
  const std::string out = slurp(log);
  INFO("gist said: " << out);
  CHECK(out.find("WARNING") == std::string::npos);
  CHECK(out.find("Warning") == std::string::npos);
  CHECK(out.find("ERROR") == std::string::npos);
}

}  // namespace

TEST_CASE("pargist CGM -> gist -b -ps -> ghostscript matches pargist's own PNG") {
  REQUIRE(cgm_test::have_program("gist"));
  REQUIRE(cgm_test::have_program("gs"));
  const std::string dir = cgm_test::fresh_dir("to_gist");
  const plot::Frame frame = cgm_test::every_primitive_frame(1);
  {
    cgm::CgmFamilyWriter writer(dir + "/prims00.cgm");
    writer.write(frame);
  }
  gist_to_ps(dir, "prims00.cgm", "prims.ps");
  REQUIRE(cgm_test::ghostscript_png(dir + "/prims.ps", dir + "/gist-%d.png", kDpi) == 0);
  plot::ImageOptions options;
  options.dpi = kDpi;
  options.full_page = true;
  plot::write_png(frame, dir + "/own.png", options);
  const auto d = cgm_test::compare_images(dir + "/gist-1.png", dir + "/own.png");
  INFO("mean " << d.mean << ", fraction " << d.fraction);
  CHECK(close_enough(d));

  // The tolerance does tell a wrong page: the same frame a quarter inch off.
  plot::Frame shifted = frame;
  for (auto& s : shifted.systems) {
    s.viewport.xmin += 0.0235;
    s.viewport.xmax += 0.0235;
  }
  for (auto& e : shifted.systems[0].elements)
    std::visit([](auto& el) {
      using T = std::decay_t<decltype(el)>;
      if constexpr (std::is_same_v<T, plot::Text>) el.x += 0.0235;
      if constexpr (std::is_same_v<T, plot::Cells>) { el.x0 += 0.0235; el.x1 += 0.0235; }
      if constexpr (std::is_same_v<T, plot::Polys>) for (auto& x : el.x) x += 0.0235;
    }, e);
  plot::write_png(shifted, dir + "/shifted.png", options);
  const auto wrong = cgm_test::compare_images(dir + "/gist-1.png", dir + "/shifted.png");
  INFO("shifted: mean " << wrong.mean << ", fraction " << wrong.fraction);
  CHECK_FALSE(close_enough(wrong));
}

TEST_CASE("Yorick CGM -> pargist-view --png matches ghostscript of gist -b -ps") {
  REQUIRE(cgm_test::have_program("yorick"));
  REQUIRE(cgm_test::have_program("gist"));
  REQUIRE(cgm_test::have_program("gs"));
  const std::string dir = cgm_test::fresh_dir("from_yorick");
  const std::string script = std::string(PARGIST_SOURCE_DIR) + "/tests/cgm/yorick_plots.i";
  REQUIRE(cgm_test::run("cd " + dir + " && yorick -batch " + script + " " + dir + "/yorick.cgm",
                        dir + "/yorick.log") == 0);
  gist_to_ps(dir, "yorick.cgm", "yorick.ps");
  REQUIRE(cgm_test::ghostscript_png(dir + "/yorick.ps", dir + "/gist-%d.png", kDpi) == 0);
  REQUIRE(cgm_test::run(cgm_test::pargist_view() + " " + dir + "/yorick.cgm --png " + dir +
                            "/view.png --dpi " + std::to_string(kDpi),
                        dir + "/view.log") == 0);
  for (int page = 1; page <= 4; ++page) {
    char ours[64];
    std::snprintf(ours, sizeof ours, "/view-%04d.png", page);
    const auto d = cgm_test::compare_images(dir + "/gist-" + std::to_string(page) + ".png", dir + ours);
    INFO("page " << page << ": mean " << d.mean << ", fraction " << d.fraction);
    CHECK(close_enough(d));
  }
  // A wrong page is told apart.
  const auto wrong = cgm_test::compare_images(dir + "/gist-1.png", dir + "/view-0004.png");
  INFO("page 1 vs 4: mean " << wrong.mean << ", fraction " << wrong.fraction);
  CHECK_FALSE(close_enough(wrong));
}
