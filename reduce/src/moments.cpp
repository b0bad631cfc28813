// Moments in one pass and one collective: blocks of values centred on their
// own mean, merged with Chan's pairwise update locally and across ranks.
#include <pargist/reduce/moments.hpp>

#include "validate.hpp"
#include "walk.hpp"

#include <cmath>
#include <limits>

namespace pargist::reduce {

namespace {

// Running summary of d quantities; packed for MPI as
// [count, nonfinite, mean(d), comoment(d*d), min(d), max(d)].
struct Summary {
  std::size_t d;
  double* p;  // packed storage, size packed_size(d)
  static std::size_t packed_size(std::size_t d) { return 2 + d + d * d + 2 * d; }
  static std::size_t dims_of(std::size_t len) {  // inverse of packed_size
    return std::size_t((std::sqrt(9.0 + 4.0 * (double(len) - 2.0)) - 3.0) / 2.0 + 0.5);
  }
  double& count() { return p[0]; }
  double& nonfinite() { return p[1]; }
  double* mean() { return p + 2; }
  double* co() { return p + 2 + d; }
  double* min() { return p + 2 + d + d * d; }
  double* max() { return p + 2 + 2 * d + d * d; }

  void clear() {
    std::fill(p, p + packed_size(d), 0.0);
    std::fill(min(), min() + d, std::numeric_limits<double>::infinity());
    std::fill(max(), max() + d, -std::numeric_limits<double>::infinity());
  }
  // this := merge(a, this), with a the summary of earlier data (Chan et al.).
  void merge_from(Summary a) {
    const double na = a.count(), nb = count(), n = na + nb;
    nonfinite() += a.nonfinite();
    if (na == 0) return;
    for (std::size_t i = 0; i < d; ++i) {
      min()[i] = std::min(min()[i], a.min()[i]);
      max()[i] = std::max(max()[i], a.max()[i]);
    }
    if (nb == 0) {
      std::copy(a.mean(), a.mean() + d, mean());
      std::copy(a.co(), a.co() + d * d, co());
      count() = na;
      return;
    }
    const double f = na * nb / n;
    for (std::size_t i = 0; i < d; ++i)
      for (std::size_t j = 0; j < d; ++j) {
        const double di = mean()[i] - a.mean()[i], dj = mean()[j] - a.mean()[j];
        co()[i * d + j] += a.co()[i * d + j] + di * dj * f;
      }
    for (std::size_t i = 0; i < d; ++i) mean()[i] = a.mean()[i] + (mean()[i] - a.mean()[i]) * (nb / n);
    count() = n;
  }
};

void merge_op(void* in, void* inout, int* len, MPI_Datatype* type) {
  int bytes = 0;
  MPI_Type_size(*type, &bytes);
  const std::size_t packed = std::size_t(bytes) / sizeof(double);
  const std::size_t d = Summary::dims_of(packed);
  for (int k = 0; k < *len; ++k) {
    Summary a{d, static_cast<double*>(in) + k * packed};
    Summary b{d, static_cast<double*>(inout) + k * packed};
    b.merge_from(a);  // in holds the lower ranks: order is fixed
  }
}

// Summary of one block of rows (row-major values, `rows` x d), all finite.
void block_summary(const std::vector<double>& v, std::size_t rows, Summary s) {
  const std::size_t d = s.d;
  s.clear();
  if (rows == 0) return;
  s.count() = double(rows);
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t i = 0; i < d; ++i) {
      const double x = v[r * d + i];
      s.mean()[i] += x;
      s.min()[i] = std::min(s.min()[i], x);
      s.max()[i] = std::max(s.max()[i], x);
    }
  for (std::size_t i = 0; i < d; ++i) s.mean()[i] /= double(rows);
  // Corrected two-pass: the residuals r = sum(x - mean) fix both the mean's
  // rounding (large offsets) and the comoments (C -= r_i r_j / rows).
  std::vector<double> r(d, 0.0);
  for (std::size_t k = 0; k < rows; ++k)
    for (std::size_t i = 0; i < d; ++i) {
      const double di = v[k * d + i] - s.mean()[i];
      r[i] += di;
      for (std::size_t j = i; j < d; ++j) s.co()[i * d + j] += di * (v[k * d + j] - s.mean()[j]);
    }
  for (std::size_t i = 0; i < d; ++i)
    for (std::size_t j = i; j < d; ++j) s.co()[i * d + j] -= r[i] * r[j] / double(rows);
  for (std::size_t i = 0; i < d; ++i) s.mean()[i] += r[i] / double(rows);
  for (std::size_t i = 0; i < d; ++i)
    for (std::size_t j = 0; j < i; ++j) s.co()[i * d + j] = s.co()[j * d + i];
}

}  // namespace

