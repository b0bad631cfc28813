// Gist's page lists, as its browser takes them: groups "m", "m-n" or
// "m-n-s" (pages m to n in steps of s, s may be negative), separated by
// blanks or commas, e.g. "3-9-2 31" = 3 5 7 9 31.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace pargist::view_tool {

/// Pages (1-based) named by `spec`, in order. Throws std::invalid_argument
/// with a message naming the bad group.
std::vector<int> parse_page_list(const std::string& spec);

}  // namespace pargist::view_tool
