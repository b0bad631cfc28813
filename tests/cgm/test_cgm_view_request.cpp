// The back channel of a followed family: the request file's name, format
// and atomic writing; the family writer handing each request out once; and
// the Gist state adopting it at the next limits()/pp* call, as it adopts a
// zoom in the live window.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "cgm_test_util.hpp"
#include "pargist/libplot/cgm.hpp"
#include "pargist/libplot/gist.hpp"

namespace cgm = pargist::cgm;
namespace plot = pargist::plot;
namespace fs = std::filesystem;

namespace {

plot::Limits fixed(double x0, double x1, double y0, double y1) {
  plot::Limits l;
  l.xmin = x0, l.xmax = x1, l.ymin = y0, l.ymax = y1;
  l.auto_xmin = l.auto_xmax = l.auto_ymin = l.auto_ymax = false;
  return l;
}

void write_text(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

}  // namespace

TEST_CASE("view request: one file per family, named without the family's digits") {
  CHECK(cgm::view_request_path("run.cgm") == "run.limits");
  CHECK(cgm::view_request_path("out/run00.cgm") == "out/run.limits");
  CHECK(cgm::view_request_path("out/run07.cgm") == "out/run.limits");
  CHECK(cgm::view_request_path("step100.cgm") == "step.limits");
  CHECK(cgm::view_request_path("/a/b7/c.CGM") == "/a/b7/c.limits");  // digits of folders stay
}

TEST_CASE("view request: written whole, read back exactly, automatic sides kept") {
  const std::string dir = cgm_test::fresh_dir("view_request");
  const std::string path = dir + "/run.limits";
  CHECK_FALSE(cgm::read_view_request(path));  // none yet

  cgm::ViewRequest r;
  r.id = "42-1";
  r.systems.emplace_back(1, fixed(-1.0 / 3, 2.5e-7, -1e300, 7));
  plot::Limits half = fixed(0, 1, 0, 1);
  half.auto_ymin = half.auto_ymax = true;
  r.systems.emplace_back(2, half);
  cgm::write_view_request(path, r);
  for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().filename() == "run.limits");  // no temporary left

  const auto back = cgm::read_view_request(path);
  REQUIRE(back);
  CHECK(back->id == "42-1");
  REQUIRE(back->systems.size() == 2);
  const plot::Limits& a = back->systems[0].second;
  CHECK(back->systems[0].first == 1);
  CHECK(a.xmin == -1.0 / 3);  // %.17g: every bit
  CHECK(a.xmax == 2.5e-7);
  CHECK(a.ymin == -1e300);
  CHECK_FALSE(a.auto_xmin);
  const plot::Limits& b = back->systems[1].second;
  CHECK(b.auto_ymin);
  CHECK(b.auto_ymax);
  CHECK_FALSE(b.auto_xmax);
}

TEST_CASE("view request: malformed files are refused with the line that is wrong") {
  const std::string path = cgm_test::fresh_dir("view_request_bad") + "/run.limits";
  const char* bad[] = {
      "",                                                      // empty
      "not a request\nid 1\n",                                 // wrong magic
      "pargist view request 1\nsystem 1 0 1 0 1\n",            // no id
      "pargist view request 1\nid 1\nsystem 0 0 1 0 1\n",      // system 0 has no limits
      "pargist view request 1\nid 1\nsystem 1 0 1 0\n",        // a side missing
      "pargist view request 1\nid 1\nsystem 1 0 nan 0 1\n",    // not finite
      "pargist view request 1\nid 1\nsystem 1 0 1x 0 1\n",     // not a number
      "pargist view request 1\nid 1\nsystem 1 2 2 0 1\n",      // zero size
      "pargist view request 1\nid 1\nzoom 1 0 1 0 1\n",        // unknown entry
  };
  for (const char* text : bad) {
    INFO(text);
    write_text(path, text);
    CHECK_THROWS_AS(cgm::read_view_request(path), std::invalid_argument);
  }
  write_text(path, std::string("pargist view request 1\nid 1\n") + std::string(70000, ' '));
  CHECK_THROWS_WITH(cgm::read_view_request(path), Catch::Contains("too long"));
}

TEST_CASE("view request: the family writer hands each request out once and forgets stale ones") {
  const std::string dir = cgm_test::fresh_dir("view_request_writer");
  const std::string request = dir + "/run.limits";
  write_text(request, "pargist view request 1\nid stale\nsystem 1 0 1 0 1\n");
  cgm::CgmFamilyWriter writer(dir + "/run.cgm");
  CHECK_FALSE(fs::exists(request));  // left by an earlier run: not for this one
  CHECK(writer.requested_limits().empty());

  cgm::ViewRequest r;
  r.id = "a";
  r.systems.emplace_back(1, fixed(2, 3, 4, 5));
  cgm::write_view_request(request, r);
  auto got = writer.requested_limits();
  REQUIRE(got.size() == 1);
  CHECK(got[0].first == 1);
  CHECK(got[0].second.xmin == 2);
  CHECK(writer.requested_limits().empty());  // once
  cgm::write_view_request(request, r);       // rewritten, same id: the same request
  CHECK(writer.requested_limits().empty());
  r.id = "b";
  r.systems[0].second.xmax = 9;
  cgm::write_view_request(request, r);
  got = writer.requested_limits();
  REQUIRE(got.size() == 1);
  CHECK(got[0].second.xmax == 9);

  write_text(request, "garbage\n");
  CHECK(writer.requested_limits().empty());  // one warning on stderr, nothing adopted
}

TEST_CASE("view request: the current window adopts it at the next limits() call") {
  plot::reset_all();
  const std::string dir = cgm_test::fresh_dir("view_request_gist");
  plot::WindowOptions o;
  o.display = "";
  plot::window(0, o);
  plot::hcp_file(dir + "/run.cgm");
  plot::plg({0, 1, 4}, {0, 1, 2});
  plot::logxy(false, true);
  const plot::Limits before = plot::current_limits();
  CHECK(before.auto_xmin);

  cgm::ViewRequest r;
  r.id = "zoom-1";
  r.systems.emplace_back(1, fixed(0.5, 1.5, 1, 3));
  r.systems.emplace_back(7, fixed(0, 1, 0, 1));  // no such system in this style: ignored
  cgm::write_view_request(dir + "/run.limits", r);
  const plot::Limits now = plot::current_limits();
  CHECK(now.xmin == 0.5);
  CHECK(now.xmax == 1.5);
  CHECK(now.ymin == 1);
  CHECK(now.ymax == 3);
  CHECK_FALSE(now.auto_xmin);
  CHECK(now.log_y);  // the system's own flags stay
  plot::limits();    // the script's own call still wins afterwards
  CHECK(plot::current_limits().auto_xmin);
  plot::reset_all();
}
