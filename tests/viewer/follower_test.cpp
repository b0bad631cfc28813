// pargist-view --follow's reader (CgmFollower) on files grown by hand, byte
// range by byte range, the way a running job and a network file system may
// show them: a page counts only once whole and read the same twice; the
// family rolls over; a new run starts the history over.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "cgm_follower.hpp"
#include "cgm_test_util.hpp"

namespace cgm = pargist::cgm;
namespace plot = pargist::plot;
namespace fs = std::filesystem;
using pargist::view_tool::CgmFollower;
using cgm_test::Bytes;

namespace {

// A metafile of `n` pages, and where each page ends.
struct Metafile {
  Bytes bytes;
  std::vector<std::size_t> page_end;
};

Metafile make_metafile(const std::string& dir, int n, int first_number = 1) {
  const std::string path = dir + "/source.cgm";
  {
    cgm::CgmFamilyWriter writer(path);
    for (int k = 0; k < n; ++k) writer.write(cgm_test::every_primitive_frame(first_number + k));
  }
  Metafile m;
  m.bytes = cgm_test::read_bytes(path);
  const auto doc = cgm::read_cgm(path, false);
  REQUIRE(doc.pages.size() == std::size_t(n));
  for (const auto& p : doc.pages) m.page_end.push_back(p.end);
  fs::remove(path);
  return m;
}

Bytes prefix(const Bytes& b, std::size_t n) { return Bytes(b.begin(), b.begin() + std::ptrdiff_t(n)); }

// The frame number page `index` carries (every_primitive_frame(k) has k).
int number_of(const CgmFollower& f, std::size_t index) {
  const auto page = f.page(index);
  REQUIRE(page);
  return page->frame.number;
}

}  // namespace

TEST_CASE("follow: a page counts once whole and read the same at two polls") {
  const std::string dir = cgm_test::fresh_dir("follow_partial");
  const Metafile m = make_metafile(dir, 3);
  const std::string run = dir + "/run.cgm";  // Gist: the first file has the name given
  CgmFollower f(run);
  CHECK(f.first_file() == run);
  CHECK(f.request_path() == dir + "/run.limits");
  CHECK_FALSE(f.poll());  // no file yet
  CHECK(f.count() == 0);

  // The first page and half of the second.
  const std::size_t half = (m.page_end[0] + m.page_end[1]) / 2;
  cgm_test::write_bytes(run, prefix(m.bytes, half));
  f.poll();
  CHECK(f.count() == 0);  // whole, but seen once
  CHECK(f.poll());
  CHECK(f.count() == 1);
  f.poll();
  CHECK(f.count() == 1);  // the half page never counts

  // Byte by byte up to the end of page 2: nothing new until it is whole.
  for (std::size_t n = half; n < m.page_end[1]; n += 997) {
    cgm_test::write_bytes(run, prefix(m.bytes, n));
    f.poll();
    f.poll();
    REQUIRE(f.count() == 1);
  }
  cgm_test::write_bytes(run, prefix(m.bytes, m.page_end[1]));
  f.poll();
  f.poll();
  CHECK(f.count() == 2);
  cgm_test::write_bytes(run, m.bytes);
  f.poll();
  f.poll();
  CHECK(f.count() == 3);
  CHECK(number_of(f, 0) == 1);
  CHECK(number_of(f, 2) == 3);
}

TEST_CASE("follow: bytes that change between two polls do not make a page") {
  // A network file system may show a page's end before its middle: the
  // middle reads as zeros for a while.
  const std::string dir = cgm_test::fresh_dir("follow_holes");
  const Metafile m = make_metafile(dir, 2);
  const std::string run = dir + "/run00.cgm";
  cgm_test::write_bytes(run, prefix(m.bytes, m.page_end[0] + 2));
  CgmFollower f(run);
  f.poll();
  f.poll();
  REQUIRE(f.count() == 1);

  Bytes holed = m.bytes;
  const std::size_t a = m.page_end[0] + 200, b = m.page_end[1] - 200;
  std::fill(holed.begin() + std::ptrdiff_t(a), holed.begin() + std::ptrdiff_t(b), 0);
  cgm_test::write_bytes(run, holed);
  f.poll();
  cgm_test::write_bytes(run, m.bytes);  // the hole filled in
  f.poll();
  f.poll();
  REQUIRE(f.count() == 2);
  CHECK(number_of(f, 1) == 2);
  const auto page = f.page(1);
  std::size_t elements = 0, expected = 0;
  for (const auto& s : page->frame.systems) elements += s.elements.size();
  for (const auto& s : cgm_test::every_primitive_frame(2).systems) expected += s.elements.size();
  CHECK(elements == expected);
}

TEST_CASE("follow: across the family's roll-over, from any of its files") {
  const std::string dir = cgm_test::fresh_dir("follow_family");
  cgm::CgmOptions options;
  options.max_file_bytes = 40'000;  // two pictures per file
  std::vector<std::string> files;
  {
    cgm::CgmFamilyWriter writer(dir + "/run.cgm", options);
    for (int k = 1; k <= 7; ++k) writer.write(cgm_test::every_primitive_frame(k));
    files = writer.files();
  }
  REQUIRE(files.size() >= 3);
  CgmFollower f(files[1]);  // any file of the family: back to the first
  CHECK(f.first_file() == files[0]);
  CHECK(f.poll());
  CHECK(f.count() == 6);  // finished files count at once; the last one's page needs two reads
  CHECK(f.poll());
  CHECK(f.count() == 7);
  for (std::size_t k = 0; k < 7; ++k) CHECK(number_of(f, k) == int(k) + 1);
  CHECK(f.page(6)->file == files.back());

  // Pages read again from their files once out of the recent ones kept.
  CgmFollower g(dir + "/run.cgm");
  g.poll();
  g.poll();
  for (int round = 0; round < 3; ++round)
    for (std::size_t k = 0; k < 7; ++k) CHECK(number_of(g, k) == int(k) + 1);
  CHECK_FALSE(g.page(7));
}

TEST_CASE("follow: a new run of the job starts the history over") {
  const std::string dir = cgm_test::fresh_dir("follow_restart");
  const Metafile m = make_metafile(dir, 3);
  const std::string run = dir + "/run00.cgm";
  cgm_test::write_bytes(run, m.bytes);
  CgmFollower f(run);
  f.poll();
  f.poll();
  REQUIRE(f.count() == 3);

  const Metafile fresh = make_metafile(dir, 1, 9);
  cgm_test::write_bytes(dir + "/new.tmp", fresh.bytes);
  REQUIRE(std::rename((dir + "/new.tmp").c_str(), run.c_str()) == 0);  // as the writer does
  CHECK(f.poll());
  f.poll();
  CHECK(f.count() == 1);
  CHECK(number_of(f, 0) == 9);
  const auto said = f.take_messages();
  REQUIRE(said.size() == 1);
  CHECK(said[0].find("written anew") != std::string::npos);
}
