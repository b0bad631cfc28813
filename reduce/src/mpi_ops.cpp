#include "mpi_ops.hpp"

#include <algorithm>
#include <climits>
#include <stdexcept>

namespace pargist::reduce::detail {

namespace {

// MPI calls take int counts: split long transfers into pieces.
constexpr std::size_t chunk_bytes = std::size_t(1) << 30;

void ordered_sum_fn(void* in, void* inout, int* len, MPI_Datatype*) {
  // MPI hands (lower rank's partial in `in`, higher in `inout`) for a
  // non-commutative op; addition order is then fixed by the rank order.
  const double* a = static_cast<const double*>(in);
  double* b = static_cast<double*>(inout);
  for (int i = 0; i < *len; ++i) b[i] = a[i] + b[i];
}

MPI_Op ordered_sum_op() {
  static MPI_Op op = [] {
    MPI_Op o;
    MPI_Op_create(&ordered_sum_fn, /*commute=*/0, &o);
    return o;
  }();
  return op;
}

void max_then_sum_fn(void* in, void* inout, int* len, MPI_Datatype*) {
  const double* a = static_cast<const double*>(in);
  double* b = static_cast<double*>(inout);
  const int half = *len / 2;
  for (int i = 0; i < half; ++i) b[i] = a[i] > b[i] ? a[i] : b[i];
  for (int i = half; i < *len; ++i) b[i] = a[i] + b[i];
}

MPI_Op max_then_sum_op() {
  static MPI_Op op = [] {
    MPI_Op o;
    MPI_Op_create(&max_then_sum_fn, /*commute=*/0, &o);
    return o;
  }();
  return op;
}

void check_count(std::size_t n) {
  if (n > max_mpi_count) throw std::invalid_argument("pargist: reduction too large for one MPI call");
}

// The most a reduction's receive buffer keeps between calls (Warp's node
// grid of 2048x2048 cells in doubles is 34 MB); a larger one is given back
// after its call.
constexpr std::size_t kKeptBytes = std::size_t(64) << 20;

// Reduction to one rank in which the root receives exactly one buffer,
// whatever the number of ranks: the other ranks reduce along a binomial
// tree to the rank after the root, which sends the result to the root.
// (MPI_Reduce's algorithms let the root receive up to P - 1 buffers.)
// The combination order is fixed for a given size and root.
template <class T, class Combine>
void tree_reduce(T* data, std::size_t n, MPI_Datatype type, Combine combine, MPI_Comm comm, int root) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  if (size == 1) return;
  const int tag = 0x7a11;
  const int others = size - 1;                            // ranks in the tree
  auto actual = [&](int v) { return (root + 1 + v) % size; };  // tree position -> rank
  // Kept from call to call on this thread (up to kKeptBytes): a plot's grid
  // is megabytes, and fresh memory costs a page fault per 4 kB at every
  // frame (2048 for a 1024x1024 grid: 20 ms where a page fault exits to
  // the hypervisor, as on this project's machine).
  thread_local std::vector<T> incoming;
  struct Trim {
    std::vector<T>& v;
    ~Trim() {
      if (v.capacity() * sizeof(T) > kKeptBytes) std::vector<T>().swap(v);
    }
  } trim{incoming};
  if (rank != root) {
    const int v = (rank - root - 1 + size) % size;
    for (int mask = 1; mask < others; mask <<= 1) {
      if (v & mask) {
        MPI_Send(data, int(n), type, actual(v - mask), tag, comm);
        return;
      }
      if (v + mask < others) {
        incoming.resize(n);
        MPI_Recv(incoming.data(), int(n), type, actual(v + mask), tag, comm, MPI_STATUS_IGNORE);
        combine(data, incoming.data(), n);  // data := data (+) later positions
      }
    }
    MPI_Send(data, int(n), type, root, tag, comm);  // v == 0: the tree's result
    return;
  }
  incoming.resize(n);
  MPI_Recv(incoming.data(), int(n), type, actual(0), tag, comm, MPI_STATUS_IGNORE);
  combine(data, incoming.data(), n);
}

template <class T>
void add_into(T* a, const T* b, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) a[i] += b[i];
}
void max_into(double* a, const double* b, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) a[i] = b[i] > a[i] ? b[i] : a[i];
}

