// pargist-gallery [outdir]: every Gist primitive on one page (2x2 panels),
// the built-in palettes, and a classic single plot with a colorbar; written
// as PNGs and one multi-page PDF. Prints where the files are.
#include <sys/stat.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "pargist/libplot/gist.hpp"
#include "pargist/libplot/hardcopy.hpp"
#include "pargist/libplot/palette.hpp"

namespace gp = pargist::plot;

namespace {

constexpr double kPi = 3.14159265358979323846;

// A curvilinear mesh: a quarter annulus, i along the radius, j along the angle.
void annulus(std::size_t ni, std::size_t nj, gp::Grid& x, gp::Grid& y) {
  x = {std::vector<double>(ni * nj), ni, nj};
  y = x;
  for (std::size_t j = 0; j < nj; ++j)
    for (std::size_t i = 0; i < ni; ++i) {
      const double r = 1.0 + 2.0 * double(i) / double(ni - 1);
      const double t = 0.5 * kPi * double(j) / double(nj - 1);
      x.v[i + ni * j] = r * std::cos(t);
      y.v[i + ni * j] = r * std::sin(t);
    }
}

void panel_curves() {
  gp::plsys(1);
  std::vector<double> x(200), y1(200), y2(200);
  for (int i = 0; i < 200; ++i) {
    x[i] = 10.0 * i / 199.0;
    y1[i] = std::sin(x[i]) * std::exp(-x[i] / 5);
    y2[i] = 0.8 * std::cos(x[i]);
  }
  gp::PlgOptions red;
  red.color = gp::Color(gp::NamedColor::red);
  red.width = 3;
  red.legend = "plg: sin(x) exp(-x/5)";
  gp::plg(y1, x, red);
  gp::PlgOptions dash;
  dash.type = gp::LineType::dash;
  dash.legend = "plg type=dash";
  gp::plg(y2, x, dash);
  std::vector<double> sx, sy;
  for (int i = 0; i < 12; ++i) {
    sx.push_back(0.4 + 0.8 * i);
    sy.push_back(-0.9 + 0.15 * std::sin(1.7 * i));
  }
  gp::PlgOptions pts;
  pts.type = gp::LineType::none;
  pts.marker = gp::marker_circle;
  pts.color = gp::Color(gp::NamedColor::blue);
  gp::plg(sy, sx, pts);
  gp::LineOptions seg;
  seg.color = gp::Color(gp::NamedColor::magenta);
  gp::pldj({1, 3, 5, 7}, {0.9, 0.9, 0.9, 0.9}, {2, 4, 6, 8}, {1.0, 0.8, 1.0, 0.8}, seg);
  gp::PltOptions t;
  t.tosys = true;
  t.height = 10;
  t.justify = "LH";
  gp::plt("plg, pldj", 6.3, -0.55, t);
}

void panel_mesh_contours() {
  gp::plsys(2);
  gp::Grid x, y;
  annulus(16, 16, x, y);
  gp::Grid z{std::vector<double>(x.v.size()), x.ni, x.nj};
  for (std::size_t k = 0; k < z.v.size(); ++k) z.v[k] = x.v[k] * x.v[k] - y.v[k] * y.v[k];
  gp::MeshOptions mesh;
  mesh.color = gp::Color(gp::NamedColor::cyan);
  gp::plm(y, x, mesh);
  gp::PlcOptions c;
  c.nlevs = 9;
  c.width = 2;
  c.marks = true;
  gp::plc(z, y, x, c);
  gp::PltOptions t;
  t.tosys = true;
  t.height = 10;
  gp::plt("plm, plc", 0.1, 0.2, t);
}

void panel_fill_vectors() {
  gp::plsys(3);
  gp::Grid x, y;
  annulus(24, 24, x, y);
  gp::Grid z{std::vector<double>((x.ni - 1) * (x.nj - 1)), x.ni - 1, x.nj - 1};
  for (std::size_t j = 0; j + 1 < x.nj; ++j)
    for (std::size_t i = 0; i + 1 < x.ni; ++i) {
      const std::size_t p = i + x.ni * j;
      const double cx = 0.25 * (x.v[p] + x.v[p + 1] + x.v[p + x.ni] + x.v[p + x.ni + 1]);
      const double cy = 0.25 * (y.v[p] + y.v[p + 1] + y.v[p + x.ni] + y.v[p + x.ni + 1]);
      z.v[i + (x.ni - 1) * j] = std::sin(2 * cx) * std::cos(2 * cy);
    }
  gp::plf(z, y, x);
  std::vector<double> vx, vy, px, py;
  for (std::size_t j = 1; j + 1 < x.nj; j += 4)
    for (std::size_t i = 1; i + 1 < x.ni; i += 4) {
      const std::size_t p = i + x.ni * j;
      px.push_back(x.v[p]);
      py.push_back(y.v[p]);
      vx.push_back(-y.v[p]);
      vy.push_back(x.v[p]);
    }
  gp::PlvOptions v;
  v.color = gp::Color(gp::NamedColor::white);
  gp::plv(vy, vx, py, px, v);
  gp::PltOptions t;
  t.tosys = true;
  t.height = 10;
  gp::plt("plf, plv", 0.1, 0.2, t);
}

void panel_image_polys_text() {
  gp::plsys(4);
  const std::size_t n = 64;
  gp::Grid img{std::vector<double>(n * n), n, n};
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t i = 0; i < n; ++i) {
      const double u = (double(i) - 20) / 12, w = (double(j) - 40) / 10;
      img.v[i + n * j] = std::exp(-(u * u + w * w)) + 0.3 * std::exp(-((i - 45.0) * (i - 45.0) + (j - 15.0) * (j - 15.0)) / 60);
    }
  gp::pli(img, 0.0, 0.0, 4.0, 4.0);
  std::vector<double> px, py, pz;
  std::vector<std::size_t> pn;
  for (int k = 0; k < 5; ++k) {
    const double cx = 2.6 + 0.28 * k, cy = 0.7 + 0.5 * k;
    for (int v = 0; v < 3 + k % 3; ++v) {
      const double a = 2 * kPi * v / (3 + k % 3) + 0.3 * k;
      px.push_back(cx + 0.3 * std::cos(a));
      py.push_back(cy + 0.3 * std::sin(a));
    }
    pn.push_back(3 + k % 3);
    pz.push_back(k);
  }
  gp::PlfpOptions fp;
  fp.edges = true;
  gp::plfp(pz, py, px, pn, fp);
  gp::PltOptions t;
  t.tosys = true;
  t.height = 12;
  t.color = gp::Color(gp::NamedColor::white);
  gp::plt("pli, plfp", 0.2, 3.6, t);
  t.height = 14;
  t.justify = "CH";
  gp::plt("!a!b!g: E=mc^2", 1.6, 1.6, t);
  t.angle = 90;
  t.height = 10;
  gp::plt("!pr^2^ x_i rotated", 3.85, 2.0, t);
}

