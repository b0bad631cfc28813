#include "mpi_runtime.hpp"

#include "node_channel.hpp"
#include "node_dir.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include <unistd.h>

namespace pargist::embed {
namespace {

MpiRuntime* the_runtime = nullptr;

// Whether waiting ranks may poll without pause: when this node has a core
// for each of its ranks, nobody needs the core a waiting rank holds, and
// every pause only delays the moment it sees rank 0's message (sleeping
// cost rank 1 of 2 a third of its import time).
bool spin_waits = false;

// Waits for a nonblocking collective. With spin_waits, polls; otherwise
// without hogging the core: ranks that wait for rank 0 to read a module
// would otherwise spin, and when ranks outnumber cores (oversubscription)
// steal the CPU rank 0 needs (yielding instead of sleeping measured slower:
// the spinning ranks still win the core). Polls briefly, then sleeps with a
// growing, bounded back-off. Returns false when the deadline (if any)
// passes first.
bool wait_gently(MPI_Request* request, double timeout_seconds) {
  using clock = std::chrono::steady_clock;
  const bool bounded = timeout_seconds >= 0;
  const auto deadline = clock::now() + std::chrono::duration_cast<clock::duration>(
                                           std::chrono::duration<double>(bounded ? timeout_seconds : 0));
  int done = 0;
  if (spin_waits) {
    for (unsigned polls = 1;; ++polls) {
      MPI_Test(request, &done, MPI_STATUS_IGNORE);
      if (done) return true;
      if (bounded && polls % 1024 == 0 && clock::now() >= deadline) return false;
    }
  }
  for (int spin = 0; spin < 200; ++spin) {
    MPI_Test(request, &done, MPI_STATUS_IGNORE);
    if (done) return true;
  }
  auto pause = std::chrono::microseconds(10);
  while (true) {
    MPI_Test(request, &done, MPI_STATUS_IGNORE);
    if (done) return true;
    if (bounded && clock::now() >= deadline) return false;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::microseconds(500));
  }
}

void bcast_gently(void* data, int count, MPI_Datatype type, int root, MPI_Comm comm) {
  MPI_Request request;
  MPI_Ibcast(data, count, type, root, comm, &request);
  wait_gently(&request, -1);
}

// One broadcast carries the length and, when it fits, the bytes; longer
// messages follow in chunks of at most 1 GiB (MPI counts are int).
// Small enough for shared memory's eager protocol (4 KiB in OpenMPI's
// vader): rank 0's post of a small message completes at once.
constexpr std::uint64_t inline_bytes = 4000 - 8;

std::string bcast_string(const std::string& data, int root, MPI_Comm comm) {
  int me = 0;
  MPI_Comm_rank(comm, &me);
  std::vector<char> first(8 + inline_bytes);
  std::uint64_t size = data.size();
  if (me == root) {
    std::memcpy(first.data(), &size, 8);
    std::memcpy(first.data() + 8, data.data(), std::min(size, inline_bytes));
  }
  bcast_gently(first.data(), static_cast<int>(first.size()), MPI_BYTE, root, comm);
  std::memcpy(&size, first.data(), 8);
  std::string out;
  char* rest = nullptr;  // where bytes past the first message go
  if (me == root) {
    rest = const_cast<char*>(data.data());  // only read: the root sends
  } else {
    out.assign(size, '\0');
    std::memcpy(out.data(), first.data() + 8, std::min(size, inline_bytes));
    rest = out.data();
  }
  for (std::uint64_t off = inline_bytes; off < size; off += (1u << 30))
    bcast_gently(rest + off, static_cast<int>(std::min<std::uint64_t>(1u << 30, size - off)),
                 MPI_BYTE, root, comm);
  return me == root ? data : out;
}

// FNV-1a: a stable hash of the request, identical on every rank and run.
std::uint64_t tag_hash(const std::string& tag) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : tag) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

