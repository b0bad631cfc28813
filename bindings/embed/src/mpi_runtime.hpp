// The MPI side of pargist-python: start-up and shut-down, and the few
// collectives the broadcast importer needs. They all run on a private
// duplicate of MPI_COMM_WORLD, so the importer's traffic can never match a
// collective of the user's script.
#pragma once

#include <mpi.h>

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pargist::embed {

class NodeChannel;

class MpiRuntime {
 public:
  // MPI_Init_thread(FUNNELED) and the communicators. Aborts on failure.
  // Without with_mpi (a process started by a rank, see launch_context.hpp):
  // no MPI at all, one rank of one, every collective trivial.
  MpiRuntime(int* argc, char*** argv, bool with_mpi);
  ~MpiRuntime();
  MpiRuntime(const MpiRuntime&) = delete;
  MpiRuntime& operator=(const MpiRuntime&) = delete;

  static MpiRuntime& instance();

  int rank() const { return rank_; }
  int size() const { return size_; }
  int node_rank() const { return node_rank_; }
  int node_size() const { return node_size_; }

  // Rank 0's bytes on every rank (`data` is ignored elsewhere).
  std::string broadcast(const std::string& data);

  // Do all ranks pass the same tag? One allreduce of a 64-bit hash; on a
  // mismatch every rank learns every rank's tag (one more allgather).
  // Returns an empty vector when all agree, else the tags indexed by rank.
  // With timeout_seconds >= 0, throws TimeoutError-like AgreeTimeout when
  // the other ranks do not arrive in time (the caller then aborts the job).
  struct AgreeTimeout {};
  std::vector<std::string> agree(const std::string& tag, double timeout_seconds);

  // The importer's steps, rank 0 never waiting for the others: rank 0
  // posts each message and goes on (a nonblocking broadcast to the other
  // node leaders, an append to its node's channel); the others receive them
  // in order. post() and receive() must pair up, in order.
  // A message is `head` followed by `payload` (sent without copying them
  // into one buffer first).
  void post(std::string_view head, std::string_view payload);
  // False when timeout_seconds >= 0 passes first (the caller then aborts).
  bool receive(std::string* data, double timeout_seconds);
  // Rank 0: completes posted messages (all of them with wait_all).
  void progress(bool wait_all);

  // Element-wise minimum over ranks.
  std::vector<std::int64_t> allreduce_min(const std::vector<std::int64_t>& values);

  // Every rank's bytes on rank 0 (empty vector elsewhere).
  std::vector<std::string> gather(const std::string& data);

  // Extension modules: world rank 0's file content reaches one rank per
  // node, which writes it into a private node-local directory; returns the
  // path of that copy on every rank. Collective over all ranks. The copies
  // stay until finalize() (a rank may find a spec and load it much later).
  std::string stage_node_file(const std::string& data, const std::string& file_name);

  // Rank 0 when every rank shares its node: copies rank 0's file `origin`
  // into the node-local directory itself, in the kernel (no bytes through
  // Python), no collective (the path then travels in the import's own
  // message). Returns the copy's path and size.
  std::pair<std::string, std::uint64_t> copy_node_file_here(const std::string& origin,
                                                             const std::string& file_name);

  // Ends the whole job now.
  [[noreturn]] void abort(int status);

  // MPI_Finalize after removing the node-local directory.
  void finalize();

 private:
  void wait(MPI_Request* request, double timeout_seconds);
  void open_node_channels();
  void post_mpi(std::string_view head, std::string_view payload, MPI_Comm comm);
  bool receive_mpi(std::string* data, double timeout_seconds, MPI_Comm comm);
  std::vector<std::string> agree_failed(const std::string& tag);
  void ensure_extension_dir();
  void remove_node_dir();
  // A child the script forked (os.fork, multiprocessing) runs this
  // program's exit path too: it is no rank, and leaves MPI and the node
  // directory to its parent.
  bool forked() const;

  int rank_ = 0, size_ = 1, node_rank_ = 0, node_size_ = 1;
  MPI_Comm comm_ = MPI_COMM_NULL;          // private duplicate of WORLD
  MPI_Comm node_comm_ = MPI_COMM_NULL;     // ranks sharing this node
  MPI_Comm leaders_comm_ = MPI_COMM_NULL;  // node rank 0 of every node
  int leaders_size_ = 0;                   // on the leaders: how many nodes
  std::string node_dir_;                   // created by the node leader (start-up or first use)
  // The importer's messages: rank 0 to the other node leaders by MPI, each
  // leader to its node by its channel (use_channels_: every node has one).
  std::unique_ptr<NodeChannel> channel_;
  bool use_channels_ = false;
  struct Posted {                          // a message rank 0 has posted
    std::vector<char> head;                // size + first bytes
    std::string rest;                      // the bytes past the head
    MPI_Request requests[2] = {MPI_REQUEST_NULL, MPI_REQUEST_NULL};
  };
  std::list<Posted> posted_;
  bool finalized_ = false;
  bool with_mpi_ = true;
  long pid_ = 0;                           // the rank's own process
};

}  // namespace pargist::embed