void gallery_page() {
  gp::window(0, [] { gp::WindowOptions o; o.style = "2x2"; o.display = ""; o.dpi = 100; return o; }());
  panel_curves();
  panel_mesh_contours();
  panel_fill_vectors();
  panel_image_polys_text();
  const char* titles[4] = {"plg, pldj", "plm, plc", "plf, plv", "pli, plfp, plt"};
  for (int s = 1; s <= 4; ++s) {
    gp::plsys(s);
    gp::pltitle(titles[s - 1]);
  }
}

void palette_page() {
  gp::window(0, [] { gp::WindowOptions o; o.style = "nobox"; return o; }());
  const auto names = gp::builtin_palette_names();
  const double x0 = 0.23, x1 = 0.66, top = 0.86, h = 0.045, gap = 0.022;
  gp::PltOptions label;
  label.justify = "RH";
  label.height = 12;
  for (std::size_t k = 0; k < names.size(); ++k) {
    const gp::Palette p = gp::builtin_palette(names[k]);
    std::vector<std::uint8_t> rgb;
    for (const auto& c : p.colors) rgb.insert(rgb.end(), {c.r, c.g, c.b});
    const double y1 = top - double(k) * (h + gap), y0 = y1 - h;
    gp::plsys(0);
    gp::pli_colors(rgb, p.colors.size(), 1, 3, x0, y0, x1, y1);
    gp::plt(names[k] + ".gp", x0 - 0.01, 0.5 * (y0 + y1), label);
  }
  gp::PltOptions title;
  title.justify = "CB";
  title.height = 16;
  gp::plt("Gist's standard palettes", 0.5 * (x0 + x1), top + 0.015, title);
}

void classic_page() {
  gp::window(0, [] { gp::WindowOptions o; o.style = "work"; return o; }());
  gp::plsys(1);
  gp::palette("earth");
  const std::size_t n = 50;
  gp::Grid x{std::vector<double>(n * n), n, n}, y = x, z = x;
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t p = i + n * j;
      x.v[p] = -1.0 + 2.0 * double(i) / (n - 1);
      y.v[p] = -1.0 + 2.0 * double(j) / (n - 1);
      z.v[p] = x.v[p] * x.v[p] + y.v[p] * y.v[p];
    }
  gp::pli(z, -1.0, -1.0, 1.0, 1.0);
  gp::PlcOptions c;
  c.color = gp::Color(gp::NamedColor::white);
  c.legend = "plc, z, y, x";
  c.marks = false;  // the colorbar sits where the contour legends would
  gp::plc(z, y, x, c);
  gp::colorbar(0.0, 2.0);
  gp::pltitle("pli + plc, earth palette");
  gp::xytitles("x", "y");
}

}  // namespace

int main(int argc, char** argv) {
  const std::string out = argc > 1 ? argv[1] : ".";
  if (::mkdir(out.c_str(), 0777) != 0 && errno != EEXIST) {
    std::fprintf(stderr, "pargist-gallery: cannot create %s\n", out.c_str());
    return 1;
  }
  try {
    const std::string pdf = out + "/gallery.pdf";
    std::vector<gp::Frame> frames;
    gallery_page();
    gp::png(out + "/gallery.png");
    frames.push_back(gp::current_frame());
    gp::fma();
    palette_page();
    gp::png(out + "/gallery-palettes.png");
    frames.push_back(gp::current_frame());
    gp::fma();
    classic_page();
    gp::png(out + "/gallery-classic.png");
    frames.push_back(gp::current_frame());
    gp::write_pdf(frames, pdf);
    std::printf("pargist-gallery: wrote %s/gallery.png, %s/gallery-palettes.png, %s/gallery-classic.png and %s (%zu pages)\n",
                out.c_str(), out.c_str(), out.c_str(), pdf.c_str(), frames.size());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pargist-gallery: %s\n", e.what());
    return 1;
  }
  return 0;
}
