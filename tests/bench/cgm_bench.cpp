// CGM writing benchmark, C++ side (driven by cgm_bench.sh, which times
// Yorick writing the same kind of frames in the same invocation and writes
// results/cgm.md).
//
//   cgm_bench OUTDIR FRAMES KIND   writes FRAMES frames of one kind three
//                                  ways: a CGM family with the world-
//                                  coordinate record (pargist's default), a
//                                  plain Gist CGM without it, and one PNG per
//                                  frame (600x600, Gist's window view at 100
//                                  dpi). Prints one line per way: "name
//                                  cpu_seconds total_bytes"; then writes the
//                                  coordinates of a frame (x then y, or a
//                                  contour's x, y, z; float64)
//                                  to OUTDIR/coords.bin for the floor.
//   cgm_bench OUTDIR FRAMES KIND WAYS  only the ways named (comma-separated:
//                                  cgm, plain, png), e.g. to profile one.
// Kinds: scatter (a 1e4-point scatter plus a 256x256 cell array), density
// (a 200x200 cell array of a particle density, as ppzx cellarray=1 draws
// it), curve (a smooth 1e4-point curve), contour (10 levels of a smooth
// field on a 200x200 mesh, as plc draws it).
// CPU seconds of this process: a busy shared machine does not skew the ratio.
#include <time.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "pargist/libplot/cgm.hpp"
#include "pargist/libplot/hardcopy.hpp"

namespace plot = pargist::plot;
namespace cgm = pargist::cgm;
namespace fs = std::filesystem;

namespace {

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

// Deterministic normal deviates (64-bit LCG + Box-Muller).
void normals(std::vector<double>& v, std::uint64_t& s) {
  auto uniform = [&s] {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double((s >> 11) + 1)) / 9007199254740993.0;
  };
  for (std::size_t i = 0; i < v.size(); i += 2) {
    const double r = std::sqrt(-2 * std::log(uniform())), t = 6.283185307179586 * uniform();
    v[i] = r * std::cos(t);
    if (i + 1 < v.size()) v[i + 1] = r * std::sin(t);
  }
}

plot::Frame empty_frame(int k) {
  plot::Frame f;
  f.number = k;
  for (int i = 0; i < 240; ++i)
    f.palette.colors.push_back({std::uint8_t(i), std::uint8_t(255 - i), std::uint8_t(128)});
  f.systems.resize(2);
  return f;
}

plot::Lines points(std::size_t n) {
  plot::Lines m;
  m.line.type = plot::LineType::none;
  m.markers_at_points = true;
  m.marker = {plot::NamedColor::fg, plot::marker_point, 1.0};
  m.x.resize(n);
  m.y.resize(n);
  return m;
}

// scatter, frame k: the cell array shifts its colours, the points are new.
plot::Frame scatter_frame(int k, std::uint64_t& seed) {
  plot::Frame f = empty_frame(k);
  auto& s = f.systems[1];
  s.limits = {-4, 4, -4, 4, false, false, false, false};
  plot::Cells c;
  c.nx = c.ny = 256;
  c.x0 = c.y0 = -4;
  c.x1 = c.y1 = 4;
  c.colors.resize(256 * 256);
  for (std::size_t j = 0; j < 256; ++j)
    for (std::size_t i = 0; i < 256; ++i) c.colors[j * 256 + i] = std::uint8_t((i + j + std::size_t(k)) % 240);
  s.elements.push_back(std::move(c));
  plot::Lines m = points(10000);
  normals(m.x, seed);
  normals(m.y, seed);
  s.elements.push_back(std::move(m));
  return f;
}

// density, frame k: 2e5 Gaussian particles counted on 200x200 cells over
// [-4, 4]^2, the counts scaled onto the palette (Gist's bytscl).
plot::Frame density_frame(int k, std::uint64_t& seed) {
  plot::Frame f = empty_frame(k);
  auto& s = f.systems[1];
  s.limits = {-4, 4, -4, 4, false, false, false, false};
  std::vector<double> x(200000), y(200000);
  normals(x, seed);
  normals(y, seed);
  std::vector<double> count(200 * 200, 0.0);
  for (std::size_t i = 0; i < x.size(); ++i) {
    const int ix = int(std::floor((x[i] + 4) * 25)), iy = int(std::floor((y[i] + 4) * 25));
    if (ix >= 0 && ix < 200 && iy >= 0 && iy < 200) count[std::size_t(iy) * 200 + std::size_t(ix)] += 1;
  }
  const double top = *std::max_element(count.begin(), count.end());
  plot::Cells c;
  c.nx = c.ny = 200;
  c.x0 = c.y0 = -4;
  c.x1 = c.y1 = 4;
  for (double v : count) c.colors.push_back(std::uint8_t(std::min(239.0, std::floor(v / top * 240.0))));
  s.elements.push_back(std::move(c));
  return f;
}

