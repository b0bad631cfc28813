// The keyword tables (see keywords.hpp). One entry per keyword: its name and
// how its value is stored, checked by Gist's vocabulary, into the options.
#include "keywords.hpp"

#include "arrays.hpp"
#include "plot_convert.hpp"

#include <pybind11/stl.h>

#include <pargist/libplot/vocabulary.hpp>

#include <array>
#include <cmath>
#include <functional>
#include <map>

namespace pargist::pybind {

namespace {

// One keyword's value, with what a bad one is called in the error.
class Value {
 public:
  Value(py::handle value, const std::string& name) : v_(value), name_(name) {}
  plot::Color color() const { return to_color(v_, name_); }
  plot::LineType line_type() const { return to_line_type(v_, name_); }
  int marker() const { return to_marker(v_, name_); }
  int font() const { return to_font(v_, name_); }
  std::string justify() const { return to_justify(v_, name_); }
  double positive() const { return to_positive(v_, name_); }
  double non_negative() const { return to_non_negative(v_, name_); }
  double number() const { return to_number(v_, name_); }
  bool flag() const { return to_flag(v_, name_); }
  int integer() const { return to_int(v_, name_); }
  std::string text() const { return py::str(v_); }
  std::vector<double> numbers() const { return to_doubles(v_, name_); }
  std::vector<int> integers() const { return to_ints(v_, name_); }
  // Contour levels: finite numbers.
  std::vector<double> levels() const {
    auto v = numbers();
    for (double x : v)
      if (!std::isfinite(x)) throw py::value_error(name_ + ": contour levels must be finite");
    return v;
  }
  // Gist's orient: 0..3 quarter turns, as degrees.
  double quarter_turns() const {
    const int k = integer();
    if (k < 0 || k > 3) throw py::value_error(name_ + ": must be 0, 1, 2 or 3, got " + std::to_string(k));
    return 90.0 * k;
  }
  // Gist's smooth: 0 (none) .. 4, or a flag.
  int smoothing() const {
    const int k = PyBool_Check(v_.ptr()) ? int(v_.ptr() == Py_True) : integer();
    if (k < 0 || k > 4) throw py::value_error(name_ + ": must be 0..4, got " + std::to_string(k));
    return k;
  }
  const py::handle& raw() const { return v_; }
  std::uint64_t count() const {
    const long long n = to_integer(v_, name_);
    if (n < 0) throw py::value_error(name_ + ": must be >= 0, got " + std::to_string(n));
    return static_cast<std::uint64_t>(n);
  }
  std::array<double, 4> box() const {
    const auto v = numbers();
    if (v.size() != 4) throw py::value_error(name_ + ": expected (xmin, xmax, ymin, ymax)");
    return {v[0], v[1], v[2], v[3]};
  }

 private:
  py::handle v_;
  const std::string& name_;
};

template <class O>
struct Entry {
  const char* name;
  std::function<void(O&, const Value&)> store;
};

template <class O>
class KeywordTable {
 public:
  KeywordTable(std::string func, std::vector<std::vector<Entry<O>>> groups) : func_(std::move(func)) {
    for (auto& g : groups)
      for (auto& e : g) entries_.push_back(std::move(e));
  }

  // Values of None count as absent, as in Gist.
  O read(const py::dict& kw) const {
    O o{};
    for (auto item : kw) {
      const std::string key = py::str(item.first);
      const Entry<O>* e = find(key);
      if (!e) throw py::type_error(func_ + "() got an unexpected keyword argument '" + key + "'");
      if (!item.second.is_none()) e->store(o, Value(item.second, key));
    }
    return o;
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : entries_) out.emplace_back(e.name);
    return out;
  }
  const std::string& func() const { return func_; }

