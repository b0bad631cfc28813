// CGM files on disk: families past a size limit, crash safety (kill -9 of a
// writing process), and pargist-view's conversions: sharp re-rendering from
// the world-coordinate record at any size, exact zoom, page lists, errors.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cgm/cgm_world_record.hpp"
#include "cgm_test_util.hpp"
#include "pargist/libplot/hardcopy.hpp"

namespace plot = pargist::plot;
namespace cgm = pargist::cgm;
namespace fs = std::filesystem;
using cgm_test::Bytes;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// `frames` frames of every primitive by a writer killed with SIGKILL: stopped
// between two frames (`pause`), or at once while it goes on writing.
int killed_writer(const std::string& path, int frames, bool pause) {
  const auto killed = cgm_test::kill_cgm_writer(path, {}, cgm_test::every_primitive_frame, frames, pause);
  CHECK(killed.by_signal);
  return killed.finished;
}

// The colour of pixel (x, y) of a PNG.
plot::Rgb pixel(const std::string& png, int x, int y) { return plot::read_png_image(png).rgb(x, y); }

}  // namespace

TEST_CASE("family: past the size limit each picture starts a new, complete file") {
  const std::string dir = cgm_test::fresh_dir("family");
  cgm::CgmOptions options;
  options.max_file_bytes = 40'000;  // pictures are about 25 kB: two per file
  {
    cgm::CgmFamilyWriter writer(dir + "/run00.cgm", options);
    for (int k = 1; k <= 8; ++k) writer.write(cgm_test::every_primitive_frame(k));
    CHECK(writer.pictures() == 8);
    CHECK(writer.close() == writer.files().back());
    REQUIRE(writer.files().size() >= 3);
    CHECK(writer.files()[0] == dir + "/run00.cgm");
    CHECK(writer.files()[1] == dir + "/run01.cgm");
  }
  {
    // Gist's rule: the first file is exactly the name given; the next one
    // counts up its last character (run.cgm -> ruo.cgm -> rup.cgm).
    cgm::CgmFamilyWriter writer(dir + "/run.cgm", options);
    for (int k = 1; k <= 8; ++k) writer.write(cgm_test::every_primitive_frame(k));
    writer.close();
    REQUIRE(writer.files().size() >= 3);
    CHECK(writer.files()[0] == dir + "/run.cgm");
    CHECK(writer.files()[1] == dir + "/ruo.cgm");
    CHECK(writer.files()[2] == dir + "/rup.cgm");
    CHECK(cgm::read_cgm(dir + "/run.cgm").pages.size() == 8);
  }
  std::size_t pages = 0;
  for (int f = 0;; ++f) {
    char name[32];
    std::snprintf(name, sizeof name, "/run%02d.cgm", f);
    if (!fs::exists(dir + name)) break;
    const auto one = cgm::read_cgm(dir + name, false);
    INFO(name);
    CHECK_FALSE(one.error);  // every file is a whole metafile on its own
    CHECK(one.pages.size() >= 1);
    CHECK(fs::file_size(dir + name) < options.max_file_bytes + 30'000);  // at most one picture past it
    pages += one.pages.size();
  }
  CHECK(pages == 8);
  const auto all = cgm::read_cgm(dir + "/run00.cgm");
  REQUIRE_FALSE(all.error);
  REQUIRE(all.pages.size() == 8);
  for (int k = 0; k < 8; ++k) {
    CHECK(all.pages[std::size_t(k)].name == "Page " + std::to_string(k + 1));
    CHECK(all.pages[std::size_t(k)].from_world_record);
    CHECK(all.pages[std::size_t(k)].frame.number == k + 1);
  }
  CHECK(cgm::encode_world_record(all.pages[3].frame) ==
        cgm::encode_world_record(cgm_test::every_primitive_frame(4)));
  // Gist's browser follows the family the same way: all 8 pages. (Gist's
  // batch mode skips a family's last file when it holds a single picture,
  // for Yorick's own files too, so this family has two in each.)
  if (cgm_test::have_program("gist")) {
    REQUIRE(cgm_test::run("cd " + dir + " && gist run00.cgm -b -ps family.ps", dir + "/gist.log") == 0);
    CHECK(slurp(dir + "/gist.log").find("WARNING") == std::string::npos);
    const std::string ps = slurp(dir + "/family.ps");
    std::size_t n = 0;
    for (std::size_t at = ps.find("%%Page:"); at != std::string::npos; at = ps.find("%%Page:", at + 1)) ++n;
    CHECK(n == 8);
  }
}

TEST_CASE("crash: kill -9 between frames leaves every finished frame readable") {
  const std::string dir = cgm_test::fresh_dir("crash");
  const int done = killed_writer(dir + "/crash00.cgm", 4, true);
  CHECK(done == 4);
  const auto doc = cgm::read_cgm(dir + "/crash00.cgm");
  CHECK_FALSE(doc.error);
  CHECK(doc.pages.size() == 4);
  // No temporary file is left next to it, and nothing else was created.
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    (void)e;
    ++entries;
  }
  CHECK(entries == 1);
  // Yorick's gist reads it too: all four pages, no warning.
  if (cgm_test::have_program("gist")) {
    const std::string log = dir + "/gist.log";
    CHECK(cgm_test::run("cd " + dir + " && gist crash00.cgm -b -ps crash.ps", log) == 0);
    const std::string out = slurp(log);
    CHECK(out.find("WARNING") == std::string::npos);
    const std::string ps = slurp(dir + "/crash.ps");
    std::size_t n = 0;
    for (std::size_t at = ps.find("%%Page:"); at != std::string::npos; at = ps.find("%%Page:", at + 1)) ++n;
    CHECK(n == 4);
  }
}

