// pargist._core's pygist helpers for elements and styles: pledit, the
// properties plq prints, and get_style/set_style as pygist's nested
// dictionaries (Gist's style vocabulary, converted here once).
#include "bindings.hpp"
#include "arrays.hpp"
#include "keywords.hpp"
#include "plot_convert.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <pargist/libplot/contour.hpp>
#include <pargist/libplot/gist.hpp>
#include <pargist/libplot/style.hpp>
#include <pargist/reduce/polygons.hpp>

namespace pargist::pybind {

namespace {

// A colour as Gist's plq and get_style show it: the byte code (254 is fg), or (r, g, b).
py::object color_code(const plot::Color& c) {
  if (c.kind == plot::Color::Kind::rgb) return py::make_tuple(c.rgb.r, c.rgb.g, c.rgb.b);
  return py::int_(c.index);
}

void line_properties(py::dict& d, const plot::LineStyle& l) {
  d["color"] = color_code(l.color);
  d["type"] = static_cast<int>(l.type);
  d["width"] = l.width;
}

void mark_properties(py::dict& d, bool marks, const plot::MarkerStyle& m, double mspace, double mphase) {
  d["marks"] = marks;
  d["mcolor"] = color_code(m.color);
  d["marker"] = m.marker;
  d["msize"] = m.size;
  d["mspace"] = mspace;
  d["mphase"] = mphase;
}

// Everything plq(n) prints about an element, by Gist's keyword names.
py::dict properties(const plot::Element& e) {
  py::dict d;
  d["kind"] = plot::element_kind(e);
  const auto& info = plot::element_info(e);
  d["legend"] = info.legend;
  d["hide"] = info.hide;
  std::visit([&](const auto& el) {
    using T = std::decay_t<decltype(el)>;
    if constexpr (std::is_same_v<T, plot::Lines>) {
      line_properties(d, el.line);
      mark_properties(d, el.marks, el.marker, el.mspace, el.mphase);
      d["rays"] = el.rays;
      d["arrowl"] = el.arrowl;
      d["arroww"] = el.arroww;
      d["rspace"] = el.rspace;
      d["rphase"] = el.rphase;
      d["smooth"] = el.smooth;
      d["closed"] = el.closed;
      d["n"] = el.x.size();
    } else if constexpr (std::is_same_v<T, plot::Disjoint>) {
      line_properties(d, el.line);
      d["n"] = el.x0.size();
    } else if constexpr (std::is_same_v<T, plot::Text>) {
      d["color"] = color_code(el.style.color);
      d["text"] = el.text;
      d["font"] = el.style.font;
      d["height"] = el.style.height;
      d["x"] = el.x;
      d["y"] = el.y;
    } else if constexpr (std::is_same_v<T, plot::Mesh>) {
      line_properties(d, el.line);
      d["region"] = el.region;
      d["boundary"] = el.boundary;
      d["inhibit"] = el.inhibit;
    } else if constexpr (std::is_same_v<T, plot::FillMesh>) {
      d["edges"] = el.edges;
      d["ecolor"] = color_code(el.edge_style.color);
      d["ewidth"] = el.edge_style.width;
      d["region"] = el.region;
    } else if constexpr (std::is_same_v<T, plot::Contours>) {
      line_properties(d, el.line);
      mark_properties(d, el.marks, el.marker, el.mspace, el.mphase);
      d["smooth"] = el.smooth;
      d["region"] = el.region;
      d["levs"] = el.levels;
    } else if constexpr (std::is_same_v<T, plot::Cells>) {
      d["x0"] = el.x0;
      d["y0"] = el.y0;
      d["x1"] = el.x1;
      d["y1"] = el.y1;
    } else if constexpr (std::is_same_v<T, plot::Polys>) {
      d["n"] = el.n.size();
      d["edges"] = el.edges;
    } else if constexpr (std::is_same_v<T, plot::Vectors>) {
      line_properties(d, el.line);
      d["hollow"] = el.hollow;
      d["aspect"] = el.aspect;
      d["region"] = el.region;
      d["scale"] = el.scale;
    }
  }, e);
  return d;
}

// --- pygist's style dictionaries

const char* const kAlignH[] = {"normal", "left", "center", "right"};
const char* const kAlignV[] = {"normal", "top", "cap", "half", "base", "bottom"};
const char* const kOrient[] = {"right", "up", "left", "down"};

// Gist's name of a line type (vocabulary.hpp), as pygist's style dictionaries have it.
const char* line_type_name(plot::LineType t) {
  for (const auto& e : plot::line_type_names())
    if (e.code == int(t)) return e.name;
  return "solid";
}

template <std::size_t N>
int index_of(const char* const (&names)[N], py::handle v, const char* what) {
  if (py::isinstance<py::int_>(v)) {
    const int k = v.cast<int>();
    if (k >= 0 && k < int(N)) return k;
  } else {
    const std::string s = py::str(v);
    for (std::size_t k = 0; k < N; ++k)
      if (s == names[k]) return int(k);
  }
  throw py::value_error(std::string("set_style: bad ") + what + " " + std::string(py::str(v)));
}

plot::Color from_gist_color(py::handle v) {
  if (py::isinstance<py::tuple>(v)) {
    auto t = v.cast<std::tuple<int, int, int>>();
    return plot::Color::from_rgb(std::uint8_t(std::get<0>(t)), std::uint8_t(std::get<1>(t)), std::uint8_t(std::get<2>(t)));
  }
  int code = v.cast<int>();
  return plot::Color::from_code(code);
}

py::dict text_dict(const plot::TextStyle& t) {
  py::dict d;
  d["font"] = t.font;
  d["height"] = t.height * 0.0013;  // NDC, as Gist
  d["orient"] = kOrient[int(std::lround(t.angle / 90.0)) & 3];
  d["alignH"] = kAlignH[int(t.halign)];
  d["alignV"] = kAlignV[int(t.valign)];
  d["color"] = color_code(t.color);
  return d;
}
void text_from(plot::TextStyle& t, const py::dict& d) {
  if (d.contains("font")) t.font = d["font"].cast<int>();
  if (d.contains("height")) t.height = d["height"].cast<double>() / 0.0013;
  if (d.contains("orient")) t.angle = 90.0 * index_of(kOrient, d["orient"], "orient");
  if (d.contains("alignH")) t.halign = plot::HAlign(index_of(kAlignH, d["alignH"], "alignH"));
  if (d.contains("alignV")) t.valign = plot::VAlign(index_of(kAlignV, d["alignV"], "alignV"));
  if (d.contains("color")) t.color = from_gist_color(d["color"]);
}

py::dict line_dict(const plot::LineStyle& l) {
  py::dict d;
  d["width"] = l.width;
  d["type"] = line_type_name(l.type);
  d["color"] = color_code(l.color);
  return d;
}
void line_from(plot::LineStyle& l, const py::dict& d) {
  if (d.contains("width")) l.width = d["width"].cast<double>();
  if (d.contains("type")) l.type = to_line_type(d["type"], "set_style: line type");
  if (d.contains("color")) l.color = from_gist_color(d["color"]);
}

// The plain fields of pygist's style dictionaries: f(key, member) for each,
// so that reading (get_style) and writing (set_style) name them once.
template <class B, class F>
void legend_fields(B& b, F&& f) {
  f("x", b.x);
  f("y", b.y);
  f("dx", b.dx);
  f("dy", b.dy);
  f("nchars", b.nchars);
  f("nlines", b.nlines);
  f("nwrap", b.nwrap);
}
template <class A, class F>
void axis_fields(A& a, F&& f) {
  f("nMajor", a.n_major);
  f("nMinor", a.n_minor);
  f("logAdjMajor", a.log_adj_major);
  f("logAdjMinor", a.log_adj_minor);
  f("nDigits", a.n_digits);
  f("gridLevel", a.grid_level);
  f("flags", a.flags);
  f("tickOff", a.tick_off);
  f("labelOff", a.label_off);
  f("xOver", a.x_over);
  f("yOver", a.y_over);
}
// The visitors: into a dict, and from the keys a dict has.
auto put_into(py::dict& d) {
  return [&d](const char* key, const auto& member) { d[key] = member; };
}
auto take_from(const py::dict& d) {
  return [&d](const char* key, auto& member) {
    if (d.contains(key)) member = d[key].cast<std::decay_t<decltype(member)>>();
  };
}

py::dict legend_dict(const plot::LegendBox& b) {
  py::dict d;
  legend_fields(b, put_into(d));
  d["textStyle"] = text_dict(b.text_style);
  return d;
}
void legend_from(plot::LegendBox& b, const py::dict& d) {
  legend_fields(b, take_from(d));
  if (d.contains("textStyle")) text_from(b.text_style, d["textStyle"].cast<py::dict>());
}

py::dict axis_dict(const plot::AxisStyle& a) {
  py::dict d;
  axis_fields(a, put_into(d));
  d["tickStyle"] = line_dict(a.tick_style);
  d["gridStyle"] = line_dict(a.grid_style);
  d["textStyle"] = text_dict(a.text_style);
  d["tickLen"] = py::array_t<double>(5, a.tick_len);
  return d;
}
void axis_from(plot::AxisStyle& a, const py::dict& d) {
  axis_fields(a, take_from(d));
  a.flags &= 0x1ff;  // the tick flags only
  if (d.contains("tickStyle")) line_from(a.tick_style, d["tickStyle"].cast<py::dict>());
  if (d.contains("gridStyle")) line_from(a.grid_style, d["gridStyle"].cast<py::dict>());
  if (d.contains("textStyle")) text_from(a.text_style, d["textStyle"].cast<py::dict>());
  if (d.contains("tickLen")) {
    auto len = d["tickLen"].cast<std::vector<double>>();
    if (len.size() != 5) throw py::value_error("set_style: tickLen needs 5 values");
    for (int k = 0; k < 5; ++k) a.tick_len[k] = len[std::size_t(k)];
  }
}

py::dict style_dict(const plot::StyleSheet& s) {
  py::list systems;
  for (const auto& sys : s.systems) {
    py::dict ticks;
    ticks["frame"] = int(sys.ticks.frame);
    ticks["frameStyle"] = line_dict(sys.ticks.frame_style);
    ticks["horizontal"] = axis_dict(sys.ticks.horiz);
    ticks["vertical"] = axis_dict(sys.ticks.vert);
    py::dict d;
    const double vp[4] = {sys.viewport.xmin, sys.viewport.xmax, sys.viewport.ymin, sys.viewport.ymax};
    d["viewport"] = py::array_t<double>(4, vp);
    d["legend"] = sys.legend;
    d["ticks"] = ticks;
    systems.append(d);
  }
  py::dict out;
  out["landscape"] = int(s.landscape);
  out["legend"] = legend_dict(s.legends);
  out["contourlegend"] = legend_dict(s.contour_legends);
  out["systems"] = systems;
  return out;
}

plot::StyleSheet style_from(const py::dict& d) {
  for (const char* key : {"landscape", "systems", "legend", "contourlegend"})
    if (!d.contains(key)) throw py::key_error(std::string("set_style: key ") + key + " not found in dictionary");
  plot::StyleSheet s = plot::get_style();
  s.landscape = d["landscape"].cast<int>() != 0;
  legend_from(s.legends, d["legend"].cast<py::dict>());
  legend_from(s.contour_legends, d["contourlegend"].cast<py::dict>());
  std::vector<plot::CoordSystem> systems;
  for (auto item : d["systems"].cast<py::list>()) {
    const py::dict sd = item.cast<py::dict>();
    plot::CoordSystem sys = s.systems.size() > systems.size() ? s.systems[systems.size()] : plot::CoordSystem{};
    if (sd.contains("legend")) sys.legend = py::str(sd["legend"]);
    if (sd.contains("viewport")) {
      auto vp = sd["viewport"].cast<std::vector<double>>();
      if (vp.size() != 4) throw py::value_error("set_style: a viewport has 4 values");
      sys.viewport = {vp[0], vp[1], vp[2], vp[3]};
    }
    if (sd.contains("ticks")) {
      const py::dict t = sd["ticks"].cast<py::dict>();
      if (t.contains("frame")) sys.ticks.frame = t["frame"].cast<int>() != 0;
      if (t.contains("frameStyle")) line_from(sys.ticks.frame_style, t["frameStyle"].cast<py::dict>());
      if (t.contains("horizontal")) axis_from(sys.ticks.horiz, t["horizontal"].cast<py::dict>());
      if (t.contains("vertical")) axis_from(sys.ticks.vert, t["vertical"].cast<py::dict>());
    }
    systems.push_back(std::move(sys));
  }
  s.systems = std::move(systems);
  return s;
}


}  // namespace

void bind_gist_edit(py::module_& m) {
  m.def("pledit", [](std::optional<int> n, const py::dict& o) { return plot::pledit(n, pledit_options(o)); });
  m.def("current_element", &plot::current_element);
  m.def("select_element", &plot::select_element);
  m.def("element_properties", [](int n) {
    const plot::Frame& f = plot::current_frame();
    const int s = plot::plsys();
    const auto& elements = f.systems[std::size_t(s)].elements;
    if (n < 1 || n > int(elements.size())) return py::object(py::none());
    return py::object(properties(elements[std::size_t(n - 1)]));
  });
  // pygist's contour(level(s), z, y, x, ireg, region): the curves at one
  // level, or the polygons between two; (nc, yc, xc), or Nones.
  m.def("contour", [](const std::vector<double>& levels, py::object z, py::object y, py::object x, py::object ireg,
                      int region) -> py::tuple {
    const plot::Grid gz = to_grid(z, "contour z"), gy = to_grid(y, "contour y"), gx = to_grid(x, "contour x");
    if (gz.ni != gx.ni || gz.nj != gx.nj || gy.ni != gx.ni || gy.nj != gx.nj)
      throw py::value_error("contour: z, y and x must have the same shape");
    plot::QuadMesh mesh;
    mesh.ni = gx.ni;
    mesh.nj = gx.nj;
    mesh.x = gx.v;
    mesh.y = gy.v;
    if (!ireg.is_none()) mesh.ireg = to_ints(ireg, "contour ireg");
    if (!mesh.ireg.empty() && mesh.ireg.size() != mesh.x.size())
      throw py::value_error("contour: ireg must have the shape of the mesh");
    std::vector<plot::ContourLine> lines;
    if (levels.size() == 1) {
      lines = plot::contour_lines(mesh, gz.v, levels[0], region);
      for (auto& l : lines)
        if (l.closed && !l.x.empty()) l.x.push_back(l.x.front()), l.y.push_back(l.y.front());
    } else if (levels.size() == 2) {
      lines = plot::contour_bands(mesh, gz.v, levels[0], levels[1], region);
    } else {
      throw py::value_error("contour: level must be one value or a pair [z0, z1]");
    }
    if (lines.empty()) return py::make_tuple(py::none(), py::none(), py::none());
    std::vector<int> nc;
    std::vector<double> xc, yc;
    for (const auto& l : lines) {
      nc.push_back(int(l.x.size()));
      xc.insert(xc.end(), l.x.begin(), l.x.end());
      yc.insert(yc.end(), l.y.begin(), l.y.end());
    }
    return py::make_tuple(py::array_t<int>(py::ssize_t(nc.size()), nc.data()),
                          py::array_t<double>(py::ssize_t(yc.size()), yc.data()),
                          py::array_t<double>(py::ssize_t(xc.size()), xc.data()));
  });
  // gistC's slice2: a polygon list cut by a plane [nx, ny, nz, d] (or by a
  // level of its vertex values); (nverts, xyz, values) of the kept side,
  // and of the other side too when both.
  m.def("slice2", [](const std::vector<double>& plane, py::object nverts, py::object xyz, py::object values,
                     double precision, bool both) {
    reduce::Polygons3 in;
    for (int k : to_ints(nverts, "slice2 nverts")) in.nverts.push_back(k);
    in.xyz = to_doubles(xyz, "slice2 xyzverts");
    if (!values.is_none()) in.values = to_doubles(values, "slice2 values");
    in.check("slice2");
    reduce::Cut2 cut;
    if (plane.size() == 4) {
      cut.normal = {plane[0], plane[1], plane[2]};
      cut.d = plane[3];
    } else if (plane.size() == 1) {
      cut.by_level = true;
      cut.d = plane[0];
    } else {
      throw py::value_error("slice2: plane must be [nx, ny, nz, d] or a value level");
    }
    reduce::Polygons3 back;
    const reduce::Polygons3 front = reduce::slice2(in, cut, precision, both ? &back : nullptr);
    auto pack = [](const reduce::Polygons3& p) {
      if (p.empty()) return py::make_tuple(py::none(), py::none(), py::none());
      py::array_t<std::int32_t> nv(py::ssize_t(p.nverts.size()), p.nverts.data());
      py::array_t<double> xyz({py::ssize_t(p.xyz.size() / 3), py::ssize_t(3)}, p.xyz.data());
      py::object vals = py::none();
      if (!p.values.empty()) vals = py::array_t<double>(py::ssize_t(p.values.size()), p.values.data());
      return py::make_tuple(nv, xyz, vals);
    };
    return py::make_tuple(pack(front), pack(back));
  });
  m.def("get_style", [] { return style_dict(plot::get_style()); });
  m.def("set_style", [](const py::dict& d) { return plot::set_style(style_from(d)); });
  m.def("viewport", [] {
    const plot::Frame& f = plot::current_frame();
    int s = plot::plsys();
    if (s == 0 && f.systems.size() > 1) s = 1;
    const plot::Box& b = f.systems[std::size_t(s)].viewport;
    return py::make_tuple(b.xmin, b.xmax, b.ymin, b.ymax);
  });
}

}  // namespace pargist::pybind
