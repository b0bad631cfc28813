#include <pargist/reduce/comm.hpp>

#include <catch2/catch.hpp>

#include <cerrno>
#include <limits>

#include <stdexcept>
#include <string>
#include <system_error>

using namespace pargist::reduce;

TEST_CASE("comm: the handle wraps MPI_COMM_WORLD without owning it", "[comm]") {
  Comm comm;
  int rank = -1, size = -1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  CHECK(comm.rank() == rank);
  CHECK(comm.size() == size);
  CHECK(comm.handle() == MPI_COMM_WORLD);
  CHECK_FALSE(mpi_initialized_by_pargist());  // the test's main initialised MPI
  Comm copy = comm;
  CHECK(copy.rank() == rank);
  CHECK_THROWS_AS(Comm(MPI_COMM_NULL), std::invalid_argument);
}

TEST_CASE("comm: works on a split communicator", "[comm]") {
  Comm world;
  MPI_Comm half;
  MPI_Comm_split(MPI_COMM_WORLD, world.rank() % 2, world.rank(), &half);
  {
    Comm c(half);
    CHECK(c.size() == (world.size() + 1 - world.rank() % 2) / 2);
    CHECK(c.allreduce_sum(std::int64_t(1)) == c.size());
  }
  MPI_Comm_free(&half);
}

TEST_CASE("comm: agreement reports the lowest failing rank on every rank", "[comm]") {
  Comm comm;
  Agreement ok = comm.agree(true, "unused");
  CHECK(ok.ok);
  CHECK(ok.failed_rank == -1);

  const int bad = comm.size() - 1;
  Agreement a = comm.agree(comm.rank() != bad, "rank " + std::to_string(comm.rank()) + " is unhappy");
  CHECK_FALSE(a.ok);
  CHECK(a.failed_rank == bad);
  CHECK(a.message == "rank " + std::to_string(bad) + " is unhappy");

  // Every rank throws the same std::invalid_argument, naming the rank.
  std::string what;
  try {
    comm.check(comm.rank() != bad, "argument 'x' is wrong");
  } catch (const std::invalid_argument& e) {
    what = e.what();
  }
  CHECK(what == "argument 'x' is wrong (rank " + std::to_string(bad) + ")");
}

TEST_CASE("comm: a failure carries its kind, message and rank to every rank", "[comm]") {
  Comm comm;
  const int bad = comm.size() - 1;
  // agree_on: the lowest failing rank's exception, as the standard exception
  // of its kind and as a CollectiveError, on every rank.
  try {
    comm.agree_on([&] {
      if (comm.rank() == bad) throw std::out_of_range("index 7 out of range");
      return 1;
    });
    FAIL("no exception");
  } catch (const std::out_of_range& e) {
    CHECK(std::string(e.what()) == "index 7 out of range (rank " + std::to_string(bad) + ")");
    const auto* agreed = dynamic_cast<const CollectiveError*>(&e);
    REQUIRE(agreed != nullptr);
    CHECK(agreed->kind() == "IndexError");
    CHECK(agreed->message() == "index 7 out of range");
    CHECK(agreed->failed_rank() == bad);
  }
  CHECK(comm.agree_on([&] { return comm.rank() + 1; }) == comm.rank() + 1);

  // A kind without a C++ counterpart travels by name.
  try {
    comm.check(comm.rank() != bad, "cannot write out.png", "OSError");
    FAIL("no exception");
  } catch (const CollectiveError& e) {
    CHECK(e.kind() == "OSError");
    CHECK(dynamic_cast<const std::runtime_error*>(&e) != nullptr);
  }
}

TEST_CASE("comm: on_root shares what root alone did, or its error", "[comm]") {
  Comm comm;
  const int root = comm.size() - 1;
  int calls = 0;
  CHECK(comm.on_root(root, [&] { ++calls; return std::string("root's bytes"); }) == "root's bytes");
  CHECK(calls == (comm.rank() == root ? 1 : 0));

  // An error that only root saw reaches every rank: type, message, rank.
  std::string what;
  try {
    comm.on_root(root, [] { throw std::system_error(std::make_error_code(std::errc::no_space_on_device), "png"); });
  } catch (const CollectiveError& e) {
    CHECK(e.kind() == "OSError");
    CHECK(e.failed_rank() == root);
    what = dynamic_cast<const std::exception&>(e).what();
  }
  // The errno leads, as Python words an OSError (its binding rebuilds one with that errno).
  CHECK_THAT(what, Catch::StartsWith("[Errno " + std::to_string(ENOSPC) + "] png: ") &&
                       Catch::EndsWith("(rank " + std::to_string(root) + ")"));
  CHECK_THROWS_AS(comm.on_root(0, [] { throw std::invalid_argument("bad"); }), std::invalid_argument);
  CHECK_THROWS_AS(comm.on_root(comm.size(), [] {}), std::invalid_argument);
}

