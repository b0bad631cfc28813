#include <pargist/reduce/deposit.hpp>

#include "test_data.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <algorithm>
#include <limits>

using namespace pargist::reduce;

namespace {

const double nan_v = std::numeric_limits<double>::quiet_NaN();

// Straightforward serial deposition of all global particles (the reference).
std::vector<double> reference2d(const std::vector<double>& x, const std::vector<double>& y,
                                const std::vector<double>* w, Method method, std::size_t nx, std::size_t ny,
                                double x0, double x1, double y0, double y1) {
  std::vector<double> g(nx * ny, 0.0);
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double wi = w ? (*w)[i] : 1.0;
    if (!(x[i] >= x0 && x[i] <= x1 && y[i] >= y0 && y[i] <= y1) || !std::isfinite(wi)) continue;
    const double px = (x[i] - x0) / (x1 - x0) * double(nx), py = (y[i] - y0) / (y1 - y0) * double(ny);
    if (method == Method::ngp) {
      std::size_t ix = std::min(std::size_t(std::floor(px)), nx - 1), iy = std::min(std::size_t(std::floor(py)), ny - 1);
      g[iy * nx + ix] += wi;
      continue;
    }
    // Linear weights between cell centres; off-grid shares stay at the edge.
    const double cx = px - 0.5, cy = py - 0.5, fx = cx - std::floor(cx), fy = cy - std::floor(cy);
    const long ix = long(std::floor(cx)), iy = long(std::floor(cy));
    auto clampx = [&](long i) { return std::size_t(std::clamp(i, 0L, long(nx) - 1)); };
    auto clampy = [&](long i) { return std::size_t(std::clamp(i, 0L, long(ny) - 1)); };
    g[clampy(iy) * nx + clampx(ix)] += (1 - fx) * (1 - fy) * wi;
    g[clampy(iy) * nx + clampx(ix + 1)] += fx * (1 - fy) * wi;
    g[clampy(iy + 1) * nx + clampx(ix)] += (1 - fx) * fy * wi;
    g[clampy(iy + 1) * nx + clampx(ix + 1)] += fx * fy * wi;
  }
  return g;
}

struct Beam {
  std::vector<double> x, y, w;
  explicit Beam(std::size_t n) : x(test::normal_data(n, 11)), y(test::normal_data(n, 12, 1.0, 2.0)), w(n) {
    test::Rng r(13);
    for (auto& v : w) v = 0.5 + r.uniform();
    // Some particles outside the grids below, some NaN and Inf.
    x[3] = 50.0;
    y[4] = -50.0;
    x[5] = nan_v;
    y[6] = std::numeric_limits<double>::infinity();
  }
};

}  // namespace

TEST_CASE("deposit: unweighted NGP and CIC match the serial reference and are identical for any split",
          "[deposit]") {
  Comm comm;
  const std::size_t n = 30000, nx = 37, ny = 23;
  Beam beam(n);
  for (Method method : {Method::ngp, Method::cic}) {
    const std::vector<double> ref = reference2d(beam.x, beam.y, nullptr, method, nx, ny, -3, 3, -4, 6);
    std::vector<double> first;
    for (test::Split how : test::all_splits) {
      auto [b, e] = test::piece(n, comm.rank(), comm.size(), how);
      DepositOptions o;
      o.method = method;
      Grid2D g = histogram2d(comm, ArrayView(beam.x.data() + b, e - b), ArrayView(beam.y.data() + b, e - b),
                             {nx, -3, 3}, {ny, -4, 6}, o);
      CHECK(g.nx == nx);
      CHECK(g.ny == ny);
      if (comm.rank() != 0) {
        CHECK(g.values.empty());
        continue;
      }
      REQUIRE(g.values.size() == nx * ny);
      double total = 0, worst = 0;
      for (std::size_t c = 0; c < g.values.size(); ++c) {
        total += g.values[c];
        worst = std::max(worst, std::abs(g.values[c] - ref[c]));
      }
      // NGP exact; CIC within the fixed-point resolution (2^-12 per axis share).
      CHECK(worst <= (method == Method::ngp ? 0.0 : 2.5e-4 * std::sqrt(double(n))));
      CHECK(total == double(g.stats.deposited));
      CHECK(g.stats.nonfinite == 2);
      CHECK(g.stats.deposited + g.stats.outside + g.stats.nonfinite == n);
      if (first.empty()) first = g.values;
      CHECK(g.values == first);  // bit for bit, whatever the split
    }
  }
}

