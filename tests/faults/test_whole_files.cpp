// Output files are whole or absent, whatever happens while they are written:
// the unnamed file that takes its name at commit, a full disk (a small tmpfs,
// mounted when the test runs as root) for every writer, and CGM writers
// killed with SIGKILL in the middle of their pictures.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "cgm_test_util.hpp"
#include "files.hpp"
#include "pargist/libplot/cgm.hpp"
#include "pargist/libplot/hardcopy.hpp"

namespace plot = pargist::plot;
namespace cgm = pargist::cgm;
namespace fs = std::filesystem;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// The errno a call fails with, as a FileError (0 if it does not throw one).
template <class F>
int error_of(F&& f) {
  try {
    f();
  } catch (const plot::FileError& e) {
    return e.code().value();
  }
  return 0;
}

// Yorick's gist reads the CGM family from `first`, with no warning.
void gist_reads(const std::string& first) {
  if (!cgm_test::have_program("gist")) return;
  const std::string log = first + ".gist.log";
  CHECK(cgm_test::run("gist " + first + " -b -ps /dev/null", log) == 0);
  const std::string said = slurp(log);
  INFO("gist said: " << said);
  CHECK(said.empty());
  fs::remove(log);
}

// A tmpfs of `size` mounted on `dir` for the scope (root only).
class SmallDisk {
 public:
  SmallDisk(const std::string& dir, const std::string& size) : dir_(dir) {
    mounted_ = ::geteuid() == 0 &&
               cgm_test::run("mount -t tmpfs -o size=" + size + " tmpfs " + dir) == 0;
  }
  ~SmallDisk() {
    if (mounted_) cgm_test::run("umount -l " + dir_);
  }
  bool mounted() const { return mounted_; }
  // Fills the disk with a file named `name`, but `leave` bytes (0: to the
  // last byte).
  void fill(const std::string& name, std::size_t leave = 0) const {
    struct statvfs st;
    REQUIRE(::statvfs(dir_.c_str(), &st) == 0);
    const std::size_t free = std::size_t(st.f_bavail) * st.f_frsize;
    std::ofstream out(dir_ + "/" + name, std::ios::binary);
    const std::string block(4096, '\0');
    for (std::size_t n = 0; leave == 0 || n + block.size() + leave <= free; n += block.size())
      if (!out.write(block.data(), block.size())) break;
  }

 private:
  std::string dir_;
  bool mounted_ = false;
};

}  // namespace

TEST_CASE("whole files: unnamed until commit, nothing left behind otherwise", "[faults]") {
  const std::string dir = cgm_test::fresh_dir("whole-files");
  const std::string path = dir + "/a.bin";
  {
    plot::detail::WholeFile f(path);
    f.write("new", 3);
    CHECK(names_in(dir).empty());  // no name, not even a temporary one
    f.commit();
    CHECK(slurp(path) == "new");
  }
  {
    plot::detail::WholeFile f(path);  // replacing: the old file stays until commit
    f.write("newer", 5);
    CHECK(slurp(path) == "new");
  }  // dropped without commit
  CHECK(slurp(path) == "new");
  CHECK(names_in(dir) == std::vector<std::string>{"a.bin"});
  {
    plot::detail::WholeFile f(path);
    f.write("newer", 5);
    f.commit();
  }
  CHECK(slurp(path) == "newer");
  CHECK(names_in(dir) == std::vector<std::string>{"a.bin"});

  fs::create_directory(dir + "/folder.png");
  CHECK(error_of([&] { plot::detail::WholeFile f(dir + "/folder.png"); }) == EISDIR);
  CHECK(error_of([&] { plot::detail::WholeFile f(dir + "/no/such/x.png"); }) == ENOENT);
  try {
    plot::write_png(cgm_test::every_primitive_frame(), dir + "/no/such/x.png");
    FAIL("write_png into a missing folder did not throw");
  } catch (const plot::FileError& e) {
    CHECK(std::string(e.what()) == "pargist: cannot write " + dir + "/no/such/x.png: No such file or directory");
    CHECK(e.path() == dir + "/no/such/x.png");
  }
  if (::geteuid() != 0) {  // root may write anything
    std::ofstream(dir + "/locked.png") << "x";
    ::chmod((dir + "/locked.png").c_str(), 0444);
    CHECK(error_of([&] { plot::write_png(cgm_test::every_primitive_frame(), dir + "/locked.png"); }) == EACCES);
    CHECK(slurp(dir + "/locked.png") == "x");
  }
}

