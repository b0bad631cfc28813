// What a C++ (or Fortran, through C++) host code registers so that the
// plots of its input script need no arrays: Warp's ppzx(), pcphizx()...
//
//   pp::Species s;
//   s.arrays["x"] = {x, n};  s.arrays["z"] = {z, n};     // views, not copies
//   s.arrays["ux"] = {ux, n}; ...  s.mass = 9.109e-31;
//   const int js = pp::register_species(std::move(s));    // Warp's js
//
//   pp::Field phi;                                        // this rank's block
//   phi.components = {view};  phi.mesh = {...};  pp::register_field("phi", phi);
//
// The Python module reads this registry (pargist.sources): a script run by
// the host's embedded interpreter (pargist-python's module) plots what the
// host registered. Quantities are named as Warp's getters are: x, y, z, ux,
// uy, uz (momentum per mass), vx, vy, vz, gaminv, w (weights), pid (ids),
// ex, ey, ez, bx, by, bz (fields at the particles); the others (xp, r, vr,
// ke...) are derived when plotted.
//
// The registry is per process (each rank registers its own part, possibly
// empty) and not thread-safe: register from the thread that plots. The
// memory stays the host's: keep it alive (and the views valid) while
// registered; update it in place or register again.
#pragma once

#include <pargist/reduce/array_view.hpp>
#include <pargist/reduce/field.hpp>

#include <array>
#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace pargist::plot::pp {

/// This rank's particles of one species.
struct Species {
  std::map<std::string, reduce::ArrayView> arrays;  ///< live particles, by quantity
  std::map<std::string, reduce::ArrayView> lost;    ///< lost particles (Warp's lost=1)
  double mass = std::nan("");                       ///< kg (for the kinetic energy)
  double charge = std::nan("");                     ///< C
  std::string name;
};

/// Registers species js (-1: the next free number); returns js. Throws
/// std::invalid_argument for an unknown quantity name or arrays of
/// different lengths.
int register_species(Species species, int js = -1);
/// Forgets species js (-1: all of them).
void unregister_species(int js = -1);
/// The registered species, by js.
const std::map<int, Species>& registered_species();

/// Where a field's nodes are: Warp's mesh (node 0 at xmmin, node nx at
/// xmmax...) in x-y-z, or r-z / x-z (2-D: y absent).
struct Mesh {
  std::string geometry = "xyz";  ///< "xyz", "rz" or "xz"
  std::array<int, 3> n{0, 0, 0};  ///< cells nx, ny, nz (ny = 0 in 2-D)
  std::array<double, 3> min{0, 0, 0}, max{1, 1, 1};
  bool l2symtry = false, l4symtry = false;
};

/// This rank's block of a field: one component (phi, rho) or three (E, B,
/// J, A), each a reduce::FieldView (its box in global node indices; dims 3,
/// or 2 for r-z / x-z with axes x, z).
struct Field {
  std::vector<reduce::FieldView> components;
  Mesh mesh;
};

/// Registers field `name` (phi, rho, E, B, J, A). Throws
/// std::invalid_argument for another name, a wrong number of components or
/// a mesh that disagrees with the blocks.
void register_field(const std::string& name, Field field);
void unregister_fields();
const std::map<std::string, Field>& registered_fields();

}  // namespace pargist::plot::pp