TEST_CASE("deposit: contiguous NGP and CIC (four particles at a time) equal the strided one-at-a-time path",
          "[deposit]") {
  // Edge values for the vectorised loop: the limits themselves, just
  // outside, -0, NaN, +-Inf, values whose cell overflows a 32-bit int,
  // denormals; every length 0..19 exercises the loop's tail.
  Comm comm;
  const double lo = -2, hi = 3, inf = std::numeric_limits<double>::infinity();
  const std::vector<double> edge = {lo, hi, std::nextafter(lo, -inf), std::nextafter(hi, inf), -0.0, nan_v, inf,
                                    -inf, 1e300, -1e300, 4.9e-324, std::nextafter(hi, lo), 0.5, 2.999, -1.999};
  for (std::size_t n = 0; n < 20; ++n) {
    std::vector<double> x(n), y(n), xs(2 * n), ys(2 * n);
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = edge[(i * 7 + comm.rank()) % edge.size()];
      y[i] = edge[(i * 3 + 5 + comm.rank()) % edge.size()];
      xs[2 * i] = x[i], ys[2 * i] = y[i];
    }
    for (Method method : {Method::ngp, Method::cic}) {
      DepositOptions o;
      o.all_ranks = true;
      o.method = method;
      const Grid2D contiguous = histogram2d(comm, ArrayView(x.data(), n), ArrayView(y.data(), n), {7, lo, hi},
                                            {5, lo, hi}, o);
      const Grid2D strided = histogram2d(comm, ArrayView(xs.data(), n, 2), ArrayView(ys.data(), n, 2),
                                         {7, lo, hi}, {5, lo, hi}, o);
      CHECK(contiguous.values == strided.values);  // bit for bit: the same integer shares
      CHECK(contiguous.stats.deposited == strided.stats.deposited);
      CHECK(contiguous.stats.outside == strided.stats.outside);
      CHECK(contiguous.stats.nonfinite == strided.stats.nonfinite);
      const Histogram1D h1 = histogram(comm, ArrayView(x.data(), n), {9, lo, hi}, o);
      const Histogram1D h2 = histogram(comm, ArrayView(xs.data(), n, 2), {9, lo, hi}, o);
      CHECK(h1.values == h2.values);
      CHECK(h1.stats.nonfinite == h2.stats.nonfinite);
    }
  }
  // Many particles in one cell: the 8-bit NGP counts and the 32-bit CIC
  // shares (2^24 a particle) carry into the totals.
  std::vector<double> same(1000 + comm.rank(), 0.25);
  const double expected = 1000.0 * comm.size() + comm.size() * (comm.size() - 1) / 2.0;
  for (Method method : {Method::ngp, Method::cic}) {
    DepositOptions o;
    o.all_ranks = true;
    o.method = method;
    // 0.25 is the boundary of cells 0 and 1 on [0, 1] in 4: NGP's cell 1;
    // CIC's centres 0.125 and 0.375 share it half and half.
    const Grid2D g = histogram2d(comm, ArrayView(same.data(), same.size()), ArrayView(same.data(), same.size()),
                                 {4, 0, 1}, {4, 0, 1}, o);
    if (method == Method::ngp) {
      CHECK(g.values[1 * 4 + 1] == expected);
    } else {
      for (int c : {0, 1, 4, 5}) CHECK(g.values[std::size_t(c)] == expected / 4);
    }
  }
}

