// The host code's registry (pargist/pp/sources.hpp): what it keeps, what it
// refuses. The plots of registered data are tested from Python
// (tests/python/test_warp_*.py), which reads this same registry.
#include <catch2/catch.hpp>

#include <pargist/pp/sources.hpp>

#include <stdexcept>
#include <vector>

using namespace pargist;
namespace pp = pargist::plot::pp;

TEST_CASE("sources: species keep views of the host's arrays, numbered as Warp's js") {
  pp::unregister_species();
  std::vector<double> x{1, 2, 3}, z{4, 5, 6};
  std::vector<float> lost_x{7};
  pp::Species s;
  s.arrays["x"] = {x.data(), x.size()};
  s.arrays["z"] = {z.data(), z.size()};
  s.lost["x"] = {lost_x.data(), lost_x.size()};
  s.mass = 9.109e-31;
  CHECK(pp::register_species(s) == 0);
  CHECK(pp::register_species(s) == 1);
  CHECK(pp::register_species(s, 5) == 5);
  CHECK(pp::register_species(s) == 6);
  const auto& table = pp::registered_species();
  REQUIRE(table.size() == 4);
  x[1] = 20;  // a view, not a copy: the host's updates are seen
  CHECK(table.at(0).arrays.at("x")[1] == 20);
  CHECK(table.at(0).lost.at("x").dtype == reduce::DType::f32);
  pp::unregister_species(1);
  CHECK(pp::registered_species().count(1) == 0);
  pp::unregister_species();
  CHECK(pp::registered_species().empty());
}

TEST_CASE("sources: bad species are refused") {
  std::vector<double> a{1, 2, 3}, b{1, 2};
  pp::Species s;
  s.arrays["x"] = {a.data(), a.size()};
  s.arrays["y"] = {b.data(), b.size()};
  CHECK_THROWS_WITH(pp::register_species(s), Catch::Contains("particles, the others"));
  pp::Species t;
  t.arrays["q"] = {a.data(), a.size()};
  CHECK_THROWS_WITH(pp::register_species(t), Catch::Contains("unknown quantity \"q\""));
  CHECK_THROWS_AS(pp::register_species(pp::Species{}), std::invalid_argument);
  CHECK(pp::registered_species().empty());
}

TEST_CASE("sources: fields are checked against their mesh") {
  pp::unregister_fields();
  std::vector<double> block(3 * 3 * 2);
  reduce::FieldView v;
  v.data = block.data();
  v.dims = 3;
  v.lower = {0, 0, 4};
  v.upper = {3, 3, 6};
  v.stride_bytes = {48, 16, 8};
  v.global_shape = {3, 3, 9};
  pp::Field f;
  f.components = {v};
  f.mesh.n = {2, 2, 8};
  pp::register_field("phi", f);
  CHECK(pp::registered_fields().count("phi") == 1);
  CHECK_THROWS_WITH(pp::register_field("psi", f), Catch::Contains("unknown field"));
  CHECK_THROWS_WITH(pp::register_field("E", f), Catch::Contains("needs 3 component"));
  f.mesh.n = {2, 2, 9};
  CHECK_THROWS_WITH(pp::register_field("rho", f), Catch::Contains("mesh's nodes"));
  f.mesh.n = {2, 2, 8};
  f.mesh.geometry = "rz";
  CHECK_THROWS_WITH(pp::register_field("rho", f), Catch::Contains("2-D blocks"));
  pp::unregister_fields();
  CHECK(pp::registered_fields().empty());
}
