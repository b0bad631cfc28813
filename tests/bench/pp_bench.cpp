// A ppzx density frame from C++: the reference for the same frame through
// Python. tests/bench/pp_bench.py runs both layers in one invocation, under
// mpirun, and writes results/pp.md.
//
//   mpirun -n P pp_bench PARTICLES_PER_RANK FRAMES BINS...
//
// Every rank makes PARTICLES_PER_RANK Gaussian particles (z: sigma 1, x:
// sigma 0.5, as the Python side does) and, for each grid side in BINS,
// times FRAMES frames of fma() + pp::ppgeneric(cellarray, nx = ny = side)
// (the density deposited, reduced to rank 0 and drawn there as a cell
// array with its colour bar and titles, no file written); each frame starts
// and ends at a barrier. Rank 0 prints one line per side: "BINS t1 t2 ...",
// wall seconds of each frame.
#include <mpi.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "pargist/libplot/gist.hpp"
#include "pargist/pp/pp.hpp"

namespace plot = pargist::plot;
namespace reduce = pargist::reduce;

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  if (argc < 4) {
    std::fprintf(stderr, "usage: pp_bench PARTICLES_PER_RANK FRAMES BINS...\n");
    MPI_Abort(MPI_COMM_WORLD, 2);
  }
  const auto n = std::size_t(std::strtod(argv[1], nullptr));
  const int frames = std::atoi(argv[2]);
  reduce::Comm comm;
  const bool root = comm.rank() == 0;
  if (root) {
    plot::WindowOptions o;
    o.display = "";  // no screen, as the Python side
    plot::window(0, o);
  }
  std::mt19937_64 rng(1234u + static_cast<unsigned>(comm.rank()));
  std::normal_distribution<double> gauss(0.0, 1.0);
  std::vector<double> z(n), x(n);
  for (std::size_t i = 0; i < n; ++i) z[i] = gauss(rng), x[i] = 0.5 * gauss(rng);
  const plot::pp::Particles parts{reduce::ArrayView(z.data(), n), reduce::ArrayView(x.data(), n), {}, {}, {}};
  for (int a = 3; a < argc; ++a) {
    plot::pp::PlotOptions opt;
    opt.cellarray = true;
    opt.nx = opt.ny = std::size_t(std::atoi(argv[a]));
    std::vector<double> times;
    for (int k = -1; k < frames; ++k) {  // frame -1 warms up, untimed
      MPI_Barrier(MPI_COMM_WORLD);
      const double t0 = MPI_Wtime();
      if (root) plot::fma();
      plot::pp::ppgeneric(comm, parts, opt);
      MPI_Barrier(MPI_COMM_WORLD);
      if (k >= 0) times.push_back(MPI_Wtime() - t0);
    }
    if (root) {
      std::printf("%s", argv[a]);
      for (double t : times) std::printf(" %.6g", t);
      std::printf("\n");
      std::fflush(stdout);
    }
  }
  MPI_Finalize();
  return 0;
}