TEST_CASE("deposit: weighted NGP and CIC, float32 and strided inputs", "[deposit]") {
  Comm comm;
  const std::size_t n = 10000, nx = 16, ny = 12;
  Beam beam(n);
  auto [b, e] = test::piece(n, comm.rank(), comm.size(), test::Split::first_empty);
  // Interleaved float32 (x, y, w) records: strides of 12 bytes.
  std::vector<float> rec(3 * (e - b));
  std::vector<double> xf(n), yf(n), wf(n);
  for (std::size_t i = 0; i < n; ++i) xf[i] = float(beam.x[i]), yf[i] = float(beam.y[i]), wf[i] = float(beam.w[i]);
  for (std::size_t i = b; i < e; ++i) {
    rec[3 * (i - b)] = float(xf[i]);
    rec[3 * (i - b) + 1] = float(yf[i]);
    rec[3 * (i - b) + 2] = float(wf[i]);
  }
  for (Method method : {Method::ngp, Method::cic}) {
    DepositOptions o;
    o.method = method;
    o.weights = ArrayView(rec.data() + 2, e - b, 3);
    o.all_ranks = true;
    Grid2D g = histogram2d(comm, ArrayView(rec.data(), e - b, 3), ArrayView(rec.data() + 1, e - b, 3),
                           {nx, -2.5, 2.5}, {ny, -3, 5}, o);
    const std::vector<double> ref = reference2d(xf, yf, &wf, method, nx, ny, -2.5, 2.5, -3, 5);
    REQUIRE(g.values.size() == nx * ny);  // on every rank: all_ranks
    for (std::size_t c = 0; c < ref.size(); ++c) CHECK(g.values[c] == Approx(ref[c]).epsilon(1e-12).margin(1e-12));
    CHECK(g.stats.nonfinite == 2);
  }
}

TEST_CASE("deposit: 1-D histograms, limits found from the data, numpy's edge rule", "[deposit]") {
  Comm comm;
  const std::size_t n = 999;
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = double(i % 10);  // 0..9, 100 of each but 9 (99)
  auto [b, e] = test::piece(n, comm.rank(), comm.size(), test::Split::last_heavy);
  Histogram1D h = histogram(comm, ArrayView(v.data() + b, e - b), Axis{5});
  CHECK(h.xmin == 0.0);
  CHECK(h.xmax == 9.0);  // found: [0, 9]; 9 == xmax goes in the last bin
  if (comm.rank() == 0) {
    REQUIRE(h.values.size() == 5);
    // bins of width 1.8: {0,1}, {2,3}, {4,5}, {6,7}, {8,9}
    CHECK(h.values == std::vector<double>{200, 200, 200, 200, 199});
    CHECK(h.stats.deposited == n);
  }
  DepositOptions cic;
  cic.method = Method::cic;
  Histogram1D hc = histogram(comm, ArrayView(v.data() + b, e - b), Axis{5, 0.0, 10.0}, cic);
  if (comm.rank() == 0) {
    // value k sits at cell-centre position k/2 - 0.5: halves into neighbours
    double total = 0;
    for (double c : hc.values) total += c;
    CHECK(total == double(n));
    CHECK(hc.values[0] == Approx(100 + 100 + 50));  // 0 and 1 fully, half of 2
  }
  // A single distinct value: the axis becomes [v - 0.5, v + 0.5].
  std::vector<double> same(e - b, 4.0);
  Histogram1D hs = histogram(comm, ArrayView(same.data(), same.size()), Axis{4});
  CHECK(hs.xmin == 3.5);
  CHECK(hs.xmax == 4.5);
  // No finite data anywhere: [0, 1] and an empty histogram.
  std::vector<double> nans(e - b, nan_v);
  Histogram1D hn = histogram(comm, ArrayView(nans.data(), nans.size()), Axis{4});
  CHECK(hn.xmin == 0.0);
  CHECK(hn.xmax == 1.0);
  if (comm.rank() == 0) {
    CHECK(hn.values == std::vector<double>(4, 0.0));
    CHECK(hn.stats.nonfinite == n);
  }
}

