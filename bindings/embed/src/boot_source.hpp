// The Python half of pargist-python (python/boot.py), compiled into the
// program so that nothing has to be found on disk before the importer runs.
#pragma once

namespace pargist::embed {
extern const char* const boot_source;
}
