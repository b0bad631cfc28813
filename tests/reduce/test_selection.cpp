#include <pargist/reduce/gather.hpp>
#include <pargist/reduce/selection.hpp>

#include "test_data.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

using namespace pargist::reduce;

TEST_CASE("selection: range, step, mask and windows agree with a brute-force filter", "[selection]") {
  const std::size_t n = 257;
  std::vector<double> z = test::normal_data(n, 7);
  std::vector<float> x(n);
  std::vector<std::uint8_t> mask(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = float(i % 13), mask[i] = (i % 5) != 0;
  Selection s = Selection{}.range(3, 250).every(3).where(MaskView(mask.data(), n)).within(ArrayView(z.data(), n), -1.0, 1.5)
                    .within(ArrayView(x.data(), n), 1.0, 12.0);
  std::vector<std::size_t> expect;
  for (std::size_t i = 3; i < 250; i += 3)
    if (mask[i] && z[i] > -1.0 && z[i] < 1.5 && x[i] > 1.0f && x[i] < 12.0f) expect.push_back(i);
  REQUIRE(!expect.empty());
  CHECK(s.local_indices(n) == expect);
  CHECK(s.count(n) == expect.size());
  for (std::size_t i = 0; i < n; ++i)
    CHECK(s.contains(i, n) == std::binary_search(expect.begin(), expect.end(), i));
  CHECK_FALSE(s.is_range());
  CHECK(Selection{}.range(5, 1000).every(4).count(n) == (n - 5 + 3) / 4);
  CHECK(Selection{}.count(0) == 0);
}

namespace {
// The global indices a sample picked, gathered to every rank, sorted.
std::vector<double> sampled_global(const Comm& comm, const Selection& s, std::size_t first, std::size_t n) {
  std::vector<double> ids(n);
  std::iota(ids.begin(), ids.end(), double(first));
  Points p = gather_points(comm, {ArrayView(ids.data(), n)}, s, ~std::uint64_t(0), 0, 0);
  std::string bytes;
  if (comm.rank() == 0) bytes.assign(reinterpret_cast<const char*>(p.columns[0].data()), p.columns[0].size() * 8);
  bytes = comm.broadcast(bytes);
  std::vector<double> out(bytes.size() / 8);
  std::copy(bytes.begin(), bytes.end(), reinterpret_cast<char*>(out.data()));
  return out;
}
}  // namespace

TEST_CASE("selection: a global random sample takes exactly the cap, whatever the split", "[selection][sample]") {
  Comm comm;
  const std::size_t n = 20000, cap = 1234;
  std::vector<double> ref;
  for (test::Split how : test::all_splits) {
    auto [b, e] = test::piece(n, comm.rank(), comm.size(), how);
    Selection s = sample(comm, e - b, Selection{}, cap, 42);
    REQUIRE(s.indices);
    CHECK(std::is_sorted(s.indices->begin(), s.indices->end()));
    CHECK(comm.allreduce_sum(std::int64_t(s.count(e - b))) == std::int64_t(cap));
    std::vector<double> ids = sampled_global(comm, s, b, e - b);
    CHECK(ids.size() == cap);
    if (ref.empty()) ref = ids;
    CHECK(ids == ref);
  }
  // A different seed picks different particles; a fair share per half.
  auto [b, e] = test::piece(n, comm.rank(), comm.size(), test::Split::even);
  std::vector<double> other = sampled_global(comm, sample(comm, e - b, Selection{}, cap, 43), b, e - b);
  CHECK(other != ref);
  const auto low = std::count_if(ref.begin(), ref.end(), [&](double g) { return g < n / 2; });
  CHECK(std::abs(double(low) - cap / 2.0) < 5 * std::sqrt(double(cap)));
}

TEST_CASE("selection: sampling respects the base selection and returns it when under the cap", "[selection][sample]") {
  Comm comm;
  const std::size_t n = 5000;
  auto [b, e] = test::piece(n, comm.rank(), comm.size(), test::Split::last_heavy);
  std::vector<double> z(e - b);
  for (std::size_t i = b; i < e; ++i) z[i - b] = double(i);
  Selection base = Selection{}.within(ArrayView(z.data(), z.size()), 999.5, 3000.5).every(1);
  Selection s = sample(comm, e - b, base, 100, 5);
  for (std::size_t i : s.local_indices(e - b)) CHECK((z[i] > 999.5 && z[i] < 3000.5));
  CHECK(comm.allreduce_sum(std::int64_t(s.count(e - b))) == 100);
  Selection all = sample(comm, e - b, base, 2001, 5);  // exactly the 2001 selected
  CHECK_FALSE(all.indices);
  CHECK(comm.allreduce_sum(std::int64_t(all.count(e - b))) == 2001);
}
