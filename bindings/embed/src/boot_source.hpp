// The Python half of pargist-python (python/boot.py), compiled into the
// program so that nothing has to be found on disk before the importer runs:
// as bytecode made at build time (boot_code, for Python boot_code_version,
// e.g. "3.11.") and as source (compiled at start when the running Python is
// another version).
#pragma once

#include <cstddef>

namespace pargist::embed {
extern const char* const boot_source;
extern const unsigned char boot_code[];
extern const std::size_t boot_code_size;
extern const char* const boot_code_version;
}