 private:
  const Entry<O>* find(const std::string& key) const {
    for (const auto& e : entries_)
      if (key == e.name) return &e;
    return nullptr;
  }
  std::string func_;
  std::vector<Entry<O>> entries_;
};

// ------------------------------------------------ groups shared by tables
// The keyword lists are pygist 2.2's (gistCmodule.c), one per function;
// their values are checked as Gist checks them.

template <class O>  // legend= and hide= of every element
std::vector<Entry<O>> element_keywords() {
  return {
      {"legend", [](O& o, const Value& v) { o.legend = v.text(); }},
      {"hide", [](O& o, const Value& v) { o.hide = v.flag(); }},
  };
}

template <class O>  // a line's colour, type and width
std::vector<Entry<O>> line_keywords() {
  return {
      {"color", [](O& o, const Value& v) { o.color = v.color(); }},
      {"type", [](O& o, const Value& v) { o.type = v.line_type(); }},
      {"width", [](O& o, const Value& v) { o.width = v.non_negative(); }},
  };
}

template <class O>  // the marks along a curve (plg, plc, pldefault, pledit)
std::vector<Entry<O>> mark_keywords() {
  return {
      {"marks", [](O& o, const Value& v) { o.marks = v.flag(); }},
      {"mcolor", [](O& o, const Value& v) { o.mcolor = v.color(); }},
      {"marker", [](O& o, const Value& v) { o.marker = v.marker(); }},
      {"msize", [](O& o, const Value& v) { o.msize = v.positive(); }},
      {"mspace", [](O& o, const Value& v) { o.mspace = v.positive(); }},
      {"mphase", [](O& o, const Value& v) { o.mphase = v.non_negative(); }},
  };
}

template <class O>  // the ray arrows along a curve (plg, pldefault, pledit)
std::vector<Entry<O>> ray_keywords() {
  return {
      {"rays", [](O& o, const Value& v) { o.rays = v.flag(); }},
      {"arrowl", [](O& o, const Value& v) { o.arrowl = v.non_negative(); }},
      {"arroww", [](O& o, const Value& v) { o.arroww = v.non_negative(); }},
      {"rspace", [](O& o, const Value& v) { o.rspace = v.positive(); }},
      {"rphase", [](O& o, const Value& v) { o.rphase = v.non_negative(); }},
  };
}

// pldefault's and pledit's line, marks and rays: one reader of LineStyleUpdate.
std::vector<Entry<plot::LineStyleUpdate>> line_style_update_keywords() {
  using L = plot::LineStyleUpdate;
  auto e = line_keywords<L>();
  const auto marks = mark_keywords<L>();
  const auto rays = ray_keywords<L>();
  e.insert(e.end(), marks.begin(), marks.end());
  e.insert(e.end(), rays.begin(), rays.end());
  return e;
}

// Entries of a member struct's table, storing into that member of O.
template <class O, class M>
std::vector<Entry<O>> in_member(M O::*member, std::vector<Entry<M>> entries) {
  std::vector<Entry<O>> out;
  for (auto& e : entries) {
    out.push_back({e.name, [member, store = std::move(e.store)](O& o, const Value& v) { store(o.*member, v); }});
  }
  return out;
}

template <class O>  // plot::ColorScaleOptions
std::vector<Entry<O>> scale_keywords() {
  return {
      {"top", [](O& o, const Value& v) { o.top = v.integer(); }},
      {"cmin", [](O& o, const Value& v) { o.cmin = v.number(); }},
      {"cmax", [](O& o, const Value& v) { o.cmax = v.number(); }},
  };
}

template <class O>  // edges of filled elements
std::vector<Entry<O>> edge_keywords() {
  return {
      {"edges", [](O& o, const Value& v) { o.edges = v.flag(); }},
      {"ecolor", [](O& o, const Value& v) { o.ecolor = v.color(); }},
      {"ewidth", [](O& o, const Value& v) { o.ewidth = v.non_negative(); }},
  };
}

template <class O>  // text: plt, pldefault, pledit
std::vector<Entry<O>> text_keywords() {
  return {
      {"font", [](O& o, const Value& v) { o.font = v.font(); }},
      {"height", [](O& o, const Value& v) { o.height = v.positive(); }},
      {"orient", [](O& o, const Value& v) { o.angle = v.quarter_turns(); }},
      {"justify", [](O& o, const Value& v) { o.justify = v.justify(); }},
      {"opaque", [](O& o, const Value& v) { o.opaque = v.flag(); }},
  };
}

template <class O>  // plv's darts: pldefault, pledit
std::vector<Entry<O>> dart_keywords() {
  return {
      {"hollow", [](O& o, const Value& v) { o.hollow = v.flag(); }},
      {"aspect", [](O& o, const Value& v) { o.aspect = v.non_negative(); }},
  };
}

template <class O>  // a mesh's region numbers (given by pargist/gist.py), and the region drawn
std::vector<Entry<O>> region_keywords() {
  return {
      {"ireg", [](O& o, const Value& v) { o.ireg = v.integers(); }},
      {"region", [](O& o, const Value& v) { o.region = v.integer(); }},
  };
}

// ---------------------------------------------------------------- tables

using plot::PlgOptions;
const KeywordTable<PlgOptions> kPlg{"plg", {element_keywords<PlgOptions>(), line_keywords<PlgOptions>(),
                                            mark_keywords<PlgOptions>(), ray_keywords<PlgOptions>(), {
    {"closed", [](PlgOptions& o, const Value& v) { o.closed = v.flag(); }},
    {"smooth", [](PlgOptions& o, const Value& v) { o.smooth = v.smoothing(); }},
}}};

const KeywordTable<plot::LineOptions> kPldj{"pldj", {element_keywords<plot::LineOptions>(),
                                                     line_keywords<plot::LineOptions>()}};

using plot::MeshOptions;
const KeywordTable<MeshOptions> kPlm{"plm", {element_keywords<MeshOptions>(), line_keywords<MeshOptions>(),
                                             region_keywords<MeshOptions>(), {
    {"boundary", [](MeshOptions& o, const Value& v) { o.boundary = v.flag(); }},
    {"inhibit", [](MeshOptions& o, const Value& v) { o.inhibit = v.integer(); }},
}}};

using plot::PlcOptions;
const KeywordTable<PlcOptions> kPlc{"plc", {element_keywords<PlcOptions>(), line_keywords<PlcOptions>(),
                                            mark_keywords<PlcOptions>(), region_keywords<PlcOptions>(), {
    {"levs", [](PlcOptions& o, const Value& v) { o.levs = v.levels(); }},
    {"smooth", [](PlcOptions& o, const Value& v) { o.smooth = v.smoothing(); }},
    {"triangle", [](PlcOptions&, const Value& v) { check_triangle(v.raw(), "plc"); }},
}}};

using plot::PlfOptions;
const KeywordTable<PlfOptions> kPlf{"plf", {element_keywords<PlfOptions>(), scale_keywords<PlfOptions>(),
                                            edge_keywords<PlfOptions>(), region_keywords<PlfOptions>()}};

const KeywordTable<plot::ColorScaleOptions> kPli{"pli", {element_keywords<plot::ColorScaleOptions>(),
                                                         scale_keywords<plot::ColorScaleOptions>()}};

const KeywordTable<plot::PlfpOptions> kPlfp{"plfp", {element_keywords<plot::PlfpOptions>(),
                                                     scale_keywords<plot::PlfpOptions>(),
                                                     edge_keywords<plot::PlfpOptions>()}};

using plot::PlvOptions;
const KeywordTable<PlvOptions> kPlv{"plv", {element_keywords<PlvOptions>(), region_keywords<PlvOptions>(),
                                            dart_keywords<PlvOptions>(), {
    {"color", [](PlvOptions& o, const Value& v) { o.color = v.color(); }},
    {"width", [](PlvOptions& o, const Value& v) { o.width = v.non_negative(); }},
    {"scale", [](PlvOptions& o, const Value& v) { o.scale = v.non_negative(); }},
    {"ni", [](PlvOptions& o, const Value& v) { o.ni = v.count(); }},  // given by pargist/gist.py for a mesh
}}};

using plot::PltOptions;
const KeywordTable<PltOptions> kPlt{"plt", {element_keywords<PltOptions>(), text_keywords<PltOptions>(), {
    {"color", [](PltOptions& o, const Value& v) { o.color = v.color(); }},
    {"tosys", [](PltOptions& o, const Value& v) { o.tosys = v.flag(); }},
}}};

using plot::DefaultsUpdate;
const KeywordTable<DefaultsUpdate> kPldefault{"pldefault", {
    in_member(&DefaultsUpdate::line, line_style_update_keywords()), text_keywords<DefaultsUpdate>(),
    dart_keywords<DefaultsUpdate>(), edge_keywords<DefaultsUpdate>(), {
    {"dpi", [](DefaultsUpdate& o, const Value& v) { o.dpi = v.number(); }},
    {"style", [](DefaultsUpdate& o, const Value& v) { o.style = v.text(); }},
    {"legends", [](DefaultsUpdate& o, const Value& v) { o.legends = v.flag(); }},
    {"palette", [](DefaultsUpdate& o, const Value& v) { o.palette = v.text(); }},
    {"maxcolors", [](DefaultsUpdate& o, const Value& v) { o.max_colors = v.integer(); }},
    {"cgmfilesize", [](DefaultsUpdate& o, const Value& v) { o.cgm_file_mb = v.positive(); }},
}}};

using plot::ElementEdit;
const KeywordTable<ElementEdit> kPledit{"pledit", {
    {{"legend", [](ElementEdit& o, const Value& v) { o.legend = v.text(); }},
     {"hide", [](ElementEdit& o, const Value& v) { o.hide = v.flag(); }}},
    in_member(&ElementEdit::line, line_style_update_keywords()), text_keywords<ElementEdit>(),
    dart_keywords<ElementEdit>(), edge_keywords<ElementEdit>(), {
    {"closed", [](ElementEdit& o, const Value& v) { o.closed = v.flag(); }},
    {"smooth", [](ElementEdit& o, const Value& v) { o.smooth = v.smoothing(); }},
    {"region", [](ElementEdit& o, const Value& v) { o.region = v.integer(); }},
    {"boundary", [](ElementEdit& o, const Value& v) { o.boundary = v.flag(); }},
    {"levs", [](ElementEdit& o, const Value& v) { o.levs = v.levels(); }},
    {"scale", [](ElementEdit& o, const Value& v) { o.scale = v.non_negative(); }},
    {"scalem", [](ElementEdit& o, const Value& v) { o.scalem = v.non_negative(); }},
    {"dx", [](ElementEdit& o, const Value& v) { o.dx = v.number(); }},
    {"dy", [](ElementEdit& o, const Value& v) { o.dy = v.number(); }},
    {"inhibit", [](ElementEdit& o, const Value& v) { o.inhibit = v.integer(); }},
}}};

using plot::WindowOptions;
const KeywordTable<WindowOptions> kWindow{"window", {{
    {"display", [](WindowOptions& o, const Value& v) { o.display = v.text(); }},
    {"dpi", [](WindowOptions& o, const Value& v) { o.dpi = v.number(); }},
    {"style", [](WindowOptions& o, const Value& v) { o.style = v.text(); }},
    {"hcp", [](WindowOptions& o, const Value& v) { o.hcp = v.text(); }},
    {"dump", [](WindowOptions& o, const Value& v) { o.dump = v.flag(); }},
    {"width", [](WindowOptions& o, const Value& v) { o.width = v.integer(); }},
    {"height", [](WindowOptions& o, const Value& v) { o.height = v.integer(); }},
    {"legends", [](WindowOptions& o, const Value& v) { o.legends = v.flag(); }},
    {"xpos", [](WindowOptions& o, const Value& v) { o.xpos = v.integer(); }},
    {"ypos", [](WindowOptions& o, const Value& v) { o.ypos = v.integer(); }},
    {"http", [](WindowOptions& o, const Value& v) { o.http = v.text(); }},
}}};

using plot::LimitsOptions;
const KeywordTable<LimitsOptions> kLimits{"limits", {{
    {"square", [](LimitsOptions& o, const Value& v) { o.square = v.flag(); }},
    {"nice", [](LimitsOptions& o, const Value& v) { o.nice = v.flag(); }},
    {"restrict", [](LimitsOptions& o, const Value& v) { o.restrict = v.flag(); }},
}}};

using plot::GridOptions;
const KeywordTable<GridOptions> kGridxy{"gridxy", {line_keywords<GridOptions>(), {
    {"base60", [](GridOptions& o, const Value& v) { o.base60 = v.integer(); }},
    {"degrees", [](GridOptions& o, const Value& v) { o.degrees = v.integer(); }},
    {"hhmm", [](GridOptions& o, const Value& v) { o.hhmm = v.integer(); }},
}}};

using plot::ColorbarOptions;
const KeywordTable<ColorbarOptions> kColorbar{"colorbar", {{
    {"vertical", [](ColorbarOptions& o, const Value& v) { o.vertical = v.flag(); }},
    {"levs", [](ColorbarOptions& o, const Value& v) { o.levs = v.numbers(); }},
    {"label", [](ColorbarOptions& o, const Value& v) { o.label = v.text(); }},
    {"color", [](ColorbarOptions& o, const Value& v) { o.color = v.color(); }},
    {"height", [](ColorbarOptions& o, const Value& v) { o.font_height = v.positive(); }},
}}};

// ppgeneric's options, as pargist/pp.py builds them from Warp's keywords.
using PP = plot::pp::PlotOptions;
const KeywordTable<PP> kPpgeneric{"ppgeneric", {{
    {"pplimits", [](PP& o, const Value& v) { o.pplimits = v.box(); }},
    {"xmin", [](PP& o, const Value& v) { o.xmin = v.number(); }},
    {"xmax", [](PP& o, const Value& v) { o.xmax = v.number(); }},
    {"ymin", [](PP& o, const Value& v) { o.ymin = v.number(); }},
    {"ymax", [](PP& o, const Value& v) { o.ymax = v.number(); }},
    {"view", [](PP& o, const Value& v) { o.view = v.integer(); }},
    {"color", [](PP& o, const Value& v) { o.color = v.color(); }},
    {"color_density", [](PP& o, const Value& v) { o.color_density = v.flag(); }},
    {"contours", [](PP& o, const Value& v) { o.contours = v.integer(); }},
    {"filled", [](PP& o, const Value& v) { o.filled = v.flag(); }},
    {"cellarray", [](PP& o, const Value& v) { o.cellarray = v.flag(); }},
    {"nx", [](PP& o, const Value& v) { o.nx = v.count(); }},
    {"ny", [](PP& o, const Value& v) { o.ny = v.count(); }},
    {"method", [](PP& o, const Value& v) {
       const std::string m = v.text();
       if (m != "ngp" && m != "cic") throw py::value_error("pp: method must be 'ngp' or 'cic'");
       o.method = m == "cic" ? reduce::Method::cic : reduce::Method::ngp;
     }},
    {"cmin", [](PP& o, const Value& v) { o.cmin = v.number(); }},
    {"cmax", [](PP& o, const Value& v) { o.cmax = v.number(); }},
    {"uselog", [](PP& o, const Value& v) { o.uselog = v.flag(); }},
    {"ncolor", [](PP& o, const Value& v) { o.ncolor = v.integer(); }},
    {"marker", [](PP& o, const Value& v) { o.marker = v.marker(); }},
    {"msize", [](PP& o, const Value& v) { o.msize = v.number(); }},
    {"maxpoints", [](PP& o, const Value& v) { o.maxpoints = v.count(); }},
    {"thin_to", [](PP& o, const Value& v) { o.thin_to = v.count(); }},
    {"seed", [](PP& o, const Value& v) { o.seed = v.count(); }},
    {"lcolorbar", [](PP& o, const Value& v) { o.colorbar = v.flag(); }},
    {"titles", [](PP& o, const Value& v) { o.titles = v.flag(); }},
    {"titlet", [](PP& o, const Value& v) { o.titlet = v.text(); }},
    {"titleb", [](PP& o, const Value& v) { o.titleb = v.text(); }},
    {"titlel", [](PP& o, const Value& v) { o.titlel = v.text(); }},
    {"titler", [](PP& o, const Value& v) { o.titler = v.text(); }},
    {"root", [](PP& o, const Value& v) { o.root = v.integer(); }},
}}};

// The tables by function name, for Python.
struct Listed {
  std::function<std::vector<std::string>()> names;
  std::function<void(const py::dict&)> check;
};

template <class O>
std::pair<const std::string, Listed> listed(const KeywordTable<O>& t) {
  return {t.func(), Listed{[&t] { return t.names(); }, [&t](const py::dict& kw) { t.read(kw); }}};
}

const std::map<std::string, Listed>& tables() {
  static const std::map<std::string, Listed> all{
      listed(kPlg), listed(kPldj), listed(kPlm), listed(kPlc), listed(kPlf), listed(kPli), listed(kPlfp),
      listed(kPlv), listed(kPlt), listed(kPldefault), listed(kPledit), listed(kWindow), listed(kLimits),
      listed(kGridxy), listed(kColorbar), listed(kPpgeneric),
  };
  return all;
}

const Listed& table_of(const std::string& func) {
  auto it = tables().find(func);
  if (it == tables().end()) throw py::value_error("no keyword table for '" + func + "'");
  return it->second;
}

}  // namespace