TEST_CASE("crash: kill -9 while writing keeps the frames reported finished") {
  const std::string dir = cgm_test::fresh_dir("crash_busy");
  const int done = killed_writer(dir + "/busy00.cgm", 3, false);
  const auto doc = cgm::read_cgm(dir + "/busy00.cgm");
  // A picture cut short by the kill lies past the END METAFILE, where no
  // reader looks: the file is complete, with every frame reported finished.
  CHECK_FALSE(doc.error);
  CHECK(doc.pages.size() >= std::size_t(std::min(done, 3)));
}

TEST_CASE("pargist-view: the world record re-renders sharp at 4x and zooms exactly") {
  const std::string dir = cgm_test::fresh_dir("view");
  plot::Frame f;
  f.systems.resize(2);
  auto& s = f.systems[1];
  s.viewport = {0.2, 0.6, 0.45, 0.85};
  s.limits = {0, 10, 0, 10, false, false, false, false};
  plot::Polys square;  // world (2,2)-(4,4), red
  square.x = {2, 4, 4, 2};
  square.y = {2, 2, 4, 4};
  square.n = {4};
  square.colors = {plot::NamedColor::red};
  s.elements.push_back(square);
  {
    cgm::CgmFamilyWriter w(dir + "/zoom00.cgm");
    w.write(f);
  }
  const std::string cgm_file = dir + "/zoom00.cgm";
  const std::string view = cgm_test::pargist_view();
  // 1x and 4x of the whole page.
  REQUIRE(cgm_test::run(view + " " + cgm_file + " --png " + dir + "/x1.png --size 340x440") == 0);
  REQUIRE(cgm_test::run(view + " " + cgm_file + " --png " + dir + "/x4.png --size 1360x1760") == 0);
  // The square's left edge: from white to red within 2 pixels at 4x (an
  // upscaled 1x raster would smear it over 4).
  const auto x4 = plot::read_png_image(dir + "/x4.png");
  const double ndc_per_px = 72.27 * 0.0013 / 160.0;  // 1360 x 1760 px is the page at 160 dpi
  const double edge_ndc = 0.2 + 0.4 * 0.2;               // world x=2 in the viewport
  const int edge_px = int(std::lround(edge_ndc / ndc_per_px));
  const int row = int(std::lround((1.033461 - (0.45 + 0.4 * 0.3)) / ndc_per_px));
  int ramp = 0;
  for (int x = edge_px - 6; x <= edge_px + 6; ++x) {
    const auto c = x4.rgb(x, row);
    const bool white = c.r > 240 && c.g > 240 && c.b > 240;
    const bool red = c.r > 240 && c.g < 15 && c.b < 15;
    if (!white && !red) ++ramp;
  }
  CHECK(ramp <= 2);
  CHECK(x4.rgb(edge_px - 4, row).g > 240);
  CHECK(x4.rgb(edge_px + 4, row).g < 15);
  // Zoom to world [1,5]x[1,5]: the square covers exactly the middle half of
  // the viewport; checked 0.02 world units (3.4 pixels) inside and outside
  // each edge.
  REQUIRE(cgm_test::run(view + " " + cgm_file + " --png " + dir + "/zoom.png --size 1360x1760 --limits 1:1,5,1,5") == 0);
  auto at = [&](double wx, double wy) {  // pixel of a world point under the zoom
    const double nx = 0.2 + 0.4 * (wx - 1) / 4, ny = 0.45 + 0.4 * (wy - 1) / 4;
    return std::pair<int, int>{int(std::lround(nx / ndc_per_px)), int(std::lround((1.033461 - ny) / ndc_per_px))};
  };
  const std::string zoom = dir + "/zoom.png";
  const auto z = plot::read_png_image(zoom);
  for (auto [wx, wy, inside] : {std::tuple{2.02, 2.02, true}, std::tuple{3.98, 3.98, true},
                                std::tuple{3.0, 3.0, true}, std::tuple{1.98, 3.0, false},
                                std::tuple{4.02, 3.0, false}, std::tuple{3.0, 4.02, false},
                                std::tuple{3.0, 1.98, false}}) {
    const auto [px, py] = at(wx, wy);
    const auto c = z.rgb(px, py);
    INFO("world (" << wx << ", " << wy << ") at pixel " << px << "," << py);
    if (inside) CHECK((c.r > 240 && c.g < 15));
    else CHECK_FALSE((c.r > 240 && c.g < 15));
  }
}

