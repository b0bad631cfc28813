// Capped gather: the selected points of every rank to one rank (for scatter
// plots), at most max_total points in total, with MPI_Gatherv.
#pragma once

#include <pargist/reduce/array_view.hpp>
#include <pargist/reduce/comm.hpp>
#include <pargist/reduce/selection.hpp>

#include <cstdint>
#include <vector>

namespace pargist::reduce {

struct Points {
  // One column per input array, each `gathered` long, in global order (rank
  // order, then local index order); empty on ranks other than root.
  std::vector<std::vector<double>> columns;
  std::uint64_t selected = 0;  // selected particles over all ranks, before the cap
  std::uint64_t gathered = 0;  // points gathered: min(selected, max_total)
};

// Collective. When more than max_total particles are selected in total,
// sample(comm, n, selection, max_total, seed) picks which (so the points do
// not depend on how the particles are split over ranks). All arrays must have
// the same length. `selected` and `gathered` are valid on every rank.
Points gather_points(const Comm& comm, const std::vector<ArrayView>& arrays, const Selection& selection,
                     std::uint64_t max_total, std::uint64_t seed = 0, int root = 0);

}  // namespace pargist::reduce