TEST_CASE("deposit: empty and all-NaN ranks, selections, another root", "[deposit]") {
  Comm comm;
  const std::size_t n = 4000;
  Beam beam(n);
  std::vector<double> x, y;
  if (comm.rank() == 0) x.assign(100, nan_v), y.assign(100, 0.0);  // rank 0: NaN only
  auto [b, e] = test::piece(n, comm.rank(), comm.size(), test::Split::even);
  if (comm.size() > 1 && comm.rank() == 1) b = e;  // rank 1: nothing at all
  x.insert(x.end(), beam.x.begin() + b, beam.x.begin() + e);
  y.insert(y.end(), beam.y.begin() + b, beam.y.begin() + e);
  std::vector<double> gx, gy;  // the global particles actually present
  for (int r = 0; r < comm.size(); ++r) {
    auto [rb, re] = test::piece(n, r, comm.size(), test::Split::even);
    if (comm.size() > 1 && r == 1) rb = re;
    gx.insert(gx.end(), beam.x.begin() + rb, beam.x.begin() + re);
    gy.insert(gy.end(), beam.y.begin() + rb, beam.y.begin() + re);
  }
  DepositOptions o;
  o.root = comm.size() - 1;
  o.selection.within(ArrayView(x.data(), x.size()), -1.0, 2.0);
  Grid2D g = histogram2d(comm, ArrayView(x.data(), x.size()), ArrayView(y.data(), y.size()), {8, -3, 3}, {8, -4, 6}, o);
  std::vector<double> wx, wy;
  std::uint64_t nonfinite = 0;
  for (std::size_t i = 0; i < gx.size(); ++i)
    if (gx[i] > -1.0 && gx[i] < 2.0) wx.push_back(gx[i]), wy.push_back(gy[i]), nonfinite += !std::isfinite(gy[i]);
  if (comm.rank() == o.root) {
    CHECK(g.values == reference2d(wx, wy, nullptr, Method::ngp, 8, 8, -3, 3, -4, 6));
    CHECK(g.stats.nonfinite == nonfinite);  // NaN x fails the window: not selected
    CHECK(g.stats.deposited + g.stats.outside + g.stats.nonfinite == wx.size());
  } else {
    CHECK(g.values.empty());
  }
}

TEST_CASE("deposit: per-cell means of a third quantity", "[deposit]") {
  Comm comm;
  const std::size_t n = 20000, nx = 10, ny = 6;
  Beam beam(n);
  std::vector<double> vz(n);
  for (std::size_t i = 0; i < n; ++i) vz[i] = 3.0 * beam.x[i] + beam.y[i];
  auto [b, e] = test::piece(n, comm.rank(), comm.size(), test::Split::last_heavy);
  for (Method method : {Method::ngp, Method::cic}) {
    DepositOptions o;
    o.method = method;
    CellMean m = cell_mean(comm, ArrayView(beam.x.data() + b, e - b), ArrayView(beam.y.data() + b, e - b),
                           ArrayView(vz.data() + b, e - b), {nx, -2, 2}, {ny, -2, 4}, o);
    if (comm.rank() != 0) continue;
    const std::vector<double> dens = reference2d(beam.x, beam.y, nullptr, method, nx, ny, -2, 2, -2, 4);
    const std::vector<double> sum = reference2d(beam.x, beam.y, &vz, method, nx, ny, -2, 2, -2, 4);
    // vz as a weight gives sum(share * vz); NaN/Inf vz are none here.
    for (std::size_t c = 0; c < dens.size(); ++c) {
      CHECK(m.density.values[c] == Approx(dens[c]).epsilon(1e-12).margin(1e-9));
      if (dens[c] > 0)
        CHECK(m.mean.values[c] == Approx(sum[c] / dens[c]).epsilon(1e-9).margin(1e-9));
      else
        CHECK(std::isnan(m.mean.values[c]));
    }
  }
}

TEST_CASE("deposit: bad input on one rank throws on every rank", "[deposit][errors]") {
  Comm comm;
  const int last = comm.size() - 1;
  std::vector<double> x(50, 0.5), y(comm.rank() == last ? 49 : 50, 0.5), w(comm.rank() == last ? 3 : 50, 1.0);
  auto expect_throw = [&](auto&& call, const std::string& needle) {
    try {
      call();
      FAIL("no exception");
    } catch (const std::invalid_argument& e) {
      CHECK_THAT(std::string(e.what()), Catch::Contains(needle));
    }
  };
  const std::string where = "(rank " + std::to_string(last) + ")";
  expect_throw([&] { histogram2d(comm, ArrayView(x.data(), 50), ArrayView(y.data(), y.size()), {4}, {4}); },
               "'y' has");
  expect_throw([&] { histogram2d(comm, ArrayView(x.data(), 50), ArrayView(y.data(), y.size()), {4}, {4}); }, where);
  DepositOptions o;
  o.weights = ArrayView(w.data(), w.size());
  expect_throw([&] { histogram(comm, ArrayView(x.data(), 50), {4}, o); }, "'weights' has");
  expect_throw([&] { histogram(comm, ArrayView(x.data(), 50), {comm.rank() == 0 ? 0u : 4u}); }, "at least one bin");
  expect_throw([&] { histogram(comm, ArrayView(x.data(), 50), {4, 1.0, 1.0}); }, "min < max");
  expect_throw([&] { histogram(comm, ArrayView(x.data(), 50), {4, 2.0, nan_v}); }, "empty range");
  DepositOptions bad_root;
  bad_root.root = comm.size();
  expect_throw([&] { histogram(comm, ArrayView(x.data(), 50), {4}, bad_root); }, "root");
  // Still in step afterwards.
  Histogram1D h = histogram(comm, ArrayView(x.data(), 50), {2, 0.0, 1.0});
  if (comm.rank() == 0) CHECK(h.values == std::vector<double>{0.0, 50.0 * comm.size()});
}

