// pledit: Gist's in-place edits of an element of the current system, and
// the element it (and plremove) default to.
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "gist_state.hpp"

namespace pargist::plot {

using detail::bad_argument;
using detail::current_window_state;
using detail::WindowState;

int current_element() {
  WindowState& w = current_window_state();
  if (w.edit_system != w.system) return 0;
  const int n = int(w.frame.systems[std::size_t(w.system)].elements.size());
  return w.edit_element >= 1 && w.edit_element <= n ? w.edit_element : 0;
}

void select_element(int n) {
  WindowState& w = current_window_state();
  if (n == 0) {  // none: pledit then needs a number, as after Gist's plq()
    w.edit_system = -1, w.edit_element = 0;
    return;
  }
  const int count = int(w.frame.systems[std::size_t(w.system)].elements.size());
  if (n < 1 || n > count)
    bad_argument("no element " + std::to_string(n) + " in the current system (it has " + std::to_string(count) + ")");
  w.edit_system = w.system;
  w.edit_element = n;
}

namespace {

// Applies the edit to one kind of element; what a kind lacks is refused.
class Editor {
 public:
  explicit Editor(const ElementEdit& e) : e_(e) {}

  void operator()(Lines& l) {
    line(l.line, true);
    if (e_.line.color && !e_.line.mcolor) l.marker.color = *e_.line.color;
    marks(l.marks, l.marker, l.mspace, l.mphase);
    if (e_.line.rays) l.rays = *e_.line.rays;
    set(e_.line.arrowl, l.arrowl, "arrowl", 0);
    set(e_.line.arroww, l.arroww, "arroww", 0);
    set(e_.line.rspace, l.rspace, "rspace", 0, true);
    set(e_.line.rphase, l.rphase, "rphase", 0);
    if (e_.closed) l.closed = *e_.closed;
    if (e_.smooth) l.smooth = *e_.smooth;
    l.markers_at_points = l.line.type == LineType::none;
  }
  void operator()(Disjoint& d) { line(d.line, true); }
  void operator()(Text& t) {
    if (e_.line.color) t.style.color = *e_.line.color;
    if (e_.font) t.style.font = *e_.font;
    set(e_.height, t.style.height, "height", 0, true);
    if (e_.angle) t.style.angle = *e_.angle;
    if (e_.justify) justify_from_name(*e_.justify, t.style.halign, t.style.valign);
    if (e_.opaque) t.style.opaque = *e_.opaque;
    if (e_.dx) t.x += *e_.dx;
    if (e_.dy) t.y += *e_.dy;
  }
  void operator()(Mesh& m) {
    line(m.line, true);
    if (e_.region) m.region = *e_.region;
    if (e_.boundary) m.boundary = *e_.boundary;
    if (e_.inhibit) {
      if (*e_.inhibit < 0 || *e_.inhibit > 2) bad_argument("pledit: inhibit must be 0, 1 or 2");
      m.inhibit = *e_.inhibit;
    }
  }
  void operator()(FillMesh& f) {
    if (e_.region) f.region = *e_.region;
    edges(f.edges, f.edge_style);
  }
  void operator()(Contours& c) {
    line(c.line, true);
    if (e_.line.color && !e_.line.mcolor) c.marker.color = *e_.line.color;
    marks(c.marks, c.marker, c.mspace, c.mphase);
    if (e_.region) c.region = *e_.region;
    if (e_.smooth) c.smooth = *e_.smooth;
    if (e_.levs) {
      if (e_.levs->empty()) bad_argument("pledit: cannot recompute default contour levels (levs is empty)");
      for (double v : *e_.levs)
        if (!std::isfinite(v)) bad_argument("pledit: levs must be finite");
      c.levels = *e_.levs;
    }
  }
  void operator()(Cells&) {}  // legend and hide only
  void operator()(Polys& p) { edges(p.edges, p.edge_style); }
  void operator()(Vectors& v) {
    line(v.line, false);
    if (e_.hollow) v.hollow = *e_.hollow;
    set(e_.aspect, v.aspect, "aspect", 0);
    if (e_.region) v.region = *e_.region;
    set(e_.scale, v.scale, "scale", 0);
    if (e_.scalem) {
      if (!std::isfinite(*e_.scalem) || *e_.scalem < 0) bad_argument("pledit: scalem must be finite and >= 0");
      v.scale *= *e_.scalem;
    }
  }
  void operator()(Scene3&) {}

