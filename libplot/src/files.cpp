// Output files that appear whole or not at all (see files.hpp).
#include "files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <stdexcept>

#include "pargist/libplot/hardcopy.hpp"

namespace pargist::plot::detail {

namespace {

constexpr std::size_t kBufferBytes = 1 << 16;

std::string folder_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// A hidden name next to `path`, unique in this process and among processes.
std::string hidden_temp_name(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  const std::size_t slash = path.find_last_of('/');
  const std::string folder = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  return folder + "." + base + ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

// Unnamed files can be given a name through /proc/self/fd (linkat with
// AT_SYMLINK_FOLLOW needs no privilege); without /proc they cannot.
bool can_name_unnamed_files() {
  static const bool yes = ::access("/proc/self/fd", X_OK) == 0;
  return yes;
}

// The error when the target itself refuses to be replaced, as opening it for
// writing would: a directory, or an existing file we may not write.
int target_refuses(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return 0;
  if (S_ISDIR(st.st_mode)) return EISDIR;
  if (::access(path.c_str(), W_OK) != 0) return errno;
  return 0;
}

}  // namespace

WholeFile::WholeFile(std::string path) : path_(std::move(path)) {
  if (path_.empty() || path_.back() == '/') fail(path_.empty() ? ENOENT : EISDIR);
  if (const int err = target_refuses(path_)) fail(err);
  if (can_name_unnamed_files()) {
    fd_ = ::open(folder_of(path_).c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    // EISDIR / EOPNOTSUPP / EINVAL: this kernel or file system has no
    // unnamed files; anything else (no folder, no right, no space) is final.
    if (fd_ < 0 && errno != EISDIR && errno != EOPNOTSUPP && errno != EINVAL) fail(errno);
  }
  if (fd_ < 0) {
    temp_name_ = hidden_temp_name(path_);
    fd_ = ::open(temp_name_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ < 0) {
      const int err = errno;
      temp_name_.clear();
      fail(err);
    }
  }
  buffer_.reserve(kBufferBytes);
}

WholeFile::~WholeFile() {
  if (!committed_ && !temp_name_.empty()) ::unlink(temp_name_.c_str());
  if (fd_ >= 0) ::close(fd_);
}

void WholeFile::fail(int err) {
  error_code_ = err;
  error_ = FileError(err, "pargist: cannot write " + path_, path_).what();
  throw_error();
}

void WholeFile::throw_error() const { throw FileError(error_code_, "pargist: cannot write " + path_, path_); }

void WholeFile::flush() {
  const char* p = buffer_.data();
  std::size_t left = buffer_.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      buffer_.clear();
      fail(err);
    }
    p += n;
    left -= std::size_t(n);
  }
  buffer_.clear();
}

void WholeFile::write(const void* data, std::size_t n) {
  if (!error_.empty()) throw_error();
  if (buffer_.size() + n > kBufferBytes) flush();
  if (n >= kBufferBytes) {
    buffer_.assign(static_cast<const char*>(data), static_cast<const char*>(data) + n);
    flush();
    return;
  }
  buffer_.insert(buffer_.end(), static_cast<const char*>(data), static_cast<const char*>(data) + n);
}

bool WholeFile::write_noexcept(const void* data, std::size_t n) noexcept {
  try {
    write(data, n);
    return true;
  } catch (...) {
    if (error_.empty()) {
      error_code_ = ENOMEM;
      error_ = FileError(ENOMEM, "pargist: cannot write " + path_, path_).what();
    }
    return false;
  }
}

void WholeFile::commit() {
  if (committed_) return;
  if (!error_.empty()) throw_error();
  flush();
  if (!temp_name_.empty()) {
    if (::rename(temp_name_.c_str(), path_.c_str()) != 0) fail(errno);
    temp_name_.clear();
    committed_ = true;
    return;
  }
  const std::string self = "/proc/self/fd/" + std::to_string(fd_);
  if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, path_.c_str(), AT_SYMLINK_FOLLOW) == 0) {
    committed_ = true;
    return;
  }
  if (errno != EEXIST) fail(errno);
  // An older file has the name: link under a hidden name, then rename over
  // it (rename replaces atomically; linkat never replaces).
  const std::string temp = hidden_temp_name(path_);
  if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, temp.c_str(), AT_SYMLINK_FOLLOW) != 0) fail(errno);
  if (::rename(temp.c_str(), path_.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    fail(err);
  }
  committed_ = true;
}

void WholeFile::check_writable(const std::string& path) { WholeFile probe(path); }

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