TEST_CASE("deposit: weighted 1-D histogram and weighted cell means", "[deposit]") {
  Comm comm;
  const std::size_t n = 5000;
  Beam beam(n);
  auto [b, e] = test::piece(n, comm.rank(), comm.size(), test::Split::all_on_last);
  DepositOptions o;
  o.weights = ArrayView(beam.w.data() + b, e - b);
  Histogram1D h = histogram(comm, ArrayView(beam.x.data() + b, e - b), {7, -2.0, 2.0}, o);
  std::vector<double> ref(7, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    if (beam.x[i] >= -2.0 && beam.x[i] <= 2.0) ref[std::min<std::size_t>(6, std::size_t((beam.x[i] + 2.0) / 4.0 * 7))] += beam.w[i];
  if (comm.rank() == 0)
    for (std::size_t c = 0; c < 7; ++c) CHECK(h.values[c] == Approx(ref[c]).epsilon(1e-12));

  // Weighted mean of x itself per cell: lies inside the cell's x range.
  CellMean m = cell_mean(comm, ArrayView(beam.x.data() + b, e - b), ArrayView(beam.y.data() + b, e - b),
                         ArrayView(beam.x.data() + b, e - b), {4, -2, 2}, {3, -3, 5}, o);
  if (comm.rank() == 0)
    for (std::size_t iy = 0; iy < 3; ++iy)
      for (std::size_t ix = 0; ix < 4; ++ix) {
        const double v = m.mean.at(ix, iy);
        if (m.density.at(ix, iy) > 0) CHECK((v >= -2.0 + ix && v <= -1.0 + ix));
      }
}

TEST_CASE("deposit: the ways into the cells give the same cells bit for bit", "[deposit]") {
  // NGP goes straight into the totals with at most a particle per 4 cells
  // (as the selection bounds them: a range by its length, a mask by the
  // array's), through 8-bit counts otherwise; the ranks may take different
  // ways. CIC goes into doubles on one rank, into 64-bit counts reduced and
  // converted four at a time on several. A dense cluster makes NGP counts
  // wrap (> 255 in a cell) and CIC cells pass 2^32 (> 256 particles).
  Comm comm;
  Comm alone(MPI_COMM_SELF);
  const std::size_t nx = 40, ny = 30, spread = 2000, cluster = 1100, n = spread + cluster;
  Beam beam(spread);
  std::vector<double> gx = beam.x, gy = beam.y;
  gx.resize(n, 0.1);  // 0.1 is the corner of cells 20-21 x 15-16 on [-2, 2] x [-1.5, 1.5] in 40 x 30
  gy.resize(n, 0.1);
  auto [b, e] = test::piece(n, comm.rank(), comm.size(), test::Split::last_heavy);
  const std::size_t local = e - b;
  const ArrayView x(gx.data() + b, local), y(gy.data() + b, local);
  std::vector<double> xs(2 * local), ys(2 * local);  // the same, strided: the scalar loops
  for (std::size_t i = 0; i < local; ++i) xs[2 * i] = gx[b + i], ys[2 * i] = gy[b + i];
  const ArrayView xstride(xs.data(), local, 2), ystride(ys.data(), local, 2);
  const Axis ax{nx, -2, 2}, ay{ny, -1.5, 1.5};

  // Every particle, ranks' pieces of every size: NGP into 8-bit counts on
  // the heavy ranks, straight in on light ones; against the exact reference.
  for (Method method : {Method::ngp, Method::cic}) {
    DepositOptions o;
    o.method = method;
    o.all_ranks = true;
    const Grid2D g = histogram2d(comm, x, y, ax, ay, o);
    const Grid2D gs = histogram2d(comm, xstride, ystride, ax, ay, o);
    CHECK(g.values == gs.values);
    CHECK(g.stats.deposited == gs.stats.deposited);
    // One rank with all the particles: NGP through 8-bit counts, CIC into doubles.
    const Grid2D one = histogram2d(alone, ArrayView(gx.data(), n), ArrayView(gy.data(), n), ax, ay, o);
    CHECK(g.values == one.values);
    CHECK(g.stats.deposited == one.stats.deposited);
    CHECK(g.stats.outside == one.stats.outside);
    CHECK(g.stats.nonfinite == one.stats.nonfinite);
    if (method == Method::ngp) {
      CHECK(g.values == reference2d(gx, gy, nullptr, method, nx, ny, -2, 2, -1.5, 1.5));
    } else {
      for (std::size_t c : {15 * nx + 20, 15 * nx + 21, 16 * nx + 20, 16 * nx + 21}) CHECK(g.values[c] >= cluster / 4.0);
    }
  }

  // The first k local particles of each rank: straight in when selected by
  // range (k <= cells / 4), through 8-bit counts when selected by a mask of
  // the whole array, one at a time when strided. All the same cells.
  const std::size_t k = std::min<std::size_t>(local, nx * ny / 4);
  std::vector<std::uint8_t> first(local, 0);
  std::fill(first.begin(), first.begin() + std::ptrdiff_t(k), std::uint8_t(1));
  std::vector<double> kx, ky;  // the global particles selected
  for (int r = 0; r < comm.size(); ++r) {
    auto [rb, re] = test::piece(n, r, comm.size(), test::Split::last_heavy);
    const std::size_t rk = std::min<std::size_t>(re - rb, nx * ny / 4);
    kx.insert(kx.end(), gx.begin() + std::ptrdiff_t(rb), gx.begin() + std::ptrdiff_t(rb + rk));
    ky.insert(ky.end(), gy.begin() + std::ptrdiff_t(rb), gy.begin() + std::ptrdiff_t(rb + rk));
  }
  for (Method method : {Method::ngp, Method::cic}) {
    DepositOptions by_range, by_mask, strided;
    by_range.method = by_mask.method = strided.method = method;
    by_range.all_ranks = by_mask.all_ranks = strided.all_ranks = true;
    by_range.selection.range(0, k);
    strided.selection.range(0, k);
    by_mask.selection.where(MaskView(first.data(), local));
    const Grid2D r = histogram2d(comm, x, y, ax, ay, by_range);
    const Grid2D m = histogram2d(comm, x, y, ax, ay, by_mask);
    const Grid2D s = histogram2d(comm, xstride, ystride, ax, ay, strided);
    const Grid2D one = histogram2d(alone, ArrayView(kx.data(), kx.size()), ArrayView(ky.data(), ky.size()), ax, ay);
    CHECK(r.values == m.values);
    CHECK(r.values == s.values);
    CHECK(r.stats.deposited == m.stats.deposited);
    CHECK(r.stats.deposited == s.stats.deposited);
    CHECK(r.stats.nonfinite == m.stats.nonfinite);
    if (method == Method::ngp) {
      CHECK(r.values == one.values);
      CHECK(r.values == reference2d(kx, ky, nullptr, method, nx, ny, -2, 2, -1.5, 1.5));
    } else {
      DepositOptions c;
      c.method = method;
      const Grid2D onec = histogram2d(alone, ArrayView(kx.data(), kx.size()), ArrayView(ky.data(), ky.size()), ax, ay, c);
      CHECK(r.values == onec.values);
    }
  }
}

TEST_CASE("deposit: CIC cells far past 2^32 come out exact on one rank and on several", "[deposit]") {
  // 300 000 particles a rank on one cell corner: each of the four cells gets
  // 75 000 particles a rank, 2^22 a particle in fixed point (about 2^38).
  Comm comm;
  std::vector<double> v(300000, 0.25);
  DepositOptions o;
  o.method = Method::cic;
  o.all_ranks = true;
  const Grid2D g = histogram2d(comm, ArrayView(v.data(), v.size()), ArrayView(v.data(), v.size()), {4, 0, 1},
                               {4, 0, 1}, o);
  for (std::size_t c = 0; c < 16; ++c) {
    const bool corner = c == 0 || c == 1 || c == 4 || c == 5;
    CHECK(g.values[c] == (corner ? 75000.0 * comm.size() : 0.0));
  }
}
