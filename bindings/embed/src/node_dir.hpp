// The private node-local directory where extension modules are written so
// that the ranks of a node can dlopen them without touching the module path.
#pragma once

#include <cstdint>
#include <string>

namespace pargist::embed {

// Creates a fresh directory (mode 0700, mkdtemp) in $PARGIST_NODE_TMPDIR,
// else /dev/shm when it allows executable mappings, else $TMPDIR, else /tmp.
// Throws std::runtime_error naming the places tried.
std::string create_node_dir();

// Writes `data` to dir/name (created exclusively, never following a link).
// Throws std::runtime_error on failure.
void write_node_file(const std::string& path, const std::string& data);

// Copies the file `from` to `path` (created as by write_node_file) inside
// the kernel; returns the bytes copied. Throws std::runtime_error on failure.
std::uint64_t copy_node_file(const std::string& from, const std::string& path);

// For a directory that lives as long as this process: removes it when the
// process ends, even by SIGKILL, through a watcher process (see the .cpp).
// Without a watcher (no /bin/sh), SIGTERM and SIGHUP still remove it.
void watch_node_dir(const std::string& dir);

// Removes the directory and whatever is left inside it (best effort).
void remove_node_dir(const std::string& dir);

}  // namespace pargist::embed
