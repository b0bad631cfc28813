// pargist._core's Gist state API: libplot's gist.hpp, one function each.
// pargist/gist.py parses Gist's keywords into option dicts (see
// plot_convert.hpp); these functions fill the option structs and call
// libplot. They run on the drawing rank only (gist.py decides which).
#include "arrays.hpp"
#include "bindings.hpp"
#include "keywords.hpp"
#include "plot_convert.hpp"

#include <pybind11/stl.h>

#include <pargist/libplot/hardcopy.hpp>

#include <cstdint>
#include <vector>

namespace pargist::pybind {

namespace {

using plot::Grid;

py::array_t<double> as_numpy(const std::vector<double>& v) {
  return py::array_t<double>(static_cast<py::ssize_t>(v.size()), v.data());
}

// A colour as Python's _style.parse_color spells it: (kind, value).
py::tuple color_tuple(const plot::Color& c) {
  using K = plot::Color::Kind;
  if (c.kind == K::rgb) return py::make_tuple("rgb", py::make_tuple(c.rgb.r, c.rgb.g, c.rgb.b));
  if (c.kind == K::index) return py::make_tuple("index", static_cast<int>(c.index));
  return py::make_tuple("named", static_cast<int>(static_cast<std::int8_t>(c.index)));
}

// A description of one element, for plq-style inspection and the tests.
py::dict describe(const plot::Element& e) {
  py::dict d;
  std::visit([&](const auto& el) {
    using T = std::decay_t<decltype(el)>;
    d["legend"] = el.info.legend;
    d["hide"] = el.info.hide;
    if constexpr (std::is_same_v<T, plot::Lines>) {
      d["kind"] = "plg";
      d["x"] = as_numpy(el.x);
      d["y"] = as_numpy(el.y);
      d["type"] = static_cast<int>(el.line.type);
      d["marker"] = el.marker.marker;
      d["msize"] = el.marker.size;
      d["color"] = color_tuple(el.line.color);
      d["mcolor"] = color_tuple(el.marker.color);
      d["markers_at_points"] = el.markers_at_points;
    } else if constexpr (std::is_same_v<T, plot::Disjoint>) {
      d["kind"] = "pldj";
      d["x0"] = as_numpy(el.x0);
      d["y0"] = as_numpy(el.y0);
      d["x1"] = as_numpy(el.x1);
      d["y1"] = as_numpy(el.y1);
      d["color"] = color_tuple(el.line.color);
      d["width"] = el.line.width;
    } else if constexpr (std::is_same_v<T, plot::Text>) {
      d["kind"] = "plt";
      d["text"] = el.text;
      d["x"] = el.x;
      d["y"] = el.y;
      d["height"] = el.style.height;
      d["color"] = color_tuple(el.style.color);
    } else if constexpr (std::is_same_v<T, plot::Mesh>) {
      d["kind"] = "plm";
      d["ni"] = el.mesh.ni;
      d["nj"] = el.mesh.nj;
    } else if constexpr (std::is_same_v<T, plot::FillMesh>) {
      d["kind"] = "plf";
      d["ni"] = el.mesh.ni;
      d["nj"] = el.mesh.nj;
      d["z"] = as_numpy(el.z);
      d["x"] = as_numpy(el.mesh.x);
      d["y"] = as_numpy(el.mesh.y);
    } else if constexpr (std::is_same_v<T, plot::Contours>) {
      d["kind"] = "plc";
      d["levels"] = as_numpy(el.levels);
      d["z"] = as_numpy(el.z);
      d["ni"] = el.mesh.ni;
      d["nj"] = el.mesh.nj;
      d["x"] = as_numpy(el.mesh.x);
      d["y"] = as_numpy(el.mesh.y);
      d["ireg"] = py::array_t<int>(static_cast<py::ssize_t>(el.mesh.ireg.size()), el.mesh.ireg.data());
      d["color"] = color_tuple(el.line.color);
    } else if constexpr (std::is_same_v<T, plot::Cells>) {
      d["kind"] = "pli";
      d["nx"] = el.nx;
      d["ny"] = el.ny;
      d["box"] = py::make_tuple(el.x0, el.y0, el.x1, el.y1);
      d["z"] = as_numpy(el.z);
      d["cmin"] = el.has_cmin ? py::object(py::float_(el.cmin)) : py::object(py::none());
      d["cmax"] = el.has_cmax ? py::object(py::float_(el.cmax)) : py::object(py::none());
    } else if constexpr (std::is_same_v<T, plot::Polys>) {
      d["kind"] = "plfp";
      d["n"] = el.n;
    } else if constexpr (std::is_same_v<T, plot::Vectors>) {
      d["kind"] = "plv";
      d["x"] = as_numpy(el.x);
      d["y"] = as_numpy(el.y);
      d["vx"] = as_numpy(el.vx);
      d["vy"] = as_numpy(el.vy);
      d["scale"] = el.scale;
    } else if constexpr (std::is_same_v<T, plot::Scene3>) {
      d["kind"] = "pl3d";
      static const char* const objects[] = {"pl3surf", "pl3tree", "plwf", "gnomon"};
      d["object"] = objects[el.object.index()];
    }
  }, e);
  return d;
}

void add_plot_state(py::module_& m) {
  m.def("window", [](int n, const py::dict& o) {
    return plot::window(n, window_options(o));
  });
  m.def("current_window", &plot::current_window);
  m.def("winkill", &plot::winkill);
  m.def("fma", &plot::fma);
  m.def("redraw", &plot::redraw);
  m.def("animate", [](std::optional<bool> on) { return plot::animate(on); });
  m.def("plsys", [](std::optional<int> n) { return plot::plsys(n); });
  m.def("set_viewports", [](const std::vector<std::array<double, 4>>& boxes) {
    std::vector<plot::Box> v;
    for (auto& b : boxes) v.push_back({b[0], b[1], b[2], b[3]});
    plot::set_viewports(v);
  });
  m.def("limits_reset", [] { return limits_tuple(plot::limits()); });
  m.def("limits_set", [](py::object xmin, py::object xmax, py::object ymin, py::object ymax, const py::dict& o) {
    return limits_tuple(plot::limits(to_bound(xmin, "xmin"), to_bound(xmax, "xmax"), to_bound(ymin, "ymin"),
                                     to_bound(ymax, "ymax"), limits_options(o)));
  });
  m.def("limits_restore", [](py::object saved) { return limits_tuple(plot::limits(limits_from_tuple(saved))); });
  m.def("current_limits", [] { return limits_tuple(plot::current_limits()); });
  m.def("range", [](py::object ymin, py::object ymax) {
    return limits_tuple(plot::range(to_bound(ymin, "ymin"), to_bound(ymax, "ymax")));
  });
  m.def("logxy", [](std::optional<bool> x, std::optional<bool> y) { plot::logxy(x, y); });
  m.def("gridxy", [](std::optional<int> x, std::optional<int> y, const py::dict& o) {
    plot::gridxy(x, y, gridxy_options(o));
  });
  m.def("palette_name", [](const std::string& name) { plot::palette(name); });
  m.def("palette_rgb", [](py::object r, py::object g, py::object b) {
    plot::palette(to_bytes(r, "palette r"), to_bytes(g, "palette g"), to_bytes(b, "palette b"));
  });
  m.def("palette_size", [] { return plot::current_palette().colors.size(); });
  m.def("palette_colors", [] {
    py::list out;
    for (auto& c : plot::current_palette().colors) out.append(py::make_tuple(c.r, c.g, c.b));
    return out;
  });
  m.def("pldefault", [](const py::dict& o) { plot::pldefault(pldefault_options(o)); });
  m.def("reset_all", &plot::reset_all);
}

void add_primitives(py::module_& m) {
  m.def("plg", [](py::object y, py::object x, const py::dict& o) {
    plot::plg(to_doubles(y, "plg y"), x.is_none() ? std::vector<double>{} : to_doubles(x, "plg x"), plg_options(o));
  });
  m.def("pldj", [](py::object x0, py::object y0, py::object x1, py::object y1, const py::dict& o) {
    plot::pldj(to_doubles(x0, "pldj x0"), to_doubles(y0, "pldj y0"), to_doubles(x1, "pldj x1"),
               to_doubles(y1, "pldj y1"), pldj_options(o));
  });
  m.def("plm", [](py::object y, py::object x, const py::dict& o) {
    plot::plm(to_grid(y, "plm y"), to_grid(x, "plm x"), plm_options(o));
  });
  m.def("plc", [](py::object z, py::object y, py::object x, const py::dict& o) {
    return as_numpy(plot::plc(to_grid(z, "plc z"), to_grid(y, "plc y"), to_grid(x, "plc x"), plc_options(o)));
  });
  m.def("plf", [](py::object z, py::object y, py::object x, const py::dict& o) {
    plot::plf(to_grid(z, "plf z"), to_grid(y, "plf y"), to_grid(x, "plf x"), plf_options(o));
  });
  m.def("pli", [](py::object z, std::optional<double> x0, std::optional<double> y0, std::optional<double> x1,
                  std::optional<double> y1, const py::dict& o) {
    plot::pli(to_grid(z, "pli z"), x0, y0, x1, y1, pli_options(o));
  });
  m.def("pli_colors", [](py::object colors, std::size_t nx, std::size_t ny, int channels, double x0, double y0,
                         double x1, double y1, const py::dict& o) {
    plot::pli_colors(to_bytes(colors, "pli colours"), nx, ny, channels, x0, y0, x1, y1, pli_options(o));
  });
  m.def("plfp", [](py::object z, py::object y, py::object x, py::object n, const py::dict& o) {
    const plot::PlfpOptions p = plfp_options(o);
    std::vector<std::size_t> counts;
    for (int k : to_ints(n, "plfp n")) {
      if (k < 1) throw py::value_error("plfp: every polygon needs at least one vertex");
      counts.push_back(static_cast<std::size_t>(k));
    }
    if (py::isinstance<py::list>(z) && py::len(z) > 0 && py::isinstance<py::tuple>(z.cast<py::list>()[0])) {
      std::vector<plot::Color> colors;
      for (auto c : z) colors.push_back(to_color(c, "plfp colour"));
      plot::plfp_colors(std::move(colors), to_doubles(y, "plfp y"), to_doubles(x, "plfp x"), std::move(counts), p);
    } else {
      plot::plfp(to_doubles(z, "plfp z"), to_doubles(y, "plfp y"), to_doubles(x, "plfp x"), std::move(counts), p);
    }
  });
  m.def("plv", [](py::object vy, py::object vx, py::object y, py::object x, const py::dict& o) {
    plot::plv(to_doubles(vy, "plv vy"), to_doubles(vx, "plv vx"), to_doubles(y, "plv y"), to_doubles(x, "plv x"),
              plv_options(o));
  });
  m.def("plt", [](const std::string& text, double x, double y, const py::dict& o) {
    plot::plt(text, x, y, plt_options(o));
  });
  m.def("pltitle", &plot::pltitle);
  m.def("xytitles", &plot::xytitles);
  m.def("colorbar", [](double cmin, double cmax, const py::dict& o) {
    plot::colorbar(cmin, cmax, colorbar_options(o));
  });
  m.def("plq", [] {
    py::list out;
    for (auto& s : plot::plq()) {
      py::dict d;
      d["index"] = s.index;
      d["kind"] = s.kind;
      d["legend"] = s.legend;
      d["hide"] = s.hide;
      d["points"] = s.points;
      out.append(d);
    }
    return out;
  });
  m.def("plremove", [](std::optional<int> n) { plot::plremove(n); });
  m.def("frame_elements", [](std::optional<int> system) {
    const auto& f = plot::current_frame();
    const int s = system.value_or(plot::plsys());
    if (s < 0 || s >= static_cast<int>(f.systems.size())) throw py::index_error("frame_elements: no system " + std::to_string(s));
    py::list out;
    for (auto& e : f.systems[static_cast<std::size_t>(s)].elements) out.append(describe(e));
    return out;
  }, py::arg("system") = py::none());
  m.def("frame_info", [] {
    const auto& f = plot::current_frame();
    py::dict d;
    d["number"] = f.number;
    d["style"] = f.style;
    d["systems"] = f.systems.size();
    d["title"] = f.title;
    d["palette"] = f.palette.name;
    return d;
  });
}

void add_hardcopy(py::module_& m) {
  m.def("hcp_file", [](const std::string& name, std::optional<bool> dump, std::optional<bool> ps) {
    plot::HcpFileOptions o;
    o.dump = dump;
    o.ps = ps;
    plot::hcp_file(name, o);
  }, py::arg("name"), py::arg("dump") = py::none(), py::arg("ps") = py::none());
  m.def("hcp_name", [](std::optional<int> n) { return plot::hcp_name(n); }, py::arg("n") = py::none());
  m.def("hcp", &plot::hcp);
  m.def("hcpon", &plot::hcpon);
  m.def("hcpoff", &plot::hcpoff);
  m.def("hcp_finish", [](std::optional<int> n) { return plot::hcp_finish(n); }, py::arg("n") = py::none());
  m.def("png", [](const std::string& path, std::optional<double> dpi) { plot::png(path, dpi); },
        py::arg("path"), py::arg("dpi") = py::none());
  m.def("pdf", &plot::pdf);
  m.def("eps", &plot::eps);
  m.def("svg", &plot::svg);
  // The frame in progress as PNG bytes (Jupyter's _repr_png_; the whole
  // page with full_page, as hardcopy shows it): rendered and encoded in
  // memory, the same pixels png() writes, no temporary file.
  m.def("frame_png_bytes", [](double dpi, bool full_page) {
    plot::ImageOptions io;
    io.dpi = dpi;
    io.full_page = full_page;
    const std::vector<std::uint8_t> png =
        plot::encode_png(plot::render_image(plot::current_frame(), io), io.compression);
    return py::bytes(reinterpret_cast<const char*>(png.data()), png.size());
  }, py::arg("dpi") = 75.0, py::arg("full_page") = false);
}

}  // namespace

void bind_plot(py::module_& m) {
  add_plot_state(m);
  add_primitives(m);
  add_hardcopy(m);
}

}  // namespace pargist::pybind
