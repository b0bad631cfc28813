// pargist._core.Comm: reduce's communicator handle, and the byte-level
// collectives that pargist.parallel builds Warp's helpers on (pickled objects
// travel as bytes). Blocking MPI calls run without the GIL.
#include "bindings.hpp"
#include "collective.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <pargist/reduce/comm.hpp>

#include <mpi.h>

#include <cstring>
#include <optional>
#include <string>

namespace pargist::pybind {

using reduce::Comm;

namespace {

std::string bytes_of(const py::bytes& b) { return std::string(b); }

py::array allreduce_array(const Comm& comm, py::array values, const std::string& op) {
  MPI_Op mpi_op;
  if (op == "min") mpi_op = MPI_MIN;
  else if (op == "max") mpi_op = MPI_MAX;
  else if (op == "sum") mpi_op = MPI_SUM;
  else throw py::value_error("allreduce: op must be 'min', 'max' or 'sum', got '" + op + "'");
  MPI_Datatype type;
  py::array out;
  if (values.dtype().is(py::dtype::of<double>())) {
    type = MPI_DOUBLE;
    out = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(values);
  } else if (values.dtype().is(py::dtype::of<std::int64_t>())) {
    type = MPI_INT64_T;
    out = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(values);
  } else {
    throw py::type_error("allreduce: expected a float64 or int64 array");
  }
  // A fresh result array (the input may be the caller's), reduced in place.
  py::array result(out.dtype(), std::vector<py::ssize_t>(out.shape(), out.shape() + out.ndim()));
  std::memcpy(result.mutable_data(), out.data(), static_cast<std::size_t>(out.nbytes()));
  // Every rank must pass the same number of elements: agree on it first, so a
  // mismatch raises everywhere instead of corrupting the reduction. One
  // collective on success: the largest n and the largest -n; every rank then
  // knows the same answer, and only a mismatch pays for the agreed message.
  const auto n = static_cast<std::int64_t>(result.size());
  if (!comm.same_everywhere(n))
    comm.check(false, "allreduce: arrays of different sizes on different ranks (" + std::to_string(n) +
                          " elements here)");
  {
    py::gil_scoped_release nogil;
    MPI_Allreduce(MPI_IN_PLACE, result.mutable_data(), static_cast<int>(n), type, mpi_op, comm.handle());
  }
  return result;
}

// Root alone runs `run` (Python work, returning the text to share); its
// outcome, that text or its exception, reaches every rank in one broadcast.
template <class Run>
std::string share_root_outcome(const Comm& c, int root, Run&& run) {
  std::string result;
  std::optional<reduce::ErrorReport> failure;
  py::object local;
  if (c.rank() == root) {
    try {
      result = run();
    } catch (py::error_already_set& e) {
      // Alone, Ctrl-C and exit() leave as they came (as under python3).
      if (c.size() == 1 && !e.matches(PyExc_Exception)) throw;
      failure = describe_python_exception(e.value());
      local = e.value();
    } catch (...) {
      failure = describe_current_exception();
    }
  }
  try {
    py::gil_scoped_release nogil;
    return c.share_outcome(root, result, failure);
  } catch (const reduce::CollectiveError& e) {
    raise_agreed(e.agreement(), local, /*keep_local_type=*/c.size() == 1);
  }
}

py::bytes share_root_step(const Comm& c, py::function step, int root) {
  return py::bytes(share_root_outcome(c, root, [&] {
    py::object out = step();
    return out.is_none() ? std::string() : out.cast<std::string>();
  }));
}

// pargist._output.on_root's collective in one call: root runs work() and
// takes the displays' notices; every rank gets (work's result on root, else
// None; the notices, one per line). The same as on_root(step) with a Python
// step, without its Python frame: fma() makes this call every frame.
py::tuple share_root_work(const Comm& c, py::function work, int root) {
  py::object result = py::none();
  std::string notices = share_root_outcome(c, root, [&] {
    result = work();
    return take_joined_notices();  // a failed work's notices stay queued for the next call
  });
  return py::make_tuple(std::move(result), py::bytes(notices));
}

}  // namespace

void bind_parallel(py::module_& m) {
  py::class_<Comm>(m, "Comm", R"doc(
A communicator handle (reduce's), wrapping an MPI_Comm without owning it.
Comm.world() is MPI_COMM_WORLD (MPI initialised by pargist when nobody did);
Comm.from_fortran(h) wraps an mpi4py communicator's comm.py2f() handle.)doc")
      .def_static("world", [] { return Comm(); })
      .def_static("from_fortran", [](long handle) {
        reduce::ensure_mpi_initialized();
        return Comm(MPI_Comm_f2c(static_cast<MPI_Fint>(handle)));
      }, py::arg("handle"))
      .def_static("self_comm", [] {
        reduce::ensure_mpi_initialized();
        return Comm(MPI_COMM_SELF);
      }, "MPI_COMM_SELF: this rank alone (Warp's local=1 plots).")
      .def_property_readonly("rank", &Comm::rank)
      .def_property_readonly("size", &Comm::size)
      .def_property_readonly("fortran_handle", [](const Comm& c) { return static_cast<long>(MPI_Comm_c2f(c.handle())); })
      .def("barrier", [](const Comm& c) { py::gil_scoped_release nogil; c.barrier(); })
      .def("bcast_bytes", [](const Comm& c, const py::bytes& data, int root) {
        std::string in = bytes_of(data), out;
        {
          py::gil_scoped_release nogil;
          out = c.broadcast(in, root);
        }
        return py::bytes(out);
      }, py::arg("data"), py::arg("root") = 0)
      .def("gather_bytes", [](const Comm& c, const py::bytes& data, int root) -> py::object {
        std::string in = bytes_of(data);
        std::vector<std::string> parts;
        {
          py::gil_scoped_release nogil;
          parts = c.gather(in, root);
        }
        if (c.rank() != root) return py::none();
        py::list out;
        for (auto& p : parts) out.append(py::bytes(p));
        return std::move(out);
      }, py::arg("data"), py::arg("root") = 0)
      .def("allgather_bytes", [](const Comm& c, const py::bytes& data) {
        std::string in = bytes_of(data);
        std::vector<std::string> parts;
        {
          py::gil_scoped_release nogil;
          parts = c.allgather(in);
        }
        py::list out;
        for (auto& p : parts) out.append(py::bytes(p));
        return out;
      })
      .def("allreduce", &allreduce_array, py::arg("values"), py::arg("op"),
           "Element-wise min/max/sum of a float64 or int64 array over the ranks, on every rank.")
      .def("same_everywhere", [](const Comm& c, std::int64_t value) {
        py::gil_scoped_release nogil;
        return c.same_everywhere(value);
      }, py::arg("value"), "Collective: whether every rank passed the same int64, alike on every rank (one allreduce).")
      .def("agree", [](const Comm& c, py::object error) {
        std::optional<reduce::ErrorReport> failure;
        if (!error.is_none()) failure = describe_python_exception(error);
        agree_or_raise(c, failure, error, /*keep_local_type=*/c.size() == 1);
      }, py::arg("error") = py::none(), R"doc(
Collective: each rank passes the exception its local step raised, or None.
When any rank passed one, every rank raises the lowest such rank's error:
the builtin exception class of that name (else RuntimeError) with the
message "<message> (rank N)", chained to this rank's own exception. On a
one-rank communicator the exception keeps its own class.)doc")
      .def("agree_same", [](const Comm& c, std::int64_t value, py::object error) {
        std::optional<reduce::ErrorReport> failure;
        if (!error.is_none()) failure = describe_python_exception(error);
        return agree_same_or_raise(c, value, failure, error, /*keep_local_type=*/c.size() == 1);
      }, py::arg("value"), py::arg("error") = py::none(), R"doc(
Collective: agree() and same_everywhere(value) in one allreduce: raises as
agree() raises when any rank passed an exception, else returns whether every
rank passed the same value.)doc")
      .def("on_root_work", &share_root_work, py::arg("work"), py::arg("root") = 0, R"doc(
Collective: root alone calls work() and then takes the displays' notices;
every rank returns (work's result on root, None elsewhere; the notices as
bytes, one per line), or raises the exception work() raised on root, as
agree() raises it.)doc")
      .def("on_root", &share_root_step, py::arg("step"), py::arg("root") = 0, R"doc(
Collective: root alone calls step() (work only root can do: a file, the
display) and its outcome reaches every rank in one broadcast: every rank
returns the bytes step() returned (None on root means b''), or raises the
exception step() raised on root, as agree() raises it.)doc");
}

}  // namespace pargist::pybind
