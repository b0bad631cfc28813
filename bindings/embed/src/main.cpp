// pargist-python: one CPython per MPI rank, started as
//   mpirun -n P pargist-python [options] [script.py | -c cmd | -m mod | -] [args]
// Rank 0 reads the script and every module and broadcasts them; see
// README-API.md in this folder.
#include "command_line.hpp"
#include "interpreter.hpp"
#include "launch_context.hpp"
#include "mpi_runtime.hpp"

#include <Python.h>

#include <cstdio>
#include <stdexcept>

int main(int argc, char** argv) {
  using namespace pargist::embed;
  MpiRuntime mpi(&argc, &argv, is_own_mpi_process());
  const bool root = mpi.rank() == 0;

  CommandLine cl;
  try {
    cl = parse_command_line(argc, argv);
  } catch (const std::invalid_argument& e) {
    // Same arguments on every rank: every rank fails, rank 0 says why.
    if (root) std::fprintf(stderr, "%s\n%s", e.what(), usage_text(argv[0]).c_str());
    return 2;
  }
  if (cl.show_help) {
    if (root) std::fputs(usage_text(argv[0]).c_str(), stdout);
    return 0;
  }
  if (cl.show_version) {
    if (root) std::printf("Python %s\n", PY_VERSION);
    return 0;
  }
  return run_interpreter(cl, argv[0]);
}
