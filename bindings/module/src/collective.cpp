#include "collective.hpp"

#include <cstdio>

namespace pargist::pybind {

namespace {

// An OSError whose text starts as Python writes one, "[Errno 28] ...",
// comes back as OSError(28, "..."): the errno picks the class
// (FileNotFoundError, PermissionError...) and e.errno is there.
std::optional<py::object> os_error(const std::string& text) {
  int err = 0, used = 0;
  if (std::sscanf(text.c_str(), "[Errno %d] %n", &err, &used) != 1 || used == 0) return std::nullopt;
  return py::reinterpret_borrow<py::object>(PyExc_OSError)(err, text.substr(static_cast<std::size_t>(used)));
}

// The Python exception object of an agreed failure.
py::object agreed_exception(const reduce::Agreement& failure, py::handle local, bool keep_local_type) {
  const std::string text = failure.what();
  py::object cls;
  if (local && keep_local_type) {
    cls = py::reinterpret_borrow<py::object>(reinterpret_cast<PyObject*>(Py_TYPE(local.ptr())));
  } else {
    py::object builtins = py::module_::import("builtins");
    if (!failure.kind.empty() && py::hasattr(builtins, failure.kind.c_str())) {
      py::object candidate = builtins.attr(failure.kind.c_str());
      if (PyType_Check(candidate.ptr()) && PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(candidate.ptr()),
                                                            reinterpret_cast<PyTypeObject*>(PyExc_Exception)))
        cls = candidate;
    }
  }
  if (cls) {
    try {
      if (PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(cls.ptr()), reinterpret_cast<PyTypeObject*>(PyExc_OSError)))
        if (auto with_errno = os_error(text)) return *with_errno;
      return cls(text);
    } catch (py::error_already_set&) {  // a class that wants other arguments
    }
  }
  return py::reinterpret_borrow<py::object>(PyExc_RuntimeError)(failure.kind + ": " + text);
}

void set_agreed_error(const reduce::Agreement& failure, py::handle local, bool keep_local_type) {
  py::object err = agreed_exception(failure, local, keep_local_type);
  if (local) PyException_SetCause(err.ptr(), py::reinterpret_borrow<py::object>(local).release().ptr());
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(err.ptr())), err.ptr());
}

}  // namespace

reduce::ErrorReport describe_python_exception(py::handle exc) {
  std::string kind = py::str(py::type::handle_of(exc).attr("__name__"));
  // KeyError quotes its argument; keep the text readable.
  py::tuple args = exc.attr("args");
  if (PyObject_IsInstance(exc.ptr(), PyExc_KeyError) == 1 && args.size() == 1) return {kind, py::str(args[0])};
  return {kind, py::str(exc)};
}

reduce::ErrorReport describe_current_exception() {
  try {
    throw;
  } catch (py::error_already_set& e) {
    return describe_python_exception(e.value());
  } catch (py::type_error& e) {
    return {"TypeError", e.what()};
  } catch (py::index_error& e) {
    return {"IndexError", e.what()};
  } catch (py::key_error& e) {
    return {"KeyError", e.what()};
  } catch (py::value_error& e) {
    return {"ValueError", e.what()};
  } catch (...) {
    return reduce::describe_exception(std::current_exception());
  }
}

void raise_agreed(const reduce::Agreement& failure, py::handle local, bool keep_local_type) {
  set_agreed_error(failure, local, keep_local_type);
  throw py::error_already_set();
}

void register_collective_errors() {
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const reduce::CollectiveError& e) {
      set_agreed_error(e.agreement(), py::handle(), false);
    }
  });
}

void agree_or_raise(const reduce::Comm& comm, const std::optional<reduce::ErrorReport>& failure, py::handle local,
                    bool keep_local_type) {
  reduce::Agreement a;
  if (comm.size() == 1) {
    // Nothing to agree with: the verdict is this rank's, as agree() would
    // return it, without the GIL round trip and the allreduce that every
    // small call from Python would otherwise pay.
    if (!failure) return;
    a.ok = false;
    a.failed_rank = comm.rank();
    a.kind = failure->kind;
    a.message = failure->message;
  } else {
    py::gil_scoped_release nogil;
    a = failure ? comm.agree(false, failure->message, failure->kind) : comm.agree(true);
  }
  if (!a.ok) raise_agreed(a, local, keep_local_type);
}

bool agree_same_or_raise(const reduce::Comm& comm, std::int64_t value,
                         const std::optional<reduce::ErrorReport>& failure, py::handle local, bool keep_local_type) {
  if (comm.size() == 1) {
    agree_or_raise(comm, failure, local, keep_local_type);
    return true;
  }
  reduce::Comm::SameAgreement a;
  {
    py::gil_scoped_release nogil;
    a = failure ? comm.agree_same(value, false, failure->message, failure->kind) : comm.agree_same(value, true);
  }
  if (!a.agreement.ok) raise_agreed(a.agreement, local, keep_local_type);
  return a.same;
}

}  // namespace pargist::pybind