plot::PlgOptions plg_options(const py::dict& kw) { return kPlg.read(kw); }
plot::LineOptions pldj_options(const py::dict& kw) { return kPldj.read(kw); }
plot::MeshOptions plm_options(const py::dict& kw) { return kPlm.read(kw); }
plot::PlcOptions plc_options(const py::dict& kw) { return kPlc.read(kw); }
plot::PlfOptions plf_options(const py::dict& kw) { return kPlf.read(kw); }
plot::ColorScaleOptions pli_options(const py::dict& kw) { return kPli.read(kw); }
plot::PlfpOptions plfp_options(const py::dict& kw) { return kPlfp.read(kw); }
plot::PlvOptions plv_options(const py::dict& kw) { return kPlv.read(kw); }
plot::PltOptions plt_options(const py::dict& kw) { return kPlt.read(kw); }
plot::DefaultsUpdate pldefault_options(const py::dict& kw) { return kPldefault.read(kw); }
plot::ElementEdit pledit_options(const py::dict& kw) { return kPledit.read(kw); }
plot::WindowOptions window_options(const py::dict& kw) { return kWindow.read(kw); }
plot::LimitsOptions limits_options(const py::dict& kw) { return kLimits.read(kw); }
plot::GridOptions gridxy_options(const py::dict& kw) { return kGridxy.read(kw); }
plot::ColorbarOptions colorbar_options(const py::dict& kw) { return kColorbar.read(kw); }
plot::pp::PlotOptions ppgeneric_options(const py::dict& kw) { return kPpgeneric.read(kw); }

