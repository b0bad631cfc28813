// The builtin module _pargist_embed: the MPI primitives the broadcast
// importer and pargist.parallel need, callable before `encodings` or `site`
// exist. boot.py (compiled into the program) is executed into this same
// module and adds the importer, read_file, local_imports and output.
#include "mpi_runtime.hpp"

#include <pybind11/embed.h>
#include <pybind11/stl.h>

namespace py = pybind11;
using pargist::embed::MpiRuntime;

namespace {

std::string bytes_or_empty(const py::object& data) {
  if (data.is_none()) return {};
  return std::string(py::bytes(data));
}

}  // namespace

PYBIND11_EMBEDDED_MODULE(_pargist_embed, m) {
  m.doc() = "MPI primitives of pargist-python (rank 0 reads, everybody receives).";
  m.def("rank", [] { return MpiRuntime::instance().rank(); }, "This process's rank in MPI_COMM_WORLD.");
  m.def("size", [] { return MpiRuntime::instance().size(); }, "Number of ranks in MPI_COMM_WORLD.");
  m.def("node_rank", [] { return MpiRuntime::instance().node_rank(); });
  m.def("node_size", [] { return MpiRuntime::instance().node_size(); });

  m.def("bcast_bytes",
        [](const py::object& data) {
          std::string in = bytes_or_empty(data), out;
          {
            py::gil_scoped_release nogil;
            out = MpiRuntime::instance().broadcast(in);
          }
          return py::bytes(out);
        },
        py::arg("data") = py::none(),
        "Collective: rank 0's bytes on every rank (the argument is ignored elsewhere).");

  m.def("agree",
        [](const std::string& tag, double timeout) {
          std::vector<std::string> tags;
          bool timed_out = false;
          {
            py::gil_scoped_release nogil;
            try {
              tags = MpiRuntime::instance().agree(tag, timeout);
            } catch (const MpiRuntime::AgreeTimeout&) {
              timed_out = true;
            }
          }
          if (timed_out) {
            PyErr_SetString(PyExc_TimeoutError, "the other ranks did not arrive in time");
            throw py::error_already_set();
          }
          py::list out;
          for (auto& t : tags) out.append(py::bytes(t));
          return out;
        },
        py::arg("tag"), py::arg("timeout") = -1.0,
        "Collective: [] when every rank passed the same tag, else every rank's tag (bytes).");

  m.def("post_bytes",
        [](const py::bytes& head, const py::buffer& payload) {
          // Read in place: the caller holds both objects, bytes are immutable
          // and the payload (code read from a .pyc) is not changed meanwhile.
          const std::string_view h(PyBytes_AS_STRING(head.ptr()), std::size_t(PyBytes_GET_SIZE(head.ptr())));
          const py::buffer_info b = payload.request();
          const std::string_view p(static_cast<const char*>(b.ptr), std::size_t(b.size * b.itemsize));
          py::gil_scoped_release nogil;
          MpiRuntime::instance().post(h, p);
        },
        py::arg("head"), py::arg("payload") = py::bytes(),
        "Rank 0: post the next message (head then payload, a contiguous buffer) for the other ranks; "
        "does not wait for them.");

  m.def("receive_bytes",
        [](double timeout) -> py::object {
          std::string out;
          bool ok;
          {
            py::gil_scoped_release nogil;
            ok = MpiRuntime::instance().receive(&out, timeout);
          }
          if (!ok) return py::none();
          return py::bytes(out);
        },
        py::arg("timeout") = -1.0,
        "Ranks other than 0: the next message rank 0 posted (None on timeout).");

  m.def("complete_posts",
        [] {
          py::gil_scoped_release nogil;
          MpiRuntime::instance().progress(true);
        },
        "Rank 0: wait until the other ranks have every posted message.");

  m.def("allreduce_min",
        [](const std::vector<std::int64_t>& values) {
          py::gil_scoped_release nogil;
          return MpiRuntime::instance().allreduce_min(values);
        },
        "Collective: element-wise minimum over ranks.");

  m.def("gather_bytes",
        [](const py::bytes& data) {
          std::string in = data;
          std::vector<std::string> all;
          {
            py::gil_scoped_release nogil;
            all = MpiRuntime::instance().gather(in);
          }
          py::list out;
          for (auto& s : all) out.append(py::bytes(s));
          return out;
        },
        "Collective: every rank's bytes on rank 0 ([] elsewhere).");

  m.def("stage_node_file",
        [](const py::object& data, const std::string& name) {
          std::string in = bytes_or_empty(data);
          py::gil_scoped_release nogil;
          return MpiRuntime::instance().stage_node_file(in, name);
        },
        py::arg("data"), py::arg("name"),
        "Collective: write rank 0's file once per node into the node-local directory;\n"
        "returns the copy's path (removed when the job ends).");

  m.def("copy_node_file_here",
        [](const std::string& origin, const std::string& name) {
          py::gil_scoped_release nogil;
          return MpiRuntime::instance().copy_node_file_here(origin, name);
        },
        "Rank 0, all ranks on its node: copy the file into the node-local directory "
        "(in the kernel); returns (path, size).");

  m.def("abort", [](int status) { MpiRuntime::instance().abort(status); },
        "End the whole job now (MPI_Abort).");
}
