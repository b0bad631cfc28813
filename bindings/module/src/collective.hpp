// The collective error rule (pargist/reduce/agreement.hpp) in Python terms.
// The local part of a collective call (converting arrays, checking lengths
// and keywords) runs in `prepare_collectively`; all ranks then agree with
// reduce's Comm::agree, and when any rank failed every rank raises the same
// Python exception: the failing rank's type (a builtin exception class of
// that name, else RuntimeError) and message, "<message> (rank N)", before any
// data moves. A collective C++ call that fails on every rank at once throws
// reduce::CollectiveError; the translator that register_collective_errors
// installs turns it into the Python exception of its kind.
#pragma once

#include <pybind11/pybind11.h>

#include <pargist/reduce/comm.hpp>

#include <optional>
#include <string>
#include <utility>

namespace pargist::pybind {

namespace py = pybind11;

// The report of the exception being handled (call inside catch): Python
// exceptions by their type's name, C++ ones by reduce::describe_exception.
reduce::ErrorReport describe_current_exception();
// The report of a Python exception object.
reduce::ErrorReport describe_python_exception(py::handle exc);

// Raises the agreed failure as a Python exception (see above). `local` is
// this rank's own exception, if any: it becomes the new one's __cause__, and
// on a one-rank communicator its type is kept even when not a builtin.
[[noreturn]] void raise_agreed(const reduce::Agreement& failure, py::handle local = py::handle(),
                               bool keep_local_type = false);

// Installs the translator of reduce::CollectiveError (module initialisation).
void register_collective_errors();

// Agrees on this rank's verdict across comm (GIL released); raises on every
// rank when any rank failed (raise_agreed, with this rank's `local` error).
void agree_or_raise(const reduce::Comm& comm, const std::optional<reduce::ErrorReport>& failure,
                    py::handle local = py::handle(), bool keep_local_type = false);

// agree_or_raise() and Comm::same_everywhere(value) in one allreduce
// (Comm::agree_same): raises on every rank when any rank failed, else
// returns whether every rank passed the same value.
bool agree_same_or_raise(const reduce::Comm& comm, std::int64_t value,
                         const std::optional<reduce::ErrorReport>& failure, py::handle local = py::handle(),
                         bool keep_local_type = false);

// Runs f() locally, then agrees across comm; returns f()'s result on success.
template <class F>
auto prepare_collectively(const reduce::Comm& comm, F&& f) -> decltype(f()) {
  using R = decltype(f());
  std::optional<R> result;
  std::optional<reduce::ErrorReport> failure;
  try {
    result.emplace(f());
  } catch (...) {
    failure = describe_current_exception();
  }
  agree_or_raise(comm, failure);
  return std::move(*result);
}

// Runs a collective C++ call with the GIL released. Its agreed errors are
// reduce::CollectiveError on every rank, translated as described above.
template <class F>
auto run_collective(F&& f) -> decltype(f()) {
  py::gil_scoped_release nogil;
  return f();
}

}  // namespace pargist::pybind