void allreduce_in_place(void* data, std::size_t n, MPI_Datatype type, MPI_Op op, MPI_Comm comm) {
  check_count(n);
  MPI_Allreduce(MPI_IN_PLACE, data, int(n), type, op, comm);
}

}  // namespace

void bcast_bytes(void* data, std::size_t n, int root, MPI_Comm comm) {
  char* p = static_cast<char*>(data);
  for (std::size_t off = 0; off < n; off += chunk_bytes) {
    std::size_t len = std::min(chunk_bytes, n - off);
    MPI_Bcast(p + off, int(len), MPI_BYTE, root, comm);
  }
}

std::vector<std::vector<char>> gatherv_bytes(const void* data, std::size_t n, int root, MPI_Comm comm) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  unsigned long long mine = n;
  std::vector<unsigned long long> sizes(rank == root ? size : 0);
  MPI_Gather(&mine, 1, MPI_UNSIGNED_LONG_LONG, sizes.data(), 1, MPI_UNSIGNED_LONG_LONG, root, comm);
  // Total and per-rank sizes must fit an int for one Gatherv; larger
  // payloads go rank by rank with point-to-point messages.
  unsigned long long total = 0;
  for (auto s : sizes) total += s;
  int large = total > INT_MAX;
  MPI_Bcast(&large, 1, MPI_INT, root, comm);
  std::vector<std::vector<char>> out;
  if (!large) {
    std::vector<int> counts(sizes.size()), displs(sizes.size());
    for (std::size_t r = 0, off = 0; r < sizes.size(); ++r) {
      counts[r] = int(sizes[r]);
      displs[r] = int(off);
      off += sizes[r];
    }
    std::vector<char> all(rank == root ? total : 0);
    MPI_Gatherv(data, int(n), MPI_BYTE, all.data(), counts.data(), displs.data(), MPI_BYTE, root, comm);
    if (rank == root) {
      out.resize(size);
      for (int r = 0; r < size; ++r) out[r].assign(all.begin() + displs[r], all.begin() + displs[r] + counts[r]);
    }
    return out;
  }
  const int tag = 7411;
  if (rank == root) {
    out.resize(size);
    for (int r = 0; r < size; ++r) {
      out[r].resize(sizes[r]);
      if (r == root) {
        std::copy_n(static_cast<const char*>(data), n, out[r].data());
        continue;
      }
      for (std::size_t off = 0; off < sizes[r]; off += chunk_bytes)
        MPI_Recv(out[r].data() + off, int(std::min<std::size_t>(chunk_bytes, sizes[r] - off)), MPI_BYTE, r, tag,
                 comm, MPI_STATUS_IGNORE);
    }
  } else {
    const char* p = static_cast<const char*>(data);
    for (std::size_t off = 0; off < n; off += chunk_bytes)
      MPI_Send(p + off, int(std::min(chunk_bytes, n - off)), MPI_BYTE, root, tag, comm);
  }
  return out;
}

void ordered_sum(double* data, std::size_t n, MPI_Comm comm, int root) {
  if (root < 0) return allreduce_in_place(data, n, MPI_DOUBLE, ordered_sum_op(), comm);
  check_count(n);
  tree_reduce(data, n, MPI_DOUBLE, add_into<double>, comm, root);
}

void allreduce_max_then_sum(double* data, std::size_t half, MPI_Comm comm) {
  allreduce_in_place(data, 2 * half, MPI_DOUBLE, max_then_sum_op(), comm);
}

void sum_counts(std::uint64_t* data, std::size_t n, MPI_Comm comm, int root) {
  if (root < 0) return allreduce_in_place(data, n, MPI_UINT64_T, MPI_SUM, comm);
  check_count(n);
  tree_reduce(data, n, MPI_UINT64_T, add_into<std::uint64_t>, comm, root);
}

void max_values(double* data, std::size_t n, MPI_Comm comm, int root) {
  if (root < 0) return allreduce_in_place(data, n, MPI_DOUBLE, MPI_MAX, comm);
  check_count(n);
  tree_reduce(data, n, MPI_DOUBLE, max_into, comm, root);
}

}  // namespace pargist::reduce::detail
