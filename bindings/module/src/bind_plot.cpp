// pargist._core's Gist state API (windows, systems, limits, primitives,
// hardcopy): filled in once libplot's gist.hpp lands.
#include "bindings.hpp"

namespace pargist::pybind {

void bind_plot(py::module_&) {}

}  // namespace pargist::pybind
