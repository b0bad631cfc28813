#include "cgm_test_util.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <thread>

#include "pargist/libplot/hardcopy.hpp"

namespace cgm_test {

namespace plot = pargist::plot;
namespace cgm = pargist::cgm;

plot::Frame every_primitive_frame(int number) {
  plot::Frame f;
  f.number = number;
  f.title = "every primitive";
  f.palette.name = "test";
  for (int i = 0; i < 200; ++i)
    f.palette.colors.push_back({std::uint8_t(i), std::uint8_t(255 - i), std::uint8_t((i * 7) % 256)});
  f.systems.resize(3);
  f.systems[1].viewport = {0.15, 0.40, 0.60, 0.85};
  f.systems[2].viewport = {0.45, 0.70, 0.60, 0.85};
  f.systems[2].limits.log_y = false;

  auto& s1 = f.systems[1].elements;
  plot::Lines l;
  for (int i = 0; i <= 100; ++i) {
    l.x.push_back(i * 0.1);
    l.y.push_back(std::sin(i * 0.1));
  }
  l.line = {plot::NamedColor::red, plot::LineType::solid, 4.0};
  l.info.legend = "sine";
  s1.push_back(l);
  plot::Lines m = l;
  for (auto& y : m.y) y = -y;
  m.line = {plot::Color::from_rgb(30, 160, 90), plot::LineType::dash, 2.0};
  m.markers_at_points = true;
  m.marker = {plot::NamedColor::blue, plot::marker_circle, 0.5};
  s1.push_back(m);
  plot::Disjoint d;
  d.x0 = {0, 2, 4};
  d.y0 = {-1, -1, -1};
  d.x1 = {1, 3, 5};
  d.y1 = {1, 1, 1};
  d.line = {plot::NamedColor::magenta, plot::LineType::solid, 2.0};
  s1.push_back(d);
  plot::Text t;
  t.x = 5;
  t.y = 0.5;
  t.text = "E=mc^2 !a_1";
  t.tosys = true;
  t.style.height = 16;
  s1.push_back(t);

  auto& s2 = f.systems[2].elements;
  const std::size_t ni = 12, nj = 10;
  plot::QuadMesh q;
  q.ni = ni;
  q.nj = nj;
  for (std::size_t j = 0; j < nj; ++j)
    for (std::size_t i = 0; i < ni; ++i) {
      q.x.push_back(double(i) + 0.1 * double(j));
      q.y.push_back(double(j) + 0.05 * double(i * i) / double(ni));
    }
  plot::FillMesh fm;
  fm.mesh = q;
  for (std::size_t k = 0; k < ni * nj; ++k) fm.z.push_back(std::sin(0.3 * double(k)));
  s2.push_back(fm);
  plot::Mesh me;
  me.mesh = q;
  me.line.color = plot::NamedColor::white;
  s2.push_back(me);
  plot::Contours c;
  c.mesh = q;
  for (std::size_t j = 0; j < nj; ++j)
    for (std::size_t i = 0; i < ni; ++i) c.z.push_back(double(i) * double(j));
  c.levels = {10, 30, 60};
  s2.push_back(c);

  auto& s0 = f.systems[0].elements;
  plot::Cells cells;
  cells.nx = 40;
  cells.ny = 20;
  cells.x0 = 0.15;
  cells.y0 = 0.40;
  cells.x1 = 0.40;
  cells.y1 = 0.52;
  for (std::size_t j = 0; j < cells.ny; ++j)
    for (std::size_t i = 0; i < cells.nx; ++i) cells.colors.push_back(std::uint8_t((i * 5 + j * 3) % 200));
  s0.push_back(cells);
  plot::Polys p;
  p.x = {0.45, 0.55, 0.50, 0.58, 0.70, 0.70, 0.58};
  p.y = {0.40, 0.40, 0.50, 0.40, 0.40, 0.52, 0.52};
  p.n = {3, 4};
  p.colors = {plot::Color::palette(20), plot::Color::from_rgb(250, 128, 0)};
  p.edges = true;
  p.edge_style = {plot::NamedColor::black, plot::LineType::solid, 1.0};
  s0.push_back(p);
  plot::Text title;
  title.x = 0.40;
  title.y = 0.90;
  title.text = "Title: !p r^2 x_0";
  title.style.height = 20;
  title.style.halign = plot::HAlign::center;
  s0.push_back(title);
  plot::Text up;
  up.x = 0.10;
  up.y = 0.60;
  up.text = "vertical";
  up.style.angle = 90;
  up.style.color = plot::NamedColor::blue;
  s0.push_back(up);
  return f;
}

plot::Frame scatter_cells_frame(std::size_t n_points, std::size_t nx, unsigned seed) {
  plot::Frame f;
  f.number = int(seed);
  for (int i = 0; i < 240; ++i)
    f.palette.colors.push_back({std::uint8_t(i), std::uint8_t(i / 2), std::uint8_t(255 - i)});
  f.systems.resize(2);
  std::mt19937 rng(seed);
  std::normal_distribution<double> g(0.0, 1.0);
  plot::Lines m;
  m.line.type = plot::LineType::none;
  m.markers_at_points = true;
  m.marker = {plot::NamedColor::fg, plot::marker_point, 1.0};
  for (std::size_t i = 0; i < n_points; ++i) {
    m.x.push_back(g(rng));
    m.y.push_back(g(rng));
  }
  plot::Cells c;
  c.nx = c.ny = nx;
  c.x0 = -3;
  c.y0 = -3;
  c.x1 = 3;
  c.y1 = 3;
  c.colors.resize(nx * nx);
  for (std::size_t j = 0; j < nx; ++j)
    for (std::size_t i = 0; i < nx; ++i) c.colors[j * nx + i] = std::uint8_t((i + j + seed) % 240);
  auto& s = f.systems[1];
  s.limits = {-3, 3, -3, 3, false, false, false, false};
  s.elements.push_back(c);
  s.elements.push_back(m);
  return f;
}

Bytes assemble_metafile(const pargist::cgm::CgmRenderer& r, const std::vector<Bytes>& pictures) {
  Bytes out = r.metafile_header("pargist test");
  for (const auto& p : pictures) out.insert(out.end(), p.begin(), p.end());
  out.push_back(0x00);
  out.push_back(0x40);
  return out;
}

Bytes read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_bytes(const std::string& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string fresh_dir(const std::string& name) {
  const std::string dir = std::string(PARGIST_TEST_OUTPUT_DIR) + "/cgm/" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

Killed kill_cgm_writer(const std::string& path, const cgm::CgmOptions& options,
                       const std::function<plot::Frame(int)>& frame, int frames, bool pause,
                       std::chrono::milliseconds delay) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("kill_cgm_writer: pipe failed");
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("kill_cgm_writer: fork failed");
  if (pid == 0) {
    ::close(fds[0]);
    cgm::CgmFamilyWriter writer(path, options);
    for (int k = 1;; ++k) {
      writer.write(frame(k));
      const char c = 'f';
      if (::write(fds[1], &c, 1) != 1) ::_exit(3);
      if (pause && k == frames) ::pause();
    }
  }
  ::close(fds[1]);
  Killed out;
  char c;
  while (out.finished < frames && ::read(fds[0], &c, 1) == 1) ++out.finished;
  std::this_thread::sleep_for(delay);
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  while (::read(fds[0], &c, 1) == 1) ++out.finished;  // pictures finished before the kill landed
  ::close(fds[0]);
  out.by_signal = WIFSIGNALED(status);
  return out;
}

int run(const std::string& command, const std::string& log) {
  const std::string full = "(" + command + ") >" + log + " 2>&1";
  const int status = std::system(full.c_str());
  if (status == -1) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool have_program(const std::string& name) {
  return run("command -v " + name) == 0;
}

namespace {

std::vector<double> blurred(const plot::RasterImage& im, int r) {
  const int w = im.width, h = im.height;
  std::vector<double> out(std::size_t(w) * std::size_t(h) * 3, 0.0);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      double sum[3] = {0, 0, 0};
      int n = 0;
      for (int dy = -r; dy <= r; ++dy)
        for (int dx = -r; dx <= r; ++dx) {
          const int xx = std::clamp(x + dx, 0, w - 1), yy = std::clamp(y + dy, 0, h - 1);
          const auto c = im.rgb(xx, yy);
          sum[0] += c.r;
          sum[1] += c.g;
          sum[2] += c.b;
          ++n;
        }
      for (int k = 0; k < 3; ++k) out[(std::size_t(y) * std::size_t(w) + std::size_t(x)) * 3 + std::size_t(k)] = sum[k] / n;
    }
  return out;
}

}  // namespace

ImageDifference compare_images(const std::string& a_png, const std::string& b_png, int r) {
  const auto a = plot::read_png_image(a_png), b = plot::read_png_image(b_png);
  if (a.width != b.width || a.height != b.height)
    throw std::runtime_error(a_png + " and " + b_png + " differ in size");
  const auto ba = blurred(a, r), bb = blurred(b, r);
  ImageDifference d;
  const std::size_t pixels = std::size_t(a.width) * std::size_t(a.height);
  std::size_t bad = 0;
  for (std::size_t p = 0; p < pixels; ++p) {
    double diff = 0;
    for (int k = 0; k < 3; ++k) diff += std::fabs(ba[p * 3 + std::size_t(k)] - bb[p * 3 + std::size_t(k)]);
    d.mean += diff / 3;
    if (diff / 3 > 64) ++bad;
  }
  d.mean /= double(pixels);
  d.fraction = double(bad) / double(pixels);
  return d;
}

int ghostscript_png(const std::string& ps, const std::string& out_pattern, int dpi) {
  return run("gs -q -dSAFER -dNOPAUSE -dBATCH -sDEVICE=png16m -sPAPERSIZE=letter -dFIXEDMEDIA -r" +
             std::to_string(dpi) + " -sOutputFile=" + out_pattern + " " + ps);
}

std::string pargist_view() {
#ifdef PARGIST_VIEW_EXE
  return PARGIST_VIEW_EXE;
#else
  return std::string(PARGIST_SOURCE_DIR) + "/build/bin/pargist-view";
#endif
}

}  // namespace cgm_test
