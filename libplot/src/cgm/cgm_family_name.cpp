// The next name of a CGM family, Gist's rule (x.cgm -> y.cgm, run09.cgm -> run10.cgm).
#include "pargist/libplot/cgm.hpp"

namespace pargist::cgm {
namespace {

bool ends_with_cgm(const std::string& s) {
  if (s.size() < 4) return false;
  const std::string ext = s.substr(s.size() - 4);
  return ext == ".cgm" || ext == ".CGM";
}

}  // namespace

std::string next_family_name(const std::string& path) {
  // Gist's rule, so that Gist's browser finds the same files: the last
  // character before ".cgm" counts up, '9' carrying into the one before.
  std::string name = path;
  std::size_t i = ends_with_cgm(name) ? name.size() - 4 : name.size();
  const std::size_t slash = name.find_last_of('/');
  const std::size_t stop = slash == std::string::npos ? 0 : slash + 1;
  while (i-- > stop) {
    char& c = name[i];
    if (c == '9') {
      c = '0';
      continue;
    }
    if (c == 'Z' || c >= 'z') c = '0';
    else ++c;
    break;
  }
  return name;
}

}  // namespace pargist::cgm
