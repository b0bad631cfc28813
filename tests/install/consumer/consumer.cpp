// A user's program: every rank holds its own particles, one collective call
// deposits them as a density on rank 0, which writes the frame as a PNG.
// Prints what the call reduced so the test can check it. Built by the
// install tests against an installed pargist, a build tree and pkg-config.
#include <pargist/libplot/gist.hpp>
#include <pargist/pp/pp.hpp>
#include <pargist/reduce/comm.hpp>
#include <pargist/reduce/limits.hpp>

#include <mpi.h>

#include <cmath>
#include <cstdio>
#include <vector>

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer OUT.png\n");
    MPI_Abort(MPI_COMM_WORLD, 2);
  }
  namespace pg = pargist;
  pg::reduce::Comm comm(MPI_COMM_WORLD);

  // 1000 particles a rank on a ring; rank r's ring is r units further out.
  std::vector<double> x(1000), y(1000);
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double a = 2 * M_PI * double(i) / double(x.size());
    const double radius = 1.0 + comm.rank();
    x[i] = radius * std::cos(a);
    y[i] = radius * std::sin(a);
  }
  const pg::reduce::Extent ex = pg::reduce::limits(comm, pg::reduce::ArrayView(x.data(), x.size()));

  pg::plot::pp::Particles particles;
  particles.x = pg::reduce::ArrayView(x.data(), x.size());
  particles.y = pg::reduce::ArrayView(y.data(), y.size());
  pg::plot::pp::PlotOptions options;
  options.cellarray = true;
  options.nx = options.ny = 64;
  const pg::plot::pp::PlotResult result = pg::plot::pp::ppgeneric(comm, particles, options);

  if (comm.rank() == 0) {
    pg::plot::png(argv[1]);
    std::printf("ranks %d count %llu xmax %g drawn %s selected %llu\n", comm.size(),
                static_cast<unsigned long long>(ex.count), ex.max, result.drawn.c_str(),
                static_cast<unsigned long long>(result.selected));
  }
  MPI_Finalize();
  return 0;
}
