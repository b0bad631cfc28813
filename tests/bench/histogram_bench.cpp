// histogram2d called from C++: the reference for the same call through
// Python. tests/bench/histogram_bench.py runs both layers in one invocation
// and writes results/histogram.md.
//
//   histogram_bench PARTICLES ngp|cic CASE...     CASE = BINS:CALLS:free|keep
//
// One rank. PARTICLES is a file of N float64 x then N float64 y (the driver
// writes the arrays it uses itself, so both layers see the same particles),
// deposited on a BINS x BINS grid over [-4, 4]^2, CALLS calls in a row per
// case; prints one line per case, "BINS PATTERN t1 t2 ...", the wall
// seconds of each call. Only the call is timed. "free": each result replaces
// the previous one once the call has returned (a plotting loop); "keep":
// every result stays alive.
#include <pargist/reduce/reduce.hpp>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "numpy_like_memory.hpp"

using namespace pargist::reduce;

namespace {

// x then y, the same number of each, read into memory of this process.
bool read_particles(const char* path, std::vector<double>& x, std::vector<double>& y) {
  std::FILE* f = std::fopen(path, "rb");
  if (!f) return false;
  std::fseek(f, 0, SEEK_END);
  const long bytes = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  const auto n = std::size_t(bytes) / (2 * sizeof(double));
  x = bench::numpy_like_array(n);
  y = bench::numpy_like_array(n);
  const bool ok = std::fread(x.data(), sizeof(double), n, f) == n && std::fread(y.data(), sizeof(double), n, f) == n;
  std::fclose(f);
  return ok;
}

// The monotonic clock, read in user space (vDSO) like Python's
// perf_counter_ns: the thread CPU clock is a system call here (1.2 us in
// C++, more from Python), counted inside every timed call.
double wall_seconds() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s PARTICLES ngp|cic BINS:CALLS:free|keep...\n", argv[0]);
    return 2;
  }
  std::vector<double> x, y;
  if (!read_particles(argv[1], x, y)) {
    std::fprintf(stderr, "cannot read particles from %s\n", argv[1]);
    return 2;
  }
  const std::size_t n = x.size();
  DepositOptions o;
  o.method = std::string(argv[2]) == "cic" ? Method::cic : Method::ngp;

  Comm comm;
  const ArrayView vx(x.data(), n), vy(y.data(), n);
  for (int a = 3; a < argc; ++a) {
    std::size_t bins = 0;
    int calls = 0;
    char pattern[8] = {0};
    if (std::sscanf(argv[a], "%zu:%d:%7s", &bins, &calls, pattern) != 3) {
      std::fprintf(stderr, "bad case %s\n", argv[a]);
      return 2;
    }
    const bool keep = std::string(pattern) == "keep";
    std::vector<Grid2D> kept;
    Grid2D last;
    std::printf("%zu %s", bins, pattern);
    for (int k = 0; k < calls; ++k) {
      const double t0 = wall_seconds();
      Grid2D g = histogram2d(comm, vx, vy, Axis{bins, -4.0, 4.0}, Axis{bins, -4.0, 4.0}, o);
      const double t = wall_seconds() - t0;
      if (g.stats.deposited + g.stats.outside != n) return 1;
      if (keep)
        kept.push_back(std::move(g));
      else
        last = std::move(g);
      std::printf(" %.9g", t);
    }
    std::printf("\n");
    std::fflush(stdout);
  }
  return 0;
}
