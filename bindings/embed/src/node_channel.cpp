#include "node_channel.hpp"

#include <fcntl.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <ctime>
#include <stdexcept>

namespace pargist::embed {

// The first page of the file, mapped shared by every rank of the node. The
// messages follow it: each an 8-byte length and its bytes.
struct NodeChannel::Header {
  std::atomic<std::uint32_t> published;  // messages so far; the futex word
  std::atomic<std::uint32_t> sleepers;   // readers inside futex_wait
  std::atomic<std::uint64_t> end;        // file offset past the last message
  std::atomic<std::uint32_t> failed;     // the leader could not write: no more messages
};

namespace {

constexpr std::uint64_t data_start = 4096;
static_assert(std::atomic<std::uint32_t>::is_always_lock_free && std::atomic<std::uint64_t>::is_always_lock_free,
              "the channel's header is shared between processes");

std::runtime_error system_error(const std::string& what) {
  return std::runtime_error("pargist-python: " + what + ": " + std::strerror(errno));
}

// Sleeps while *word == expected (shared futex: the word lives in a file
// mapping), at most `seconds`.
void futex_wait(std::atomic<std::uint32_t>* word, std::uint32_t expected, double seconds) {
  timespec ts;
  ts.tv_sec = static_cast<time_t>(seconds);
  ts.tv_nsec = static_cast<long>((seconds - double(ts.tv_sec)) * 1e9);
  ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAIT, expected, &ts, nullptr, 0);
}

void futex_wake_all(std::atomic<std::uint32_t>* word) {
  ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAKE, INT_MAX, nullptr, nullptr, 0);
}

// A hint to the core that this is a polling loop (frees resources for a
// hardware sibling thread).
inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

void read_exactly(int fd, char* out, std::uint64_t size, std::uint64_t offset) {
  while (size > 0) {
    const ssize_t n = ::pread(fd, out, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw system_error("reading the node channel");
    out += n, size -= std::uint64_t(n), offset += std::uint64_t(n);
  }
}

}  // namespace

NodeChannel::NodeChannel(int fd, Header* header, bool leader)
    : fd_(fd), header_(header), leader_(leader), offset_(data_start) {}

NodeChannel::~NodeChannel() {
  ::munmap(header_, data_start);
  ::close(fd_);
}

std::unique_ptr<NodeChannel> NodeChannel::create(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) throw system_error("creating " + path);
  if (::ftruncate(fd, data_start) != 0) {
    ::close(fd);
    throw system_error("sizing " + path);
  }
  void* map = ::mmap(nullptr, data_start, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED) {
    ::close(fd);
    throw system_error("mapping " + path);
  }
  Header* h = new (map) Header;  // the fresh file reads as zeros: an empty channel
  h->end.store(data_start);
  return std::unique_ptr<NodeChannel>(new NodeChannel(fd, h, true));
}

std::unique_ptr<NodeChannel> NodeChannel::attach(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) throw system_error("opening " + path);
  void* map = ::mmap(nullptr, data_start, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED) {
    ::close(fd);
    throw system_error("mapping " + path);
  }
  return std::unique_ptr<NodeChannel>(new NodeChannel(fd, static_cast<Header*>(map), false));
}

void NodeChannel::publish(std::initializer_list<std::string_view> parts) {
  std::uint64_t size = 0;
  iovec iov[8];
  int count = 1;
  for (std::string_view part : parts) {
    if (count == 8) throw std::logic_error("pargist-python: too many parts in one channel message");
    iov[count++] = {const_cast<char*>(part.data()), part.size()};
    size += part.size();
  }
  iov[0] = {&size, sizeof size};
  const std::uint64_t total = sizeof size + size;
  std::uint64_t done = 0;
  while (done < total) {
    // pwritev from where the last call stopped (a partial write is rare).
    iovec rest[8];
    int left = 0;
    std::uint64_t skip = done;
    for (int k = 0; k < count; ++k) {
      if (skip >= iov[k].iov_len) {
        skip -= iov[k].iov_len;
        continue;
      }
      rest[left++] = {static_cast<char*>(iov[k].iov_base) + skip, iov[k].iov_len - skip};
      skip = 0;
    }
    const ssize_t n = ::pwritev(fd_, rest, left, static_cast<off_t>(offset_ + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::runtime_error error = system_error("writing the node channel");
      fail();
      throw error;
    }
    done += std::uint64_t(n);
  }
  offset_ += total;
  // The bytes are in the file before `end` says so; a reader that read
  // `published` before deciding to sleep sees it change and does not.
  header_->end.store(offset_);
  header_->published.fetch_add(1);
  if (header_->sleepers.load() > 0) futex_wake_all(&header_->published);
}

void NodeChannel::fail() {
  header_->failed.store(1);
  header_->published.fetch_add(1);  // a sleeper's futex word changes: it wakes
  futex_wake_all(&header_->published);
}

bool NodeChannel::next(std::string* data, double timeout_seconds, bool spin) {
  using clock = std::chrono::steady_clock;
  const bool bounded = timeout_seconds >= 0;
  const auto deadline = clock::now() + std::chrono::duration_cast<clock::duration>(
                                           std::chrono::duration<double>(bounded ? timeout_seconds : 0));
  for (unsigned polls = 1; header_->end.load() <= offset_; ++polls) {
    if (header_->failed.load())
      throw std::runtime_error("pargist-python: the node leader could not write the importer's next message");
    if (spin) {
      if (bounded && polls % 4096 == 0 && clock::now() >= deadline) return false;
      cpu_relax();
      continue;
    }
    const std::uint32_t seen = header_->published.load();
    header_->sleepers.fetch_add(1);
    // Re-check after announcing the sleep: a message published in between
    // either shows here or changes `published`, and the wait returns at once.
    if (header_->end.load() <= offset_) {
      double nap = 0.25;  // a bound, so that a deadline is seen
      if (bounded) {
        const double left = std::chrono::duration<double>(deadline - clock::now()).count();
        nap = left < nap ? left : nap;
      }
      if (nap > 0) futex_wait(&header_->published, seen, nap);
    }
    header_->sleepers.fetch_sub(1);
    if (bounded && clock::now() >= deadline && header_->end.load() <= offset_) return false;
  }
  std::uint64_t size = 0;
  read_exactly(fd_, reinterpret_cast<char*>(&size), sizeof size, offset_);
  data->resize(size);
  read_exactly(fd_, data->data(), size, offset_ + sizeof size);
  offset_ += sizeof size + size;
  return true;
}

}  // namespace pargist::embed
