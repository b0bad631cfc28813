// pargist._core: the compiled half of the pargist package.
// The same code is the extension module of plain python3 and, through the
// static library pargist_python_core, a builtin module of pargist-python.
#include "bindings.hpp"
#include "collective.hpp"
#include "keywords.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "pargist's compiled core: communicator, reductions, Gist state, parallel plots";
  pargist::pybind::register_collective_errors();
  pargist::pybind::bind_parallel(m);
  pargist::pybind::bind_reduce(m);
  pargist::pybind::bind_plot(m);
  pargist::pybind::bind_gist_edit(m);
  pargist::pybind::bind_pp(m);
  pargist::pybind::bind_pointtopoint(m);
  pargist::pybind::bind_sources(m);
  pargist::pybind::bind_viewer(m);
  pargist::pybind::bind_slice3(m);
  pargist::pybind::bind_pl3d(m);
  pargist::pybind::bind_vocabulary(m);
  pargist::pybind::bind_output(m);
}
