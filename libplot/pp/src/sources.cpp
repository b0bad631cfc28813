// The registry of what the host code plots (see pargist/pp/sources.hpp).
#include <pargist/pp/sources.hpp>

#include <algorithm>
#include <stdexcept>

namespace pargist::plot::pp {

namespace {

const char* const kQuantities[] = {"x", "y", "z", "ux", "uy", "uz", "vx", "vy", "vz", "gaminv", "w", "pid",
                                   "ex", "ey", "ez", "bx", "by", "bz"};

std::map<int, Species>& species_table() {
  static std::map<int, Species> table;
  return table;
}

std::map<std::string, Field>& field_table() {
  static std::map<std::string, Field> table;
  return table;
}

void check_arrays(const std::map<std::string, reduce::ArrayView>& arrays, const char* which) {
  std::size_t n = 0;
  bool first = true;
  for (const auto& [name, view] : arrays) {
    if (std::find_if(std::begin(kQuantities), std::end(kQuantities), [&](const char* q) { return name == q; }) ==
        std::end(kQuantities)) {
      throw std::invalid_argument("register_species: unknown quantity \"" + name +
                                  "\" (x, y, z, ux, uy, uz, vx, vy, vz, gaminv, w, pid, ex, ey, ez, bx, by, bz)");
    }
    if (view.size > 0 && view.data == nullptr)
      throw std::invalid_argument("register_species: " + name + " has no data");
    if (!first && view.size != n) {
      throw std::invalid_argument(std::string("register_species: the ") + which + " " + name + " has " +
                                  std::to_string(view.size) + " particles, the others " + std::to_string(n));
    }
    n = view.size;
    first = false;
  }
}

}  // namespace

int register_species(Species species, int js) {
  check_arrays(species.arrays, "particles'");
  check_arrays(species.lost, "lost particles'");
  if (species.arrays.empty()) throw std::invalid_argument("register_species: no arrays (x, y, z...)");
  auto& table = species_table();
  if (js < 0) js = table.empty() ? 0 : table.rbegin()->first + 1;
  table[js] = std::move(species);
  return js;
}

void unregister_species(int js) {
  if (js < 0)
    species_table().clear();
  else
    species_table().erase(js);
}

const std::map<int, Species>& registered_species() { return species_table(); }

void register_field(const std::string& name, Field field) {
  const bool scalar = name == "phi" || name == "rho";
  const bool vector = name == "E" || name == "B" || name == "J" || name == "A";
  if (!scalar && !vector) throw std::invalid_argument("register_field: unknown field \"" + name + "\" (phi, rho, E, B, J, A)");
  const std::size_t want = scalar ? 1 : 3;
  if (field.components.size() != want) {
    throw std::invalid_argument("register_field: " + name + " needs " + std::to_string(want) + " component(s), got " +
                                std::to_string(field.components.size()));
  }
  const auto& m = field.mesh;
  if (m.geometry != "xyz" && m.geometry != "rz" && m.geometry != "xz")
    throw std::invalid_argument("register_field: geometry must be xyz, rz or xz");
  const int dims = m.geometry == "xyz" ? 3 : 2;
  // The global node counts the blocks must agree with: x, (y,) z.
  std::vector<std::int64_t> nodes{m.n[0] + 1};
  if (dims == 3) nodes.push_back(m.n[1] + 1);
  nodes.push_back(m.n[2] + 1);
  for (const auto& c : field.components) {
    if (c.dims != dims) throw std::invalid_argument("register_field: a " + m.geometry + " field has " + std::to_string(dims) + "-D blocks");
    for (int a = 0; a < dims; ++a) {
      if (c.global_shape[a] != nodes[static_cast<std::size_t>(a)])
        throw std::invalid_argument("register_field: the blocks' global shape differs from the mesh's nodes (n + 1)");
      if (c.lower[a] < 0 || c.upper[a] > c.global_shape[a])
        throw std::invalid_argument("register_field: a block lies outside the global grid");
    }
  }
  field_table()[name] = std::move(field);
}

void unregister_fields() { field_table().clear(); }

const std::map<std::string, Field>& registered_fields() { return field_table(); }

}  // namespace pargist::plot::pp
