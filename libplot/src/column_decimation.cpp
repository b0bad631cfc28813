#include "column_decimation.hpp"

#include <algorithm>
#include <cmath>

namespace pargist::plot::detail {

void decimate_columns(const std::vector<double>& x, const std::vector<double>& y, std::vector<double>& ox,
                      std::vector<double>& oy) {
  ox.clear();
  oy.clear();
  const std::size_t n = x.size();
  std::size_t i = 0;
  while (i < n) {
    // The run [i, j) of points in the column of point i.
    const double column = std::floor(x[i]);
    std::size_t j = i + 1, low = i, high = i;
    while (j < n && std::floor(x[j]) == column) {
      if (y[j] < y[low]) low = j;
      if (y[j] > y[high]) high = j;
      ++j;
    }
    std::size_t keep[4] = {i, std::min(low, high), std::max(low, high), j - 1};
    std::size_t last = n;  // no index kept yet in this run
    for (std::size_t k : keep) {
      if (k == last) continue;  // the same point twice
      // The extremes of a long run go to the column's centre: the many
      // points between them covered the whole column, a stroke there does.
      const bool inner = k != i && k != j - 1 && j - i > 4;
      ox.push_back(inner ? column + 0.5 : x[k]);
      oy.push_back(y[k]);
      last = k;
    }
    i = j;
  }
}

}  // namespace pargist::plot::detail