// curve, frame k: y = sin(x + k/10) exp(-x/5) at 1e4 points over [0, 10].
plot::Frame curve_frame(int k) {
  plot::Frame f = empty_frame(k);
  plot::Lines l;
  for (int i = 0; i < 10000; ++i) {
    const double x = 10.0 * i / 9999;
    l.x.push_back(x);
    l.y.push_back(std::sin(x + k / 10.0) * std::exp(-x / 5));
  }
  f.systems[1].elements.push_back(std::move(l));
  return f;
}

// contour, frame k: 10 levels of sin(1.3 x + k/10) cos(y) + 0.1 x y on a
// 200x200 mesh over [-3, 3]^2, the levels evenly between the field's
// extremes (as cgm_bench.i gives Yorick's plc).
plot::Frame contour_frame(int k) {
  plot::Frame f = empty_frame(k);
  constexpr std::size_t n = 200;
  plot::Contours c;
  c.mesh.ni = c.mesh.nj = n;
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t i = 0; i < n; ++i) {
      const double x = -3.0 + 6.0 * double(i) / (n - 1), y = -3.0 + 6.0 * double(j) / (n - 1);
      c.mesh.x.push_back(x);
      c.mesh.y.push_back(y);
      c.z.push_back(std::sin(1.3 * x + k / 10.0) * std::cos(y) + 0.1 * x * y);
    }
  const auto [lo, hi] = std::minmax_element(c.z.begin(), c.z.end());
  for (int l = 1; l <= 10; ++l) c.levels.push_back(*lo + (*hi - *lo) * l / 11.0);
  f.systems[1].elements.push_back(std::move(c));
  return f;
}

std::uintmax_t folder_bytes(const std::string& dir) {
  std::uintmax_t total = 0;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file()) total += e.file_size();
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::fprintf(stderr, "usage: cgm_bench OUTDIR FRAMES scatter|density|curve|contour [cgm,plain,png]\n");
    return 1;
  }
  const std::string out = argv[1];
  const int frames = std::atoi(argv[2]);
  const std::string kind = argv[3];
  const std::string ways = argc == 5 ? std::string(",") + argv[4] + "," : ",cgm,plain,png,";
  auto wanted = [&](const char* way) { return ways.find(std::string(",") + way + ",") != std::string::npos; };
  for (const char* sub : {"cgm", "plain", "png"}) {
    fs::remove_all(out + "/" + sub);
    fs::create_directories(out + "/" + sub);
  }
  // The frames are built outside the timed part, once, as a simulation
  // would hand them over.
  std::uint64_t seed = 12345;
  std::vector<plot::Frame> pool;
  for (int k = 0; k < 8; ++k)
    pool.push_back(kind == "density"   ? density_frame(k, seed)
                   : kind == "curve"   ? curve_frame(k)
                   : kind == "contour" ? contour_frame(k)
                                       : scatter_frame(k, seed));

  for (const bool record : {true, false}) {
    if (!wanted(record ? "cgm" : "plain")) continue;
    cgm::CgmOptions options;
    options.world_record = record;
    const std::string dir = out + (record ? "/cgm" : "/plain");
    const double t0 = cpu_seconds();
    {
      cgm::CgmFamilyWriter writer(dir + "/bench.cgm", options);
      for (int k = 0; k < frames; ++k) writer.write(pool[std::size_t(k) % pool.size()]);
    }
    const double t = cpu_seconds() - t0;
    std::printf("%s %.4f %ju\n", record ? "cgm" : "cgm_plain", t, folder_bytes(dir));
    std::fflush(stdout);
  }
  if (wanted("png")) {
    const double t0 = cpu_seconds();
    for (int k = 0; k < frames; ++k) {
      char name[64];
      std::snprintf(name, sizeof name, "/png/frame%04d.png", k);
      plot::write_png(pool[std::size_t(k) % pool.size()], out + name);
    }
    std::printf("png %.4f %ju\n", cpu_seconds() - t0, folder_bytes(out + "/png"));
  }
  // The coordinates of frame 0, for the floor of what any lossless record of
  // them takes (the driver compresses them as hard as it can).
  std::FILE* coords = std::fopen((out + "/coords.bin").c_str(), "wb");
  auto put = [coords](const std::vector<double>& v) { std::fwrite(v.data(), sizeof(double), v.size(), coords); };
  for (const auto& e : pool[0].systems[1].elements)
    if (const auto* l = std::get_if<plot::Lines>(&e)) {
      put(l->x);
      put(l->y);
    } else if (const auto* c = std::get_if<plot::Contours>(&e)) {
      put(c->mesh.x);
      put(c->mesh.y);
      put(c->z);
    }
  std::fclose(coords);
  return 0;
}
