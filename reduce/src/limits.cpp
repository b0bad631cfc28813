// Global min/max of several arrays in one allreduce, NaN/Inf skipped and counted.
#include <pargist/reduce/limits.hpp>

#include "deposit_simd.hpp"
#include "extent_simd.hpp"
#include "mpi_ops.hpp"
#include "validate.hpp"
#include "walk.hpp"

#include <cmath>
#include <limits>

namespace pargist::reduce {

namespace {

struct LocalExtent {
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
  std::uint64_t count = 0, nonfinite = 0;
};

template <class Load>
LocalExtent scan(const Load& load, const Selection& sel, std::size_t n) {
  LocalExtent e;
  double lo = e.min, hi = e.max;
  std::uint64_t bad = 0, seen = 0;
  detail::for_each_selected(sel, n, [&](std::size_t i) PARGIST_HOT_INLINE {
    double v = load(i);
    bool finite = (v - v) == 0.0;  // false for NaN and +-Inf
    bad += !finite;
    ++seen;
    // NaN compares false and Inf is excluded by `finite`, so min/max stay clean.
    lo = finite && v < lo ? v : lo;
    hi = finite && v > hi ? v : hi;
  });
  e.min = lo;
  e.max = hi;
  e.count = seen - bad;
  e.nonfinite = bad;
  return e;
}

// `every_index`: the selection is the whole array (limits' plain case), so
// a contiguous float64 array may be scanned without looking at indices.
LocalExtent scan(const ArrayView& a, const Selection& sel, bool every_index) {
  if (every_index && a.dtype == DType::f64 && detail::is_contiguous(a) && detail::have_avx2()) {
    LocalExtent e;
    if (detail::finite_extent_avx2(static_cast<const double*>(a.data), a.size, &e.min, &e.max)) {
      e.count = a.size;
      return e;
    }
  }
  if (detail::is_contiguous(a))
    return detail::with_loader<true>(a, [&](auto load) { return scan(load, sel, a.size); });
  return detail::with_loader<false>(a, [&](auto load) { return scan(load, sel, a.size); });
}

}  // namespace

std::vector<Extent> limits(const Comm& comm, const std::vector<ArrayView>& arrays, const Selection& selection,
                           double pad) {
  detail::Validator v("limits");
  v.finite("pad", pad).require(pad >= 0, "argument 'pad' must not be negative");
  const bool plain = selection.is_range() && selection.begin == 0 && selection.end == Selection::npos &&
                     selection.step == 1;
  for (std::size_t k = 0; k < arrays.size(); ++k) {
    const std::string name = "arrays[" + std::to_string(k) + "]";
    if (plain)
      v.view(name, arrays[k]);
    else
      v.particles(name, arrays[k], arrays[0].size, "arrays[0]");
  }
  if (!plain && !arrays.empty()) v.selection(selection, arrays[0].size, "arrays[0]");
  v.agree(comm);

  // One allreduce of [-min..., max... | count..., nonfinite...]: MAX over
  // the first half (min folded in by negation), SUM over the counts
  // (integers below 2^53, exact as doubles).
  const std::size_t m = arrays.size();
  std::vector<double> buffer(4 * m);
  double* extremes = buffer.data();
  double* counts = buffer.data() + 2 * m;
  for (std::size_t k = 0; k < m; ++k) {
    LocalExtent e = scan(arrays[k], selection, plain);
    extremes[k] = -e.min;
    extremes[m + k] = e.max;
    counts[k] = double(e.count);
    counts[m + k] = double(e.nonfinite);
  }
  detail::allreduce_max_then_sum(buffer.data(), 2 * m, comm.handle());

  std::vector<Extent> out(m);
  for (std::size_t k = 0; k < m; ++k) {
    Extent& e = out[k];
    e.count = std::uint64_t(counts[k]);
    e.nonfinite = std::uint64_t(counts[m + k]);
    if (e.count == 0) {
      e.min = e.max = std::nan("");
      continue;
    }
    e.min = -extremes[k];
    e.max = extremes[m + k];
    // No padding asked, none added: 0 * (a span that overflows) would be NaN.
    const double widen = pad > 0 ? pad * (e.max - e.min) : 0.0;
    e.min -= widen;
    e.max += widen;
  }
  return out;
}

Extent limits(const Comm& comm, ArrayView array, const Selection& selection, double pad) {
  return limits(comm, std::vector<ArrayView>{array}, selection, pad)[0];
}

}  // namespace pargist::reduce