void check_triangle(py::handle triangle, const std::string& func) {
  const auto numpy = py::module_::import("numpy");
  if (numpy.attr("count_nonzero")(triangle).cast<long long>() != 0) {
    PyErr_SetString(PyExc_NotImplementedError,
                    (func + ": triangle= with non-zero entries (a fixed triangulation of saddle zones) is not "
                            "supported yet; pargist resolves saddles by the zone's mean").c_str());
    throw py::error_already_set();
  }
}

std::vector<std::string> options_keywords(const std::string& func) { return table_of(func).names(); }
void check_options(const std::string& func, const py::dict& kw) { table_of(func).check(kw); }

void bind_vocabulary(py::module_& m) {
  m.def("options_keywords", &options_keywords, py::arg("func"),
        "The keywords of func's options table (the only ones the core reads).");
  m.def("check_options", &check_options, py::arg("func"), py::arg("options"),
        "Check an options dict against func's table: TypeError for an unknown key, "
        "TypeError/ValueError for a bad value.");
  m.def("check_triangle", &check_triangle, py::arg("triangle"), py::arg("func"),
        "Gist's triangle= for func: all zeros (Gist chooses how saddle zones are cut, as pargist "
        "does) passes; any other raises NotImplementedError.");
  m.def("gist_color", [](py::handle v, const std::string& what) { return canonical_color(to_color(v, what)); },
        py::arg("value"), py::arg("what") = "color");
  m.def("gist_line_type", [](py::handle v, const std::string& what) { return int(to_line_type(v, what)); },
        py::arg("value"), py::arg("what") = "type");
  m.def("gist_marker", &to_marker, py::arg("value"), py::arg("what") = "marker");
  m.def("gist_font", &to_font, py::arg("value"), py::arg("what") = "font");
  m.def("gist_justify", &to_justify, py::arg("value"), py::arg("what") = "justify");
  m.def("gist_positive", &to_positive, py::arg("value"), py::arg("what"));
  m.def("gist_names", [] {
    auto table = [](const std::vector<plot::NamedCode>& t) {
      py::dict d;
      for (const auto& e : t) d[py::str(e.name)] = e.code;
      return d;
    };
    py::dict d;
    d["colors"] = table(plot::color_names());
    d["line_types"] = table(plot::line_type_names());
    d["markers"] = table(plot::marker_names());
    d["fonts"] = table(plot::font_families());
    return d;
  }, "Gist's names: colours, line types, markers and font families with their codes.");
}

}  // namespace pargist::pybind
