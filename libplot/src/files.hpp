// Internal: output files that appear whole or not at all.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace pargist::plot::detail {

/// A file written whole: its bytes go to an unnamed file in the target's
/// folder (Linux O_TMPFILE) and it takes its name only at commit(), so a
/// failed write, a full disk or a killed process (even by SIGKILL) leaves
/// neither a partial file nor a temporary one. Where the file system has no
/// unnamed files, a hidden temporary name in the same folder stands in (a
/// process killed between open and commit then leaves it behind).
///
/// Errors throw plot::FileError "pargist: cannot write PATH: <strerror>".
class WholeFile {
 public:
  /// Opens the unnamed file; throws when the folder cannot take a file
  /// (missing, not writable, full) or the target is not writable (an
  /// existing read-only file or a directory).
  explicit WholeFile(std::string path);
  ~WholeFile();  // discards the bytes unless committed
  WholeFile(const WholeFile&) = delete;
  WholeFile& operator=(const WholeFile&) = delete;

  /// Appends bytes (buffered). Throws on a write error.
  void write(const void* data, std::size_t n);
  /// Appends bytes; on failure remembers the first error and returns false
  /// (for C callbacks that must not throw: libpng, Cairo streams).
  bool write_noexcept(const void* data, std::size_t n) noexcept;
  /// The first error met ("" if none), and throwing it as a FileError.
  const std::string& error() const { return error_; }
  [[noreturn]] void throw_error() const;

  /// Flushes and gives the file its name, replacing an older file of that
  /// name. Throws (and discards) on failure. After it, fd() stays open for
  /// appends in place (the CGM family writes its later pictures so).
  void commit();
  int fd() const { return fd_; }
  const std::string& path() const { return path_; }

  /// Throws unless a whole file could be written at `path` now (used when
  /// a hardcopy file is named, so that a bad name fails at once).
  static void check_writable(const std::string& path);

 private:
  void flush();
  [[noreturn]] void fail(int err);

  std::string path_;
  std::string temp_name_;  // the named stand-in, "" for an unnamed file
  int fd_ = -1;
  bool committed_ = false;
  std::vector<char> buffer_;
  std::string error_;
  int error_code_ = 0;
};

/// "name.ext" -> ("name", ".ext"), the extension lower-cased.
void split_extension(const std::string& path, std::string& stem, std::string& ext);

}  // namespace pargist::plot::detail
