// pargist._core's reduce functions: thin, keyword-free wrappers of
// pargist::reduce that pargist/reduce.py dresses in numpy's names. Arrays are
// viewed, never copied; local checks are agreed across ranks before any data
// moves; the collective itself runs without the GIL.
#include "arrays.hpp"
#include "bindings.hpp"
#include "collective.hpp"
#include "selection_args.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <pargist/reduce/reduce.hpp>

#include <cmath>

namespace pargist::pybind {

namespace {

using reduce::Comm;

// The particle arrays of one call, viewed, with a common length.
struct Particles {
  std::vector<HeldView> arrays;
  std::size_t n = 0;
  std::vector<reduce::ArrayView> views() const {
    std::vector<reduce::ArrayView> v;
    for (auto& a : arrays) v.push_back(a.view);
    return v;
  }
};

Particles view_particles(const std::vector<py::object>& arrays, const std::vector<std::string>& names,
                         const std::string& func) {
  Particles p;
  for (std::size_t k = 0; k < arrays.size(); ++k) {
    const std::string name = k < names.size() ? names[k] : "array " + std::to_string(k);
    p.arrays.push_back(float_view(arrays[k], func + ": " + name));
    if (k == 0) {
      p.n = p.arrays[0].view.size;
    } else if (p.arrays[k].view.size != p.n) {
      throw py::value_error(func + ": " + name + " has " + std::to_string(p.arrays[k].view.size) +
                            " elements but " + (names.empty() ? std::string("array 0") : names[0]) + " has " +
                            std::to_string(p.n));
    }
  }
  return p;
}

reduce::Method parse_method(const std::string& method, const std::string& func) {
  if (method == "ngp") return reduce::Method::ngp;
  if (method == "cic") return reduce::Method::cic;
  throw py::value_error(func + ": method must be 'ngp' or 'cic', got '" + method + "'");
}

py::tuple stats_tuple(const reduce::DepositStats& s) {
  return py::make_tuple(s.deposited, s.outside, s.nonfinite);
}

double nan_if_none(const py::object& o) { return o.is_none() ? std::nan("") : o.cast<double>(); }

// The checks reduce makes of an axis, named as the caller knows it (the
// deposition itself may see the axes in the other order).
void check_axis(const std::string& func, const std::string& name, const reduce::Axis& a) {
  if (a.bins == 0) throw py::value_error(func + ": bins must be >= 1");
  if (std::isinf(a.min) || std::isinf(a.max)) throw py::value_error(func + ": the range of " + name + " is infinite");
  if (!std::isnan(a.min) && !std::isnan(a.max) && !(a.min < a.max)) {
    throw py::value_error(func + ": the range of " + name + " needs min < max, got [" + std::to_string(a.min) +
                          ", " + std::to_string(a.max) + "]");
  }
}

struct DepositArgs {
  Particles particles;
  HeldSelection selection;
  std::optional<HeldView> weights;
  reduce::DepositOptions options;
};

DepositArgs deposit_args(const std::vector<py::object>& arrays, const std::vector<std::string>& names,
                         const py::object& weights, const py::object& select, const std::string& method,
                         int root, bool allranks, const Comm& comm, const std::string& func) {
  DepositArgs a;
  a.particles = view_particles(arrays, names, func);
  a.selection = make_selection(select, a.particles.n, func);
  a.options.method = parse_method(method, func);
  a.options.selection = a.selection.selection;
  if (!weights.is_none()) {
    a.weights = float_view(weights, func + ": weights");
    if (a.weights->view.size != a.particles.n) {
      throw py::value_error(func + ": weights has " + std::to_string(a.weights->view.size) +
                            " elements but the particle arrays have " + std::to_string(a.particles.n));
    }
    a.options.weights = a.weights->view;
  }
  if (root < 0 || root >= comm.size()) throw py::value_error(func + ": root rank " + std::to_string(root) + " out of range");
  a.options.root = root;
  a.options.all_ranks = allranks;
  return a;
}

py::tuple slice_result(reduce::FieldSlice&& s) {
  py::object values = s.values.empty() ? py::object(py::none()) : grid_array(std::move(s.values), s.nv, s.nu);
  return py::make_tuple(values, py::make_tuple(s.axes[0], s.axes[1]), s.missing);
}

}  // namespace

void bind_reduce(py::module_& m) {
  m.def("limits", [](const Comm& comm, const std::vector<py::object>& arrays, const py::object& select, double pad) {
    auto args = prepare_collectively(comm, [&] {
      auto p = view_particles(arrays, {}, "limits");
      auto s = make_selection(select, p.n, "limits");
      return std::make_pair(std::move(p), std::move(s));
    });
    auto views = args.first.views();
    auto extents = run_collective([&] { return reduce::limits(comm, views, args.second.selection, pad); });
    py::list out;
    for (auto& e : extents) out.append(py::make_tuple(e.min, e.max, e.count, e.nonfinite));
    return out;
  }, py::arg("comm"), py::arg("arrays"), py::arg("select") = py::none(), py::arg("pad") = 0.0,
     "Global (min, max, count, nonfinite) of each array (collective).");

  m.def("histogram", [](const Comm& comm, const py::object& x, std::size_t bins, const py::object& xmin,
                        const py::object& xmax, const std::string& method, const py::object& weights,
                        const py::object& select, int root, bool allranks) {
    auto a = prepare_collectively(comm, [&] {
      if (bins == 0) throw py::value_error("histogram: bins must be >= 1");
      return deposit_args({x}, {"a"}, weights, select, method, root, allranks, comm, "histogram");
    });
    reduce::Axis axis{bins, nan_if_none(xmin), nan_if_none(xmax)};
    auto h = run_collective([&] { return reduce::histogram(comm, a.particles.arrays[0].view, axis, a.options); });
    py::object values = h.values.empty() ? py::object(py::none()) : vector_array(std::move(h.values));
    return py::make_tuple(values, h.xmin, h.xmax, stats_tuple(h.stats));
  }, py::arg("comm"), py::arg("x"), py::arg("bins"), py::arg("xmin") = py::none(), py::arg("xmax") = py::none(),
     py::arg("method") = "ngp", py::arg("weights") = py::none(), py::arg("select") = py::none(),
     py::arg("root") = 0, py::arg("allranks") = false);

  m.def("histogram2d", [](const Comm& comm, const py::object& x, const py::object& y, std::size_t nx, std::size_t ny,
                          const py::object& xmin, const py::object& xmax, const py::object& ymin,
                          const py::object& ymax, const std::string& method, const py::object& weights,
                          const py::object& select, int root, bool allranks) {
    reduce::Axis ax{nx, nan_if_none(xmin), nan_if_none(xmax)}, ay{ny, nan_if_none(ymin), nan_if_none(ymax)};
    auto a = prepare_collectively(comm, [&] {
      check_axis("histogram2d", "x", ax);
      check_axis("histogram2d", "y", ay);
      return deposit_args({x, y}, {"x", "y"}, weights, select, method, root, allranks, comm, "histogram2d");
    });
    // Deposited with the axes swapped: the row-major grid is then numpy's
    // H[ix, iy] as it stands, with no transposed copy of every cell.
    auto g = run_collective([&] {
      return reduce::histogram2d(comm, a.particles.arrays[1].view, a.particles.arrays[0].view, ay, ax, a.options);
    });
    return py::make_tuple(grid_array(std::move(g.values), nx, ny), py::make_tuple(g.ymin, g.ymax, g.xmin, g.xmax),
                          stats_tuple(g.stats));
  }, py::arg("comm"), py::arg("x"), py::arg("y"), py::arg("nx"), py::arg("ny"), py::arg("xmin") = py::none(),
     py::arg("xmax") = py::none(), py::arg("ymin") = py::none(), py::arg("ymax") = py::none(),
     py::arg("method") = "ngp", py::arg("weights") = py::none(), py::arg("select") = py::none(),
     py::arg("root") = 0, py::arg("allranks") = false,
     "Grid H[ix, iy] (nx, ny) on root (None elsewhere), limits used, (deposited, outside, nonfinite).");

  m.def("cell_mean", [](const Comm& comm, const py::object& x, const py::object& y, const py::object& q,
                        std::size_t nx, std::size_t ny, const py::object& xmin, const py::object& xmax,
                        const py::object& ymin, const py::object& ymax, const std::string& method,
                        const py::object& weights, const py::object& select, int root, bool allranks) {
    reduce::Axis ax{nx, nan_if_none(xmin), nan_if_none(xmax)}, ay{ny, nan_if_none(ymin), nan_if_none(ymax)};
    auto a = prepare_collectively(comm, [&] {
      check_axis("cell_mean", "x", ax);
      check_axis("cell_mean", "y", ay);
      return deposit_args({x, y, q}, {"x", "y", "q"}, weights, select, method, root, allranks, comm, "cell_mean");
    });
    auto& arr = a.particles.arrays;
    // Axes swapped as in histogram2d: the grids come out as H[ix, iy].
    auto cm = run_collective([&] {
      return reduce::cell_mean(comm, arr[1].view, arr[0].view, arr[2].view, ay, ax, a.options);
    });
    auto& g = cm.mean;
    auto lim = py::make_tuple(g.ymin, g.ymax, g.xmin, g.xmax);
    auto stats = stats_tuple(cm.density.stats);
    return py::make_tuple(grid_array(std::move(cm.mean.values), nx, ny),
                          grid_array(std::move(cm.density.values), nx, ny), lim, stats);
  }, py::arg("comm"), py::arg("x"), py::arg("y"), py::arg("q"), py::arg("nx"), py::arg("ny"),
     py::arg("xmin") = py::none(), py::arg("xmax") = py::none(), py::arg("ymin") = py::none(),
     py::arg("ymax") = py::none(), py::arg("method") = "ngp", py::arg("weights") = py::none(),
     py::arg("select") = py::none(), py::arg("root") = 0, py::arg("allranks") = false);

  m.def("moments", [](const Comm& comm, const std::vector<py::object>& arrays, const py::object& select) {
    auto args = prepare_collectively(comm, [&] {
      if (arrays.empty()) throw py::type_error("moments: needs at least one array");
      auto p = view_particles(arrays, {}, "moments");
      auto s = make_selection(select, p.n, "moments");
      return std::make_pair(std::move(p), std::move(s));
    });
    auto views = args.first.views();
    auto mo = run_collective([&] { return reduce::moments(comm, views, args.second.selection); });
    py::dict d;
    const std::size_t k = mo.dims;
    d["count"] = mo.count;
    d["nonfinite"] = mo.nonfinite;
    d["mean"] = vector_array(std::vector<double>(mo.mean));
    d["min"] = vector_array(std::vector<double>(mo.min));
    d["max"] = vector_array(std::vector<double>(mo.max));
    std::vector<double> cov(k * k);
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t j = 0; j < k; ++j) cov[i * k + j] = mo.count ? mo.covariance(i, j) : std::nan("");
    d["cov"] = grid_array(std::move(cov), k, k);
    std::vector<double> rms(k);
    for (std::size_t i = 0; i < k; ++i) rms[i] = mo.count ? mo.rms(i) : std::nan("");
    d["rms"] = vector_array(std::move(rms));
    return d;
  }, py::arg("comm"), py::arg("arrays"), py::arg("select") = py::none());

