// Local checks shared by the collectives (see validate.hpp).
#include "validate.hpp"

#include <cmath>

namespace pargist::reduce {

namespace detail {

Validator& Validator::selection(const Selection& s, std::size_t n, const std::string& first) {
  require(s.step >= 1, "selection step (nskip) must be at least 1");
  require(s.begin <= s.end, "selection range begins after it ends");
  if (s.mask) {
    require(s.mask->size == 0 || s.mask->data != nullptr, "selection mask has no data");
    require(s.mask->size == n, [&] {
      return "selection mask has " + std::to_string(s.mask->size) + " elements but '" + first + "' has " +
             std::to_string(n);
    });
  }
  for (std::size_t k = 0; k < s.windows.size(); ++k) {
    const Window& w = s.windows[k];
    const std::string name = "selection window " + std::to_string(k);
    view(name, w.values);
    require(w.values.size == n, [&] {
      return name + " has " + std::to_string(w.values.size) + " elements but '" + first + "' has " + std::to_string(n);
    });
    require(!std::isnan(w.lo) && !std::isnan(w.hi), [&] { return name + " has a NaN limit"; });
  }
  if (s.indices)
    for (std::size_t i : *s.indices)
      if (i >= n) {
        require(false, "selection index " + std::to_string(i) + " out of range for '" + first + "'");
        break;
      }
  return *this;
}

}  // namespace detail

}  // namespace pargist::reduce
