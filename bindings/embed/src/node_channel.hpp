// The importer's messages from a node's leader to the other ranks of the
// node, through shared memory instead of MPI: the leader appends each
// message to a file in the node-local directory (tmpfs) and rings a futex;
// the others read the file at their own pace and sleep in the kernel while
// nothing is new.
//
// Why not MPI_Ibcast within the node: its tree makes ranks forward messages,
// which they only do while inside an MPI call, and waiting ranks must poll.
// When ranks outnumber cores, the polling and the forwarding delays cost
// more CPU than the imports themselves; here a waiting rank costs nothing
// and wakes once per message.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

namespace pargist::embed {

class NodeChannel {
 public:
  // The leader: creates the channel file (exclusively) at `path`.
  static std::unique_ptr<NodeChannel> create(const std::string& path);
  // The other ranks of the node: open the leader's file.
  static std::unique_ptr<NodeChannel> attach(const std::string& path);
  ~NodeChannel();
  NodeChannel(const NodeChannel&) = delete;
  NodeChannel& operator=(const NodeChannel&) = delete;

  // Leader: appends one message, the concatenation of `parts`, and wakes
  // the readers. Throws std::runtime_error when the file cannot grow (after
  // fail(): the readers must not wait for a message that never comes).
  void publish(std::initializer_list<std::string_view> parts);

  // Leader: no more messages will come; readers waiting or arriving at the
  // end of the channel throw instead of waiting.
  void fail();

  // Reader: the next message, in order. With `spin`, polls (a core per rank);
  // otherwise sleeps until the leader publishes. False when timeout_seconds
  // (if >= 0) passes first; throws std::runtime_error when the leader failed.
  bool next(std::string* data, double timeout_seconds, bool spin);

 private:
  struct Header;
  NodeChannel(int fd, Header* header, bool leader);
  int fd_;
  Header* header_;
  bool leader_;
  std::uint64_t offset_;  // leader: end of the data; reader: next message
};

}  // namespace pargist::embed
