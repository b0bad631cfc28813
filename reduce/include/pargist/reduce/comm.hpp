// The communicator handle every collective takes, and the small generic
// collectives that the Python layer (pargist.parallel, pargist-python) needs.
#pragma once

#include <mpi.h>  // the C API only: pargist::reduce defines OMPI_SKIP_MPICXX

#include <pargist/reduce/agreement.hpp>

#include <cstdint>
#include <exception>
#include <optional>
#include <type_traits>
#include <string>
#include <utility>
#include <vector>

namespace pargist::reduce {

// Initialises MPI (MPI_THREAD_FUNNELED) unless somebody (mpi4py, the embedded
// interpreter, the application) already has, and then finalises it at exit.
// Throws std::runtime_error when MPI was already finalised. Idempotent.
void ensure_mpi_initialized();
// True when ensure_mpi_initialized() initialised MPI (so it also finalises).
bool mpi_initialized_by_pargist();

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

  // Collective agreement on success (agreement.hpp): every rank passes its
  // local verdict; one small allreduce when all are ok, plus one broadcast
  // of the lowest failing rank's kind and message otherwise.
  Agreement agree(bool ok, const std::string& message = {}, const std::string& kind = "ValueError") const;
  // agree(), then every rank throws the same CollectiveError when any rank
  // failed: a std::invalid_argument (for the default kind) whose what() is
  // "<message> (rank R)".
  void check(bool ok, const std::string& message = {}, const std::string& kind = "ValueError") const;
  // Runs f() here, then agrees: returns f()'s result when it succeeded on
  // every rank, else every rank throws the lowest failing rank's exception
  // as a CollectiveError of its kind (describe_exception).
  template <class F>
  auto agree_on(F&& f) const -> decltype(f());
  // Runs f() on root alone (a step only root can do: a file, the display)
  // and shares its outcome in one broadcast: every rank returns the bytes
  // f() returned, or throws root's exception as a CollectiveError.
  template <class F>
  std::string on_root(int root, F&& f) const;
  // The second half of on_root, for a caller that ran root's step itself
  // (the Python binding: root's errors are Python exceptions): root passes
  // its result or its failure; every rank returns root's result or throws
  // root's failure as a CollectiveError. One broadcast.
  std::string share_outcome(int root, const std::string& result, const std::optional<ErrorReport>& failure) const;

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
  // Whether every rank passed the same v, known alike on every rank, in one
  // allreduce (a check that costs two when made of a min and a max). The
  // allreduce is agree_same's: a rank in agree_same with a failure makes
  // this throw that failure.
  bool same_everywhere(std::int64_t v) const;
  // agree() and same_everywhere() in one allreduce, for a collective call
  // whose local checks and options must both agree before data moves.
  struct SameAgreement {
    Agreement agreement;  // as agree() returns it
    bool same = true;     // v alike on every rank (meaningful when agreement.ok)
  };
  SameAgreement agree_same(std::int64_t v, bool ok, const std::string& message = {},
                           const std::string& kind = "ValueError") const;
  std::vector<double> allreduce_sum(const std::vector<double>& v) const;
  std::vector<double> allreduce_min(const std::vector<double>& v) const;
  std::vector<double> allreduce_max(const std::vector<double>& v) const;
  // Sum of v over ranks below this one (0 on rank 0).
  std::uint64_t exclusive_scan(std::uint64_t v) const;

 private:
  void check_root(int root) const;
  // Agreement of a failure whose lowest failing rank is `first`: that
  // rank's kind and message in one broadcast.
  Agreement failure_of(int first, const std::string& message, const std::string& kind) const;
  // The second half of agree_on: failure is set on the ranks that failed.
  void agree_or_throw(const std::optional<ErrorReport>& failure) const;

  MPI_Comm comm_;
  int rank_ = 0;
  int size_ = 1;
};

template <class F>
auto Comm::agree_on(F&& f) const -> decltype(f()) {
  using R = decltype(f());
  std::optional<ErrorReport> failure;
  if constexpr (std::is_void_v<R>) {
    try {
      f();
    } catch (...) {
      failure = describe_exception(std::current_exception());
    }
    agree_or_throw(failure);
  } else {
    std::optional<R> result;
    try {
      result.emplace(f());
    } catch (...) {
      failure = describe_exception(std::current_exception());
    }
    agree_or_throw(failure);
    return std::move(*result);
  }
}

template <class F>
std::string Comm::on_root(int root, F&& f) const {
  check_root(root);
  std::string result;
  std::optional<ErrorReport> failure;
  if (rank_ == root) {
    try {
      if constexpr (std::is_void_v<decltype(f())>) {
        f();
      } else {
        result = f();
      }
    } catch (...) {
      failure = describe_exception(std::current_exception());
    }
  }
  return share_outcome(root, result, failure);
}

}  // namespace pargist::reduce
