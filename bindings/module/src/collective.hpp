// The collective error contract for the bindings: the local part of a
// collective call (converting arrays, checking lengths and keywords) runs in
// `prepare_collectively`; all ranks then agree, and when any rank failed every
// rank raises the same Python exception type with that rank's message, before
// any data moves. No rank is left waiting in a later collective.
#pragma once

#include <pybind11/pybind11.h>

#include <pargist/reduce/comm.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace pargist::pybind {

namespace py = pybind11;

// Throws the Python exception named `kind` ("TypeError", "ValueError",
// "IndexError"; anything else: RuntimeError) with `message`.
[[noreturn]] void raise_named(const std::string& kind, const std::string& message);

// The current C++/Python exception as (kind, message); call inside catch(...).
std::pair<std::string, std::string> describe_current_exception();

// Agrees on (ok, kind, message) across comm; raises on every rank when any
// rank failed (message suffixed with " (rank R)").
void agree_or_raise(const reduce::Comm& comm, bool ok, const std::string& kind, const std::string& message);

// Runs f() locally, then agrees across comm; returns f()'s result on success.
template <class F>
auto prepare_collectively(const reduce::Comm& comm, F&& f) -> decltype(f()) {
  using R = decltype(f());
  std::optional<R> result;
  std::string kind, message;
  try {
    result.emplace(f());
  } catch (...) {
    std::tie(kind, message) = describe_current_exception();
  }
  agree_or_raise(comm, result.has_value(), kind, message);
  return std::move(*result);
}

// Runs a collective C++ call (reduce throws std::invalid_argument on every
// rank at once) and maps its exceptions to Python ones, GIL released.
template <class F>
auto run_collective(F&& f) -> decltype(f()) {
  py::gil_scoped_release nogil;
  return f();
}

}  // namespace pargist::pybind
