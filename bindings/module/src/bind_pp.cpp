// pargist._core.ppgeneric: the collective particle plot (pargist/pp/pp.hpp);
// pargist/pp.py turns Warp's keywords into the options dict read here
// through its keyword table (keywords.cpp).
// pargist._core.draw_grid: the grid-plot recipe (grid_plot.hpp) that the
// field slices (pargist/fields.py) share with ppgeneric's densities.
#include "arrays.hpp"
#include "bindings.hpp"
#include "collective.hpp"
#include "keywords.hpp"
#include "selection_args.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <pargist/libplot/gist.hpp>
#include <pargist/pp/grid_plot.hpp>
#include <pargist/pp/pp.hpp>

namespace pargist::pybind {

namespace {

struct PreparedPlot {
  HeldView x, y;
  std::optional<HeldView> weights, zz;
  HeldSelection selection;
  plot::pp::Particles particles;
  plot::pp::PlotOptions options;
};

py::dict result_dict(const plot::pp::PlotResult& r) {
  py::dict d;
  d["drawn"] = r.drawn;
  d["selected"] = r.selected;
  d["points"] = r.points;
  d["view"] = py::make_tuple(r.view[0], r.view[1], r.view[2], r.view[3]);
  d["nx"] = r.nx;
  d["ny"] = r.ny;
  d["cmin"] = r.cmin;
  d["cmax"] = r.cmax;
  d["bytes_to_root"] = r.bytes_to_root;
  return d;
}

}  // namespace

void bind_pp(py::module_& m) {
  m.def("ppgeneric", [](const reduce::Comm& comm, py::object x, py::object y, py::object weights, py::object zz,
                        py::object select, const py::dict& options, const std::string& func) {
    auto prepared = prepare_collectively(comm, [&] {
      auto p = std::make_shared<PreparedPlot>();
      p->x = float_view(x, func + ": x");
      p->y = float_view(y, func + ": y");
      const std::size_t n = p->x.view.size;
      if (p->y.view.size != n) {
        throw py::value_error(func + ": the vertical quantity has " + std::to_string(p->y.view.size) +
                              " elements but the horizontal one has " + std::to_string(n));
      }
      if (!weights.is_none()) {
        p->weights = float_view(weights, func + ": weights");
        if (p->weights->view.size != n) throw py::value_error(func + ": weights has a different length from the particles");
        p->particles.weights = p->weights->view;
      }
      if (!zz.is_none()) {
        p->zz = float_view(zz, func + ": zz");
        if (p->zz->view.size != n) throw py::value_error(func + ": zz has a different length from the particles");
        p->particles.zz = p->zz->view;
      }
      p->selection = make_selection(select, n, func);
      p->particles.x = p->x.view;
      p->particles.y = p->y.view;
      p->particles.selection = p->selection.selection;
      p->options = ppgeneric_options(options);
      return p;
    });
    auto result = run_collective([&] { return plot::pp::ppgeneric(comm, prepared->particles, prepared->options); });
    return result_dict(result);
  }, py::arg("comm"), py::arg("x"), py::arg("y"), py::arg("weights") = py::none(), py::arg("zz") = py::none(),
     py::arg("select") = py::none(), py::arg("options") = py::dict(), py::arg("func") = "ppgeneric");

  // What ppgeneric draws on root after a density's cells (pp.hpp): made by
  // pargist/_ppdecor.py once per plot shape and window, drawn by
  // node_density_cellarray in the broadcast that ends it.
  using Decoration = plot::pp::WarpDecoration;
  py::class_<Decoration, std::shared_ptr<Decoration>>(m, "WarpDecoration")
      .def(py::init([](py::object colorbar, bool unitless, std::optional<int> view, const py::list& titles,
                       std::optional<std::array<double, 4>> frame_limits) {
             auto d = std::make_shared<Decoration>();
             if (!colorbar.is_none()) {
               auto [place, fontsize, ncolor, top, prefix] =
                   colorbar.cast<std::tuple<std::array<double, 4>, double, int, int, std::string>>();
               plot::pp::WarpColorbarOptions bar;
               bar.place = place, bar.fontsize = fontsize, bar.ncolor = ncolor, bar.top = top;
               bar.label_prefix = prefix;
               d->colorbar = bar;
             }
             d->unitless = unitless, d->view = view, d->frame_limits = frame_limits;
             for (auto t : titles) {
               auto [text, x, y, options] = t.cast<std::tuple<std::string, double, double, py::dict>>();
               d->titles.push_back({text, x, y, plt_options(options)});
             }
             return d;
           }),
           py::arg("colorbar"), py::arg("unitless"), py::arg("view"), py::arg("titles"), py::arg("frame_limits"),
           "colorbar: None or (place, fontsize, ncolor, top, label_prefix); titles: [(text, x, y, plt "
           "keywords)]; frame_limits: None or 4 sides (NaN: extreme).");

  // Warp's density cell array in one call (pp.hpp's node_density_cellarray):
  // pargist/_ppgeneric.py parses the keywords, this deposits, reduces and
  // draws the cells and the decoration. Its first collective agrees at once
  // on the local checks (the arrays; root's decoration, made here by
  // calling `decoration` when it is callable) and on options_hash, the
  // options that decide the collectives (mismatch: the error when they
  // differ between ranks; None: return None then, before any data moves):
  // the agreement Comm.same_everywhere makes.
  m.def("node_density_cellarray", [](const reduce::Comm& comm, py::object x, py::object y, py::object weights,
                                     py::object select, std::size_t nx, std::size_t ny, const std::string& method,
                                     const std::array<double, 4>& frame_limits,
                                     const std::array<double, 4>& grid_sides, const std::string& centering,
                                     std::optional<double> cmin, std::optional<double> cmax, int ctop,
                                     std::int64_t options_hash, const std::optional<std::string>& mismatch,
                                     py::object decoration) -> py::object {
    using Options = plot::pp::NodeDensityOptions;
    std::shared_ptr<PreparedPlot> prepared;
    std::shared_ptr<Decoration> drawn_after;
    std::optional<reduce::ErrorReport> failure;
    try {
      auto p = std::make_shared<PreparedPlot>();
      p->x = float_view(x, "ppgeneric: x");
      p->y = float_view(y, "ppgeneric: y");
      const std::size_t n = p->x.view.size;
      if (p->y.view.size != n) throw py::value_error("ppgeneric: x and y have different lengths");
      if (!weights.is_none()) {
        p->weights = float_view(weights, "ppgeneric: weights");
        if (p->weights->view.size != n) throw py::value_error("ppgeneric: weights has a different length from the particles");
        p->particles.weights = p->weights->view;
      }
      p->selection = make_selection(select, n, "ppgeneric");
      p->particles.x = p->x.view;
      p->particles.y = p->y.view;
      p->particles.selection = p->selection.selection;
      prepared = p;
      if (comm.rank() == 0 && !decoration.is_none()) {
        py::object d = py::isinstance<Decoration>(decoration) ? decoration : decoration();
        if (!d.is_none()) drawn_after = d.cast<std::shared_ptr<Decoration>>();
      }
    } catch (...) {
      failure = describe_current_exception();
    }
    if (!agree_same_or_raise(comm, options_hash, failure)) {
      if (!mismatch) return py::none();  // a kept plan's call: its caller falls back (pargist/_ppplan.py)
      throw py::value_error(*mismatch);
    }
    Options o;
    o.nx = nx, o.ny = ny;
    o.method = method == "ngp" ? reduce::Method::ngp : reduce::Method::cic;
    o.frame_limits = frame_limits, o.grid_sides = grid_sides;
    o.centering = centering == "node" ? Options::Centering::node
                  : centering == "cell" ? Options::Centering::cell : Options::Centering::old;
    o.cmin = cmin, o.cmax = cmax, o.ctop = ctop;
    o.decoration = drawn_after.get();
    auto r = run_collective([&] { return plot::pp::node_density_cellarray(comm, prepared->particles, o); });
    return py::make_tuple(r.selected, py::make_tuple(r.extent[0], r.extent[1], r.extent[2], r.extent[3]), r.cmin,
                          r.cmax);
  }, py::arg("comm"), py::arg("x"), py::arg("y"), py::arg("weights"), py::arg("select"), py::arg("nx"),
     py::arg("ny"), py::arg("method"), py::arg("frame_limits"), py::arg("grid_sides"), py::arg("centering"),
     py::arg("cmin"), py::arg("cmax"), py::arg("ctop"), py::arg("options_hash") = 0, py::arg("mismatch") = "",
     py::arg("decoration") = py::none(),
     "Warp's density cell array (collective): (selected, extent, cmin, cmax), or None when mismatch is None "
     "and the ranks passed different options_hash.");

  m.def("warp_colorbar", [](double zmin, double zmax, const std::array<double, 4>& place, double fontsize,
                            int ncolor, int top, const std::string& label_prefix) {
    plot::pp::WarpColorbarOptions o;
    o.place = place, o.fontsize = fontsize, o.ncolor = ncolor, o.top = top, o.label_prefix = label_prefix;
    plot::pp::warp_colorbar(zmin, zmax, o);
  }, py::arg("zmin"), py::arg("zmax"), py::arg("place"), py::arg("fontsize"), py::arg("ncolor"), py::arg("top"),
     py::arg("label_prefix"), "Warp's colour bar of ncolor bands with round labels, in the current system.");

  m.def("draw_grid", [](py::array_t<double, py::array::c_style | py::array::forcecast> z,
                        const std::array<double, 4>& extent, int contours, bool filled, bool cellarray,
                        std::optional<double> cmin, std::optional<double> cmax, bool colorbar) {
    if (z.ndim() != 2) throw py::value_error("draw_grid: z must be 2-D (ny, nx)");
    const auto ny = static_cast<std::size_t>(z.shape(0)), nx = static_cast<std::size_t>(z.shape(1));
    plot::pp::GridPlotOptions o;
    o.contours = contours, o.filled = filled, o.cellarray = cellarray;
    o.cmin = cmin, o.cmax = cmax, o.colorbar = colorbar;
    const auto scale = plot::pp::draw_grid(std::vector<double>(z.data(), z.data() + nx * ny), nx, ny, extent, o);
    return py::make_tuple(scale[0], scale[1]);
  }, py::arg("z"), py::arg("extent"), py::arg("contours") = 0, py::arg("filled") = false,
     py::arg("cellarray") = false, py::arg("cmin") = py::none(), py::arg("cmax") = py::none(),
     py::arg("colorbar") = true,
     "The grid-plot recipe: z[iy, ix] over extent (xmin, xmax, ymin, ymax) in the current system, "
     "as a cell array or contours; returns the colour scale (cmin, cmax).");

  // Where Warp's titles and colour bars go: the viewport of system n of the
  // current window (NDC xmin, xmax, ymin, ymax).
  m.def("system_viewport", [](int n) {
    const auto& f = plot::current_frame();
    if (n < 0 || n >= static_cast<int>(f.systems.size()))
      throw py::index_error("system_viewport: no system " + std::to_string(n));
    const auto& v = f.systems[static_cast<std::size_t>(n)].viewport;
    return py::make_tuple(v.xmin, v.xmax, v.ymin, v.ymax);
  }, py::arg("n"));
}

}  // namespace pargist::pybind
