// pargist-python's node channel on its own: messages in order and whole,
// waits that end when the leader publishes (from another process, as on a
// node), timeouts, a leader that cannot write. Built into its own test so
// that it also runs under the sanitizers (the interpreter is not part of
// that build).
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "node_channel.hpp"

using pargist::embed::NodeChannel;

namespace {

// A fresh private directory for one channel file, removed at the end.
struct TempDir {
  std::string path;
  TempDir() {
    char name[] = "/tmp/pargist-channel-test-XXXXXX";
    REQUIRE(::mkdtemp(name) != nullptr);
    path = name;
  }
  ~TempDir() {
    ::unlink((path + "/channel").c_str());
    ::rmdir(path.c_str());
  }
  std::string file() const { return path + "/channel"; }
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Runs `body` in a forked process (another rank of the node) and returns
// its pid; the process exits with what body returns, 99 if it throws.
template <class Body>
pid_t start_process(Body body) {
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int status = 99;
    try {
      status = body();
    } catch (...) {
    }
    std::_Exit(status);
  }
  return pid;
}

// The exit status of a process from start_process().
int exit_status(pid_t pid) {
  int status = -1;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

}  // namespace

TEST_CASE("node channel: messages arrive whole and in order, parts joined", "[embed][channel]") {
  TempDir dir;
  auto leader = NodeChannel::create(dir.file());
  auto reader = NodeChannel::attach(dir.file());
  const std::string big(5 << 20, 'x');
  leader->publish({"head:", "payload"});
  leader->publish({});
  leader->publish({big, "!"});
  std::string got;
  for (bool spin : {true, false}) {
    auto other = NodeChannel::attach(dir.file());  // a second reader from the start
    REQUIRE(other->next(&got, 1.0, spin));
    CHECK(got == "head:payload");
    REQUIRE(other->next(&got, 1.0, spin));
    CHECK(got.empty());
    REQUIRE(other->next(&got, 1.0, spin));
    CHECK(got.size() == big.size() + 1);
    CHECK(got.back() == '!');
  }
  REQUIRE(reader->next(&got, 0, false));
  CHECK(got == "head:payload");
  // Creating over an existing file is refused (exclusive creation).
  CHECK_THROWS_AS(NodeChannel::create(dir.file()), std::runtime_error);
  CHECK_THROWS_AS(NodeChannel::attach(dir.path + "/missing"), std::runtime_error);
}

TEST_CASE("node channel: a reader waits for the leader, then times out when nothing comes", "[embed][channel]") {
  for (bool spin : {false, true}) {
    TempDir dir;
    auto leader = NodeChannel::create(dir.file());
    const pid_t reader_pid = start_process([&] {
      // The reader: the first message comes after 0.2 s, then nothing (a
      // 0.3 s timeout must end the wait).
      auto reader = NodeChannel::attach(dir.file());
      std::string got;
      const auto t0 = std::chrono::steady_clock::now();
      if (!reader->next(&got, 10.0, spin) || got != "wake up") return 1;
      const double waited = seconds_since(t0);
      if (waited < 0.1 || waited > 5.0) return 2;
      const auto t1 = std::chrono::steady_clock::now();
      if (reader->next(&got, 0.3, spin)) return 3;
      const double timed_out = seconds_since(t1);
      return timed_out < 0.25 || timed_out > 3.0 ? 4 : 0;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    leader->publish({"wake ", "up"});
    CHECK(exit_status(reader_pid) == 0);  // 1: wrong message, 2: woke at the wrong time, 3-4: timeout, 99: threw
  }
}

TEST_CASE("node channel: a leader that cannot write wakes its readers with an error", "[embed][channel]") {
  TempDir dir;
  const pid_t leader_pid = start_process([&] {
    // The leader: one message, then a write the file-size limit refuses
    // (a full tmpfs or a quota behave alike).
    auto leader = NodeChannel::create(dir.file());
    leader->publish({"first"});
    ::signal(SIGXFSZ, SIG_IGN);
    const rlimit small = {64 << 10, 64 << 10};
    ::setrlimit(RLIMIT_FSIZE, &small);
    try {
      leader->publish({std::string(1 << 20, 'x')});
    } catch (const std::runtime_error&) {
      return 0;
    }
    return 1;
  });
  // The reader: attaches once the leader has created the file.
  std::unique_ptr<NodeChannel> reader;
  const auto t0 = std::chrono::steady_clock::now();
  while (!reader && seconds_since(t0) < 10) {
    try {
      reader = NodeChannel::attach(dir.file());
    } catch (const std::runtime_error&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  REQUIRE(reader);
  std::string got;
  for (bool spin : {false, true}) {
    if (!spin) {
      REQUIRE(reader->next(&got, 10.0, spin));
      CHECK(got == "first");
    }
    const auto t1 = std::chrono::steady_clock::now();
    CHECK_THROWS_AS(reader->next(&got, 10.0, spin), std::runtime_error);  // not a 10 s wait
    CHECK(seconds_since(t1) < 5.0);
  }
  CHECK(exit_status(leader_pid) == 0);  // 1: the big message was written, 99: failed elsewhere
}
