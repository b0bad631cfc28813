// Internal: writing a file under a temporary name and renaming it when whole.
#pragma once

#include <string>

namespace pargist::plot::detail {

/// A temporary path next to `path` (same folder, so rename() is atomic).
std::string temp_path_for(const std::string& path);

/// Renames temp to path; throws std::runtime_error (and removes temp) on failure.
void commit_file(const std::string& temp, const std::string& path);

/// Removes a temporary file, ignoring errors (used on failure paths).
void discard_file(const std::string& temp);

/// Throws std::runtime_error unless a file can be created in path's folder.
void check_writable(const std::string& path);

/// "name.ext" -> ("name", ".ext"), the extension lower-cased.
void split_extension(const std::string& path, std::string& stem, std::string& ext);

}  // namespace pargist::plot::detail
