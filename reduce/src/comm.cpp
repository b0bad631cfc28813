// The communicator handle: MPI initialisation on demand and the small generic
// collectives (agreement, byte broadcast/gather, scalar reductions).
#include <pargist/reduce/comm.hpp>

#include "mpi_ops.hpp"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace pargist::reduce {

namespace {

bool g_initialized_here = false;

void finalize_at_exit() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
}

}  // namespace

void ensure_mpi_initialized() {
  int initialized = 0, finalized = 0;
  MPI_Initialized(&initialized);
  MPI_Finalized(&finalized);
  if (finalized) throw std::runtime_error("pargist: MPI has already been finalised");
  if (initialized) return;
  int provided = 0;
  if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
    throw std::runtime_error("pargist: MPI_Init_thread failed");
  g_initialized_here = true;
  std::atexit(finalize_at_exit);
}

bool mpi_initialized_by_pargist() { return g_initialized_here; }

Comm::Comm() : Comm((ensure_mpi_initialized(), MPI_COMM_WORLD)) {}

Comm::Comm(MPI_Comm comm) : comm_(comm) {
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (!initialized) throw std::runtime_error("pargist: MPI is not initialised (use Comm() to initialise it)");
  if (comm == MPI_COMM_NULL) throw std::invalid_argument("pargist: communicator is MPI_COMM_NULL");
  MPI_Comm_rank(comm_, &rank_);
  MPI_Comm_size(comm_, &size_);
}

void Comm::barrier() const { MPI_Barrier(comm_); }

Agreement Comm::agree(bool ok, const std::string& message, const std::string& kind) const {
  int mine = ok ? INT_MAX : rank_;
  int first = INT_MAX;
  MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, comm_);
  if (first == INT_MAX) return {};
  return failure_of(first, message, kind);
}

Agreement Comm::failure_of(int first, const std::string& message, const std::string& kind) const {
  // The failing rank's kind and message in one broadcast: "kind\nmessage".
  const std::string sent = broadcast(kind + '\n' + message, first);
  const auto nl = sent.find('\n');
  Agreement result;
  result.ok = false;
  result.failed_rank = first;
  result.kind = sent.substr(0, nl);
  result.message = sent.substr(nl + 1);
  return result;
}

Comm::SameAgreement Comm::agree_same(std::int64_t v, bool ok, const std::string& message,
                                     const std::string& kind) const {
  // One MPI_MAX of three: the largest v, the largest ~v (~ of the smallest
  // v) and the largest INT_MAX - rank of a failing rank (its lowest), -1
  // when none failed.
  long long in[3] = {v, ~static_cast<long long>(v), ok ? -1LL : static_cast<long long>(INT_MAX - rank_)};
  long long out[3] = {0, 0, 0};
  MPI_Allreduce(in, out, 3, MPI_LONG_LONG, MPI_MAX, comm_);
  SameAgreement result;
  result.same = out[0] == ~out[1];
  if (out[2] >= 0) result.agreement = failure_of(static_cast<int>(INT_MAX - out[2]), message, kind);
  return result;
}

void Comm::check(bool ok, const std::string& message, const std::string& kind) const {
  agree(ok, message, kind).raise_if_failed();
}

void Comm::agree_or_throw(const std::optional<ErrorReport>& failure) const {
  if (failure) {
    check(false, failure->message, failure->kind);
  } else {
    check(true);
  }
}

std::string Comm::share_outcome(int root, const std::string& result, const std::optional<ErrorReport>& failure) const {
  // 'R' + root's result, or 'E' + "kind\nmessage", in one broadcast of a
  // small block (its length and first bytes): the usual outcome, success
  // with nothing to report, is one byte. A longer one (an error message,
  // a window's notices) sends its tail in a second broadcast.
  check_root(root);
  std::string sent = failure ? 'E' + failure->kind + '\n' + failure->message : 'R' + result;
  constexpr std::size_t inline_bytes = 120;
  struct {
    unsigned long long size;
    char head[inline_bytes];
  } block{};
  if (rank_ == root) {
    block.size = sent.size();
    std::memcpy(block.head, sent.data(), std::min(sent.size(), inline_bytes));
  }
  MPI_Bcast(&block, int(sizeof block), MPI_BYTE, root, comm_);
  if (rank_ != root) {
    sent.assign(block.head, std::min<std::size_t>(block.size, inline_bytes));
    sent.resize(block.size);
  }
  if (block.size > inline_bytes) detail::bcast_bytes(sent.data() + inline_bytes, block.size - inline_bytes, root, comm_);
  if (!sent.empty() && sent[0] == 'R') return sent.substr(1);
  const auto nl = sent.find('\n');
  Agreement failed;
  failed.ok = false;
  failed.failed_rank = root;
  failed.kind = sent.substr(1, nl == std::string::npos ? std::string::npos : nl - 1);
  failed.message = nl == std::string::npos ? std::string() : sent.substr(nl + 1);
  throw_collective_error(failed);
}

