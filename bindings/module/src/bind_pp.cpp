// pargist._core's collective plots (libplot's pp.hpp).
#include "bindings.hpp"

namespace pargist::pybind {

void bind_pp(py::module_&) {}

}  // namespace pargist::pybind
