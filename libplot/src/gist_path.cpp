// The search path of Gist's style sheets and palettes.
#include "gist_path.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <sstream>
#include <vector>

namespace pargist::plot::detail {

namespace {

bool is_file(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::vector<std::string> search_folders() {
  std::vector<std::string> dirs{""};
  const char* env = std::getenv("GISTPATH");
  if (!env) return dirs;
  std::stringstream in(env);
  std::string dir;
  while (std::getline(in, dir, ':')) {
    if (dir.empty()) continue;
    if (dir[0] == '~') {
      const char* home = std::getenv("HOME");
      if (home) dir = home + dir.substr(1);
    }
    if (dir.back() != '/') dir += '/';
    dirs.push_back(dir);
  }
  return dirs;
}

}  // namespace

std::string find_gist_file(const std::string& name, const std::string& suffix) {
  if (name.empty()) return "";
  if (name.find('/') != std::string::npos) return is_file(name) ? name : "";
  std::vector<std::string> names{name};
  if (name.size() < suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
    names.push_back(name + suffix);
  for (const auto& dir : search_folders())
    for (const auto& n : names)
      if (is_file(dir + n)) return dir + n;
  return "";
}

}  // namespace pargist::plot::detail
