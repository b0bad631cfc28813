// Golden images: a Gist-style page compared with a reference rendering,
// within a tolerance; a failure writes the diff image into test-output/plot.
#include <catch2/catch.hpp>

#include <cmath>

#include "pargist/libplot/gist.hpp"
#include "plot_support.hpp"

using namespace plot_test;

TEST_CASE("golden: a work-style page with curves, titles and ticks", "[golden][pixels]") {
  reset_all();
  window(0, [] { WindowOptions o; o.display = ""; o.dpi = 75; return o; }());
  std::vector<double> x(200), a(200), b(200);
  for (int i = 0; i < 200; ++i) {
    x[i] = 10.0 * i / 199;
    a[i] = std::sin(x[i]) * std::exp(-x[i] / 5);
    b[i] = std::cos(x[i]);
  }
  PlgOptions red;
  red.color = Color(NamedColor::red);
  red.legend = "sin(x) exp(-x/5)";
  plg(a, x, red);
  PlgOptions dash;
  dash.type = LineType::dash;
  dash.legend = "cos(x)";
  plg(b, x, dash);
  pltitle("Title here");
  xytitles("x axis", "y axis");
  ImageOptions o;
  o.dpi = 75;
  const RasterImage img = render_image(current_frame(), o);
  reset_all();
  std::string report;
  const bool ok = matches_golden(img, "work_curves", 40, 0.004, report);
  INFO(report);
  CHECK(ok);
}

TEST_CASE("golden: boxed style with a filled mesh and contours", "[golden][pixels]") {
  reset_all();
  window(0, [] { WindowOptions o; o.display = ""; o.style = "boxed"; o.dpi = 75; return o; }());
  const std::size_t n = 30;
  Grid gx{std::vector<double>(n * n), n, n}, gy = gx, gz = gx;
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t p = i + n * j;
      gx.v[p] = double(i) / (n - 1) * 4 - 2 + 0.3 * std::sin(double(j) / 5);
      gy.v[p] = double(j) / (n - 1) * 4 - 2;
      gz.v[p] = std::exp(-gx.v[p] * gx.v[p] - gy.v[p] * gy.v[p]);
    }
  plf(gz, gy, gx);
  PlcOptions c;
  c.color = Color(NamedColor::black);
  plc(gz, gy, gx, c);
  ImageOptions o;
  o.dpi = 75;
  const RasterImage img = render_image(current_frame(), o);
  reset_all();
  std::string report;
  const bool ok = matches_golden(img, "boxed_plf_plc", 40, 0.004, report);
  INFO(report);
  CHECK(ok);
}
