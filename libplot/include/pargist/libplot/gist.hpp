// The Gist state API in C++: windows 0..7, each with its current frame,
// current coordinate system, hardcopy file and optional live display; the
// primitives with Gist's arguments (in Gist's order: y before x) and its
// keywords as option structs. The Python bindings wrap these one to one.
//
// Array arguments are std::vector<double> taken by value: the element keeps
// them (move them in to avoid a copy). Two-dimensional arguments (meshes, z)
// are Grid values with i varying fastest, as in Yorick: a C-ordered numpy
// array of shape (nj, ni) has exactly this layout.
//
// Bad input (empty or mismatched arrays, NaN/Inf coordinates where a
// position is needed, zero-size limits, unknown names) throws
// std::invalid_argument before anything is added to the frame; output
// errors throw std::runtime_error and leave no partial file behind.
//
// Not thread-safe: call from one thread (rank 0's interpreter). A display
// sink receives copies of frames and may live on its own thread.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pargist/libplot/frame.hpp"
#include "pargist/libplot/style.hpp"
#include "pargist/libplot/vocabulary.hpp"  // Gist's names of colours, line types, markers, fonts

namespace pargist::plot {

// ------------------------------------------------------------ arguments

/// A 2-D array, i fastest: v[i + ni*j].
struct Grid {
  std::vector<double> v;
  std::size_t ni = 0, nj = 0;
};

/// One limit argument: leave as is (default), automatic (Gist's "e"), or a value.
struct Bound {
  enum class Kind { keep, automatic, value };
  Kind kind = Kind::keep;
  double value = 0;
  Bound() = default;
  Bound(double v) : kind(Kind::value), value(v) {}  // NOLINT: implicit on purpose, like Gist
  static Bound automatic() { Bound b; b.kind = Kind::automatic; return b; }
};

// ------------------------------------------------------------- defaults

/// pldefault: the defaults the primitives use when a keyword is not given
/// (Gist's: curves marked with letters, width 1, the work style, 75 dpi,
/// the earth palette fitted to 200 colours, 100 MB CGM files).
struct Defaults {
  LineStyle line;
  MarkerStyle marker{NamedColor::fg, 0, 1.0};  ///< marker 0: each curve its own letter (A, B, ...)
  bool marks = true;        ///< letter marks along plg curves, as Gist
  double mspace = 0.16, mphase = 0.0;
  bool rays = false;
  double arrowl = 1.0, arroww = 1.0, rspace = 0.13, rphase = 0.0;
  TextStyle text{NamedColor::fg, font_helvetica, 14.0, 0.0, HAlign::normal, VAlign::normal, false};
  bool hollow = false;
  double aspect = 0.125;
  bool edges = false;
  LineStyle edge_style;
  bool legends = true;      ///< draw legends below the viewport
  std::string style = "work";
  double dpi = 75;
  std::string palette = "earth";
  int max_colors = 200;     ///< palettes read are fitted to this many colours
  double cgm_file_mb = 100; ///< a CGM family's next file starts past this size
};
/// A curve's line, marks and rays as pldefault and pledit change them: each
/// set field changes that property (Gist's keywords of the same names).
struct LineStyleUpdate {
  std::optional<Color> color;
  std::optional<LineType> type;
  std::optional<double> width;
  std::optional<bool> marks;
  std::optional<Color> mcolor;
  std::optional<int> marker;
  std::optional<double> msize, mspace, mphase;
  std::optional<bool> rays;
  std::optional<double> arrowl, arroww, rspace, rphase;
};
struct DefaultsUpdate {
  LineStyleUpdate line;
  std::optional<int> font;
  std::optional<double> height;
  std::optional<double> angle;  ///< Gist's orient*90 in degrees
  std::optional<std::string> justify;
  std::optional<bool> opaque;
  std::optional<bool> hollow;
  std::optional<double> aspect;
  std::optional<bool> edges;
  std::optional<Color> ecolor;
  std::optional<double> ewidth;
  std::optional<bool> legends;
  std::optional<std::string> style;
  std::optional<double> dpi;
  std::optional<std::string> palette;
  std::optional<int> max_colors;
  std::optional<double> cgm_file_mb;
};
void pldefault(const DefaultsUpdate& update);
const Defaults& current_defaults();

// ------------------------------------------------------------ display sink

/// What a window shows on screen. libplot knows nothing of X11: the viewer
/// implements this and registers a factory; a window with a display calls it.
class DisplaySink {
 public:
  virtual ~DisplaySink() = default;
  /// A copy of the window's frame: at fma() (finished = true, the frame that
  /// just ended) and at redraw() (finished = false, the frame in progress).
  virtual void present(const Frame& frame, bool finished) = 0;
  /// The limits the user set with the mouse in `system` (1-based) since the
  /// last call, if any; the window then adopts them as fixed limits.
  virtual std::optional<Limits> zoomed_limits(int system) { (void)system; return std::nullopt; }
  /// The program set the limits of `system` (limits(), range()): the
  /// mouse zooms before are no longer undone by unzoom, as in Gist.
  virtual void limits_set(int system) { (void)system; }
};

struct WindowOptions {
  std::optional<std::string> display;  ///< "" = no window; unset = $DISPLAY if a factory exists
  std::optional<double> dpi;           ///< 75 or 100 as Gist (any value accepted)
  std::optional<std::string> style;    ///< "work", "boxed", "nobox", "work2", "boxed2", "2x2"
  std::optional<std::string> hcp;      ///< this window's own hardcopy file ("" closes it)
  std::optional<bool> dump;            ///< its CGM files carry the palette (default hcp_file's)
  std::optional<int> width, height;    ///< window size in pixels
  std::optional<bool> legends;
  std::optional<int> xpos, ypos;       ///< the window's top-left on the screen (the live window's)
  /// Serve the window to browsers: "PORT", "HOST:PORT" ("" stops serving).
  /// Unset: unchanged; window 0 takes $PARGIST_HTTP when it is created.
  std::optional<std::string> http;
};

/// What the displays report on their own, never as an error of a plotting
/// call: a window closed by the user, a display that could not be opened
/// or went away, a snapshot ('s' key) that could not be saved. By default
/// each is printed once on stderr ("pargist: warning: window 0: ...") when
/// it happens; a handler replaces that (the Python module queues them and
/// warns on every rank at the next collective output call). Any thread.
using NoticeHandler = std::function<void(const std::string& text)>;
void set_notice_handler(NoticeHandler handler);
void notice(const std::string& text);

/// Registers how windows open their display (the viewer calls this at load).
using DisplayFactory =
    std::function<std::shared_ptr<DisplaySink>(int window, const std::string& display, const WindowOptions&)>;
void set_display_factory(DisplayFactory factory);
/// Registers how windows open their browser view (the viewer calls this at
/// load); the factory gets the http address instead of a display name.
void set_browser_factory(DisplayFactory factory);
/// Attaches (or with nullptr detaches) a display sink to window n directly.
void set_display_sink(int window, std::shared_ptr<DisplaySink> sink);

// ----------------------------------------------------------------- windows

/// Makes window n (0..7) current, creating it; options change its settings.
/// Returns the previously current window number.
int window(int n, const WindowOptions& options = {});
int current_window();
/// Deletes window n: closes its display and finishes its hardcopy file.
void winkill(int n);

/// The current window's frame in progress (for inspection, tests, pp*).
const Frame& current_frame();
/// Adds any element to the current window's frame in system `system`
/// (default: the current system). Validates it first.
void add_element(Element element, std::optional<int> system = std::nullopt);

/// Finishes the frame: sends it to the display (and to the hardcopy file if
/// hcpon()), then starts a new one keeping systems, limits and palette.
void fma();
/// Shows the frame in progress on the display.
void redraw();
/// Animation mode (the display shows only finished frames); returns the old state.
bool animate(std::optional<bool> on = std::nullopt);

/// Makes system n current (0 = NDC); returns the previous. Throws if the
/// style has no system n.
int plsys(std::optional<int> n = std::nullopt);
/// The current window's layout, as a style sheet (pygist's get_style).
StyleSheet get_style();
/// Lays the current window out anew (pygist's set_style): with as many
/// systems as before the elements stay, otherwise the systems start empty;
/// system 1 (or 0 without systems) becomes current. Returns the number of
/// systems.
int set_style(const StyleSheet& style);
/// Replaces the coordinate systems of the current window by these viewports
/// (NDC), each with the current style's ticks (for custom panel layouts).
void set_viewports(const std::vector<Box>& viewports);

// ------------------------------------------------------------------ limits

struct LimitsOptions {
  std::optional<bool> square, nice, restrict;
};
/// limits(): resets the current system to automatic limits; returns the
/// previous limits (resolved values, flags as they were).
Limits limits();
/// Sets the given sides (keep / automatic / value); returns the previous.
Limits limits(Bound xmin, Bound xmax = {}, Bound ymin = {}, Bound ymax = {},
              const LimitsOptions& options = {});
/// Restores limits saved from a previous call; returns the previous.
Limits limits(const Limits& saved);
/// The current system's limits as they would be drawn now (auto sides
/// resolved from the data), without changing anything.
Limits current_limits();
/// range(ymin, ymax): the y limits only.
Limits range(Bound ymin, Bound ymax = {});
/// logxy(x, y): log scales (unset = unchanged).
void logxy(std::optional<bool> x, std::optional<bool> y = std::nullopt);
/// gridxy's keywords: the grid lines' style, and Gist's base 60 features,
/// each 0 (off), 1 (x axis), 2 (y axis) or 3 (both).
struct GridOptions {
  std::optional<Color> color;
  std::optional<LineType> type;
  std::optional<double> width;
  std::optional<int> base60, degrees, hhmm;
};
/// gridxy(x, y) on the current system, as Gist: 0 no grid, 1 grid lines at
/// the major ticks, 2 one line at the origin; a flag with the 0x200 bit
/// sets the axis's tick flags to its 0x1ff bits (and the frame to its
/// 0x400 bit). An unset flag leaves the axis's grid alone.
void gridxy(std::optional<int> x, std::optional<int> y, const GridOptions& options = {});

// ----------------------------------------------------------------- palette

/// palette(name): a built-in palette or a .gp file.
void palette(const std::string& name_or_path);
/// palette(r, g, b): explicit colours (same lengths, 1..256).
void palette(const std::vector<std::uint8_t>& r, const std::vector<std::uint8_t>& g,
             const std::vector<std::uint8_t>& b);
const Palette& current_palette();

// ------------------------------------------------------------- primitives

struct LineOptions {
  std::optional<Color> color;
  std::optional<LineType> type;
  std::optional<double> width;
  std::string legend;
  bool hide = false;
};

struct PlgOptions : LineOptions {
  std::optional<bool> marks;    ///< letter marks along the curve (default pldefault's)
  std::optional<int> marker;    ///< 1..5 or a character; default pldefault's, else the element's letter (A for the frame's first element, B...)
  std::optional<Color> mcolor;
  std::optional<double> msize, mspace, mphase;
  bool closed = false;
  std::optional<bool> rays;
  std::optional<double> arrowl, arroww, rspace, rphase;
  int smooth = 0;               ///< 0 none, 1..4 more and more (Gist draws only unmarked curves smooth)
};
/// plg(y, x): a curve; x may be empty (then 1, 2, ..., n).
void plg(std::vector<double> y, std::vector<double> x = {}, const PlgOptions& options = {});

/// pldj(x0, y0, x1, y1): disjoint segments.
void pldj(std::vector<double> x0, std::vector<double> y0, std::vector<double> x1,
          std::vector<double> y1, const LineOptions& options = {});

struct MeshOptions : LineOptions {
  std::vector<int> ireg;  ///< ni*nj like the mesh, or empty
  int region = 0;
  bool boundary = false;
  int inhibit = 0;
};
/// plm(y, x): the mesh lines.
void plm(Grid y, Grid x, const MeshOptions& options = {});

struct PlcOptions : LineOptions {
  std::vector<int> ireg;
  int region = 0;
  std::vector<double> levs;  ///< contour levels; empty: nlevs levels at the centres of equal slices of z (Gist)
  int nlevs = 8;
  std::optional<bool> marks;    ///< letters along the levels and the levels listed (default pldefault's, on)
  std::optional<Color> mcolor;
  std::optional<int> marker;    ///< the first level's letter (default the element's, as plg)
  std::optional<double> msize, mspace, mphase;
  int smooth = 0;
};
/// plc(z, y, x): contours of point-centred z. Returns the levels drawn.
std::vector<double> plc(Grid z, Grid y, Grid x, const PlcOptions& options = {});

struct ColorScaleOptions {
  std::optional<double> cmin, cmax;
  std::optional<int> top;  ///< bytscl's top: the highest palette index z maps to
  std::string legend;
  bool hide = false;
};
struct PlfOptions : ColorScaleOptions {
  std::vector<int> ireg;
  int region = 0;
  std::optional<bool> edges;
  std::optional<Color> ecolor;
  std::optional<double> ewidth;
};
/// plf(z, y, x): filled mesh; z is zone-centred: either (ni-1)*(nj-1)
/// values, or ni*nj laid out like ireg (the first row and column unused).
void plf(Grid z, Grid y, Grid x, const PlfOptions& options = {});

/// pli(z, x0, y0, x1, y1): a cell array image (defaults: cells of size 1
/// from (0,0), as Gist). z values go through cmin/cmax onto the palette.
void pli(Grid z, std::optional<double> x0 = std::nullopt, std::optional<double> y0 = std::nullopt,
         std::optional<double> x1 = std::nullopt, std::optional<double> y1 = std::nullopt,
         const ColorScaleOptions& options = {});
/// pli with colours given directly: channels 1 (palette indices) or 3 (RGB,
/// data of 3*nx*ny bytes, rgb fastest).
void pli_colors(std::vector<std::uint8_t> colors, std::size_t nx, std::size_t ny, int channels,
                double x0, double y0, double x1, double y1, const ColorScaleOptions& options = {});

struct PlfpOptions : ColorScaleOptions {
  std::optional<bool> edges;
  std::optional<Color> ecolor;
  std::optional<double> ewidth;
};
/// plfp(z, y, x, n): polygons of n[k] vertices filled with colour from z[k].
void plfp(std::vector<double> z, std::vector<double> y, std::vector<double> x,
          std::vector<std::size_t> n, const PlfpOptions& options = {});
/// plfp with one explicit colour per polygon.
void plfp_colors(std::vector<Color> colors, std::vector<double> y, std::vector<double> x,
                 std::vector<std::size_t> n, const PlfpOptions& options = {});

struct PlvOptions : LineOptions {
  std::optional<double> scale;   ///< default: the largest vector about one zone (Gist)
  std::optional<bool> hollow;
  std::optional<double> aspect;
  std::size_t ni = 0;            ///< the points form a mesh of ni columns (0: scattered)
  std::vector<int> ireg;         ///< regions of the mesh's zones (ni*nj), or empty
  int region = 0;
};
/// plv(vy, vx, y, x): Gist's darts.
void plv(std::vector<double> vy, std::vector<double> vx, std::vector<double> y,
         std::vector<double> x, const PlvOptions& options = {});

struct PltOptions {
  std::optional<Color> color;
  std::optional<int> font;
  std::optional<double> height;   ///< points
  std::optional<double> angle;    ///< degrees; Gist's orient n is n*90
  std::optional<std::string> justify;
  std::optional<bool> opaque;
  bool tosys = false;             ///< x, y in the current system's world coordinates
  std::string legend;
  bool hide = false;
};
/// plt(text, x, y): text at NDC (or world with tosys).
void plt(std::string text, double x, double y, const PltOptions& options = {});

/// pltitle(title): centred above the current system's viewport.
void pltitle(const std::string& title);
/// xytitles(xtitle, ytitle): below and left of the viewport.
void xytitles(const std::string& xtitle, const std::string& ytitle, double dx = 0, double dy = 0);

struct ColorbarOptions {
  bool vertical = true;
  std::optional<std::vector<double>> levs;  ///< tick values; default nice ticks
  std::string label;                         ///< text beside the bar
  std::optional<Color> color;
  std::optional<double> font_height;
};
/// colorbar(cmin, cmax): the palette as a bar beside the current viewport,
/// with its own ticks and labels (drawn in system 0).
void colorbar(double cmin, double cmax, const ColorbarOptions& options = {});

/// plq(): what the current system holds, in order (Gist numbers them from 1).
struct ElementSummary {
  int index = 0;  ///< 1-based
  std::string kind;  ///< "plg", "pldj", "plt", "plm", "plf", "plc", "pli", "plfp", "plv"
  std::string legend;
  bool hide = false;
  std::size_t points = 0;
};
std::vector<ElementSummary> plq();
/// plremove(n): removes element n (1-based) of the current system (default
/// pledit's: the last one added, or the one plq(n) named).
void plremove(std::optional<int> n = std::nullopt);

/// pledit's keywords: each set one changes that property of the element.
/// The element's kind must have the property (else std::invalid_argument,
/// naming it), as Gist's pledit for region, boundary, levs, scale, scalem,
/// dx, dy and inhibit.
struct ElementEdit {
  std::optional<std::string> legend;
  std::optional<bool> hide;
  LineStyleUpdate line;  ///< its color colours the marks and text with the line too, as Gist
  std::optional<bool> closed;
  std::optional<int> smooth;
  std::optional<int> font;
  std::optional<double> height;
  std::optional<double> angle;  ///< orient * 90
  std::optional<std::string> justify;
  std::optional<bool> opaque;
  std::optional<bool> hollow;
  std::optional<double> aspect;
  std::optional<int> region;
  std::optional<bool> boundary;
  std::optional<std::vector<double>> levs;
  std::optional<double> scale, scalem;  ///< plv: a new scale, or the scale times scalem
  std::optional<double> dx, dy;         ///< plt: move the text by (dx, dy)
  std::optional<bool> edges;
  std::optional<Color> ecolor;
  std::optional<double> ewidth;
  std::optional<int> inhibit;
};
/// pledit(n, edit): changes element n (1-based) of the current system in
/// place; without n, the element pledit and plremove default to. Returns
/// the element's number.
int pledit(std::optional<int> n, const ElementEdit& edit);
/// The element pledit defaults to (1-based; 0 if none): the last one added
/// to the current system, or the one named by select_element (plq(n));
/// select_element(0) leaves none.
int current_element();
void select_element(int n);

// ---------------------------------------------------------------- hardcopy

/// Hardcopy files, as Gist. Each window may have its own file
/// (window(hcp=)); hcp_file names the default file that every other window
/// uses. The kind follows the name: ".ps" one multi-page PostScript file,
/// ".pdf" one multi-page PDF, ".png"/".svg"/".eps" one numbered file per
/// frame, anything else (".cgm") a CGM family: the first file has exactly
/// the name given, and past pldefault's cgmfilesize the next one is named
/// by Gist's rule (next_family_name). A frame with nothing drawn is not
/// written.
struct HcpFileOptions {
  std::optional<bool> dump;  ///< CGM files carry the palette (default yes)
  std::optional<bool> ps;    ///< the automatic default file is Aa00.ps (default) or Aa00.cgm
};
/// hcp_file(name): opens the default hardcopy file ("" closes it); with
/// only options and no name, sets the modes for the files opened later.
void hcp_file(const std::string& name, const HcpFileOptions& options = {});
/// hcp(): sends the current frame to the window's file, else the default
/// file, opening Aa00.ps (the first free name Aa00..Zz00) if there is none.
void hcp();
/// hcpon()/hcpoff(): every fma() sends the finished frame too / stops that
/// (for every window, as Gist).
void hcpon();
void hcpoff();
/// hcp_finish(n): completes and closes window n's file (or, if it has
/// none, the default file; n = -1: the default file; no n: the current
/// window's); returns the name of the (last) file written, "" if none.
std::string hcp_finish(std::optional<int> n = std::nullopt);
/// The name of the hardcopy file window n (default current) writes to.
std::string hcp_name(std::optional<int> n = std::nullopt);

/// Single files of the current frame, written whole (temporary name, renamed).
void png(const std::string& path, std::optional<double> dpi = std::nullopt);
void pdf(const std::string& path);
void eps(const std::string& path);
void svg(const std::string& path);

/// Deletes every window and restores the defaults (tests use it).
void reset_all();

}  // namespace pargist::plot
