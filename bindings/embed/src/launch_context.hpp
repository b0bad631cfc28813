// Is this process a rank of an MPI job, or a process that a rank started
// (subprocess.run([sys.executable, ...]), multiprocessing's spawn start
// method)? The second inherits its parent's launcher variables (PMIX_RANK,
// OMPI_COMM_WORLD_RANK, PMI_FD...): an MPI_Init made with them tries to
// join the job as the parent's rank, fails, and has left whole jobs hanging.
#pragma once

namespace pargist::embed {

// Call first thing in main(), while the process has one thread (it changes
// the environment). A rank of a job marks the environment its children
// will inherit and returns true. A process started by a rank (directly or
// further down) sees the mark: its copy of the launcher's variables is
// removed, so that its own children and any later MPI_Init (pargist's
// plotting initialises MPI on demand) are independent singletons, and it
// returns false: pargist-python then runs without MPI, as python3 would.
bool is_own_mpi_process();

}  // namespace pargist::embed
