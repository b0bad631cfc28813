// Internal: the built-in style sheets, as .gs text.
#pragma once

#include <string>
#include <vector>

namespace pargist::plot::detail {

struct BuiltinStyle {
  std::string name;  ///< without ".gs"
  std::string text;  ///< the sheet, in Gist's .gs syntax
};

const std::vector<BuiltinStyle>& builtin_styles();

}  // namespace pargist::plot::detail