 private:
  void line(LineStyle& l, bool with_type) {
    if (e_.line.color) l.color = *e_.line.color;
    if (with_type && e_.line.type) l.type = *e_.line.type;
    set(e_.line.width, l.width, "width", 0);
  }
  void marks(bool& on, MarkerStyle& m, double& mspace, double& mphase) {
    if (e_.line.marks) on = *e_.line.marks;
    if (e_.line.mcolor) m.color = *e_.line.mcolor;
    if (e_.line.marker) m.marker = *e_.line.marker;
    set(e_.line.msize, m.size, "msize", 0, true);
    set(e_.line.mspace, mspace, "mspace", 0, true);
    set(e_.line.mphase, mphase, "mphase", 0);
  }
  void edges(bool& on, LineStyle& style) {
    if (e_.edges) on = *e_.edges;
    if (e_.ecolor) style.color = *e_.ecolor;
    set(e_.ewidth, style.width, "ewidth", 0);
  }
  static void set(const std::optional<double>& given, double& to, const char* what, double lo, bool open = false) {
    if (!given) return;
    if (!std::isfinite(*given) || *given < lo || (open && *given == lo))
      bad_argument(std::string("pledit: ") + what + (open ? " must be > 0" : " must be >= 0"));
    to = *given;
  }
  const ElementEdit& e_;
};

// The keywords given, and the kinds of element each applies to (Gist's
// pledit: the others are errors rather than silently ignored).
std::vector<std::pair<const char*, const char*>> given_keywords(const ElementEdit& e) {
  constexpr const char* kLines = "plg pldj plm plc plv";
  constexpr const char* kMarked = "plg plc";
  const std::pair<bool, std::pair<const char*, const char*>> all[] = {
      {bool(e.line.color), {"color", "plg pldj plt plm plc plv"}},
      {bool(e.line.type), {"type", "plg pldj plm plc"}},
      {bool(e.line.width), {"width", kLines}},
      {bool(e.line.marks), {"marks", kMarked}}, {bool(e.line.mcolor), {"mcolor", kMarked}},
      {bool(e.line.marker), {"marker", kMarked}}, {bool(e.line.msize), {"msize", kMarked}},
      {bool(e.line.mspace), {"mspace", kMarked}}, {bool(e.line.mphase), {"mphase", kMarked}},
      {bool(e.line.rays), {"rays", "plg"}}, {bool(e.line.arrowl), {"arrowl", "plg"}}, {bool(e.line.arroww), {"arroww", "plg"}},
      {bool(e.line.rspace), {"rspace", "plg"}}, {bool(e.line.rphase), {"rphase", "plg"}},
      {bool(e.closed), {"closed", "plg"}}, {bool(e.smooth), {"smooth", kMarked}},
      {bool(e.font), {"font", "plt"}}, {bool(e.height), {"height", "plt"}}, {bool(e.angle), {"orient", "plt"}},
      {bool(e.justify), {"justify", "plt"}}, {bool(e.opaque), {"opaque", "plt"}},
      {bool(e.dx), {"dx", "plt"}}, {bool(e.dy), {"dy", "plt"}},
      {bool(e.hollow), {"hollow", "plv"}}, {bool(e.aspect), {"aspect", "plv"}},
      {bool(e.scale), {"scale", "plv"}}, {bool(e.scalem), {"scalem", "plv"}},
      {bool(e.region), {"region", "plm plf plv plc"}},
      {bool(e.boundary), {"boundary", "plm"}}, {bool(e.inhibit), {"inhibit", "plm"}},
      {bool(e.levs), {"levs", "plc"}},
      {bool(e.edges), {"edges", "plf plfp"}}, {bool(e.ecolor), {"ecolor", "plf plfp"}},
      {bool(e.ewidth), {"ewidth", "plf plfp"}},
  };
  std::vector<std::pair<const char*, const char*>> out;
  for (const auto& [on, entry] : all)
    if (on) out.push_back(entry);
  return out;
}

}  // namespace

int pledit(std::optional<int> n, const ElementEdit& edit) {
  WindowState& w = current_window_state();
  CoordSystem& s = w.frame.systems[std::size_t(w.system)];
  const int k = n ? *n : current_element();
  if (k == 0 && !n) bad_argument("pledit: no current element (plot one, or name it: pledit(n, ...))");
  if (k < 1 || k > int(s.elements.size()))
    bad_argument("pledit: no element " + std::to_string(k) + " in the current system (it has " +
                 std::to_string(s.elements.size()) + ")");
  // Edit a copy and check it whole: a refused edit changes nothing.
  Element changed = s.elements[std::size_t(k - 1)];
  const std::string kind = element_kind(changed);
  for (const auto& [name, kinds] : given_keywords(edit)) {
    const std::string list = std::string(" ") + kinds + " ";
    if (list.find(" " + kind + " ") == std::string::npos)
      bad_argument(std::string("pledit: ") + name + "= does not apply to a " + kind + " element (only " + kinds + ")");
  }
  std::visit(Editor(edit), changed);
  ElementInfo& info = element_info(changed);
  if (edit.legend) info.legend = *edit.legend;
  if (edit.hide) info.hide = *edit.hide;
  validate_element(changed);
  s.elements[std::size_t(k - 1)] = std::move(changed);
  w.edit_system = w.system;
  w.edit_element = k;
  return k;
}

}  // namespace pargist::plot
