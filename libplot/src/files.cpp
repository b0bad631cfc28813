// Temporary names and atomic renames for every output file.
#include "files.hpp"

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace pargist::plot::detail {

std::string temp_path_for(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  return path + ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

void commit_file(const std::string& temp, const std::string& path) {
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    std::remove(temp.c_str());
    throw std::runtime_error("pargist: cannot write " + path + ": " + std::strerror(err));
  }
}

void discard_file(const std::string& temp) { std::remove(temp.c_str()); }

void check_writable(const std::string& path) {
  const std::string probe = temp_path_for(path);
  std::FILE* f = std::fopen(probe.c_str(), "wb");
  if (!f) throw std::runtime_error("pargist: cannot write " + path + ": " + std::strerror(errno));
  std::fclose(f);
  std::remove(probe.c_str());
}

void split_extension(const std::string& path, std::string& stem, std::string& ext) {
  const std::size_t slash = path.find_last_of('/');
  const std::size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) {
    stem = path;
    ext.clear();
    return;
  }
  stem = path.substr(0, dot);
  ext = path.substr(dot);
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
}

}  // namespace pargist::plot::detail