void Comm::check_root(int root) const {
  if (root < 0 || root >= size_)
    throw std::invalid_argument("pargist: root " + std::to_string(root) + " is not a rank of the communicator (size " +
                                std::to_string(size_) + ")");
}

std::string Comm::broadcast(const std::string& bytes, int root) const {
  check_root(root);
  unsigned long long n = bytes.size();
  MPI_Bcast(&n, 1, MPI_UNSIGNED_LONG_LONG, root, comm_);
  std::string out = rank_ == root ? bytes : std::string(n, '\0');
  detail::bcast_bytes(out.data(), n, root, comm_);
  return out;
}

std::vector<std::string> Comm::gather(const std::string& bytes, int root) const {
  check_root(root);
  std::vector<std::vector<char>> parts = detail::gatherv_bytes(bytes.data(), bytes.size(), root, comm_);
  std::vector<std::string> out;
  out.reserve(parts.size());
  for (auto& p : parts) out.emplace_back(p.begin(), p.end());
  return out;
}

std::vector<std::string> Comm::allgather(const std::string& bytes) const {
  unsigned long long mine = bytes.size();
  std::vector<unsigned long long> sizes(size_);
  MPI_Allgather(&mine, 1, MPI_UNSIGNED_LONG_LONG, sizes.data(), 1, MPI_UNSIGNED_LONG_LONG, comm_);
  unsigned long long total = 0;
  for (auto s : sizes) total += s;
  std::vector<std::string> out(size_);
  if (total > INT_MAX) {  // too large for one Allgatherv: rank by rank
    for (int r = 0; r < size_; ++r) out[r] = broadcast(r == rank_ ? bytes : std::string(), r);
    return out;
  }
  std::vector<int> counts(size_), displs(size_);
  for (int r = 0, off = 0; r < size_; ++r) counts[r] = int(sizes[r]), displs[r] = off, off += counts[r];
  std::string all(total, '\0');
  MPI_Allgatherv(bytes.data(), int(mine), MPI_BYTE, all.data(), counts.data(), displs.data(), MPI_BYTE, comm_);
  for (int r = 0; r < size_; ++r) out[r] = all.substr(std::size_t(displs[r]), std::size_t(counts[r]));
  return out;
}

double Comm::allreduce_sum(double v) const { return allreduce_sum(std::vector<double>{v})[0]; }
double Comm::allreduce_min(double v) const { return allreduce_min(std::vector<double>{v})[0]; }
double Comm::allreduce_max(double v) const { return allreduce_max(std::vector<double>{v})[0]; }

std::int64_t Comm::allreduce_sum(std::int64_t v) const {
  long long in = v, out = 0;
  MPI_Allreduce(&in, &out, 1, MPI_LONG_LONG, MPI_SUM, comm_);
  return out;
}
std::int64_t Comm::allreduce_min(std::int64_t v) const {
  long long in = v, out = 0;
  MPI_Allreduce(&in, &out, 1, MPI_LONG_LONG, MPI_MIN, comm_);
  return out;
}
std::int64_t Comm::allreduce_max(std::int64_t v) const {
  long long in = v, out = 0;
  MPI_Allreduce(&in, &out, 1, MPI_LONG_LONG, MPI_MAX, comm_);
  return out;
}

bool Comm::same_everywhere(std::int64_t v) const {
  const auto r = agree_same(v, true);
  r.agreement.raise_if_failed();
  return r.same;
}

std::vector<double> Comm::allreduce_sum(const std::vector<double>& v) const {
  std::vector<double> out(v);
  detail::ordered_sum(out.data(), out.size(), comm_, /*root=*/-1);
  return out;
}
std::vector<double> Comm::allreduce_min(const std::vector<double>& v) const {
  std::vector<double> out(v.size());
  MPI_Allreduce(v.data(), out.data(), int(v.size()), MPI_DOUBLE, MPI_MIN, comm_);
  return out;
}
std::vector<double> Comm::allreduce_max(const std::vector<double>& v) const {
  std::vector<double> out(v.size());
  MPI_Allreduce(v.data(), out.data(), int(v.size()), MPI_DOUBLE, MPI_MAX, comm_);
  return out;
}

std::uint64_t Comm::exclusive_scan(std::uint64_t v) const {
  unsigned long long in = v, out = 0;
  MPI_Exscan(&in, &out, 1, MPI_UNSIGNED_LONG_LONG, MPI_SUM, comm_);
  return rank_ == 0 ? 0 : out;  // MPI leaves rank 0's result undefined
}

}  // namespace pargist::reduce
