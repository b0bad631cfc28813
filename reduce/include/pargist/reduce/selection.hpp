// Which local particles a reduction looks at, without copying the particle
// arrays: an index range, a stride (Warp's nskip), a boolean mask, windows
// (zmin < z < zmax ...), and optionally an explicit list of indices chosen
// by sample(). Every criterion applies; the default selects everything.
#pragma once

#include <pargist/reduce/array_view.hpp>
#include <pargist/reduce/comm.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace pargist::reduce {

// Keeps particle i when lo < values[i] < hi (strict, NaN never kept).
struct Window {
  ArrayView values;
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
};

struct Selection {
  static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

  std::size_t begin = 0;     // first local index considered
  std::size_t end = npos;    // one past the last (clipped to the array length)
  std::size_t step = 1;      // every step-th index from begin (nskip), >= 1
  std::optional<MaskView> mask;  // same length as the particle arrays
  std::vector<Window> windows;   // each the same length as the particle arrays
  // Set by sample(): the chosen local indices, ascending; each also
  // satisfies the criteria above. Shared, so copying a Selection is cheap.
  std::shared_ptr<const std::vector<std::size_t>> indices;

  // Builders, for one-line use: Selection{}.range(0, n).every(4).within(z, 0, 1)
  Selection& range(std::size_t b, std::size_t e) { begin = b; end = e; return *this; }
  Selection& every(std::size_t nskip) { step = nskip; return *this; }
  Selection& where(MaskView m) { mask = m; return *this; }
  Selection& within(ArrayView v, double lo, double hi) { windows.push_back({v, lo, hi}); return *this; }

  // True when only begin/end/step restrict the selection.
  bool is_range() const { return !mask && windows.empty() && !indices; }
  // Whether local index i (< n) is selected.
  bool contains(std::size_t i, std::size_t n) const;
  // Number of selected local indices among n particles (local, no MPI).
  std::size_t count(std::size_t n) const;
  // The selected local indices, ascending (local, no MPI). Its size is the
  // selection's, so use it for bounded selections (samples), not for all.
  std::vector<std::size_t> local_indices(std::size_t n) const;
};

// A random sample of at most max_total of the selected particles in total
// over all ranks (collective). Exactly min(max_total, selected) are kept;
// the choice depends only on the seed and on each particle's global index
// (its position in the concatenation of all ranks' arrays in rank order),
// so the same data split differently over ranks yields the same sample.
// n is the local particle count (length of the local arrays). Returns `base`
// unchanged when it selects no more than max_total particles in total.
Selection sample(const Comm& comm, std::size_t n, const Selection& base, std::uint64_t max_total,
                 std::uint64_t seed = 0);

}  // namespace pargist::reduce
