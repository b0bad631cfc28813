// Without mpiexec and without anybody initialising MPI: the handle does it
// (and finalises at exit), and every collective works on one rank.
#include <pargist/reduce/reduce.hpp>

#include <catch2/catch.hpp>

using namespace pargist::reduce;

TEST_CASE("serial: Comm initialises MPI itself and works on one rank", "[serial]") {
  int initialized = 1;
  MPI_Initialized(&initialized);
  REQUIRE_FALSE(initialized);
  Comm comm;
  CHECK(mpi_initialized_by_pargist());
  CHECK(comm.size() == 1);
  CHECK(comm.rank() == 0);
  std::vector<double> x{0.1, 0.2, 0.9, 1.0}, y{0.0, 0.5, 0.5, 1.0};
  Grid2D g = histogram2d(comm, ArrayView(x.data(), 4), ArrayView(y.data(), 4), {2, 0, 1}, {2, 0, 1});
  CHECK(g.values == std::vector<double>{1, 0, 1, 2});
  CHECK(limits(comm, ArrayView(x.data(), 4)).max == 1.0);
  CHECK(moments(comm, {ArrayView(x.data(), 4)}).count == 4);
  CHECK(gather_points(comm, {ArrayView(x.data(), 4)}, Selection{}, 2).columns[0].size() == 2);
  CHECK_THROWS_AS(histogram(comm, ArrayView(x.data(), 4), {0}), std::invalid_argument);
  Comm again;  // a second handle reuses the running MPI
  CHECK(again.size() == 1);
}