Moments moments(const Comm& comm, const std::vector<ArrayView>& q, const Selection& selection) {
  detail::Validator v("moments");
  v.require(!q.empty(), "needs at least one quantity");
  const std::size_t n = q.empty() ? 0 : q[0].size;
  for (std::size_t k = 0; k < q.size(); ++k) v.particles("quantities[" + std::to_string(k) + "]", q[k], n, "quantities[0]");
  v.selection(selection, n, "quantities[0]");
  v.agree(comm);

  const std::size_t d = q.size(), packed = Summary::packed_size(d);
  std::vector<double> total_buf(packed), block_buf(packed);
  Summary total{d, total_buf.data()}, block{d, block_buf.data()};
  total.clear();

  constexpr std::size_t block_rows = 512;
  std::vector<double> rows(block_rows * d);
  std::size_t filled = 0;
  double skipped = 0;
  auto flush = [&] {
    block_summary(rows, filled, block);
    block.merge_from(total);  // block := total then block
    std::copy(block_buf.begin(), block_buf.end(), total_buf.begin());
    filled = 0;
  };
  detail::for_each_selected(selection, n, [&](std::size_t i) {
    double* row = rows.data() + filled * d;
    bool finite = true;
    for (std::size_t k = 0; k < d; ++k) {
      row[k] = q[k][i];
      finite &= std::isfinite(row[k]);
    }
    if (!finite) {
      skipped += 1;
      return;
    }
    if (++filled == block_rows) flush();
  });
  if (filled) flush();
  total.nonfinite() += skipped;

  MPI_Datatype type;
  MPI_Type_contiguous(int(packed), MPI_DOUBLE, &type);
  MPI_Type_commit(&type);
  static MPI_Op op = [] {
    MPI_Op o;
    MPI_Op_create(&merge_op, /*commute=*/0, &o);
    return o;
  }();
  MPI_Allreduce(MPI_IN_PLACE, total_buf.data(), 1, type, op, comm.handle());
  MPI_Type_free(&type);

  Moments m;
  m.dims = d;
  m.count = std::uint64_t(total.count());
  m.nonfinite = std::uint64_t(total.nonfinite());
  const double nan = std::nan("");
  if (m.count == 0) {
    m.mean.assign(d, nan);
    m.min.assign(d, nan);
    m.max.assign(d, nan);
    m.comoment.assign(d * d, 0.0);
    return m;
  }
  m.mean.assign(total.mean(), total.mean() + d);
  m.min.assign(total.min(), total.min() + d);
  m.max.assign(total.max(), total.max() + d);
  m.comoment.assign(total.co(), total.co() + d * d);
  return m;
}

double Moments::covariance(std::size_t i, std::size_t j) const {
  return count == 0 ? std::nan("") : comoment[i * dims + j] / double(count);
}
double Moments::stddev(std::size_t i) const { return std::sqrt(variance(i)); }
double Moments::rms(std::size_t i) const { return std::sqrt(mean[i] * mean[i] + variance(i)); }
double Moments::correlation(std::size_t i, std::size_t j) const {
  return covariance(i, j) / std::sqrt(variance(i) * variance(j));
}
double Moments::emittance(std::size_t i, std::size_t j) const {
  const double c = covariance(i, j);
  return std::sqrt(std::max(0.0, variance(i) * variance(j) - c * c));
}

}  // namespace pargist::reduce