TEST_CASE("pargist-view: catalogue, page lists, PDF and SVG, clear errors") {
  const std::string dir = cgm_test::fresh_dir("cli");
  {
    cgm::CgmFamilyWriter w(dir + "/cli00.cgm");
    for (int k = 1; k <= 5; ++k) w.write(cgm_test::every_primitive_frame(k));
  }
  const std::string view = cgm_test::pargist_view();
  const std::string file = dir + "/cli00.cgm";
  REQUIRE(cgm_test::run(view + " " + file + " --list", dir + "/list.txt") == 0);
  const std::string list = slurp(dir + "/list.txt");
  CHECK_THAT(list, Catch::Contains("5 pages in 1 file"));
  CHECK_THAT(list, Catch::Contains("Page 5"));
  CHECK_THAT(list, Catch::Contains("world"));
  // Gist's page list: 1-5-2 is pages 1, 3, 5.
  REQUIRE(cgm_test::run(view + " " + file + " --page 1-5-2 --png " + dir + "/p.png --dpi 30") == 0);
  CHECK(fs::exists(dir + "/p-0001.png"));
  CHECK_FALSE(fs::exists(dir + "/p-0002.png"));
  CHECK(fs::exists(dir + "/p-0003.png"));
  CHECK(fs::exists(dir + "/p-0005.png"));
  REQUIRE(cgm_test::run(view + " " + file + " --page '2 4' --pdf " + dir + "/two.pdf") == 0);
  const std::string pdf = slurp(dir + "/two.pdf");
  std::size_t pages = 0;
  for (std::size_t at = pdf.find("/Type /Page\n"); at != std::string::npos; at = pdf.find("/Type /Page\n", at + 1)) ++pages;
  if (pages == 0)  // Cairo's layout may vary: count "/Type /Page" not followed by 's'
    for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1))
      if (pdf.compare(at, 12, "/Type /Pages") != 0) ++pages;
  CHECK(pages == 2);
  REQUIRE(cgm_test::run(view + " " + file + " --page 3 --svg " + dir + "/three.svg") == 0);
  CHECK_THAT(slurp(dir + "/three.svg"), Catch::Contains("<svg"));
  // The whole letter page by default; --view cuts a region of 0.4 x 0.2 NDC
  // (Gist: 0.0013 NDC per point of 1/72.27 inch) = 4.258 x 2.129 inches,
  // 306.6 x 153.3 PostScript points, 307 x 153 pixels at 72 dpi.
  CHECK_THAT(slurp(dir + "/three.svg"), Catch::Contains("width=\"612pt\" height=\"792pt\""));
  REQUIRE(cgm_test::run(view + " " + file + " --page 3 --view 0.1,0.5,0.6,0.8 --svg " + dir + "/region.svg") == 0);
  CHECK_THAT(slurp(dir + "/region.svg"), Catch::Contains("width=\"306.5") && Catch::Contains("height=\"153.2"));
  REQUIRE(cgm_test::run(view + " " + file + " --page 3 --view 0.1,0.5,0.6,0.8 --png " + dir + "/region.png --dpi 72") == 0);
  const plot::RasterImage region = plot::read_png_image(dir + "/region.png");
  CHECK(region.width == 307);
  CHECK(region.height == 153);
  // Errors: a page past the end, a bad page list, a missing file, no output
  // and no display.
  CHECK(cgm_test::run(view + " " + file + " --page 9 --png " + dir + "/x.png", dir + "/e1.txt") == 1);
  CHECK_THAT(slurp(dir + "/e1.txt"), Catch::Contains("page 9 does not exist"));
  CHECK(cgm_test::run(view + " " + file + " --page 3-x --png " + dir + "/x.png", dir + "/e2.txt") == 1);
  CHECK_THAT(slurp(dir + "/e2.txt"), Catch::Contains("bad page group"));
  CHECK(cgm_test::run(view + " " + dir + "/none.cgm --list", dir + "/e3.txt") == 1);
  CHECK_THAT(slurp(dir + "/e3.txt"), Catch::Contains("cannot open"));
  CHECK(cgm_test::run("env -u DISPLAY " + view + " " + file, dir + "/e4.txt") == 2);
  CHECK_FALSE(slurp(dir + "/e4.txt").empty());
  // A truncated family member: the pages before the cut still convert.
  Bytes bytes = cgm_test::read_bytes(file);
  bytes.resize(bytes.size() * 3 / 4);
  cgm_test::write_bytes(dir + "/cut00.cgm", bytes);
  CHECK(cgm_test::run(view + " " + dir + "/cut00.cgm --list", dir + "/cut.txt") == 0);
  const std::string cut = slurp(dir + "/cut.txt");
  CHECK_THAT(cut, Catch::Contains("byte offset"));
  CHECK_THAT(cut, Catch::Contains("3 pages"));
}
