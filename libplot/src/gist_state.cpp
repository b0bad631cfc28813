// The Gist state API: windows, frames, systems, limits, palettes, hardcopy.
#include "gist_state.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <stdexcept>

#include "pargist/libplot/axes.hpp"
#include "pargist/libplot/palette.hpp"
#include "pargist/libplot/style.hpp"

namespace pargist::plot {

namespace detail {

GistState& gist_state() {
  static GistState state;
  return state;
}

void bad_argument(const std::string& what) { throw std::invalid_argument("pargist: " + what); }

namespace {

std::unique_ptr<WindowState> new_window(const Defaults& d) {
  auto w = std::make_unique<WindowState>();
  w->frame = make_frame(d.style);
  w->frame.palette = fit_palette(load_palette(d.palette), d.max_colors);
  w->frame.draw_legends = d.legends;
  w->system = w->frame.systems.size() > 1 ? 1 : 0;
  w->dpi = d.dpi;
  return w;
}

}  // namespace

WindowState& current_window_state() {
  GistState& s = gist_state();
  if (s.current < 0) window(0);
  return *s.windows[s.current];
}

CoordSystem& current_system(bool world) {
  WindowState& w = current_window_state();
  if (world && w.system == 0) bad_argument("system 0 (NDC) has no world limits: call plsys(1) first");
  return w.frame.systems[w.system];
}

void poll_display_limits(WindowState& w) {
  auto adopt = [&w](std::size_t s, const Limits& zoomed) {
    if (s < 1 || s >= w.frame.systems.size()) return;
    Limits& l = w.frame.systems[s].limits;
    const bool log_x = l.log_x, log_y = l.log_y;
    l = zoomed;
    l.log_x = log_x;
    l.log_y = log_y;
  };
  // Requests of the viewers following the hardcopy files, then the
  // window's own zoom (the most direct one wins).
  if (FrameSink* hcp = w.hcp ? w.hcp.get() : gist_state().default_hcp.get())
    for (const auto& [s, zoomed] : hcp->requested_limits()) adopt(std::size_t(s), zoomed);
  for (DisplaySink* sink : {w.browser.get(), w.display.get()}) {
    if (!sink) continue;
    for (std::size_t s = 1; s < w.frame.systems.size(); ++s)
      if (auto zoomed = sink->zoomed_limits(int(s))) adopt(s, *zoomed);
  }
}

}  // namespace detail

using detail::bad_argument;
using detail::current_window_state;
using detail::gist_state;
using detail::GistState;
using detail::WindowState;

// ------------------------------------------------------------- defaults

namespace {

double checked(double v, const char* what, double lo, bool lo_open = false) {
  if (!std::isfinite(v) || v < lo || (lo_open && v == lo))
    bad_argument(std::string("pldefault: ") + what + (lo_open ? " must be > " : " must be >= ") +
                 std::to_string(lo).substr(0, 4));
  return v;
}

}  // namespace

void pldefault(const DefaultsUpdate& u) {
  Defaults d = gist_state().defaults;
  if (u.line.color) d.line.color = *u.line.color;
  if (u.line.type) d.line.type = *u.line.type;
  if (u.line.width) d.line.width = checked(*u.line.width, "width", 0);
  if (u.line.marks) d.marks = *u.line.marks;
  if (u.line.mcolor) d.marker.color = *u.line.mcolor;
  if (u.line.marker) d.marker.marker = *u.line.marker;
  if (u.line.msize) d.marker.size = checked(*u.line.msize, "msize", 0, true);
  if (u.line.mspace) d.mspace = checked(*u.line.mspace, "mspace", 0, true);
  if (u.line.mphase) d.mphase = checked(*u.line.mphase, "mphase", 0);
  if (u.line.rays) d.rays = *u.line.rays;
  if (u.line.arrowl) d.arrowl = checked(*u.line.arrowl, "arrowl", 0);
  if (u.line.arroww) d.arroww = checked(*u.line.arroww, "arroww", 0);
  if (u.line.rspace) d.rspace = checked(*u.line.rspace, "rspace", 0, true);
  if (u.line.rphase) d.rphase = checked(*u.line.rphase, "rphase", 0);
  if (u.font) d.text.font = *u.font;
  if (u.height) d.text.height = checked(*u.height, "height", 0, true);
  if (u.angle) d.text.angle = *u.angle;
  if (u.justify) justify_from_name(*u.justify, d.text.halign, d.text.valign);
  if (u.opaque) d.text.opaque = *u.opaque;
  if (u.hollow) d.hollow = *u.hollow;
  if (u.aspect) d.aspect = checked(*u.aspect, "aspect", 0);
  if (u.edges) d.edges = *u.edges;
  if (u.ecolor) d.edge_style.color = *u.ecolor;
  if (u.ewidth) d.edge_style.width = checked(*u.ewidth, "ewidth", 0);
  if (u.legends) d.legends = *u.legends;
  if (u.style) {
    load_style(*u.style);  // throws for an unknown or bad sheet
    d.style = *u.style;
  }
  if (u.dpi) d.dpi = std::clamp(*u.dpi, 25.0, 300.0);  // Gist clamps rather than refuses
  if (u.palette) {
    load_palette(*u.palette);  // throws for an unknown palette
    d.palette = *u.palette;
  }
  if (u.max_colors) {
    if (*u.max_colors < 1 || *u.max_colors > 240) bad_argument("pldefault: maxcolors must be 1..240");
    d.max_colors = *u.max_colors;
  }
  if (u.cgm_file_mb) d.cgm_file_mb = checked(*u.cgm_file_mb, "cgmfilesize", 0, true);
  gist_state().defaults = d;
}

const Defaults& current_defaults() { return gist_state().defaults; }

// ------------------------------------------------------------------ display

namespace {

struct Notices {
  std::mutex mutex;
  NoticeHandler handler;
};

Notices& notices() {
  static Notices n;
  return n;
}

}  // namespace

void set_notice_handler(NoticeHandler handler) {
  std::lock_guard<std::mutex> lock(notices().mutex);
  notices().handler = std::move(handler);
}

void notice(const std::string& text) {
  std::lock_guard<std::mutex> lock(notices().mutex);
  if (notices().handler) {
    notices().handler(text);
    return;
  }
  std::fprintf(stderr, "pargist: warning: %s\n", text.c_str());
  std::fflush(stderr);
}

void set_display_factory(DisplayFactory factory) { gist_state().factory = std::move(factory); }
void set_browser_factory(DisplayFactory factory) { gist_state().browser_factory = std::move(factory); }

void set_display_sink(int n, std::shared_ptr<DisplaySink> sink) {
  if (n < 0 || n > 7) bad_argument("window number must be 0..7 (got " + std::to_string(n) + ")");
  auto& w = gist_state().windows[n];
  if (!w) {
    const int old = gist_state().current;
    window(n);
    if (old >= 0) gist_state().current = old;
  }
  w->display = std::move(sink);
}

// ------------------------------------------------------------------ windows

int window(int n, const WindowOptions& o) {
  if (n < 0 || n > 7) bad_argument("window number must be 0..7 (got " + std::to_string(n) + ")");
  GistState& s = gist_state();
  // Check everything before changing anything.
  std::optional<Frame> styled;
  if (o.style) styled = make_frame(*o.style);
  if (o.dpi && !(*o.dpi >= 10 && *o.dpi <= 1200)) bad_argument("window: dpi must be in 10..1200");
  if ((o.width && *o.width <= 0) || (o.height && *o.height <= 0)) bad_argument("window: width and height must be > 0");
  const int old = s.current;
  const bool created = !s.windows[n];
  if (created) s.windows[n] = detail::new_window(s.defaults);
  WindowState& w = *s.windows[n];
  s.current = n;
  if (styled) {
    // Gist: a style makes a new drawing (the palette and frame count stay).
    Frame fresh = std::move(*styled);
    fresh.palette = w.frame.palette;
    fresh.number = w.frame.number;
    fresh.draw_legends = w.frame.draw_legends;
    w.frame = std::move(fresh);
    w.system = w.frame.systems.size() > 1 ? 1 : 0;
    w.next_number = 0;
  }
  if (o.dpi) w.dpi = *o.dpi;
  if (o.width) w.width = *o.width;
  if (o.height) w.height = *o.height;
  if (o.legends) w.frame.draw_legends = *o.legends;
  if (o.hcp) detail::set_window_hcp(w, *o.hcp, o.dump.value_or(s.dump));
  std::string display;
  bool want_display = false;
  if (o.display) {
    display = *o.display;
    want_display = !display.empty();
    if (!want_display) w.display.reset();
  } else if (created && s.factory) {
    const char* env = std::getenv("DISPLAY");
    if (env && *env) { display = env; want_display = true; }
  }
  if (want_display) {
    if (!s.factory) throw std::runtime_error("pargist: no live window in this build (display \"" + display + "\")");
    w.display = s.factory(n, display, o);
  }
  std::optional<std::string> http = o.http;
  if (!http && created && n == 0) {
    const char* env = std::getenv("PARGIST_HTTP");
    if (env && *env) http = env;
  }
  if (http && !(w.browser && *http == w.http)) {  // the same address: the same server goes on
    w.browser.reset();  // its port is free again before a new server asks for one
    w.http.clear();
    if (!http->empty()) {
      if (!s.browser_factory)
        throw std::runtime_error("pargist: no browser view in this build (http \"" + *http + "\")");
      w.browser = s.browser_factory(n, *http, o);
      if (w.browser) w.http = *http;
    }
  }
  return old;
}

int current_window() { return gist_state().current; }

void winkill(int n) {
  if (n < 0 || n > 7) bad_argument("window number must be 0..7 (got " + std::to_string(n) + ")");
  GistState& s = gist_state();
  if (!s.windows[n]) return;
  std::unique_ptr<WindowState> w = std::move(s.windows[n]);
  if (s.current == n) s.current = -1;
  w->display.reset();
  w->browser.reset();
  if (w->hcp) w->hcp->close();
}

const Frame& current_frame() { return current_window_state().frame; }

void add_element(Element element, std::optional<int> system) {
  WindowState& w = current_window_state();
  const int sys = system ? *system : w.system;
  if (sys < 0 || sys >= int(w.frame.systems.size()))
    bad_argument("no coordinate system " + std::to_string(sys) + " in this style");
  validate_element(element);
  w.frame.systems[sys].elements.push_back(std::move(element));
  ++w.next_number;
  if (sys == w.system) {
    w.edit_system = sys;
    w.edit_element = int(w.frame.systems[sys].elements.size());
  }
}

static bool frame_has_elements(const Frame& f) {
  for (const auto& sys : f.systems)
    if (!sys.elements.empty()) return true;
  return false;
}

void fma() {
  WindowState& w = current_window_state();
  detail::poll_display_limits(w);
  // The frame advances even when its hardcopy fails: the error says which
  // file missed it, and the next frame starts clean (a job that frees disk
  // space or names another file goes on from there).
  std::exception_ptr failed;
  if (frame_has_elements(w.frame)) {
    if (w.display) w.display->present(w.frame, true);
    if (w.browser) w.browser->present(w.frame, true);
    if (gist_state().hcp_on) {
      try {
        hcp();
      } catch (...) {
        failed = std::current_exception();
      }
    }
  }
  for (auto& s : w.frame.systems) s.elements.clear();
  w.next_number = 0;
  w.edit_system = -1, w.edit_element = 0;
  w.frame.title.clear();
  ++w.frame.number;
  if (failed) std::rethrow_exception(failed);
}

void redraw() {
  WindowState& w = current_window_state();
  detail::poll_display_limits(w);
  if (!w.animate)
    for (DisplaySink* sink : {w.display.get(), w.browser.get()})
      if (sink) sink->present(w.frame, false);
}

bool animate(std::optional<bool> on) {
  WindowState& w = current_window_state();
  const bool old = w.animate;
  w.animate = on ? *on : !w.animate;
  return old;
}

int plsys(std::optional<int> n) {
  WindowState& w = current_window_state();
  const int old = w.system;
  if (n) {
    if (*n < 0 || *n >= int(w.frame.systems.size()))
      bad_argument("plsys: this style has systems 0.." + std::to_string(w.frame.systems.size() - 1) + " (got " +
                   std::to_string(*n) + ")");
    w.system = *n;
  }
  return old;
}

StyleSheet get_style() { return style_of(current_window_state().frame); }

int set_style(const StyleSheet& style) {
  for (const auto& sys : style.systems) {
    const Box& b = sys.viewport;
    if (!std::isfinite(b.xmin + b.xmax + b.ymin + b.ymax) || b.xmin == b.xmax || b.ymin == b.ymax)
      bad_argument("set_style: every viewport needs a finite, non-empty box");
  }
  WindowState& w = current_window_state();
  Frame fresh = make_frame(style);
  fresh.style = w.frame.style;
  fresh.palette = w.frame.palette;
  fresh.number = w.frame.number;
  fresh.draw_legends = w.frame.draw_legends;
  fresh.title = w.frame.title;
  fresh.systems[0].elements = std::move(w.frame.systems[0].elements);
  if (fresh.systems.size() == w.frame.systems.size())
    for (std::size_t k = 1; k < fresh.systems.size(); ++k) {
      fresh.systems[k].elements = std::move(w.frame.systems[k].elements);
      fresh.systems[k].limits = w.frame.systems[k].limits;
    }
  w.frame = std::move(fresh);
  w.system = w.frame.systems.size() > 1 ? 1 : 0;
  return int(w.frame.systems.size()) - 1;
}

void set_viewports(const std::vector<Box>& viewports) {
  WindowState& w = current_window_state();
  if (viewports.empty()) bad_argument("set_viewports: no viewports");
  for (const Box& b : viewports)
    if (!(b.xmax > b.xmin) || !(b.ymax > b.ymin) || !std::isfinite(b.xmin + b.xmax + b.ymin + b.ymax))
      bad_argument("set_viewports: each viewport needs xmin < xmax and ymin < ymax");
  const TickStyle ticks = w.frame.systems.size() > 1 ? w.frame.systems[1].ticks : style_ticks(w.frame.style);
  w.frame.systems.resize(1);
  int k = 1;
  for (const Box& b : viewports) {
    CoordSystem s;
    s.viewport = b;
    s.ticks = ticks;
    s.legend = "System " + std::to_string(k++);
    w.frame.systems.push_back(std::move(s));
  }
  w.system = 1;
}

// ------------------------------------------------------------------ limits

// The display forgets the mouse zooms of the current system.
static void limits_set_by_program() {
  WindowState& w = current_window_state();
  for (DisplaySink* sink : {w.display.get(), w.browser.get()})
    if (sink) sink->limits_set(w.system);
}

static Limits resolved_or_raw(const CoordSystem& s) {
  try {
    return resolve_limits(s);
  } catch (const std::invalid_argument&) {
    return s.limits;
  }
}

static void apply_bound(const Bound& b, double& value, bool& is_auto, const char* name, bool log) {
  switch (b.kind) {
    case Bound::Kind::keep: return;
    case Bound::Kind::automatic: is_auto = true; return;
    case Bound::Kind::value:
      if (!std::isfinite(b.value)) bad_argument(std::string("limits: ") + name + " is not finite");
      if (log && !(b.value > 0)) bad_argument(std::string("limits: ") + name + " must be > 0 on a log axis");
      value = b.value;
      is_auto = false;
      return;
  }
}

static void check_sizes(const Limits& l) {
  if (!l.auto_xmin && !l.auto_xmax && l.xmin == l.xmax)
    bad_argument("limits: xmin == xmax (" + std::to_string(l.xmin) + "): zero-size limits");
  if (!l.auto_ymin && !l.auto_ymax && l.ymin == l.ymax)
    bad_argument("limits: ymin == ymax (" + std::to_string(l.ymin) + "): zero-size limits");
}

Limits limits() {
  detail::poll_display_limits(current_window_state());
  CoordSystem& s = detail::current_system(true);
  const Limits old = resolved_or_raw(s);
  s.limits.auto_xmin = s.limits.auto_xmax = s.limits.auto_ymin = s.limits.auto_ymax = true;
  limits_set_by_program();
  return old;
}

Limits limits(Bound xmin, Bound xmax, Bound ymin, Bound ymax, const LimitsOptions& o) {
  detail::poll_display_limits(current_window_state());
  CoordSystem& s = detail::current_system(true);
  const Limits old = resolved_or_raw(s);
  Limits l = s.limits;
  apply_bound(xmin, l.xmin, l.auto_xmin, "xmin", l.log_x);
  apply_bound(xmax, l.xmax, l.auto_xmax, "xmax", l.log_x);
  apply_bound(ymin, l.ymin, l.auto_ymin, "ymin", l.log_y);
  apply_bound(ymax, l.ymax, l.auto_ymax, "ymax", l.log_y);
  if (o.square) l.square = *o.square;
  if (o.nice) l.nice = *o.nice;
  if (o.restrict) l.restrict = *o.restrict;
  check_sizes(l);
  s.limits = l;
  limits_set_by_program();
  return old;
}

Limits limits(const Limits& saved) {
  CoordSystem& s = detail::current_system(true);
  for (double v : {saved.xmin, saved.xmax, saved.ymin, saved.ymax})
    if (!std::isfinite(v)) bad_argument("limits: saved limits are not finite");
  check_sizes(saved);
  const Limits old = resolved_or_raw(s);
  s.limits = saved;
  limits_set_by_program();
  return old;
}

Limits current_limits() {
  detail::poll_display_limits(current_window_state());
  return resolve_limits(detail::current_system(true));
}

Limits range(Bound ymin, Bound ymax) { return limits(Bound(), Bound(), ymin, ymax); }

void logxy(std::optional<bool> x, std::optional<bool> y) {
  CoordSystem& s = detail::current_system(true);
  if (x) s.limits.log_x = *x;
  if (y) s.limits.log_y = *y;
}

void gridxy(std::optional<int> x, std::optional<int> y, const GridOptions& o) {
  for (const auto* f : {&o.base60, &o.degrees, &o.hhmm})
    if (*f && (**f < 0 || **f > 3)) bad_argument("gridxy: base60=, degrees= and hhmm= take 0..3");
  if (o.width && !(*o.width >= 0 && std::isfinite(*o.width))) bad_argument("gridxy: width must be >= 0");
  CoordSystem& s = detail::current_system(true);
  TickStyle t = s.ticks;
  for (AxisStyle* a : {&t.horiz, &t.vert}) {
    if (o.color) a->grid_style.color = *o.color;
    if (o.type) a->grid_style.type = *o.type;
    if (o.width) a->grid_style.width = *o.width;
  }
  auto flags = [&](AxisStyle& a, int flag, bool is_y) {
    a.flags &= ~(grid_full | grid_origin);
    if (is_y ? (flag & 1) : flag == 1) a.flags |= grid_full;
    else if (is_y ? (flag & 2) : flag == 2) a.flags |= grid_origin;
    if (flag & 0x200) {
      a.flags = unsigned(flag & 0x1ff);
      t.frame = (flag & 0x400) != 0;
    }
  };
  if (x) flags(t.horiz, *x, false);
  if (y) flags(t.vert, *y, true);
  if (o.base60) t.horiz.base60 = *o.base60 & 1, t.vert.base60 = *o.base60 & 2;
  auto labels = [&](AxisStyle& a, int bit) {
    if (o.degrees && (*o.degrees & bit)) a.label_kind = AxisStyle::Labels::degrees;
    else if (o.hhmm && (*o.hhmm & bit)) a.label_kind = AxisStyle::Labels::hhmm;
    else if (o.degrees || o.hhmm) a.label_kind = AxisStyle::Labels::numbers;
  };
  labels(t.horiz, 1);
  labels(t.vert, 2);
  // Yorick's gridxy: base60= installs its ticks with the plain labels,
  // whatever degrees= or hhmm= say in the same call.
  if (o.base60 && (*o.base60 & 1)) t.horiz.label_kind = AxisStyle::Labels::numbers;
  if (o.base60 && (*o.base60 & 2)) t.vert.label_kind = AxisStyle::Labels::numbers;
  s.ticks = t;
}

// ----------------------------------------------------------------- palette

void palette(const std::string& name_or_path) {
  current_window_state().frame.palette = fit_palette(load_palette(name_or_path), gist_state().defaults.max_colors);
}

void palette(const std::vector<std::uint8_t>& r, const std::vector<std::uint8_t>& g,
             const std::vector<std::uint8_t>& b) {
  current_window_state().frame.palette = make_palette(r, g, b);
}

const Palette& current_palette() { return current_window_state().frame.palette; }

// ----------------------------------------------------------------- plq

std::vector<ElementSummary> plq() {
  const CoordSystem& s = detail::current_system(false);
  std::vector<ElementSummary> out;
  int k = 1;
  for (const auto& e : s.elements) {
    ElementSummary sum;
    sum.index = k++;
    sum.kind = element_kind(e);
    sum.legend = element_info(e).legend;
    sum.hide = element_info(e).hide;
    sum.points = std::visit(
        [](const auto& el) -> std::size_t {
          using T = std::decay_t<decltype(el)>;
          if constexpr (std::is_same_v<T, Lines> || std::is_same_v<T, Polys> || std::is_same_v<T, Vectors>)
            return el.x.size();
          else if constexpr (std::is_same_v<T, Disjoint>) return el.x0.size();
          else if constexpr (std::is_same_v<T, Text>) return 1;
          else if constexpr (std::is_same_v<T, Cells>) return el.nx * el.ny;
          else if constexpr (std::is_same_v<T, Scene3>) return 0;
          else return el.mesh.ni * el.mesh.nj;
        },
        e);
    out.push_back(sum);
  }
  return out;
}

void plremove(std::optional<int> n) {
  WindowState& w = current_window_state();
  CoordSystem& s = detail::current_system(false);
  if (s.elements.empty()) bad_argument("plremove: the current system holds nothing");
  const int k = n ? *n : current_element();
  if (k < 1 || k > int(s.elements.size()))
    bad_argument("plremove: element " + std::to_string(k) + " does not exist (1.." + std::to_string(s.elements.size()) + ")");
  s.elements.erase(s.elements.begin() + (k - 1));
  if (w.edit_system == w.system && w.edit_element >= k) --w.edit_element;
}

// ---------------------------------------------------------------- hardcopy

static ImageOptions image_options(const WindowState& w) {
  ImageOptions o;
  o.dpi = w.dpi;
  o.pixels = w.width > 0 ? w.width : 0;
  return o;
}

static std::unique_ptr<FrameSink> open_sink(const std::string& name, const WindowState& w, bool dump) {
  HardcopyOptions o;
  o.image = image_options(w);
  o.cgm_file_bytes = std::uint64_t(gist_state().defaults.cgm_file_mb * 1e6);
  o.dump_palette = dump;
  return open_hardcopy(name, o);
}

void detail::set_window_hcp(WindowState& w, const std::string& name, bool dump) {
  std::unique_ptr<FrameSink> sink;
  if (!name.empty()) sink = open_sink(name, w, dump);  // throws before closing the old one
  // The new file is in place before the old one completes: should that
  // fail (a multi-page PDF on a full disk), its error is raised, and the
  // window still writes to the file just named.
  std::unique_ptr<FrameSink> old = std::move(w.hcp);
  w.hcp = std::move(sink);
  w.hcp_name = name;
  if (old) old->close();
}

void hcp_file(const std::string& name, const HcpFileOptions& o) {
  GistState& s = gist_state();
  if (o.dump) s.dump = *o.dump;
  if (o.ps) s.ps_default = *o.ps;
  if (name.empty() && (o.dump || o.ps)) return;  // Gist: hcp_file(dump=...) alone only sets the mode
  std::unique_ptr<FrameSink> sink;
  if (!name.empty()) sink = open_sink(name, current_window_state(), s.dump);
  std::unique_ptr<FrameSink> old = std::move(s.default_hcp);  // completed after the switch, as above
  s.default_hcp = std::move(sink);
  s.default_hcp_name = name;
  if (old) old->close();
}

std::string hcp_name(std::optional<int> n) {
  GistState& s = gist_state();
  const int k = n ? *n : s.current;
  if (k >= 0 && k < 8 && s.windows[k] && s.windows[k]->hcp) return s.windows[k]->hcp_name;
  return s.default_hcp ? s.default_hcp_name : std::string();
}

// Gist's default hardcopy file: the first of Aa00.ps, Ba00.ps ... Zz00.ps
// (.cgm after hcp_file(ps=0)) that does not exist yet.
static std::string free_default_name(bool ps) {
  for (char a = 'A'; a <= 'Z'; ++a)
    for (char b = 'a'; b <= 'z'; ++b) {
      const std::string name = std::string{a, b} + (ps ? "00.ps" : "00.cgm");
      if (FILE* f = std::fopen(name.c_str(), "rb")) std::fclose(f);
      else return name;
    }
  throw std::runtime_error("pargist: hcp: Aa00 through Zz00 hardcopy files all exist here -- clean up");
}

// The hardcopy of the current window: its own file, else the default one.
static FrameSink* current_sink(bool open_default) {
  GistState& s = gist_state();
  WindowState& w = current_window_state();
  if (w.hcp) return w.hcp.get();
  if (!s.default_hcp && open_default) hcp_file(free_default_name(s.ps_default));
  return s.default_hcp.get();
}

void hcp() {
  WindowState& w = current_window_state();
  // Gist writes no page for an empty drawing.
  if (!frame_has_elements(w.frame)) return;
  current_sink(true)->write(w.frame);
}

void hcpon() { gist_state().hcp_on = true; }
void hcpoff() { gist_state().hcp_on = false; }

std::string hcp_finish(std::optional<int> n) {
  GistState& s = gist_state();
  if (n && (*n < -1 || *n > 7)) bad_argument("hcp_finish: window number must be -1..7");
  const int k = n ? *n : s.current;
  std::unique_ptr<FrameSink>* sink = &s.default_hcp;
  std::string* name = &s.default_hcp_name;
  if (k >= 0 && s.windows[k] && s.windows[k]->hcp) {
    sink = &s.windows[k]->hcp;
    name = &s.windows[k]->hcp_name;
  }
  if (!*sink) return "";
  std::unique_ptr<FrameSink> closing = std::move(*sink);
  const std::string given = *name;
  name->clear();
  const std::string last = closing->close();
  return last.empty() ? given : last;
}

void png(const std::string& path, std::optional<double> dpi) {
  WindowState& w = current_window_state();
  ImageOptions o = image_options(w);
  if (dpi) {
    if (!(*dpi >= 10 && *dpi <= 1200)) bad_argument("png: dpi must be in 10..1200");
    o.dpi = *dpi;
    o.pixels = 0;
  }
  write_png(w.frame, path, o);
}

void pdf(const std::string& path) { write_pdf({current_window_state().frame}, path); }
void eps(const std::string& path) { write_eps(current_window_state().frame, path); }
void svg(const std::string& path) { write_svg(current_window_state().frame, path); }

void reset_all() {
  GistState& s = gist_state();
  for (int n = 0; n < 8; ++n) {
    try {
      winkill(n);
    } catch (const std::exception&) {
    }
  }
  if (s.default_hcp) {
    try {
      s.default_hcp->close();
    } catch (const std::exception&) {
    }
  }
  s.default_hcp.reset();
  s.default_hcp_name.clear();
  s.hcp_on = false;
  s.dump = s.ps_default = true;
  s.current = -1;
  s.defaults = Defaults();
}

}  // namespace pargist::plot
