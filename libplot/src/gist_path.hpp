// Internal: where Gist looks for its style sheets (.gs) and palettes (.gp).
#pragma once

#include <string>

namespace pargist::plot::detail {

/// The file Gist opens for `name`: a name with a '/' as it is; any other
/// name in the current folder, then in each folder of $GISTPATH ('~' at the
/// start of one is $HOME), trying the name as given and then with `suffix`
/// (".gs", ".gp") added when it lacks it. "" when there is no such file.
std::string find_gist_file(const std::string& name, const std::string& suffix);

}  // namespace pargist::plot::detail
