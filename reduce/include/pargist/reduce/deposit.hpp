// Deposition of particles on 1-D and 2-D grids (histograms), reduced to one
// rank. Single pass over the local arrays, no copies of them.
//
// Bins: axis [min, max] is cut into `bins` equal cells; value v falls in
// cell floor((v - min) / (max - min) * bins), v == max in the last cell
// (numpy's convention), anything outside is dropped and counted.
// NGP adds a particle's weight to its cell. CIC (linear, cloud in cell)
// shares it between the two cells (per axis) whose centres surround it,
// by distance; at the outer half-cells the share that would fall off the
// grid stays in the edge cell, so every particle inside counts in full.
//
// Exactness: without weights, NGP counts are integers and CIC shares are
// fixed point (1/4096 of a particle per axis), so the reduced grid is exact and
// bit-identical however the particles are split over ranks. With weights
// the sums are doubles, combined across ranks in rank order.
#pragma once

#include <pargist/reduce/array_view.hpp>
#include <pargist/reduce/comm.hpp>
#include <pargist/reduce/selection.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace pargist::reduce {

enum class Method { ngp, cic };

// One axis of a grid: the number of cells and the limits. A NaN limit is
// found from the data (global, finite values of the selection only); if the
// data gives min == max the axis becomes [v - 0.5, v + 0.5] (as numpy does),
// and [0, 1] without any finite data.
struct Axis {
  std::size_t bins = 0;
  double min = std::nan("");
  double max = std::nan("");
};

struct DepositOptions {
  Method method = Method::ngp;
  std::optional<ArrayView> weights;  // per-particle weights, same length
  Selection selection;
  int root = 0;          // the rank that receives the grid
  bool all_ranks = false; // true: every rank receives it (allreduce)
};

// Particles counted by a deposition, over all ranks.
struct DepositStats {
  std::uint64_t deposited = 0;  // selected, finite, inside the grid
  std::uint64_t outside = 0;    // selected, finite, outside the limits
  std::uint64_t nonfinite = 0;  // selected, NaN or Inf in a coordinate or weight
};

struct Histogram1D {
  std::size_t nx = 0;
  double xmin = 0, xmax = 0;   // limits used (given or found)
  std::vector<double> values;  // nx cells; empty on ranks that did not receive it
  DepositStats stats;          // valid where values are
};

// Row-major 2-D grid: values[iy * nx + ix], ix along x. (numpy's
// histogram2d(x, y) returns the transpose, H[ix, iy].)
struct Grid2D {
  std::size_t nx = 0, ny = 0;
  double xmin = 0, xmax = 0, ymin = 0, ymax = 0;  // limits used
  std::vector<double> values;  // nx * ny; empty on ranks that did not receive it
  DepositStats stats;          // valid where values are
  double at(std::size_t ix, std::size_t iy) const { return values[iy * nx + ix]; }
};

// Collective. Throws std::invalid_argument on every rank for bad input on any
// rank (length mismatch, bins == 0, min >= max, non-finite given limits...).
Histogram1D histogram(const Comm& comm, ArrayView x, Axis xaxis, const DepositOptions& options = {});
Grid2D histogram2d(const Comm& comm, ArrayView x, ArrayView y, Axis xaxis, Axis yaxis,
                   const DepositOptions& options = {});

// Per-cell weighted mean of a third quantity q (e.g. mean vz in each (z, x)
// cell), for coloured density plots: `mean` is sum(w q) / sum(w) per cell,
// NaN in empty cells; `density` is sum(w) per cell (the histogram2d).
// Particles with a non-finite q are skipped and counted as nonfinite.
struct CellMean {
  Grid2D mean;
  Grid2D density;
};
CellMean cell_mean(const Comm& comm, ArrayView x, ArrayView y, ArrayView q, Axis xaxis, Axis yaxis,
                   const DepositOptions& options = {});

}  // namespace pargist::reduce
