// 1-D and 2-D deposition (NGP, CIC; counts, weights, per-cell means): one pass
// over the selected particles into a local grid, then one reduction.
#include <pargist/reduce/deposit.hpp>
#include <pargist/reduce/limits.hpp>

#include "count_cells.hpp"
#include "count_conversion.hpp"
#include "deposit_kernels.hpp"
#include "mpi_ops.hpp"
#include "deposit_simd.hpp"
#include "grid_memory.hpp"
#include "validate.hpp"
#include "walk.hpp"

#include <cmath>
#include <stdexcept>
#include <type_traits>

namespace pargist::reduce {

namespace {

using detail::AxisMap;

// Per-particle tallies of a local deposition.
struct Tally {
  std::uint64_t seen = 0, deposited = 0, nonfinite = 0;
  DepositStats stats() const { return {deposited, seen - deposited - nonfinite, nonfinite}; }
};

// Calls f(load_x, load_y) with loaders matching the arrays' types and
// contiguity; y == nullptr gives the 1-D ZeroLoader.
template <class F>
void with_loaders(const ArrayView& x, const ArrayView* y, F&& f) {
  const bool contig = detail::is_contiguous(x) && (!y || detail::is_contiguous(*y));
  auto run = [&](auto contig_tag) {
    constexpr bool C = decltype(contig_tag)::value;
    detail::with_loader<C>(x, [&](auto lx) {
      if (!y)
        f(lx, detail::ZeroLoader{});
      else
        detail::with_loader<C>(*y, [&](auto ly) { f(lx, ly); });
    });
  };
  if (contig)
    run(std::true_type{});
  else
    run(std::false_type{});
}

// The vectorised loops read contiguous doubles (y may be the 1-D ZeroLoader).
template <class LX, class LY>
constexpr bool contiguous_doubles() {
  using Doubles = detail::Loader<double, true>;
  return std::is_same_v<LX, Doubles> && (std::is_same_v<LY, Doubles> || std::is_same_v<LY, detail::ZeroLoader>);
}
inline const double* doubles_of(const detail::Loader<double, true>& l) {
  return reinterpret_cast<const double*>(l.base);
}
inline const double* doubles_of(const detail::ZeroLoader&) { return nullptr; }  // 1-D: no y array

// At most how many particles a selection deposits, without a pass over a
// mask or windows (those count every particle).
std::size_t deposits_at_most(const Selection& sel, std::size_t n) {
  if (sel.is_range()) return sel.count(n);
  return sel.indices && !sel.mask && sel.windows.empty() ? std::min(n, sel.indices->size()) : n;
}

// ---- unweighted NGP: integer counts in the doubles of the result (exact up
// to 2^53 counts per cell in any order of summation); with more than a
// particle per 4 cells, through 8-bit counts so that the busy part of a
// 512x512 grid stays in L1/L2 (count_cells.hpp).

// The hot loop for a plain index range, constants in registers.
template <class LX, class LY, class Cells>
std::uint64_t ngp_range(std::size_t b, std::size_t e, std::size_t step, LX lx, LY ly, const AxisMap mx,
                        const AxisMap my, const Cells cells, std::uint64_t& bad) {
  const double xlo = mx.lo, xhi = mx.hi, xs = mx.scale, xtop = mx.top;
  const double ylo = my.lo, yhi = my.hi, ys = my.scale, ytop = my.top;
  const std::int64_t nx = mx.n;
  std::uint64_t deposited = 0;
  for (std::size_t i = b; i < e; i += step) {
    const double x = lx(i), y = ly(i);
    if ((x >= xlo) & (x <= xhi) & (y >= ylo) & (y <= yhi)) {
      double cx = (x - xlo) * xs, cy = (y - ylo) * ys;  // >= 0 inside
      cx = cx < xtop ? cx : xtop;
      cy = cy < ytop ? cy : ytop;
      ++deposited;
      cells.add(std::int64_t(cy) * nx + std::int64_t(cx));
    } else {
      bad += !(detail::is_finite(x) & detail::is_finite(y));
    }
  }
  return deposited;
}

template <class LX, class LY, class Cells>
void ngp_into(const Selection& sel, std::size_t n, LX lx, LY ly, const AxisMap& mx, const AxisMap& my,
              std::size_t ncells, const Cells cells, Tally& t) {  // cells by value: see deposit4 in deposit_simd.cpp
  std::uint64_t seen = 0, bad = 0, deposited = 0;
  if (sel.is_range()) {
    const std::size_t step = sel.step == 0 ? 1 : sel.step, end = std::min(sel.end, n);
    if (sel.begin < end) {
      // Contiguous doubles, every particle: four at a time when the CPU can.
      bool vectorised = false;
      if constexpr (contiguous_doubles<LX, LY>()) {
        if (step == 1 && ncells < (std::size_t(1) << 31) && detail::have_avx2()) {
          vectorised = true;
          deposited = detail::ngp_counts_avx2(doubles_of(lx), doubles_of(ly), sel.begin, end, mx, my, cells, bad);
        }
      }
      if (!vectorised) deposited = ngp_range(sel.begin, end, step, lx, ly, mx, my, cells, bad);
      seen = (end - sel.begin + step - 1) / step;
    }
  } else {
    const std::int64_t nx = mx.n;
    detail::for_each_selected(sel, n, [&](std::size_t i) PARGIST_HOT_INLINE {
      const double x = lx(i), y = ly(i);
      ++seen;
      if (mx.inside(x) & my.inside(y)) {
        ++deposited;
        cells.add(my.ngp(y) * nx + mx.ngp(x));
      } else {
        bad += !(detail::is_finite(x) & detail::is_finite(y));
      }
    });
  }
  t.seen += seen;
  t.deposited += deposited;
  t.nonfinite += bad;
}

// The 8-bit counts of this thread's depositions, kept from call to call and
// all zero between calls (the merge clears what it reads): no allocation
// and no zeroing pass per call. Allocating them every call cost a page
// fault per 4 kB in some heap states (glibc trimming the top of the heap
// after each call and growing it again at the next).
class KeptByteCounts {
 public:
  explicit KeptByteCounts(std::size_t cells) {
    if (counts_.size() < cells) counts_.resize(cells, 0);
  }
  ~KeptByteCounts() {
    if (counts_.size() > kKept) std::vector<std::uint8_t>().swap(counts_);
  }
  std::uint8_t* data() { return counts_.data(); }