MpiRuntime::MpiRuntime(int* argc, char*** argv, bool with_mpi) : with_mpi_(with_mpi), pid_(::getpid()) {
  the_runtime = this;
  if (!with_mpi_) return;  // rank 0 of 1
  int provided = 0;
  if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
    std::fprintf(stderr, "pargist-python: MPI_Init_thread failed\n");
    std::exit(1);
  }
  if (provided < MPI_THREAD_FUNNELED) {
    std::fprintf(stderr, "pargist-python: the MPI library does not provide MPI_THREAD_FUNNELED\n");
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  MPI_Comm_dup(MPI_COMM_WORLD, &comm_);
  // PARGIST_EMBED_RANKS_PER_NODE=k pretends that nodes hold k ranks each,
  // so that one machine can test what happens between nodes.
  const char* per_node = std::getenv("PARGIST_EMBED_RANKS_PER_NODE");
  if (per_node && std::atoi(per_node) > 0)
    MPI_Comm_split(comm_, rank_ / std::atoi(per_node), rank_, &node_comm_);
  else
    MPI_Comm_split_type(comm_, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &node_comm_);
  MPI_Comm_rank(node_comm_, &node_rank_);
  MPI_Comm_size(node_comm_, &node_size_);
  // World rank 0 is node rank 0 of its node and rank 0 among the leaders.
  MPI_Comm_split(comm_, node_rank_ == 0 ? 0 : MPI_UNDEFINED, rank_, &leaders_comm_);
  if (node_rank_ == 0) MPI_Comm_size(leaders_comm_, &leaders_size_);
  // PARGIST_EMBED_WAIT=poll|sleep overrides the choice (e.g. on nodes
  // shared with other jobs).
  const char* wait = std::getenv("PARGIST_EMBED_WAIT");
  if (wait && std::strcmp(wait, "poll") == 0)
    spin_waits = true;
  else if (wait && std::strcmp(wait, "sleep") == 0)
    spin_waits = false;
  else
    spin_waits = node_size_ <= ::sysconf(_SC_NPROCESSORS_ONLN);
  if (size_ > 1) open_node_channels();
}

// One collective step at start-up: on each node of several ranks the leader
// creates the channel in the node-local directory and the others attach.
// The channels carry the importer's messages only if that worked on every
// node; otherwise every rank receives them through MPI (a warning says why).
void MpiRuntime::open_node_channels() {
  // PARGIST_EMBED_CHANNEL=0: MPI within nodes too (the same collective
  // steps run, so ranks that disagree about it still agree on the result).
  const char* setting = std::getenv("PARGIST_EMBED_CHANNEL");
  const bool wanted = !(setting && std::strcmp(setting, "0") == 0);
  std::string error;
  if (node_size_ > 1) {
    std::string path;
    if (node_rank_ == 0 && wanted) {
      try {
        node_dir_ = create_node_dir();
        path = node_dir_ + "/channel";
        channel_ = NodeChannel::create(path);
      } catch (const std::exception& e) {
        error = e.what();
        path.clear();
      }
    }
    path = bcast_string(path, 0, node_comm_);
    if (node_rank_ != 0 && !path.empty()) {
      try {
        channel_ = NodeChannel::attach(path);
      } catch (const std::exception& e) {
        error = e.what();
      }
    }
    if (path.empty() && error.empty() && wanted) error = "the node leader could not create the node channel";
  }
  std::int64_t ok = wanted && error.empty() ? 1 : 0, all_ok = 0;
  MPI_Allreduce(&ok, &all_ok, 1, MPI_INT64_T, MPI_MIN, comm_);
  use_channels_ = all_ok == 1;
  // Every rank has the channel open (or gave up): its name is no longer
  // needed, and without it a killed job leaves nothing in /dev/shm. The
  // directory comes back when an extension module needs it.
  if (node_rank_ == 0) remove_node_dir();
  if (!use_channels_) {
    if (!error.empty())
      std::fprintf(stderr, "pargist-python (rank %d): %s; imports travel through MPI instead\n", rank_,
                   error.c_str());
    channel_.reset();
  }
}

MpiRuntime::~MpiRuntime() { finalize(); }

MpiRuntime& MpiRuntime::instance() {
  if (!the_runtime) throw std::logic_error("pargist-python: MPI is not initialised");
  return *the_runtime;
}

void MpiRuntime::wait(MPI_Request* request, double timeout_seconds) {
  if (!wait_gently(request, timeout_seconds)) throw AgreeTimeout{};
}

bool MpiRuntime::forked() const { return ::getpid() != pid_; }

std::string MpiRuntime::broadcast(const std::string& data) {
  if (size_ == 1) return data;
  return bcast_string(data, 0, comm_);
}

std::vector<std::string> MpiRuntime::agree(const std::string& tag, double timeout_seconds) {
  if (size_ == 1) return {};
  const std::uint64_t h = tag_hash(tag);
  // min(h) == max(h) on every rank <=> everybody passed the same tag;
  // max(h) is ~min(~h), so one MPI_MIN reduction answers both.
  std::uint64_t local[2] = {h, ~h};
  std::uint64_t global[2] = {0, 0};
  MPI_Request request;
  MPI_Iallreduce(local, global, 2, MPI_UINT64_T, MPI_MIN, comm_, &request);
  wait(&request, timeout_seconds);
  if (global[0] == h && ~global[1] == h) return {};
  return agree_failed(tag);
}

