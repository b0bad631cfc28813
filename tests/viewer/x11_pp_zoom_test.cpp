// Zoom-driven re-reduction, under mpiexec -n 2 with a real window on rank 0:
// a density plot of every rank's particles is drawn, the user box-zooms
// into a small region (real events from xdotool), and the next collective
// call deposits over exactly the zoomed limits at the full grid resolution.
// The cells are checked against a histogram of all particles gathered on
// rank 0.
#include <catch2/catch.hpp>
#include <mpi.h>

#include <cmath>
#include <cstdlib>
#include <random>

#include "pargist/libplot/gist.hpp"
#include "pargist/pp/pp.hpp"
#include "pargist/viewer/display.hpp"
#include "window_probe.hpp"
#include "x11_tools.hpp"

namespace plot = pargist::plot;
namespace pv = pargist::viewer;
namespace reduce = pargist::reduce;
using namespace pargist::viewer::test;

namespace {

std::vector<double> gather_all(const std::vector<double>& local, int size) {
  int n = static_cast<int>(local.size());
  std::vector<int> counts(static_cast<std::size_t>(size)), offsets(static_cast<std::size_t>(size));
  MPI_Gather(&n, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  int total = 0;
  for (int r = 0; r < size; ++r) offsets[r] = total, total += counts[r];
  std::vector<double> all(static_cast<std::size_t>(total));
  MPI_Gatherv(local.data(), n, MPI_DOUBLE, all.data(), counts.data(), offsets.data(), MPI_DOUBLE, 0,
              MPI_COMM_WORLD);
  return all;
}

const plot::Cells* last_cells(const plot::Frame& f) {
  const plot::Cells* found = nullptr;
  for (const auto& e : f.systems[1].elements)
    if (auto* c = std::get_if<plot::Cells>(&e)) found = c;
  return found;
}

}  // namespace

TEST_CASE("a box zoom makes the next density plot cover exactly the zoomed view", "[x11][mpi]") {
  const char* display = std::getenv("DISPLAY");
  if (!display || !*display) {
    WARN("skipped: no DISPLAY (tests/run.sh starts Xvfb for these)");
    return;
  }
  reduce::Comm comm;
  const bool root = comm.rank() == 0;

  // Each rank's own particles: a Gaussian blob, different on every rank.
  std::mt19937_64 rng(20261125u + static_cast<unsigned>(comm.rank()));
  std::normal_distribution<double> gauss(0.0, 1.0);
  const std::size_t n = 40000;
  std::vector<double> x(n), y(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = gauss(rng), y[i] = 0.5 * gauss(rng) + 0.2 * x[i];

  std::shared_ptr<pv::Window> w;
  if (root) {
    pv::install_display_factory();
    plot::WindowOptions o;
    o.display = display;
    plot::window(5, o);
    w = pv::live_window(5);
    REQUIRE(w);
    // Away from the top-left corner, where windows of other tests open.
    REQUIRE(xdotool("windowmove --sync " + std::to_string(w->x_window()) + " 660 20"));
  }
  plot::pp::Particles parts{reduce::ArrayView(x.data(), n), reduce::ArrayView(y.data(), n), {}, {}, {}};
  plot::pp::PlotOptions opt;
  opt.cellarray = true;
  opt.nx = opt.ny = 40;
  opt.titles = false;

  const auto first = plot::pp::ppgeneric(comm, parts, opt);
  CHECK(first.drawn == "cellarray");
  if (root) {
    plot::fma();
    REQUIRE(w->wait_idle());
    const plot::Box vp = plot::current_frame().systems[1].viewport;
    Probe p{*w, {vp.xmin, vp.xmax, vp.ymin, vp.ymax}};
    const std::string W = std::to_string(w->x_window());
    const unsigned long serial = w->zoom_serial();
    // Real events: ctrl+left drag from (0.3, 0.9) to (1.5, 0.1).
    REQUIRE(xdotool("mousemove --window " + W + " " + p.at(0.3, 0.9) +
                    " keydown ctrl mousedown 1 mousemove --window " + W + " " + p.at(1.0, 0.5) +
                    " mousemove --window " + W + " " + p.at(1.5, 0.1) + " mouseup 1 keyup ctrl"));
    REQUIRE(wait_for([&] { return w->zoom_serial() != serial; }));
    REQUIRE(w->wait_idle());
  }
  MPI_Barrier(MPI_COMM_WORLD);

  // The next collective call: root's zoomed limits, broadcast, deposited over.
  const auto second = plot::pp::ppgeneric(comm, parts, opt);
  const auto v = second.view;
  CHECK(v[0] == Approx(0.3).margin(0.02));
  CHECK(v[1] == Approx(1.5).margin(0.02));
  CHECK(v[2] == Approx(0.1).margin(0.02));
  CHECK(v[3] == Approx(0.9).margin(0.02));
  CHECK(second.nx == 40);
  CHECK(second.ny == 40);

  const std::vector<double> all_x = gather_all(x, comm.size()), all_y = gather_all(y, comm.size());
  if (root) {
    const plot::Limits zoomed = plot::current_limits();
    CHECK(v[0] == zoomed.xmin);
    CHECK(v[1] == zoomed.xmax);
    CHECK(v[2] == zoomed.ymin);
    CHECK(v[3] == zoomed.ymax);
    const plot::Cells* cells = last_cells(plot::current_frame());
    REQUIRE(cells);
    CHECK(cells->nx == 40);
    CHECK(cells->ny == 40);
    CHECK(cells->x0 == v[0]);
    CHECK(cells->x1 == v[1]);
    CHECK(cells->y0 == v[2]);
    CHECK(cells->y1 == v[3]);

    // The reference: every rank's particles, binned on root over the view.
    std::vector<double> expect(40 * 40, 0.0);
    const double dx = (v[1] - v[0]) / 40, dy = (v[3] - v[2]) / 40;
    for (std::size_t k = 0; k < all_x.size(); ++k) {
      if (!(all_x[k] >= v[0] && all_x[k] < v[1] && all_y[k] >= v[2] && all_y[k] < v[3])) continue;
      const auto i = std::min<std::size_t>(39, static_cast<std::size_t>((all_x[k] - v[0]) / dx));
      const auto j = std::min<std::size_t>(39, static_cast<std::size_t>((all_y[k] - v[2]) / dy));
      expect[j * 40 + i] += 1;
    }
    REQUIRE(cells->z.size() == expect.size());
    double total = 0;
    std::size_t mismatched = 0;
    for (std::size_t c = 0; c < expect.size(); ++c) {
      total += cells->z[c];
      if (cells->z[c] != expect[c]) ++mismatched;
    }
    CHECK(mismatched == 0);
    CHECK(total == Approx(static_cast<double>(second.selected)));
    CHECK(total > 1000);  // a small region, still well populated

    // Shown in the window at exactly those limits.
    plot::fma();
    REQUIRE(w->wait_idle());
    CHECK(w->drawn_limits(1)->xmin == v[0]);
    CHECK(w->drawn_limits(1)->xmax == v[1]);
    grab(w->x_window(), std::string(PARGIST_TEST_OUTPUT_DIR) + "/viewer_ppzx_zoomed.png");
    w.reset();
    plot::winkill(5);
  }
}
