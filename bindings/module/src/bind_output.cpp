// What rank 0's output work needs from the binding: file errors raised as
// Python's OSError (with the errno, so FileNotFoundError, PermissionError...
// and e.errno == errno.ENOSPC work), and the displays' notices (a window
// closed, a display lost, a snapshot not saved) queued for pargist._output,
// which warns every rank of them at the next collective output call.
#include "bindings.hpp"

#include <pybind11/stl.h>

#include <pargist/libplot/gist.hpp>
#include <pargist/libplot/hardcopy.hpp>

#include <mutex>
#include <string>
#include <vector>

namespace pargist::pybind {

namespace {

struct NoticeQueue {
  std::mutex mutex;
  std::vector<std::string> texts;
};

NoticeQueue& notice_queue() {
  static NoticeQueue* q = new NoticeQueue;  // never destroyed: a window thread may post at exit
  return *q;
}

}  // namespace

std::string take_joined_notices() {
  NoticeQueue& q = notice_queue();
  std::lock_guard<std::mutex> lock(q.mutex);
  std::string out;
  for (const std::string& text : q.texts) {
    if (!out.empty()) out += '\n';
    out += text;
  }
  q.texts.clear();
  return out;
}

void bind_output(py::module_& m) {
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const plot::FileError& e) {
      // OSError(errno, text) is the errno's own class (FileNotFoundError...).
      py::object err = py::reinterpret_borrow<py::object>(PyExc_OSError)(e.code().value(), e.what());
      PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(err.ptr())), err.ptr());
    }
  });

  // Displays report from their own threads: queue, never touch Python there.
  plot::set_notice_handler([](const std::string& text) {
    NoticeQueue& q = notice_queue();
    std::lock_guard<std::mutex> lock(q.mutex);
    q.texts.push_back(text);
  });
  m.def("take_notices", [] {
    NoticeQueue& q = notice_queue();
    std::lock_guard<std::mutex> lock(q.mutex);
    std::vector<std::string> out;
    out.swap(q.texts);
    return out;
  }, "The displays' notices since the last call (rank 0's windows), oldest first.");
}

}  // namespace pargist::pybind
