// Starting CPython inside pargist-python: the core is initialised with the
// main phase held back, the broadcast importer goes first on sys.meta_path,
// and only then do `encodings`, the standard streams and `site` get imported.
#pragma once

#include "command_line.hpp"

namespace pargist::embed {

// Runs what the command line asks for and returns the exit status, the same
// on every rank. Python is finalised on return; MPI is not.
int run_interpreter(const CommandLine& cl, const char* program);

}  // namespace pargist::embed
