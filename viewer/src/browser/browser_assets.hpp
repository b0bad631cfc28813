// The browser page (page/index.html, viewer.js, viewer.css), compiled into
// the library by CMake (embed_assets.cmake): served from memory, never
// read from the file system at run time.
#pragma once

#include <string>

namespace pargist::viewer::detail {

struct Asset {
  const char* content_type;
  const char* text;
};

/// The asset served at `path` ("/index.html", "/viewer.js", "/viewer.css"), or nullptr.
const Asset* find_asset(const std::string& path);

}  // namespace pargist::viewer::detail
