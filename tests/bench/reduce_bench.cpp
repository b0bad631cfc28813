// Deposition benchmark, C++ side (driven by reduce_bench.py, which runs the
// numpy peers in the same invocation and writes results/reduce.md).
//
//   reduce_bench throughput N REPS   one rank: seconds for a plain sum (the
//                                    bandwidth reference), NGP and CIC on
//                                    512x512, and the peak-RSS growth during
//                                    a deposition; one "key value" per line.
//   reduce_bench plots N PLOTS       under mpiexec: N particles split over
//                                    the ranks, PLOTS NGP histograms to rank 0
//                                    (bytes are counted by OpenMPI's monitoring).
#include <pargist/reduce/reduce.hpp>

#include <algorithm>
#include <array>
#include <ctime>
#include <functional>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

using namespace pargist::reduce;

namespace {

constexpr std::size_t grid = 512;
constexpr double lim = 4.0;  // grid covers [-4, 4] in both axes (Gaussian sd 1)

// Gaussian beam-like particles (Box-Muller on a 64-bit LCG), filled in place.
void fill_normal(std::vector<double>& x, std::vector<double>& y, std::uint64_t seed) {
  std::uint64_t s = seed * 0x9e3779b97f4a7c15ULL + 1;
  auto uni = [&] {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double((s >> 11) ^ (s >> 40)) + 0.5) * 0x1.0p-53;
  };
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double r = std::sqrt(-2.0 * std::log(uni())), t = 6.283185307179586 * uni();
    x[i] = r * std::cos(t);
    y[i] = r * std::sin(t);
  }
}

// CPU time of this thread: the machine may be shared, and preemption is
// not the code's cost (the numpy side measures the same way).
double now() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

// Peak resident set (VmHWM) and current (VmRSS), in bytes.
long status_kb(const char* key) {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind(key, 0) == 0) return std::atol(line.c_str() + std::strlen(key));
  return -1;
}
void reset_peak() { std::ofstream("/proc/self/clear_refs") << "5"; }

volatile double sink;

// Evicts the caches (a write pass over twice the last-level cache), so that
// the next timed pass reads its arrays from memory. Without it, arrays of
// 1e6 particles (16 MB) stay in this machine's 32 MB L3 and a "bandwidth"
// reference would measure the cache instead.
void evict_caches() {
  static std::vector<double> junk(64u << 20 >> 3);
  for (std::size_t i = 0; i < junk.size(); i += 8) junk[i] += 1.0;
  sink = junk[junk.size() / 2];
}

// Best time of each of the functions, measured in turns (one of each per
// round) so that a slow spell of a shared machine hits them all alike;
// cold = caches evicted before each timed call.
template <std::size_t K>
std::array<double, K> best_in_turns(int reps, bool cold, const std::array<std::function<void()>, K>& fs) {
  std::array<double, K> best;
  best.fill(1e300);
  for (int r = 0; r < reps; ++r)
    for (std::size_t k = 0; k < K; ++k) {
      if (cold) evict_caches();
      const double t0 = now();
      fs[k]();
      best[k] = std::min(best[k], now() - t0);
    }
  return best;
}

int throughput(std::size_t n, int reps) {
  Comm comm;
  std::vector<double> x(n), y(n);
  fill_normal(x, y, 1);
  const Axis ax{grid, -lim, lim}, ay{grid, -lim, lim};
  const ArrayView vx(x.data(), n), vy(y.data(), n);
  DepositOptions ngp, cic;
  cic.method = Method::cic;
  Grid2D last;

  const std::array<std::function<void()>, 4> fs = {
      // Bandwidth reference: a plain sum over both arrays (4 accumulators so
      // that it is bound by memory, not by the add latency).
      [&] {
        double a = 0, b = 0, c = 0, d = 0;
        std::size_t i = 0;
        for (; i + 2 <= n; i += 2) a += x[i], b += y[i], c += x[i + 1], d += y[i + 1];
        for (; i < n; ++i) a += x[i] + y[i];
        sink = a + b + c + d;
      },
      [&] { last = histogram2d(comm, vx, vy, ax, ay, ngp); },
      [&] { histogram2d(comm, vx, vy, ax, ay, cic); },
      // Limits found from the data cost one more pass.
      [&] { histogram2d(comm, vx, vy, Axis{grid}, Axis{grid}, ngp); },
  };
  const auto warm = best_in_turns(reps, false, fs);
  const auto cold = best_in_turns(reps, true, fs);

  // Memory: peak RSS growth during one deposition of each kind, arrays
  // resident; the returned grid (the plot itself) is part of the growth.
  const long base = status_kb("VmRSS:");
  reset_peak();
  histogram2d(comm, vx, vy, ax, ay, cic);
  histogram2d(comm, vx, vy, ax, ay, ngp);
  const long peak = status_kb("VmHWM:");

  std::printf("n %zu\nsum_s %.6g\nngp_s %.6g\ncic_s %.6g\nngp_auto_s %.6g\n", n, warm[0], warm[1], warm[2], warm[3]);
  std::printf("sum_cold_s %.6g\nngp_cold_s %.6g\ncic_cold_s %.6g\n", cold[0], cold[1], cold[2]);
  std::printf("rss_growth_bytes %ld\narray_bytes %zu\nresult_bytes %zu\ndeposited %llu\n", (peak - base) * 1024,
              2 * n * sizeof(double), grid * grid * sizeof(double), (unsigned long long)last.stats.deposited);
  return 0;
}

int plots(std::size_t n, int count) {
  Comm comm;
  const std::size_t b = n * comm.rank() / comm.size(), e = n * (comm.rank() + 1) / comm.size();
  std::vector<double> x(e - b), y(e - b);
  fill_normal(x, y, 100 + comm.rank());
  for (int k = 0; k < count; ++k) {
    DepositOptions o;
    o.method = k % 2 ? Method::cic : Method::ngp;
    Grid2D g = histogram2d(comm, ArrayView(x.data(), x.size()), ArrayView(y.data(), y.size()), {grid, -lim, lim},
                           {grid, -lim, lim}, o);
    if (comm.rank() == 0 && g.values.size() != grid * grid) return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s throughput|plots N REPS|PLOTS\n", argv[0]);
    return 2;
  }
  const std::string mode = argv[1];
  const std::size_t n = std::size_t(std::atof(argv[2]));
  const int k = std::atoi(argv[3]);
  if (mode == "throughput") return throughput(n, k);
  if (mode == "plots") return plots(n, k);
  std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
  return 2;
}