// Disagreement: every rank reached the same collective with its own tag;
// collect them all so the error can name each rank's request.
std::vector<std::string> MpiRuntime::agree_failed(const std::string& tag) {
  int len = static_cast<int>(tag.size());
  std::vector<int> lens(size_), offsets(size_);
  MPI_Allgather(&len, 1, MPI_INT, lens.data(), 1, MPI_INT, comm_);
  int total = 0;
  for (int r = 0; r < size_; ++r) {
    offsets[r] = total;
    total += lens[r];
  }
  std::string all(total, '\0');
  MPI_Allgatherv(tag.data(), len, MPI_CHAR, all.data(), lens.data(), offsets.data(), MPI_CHAR, comm_);
  std::vector<std::string> tags(size_);
  for (int r = 0; r < size_; ++r) tags[r] = all.substr(offsets[r], lens[r]);
  return tags;
}

void MpiRuntime::post(std::string_view head, std::string_view payload) {
  if (size_ == 1) return;  // nobody to tell
  if (!use_channels_) return post_mpi(head, payload, comm_);
  if (leaders_size_ > 1) post_mpi(head, payload, leaders_comm_);
  if (channel_) channel_->publish({head, payload});
}

bool MpiRuntime::receive(std::string* data, double timeout_seconds) {
  if (size_ == 1) throw std::logic_error("pargist-python: receive() with one rank");
  if (!use_channels_) return receive_mpi(data, timeout_seconds, comm_);
  if (node_rank_ != 0) return channel_->next(data, timeout_seconds, spin_waits);
  // The leader of another node: from rank 0 through MPI, then to its node.
  if (!receive_mpi(data, timeout_seconds, leaders_comm_)) return false;
  if (channel_) channel_->publish({*data});
  return true;
}

void MpiRuntime::post_mpi(std::string_view head, std::string_view payload, MPI_Comm comm) {
  const std::uint64_t size = head.size() + payload.size();
  // Checked before anything is sent: the receivers must never see a head
  // whose rest does not follow.
  if (size > inline_bytes && size - inline_bytes > (1u << 30))
    throw std::length_error("pargist-python: a module message over 1 GiB");
  // Bytes [from, from + n) of head followed by payload, into out: the
  // message is copied once, into the buffers that outlive the broadcast.
  auto copy = [&](char* out, std::uint64_t from, std::uint64_t n) {
    if (from < head.size()) {
      const std::uint64_t k = std::min<std::uint64_t>(n, head.size() - from);
      std::memcpy(out, head.data() + from, k);
      out += k, from += k, n -= k;
    }
    if (n > 0) std::memcpy(out, payload.data() + (from - head.size()), n);
  };
  Posted& m = posted_.emplace_back();
  m.head.assign(8 + inline_bytes, 0);
  std::memcpy(m.head.data(), &size, 8);
  copy(m.head.data() + 8, 0, std::min(size, inline_bytes));
  MPI_Ibcast(m.head.data(), static_cast<int>(m.head.size()), MPI_BYTE, 0, comm, &m.requests[0]);
  if (size > inline_bytes) {
    m.rest.resize(size - inline_bytes);
    copy(m.rest.data(), inline_bytes, size - inline_bytes);
    MPI_Ibcast(m.rest.data(), static_cast<int>(m.rest.size()), MPI_BYTE, 0, comm, &m.requests[1]);
  }
  progress(false);
}

bool MpiRuntime::receive_mpi(std::string* data, double timeout_seconds, MPI_Comm comm) {
  std::vector<char> head(8 + inline_bytes);
  MPI_Request request;
  MPI_Ibcast(head.data(), static_cast<int>(head.size()), MPI_BYTE, 0, comm, &request);
  if (!wait_gently(&request, timeout_seconds)) return false;
  std::uint64_t size = 0;
  std::memcpy(&size, head.data(), 8);
  data->assign(size, '\0');
  std::memcpy(data->data(), head.data() + 8, std::min(size, inline_bytes));
  if (size > inline_bytes) {
    MPI_Ibcast(data->data() + inline_bytes, static_cast<int>(size - inline_bytes), MPI_BYTE, 0,
               comm, &request);
    wait_gently(&request, -1);
  }
  return true;
}

