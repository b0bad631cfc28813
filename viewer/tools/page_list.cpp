#include "page_list.hpp"

#include <sstream>

namespace pargist::view_tool {
namespace {

int parse_int(const std::string& text, const std::string& group) {
  std::size_t used = 0;
  int v = 0;
  try {
    v = std::stoi(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size())
    throw std::invalid_argument("bad page group \"" + group + "\": \"" + text + "\" is not a number");
  return v;
}

}  // namespace

std::vector<int> parse_page_list(const std::string& spec) {
  std::string text = spec;
  for (char& c : text)
    if (c == ',') c = ' ';
  std::istringstream in(text);
  std::vector<int> pages;
  std::string group;
  while (in >> group) {
    // Split on '-' that separate fields (a leading '-' belongs to a number).
    std::vector<std::string> fields;
    std::string cur;
    for (std::size_t i = 0; i < group.size(); ++i) {
      if (group[i] == '-' && !cur.empty()) {
        fields.push_back(cur);
        cur.clear();
      } else {
        cur += group[i];
      }
    }
    fields.push_back(cur);
    if (fields.size() > 3 || fields.back().empty())
      throw std::invalid_argument("bad page group \"" + group + "\" (use m, m-n or m-n-s)");
    const int m = parse_int(fields[0], group);
    const int n = fields.size() > 1 ? parse_int(fields[1], group) : m;
    int s = fields.size() > 2 ? parse_int(fields[2], group) : (n >= m ? 1 : -1);
    if (m < 1 || n < 1) throw std::invalid_argument("bad page group \"" + group + "\": pages count from 1");
    if (s == 0 || (n > m && s < 0) || (n < m && s > 0))
      throw std::invalid_argument("bad page group \"" + group + "\": the step does not go from " +
                                  std::to_string(m) + " to " + std::to_string(n));
    for (int p = m; s > 0 ? p <= n : p >= n; p += s) pages.push_back(p);
  }
  if (pages.empty()) throw std::invalid_argument("empty page list");
  return pages;
}

}  // namespace pargist::view_tool
