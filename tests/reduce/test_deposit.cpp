#include <pargist/reduce/deposit.hpp>

#include "test_data.hpp"

#include <catch2/catch.hpp>

#include <cmath>
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
