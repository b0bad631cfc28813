// The global random sample: the bottom-k of a hash of each particle's global
// index, found with a distributed radix select (independent of the split).
#include <pargist/reduce/selection.hpp>

#include "validate.hpp"
#include "walk.hpp"

#include <cmath>
#include <memory>

namespace pargist::reduce {

namespace {

// A bijection of 64-bit integers (splitmix64's finaliser): distinct global
// indices get distinct keys, so the bottom-k choice has no ties.
std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t sample_key(std::uint64_t global_index, std::uint64_t seed) {
  return mix(global_index + mix(seed) * 0x9e3779b97f4a7c15ULL);
}

}  // namespace

Selection sample(const Comm& comm, std::size_t n, const Selection& base, std::uint64_t max_total,
                 std::uint64_t seed) {
  detail::Validator v("sample");
  v.selection(base, n, "n");
  v.agree(comm);

  const std::uint64_t local = base.count(n);
  const std::uint64_t total = std::uint64_t(comm.allreduce_sum(std::int64_t(local)));
  if (total <= max_total) return base;
  if (max_total == 0) {
    Selection none = base;
    none.indices = std::make_shared<std::vector<std::size_t>>();
    return none;
  }

  const std::uint64_t offset = comm.exclusive_scan(n);
  // Candidates: keys below a threshold expected to keep a bit more than
  // max_total in total (a few standard deviations), so the exact cut only
  // needs the candidates; widened and retried in the rare case it is short.
  std::vector<std::uint64_t> keys;
  std::vector<std::size_t> where;
  double slack = 4.0;
  for (;;) {
    const double k = double(max_total);
    const double frac = std::min(1.0, (k + slack * std::sqrt(k) + 16.0) / double(total));
    const std::uint64_t limit = frac >= 1.0 ? ~std::uint64_t(0) : std::uint64_t(std::ldexp(frac, 64));
    keys.clear();
    where.clear();
    detail::for_each_selected(base, n, [&](std::size_t i) {
      std::uint64_t key = sample_key(offset + i, seed);
      if (key <= limit) {
        keys.push_back(key);
        where.push_back(i);
      }
    });
    std::uint64_t found = std::uint64_t(comm.allreduce_sum(std::int64_t(keys.size())));
    if (found >= max_total || frac >= 1.0) break;
    slack *= 4.0;
  }

  // Radix select of the max_total-th smallest key over all ranks: one
  // allreduce of a 256-bucket histogram per byte, most significant first.
  std::uint64_t prefix = 0, need = max_total;  // keys with the chosen prefix still needed
  for (int shift = 56; shift >= 0; shift -= 8) {
    std::vector<double> hist(256, 0.0);  // counts < 2^53: exact as doubles
    const std::uint64_t high_mask = shift == 56 ? 0 : (~std::uint64_t(0) << (shift + 8));
    for (std::uint64_t key : keys)
      if ((key & high_mask) == prefix) hist[(key >> shift) & 0xff] += 1.0;
    hist = comm.allreduce_sum(hist);
    std::uint64_t below = 0;
    int bucket = 0;
    for (; bucket < 256; ++bucket) {
      std::uint64_t c = std::uint64_t(hist[bucket]);
      if (below + c >= need) break;
      below += c;
    }
    need -= below;
    prefix |= std::uint64_t(bucket) << shift;
  }
  // `prefix` is now the max_total-th smallest key itself: keep keys <= it.
  auto chosen = std::make_shared<std::vector<std::size_t>>();
  for (std::size_t k = 0; k < keys.size(); ++k)
    if (keys[k] <= prefix) chosen->push_back(where[k]);
  Selection out = base;
  out.indices = std::move(chosen);
  return out;
}

}  // namespace pargist::reduce
