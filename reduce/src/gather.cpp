// Capped gather of selected points to one rank (sample first when over the cap).
#include <pargist/reduce/gather.hpp>

#include "mpi_ops.hpp"
#include "validate.hpp"
#include "walk.hpp"

#include <cstring>

namespace pargist::reduce {

Points gather_points(const Comm& comm, const std::vector<ArrayView>& arrays, const Selection& selection,
                     std::uint64_t max_total, std::uint64_t seed, int root) {
  detail::Validator v("gather_points");
  v.require(!arrays.empty(), "needs at least one array");
  const std::size_t n = arrays.empty() ? 0 : arrays[0].size;
  for (std::size_t k = 0; k < arrays.size(); ++k) v.particles("arrays[" + std::to_string(k) + "]", arrays[k], n, "arrays[0]");
  v.selection(selection, n, "arrays[0]");
  v.root(comm, root);
  v.agree(comm);

  Points out;
  out.selected = std::uint64_t(comm.allreduce_sum(std::int64_t(selection.count(n))));
  const Selection chosen = out.selected > max_total ? sample(comm, n, selection, max_total, seed) : selection;
  out.gathered = std::min(out.selected, max_total);

  // This rank's points, column after column, as doubles.
  const std::size_t d = arrays.size(), k = chosen.count(n);
  std::vector<double> mine(k * d);
  for (std::size_t c = 0; c < d; ++c) {
    double* col = mine.data() + c * k;
    std::size_t j = 0;
    detail::for_each_selected(chosen, n, [&](std::size_t i) { col[j++] = arrays[c][i]; });
  }
  std::vector<std::vector<char>> parts = detail::gatherv_bytes(mine.data(), mine.size() * sizeof(double), root,
                                                               comm.handle());
  if (comm.rank() != root) return out;
  out.columns.assign(d, std::vector<double>());
  for (auto& col : out.columns) col.reserve(out.gathered);
  for (const auto& part : parts) {
    const std::size_t kr = part.size() / sizeof(double) / d;
    if (kr == 0) continue;  // (memcpy from an empty vector's null data is UB)
    for (std::size_t c = 0; c < d; ++c) {
      std::vector<double>& col = out.columns[c];
      const std::size_t at = col.size();
      col.resize(at + kr);
      std::memcpy(col.data() + at, part.data() + c * kr * sizeof(double), kr * sizeof(double));
    }
  }
  return out;
}

}  // namespace pargist::reduce