TEST_CASE("comm: bytes broadcast, gathered and allgathered", "[comm]") {
  Comm comm;
  const std::string payload = comm.rank() == 0 ? std::string("hello\0world", 11) : std::string();
  CHECK(comm.broadcast(payload) == std::string("hello\0world", 11));
  const int last = comm.size() - 1;
  CHECK(comm.broadcast(comm.rank() == last ? "from last" : "", last) == "from last");

  // Variable lengths, including an empty message.
  const std::string mine(std::size_t(comm.rank()), char('a' + comm.rank()));
  std::vector<std::string> all = comm.gather(mine);
  if (comm.rank() == 0) {
    REQUIRE(all.size() == std::size_t(comm.size()));
    for (int r = 0; r < comm.size(); ++r) CHECK(all[r] == std::string(std::size_t(r), char('a' + r)));
  } else {
    CHECK(all.empty());
  }
  CHECK_THROWS_AS(comm.broadcast("x", comm.size()), std::invalid_argument);
  CHECK_THROWS_AS(comm.gather("x", -1), std::invalid_argument);
  std::vector<std::string> every = comm.allgather(mine);
  REQUIRE(every.size() == std::size_t(comm.size()));
  for (int r = 0; r < comm.size(); ++r) CHECK(every[r] == std::string(std::size_t(r), char('a' + r)));
}

TEST_CASE("comm: scalar and vector reductions, exclusive scan", "[comm]") {
  Comm comm;
  const int p = comm.size(), r = comm.rank();
  CHECK(comm.allreduce_sum(double(r)) == double(p * (p - 1) / 2));
  CHECK(comm.allreduce_min(double(r) - 0.5) == -0.5);
  CHECK(comm.allreduce_max(double(r)) == double(p - 1));
  CHECK(comm.allreduce_sum(std::int64_t(r + 1)) == std::int64_t(p * (p + 1) / 2));
  CHECK(comm.allreduce_min(std::int64_t(-r)) == -(p - 1));
  CHECK(comm.allreduce_max(std::int64_t(-r)) == 0);
  std::vector<double> v{1.0, double(r), -double(r)};
  CHECK(comm.allreduce_sum(v) == std::vector<double>{double(p), double(p * (p - 1) / 2), -double(p * (p - 1) / 2)});
  CHECK(comm.allreduce_min(v) == std::vector<double>{1.0, 0.0, -double(p - 1)});
  CHECK(comm.allreduce_max(v) == std::vector<double>{1.0, double(p - 1), 0.0});
  CHECK(comm.exclusive_scan(std::uint64_t(r + 1)) == std::uint64_t(r * (r + 1) / 2));
}

TEST_CASE("comm: same_everywhere answers alike on every rank, extremes included", "[comm]") {
  Comm comm;
  const int p = comm.size(), r = comm.rank();
  const std::int64_t lowest = std::numeric_limits<std::int64_t>::min(), highest = std::numeric_limits<std::int64_t>::max();
  CHECK(comm.same_everywhere(42));
  CHECK(comm.same_everywhere(lowest));
  CHECK(comm.same_everywhere(highest));
  CHECK(comm.same_everywhere(-1));
  // One rank differs (the last; the first when alone it cannot): every rank says no.
  CHECK(comm.same_everywhere(r == p - 1 ? 7 : 6) == (p == 1));
  CHECK(comm.same_everywhere(r == 0 ? lowest : highest) == (p == 1));
  CHECK(comm.same_everywhere(r == 0 ? -1 : 0) == (p == 1));
}

TEST_CASE("comm: agree_same agrees on failures and on a value in one allreduce", "[comm]") {
  Comm comm;
  const int p = comm.size(), r = comm.rank();
  auto ok = comm.agree_same(5, true);
  CHECK(ok.agreement.ok);
  CHECK(ok.same);
  auto differ = comm.agree_same(r == p - 1 ? 9 : 5, true);
  CHECK(differ.agreement.ok);
  CHECK(differ.same == (p == 1));
  // Every rank but the first fails: the lowest failing rank's report everywhere.
  const int first_failing = p == 1 ? 0 : 1;
  auto failed = comm.agree_same(5, r < first_failing, "bad input on " + std::to_string(r), "TypeError");
  CHECK_FALSE(failed.agreement.ok);
  CHECK(failed.agreement.failed_rank == first_failing);
  CHECK(failed.agreement.kind == "TypeError");
  CHECK(failed.agreement.message == "bad input on " + std::to_string(first_failing));
  // The same allreduce as same_everywhere: a rank there meets another's
  // failure in agree_same and throws it, no rank left waiting.
  if (r == 0) {
    auto mine = comm.agree_same(3, false, "root's check failed");
    CHECK(mine.agreement.failed_rank == 0);
  } else {
    try {
      comm.same_everywhere(3);
      FAIL("same_everywhere did not throw root's failure");
    } catch (const std::invalid_argument& e) {
      CHECK(std::string(e.what()) == "root's check failed (rank 0)");
    }
  }
  CHECK(comm.same_everywhere(1));  // and the next collective still lines up
}
