#include "collective.hpp"

namespace pargist::pybind {

void raise_named(const std::string& kind, const std::string& message) {
  if (kind == "TypeError") throw py::type_error(message);
  if (kind == "ValueError") throw py::value_error(message);
  if (kind == "IndexError") throw py::index_error(message);
  if (kind == "KeyError") throw py::key_error(message);
  throw std::runtime_error(kind.empty() ? message : kind + ": " + message);
}

std::pair<std::string, std::string> describe_current_exception() {
  try {
    throw;
  } catch (py::error_already_set& e) {
    return {py::str(e.type().attr("__name__")), py::str(e.value())};
  } catch (py::type_error& e) {
    return {"TypeError", e.what()};
  } catch (py::index_error& e) {
    return {"IndexError", e.what()};
  } catch (py::key_error& e) {
    return {"KeyError", e.what()};
  } catch (py::value_error& e) {
    return {"ValueError", e.what()};
  } catch (std::invalid_argument& e) {
    return {"ValueError", e.what()};
  } catch (std::out_of_range& e) {
    return {"IndexError", e.what()};
  } catch (std::exception& e) {
    return {"RuntimeError", e.what()};
  } catch (...) {
    return {"RuntimeError", "unknown C++ exception"};
  }
}

void agree_or_raise(const reduce::Comm& comm, bool ok, const std::string& kind, const std::string& message) {
  reduce::Agreement a;
  {
    py::gil_scoped_release nogil;
    a = comm.agree(ok, kind + '\n' + message);
  }
  if (a.ok) return;
  const auto nl = a.message.find('\n');
  const std::string failed_kind = a.message.substr(0, nl);
  const std::string failed_message = nl == std::string::npos ? std::string() : a.message.substr(nl + 1);
  raise_named(failed_kind, failed_message + " (rank " + std::to_string(a.failed_rank) + ")");
}

}  // namespace pargist::pybind
