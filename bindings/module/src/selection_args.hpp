// Building reduce::Selection from Python arguments, holding the numpy arrays
// it views. A selection dict may carry:
//   where:   bool mask, same length as the particle arrays
//   windows: list of (array, lo, hi): keep lo < array[i] < hi
//   indices: integer index list (Warp's ii), any order, duplicates dropped
//   begin, end, step: an index range with a stride (Warp's nskip)
#pragma once

#include "arrays.hpp"

#include <pargist/reduce/selection.hpp>

#include <vector>

namespace pargist::pybind {

struct HeldSelection {
  std::vector<py::object> owners;  // keep the viewed arrays alive
  reduce::Selection selection;
};

// `n` is the local particle count (length of the plotted arrays), used to
// check the lengths of masks, windows and indices. Raises TypeError,
// ValueError or IndexError locally (callers agree across ranks).
HeldSelection make_selection(const py::object& spec, std::size_t n, const std::string& func);

}  // namespace pargist::pybind