  m.def("gather_points", [](const Comm& comm, const std::vector<py::object>& arrays, const py::object& select,
                            std::uint64_t max_total, std::uint64_t seed, int root) {
    auto args = prepare_collectively(comm, [&] {
      if (arrays.empty()) throw py::type_error("sample: needs at least one array");
      if (root < 0 || root >= comm.size()) throw py::value_error("sample: root rank out of range");
      auto p = view_particles(arrays, {}, "sample");
      auto s = make_selection(select, p.n, "sample");
      return std::make_pair(std::move(p), std::move(s));
    });
    auto views = args.first.views();
    auto pts = run_collective([&] { return reduce::gather_points(comm, views, args.second.selection, max_total, seed, root); });
    py::object columns = py::none();
    if (comm.rank() == root) {
      py::list cols;
      for (auto& c : pts.columns) cols.append(vector_array(std::move(c)));
      if (pts.columns.empty()) {
        for (std::size_t k = 0; k < arrays.size(); ++k) cols.append(vector_array({}));
      }
      columns = py::tuple(cols);
    }
    return py::make_tuple(columns, pts.selected, pts.gathered);
  }, py::arg("comm"), py::arg("arrays"), py::arg("select") = py::none(), py::arg("max_total") = 100000,
     py::arg("seed") = 0, py::arg("root") = 0);

