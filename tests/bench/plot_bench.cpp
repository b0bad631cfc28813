// Rendering benchmark, C++ side (driven by plot_bench.py, which times
// matplotlib's Agg on the same plots in the same invocation and writes
// results/plot.md).
//
//   plot_bench OUTDIR REPS   for each case: the best of REPS runs of
//                            "build the frame, render 600x600, write the PNG",
//                            one "case seconds" line each. Seconds of CPU
//                            time of this process (both sides are single
//                            threaded), so that a busy machine does not
//                            skew the ratio.
#include <time.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "pargist/libplot/gist.hpp"
#include "pargist/libplot/hardcopy.hpp"

namespace gp = pargist::plot;

namespace {

// Deterministic pseudo-random normal deviates (64-bit LCG + Box-Muller).
std::vector<double> normals(std::size_t n, std::uint64_t seed) {
  std::vector<double> v(n);
  std::uint64_t s = seed;
  auto uniform = [&s] {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double((s >> 11) + 1)) / 9007199254740993.0;
  };
  for (std::size_t i = 0; i < n; i += 2) {
    const double r = std::sqrt(-2 * std::log(uniform())), t = 6.283185307179586 * uniform();
    v[i] = r * std::cos(t);
    if (i + 1 < n) v[i + 1] = r * std::sin(t);
  }
  return v;
}

void start_frame() {
  gp::reset_all();
  gp::WindowOptions o;
  o.display = "";
  o.dpi = 100;  // 600x600 pixels, as the matplotlib figure (6 in at 100 dpi)
  gp::window(0, o);
}

void markers(std::size_t n) {
  static std::vector<double> x, y;
  if (x.size() != n) { x = normals(n, 1); y = normals(n, 2); }
  start_frame();
  gp::PlgOptions o;
  o.type = gp::LineType::none;
  o.marker = gp::marker_plus;
  o.msize = 0.4;
  gp::plg(y, x, o);
}

// A long noisy history (a diagnostic sampled every step): 1e5 points, a
// slow oscillation plus noise, so that every pixel column holds a band.
void noisy_curve() {
  const std::size_t n = 100000;
  static std::vector<double> x, y;
  if (x.empty()) {
    const std::vector<double> noise = normals(n, 3);
    x.resize(n);
    y.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = double(i) / double(n);
      y[i] = std::sin(40.0 * x[i]) + 0.2 * noise[i];
    }
  }
  start_frame();
  gp::PlgOptions o;
  o.marks = false;
  gp::plg(y, x, o);
}

void cells() {
  const std::size_t n = 1000;
  static gp::Grid z;
  if (z.v.empty()) {
    z = {std::vector<double>(n * n), n, n};
    for (std::size_t j = 0; j < n; ++j)
      for (std::size_t i = 0; i < n; ++i) z.v[i + n * j] = std::sin(0.02 * double(i)) * std::cos(0.013 * double(j));
  }
  start_frame();
  gp::pli(z);
}

void contours() {
  const std::size_t n = 200;
  static gp::Grid x, y, z;
  if (z.v.empty()) {
    x = y = z = {std::vector<double>(n * n), n, n};
    for (std::size_t j = 0; j < n; ++j)
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t p = i + n * j;
        x.v[p] = -3.0 + 6.0 * double(i) / (n - 1);
        y.v[p] = -3.0 + 6.0 * double(j) / (n - 1);
        z.v[p] = std::sin(x.v[p] * 1.3) * std::cos(y.v[p]) + 0.1 * x.v[p] * y.v[p];
      }
  }
  start_frame();
  gp::PlcOptions o;
  o.nlevs = 10;
  gp::plc(z, y, x, o);
}

double cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

template <class F>
double best_of(int reps, const std::string& path, F build) {
  double best = 1e300;
  for (int r = 0; r < reps; ++r) {
    const double t0 = cpu_seconds();
    build();
    gp::png(path);
    best = std::min(best, cpu_seconds() - t0);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: plot_bench OUTDIR REPS\n");
    return 2;
  }
  const std::string out = argv[1];
  const int reps = std::max(1, std::atoi(argv[2]));
  std::printf("markers_1e5 %.6f\n", best_of(reps, out + "/pargist_markers_1e5.png", [] { markers(100000); }));
  std::printf("markers_1e6 %.6f\n", best_of(reps, out + "/pargist_markers_1e6.png", [] { markers(1000000); }));
  std::printf("curve_1e5 %.6f\n", best_of(reps, out + "/pargist_curve_1e5.png", noisy_curve));
  std::printf("cells_1000 %.6f\n", best_of(reps, out + "/pargist_cells_1000.png", cells));
  std::printf("contour_200 %.6f\n", best_of(reps, out + "/pargist_contour_200.png", contours));
  gp::reset_all();
  return 0;
}