void MpiRuntime::progress(bool wait_all) {
  // Broadcasts complete in the order they were posted: test from the
  // oldest and stop at the first still in flight (each test runs MPI's
  // progress engine, so testing them all would cost O(pending) per post).
  while (!posted_.empty()) {
    Posted& m = posted_.front();
    int done = 0;
    if (wait_all) {
      MPI_Waitall(2, m.requests, MPI_STATUSES_IGNORE);
      done = 1;
    } else {
      MPI_Testall(2, m.requests, &done, MPI_STATUSES_IGNORE);
    }
    if (!done) return;
    posted_.pop_front();
  }
}

std::vector<std::int64_t> MpiRuntime::allreduce_min(const std::vector<std::int64_t>& values) {
  if (size_ == 1) return values;
  std::vector<std::int64_t> out(values.size());
  MPI_Allreduce(values.data(), out.data(), static_cast<int>(values.size()), MPI_INT64_T,
                MPI_MIN, comm_);
  return out;
}

std::vector<std::string> MpiRuntime::gather(const std::string& data) {
  if (size_ == 1) return {data};
  int len = static_cast<int>(data.size());
  std::vector<int> lens(rank_ == 0 ? size_ : 0), offsets(rank_ == 0 ? size_ : 0);
  MPI_Gather(&len, 1, MPI_INT, lens.data(), 1, MPI_INT, 0, comm_);
  int total = 0;
  for (size_t r = 0; r < lens.size(); ++r) {
    offsets[r] = total;
    total += lens[r];
  }
  std::string all(total, '\0');
  MPI_Gatherv(data.data(), len, MPI_CHAR, all.data(), lens.data(), offsets.data(), MPI_CHAR, 0,
              comm_);
  std::vector<std::string> out;
  for (size_t r = 0; r < lens.size(); ++r) out.push_back(all.substr(offsets[r], lens[r]));
  return out;
}

std::string MpiRuntime::stage_node_file(const std::string& data, const std::string& file_name) {
  std::string error;
  std::string path;
  if (size_ == 1) throw std::logic_error("pargist-python: stage_node_file() with one rank");
  if (node_rank_ == 0) {
    // Only the node leaders need the bytes.
    std::string bytes = bcast_string(data, 0, leaders_comm_);
    try {
      ensure_extension_dir();
      path = node_dir_ + "/" + file_name;
      write_node_file(path, bytes);
    } catch (const std::exception& e) {
      error = e.what();
      path.clear();
    }
  }
  path = bcast_string(path, 0, node_comm_);
  if (node_rank_ != 0 && path.empty()) error = "pargist-python: the node leader could not stage " + file_name;
  // Every rank of every node must agree that staging worked before loading.
  std::int64_t ok = error.empty() ? 1 : 0, all_ok = 0;
  MPI_Allreduce(&ok, &all_ok, 1, MPI_INT64_T, MPI_MIN, comm_);
  if (!all_ok) {
    if (!path.empty() && node_rank_ == 0) ::unlink(path.c_str());
    throw std::runtime_error(error.empty() ? "pargist-python: staging " + file_name +
                                                 " failed on another node"
                                           : error);
  }
  return path;
}

std::pair<std::string, std::uint64_t> MpiRuntime::copy_node_file_here(const std::string& origin,
                                                                       const std::string& file_name) {
  ensure_extension_dir();
  const std::string path = node_dir_ + "/" + file_name;
  return {path, copy_node_file(origin, path)};
}

void MpiRuntime::abort(int status) {
  std::fflush(stdout);
  std::fflush(stderr);
  if (!forked()) remove_node_dir();
  if (with_mpi_ && !forked()) MPI_Abort(MPI_COMM_WORLD, status == 0 ? 1 : status);
  std::_Exit(status == 0 ? 1 : status);
}

// The node-local directory for extension modules, from the first one on
// to the end of the job.
void MpiRuntime::ensure_extension_dir() {
  if (!node_dir_.empty()) return;
  node_dir_ = create_node_dir();
  watch_node_dir(node_dir_);
}

void MpiRuntime::remove_node_dir() {
  if (!node_dir_.empty()) {
    pargist::embed::remove_node_dir(node_dir_);
    node_dir_.clear();
  }
}

void MpiRuntime::finalize() {
  if (finalized_) return;
  finalized_ = true;
  if (forked()) return;
  channel_.reset();
  remove_node_dir();
  if (!with_mpi_) return;
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (finalized) return;
  progress(true);
  if (leaders_comm_ != MPI_COMM_NULL) MPI_Comm_free(&leaders_comm_);
  MPI_Comm_free(&node_comm_);
  MPI_Comm_free(&comm_);
  MPI_Finalize();
  if (the_runtime == this) the_runtime = nullptr;
}

}  // namespace pargist::embed