 private:
  static constexpr std::size_t kKept = std::size_t(64) << 20;  // 8192^2 cells; larger ones are given back
  static thread_local std::vector<std::uint8_t> counts_;
};
thread_local std::vector<std::uint8_t> KeptByteCounts::counts_;

// Counts into `total` (zeroed, the grid's cells).
template <class LX, class LY>
void ngp_counts(const Selection& sel, std::size_t n, LX lx, LY ly, const AxisMap& mx, const AxisMap& my,
                std::vector<double>& total, Tally& t) {
  const std::size_t cells = total.size();
  if (detail::counts_directly(deposits_at_most(sel, n), cells)) {
    ngp_into(sel, n, lx, ly, mx, my, cells, detail::DirectCounts{total.data()}, t);
    return;
  }
  KeptByteCounts counts(cells);
  ngp_into(sel, n, lx, ly, mx, my, cells, detail::ByteCounts{counts.data(), total.data()}, t);
  detail::merge_and_clear_counts(counts.data(), total.data(), cells);
}

// ---- unweighted CIC: fixed-point shares (exact sums), into one of
// count_cells.hpp's kinds of cells.
template <class LX, class LY, class Cells>
void cic_into(const Selection& sel, std::size_t n, LX lx, LY ly, const AxisMap& mx, const AxisMap& my,
              const Cells cells, Tally& t) {  // cells by value: see deposit4 in deposit_simd.cpp
  std::uint64_t seen = 0, bad = 0, deposited = 0;
  if (sel.is_range()) {
    const std::size_t step = sel.step == 0 ? 1 : sel.step, end = std::min(sel.end, n);
    // Contiguous doubles, every particle: four at a time when the CPU can.
    bool vectorised = false;
    if constexpr (contiguous_doubles<LX, LY>()) {
      if (step == 1 && detail::have_avx2() && detail::cic_fits_avx2(mx, my)) {
        vectorised = true;
        if (sel.begin < end)
          deposited = detail::cic_counts_avx2(doubles_of(lx), doubles_of(ly), sel.begin, end, mx, my, cells, bad);
      }
    }
    if (!vectorised) {
      // Plain range: the axis maps by value, so their constants stay in registers.
      const AxisMap ax = mx, ay = my;
      for (std::size_t i = sel.begin; i < end; i += step) {
        const double x = lx(i), y = ly(i);
        if (ax.inside(x) & ay.inside(y)) {
          ++deposited;
          detail::deposit_cic(cells, ax, ay, x, y);
        } else {
          bad += !(detail::is_finite(x) & detail::is_finite(y));
        }
      }
    }
    if (sel.begin < end) seen = (end - sel.begin + step - 1) / step;
  } else {
    detail::for_each_selected(sel, n, [&](std::size_t i) PARGIST_HOT_INLINE {
      const double x = lx(i), y = ly(i);
      ++seen;
      if (mx.inside(x) & my.inside(y)) {
        ++deposited;
        detail::deposit_cic(cells, mx, my, x, y);
      } else {
        bad += !(detail::is_finite(x) & detail::is_finite(y));
      }
    });
  }
  t.seen += seen;
  t.deposited += deposited;
  t.nonfinite += bad;
}

// A 64-bit count stored in the bytes of a double of the result grid.
typedef std::uint64_t AliasedCount __attribute__((may_alias));

// The cells of an unweighted CIC deposition into `values` (zeroed, the
// grid's cells then room for the tallies), left as the doubles of the result
// on one rank (`alone`), as 64-bit counts in the same bytes otherwise.
template <class LX, class LY>
void cic_counts(const Selection& sel, std::size_t n, LX lx, LY ly, const AxisMap& mx, const AxisMap& my,
                bool alone, std::vector<double>& values, std::size_t ncells, Tally& t) {
  // DoubleShares is exact below 2^29 particles in a cell.
  if (alone && deposits_at_most(sel, n) < (std::size_t(1) << 29)) {
    cic_into(sel, n, lx, ly, mx, my, detail::DoubleShares{values.data()}, t);
    return;
  }
  cic_into(sel, n, lx, ly, mx, my, detail::WideShares{reinterpret_cast<AliasedCount*>(values.data())}, t);
  if (alone) detail::counts_to_doubles(values.data(), ncells);
}

// ---- weighted (and per-cell mean): double sums. `w` gives the weight of
// particle i, `q` the averaged quantity (unused unless Mean).
template <bool Mean, class LX, class LY, class W, class Q>
void weighted(const Selection& sel, std::size_t n, LX lx, LY ly, W w, Q q, Method method, const AxisMap& mx,
              const AxisMap& my, double* dens, double* wq, Tally& t) {
  const std::int64_t nx = mx.n;
  std::uint64_t seen = 0, bad = 0, deposited = 0;
  detail::for_each_selected(sel, n, [&](std::size_t i) PARGIST_HOT_INLINE {
    const double x = lx(i), y = ly(i), wi = w(i);
    const double qi = Mean ? q(i) : 0.0;
    ++seen;
    const bool finite = detail::is_finite(wi) & (!Mean || detail::is_finite(qi));
    if (mx.inside(x) & my.inside(y) & finite) {
      ++deposited;
      if (method == Method::ngp) {
        const std::int64_t c = my.ngp(y) * nx + mx.ngp(x);
        dens[c] += wi;
        if (Mean) wq[c] += wi * qi;
      } else {
        std::int64_t x0, x1, y0, y1;
        double fx, fy;
        mx.cic(x, x0, x1, fx);
        my.cic(y, y0, y1, fy);
        const double s[4] = {(1 - fx) * (1 - fy) * wi, fx * (1 - fy) * wi, (1 - fx) * fy * wi, fx * fy * wi};
        const std::int64_t c[4] = {y0 * nx + x0, y0 * nx + x1, y1 * nx + x0, y1 * nx + x1};
        for (int k = 0; k < 4; ++k) {
          dens[c[k]] += s[k];
          if (Mean) wq[c[k]] += s[k] * qi;
        }
      }
    } else {
      bad += !(detail::is_finite(x) & detail::is_finite(y) & finite);
    }
  });
  t.seen += seen;
  t.deposited += deposited;
  t.nonfinite += bad;
}

struct Unit {
  double operator()(std::size_t) const { return 1.0; }
};
struct Values {  // any dtype and stride; off the hottest paths
  ArrayView v;
  double operator()(std::size_t i) const { return v[i]; }
};

// What a deposition was asked for, checked and with its limits resolved.
struct Plan {
  AxisMap mx, my;
  std::size_t nx = 1, ny = 1;
  double xmin = 0, xmax = 1, ymin = 0, ymax = 1;
};

void check_axis(detail::Validator& v, const std::string& name, const Axis& a) {
  v.require(a.bins > 0, [&] { return "argument '" + name + "' needs at least one bin"; });
  v.require(!std::isinf(a.min) && !std::isinf(a.max), [&] { return "argument '" + name + "' has an infinite limit"; });
  v.require(std::isnan(a.min) || std::isnan(a.max) || a.min < a.max, [&] {
    return "argument '" + name + "' needs min < max, got [" + std::to_string(a.min) + ", " + std::to_string(a.max) +
           "]";
  });
}

// Validates every argument (collectively) and resolves missing limits with
// one global limits() call over the axes that need it.
Plan plan(const Comm& comm, const char* function, const ArrayView& x, const ArrayView* y, const ArrayView* q,
          Axis xaxis, Axis yaxis, const DepositOptions& o) {
  detail::Validator v(function);
  const std::size_t n = x.size;
  v.view("x", x);
  if (y) v.particles("y", *y, n, "x");
  if (q) v.particles("q", *q, n, "x");
  if (o.weights) v.particles("weights", *o.weights, n, "x");
  v.selection(o.selection, n, "x");
  v.root(comm, o.root);
  check_axis(v, y ? "xaxis" : "axis", xaxis);
  if (y) check_axis(v, "yaxis", yaxis);
  const double cells = double(xaxis.bins) * double(y ? yaxis.bins : 1);
  v.require(cells <= double(detail::max_mpi_count) / 2,
            [&] { return "grid of " + std::to_string(cells) + " cells is too large"; });
  v.agree(comm);

  std::vector<ArrayView> need;
  std::vector<Axis*> which;
  if (std::isnan(xaxis.min) || std::isnan(xaxis.max)) need.push_back(x), which.push_back(&xaxis);
  if (y && (std::isnan(yaxis.min) || std::isnan(yaxis.max))) need.push_back(*y), which.push_back(&yaxis);
  if (!need.empty()) {
    // The extent of the particles that will be deposited: the selection's.
    std::vector<Extent> ext = limits(comm, need, o.selection);
    for (std::size_t k = 0; k < need.size(); ++k) {
      Axis& a = *which[k];
      double lo = ext[k].empty() ? 0.0 : ext[k].min, hi = ext[k].empty() ? 1.0 : ext[k].max;
      if (!std::isnan(a.min)) lo = a.min;
      if (!std::isnan(a.max)) hi = a.max;
      if (lo == hi) lo -= 0.5, hi += 0.5;  // numpy's rule for a single value
      if (!(lo < hi))  // the same global numbers everywhere: every rank throws
        throw std::invalid_argument(std::string(function) + ": the given limit leaves an empty range [" +
                                    std::to_string(lo) + ", " + std::to_string(hi) + "] for the data");
      a.min = lo;
      a.max = hi;
    }
  }
  Plan p;
  p.nx = xaxis.bins;
  p.xmin = xaxis.min;
  p.xmax = xaxis.max;
  p.mx = AxisMap(xaxis.min, xaxis.max, xaxis.bins);
  if (y) {
    p.ny = yaxis.bins;
    p.ymin = yaxis.min;
    p.ymax = yaxis.max;
    p.my = AxisMap(yaxis.min, yaxis.max, yaxis.bins);
  } else {
    p.my = AxisMap(-0.5, 0.5, 1);  // the ZeroLoader's 0 is its one cell
  }
  return p;
}

bool receives(const Comm& comm, const DepositOptions& o) { return o.all_ranks || comm.rank() == o.root; }
int target(const DepositOptions& o) { return o.all_ranks ? -1 : o.root; }

// The end of a deposition in doubles: grid holds the cells then 3 slots for
// the tallies, which are filled, summed in a fixed order onto the target,
// and unpacked there into out.
void reduce_double_grid(const Comm& comm, const DepositOptions& o, const Tally& t, std::vector<double> grid,
                        std::size_t cells, Grid2D& out) {
  const DepositStats s = t.stats();
  grid[cells] = double(s.deposited);
  grid[cells + 1] = double(s.outside);
  grid[cells + 2] = double(s.nonfinite);
  detail::ordered_sum(grid.data(), grid.size(), comm.handle(), target(o));
  if (receives(comm, o)) {
    out.stats = {std::uint64_t(grid[cells]), std::uint64_t(grid[cells + 1]), std::uint64_t(grid[cells + 2])};
    grid.resize(cells);
    out.values = std::move(grid);
  }
}

// Deposits the density (weights or counts) of x (and y) and reduces it.
Grid2D deposit(const Comm& comm, const char* function, ArrayView x, const ArrayView* y, Axis xaxis, Axis yaxis,
               const DepositOptions& o) {
  const Plan p = plan(comm, function, x, y, nullptr, xaxis, yaxis, o);
  const std::size_t cells = p.nx * p.ny, n = x.size;
  Grid2D out;
  out.nx = p.nx;
  out.ny = p.ny;
  out.xmin = p.xmin;
  out.xmax = p.xmax;
  out.ymin = p.ymin;
  out.ymax = p.ymax;
  Tally t;

  if (!o.weights && o.method == Method::ngp) {
    // Integer counts held in doubles, then deposited/outside/nonfinite: one
    // buffer, one reduction, and it becomes the result on the root.
    std::vector<double> grid = detail::zeroed_grid(cells + 3);
    grid.resize(cells);
    with_loaders(x, y, [&](auto lx, auto ly) { ngp_counts(o.selection, n, lx, ly, p.mx, p.my, grid, t); });
    grid.resize(cells + 3);  // within the capacity reserved above
    reduce_double_grid(comm, o, t, std::move(grid), cells, out);
    return out;
  }

  if (!o.weights) {
    // Exact 64-bit fixed point: the grid then deposited/outside/nonfinite,
    // summed as integers, held in the buffer of the result: the receivers
    // turn each cell into a double where it lies (one grid allocated, no
    // copy). On one rank the cells come out as doubles already.
    std::vector<double> values = detail::zeroed_grid(cells + 3);  // all-zero bits: zero counts too
    const bool alone = comm.size() == 1;
    with_loaders(x, y, [&](auto lx, auto ly) { cic_counts(o.selection, n, lx, ly, p.mx, p.my, alone, values, cells, t); });
    if (alone) {
      out.stats = t.stats();
      values.resize(cells);
      out.values = std::move(values);
      return out;
    }
    auto* grid = reinterpret_cast<AliasedCount*>(values.data());
    const DepositStats s = t.stats();
    grid[cells] = s.deposited;
    grid[cells + 1] = s.outside;
    grid[cells + 2] = s.nonfinite;
    detail::sum_counts(grid, cells + 3, comm.handle(), target(o));
    if (receives(comm, o)) {
      out.stats = {grid[cells], grid[cells + 1], grid[cells + 2]};
      detail::counts_to_doubles(values.data(), cells);
      values.resize(cells);
      out.values = std::move(values);
    }
    return out;
  }

  std::vector<double> grid = detail::zeroed_grid(cells + 3);
  with_loaders(x, y, [&](auto lx, auto ly) {
    weighted<false>(o.selection, n, lx, ly, Values{*o.weights}, Unit{}, o.method, p.mx, p.my, grid.data(), nullptr,
                    t);
  });
  reduce_double_grid(comm, o, t, std::move(grid), cells, out);
  return out;
}

}  // namespace

Histogram1D histogram(const Comm& comm, ArrayView x, Axis xaxis, const DepositOptions& options) {
  Grid2D g = deposit(comm, "histogram", x, nullptr, xaxis, Axis{1, -0.5, 0.5}, options);
  Histogram1D h;
  h.nx = g.nx;
  h.xmin = g.xmin;
  h.xmax = g.xmax;
  h.values = std::move(g.values);
  h.stats = g.stats;
  return h;
}

Grid2D histogram2d(const Comm& comm, ArrayView x, ArrayView y, Axis xaxis, Axis yaxis,
                   const DepositOptions& options) {
  return deposit(comm, "histogram2d", x, &y, xaxis, yaxis, options);
}

CellMean cell_mean(const Comm& comm, ArrayView x, ArrayView y, ArrayView q, Axis xaxis, Axis yaxis,
                   const DepositOptions& o) {
  const Plan p = plan(comm, "cell_mean", x, &y, &q, xaxis, yaxis, o);
  const std::size_t cells = p.nx * p.ny, n = x.size;
  // [density | sum of w q | deposited, outside, nonfinite], one reduction.
  std::vector<double> buf = detail::zeroed_grid(2 * cells + 3);
  Tally t;
  with_loaders(x, &y, [&](auto lx, auto ly) {
    if (o.weights)
      weighted<true>(o.selection, n, lx, ly, Values{*o.weights}, Values{q}, o.method, p.mx, p.my, buf.data(),
                     buf.data() + cells, t);
    else
      weighted<true>(o.selection, n, lx, ly, Unit{}, Values{q}, o.method, p.mx, p.my, buf.data(),
                     buf.data() + cells, t);
  });
  const DepositStats s = t.stats();
  buf[2 * cells] = double(s.deposited);
  buf[2 * cells + 1] = double(s.outside);
  buf[2 * cells + 2] = double(s.nonfinite);
  detail::ordered_sum(buf.data(), buf.size(), comm.handle(), target(o));

  CellMean out;
  for (Grid2D* g : {&out.mean, &out.density}) {
    g->nx = p.nx;
    g->ny = p.ny;
    g->xmin = p.xmin;
    g->xmax = p.xmax;
    g->ymin = p.ymin;
    g->ymax = p.ymax;
  }
  if (receives(comm, o)) {
    const DepositStats total{std::uint64_t(buf[2 * cells]), std::uint64_t(buf[2 * cells + 1]),
                             std::uint64_t(buf[2 * cells + 2])};
    out.density.values.assign(buf.begin(), buf.begin() + cells);
    out.mean.values.resize(cells);
    for (std::size_t c = 0; c < cells; ++c)
      out.mean.values[c] = buf[c] != 0.0 ? buf[cells + c] / buf[c] : std::nan("");
    out.density.stats = out.mean.stats = total;
  }
  return out;
}

}  // namespace pargist::reduce
