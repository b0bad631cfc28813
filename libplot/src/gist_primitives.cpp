// The Gist primitives (plg, pldj, plm, plc, plf, pli, plfp, plv, plt) and
// the decorations built from them (pltitle, xytitles, colorbar).
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "color_scale.hpp"
#include "gist_state.hpp"
#include "pargist/libplot/axes.hpp"
#include "pargist/libplot/contour.hpp"

namespace pargist::plot {

using detail::bad_argument;
using detail::current_window_state;
using detail::gist_state;
using detail::WindowState;

namespace {

LineStyle line_style(const LineOptions& o) {
  const Defaults& d = gist_state().defaults;
  LineStyle s = d.line;
  if (o.color) s.color = *o.color;
  if (o.type) s.type = *o.type;
  if (o.width) {
    if (!(*o.width >= 0) || !std::isfinite(*o.width)) bad_argument("width must be finite and >= 0");
    s.width = *o.width;
  }
  return s;
}

ElementInfo info_of(const std::string& legend, bool hide) { return {legend, hide}; }

QuadMesh make_mesh(const char* kind, Grid&& y, Grid&& x, std::vector<int>&& ireg) {
  if (x.ni != y.ni || x.nj != y.nj)
    bad_argument(std::string(kind) + ": x is " + std::to_string(x.ni) + "x" + std::to_string(x.nj) + " but y is " +
                 std::to_string(y.ni) + "x" + std::to_string(y.nj));
  if (x.v.size() != x.ni * x.nj || y.v.size() != y.ni * y.nj)
    bad_argument(std::string(kind) + ": a mesh array does not have ni*nj values");
  QuadMesh m;
  m.ni = x.ni;
  m.nj = x.nj;
  m.x = std::move(x.v);
  m.y = std::move(y.v);
  m.ireg = std::move(ireg);
  return m;
}

void check_grid(const char* kind, const char* name, const Grid& g) {
  if (g.v.size() != g.ni * g.nj)
    bad_argument(std::string(kind) + ": " + name + " has " + std::to_string(g.v.size()) + " values, not ni*nj = " +
                 std::to_string(g.ni * g.nj));
  if (g.v.empty()) bad_argument(std::string(kind) + ": " + name + " is empty");
}

int top_of(const ColorScaleOptions& o) {
  if (!o.top) return -1;
  if (*o.top < 0 || *o.top > 255) bad_argument("top must be a palette index 0..255");
  return *o.top;
}

void set_range(const ColorScaleOptions& o, bool& has_min, double& cmin, bool& has_max, double& cmax) {
  if (o.cmin) {
    if (!std::isfinite(*o.cmin)) bad_argument("cmin is not finite");
    has_min = true;
    cmin = *o.cmin;
  }
  if (o.cmax) {
    if (!std::isfinite(*o.cmax)) bad_argument("cmax is not finite");
    has_max = true;
    cmax = *o.cmax;
  }
}

// Gist's automatic marker (its AutoMarker): the letter of the element's
// number in the drawing, and phases that stagger the marks and rays of
// successive curves by quarters of their spacing.
struct AutoMarks {
  int letter;
  double mphase, rphase;
};
AutoMarks auto_marks(int number, double mspace, double rspace) {
  const int quarter = (number + 3) % 4;
  return {'A' + number % 26, 0.25 * (0.5 + quarter) * mspace, 0.25 * (0.5 + quarter) * rspace};
}

double positive(std::optional<double> given, double fallback, const char* what) {
  const double v = given ? *given : fallback;
  if (!(v > 0) || !std::isfinite(v)) bad_argument(std::string(what) + " must be > 0");
  return v;
}

double non_negative(std::optional<double> given, double fallback, const char* what) {
  const double v = given ? *given : fallback;
  if (!(v >= 0) || !std::isfinite(v)) bad_argument(std::string(what) + " must be >= 0");
  return v;
}

}  // namespace

void plg(std::vector<double> y, std::vector<double> x, const PlgOptions& o) {
  const Defaults& d = gist_state().defaults;
  if (y.empty()) bad_argument("plg: y is empty");
  if (x.empty()) {
    x.resize(y.size());
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = double(i + 1);
  }
  WindowState& w = current_window_state();
  Lines l;
  l.info = info_of(o.legend, o.hide);
  l.x = std::move(x);
  l.y = std::move(y);
  l.line = line_style(o);
  l.closed = o.closed;
  l.marks = o.marks ? *o.marks : d.marks;
  l.rays = o.rays ? *o.rays : d.rays;
  l.marker = d.marker;
  // Gist: color= colours the marks too; pldefault's color does not.
  l.marker.color = o.mcolor ? *o.mcolor : o.color ? *o.color : d.marker.color;
  l.marker.size = positive(o.msize, d.marker.size, "plg: msize");
  l.mspace = positive(o.mspace, d.mspace, "plg: mspace");
  l.rspace = positive(o.rspace, d.rspace, "plg: rspace");
  l.mphase = non_negative(o.mphase, d.mphase, "plg: mphase");
  l.rphase = non_negative(o.rphase, d.rphase, "plg: rphase");
  l.arrowl = non_negative(o.arrowl, d.arrowl, "plg: arrowl");
  l.arroww = non_negative(o.arroww, d.arroww, "plg: arroww");
  const int marker = o.marker ? *o.marker : d.marker.marker;
  if (marker == 0) {
    const AutoMarks a = auto_marks(w.next_number, l.mspace, l.rspace);
    l.marker.marker = a.letter;
    l.mphase = a.mphase;
    l.rphase = a.rphase;
  } else {
    l.marker.marker = marker;
  }
  l.markers_at_points = l.line.type == LineType::none;
  if (o.smooth < 0) bad_argument("plg: smooth must be 0..4");
  l.smooth = o.smooth;
  add_element(std::move(l));
}

void pldj(std::vector<double> x0, std::vector<double> y0, std::vector<double> x1, std::vector<double> y1,
          const LineOptions& o) {
  Disjoint d;
  d.info = info_of(o.legend, o.hide);
  d.x0 = std::move(x0);
  d.y0 = std::move(y0);
  d.x1 = std::move(x1);
  d.y1 = std::move(y1);
  d.line = line_style(o);
  add_element(std::move(d));
}

void plm(Grid y, Grid x, const MeshOptions& o) {
  Mesh m;
  m.info = info_of(o.legend, o.hide);
  m.mesh = make_mesh("plm", std::move(y), std::move(x), std::vector<int>(o.ireg));
  m.line = line_style(o);
  m.region = o.region;
  m.boundary = o.boundary;
  m.inhibit = o.inhibit;
  add_element(std::move(m));
}

std::vector<double> plc(Grid z, Grid y, Grid x, const PlcOptions& o) {
  const Defaults& d = gist_state().defaults;
  check_grid("plc", "z", z);
  if (z.ni != x.ni || z.nj != x.nj) bad_argument("plc: z must have the shape of the mesh");
  Contours c;
  c.info = info_of(o.legend, o.hide);
  c.mesh = make_mesh("plc", std::move(y), std::move(x), std::vector<int>(o.ireg));
  c.levels = o.levs.empty() ? default_contour_levels(z.v, o.nlevs) : o.levs;
  if (o.levs.empty() && (o.nlevs < 1 || o.nlevs > 1000)) bad_argument("plc: nlevs must be 1..1000");
  if (c.levels.empty()) bad_argument("plc: z has no finite values");
  c.z = std::move(z.v);
  c.line = line_style(o);
  c.region = o.region;
  c.marks = o.marks ? *o.marks : d.marks;  // Gist: letters along the levels, listed at the right
  c.marker = d.marker;
  c.marker.color = o.mcolor ? *o.mcolor : o.color ? *o.color : d.marker.color;
  c.marker.size = positive(o.msize, d.marker.size, "plc: msize");
  c.mspace = positive(o.mspace, d.mspace, "plc: mspace");
  c.mphase = non_negative(o.mphase, d.mphase, "plc: mphase");
  if (o.smooth < 0) bad_argument("plc: smooth must be 0..4");
  c.smooth = o.smooth;
  WindowState& w = current_window_state();
  const int marker = o.marker ? *o.marker : d.marker.marker;
  if (marker > 32) {
    c.marker.marker = marker;
  } else {
    const AutoMarks a = auto_marks(w.next_number, c.mspace, d.rspace);
    c.marker.marker = a.letter;
    c.mphase = a.mphase;
  }
  // Gist numbers each contour curve as an element of the drawing too.
  std::size_t curves = 0;
  for (const auto& at_level : contour_lines(c.mesh, c.z, c.levels, c.region)) curves += at_level.size();
  std::vector<double> levels = c.levels;
  add_element(std::move(c));
  w.next_number += int(curves);
  return levels;
}

void plf(Grid z, Grid y, Grid x, const PlfOptions& o) {
  const Defaults& d = gist_state().defaults;
  check_grid("plf", "z", z);
  FillMesh f;
  f.info = info_of(o.legend, o.hide);
  f.mesh = make_mesh("plf", std::move(y), std::move(x), std::vector<int>(o.ireg));
  const std::size_t ni = f.mesh.ni, nj = f.mesh.nj;
  if (z.ni == ni - 1 && z.nj == nj - 1) {
    // Zone-centred (ni-1)x(nj-1): lay it out like ireg (zone (i,j) at i + ni*j).
    f.z.assign(ni * nj, 0.0);
    for (std::size_t j = 1; j < nj; ++j)
      for (std::size_t i = 1; i < ni; ++i) f.z[i + ni * j] = z.v[(i - 1) + (ni - 1) * (j - 1)];
  } else if (z.ni == ni && z.nj == nj) {
    f.z = std::move(z.v);
  } else {
    bad_argument("plf: z must be (ni-1)x(nj-1) or ni x nj for a " + std::to_string(ni) + "x" + std::to_string(nj) +
                 " mesh (got " + std::to_string(z.ni) + "x" + std::to_string(z.nj) + ")");
  }
  set_range(o, f.has_cmin, f.cmin, f.has_cmax, f.cmax);
  f.top = top_of(o);
  f.region = o.region;
  f.edges = o.edges ? *o.edges : d.edges;
  f.edge_style = d.edge_style;
  if (o.ecolor) f.edge_style.color = *o.ecolor;
  if (o.ewidth) f.edge_style.width = *o.ewidth;
  add_element(std::move(f));
}

void pli(Grid z, std::optional<double> x0, std::optional<double> y0, std::optional<double> x1,
         std::optional<double> y1, const ColorScaleOptions& o) {
  check_grid("pli", "z", z);
  Cells c;
  c.info = info_of(o.legend, o.hide);
  c.nx = z.ni;
  c.ny = z.nj;
  // Gist: pli(z) covers (0,0)-(nx,ny); pli(z, x1, y1) covers (0,0)-(x1,y1).
  if (x0 && y0 && x1 && y1) {
    c.x0 = *x0; c.y0 = *y0; c.x1 = *x1; c.y1 = *y1;
  } else if (x0 && y0 && !x1 && !y1) {
    c.x0 = 0; c.y0 = 0; c.x1 = *x0; c.y1 = *y0;
  } else if (!x0 && !y0 && !x1 && !y1) {
    c.x0 = 0; c.y0 = 0; c.x1 = double(c.nx); c.y1 = double(c.ny);
  } else {
    bad_argument("pli: give no corners, (x1, y1), or (x0, y0, x1, y1)");
  }
  c.z = std::move(z.v);
  set_range(o, c.has_cmin, c.cmin, c.has_cmax, c.cmax);
  if (!(c.has_cmin && c.has_cmax)) {  // found here once, not at every render of the frame
    ValueRange r;
    detail::finite_extent(c.z.data(), c.z.size(), r.lo, r.hi);
    c.z_range = r;
  }
  c.top = top_of(o);
  add_element(std::move(c));
}

void pli_colors(std::vector<std::uint8_t> colors, std::size_t nx, std::size_t ny, int channels, double x0,
                double y0, double x1, double y1, const ColorScaleOptions& o) {
  Cells c;
  c.info = info_of(o.legend, o.hide);
  c.nx = nx;
  c.ny = ny;
  c.channels = channels;
  c.colors = std::move(colors);
  c.x0 = x0; c.y0 = y0; c.x1 = x1; c.y1 = y1;
  add_element(std::move(c));
}

static void polys_common(Polys& p, std::vector<double>&& y, std::vector<double>&& x, std::vector<std::size_t>&& n,
                         const PlfpOptions& o) {
  const Defaults& d = gist_state().defaults;
  p.info = info_of(o.legend, o.hide);
  p.x = std::move(x);
  p.y = std::move(y);
  p.n = std::move(n);
  set_range(o, p.has_cmin, p.cmin, p.has_cmax, p.cmax);
  p.top = top_of(o);
  p.edges = o.edges ? *o.edges : d.edges;
  p.edge_style = d.edge_style;
  if (o.ecolor) p.edge_style.color = *o.ecolor;
  if (o.ewidth) p.edge_style.width = *o.ewidth;
}

void plfp(std::vector<double> z, std::vector<double> y, std::vector<double> x, std::vector<std::size_t> n,
          const PlfpOptions& o) {
  Polys p;
  polys_common(p, std::move(y), std::move(x), std::move(n), o);
  p.z = std::move(z);
  if (p.z.empty()) bad_argument("plfp: z is empty");
  add_element(std::move(p));
}

void plfp_colors(std::vector<Color> colors, std::vector<double> y, std::vector<double> x, std::vector<std::size_t> n,
                 const PlfpOptions& o) {
  Polys p;
  polys_common(p, std::move(y), std::move(x), std::move(n), o);
  p.colors = std::move(colors);
  if (p.colors.empty()) bad_argument("plfp: colors is empty");
  add_element(std::move(p));
}

void plv(std::vector<double> vy, std::vector<double> vx, std::vector<double> y, std::vector<double> x,
         const PlvOptions& o) {
  const Defaults& d = gist_state().defaults;
  Vectors v;
  v.info = info_of(o.legend, o.hide);
  v.x = std::move(x);
  v.y = std::move(y);
  v.vx = std::move(vx);
  v.vy = std::move(vy);
  v.line = line_style(o);
  v.hollow = o.hollow ? *o.hollow : d.hollow;
  v.aspect = non_negative(o.aspect, d.aspect, "plv: aspect");
  v.ni = o.ni;
  v.ireg = o.ireg;
  v.region = o.region;
  if (o.scale) {
    if (!std::isfinite(*o.scale) || *o.scale < 0) bad_argument("plv: scale must be finite and >= 0");
    v.scale = *o.scale;
  } else {
    validate_element(v);
    v.scale = automatic_vector_scale(v);
  }
  add_element(std::move(v));
}

void plt(std::string text, double x, double y, const PltOptions& o) {
  const Defaults& d = gist_state().defaults;
  Text t;
  t.info = info_of(o.legend, o.hide);
  t.x = x;
  t.y = y;
  t.text = std::move(text);
  t.style = d.text;
  if (o.color) t.style.color = *o.color;
  if (o.font) t.style.font = *o.font;
  if (o.height) t.style.height = *o.height;
  if (o.angle) t.style.angle = *o.angle;
  if (o.justify) justify_from_name(*o.justify, t.style.halign, t.style.valign);
  if (o.opaque) t.style.opaque = *o.opaque;
  t.tosys = o.tosys;
  WindowState& w = current_window_state();
  if (o.tosys && w.system == 0) bad_argument("plt: tosys needs a world system (plsys(1) first)");
  add_element(std::move(t), o.tosys ? w.system : 0);
}

// ----------------------------------------------------------- decorations

static const CoordSystem& current_system() {
  WindowState& w = current_window_state();
  const int s = w.system > 0 ? w.system : (w.frame.systems.size() > 1 ? 1 : 0);
  return w.frame.systems[s];
}

static Box current_viewport() { return current_system().viewport; }

// Titles scale with the system's tick labels: 18 pt over the work style's
// 14 pt labels, smaller in the panels of a multi-system style.
static double title_scale() {
  const double label = current_system().ticks.horiz.text_style.height;
  return label > 0 ? label / (0.0182 * kPointsPerNdc) : 1.0;
}

void pltitle(const std::string& title) {
  const Box vp = current_viewport();
  const double k = title_scale();
  PltOptions o;
  o.justify = "CB";
  o.height = 18.0 * k;
  plt(title, 0.5 * (vp.xmin + vp.xmax), vp.ymax + 0.02 * k, o);
  current_window_state().frame.title = title;
}

void xytitles(const std::string& xtitle, const std::string& ytitle, double dx, double dy) {
  const Box vp = current_viewport();
  const double k = title_scale();
  PltOptions o;
  o.height = 18.0 * k;
  if (!xtitle.empty()) {
    o.justify = "CT";
    plt(xtitle, 0.5 * (vp.xmin + vp.xmax), vp.ymin - 0.050 * k + dy, o);
  }
  if (!ytitle.empty()) {
    o.justify = "CB";
    o.angle = 90.0;
    plt(ytitle, vp.xmin - 0.050 * k + dx, 0.5 * (vp.ymin + vp.ymax), o);
  }
}

void colorbar(double cmin, double cmax, const ColorbarOptions& o) {
  if (!std::isfinite(cmin) || !std::isfinite(cmax)) bad_argument("colorbar: cmin and cmax must be finite");
  if (cmin == cmax) bad_argument("colorbar: cmin == cmax");
  WindowState& w = current_window_state();
  const Box vp = current_viewport();
  const std::size_t ncolors = std::max<std::size_t>(1, std::min<std::size_t>(w.frame.palette.colors.size(), 256));
  const Color fg = o.color ? *o.color : Color(NamedColor::fg);
  const double height = o.font_height ? *o.font_height : 12.0;

  // The bar: one cell per palette entry, from cmin (bottom/left) to cmax.
  Cells bar;
  std::vector<std::uint8_t> idx(ncolors);
  for (std::size_t k = 0; k < ncolors; ++k) idx[k] = std::uint8_t(k);
  bar.colors = idx;
  Box box;
  if (o.vertical) {
    box = {vp.xmax + 0.022, vp.xmax + 0.037, vp.ymin, vp.ymax};
    bar.nx = 1; bar.ny = ncolors;
  } else {
    box = {vp.xmin, vp.xmax, vp.ymin - 0.075, vp.ymin - 0.060};
    bar.nx = ncolors; bar.ny = 1;
  }
  bar.x0 = box.xmin; bar.x1 = box.xmax; bar.y0 = box.ymin; bar.y1 = box.ymax;
  add_element(bar, 0);

  Disjoint frame;
  frame.line = {fg, LineType::solid, 1.0};
  frame.x0 = {box.xmin, box.xmax, box.xmax, box.xmin};
  frame.y0 = {box.ymin, box.ymin, box.ymax, box.ymax};
  frame.x1 = {box.xmax, box.xmax, box.xmin, box.xmin};
  frame.y1 = {box.ymin, box.ymax, box.ymax, box.ymin};

  // Its own ticks and labels, Gist's algorithm on [cmin, cmax].
  AxisStyle axis;
  axis.n_major = 5.0;
  axis.n_minor = 25.0;
  const AxisTicks ticks = compute_ticks(cmin, cmax, axis, false);
  std::vector<double> values = o.levs ? *o.levs : ticks.label_values;
  std::vector<std::string> labels;
  if (o.levs) {
    for (double v : values) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.4g", v);
      labels.push_back(buf);
    }
  } else {
    labels = ticks.labels;
  }
  PltOptions text;
  text.height = height;
  text.color = fg;
  for (std::size_t k = 0; k < values.size(); ++k) {
    const double t = (values[k] - cmin) / (cmax - cmin);
    if (!(t >= -1e-9 && t <= 1 + 1e-9)) continue;
    if (o.vertical) {
      const double y = box.ymin + t * (box.ymax - box.ymin);
      frame.x0.push_back(box.xmax); frame.y0.push_back(y);
      frame.x1.push_back(box.xmax + 0.005); frame.y1.push_back(y);
      text.justify = "LH";
      if (k < labels.size()) plt(labels[k], box.xmax + 0.008, y, text);
    } else {
      const double x = box.xmin + t * (box.xmax - box.xmin);
      frame.x0.push_back(x); frame.y0.push_back(box.ymin);
      frame.x1.push_back(x); frame.y1.push_back(box.ymin - 0.005);
      text.justify = "CT";
      if (k < labels.size()) plt(labels[k], x, box.ymin - 0.008, text);
    }
  }
  if (!ticks.exponent.empty() && !o.levs) {
    text.justify = o.vertical ? "LB" : "LH";
    if (o.vertical) plt(ticks.exponent, box.xmin, box.ymax + 0.008, text);
    else plt(ticks.exponent, box.xmax + 0.008, box.ymin - 0.008, text);
  }
  add_element(frame, 0);
  if (!o.label.empty()) {
    PltOptions lt = text;
    if (o.vertical) {
      lt.justify = "CT";
      lt.angle = 90.0;
      plt(o.label, box.xmax + 0.06, 0.5 * (box.ymin + box.ymax), lt);
    } else {
      lt.justify = "CT";
      plt(o.label, 0.5 * (box.xmin + box.xmax), box.ymin - 0.03, lt);
    }
  }
}

}  // namespace pargist::plot
