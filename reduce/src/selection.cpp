// Selection queries: which local indices a Selection keeps (local, no MPI).
#include <pargist/reduce/selection.hpp>

#include "walk.hpp"

#include <algorithm>

namespace pargist::reduce {

bool Selection::contains(std::size_t i, std::size_t n) const {
  if (i >= n) return false;
  if (indices) return std::binary_search(indices->begin(), indices->end(), i);
  if (i < begin || i >= end || (i - begin) % (step == 0 ? 1 : step) != 0) return false;
  return detail::passes_filters(*this, i);
}

std::size_t Selection::count(std::size_t n) const {
  if (indices) {
    std::size_t c = 0;
    for (std::size_t i : *indices) c += i < n;
    return c;
  }
  if (is_range()) {
    const std::size_t e = std::min(end, n), s = step == 0 ? 1 : step;
    return begin >= e ? 0 : (e - begin + s - 1) / s;
  }
  std::size_t c = 0;
  detail::for_each_selected(*this, n, [&](std::size_t) { ++c; });
  return c;
}

std::vector<std::size_t> Selection::local_indices(std::size_t n) const {
  std::vector<std::size_t> out;
  out.reserve(count(n));
  detail::for_each_selected(*this, n, [&](std::size_t i) { out.push_back(i); });
  return out;
}

}  // namespace pargist::reduce
