// Helpers shared by the CGM tests: frames with every kind of element, CGM
// files assembled in memory, files and processes.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "pargist/libplot/cgm.hpp"
#include "pargist/libplot/frame.hpp"

namespace cgm_test {

using Bytes = std::vector<std::uint8_t>;

/// A frame with one element of every kind, in two systems plus NDC text,
/// a 200-colour palette and direct RGB colours.
pargist::plot::Frame every_primitive_frame(int number = 1);

/// A frame of n_points scattered markers and an nx x nx cell array
/// (the benchmark's frame).
pargist::plot::Frame scatter_cells_frame(std::size_t n_points, std::size_t nx, unsigned seed);

/// A whole metafile: the renderer's header, the pictures, END METAFILE.
Bytes assemble_metafile(const pargist::cgm::CgmRenderer& r, const std::vector<Bytes>& pictures);

Bytes read_bytes(const std::string& path);
void write_bytes(const std::string& path, const Bytes& bytes);

/// A fresh, empty folder under the test output folder.
std::string fresh_dir(const std::string& name);

/// Runs a shell command, returns its exit status; output goes to `log`.
int run(const std::string& command, const std::string& log = "/dev/null");

bool have_program(const std::string& name);

/// How far two renderings of the same page are apart, on 0..255 levels:
/// both are blurred with a (2r+1)^2 box first, so that anti-aliasing, font
/// hinting and a pixel of placement do not count, and then compared.
struct ImageDifference {
  double mean = 0;      ///< mean absolute difference over pixels and channels
  double fraction = 0;  ///< fraction of pixels differing by more than 64
};
ImageDifference compare_images(const std::string& a_png, const std::string& b_png, int r = 2);

/// Ghostscript: PostScript -> one PNG per page on US letter at `dpi`
/// (out_pattern holds "%d"). Returns the exit status.
int ghostscript_png(const std::string& ps, const std::string& out_pattern, int dpi);

/// What a CGM writer killed with SIGKILL got done: the pictures it reported
/// finished, and whether the signal ended it.
struct Killed {
  int finished = 0;
  bool by_signal = false;
};
/// Writes frame(1), frame(2)... to the CGM family `path` in a child process
/// and kills it with SIGKILL once `frames` are finished: after `delay` while
/// it goes on writing, or, with `pause`, stopped between two pictures.
Killed kill_cgm_writer(const std::string& path, const pargist::cgm::CgmOptions& options,
                       const std::function<pargist::plot::Frame(int)>& frame, int frames, bool pause,
                       std::chrono::milliseconds delay = std::chrono::milliseconds(0));

/// The path of the pargist-view program built with the tests.
std::string pargist_view();

}  // namespace cgm_test
