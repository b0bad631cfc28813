// A running job for the --follow tests and benchmark, under mpiexec: every
// rank holds its own particles (a Gaussian blob that drifts with the frame
// number); each frame is one collective ppzx-style density plot (cell
// array) in window 0, sent to a CGM family in small files so that it rolls
// over; rank 0 prints one line per frame once the page is on disk:
//
//   frame <n> view <xmin> <xmax> <ymin> <ymax> t <unix seconds>
//
// The view is what the plot deposited over: the data's extremes, or the
// limits a viewer following the family asked for.
//
//   follow_job FAMILY.cgm FILE_BYTES PERIOD_MS MAX_FRAMES
//
// Ends after MAX_FRAMES frames or as soon as a file named "stop" appears
// next to the family.
#include <mpi.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>

#include "pargist/libplot/cgm.hpp"
#include "pargist/libplot/gist.hpp"
#include "pargist/pp/pp.hpp"

namespace plot = pargist::plot;
namespace reduce = pargist::reduce;

namespace {

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

std::string folder_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  if (argc != 5) {
    std::fprintf(stderr, "usage: follow_job FAMILY.cgm FILE_BYTES PERIOD_MS MAX_FRAMES\n");
    MPI_Abort(MPI_COMM_WORLD, 2);
  }
  const std::string family = argv[1];
  const auto file_bytes = std::strtoull(argv[2], nullptr, 10);
  const int period_ms = std::atoi(argv[3]);
  const int max_frames = std::atoi(argv[4]);
  const std::string stop = folder_of(family) + "/stop";

  reduce::Comm comm;
  const bool root = comm.rank() == 0;
  if (root) {
    plot::DefaultsUpdate small_files;
    small_files.cgm_file_mb = double(file_bytes) / 1e6;
    plot::pldefault(small_files);
    plot::WindowOptions o;
    o.display = "";  // no screen: the family is what others watch
    plot::window(0, o);
    plot::hcp_file(family);
    plot::hcpon();
  }

  std::mt19937_64 rng(1234u + static_cast<unsigned>(comm.rank()));
  std::normal_distribution<double> gauss(0.0, 1.0);
  const std::size_t n = 20000;
  std::vector<double> x(n), y(n);
  plot::pp::PlotOptions opt;
  opt.cellarray = true;
  opt.nx = opt.ny = 60;
  opt.titles = false;

  for (int frame = 1; frame <= max_frames; ++frame) {
    const auto start = std::chrono::steady_clock::now();
    const double drift = 0.02 * frame;
    for (std::size_t i = 0; i < n; ++i) x[i] = gauss(rng) + drift, y[i] = 0.5 * gauss(rng) + 0.2 * x[i];
    plot::pp::Particles parts{reduce::ArrayView(x.data(), n), reduce::ArrayView(y.data(), n), {}, {}, {}};
    const plot::pp::PlotResult r = plot::pp::ppgeneric(comm, parts, opt);
    int done = 0;
    if (root) {
      plot::fma();  // hcpon: the page goes to the family here
      const double now =
          std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
      std::printf("frame %d view %.17g %.17g %.17g %.17g t %.6f\n", frame, r.view[0], r.view[1], r.view[2],
                  r.view[3], now);
      std::fflush(stdout);
      done = exists(stop) ? 1 : 0;
    }
    MPI_Bcast(&done, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (done) break;
    std::this_thread::sleep_until(start + std::chrono::milliseconds(period_ms));
  }
  if (root) plot::hcp_finish();
  MPI_Finalize();
  return 0;
}
