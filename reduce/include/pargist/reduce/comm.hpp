// The communicator handle every collective takes, and the small generic
// collectives that the Python layer (pargist.parallel, pargist-python) needs.
#pragma once

// The C API only: OpenMPI's deprecated C++ bindings warn under -Wextra.
#ifndef OMPI_SKIP_MPICXX
#define OMPI_SKIP_MPICXX 1
#endif
#ifndef MPICH_SKIP_MPICXX
#define MPICH_SKIP_MPICXX 1
#endif
#include <mpi.h>

#include <cstdint>
#include <string>
#include <vector>

namespace pargist::reduce {

// Initialises MPI (MPI_THREAD_FUNNELED) unless somebody (mpi4py, the embedded
// interpreter, the application) already has, and then finalises it at exit.
// Throws std::runtime_error when MPI was already finalised. Idempotent.
void ensure_mpi_initialized();
// True when ensure_mpi_initialized() initialised MPI (so it also finalises).
bool mpi_initialized_by_pargist();

// The outcome of Comm::agree(): the same on every rank.
struct Agreement {
  bool ok = true;
  int failed_rank = -1;  // lowest rank that reported a failure, -1 when ok
  std::string message;   // that rank's message, "" when ok
};

// A communicator handle. It wraps an MPI_Comm without owning it (it never
// frees it); copying a Comm is cheap. Run without mpirun, MPI_COMM_WORLD
// has one rank and every collective below works unchanged.
class Comm {
 public:
  // MPI_COMM_WORLD, initialising MPI first when nobody has.
  Comm();
  // Any communicator (e.g. from mpi4py); MPI must be initialised.
  explicit Comm(MPI_Comm comm);

  MPI_Comm handle() const { return comm_; }
  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root(int root = 0) const { return rank_ == root; }

  void barrier() const;

  // Collective agreement on success: every rank passes its local verdict;
  // one small allreduce when all are ok, plus one broadcast of the message
  // of the lowest failing rank otherwise.
  Agreement agree(bool ok, const std::string& message = {}) const;
  // agree(), then throw std::invalid_argument on every rank when any failed,
  // with the failing rank's message followed by " (on rank R)".
  void check(bool ok, const std::string& message = {}) const;

  // Bytes from root to every rank; returns what root passed, on every rank.
  // broadcast() and gather() throw std::invalid_argument for a root outside
  // the communicator (before any communication).
  std::string broadcast(const std::string& bytes, int root = 0) const;
  // Variable-length bytes of every rank to root: on root, size() entries in
  // rank order; elsewhere an empty vector.
  std::vector<std::string> gather(const std::string& bytes, int root = 0) const;
  // Variable-length bytes of every rank to every rank, in rank order.
  std::vector<std::string> allgather(const std::string& bytes) const;

  // Reductions of one value (or elementwise of a vector) over all ranks, result
  // on every rank. Sums of doubles are combined in rank order (deterministic).
  double allreduce_sum(double v) const;
  double allreduce_min(double v) const;
  double allreduce_max(double v) const;
  std::int64_t allreduce_sum(std::int64_t v) const;
  std::int64_t allreduce_min(std::int64_t v) const;
  std::int64_t allreduce_max(std::int64_t v) const;
  std::vector<double> allreduce_sum(const std::vector<double>& v) const;
  std::vector<double> allreduce_min(const std::vector<double>& v) const;
  std::vector<double> allreduce_max(const std::vector<double>& v) const;
  // Sum of v over ranks below this one (0 on rank 0).
  std::uint64_t exclusive_scan(std::uint64_t v) const;

 private:
  void check_root(int root) const;

  MPI_Comm comm_;
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace pargist::reduce
