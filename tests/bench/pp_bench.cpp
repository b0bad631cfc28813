// A ppzx density frame from C++: the reference for the same frame through
// Python. tests/bench/pp_bench.py runs both layers in one invocation, under
// mpirun, and writes results/pp.md.
//
//   mpirun -n P pp_bench PARTICLES_PER_RANK FRAMES BINS...
//
// Every rank makes PARTICLES_PER_RANK near-Gaussian particles (z: sigma 1,
// x: sigma 0.5; the same numbers as the Python side) and, for each grid side in BINS,
// times FRAMES frames of what pargist.ppzx(z=z, x=x, cellarray=1, nx=B,
// ny=B) draws, made from C++: fma(), pp::node_density_cellarray (Warp's
// node grid, CIC as ppzx's default, deposited, reduced to rank 0 and drawn
// there as a cell array), then on rank 0 Warp's colour bar
// (pp::warp_colorbar) and ppzx's three titles where Warp puts them beside
// the viewport; no file written. Each frame starts and ends at a barrier.
// Rank 0 prints one line per side: "BINS t1 t2 ...", wall seconds of each
// frame. With PP_BENCH_PNG=prefix set, rank 0 also writes the last frame of
// each side to prefix-cxx-BINS.png (untimed), for the driver to compare with
// the Python layer's picture.
#include <mpi.h>

#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <string>
#include <vector>

#include "pargist/libplot/gist.hpp"
#include "pargist/pp/pp.hpp"
#include "numpy_like_memory.hpp"

namespace plot = pargist::plot;
namespace reduce = pargist::reduce;

namespace {

// The particles, the same numbers in both layers (pp_bench.py's
// near_gaussian): particle g (global index) of stream 0 (z) or 1 (x) is a
// sum of four uniforms from SplitMix64 of a counter, centred and scaled to
// unit variance. Integer and exact float arithmetic only, so numpy gives the
// same doubles and the two layers' pictures can be compared byte for byte.
std::uint64_t splitmix64(std::uint64_t c) {
  c *= 0x9E3779B97F4A7C15ull;
  c = (c ^ (c >> 30)) * 0xBF58476D1CE4E5B9ull;
  c = (c ^ (c >> 27)) * 0x94D049BB133111EBull;
  return c ^ (c >> 31);
}

double near_gaussian(std::uint64_t g, unsigned stream) {
  double s = 0.0;
  for (unsigned k = 0; k < 4; ++k) s += double(splitmix64(8 * g + 4 * stream + k) >> 11) * 0x1.0p-53;
  return (s - 2.0) * 1.7320508075688772;  // sqrt(3): variance 4/12 -> 1
}

// What pargist/session.py's ptitles and colorbar draw on rank 0 after the
// cells, for a viewport without Warp's fixed placements (the "work" style's
// system 1): Warp's setviewport rules (pargist/_warpstyle.py), the labels
// ppzx gives.
void warp_decorations(double cmin, double cmax) {
  const auto vp = plot::current_frame().systems[1].viewport;
  plot::pp::WarpColorbarOptions bar;
  bar.place = {vp.xmax + 0.0057, vp.xmax + 0.0257, vp.ymin + 0.003, vp.ymax - 0.003};
  bar.fontsize = bar.place[3] - bar.place[2] > 0.3 ? 14.0 : 11.0;
  bar.ncolor = bar.top = 199;  // Warp's ctop, the colour bar's band count for a cell array
  plot::plsys(0);
  plot::pp::warp_colorbar(cmin, cmax, bar);
  plot::plsys(1);
  plot::PltOptions t;
  t.justify = "CC";
  t.height = vp.xmax - vp.xmin > 0.3 ? 20.0 : 15.0;
  t.color = plot::NamedColor::fg;
  const double xmid = (vp.xmin + vp.xmax) / 2.0, ymid = (vp.ymin + vp.ymax) / 2.0;
  t.angle = 0.0;
  plot::plt("X vs Z", xmid, vp.ymax + 0.0327, t);
  plot::plt("Z", xmid, vp.ymin - 0.0277, t);
  t.angle = 90.0;
  plot::plt("X", vp.xmin - 0.0557, ymid, t);
}

}  // namespace

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
  std::vector<double> z = bench::numpy_like_array(n), x = bench::numpy_like_array(n);
  const std::uint64_t first = std::uint64_t(comm.rank()) * n;
  for (std::size_t i = 0; i < n; ++i) z[i] = near_gaussian(first + i, 0), x[i] = 0.5 * near_gaussian(first + i, 1);
  const plot::pp::Particles parts{reduce::ArrayView(z.data(), n), reduce::ArrayView(x.data(), n), {}, {}, {}};
  const char* png = std::getenv("PP_BENCH_PNG");
  for (int a = 3; a < argc; ++a) {
    plot::pp::NodeDensityOptions opt;  // ppzx's defaults: CIC, node centering, ctop 199
    opt.nx = opt.ny = std::size_t(std::atoi(argv[a]));
    std::vector<double> times;
    for (int k = -1; k < frames; ++k) {  // frame -1 warms up, untimed
      MPI_Barrier(MPI_COMM_WORLD);
      const double t0 = MPI_Wtime();
      if (root) plot::fma();
      const auto r = plot::pp::node_density_cellarray(comm, parts, opt);
      if (root) warp_decorations(r.cmin, r.cmax);
      MPI_Barrier(MPI_COMM_WORLD);
      if (k >= 0) times.push_back(MPI_Wtime() - t0);
    }
    if (root && png) plot::png(std::string(png) + "-cxx-" + argv[a] + ".png");
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