  m.def("slice_plane", [](const Comm& comm, const py::object& field, const std::vector<std::int64_t>& lower,
                          const std::vector<std::int64_t>& upper, const std::vector<std::int64_t>& shape, int axis,
                          std::int64_t index, int root) {
    auto f = prepare_collectively(comm, [&] {
      auto h = field_view(field, lower, upper, shape, "slice");
      if (axis < 0 || axis >= h.view.dims) throw py::value_error("slice: normal axis out of range");
      if (index < 0 || index >= shape[axis]) {
        throw py::index_error("slice: index " + std::to_string(index) + " outside the global grid (0.." +
                              std::to_string(shape[axis] - 1) + ")");
      }
      return h;
    });
    return slice_result(run_collective([&] { return reduce::slice_plane(comm, f.view, axis, index, root); }));
  }, py::arg("comm"), py::arg("field"), py::arg("lower"), py::arg("upper"), py::arg("shape"), py::arg("axis"),
     py::arg("index"), py::arg("root") = 0);

  m.def("slice_line", [](const Comm& comm, const py::object& field, const std::vector<std::int64_t>& lower,
                         const std::vector<std::int64_t>& upper, const std::vector<std::int64_t>& shape, int axis,
                         const std::vector<std::int64_t>& at, int root) {
    auto f = prepare_collectively(comm, [&] {
      auto h = field_view(field, lower, upper, shape, "lineout");
      if (axis < 0 || axis >= h.view.dims) throw py::value_error("lineout: axis out of range");
      if (at.size() != shape.size()) throw py::value_error("lineout: the point needs one index per axis");
      for (std::size_t k = 0; k < at.size(); ++k) {
        if (int(k) != axis && (at[k] < 0 || at[k] >= shape[k])) {
          throw py::index_error("lineout: index " + std::to_string(at[k]) + " outside the global grid along axis " +
                                std::to_string(k));
        }
      }
      return h;
    });
    std::array<std::int64_t, 3> point{0, 0, 0};
    for (std::size_t k = 0; k < at.size(); ++k) point[k] = at[k];
    return slice_result(run_collective([&] { return reduce::slice_line(comm, f.view, axis, point, root); }));
  }, py::arg("comm"), py::arg("field"), py::arg("lower"), py::arg("upper"), py::arg("shape"), py::arg("axis"),
     py::arg("at"), py::arg("root") = 0);

  m.def("project", [](const Comm& comm, const py::object& field, const std::vector<std::int64_t>& lower,
                      const std::vector<std::int64_t>& upper, const std::vector<std::int64_t>& shape, int axis,
                      const std::string& op, int root) {
    auto f = prepare_collectively(comm, [&] {
      auto h = field_view(field, lower, upper, shape, "project");
      if (axis < 0 || axis >= h.view.dims) throw py::value_error("project: axis out of range");
      if (op != "sum" && op != "max") throw py::value_error("project: op must be 'sum' or 'max'");
      return h;
    });
    const auto proj = op == "sum" ? reduce::Projection::sum : reduce::Projection::max;
    return slice_result(run_collective([&] { return reduce::project(comm, f.view, axis, proj, root); }));
  }, py::arg("comm"), py::arg("field"), py::arg("lower"), py::arg("upper"), py::arg("shape"), py::arg("axis"),
     py::arg("op") = "sum", py::arg("root") = 0);
}

}  // namespace pargist::pybind
