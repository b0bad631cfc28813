// Moments of several quantities (e.g. x, x', y, y', z, vz) over all ranks in
// one pass and one collective: count, mean, min, max, covariances, and the
// usual beam combinations (rms, correlation, rms emittance). Numerically
// stable: blocks of values are centred on their own mean and merged with
// Chan's pairwise formula, locally and across ranks (in rank order).
#pragma once

#include <pargist/reduce/array_view.hpp>
#include <pargist/reduce/comm.hpp>
#include <pargist/reduce/selection.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pargist::reduce {

struct Moments {
  std::size_t dims = 0;
  std::uint64_t count = 0;      // selected particles with every quantity finite
  std::uint64_t nonfinite = 0;  // selected particles skipped for a NaN or Inf
  std::vector<double> mean;     // dims entries (NaN when count == 0)
  std::vector<double> min, max; // dims entries (NaN when count == 0)
  // Central second moments: comoment[i * dims + j] = sum (qi - <qi>)(qj - <qj>),
  // not normalised (divide by count for the population covariance).
  std::vector<double> comoment;

  double covariance(std::size_t i, std::size_t j) const;  // population (1/count)
  double variance(std::size_t i) const { return covariance(i, i); }
  double stddev(std::size_t i) const;      // sqrt(variance), the centred rms
  double rms(std::size_t i) const;         // sqrt(<qi^2>), not centred
  double correlation(std::size_t i, std::size_t j) const;  // cov / (std_i std_j)
  // RMS emittance of the (position i, angle j) pair:
  // sqrt(<dqi^2><dqj^2> - <dqi dqj>^2), centred (Warp's "edge" emittance is 4x).
  double emittance(std::size_t i, std::size_t j) const;
};

// Collective; the result is identical on every rank. All quantities must have
// the same length. Throws std::invalid_argument on every rank for bad input.
Moments moments(const Comm& comm, const std::vector<ArrayView>& quantities, const Selection& selection = {});

}  // namespace pargist::reduce
