// Point to point messages between two ranks of a communicator, for Warp's
// parallel.py helpers (mpisend, mpirecv, getarray, gatherlist, gatherlog):
// bytes (a pickled object) sent whole; the receiver probes for the size.
// Not collective: only the two ranks take part. The GIL is released while
// waiting so that the window's thread keeps running.
#include "bindings.hpp"

#include <pargist/reduce/comm.hpp>

#include <mpi.h>

#include <limits>
#include <stdexcept>
#include <string>

namespace pargist::pybind {

namespace {

void check_rank(const reduce::Comm& c, int rank, const char* what) {
  if (rank < 0 || rank >= c.size()) {
    throw py::value_error(std::string(what) + ": rank " + std::to_string(rank) + " is not in the communicator (0.." +
                          std::to_string(c.size() - 1) + ")");
  }
}

void check_tag(int tag) {
  if (tag < 0 || tag > 32767) throw py::value_error("tag: must be 0..32767 (MPI's guaranteed range), got " + std::to_string(tag));
}

}  // namespace

void bind_pointtopoint(py::module_& m) {
  m.def("send_bytes", [](const reduce::Comm& c, const py::bytes& data, int dest, int tag) {
    check_rank(c, dest, "mpisend");
    check_tag(tag);
    std::string buf(data);
    if (buf.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
      throw py::value_error("mpisend: a message is at most 2 GB");
    int rc;
    {
      py::gil_scoped_release nogil;
      rc = MPI_Send(buf.data(), static_cast<int>(buf.size()), MPI_BYTE, dest, tag, c.handle());
    }
    if (rc != MPI_SUCCESS) throw std::runtime_error("mpisend: MPI_Send failed");
  }, py::arg("comm"), py::arg("data"), py::arg("dest"), py::arg("tag") = 0,
     "Send bytes to rank dest (blocking until MPI has them).");
  m.def("recv_bytes", [](const reduce::Comm& c, int source, int tag) {
    check_rank(c, source, "mpirecv");
    check_tag(tag);
    std::string buf;
    int rc;
    {
      py::gil_scoped_release nogil;
      MPI_Status status;
      rc = MPI_Probe(source, tag, c.handle(), &status);
      int count = 0;
      if (rc == MPI_SUCCESS) rc = MPI_Get_count(&status, MPI_BYTE, &count);
      if (rc == MPI_SUCCESS) {
        buf.resize(static_cast<std::size_t>(count));
        rc = MPI_Recv(buf.data(), count, MPI_BYTE, source, tag, c.handle(), MPI_STATUS_IGNORE);
      }
    }
    if (rc != MPI_SUCCESS) throw std::runtime_error("mpirecv: MPI_Recv failed");
    return py::bytes(buf);
  }, py::arg("comm"), py::arg("source"), py::arg("tag") = 0,
     "Receive the next message from rank source with this tag.");
}

}  // namespace pargist::pybind
