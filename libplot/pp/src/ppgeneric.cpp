// ppgeneric: one collective particle plot, step by step (see pp.hpp).
#include "pp_internal.hpp"

#include <pargist/reduce/deposit.hpp>
#include <pargist/reduce/gather.hpp>

#include <cstring>

namespace pargist::plot::pp {

namespace {

enum class Mode { scatter, density_scatter, grid };

// Scatter while the markers fit under the cap (or when thinned on purpose),
// a density grid above it and whenever contours or a cell array are asked.
Mode choose_mode(const PlotOptions& o, std::uint64_t selected) {
  if (o.contours > 0 || o.cellarray) return Mode::grid;
  const bool fits = selected <= o.maxpoints || o.thin_to > 0;
  if (!fits) return Mode::grid;
  return o.color_density ? Mode::density_scatter : Mode::scatter;
}

// Runs `draw` on root only, after switching to the plot's system; a drawing
// error on root is reported on every rank (after the collectives are done).
template <class F>
void on_root(const reduce::Comm& comm, const PlotOptions& o, F&& draw) {
  std::string error;
  if (comm.rank() == o.root) {
    try {
      std::optional<int> previous;
      if (o.view > 0) previous = plsys(o.view);
      draw();
      draw_titles(o);
      if (previous) plsys(*previous);
    } catch (const std::exception& e) {
      error = e.what();
    }
  }
  comm.check(error.empty(), "pp: " + error);
}

}  // namespace

PlotResult ppgeneric(const reduce::Comm& comm, const Particles& particles, const PlotOptions& options) {
  validate(comm, particles, options);

  // The view is read from the target system on root: switch to it there.
  PlotOptions o = options;
  std::optional<int> previous;
  std::string sys_error;
  if (comm.rank() == o.root && o.view > 0) {
    try {
      previous = plsys(o.view);
    } catch (const std::exception& e) {
      sys_error = e.what();
    }
  }
  comm.check(sys_error.empty(), "pp: view=" + std::to_string(o.view) + ": " + sys_error);
  View view;
  try {
    view = resolve_view(comm, particles, o);
  } catch (...) {
    if (previous) plsys(*previous);
    throw;
  }
  if (previous) plsys(*previous);

  const reduce::Selection sel = within_view(particles, view);
  const std::uint64_t local = sel.count(particles.x.size);
  const std::uint64_t selected = static_cast<std::uint64_t>(comm.allreduce_sum(static_cast<std::int64_t>(local)));

  PlotResult result;
  result.selected = selected;
  result.view = view.limits;
  const Mode mode = choose_mode(o, selected);

  reduce::Axis ax{o.nx, view.limits[0], view.limits[1]}, ay{o.ny, view.limits[2], view.limits[3]};
  reduce::DepositOptions dep;
  dep.method = o.method;
  dep.weights = particles.weights;
  dep.selection = sel;
  dep.root = o.root;

  if (mode == Mode::grid) {
    result.nx = o.nx, result.ny = o.ny;
    reduce::Grid2D grid;
    bool is_mean = false;
    if (particles.zz) {
      auto cm = reduce::cell_mean(comm, particles.x, particles.y, *particles.zz, ax, ay, dep);
      grid = std::move(cm.mean);
      is_mean = true;
      result.bytes_to_root = 2 * o.nx * o.ny * sizeof(double);
    } else {
      grid = reduce::histogram2d(comm, particles.x, particles.y, ax, ay, dep);
      result.bytes_to_root = o.nx * o.ny * sizeof(double);
    }
    const bool contours = o.contours > 0 && !o.cellarray;
    result.drawn = contours ? (o.filled ? "filled-contours" : "contours") : "cellarray";
    std::array<double, 2> scale{0, 0};
    on_root(comm, o, [&] { scale = draw_density_grid(std::move(grid.values), o.nx, o.ny, view.limits, is_mean, o); });
    // Only root saw the grid: share its colour scale so results agree.
    std::string bytes(reinterpret_cast<const char*>(scale.data()), sizeof(scale));
    bytes = comm.broadcast(bytes, o.root);
    std::memcpy(scale.data(), bytes.data(), sizeof(scale));
    result.cmin = scale[0], result.cmax = scale[1];
    return result;
  }

  const std::uint64_t cap = o.thin_to > 0 ? std::min(o.thin_to, o.maxpoints) : o.maxpoints;
  auto pts = reduce::gather_points(comm, {particles.x, particles.y}, sel, cap, o.seed, o.root);
  result.points = pts.gathered;
  result.bytes_to_root = pts.gathered * 2 * sizeof(double);
  ScatterPoints points;
  if (comm.rank() == o.root && pts.columns.size() == 2) {
    points.x = std::move(pts.columns[0]);
    points.y = std::move(pts.columns[1]);
  }
  if (mode == Mode::density_scatter) {
    result.nx = o.nx, result.ny = o.ny;
    dep.weights.reset();
    auto grid = reduce::histogram2d(comm, particles.x, particles.y, ax, ay, dep);
    result.bytes_to_root += o.nx * o.ny * sizeof(double);
    result.drawn = "density-scatter";
    on_root(comm, o, [&] { draw_density_scatter(points, grid, o); });
  } else {
    result.drawn = "scatter";
    on_root(comm, o, [&] { draw_scatter(points, o); });
  }
  return result;
}

}  // namespace pargist::plot::pp
