// Catch2's main for tests that run under mpiexec: MPI is initialised around the
// session, and the exit status is agreed on by all ranks so that a failure on
// any rank fails the test (mpiexec reports only one status).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <mpi.h>

int main(int argc, char* argv[]) {
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  Catch::Session session;
  // Only rank 0 reports successes; every rank reports its failures.
  int failures = session.run(argc, argv);
  int any = 0;
  MPI_Allreduce(&failures, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  MPI_Finalize();
  (void)rank;
  return any > 0 ? 1 : 0;
}