TEST_CASE("whole files: a full disk fails every writer with ENOSPC, each file stays whole", "[faults]") {
  const std::string dir = cgm_test::fresh_dir("full-disk");
  SmallDisk disk(dir, "3m");
  if (!disk.mounted()) {
    WARN("skipped: mounting a small tmpfs needs root");
    return;
  }
  // A CGM family until the disk is full: the error names the file and says
  // why; the file holds every picture before it, readable by both readers.
  disk.fill("ballast", 1'500'000);
  cgm::CgmFamilyWriter writer(dir + "/run00.cgm");
  int written = 0, err = 0;
  for (int k = 1; k < 100 && err == 0; ++k) {
    err = error_of([&] { writer.write(cgm_test::scatter_cells_frame(3000, 200, unsigned(k))); });
    if (err == 0) ++written;
  }
  CHECK(err == ENOSPC);
  CHECK(written > 1);
  auto doc = cgm::read_cgm(dir + "/run00.cgm");
  CHECK_FALSE(doc.error);
  CHECK(doc.pages.size() == std::size_t(written));
  gist_reads(dir + "/run00.cgm");

  // Not a byte left: every other writer fails the same way and leaves nothing.
  disk.fill("filler");
  const plot::Frame frame = cgm_test::every_primitive_frame();
  CHECK(error_of([&] { plot::write_png(frame, dir + "/x.png"); }) == ENOSPC);
  CHECK(error_of([&] { plot::write_pdf({frame}, dir + "/x.pdf"); }) == ENOSPC);
  CHECK(error_of([&] { plot::write_svg(frame, dir + "/x.svg"); }) == ENOSPC);
  CHECK(error_of([&] { plot::write_eps(frame, dir + "/x.eps"); }) == ENOSPC);
  CHECK(error_of([&] { writer.write(frame); }) == ENOSPC);
  CHECK(names_in(dir) == std::vector<std::string>{"ballast", "filler", "run00.cgm"});
  doc = cgm::read_cgm(dir + "/run00.cgm");
  CHECK_FALSE(doc.error);
  CHECK(doc.pages.size() == std::size_t(written));

  // Room again: the same family takes the next pictures, a PNG is written.
  fs::remove(dir + "/filler");
  fs::remove(dir + "/ballast");
  plot::write_png(frame, dir + "/x.png");
  CHECK(plot::read_png_image(dir + "/x.png").width > 0);
  writer.write(frame);
  writer.write(frame);
  doc = cgm::read_cgm(dir + "/run00.cgm");
  CHECK_FALSE(doc.error);
  CHECK(doc.pages.size() == std::size_t(written + 2));
  gist_reads(dir + "/run00.cgm");
}

TEST_CASE("whole files: CGM writers killed in the middle of pictures leave complete metafiles", "[faults]") {
  // Big pictures (a 512x512 cell array and its world record: ~2.5 MB) so
  // that the kill often lands inside a write.
  std::mt19937 rng(16);
  std::uniform_int_distribution<int> delay_ms(2, 40);
  for (int round = 0; round < 10; ++round) {
    const std::string dir = cgm_test::fresh_dir("killed-" + std::to_string(round));
    cgm::CgmOptions o;
    o.max_file_bytes = 12'000'000;  // a new file now and then: the first picture is a case too
    const auto killed = cgm_test::kill_cgm_writer(
        dir + "/big00.cgm", o, [](int k) { return cgm_test::scatter_cells_frame(1000, 512, unsigned(k)); }, 1,
        false, std::chrono::milliseconds(delay_ms(rng)));
    CHECK(killed.by_signal);
    const int finished = killed.finished;
    const auto doc = cgm::read_cgm(dir + "/big00.cgm");
    INFO("round " << round << ": " << finished << " pictures reported finished");
    CHECK_FALSE(doc.error);
    CHECK(doc.pages.size() >= std::size_t(finished));
    for (const auto& name : names_in(dir)) CHECK(name.find(".cgm") == name.size() - 4);  // no temporary file
    if (round == 0) gist_reads(dir + "/big00.cgm");
  }
}
