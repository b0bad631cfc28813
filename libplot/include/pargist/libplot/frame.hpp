// The Gist drawing model: a frame (display list) of coordinate systems, each
// holding drawing elements in world coordinates.
//
// Elements own their data, so a Frame can be copied to another thread (the
// live window), serialized (CGM's APPLICATION DATA, the viewer) and
// re-rendered at any size or zoom without loss. Nothing here draws; see
// renderer.hpp for the backends and render() for the driver.
//
// Units follow Gist: page coordinates are "NDC", where 0.0013 NDC is one
// point and (0,0) is the lower left corner of an 8.5x11 inch portrait page.
// Line widths are in Gist units (1 = 1/2 point), marker sizes in msize units
// (1 = 10 points), text heights in points.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace pargist::plot {

/// One typographic point in NDC (Gist: 0.0013 NDC = 1 point).
inline constexpr double kNdcPerPoint = 0.0013;
/// One NDC unit expressed in points.
inline constexpr double kPointsPerNdc = 1.0 / kNdcPerPoint;
/// Points per inch (Gist uses the printer's 72.27).
inline constexpr double kPointsPerInch = 72.27;
/// One inch in NDC.
inline constexpr double kNdcPerInch = kPointsPerInch * kNdcPerPoint;
/// The portrait page, in NDC: 8.5 x 11 inches.
inline constexpr double kPageWidthNdc = 8.5 * kNdcPerInch;
inline constexpr double kPageHeightNdc = 11.0 * kNdcPerInch;

// ---------------------------------------------------------------- colours

/// An 8-bit RGB triple.
struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  friend bool operator==(Rgb a, Rgb b) { return a.r == b.r && a.g == b.g && a.b == b.b; }
  friend bool operator!=(Rgb a, Rgb b) { return !(a == b); }
};

/// Gist's named colours, with Gist's byte codes (255..246, i.e. -1..-10).
enum class NamedColor : std::uint8_t {
  bg = 255, fg = 254, black = 253, white = 252, red = 251,
  green = 250, blue = 249, cyan = 248, magenta = 247, yellow = 246,
};

/// A colour as Gist knows it: a named colour, an index into the frame's
/// palette (0..255), or a direct RGB value.
struct Color {
  enum class Kind : std::uint8_t { named, index, rgb };
  Kind kind = Kind::named;
  std::uint8_t index = static_cast<std::uint8_t>(NamedColor::fg);  // named code or palette index
  Rgb rgb{};                                                     // when kind == rgb

  constexpr Color() = default;
  constexpr Color(NamedColor n) : kind(Kind::named), index(static_cast<std::uint8_t>(n)) {}
  static constexpr Color palette(std::uint8_t i) { Color c; c.kind = Kind::index; c.index = i; return c; }
  static constexpr Color from_rgb(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    Color c; c.kind = Kind::rgb; c.rgb = {r, g, b}; return c;
  }
  /// Gist's integer colour codes: -1..-10 (or 255..246) are the named colours,
  /// 0..245 palette indices. Throws std::invalid_argument otherwise.
  static Color from_code(int code);
  /// "fg", "bg", "black", "white", "red", "green", "blue", "cyan", "magenta",
  /// "yellow" (any case) or "#rrggbb". Throws std::invalid_argument for any
  /// other name. (Gist's vocabulary, vocabulary.hpp, defines both.)
  static Color from_name(const std::string& name);

  friend bool operator==(const Color& a, const Color& b) {
    return a.kind == b.kind && (a.kind == Kind::rgb ? a.rgb == b.rgb : a.index == b.index);
  }
  friend bool operator!=(const Color& a, const Color& b) { return !(a == b); }
};

/// A palette: up to 256 colours addressed by index. Gist's standard palettes
/// have 240 entries, leaving 246..255 for the named colours.
struct Palette {
  std::string name;
  std::vector<Rgb> colors;
};

// ------------------------------------------------------------- attributes

/// Gist line types (plg's type= keyword): 0 draws no line (markers only).
enum class LineType : std::uint8_t { none = 0, solid = 1, dash = 2, dot = 3, dashdot = 4, dashdotdot = 5 };

struct LineStyle {
  Color color = NamedColor::fg;
  LineType type = LineType::solid;
  double width = 1.0;  ///< Gist units: 1.0 is 1/2 point
};

/// Gist marker shapes (marker= keyword); any printable character other than
/// 1..5 is drawn as that letter.
enum GistMarker : int { marker_point = 1, marker_plus = 2, marker_asterisk = 3, marker_circle = 4, marker_cross = 5 };

struct MarkerStyle {
  Color color = NamedColor::fg;
  int marker = marker_asterisk;  ///< 1..5 (GistMarker) or a character code
  double size = 1.0;             ///< msize: 1.0 is 10 points
};

/// Font codes as in Gist: family + bold (1) + italic (2).
enum GistFont : int {
  font_courier = 0x00, font_times = 0x04, font_helvetica = 0x08,
  font_symbol = 0x0c, font_schoolbook = 0x10, font_bold = 0x01, font_italic = 0x02,
};

/// Horizontal and vertical text alignment (Gist's justify= "NN".."RB").
enum class HAlign : std::uint8_t { normal = 0, left = 1, center = 2, right = 3 };
enum class VAlign : std::uint8_t { normal = 0, top = 1, cap = 2, half = 3, base = 4, bottom = 5 };

struct TextStyle {
  Color color = NamedColor::fg;
  int font = font_helvetica;
  double height = 14.0;        ///< points
  double angle = 0.0;          ///< degrees counter-clockwise (Gist's orient 1 = 90)
  HAlign halign = HAlign::normal;  ///< normal = left
  VAlign valign = VAlign::normal;  ///< normal = base
  bool opaque = false;         ///< draw a background box under the text
};

// -------------------------------------------------------------- elements

/// What every element carries, whatever its kind.
struct ElementInfo {
  std::string legend;  ///< text in the legend below the viewport ("" = none)
  bool hide = false;   ///< kept in the frame but not drawn
};

/// plg: a polyline through (x[i], y[i]), optionally closed, with markers.
struct Lines {
  ElementInfo info;
  std::vector<double> x, y;
  LineStyle line;
  bool closed = false;
  bool markers_at_points = false;  ///< marks at every point (type=0 + marker=)
  bool marks = false;              ///< letter marks spaced along the curve
  MarkerStyle marker;
  double mspace = 0.16;            ///< NDC distance between marks along the curve
  double mphase = 0.0;             ///< NDC: the first mark is mspace - mphase along the curve
  bool rays = false;               ///< arrowheads along the curve
  double rspace = 0.13, rphase = 0.0;  ///< spacing and phase of the rays, as mspace, mphase
  double arrowl = 1.0, arroww = 1.0;   ///< ray arrowhead length and width (1 = 10 and 4 points)
  int smooth = 0;                  ///< 1..4: Gist's Bezier smoothing of an undecorated curve
};

/// pldj: disjoint segments (x0[i],y0[i]) - (x1[i],y1[i]).
struct Disjoint {
  ElementInfo info;
  std::vector<double> x0, y0, x1, y1;
  LineStyle line;
};

/// plt: a text string. Gist's escapes: '!' before a letter selects the
/// symbol font for it ("!p" is pi, "!!" a literal '!'), '^' starts a
/// superscript, '_' a subscript (back to normal at the next '^'/'_' pair).
struct Text {
  ElementInfo info;
  double x = 0, y = 0;  ///< NDC in system 0, world coordinates otherwise
  std::string text;
  TextStyle style;
  bool tosys = false;   ///< true when placed in world coordinates (informative)
};

/// A quadrilateral mesh as Gist's plm/plc/plf take it: ni x nj points, with
/// i varying fastest (x[i + ni*j]). ireg, if not empty, has ni*nj entries:
/// ireg[i + ni*j] is the region of the zone whose upper corner is point
/// (i, j) (so entries with i == 0 or j == 0 are ignored); 0 = no zone.
/// An empty ireg means every zone is region 1.
struct QuadMesh {
  std::size_t ni = 0, nj = 0;
  std::vector<double> x, y;
  std::vector<int> ireg;
};

/// plm: the mesh lines.
struct Mesh {
  ElementInfo info;
  QuadMesh mesh;
  LineStyle line;
  int region = 0;        ///< 0 = every region
  bool boundary = false; ///< draw only the boundary of the region
  int inhibit = 0;       ///< 1: no j=const lines, 2: no i=const lines
};

/// plf: zones of a mesh filled with the colour of zone-centred z.
/// z has ni*nj entries laid out like ireg (the zone of upper corner (i,j));
/// alternatively `colors` gives palette indices directly (same layout).
struct FillMesh {
  ElementInfo info;
  QuadMesh mesh;
  std::vector<double> z;
  std::vector<std::uint8_t> colors;
  bool has_cmin = false, has_cmax = false;
  double cmin = 0, cmax = 0;
  int top = -1;     ///< Gist's bytscl top: the highest palette index used (-1: the palette's last)
  int region = 0;   ///< 0: every zone whose ireg is non-zero
  bool edges = false;
  LineStyle edge_style;
};

/// plc: contours of point-centred z (ni*nj) on a mesh at the given levels.
struct Contours {
  ElementInfo info;
  QuadMesh mesh;
  std::vector<double> z;
  std::vector<double> levels;  ///< chosen by the caller (gist.hpp picks nice ones)
  LineStyle line;
  int region = 0;
  bool marks = false;          ///< letter marks along each level (A, B, ...)
  MarkerStyle marker;          ///< style of those marks; a letter marker names the first level
  double mspace = 0.16;        ///< spacing of the marks; each curve's phase a quarter more than the last
  double mphase = 0.0;
  int smooth = 0;              ///< 1..4: smoothed curves (when not marked), as plg's smooth
};

/// pli: a cell array of nx x ny cells covering [x0,x1] x [y0,y1] in world
/// coordinates, row 0 at y0, x varying fastest. Either `z` (scaled through
/// cmin/cmax onto the palette), `colors` with 1 channel (palette indices) or
/// 3 channels (RGB). Drawn with nearest-neighbour cells.
/// The least and greatest finite values of an array (lo > hi: none finite).
struct ValueRange {
  double lo = 0, hi = 0;
};

struct Cells {
  ElementInfo info;
  std::size_t nx = 0, ny = 0;
  double x0 = 0, y0 = 0, x1 = 1, y1 = 1;
  std::vector<double> z;
  std::vector<std::uint8_t> colors;
  int channels = 1;
  bool has_cmin = false, has_cmax = false;
  double cmin = 0, cmax = 0;
  int top = -1;     ///< highest palette index used by z (-1: the palette's last)
  /// z's finite range, found once by pli() as it takes z (when cmin or cmax
  /// is left to it), so that no render of the frame (a window's first
  /// render of each new page, each hardcopy) reads z for it again. Empty:
  /// found when drawn (cells read from a file or built directly). Whoever
  /// changes z must reset it.
  std::optional<ValueRange> z_range;
};

/// plfp: filled polygons; n[k] vertices each, concatenated in x, y. Colours
/// either from z (one per polygon, through cmin/cmax) or `colors` (one per
/// polygon); edges drawn if `edges`.
struct Polys {
  ElementInfo info;
  std::vector<double> x, y;
  std::vector<std::size_t> n;
  std::vector<double> z;
  std::vector<Color> colors;
  bool has_cmin = false, has_cmax = false;
  double cmin = 0, cmax = 0;
  int top = -1;     ///< highest palette index used by z (-1: the palette's last)
  bool edges = false;
  LineStyle edge_style;
};

/// plv: Gist's darts: a triangle for each vector (vx, vy) at (x, y), its
/// centroid on the point, its length `scale` times the vector (world units
/// per vector unit), filled in the line colour unless `hollow`. The points
/// may be a mesh of ni columns with a region array (as QuadMesh's ireg);
/// then only points next to a zone of `region` (0: any) are drawn.
struct Vectors {
  ElementInfo info;
  std::vector<double> x, y, vx, vy;
  LineStyle line;
  double scale = 1;
  bool hollow = false;
  double aspect = 0.125;  ///< half-width of the dart's base over its length
  std::size_t ni = 0;     ///< mesh columns (0: scattered points)
  std::vector<int> ireg;  ///< regions of the mesh's zones, or empty
  int region = 0;
};


// --------------------------------------------------------- 3-D (pl3d)
//
// A Scene3 element keeps 3-D data and the view it is seen from; render()
// projects, lights and orders it (painter's algorithm) into 2-D polygons,
// so a window can turn the view without the data being sent again. See
// pl3d.hpp for the computations.

/// pl3d's viewing transform, in pygist's convention: object point p is seen
/// at v[a] = sum_b (p[b] - org[b]) rot[b][a] (x right, y up, z towards the
/// viewer). With a camera at distance zc (perspective), x, y and z are
/// divided by max(zc - z, 1e-35).
struct View3 {
  double rot[3][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  double org[3] = {0, 0, 0};
  bool perspective = false;
  double zc = 0;
};

/// light3: a surface's light is ambient + diffuse |cos(normal, view)| plus,
/// for each source, specular * max(1 + cos(alpha), 1e-30)^spower, alpha
/// the angle between the reflected source direction sdir and the view.
/// specular, spower and sdir have one entry per source (or one for all).
struct Light3 {
  double ambient = 0.2, diffuse = 1.0;
  std::vector<double> specular{0.0};
  std::vector<double> spower{2.0};
  std::vector<std::array<double, 3>> sdir{{1.0 / 1.5, 0.5 / 1.5, 1.0 / 1.5}};
};

/// Polygons in object coordinates (n[k] vertices each, x y z concatenated)
/// and how they are filled: shaded by the light, scaled values, palette
/// indices, or the background colour.
struct Poly3 {
  std::vector<std::size_t> n;
  std::vector<double> xyz;
  enum class Fill : std::uint8_t { shade, values, colors, background };
  Fill fill = Fill::shade;
  std::vector<double> values;        ///< one per polygon (Fill::values)
  std::vector<std::uint8_t> colors;  ///< one palette index per polygon (Fill::colors)
  bool has_cmin = false, has_cmax = false;
  double cmin = 0, cmax = 0;
  bool split = true;   ///< pl3tree's split palette: shades in 100-199, values in 0-99
  bool edges = false;
};

/// pl3surf: one polygon list drawn back to front.
struct Surface3 {
  Poly3 polys;
};

/// pl3tree: a b-tree of slicing planes (node 0 is the root). A node with a
/// plane holds the polygons lying in it, a subtree behind and one in front;
/// a node without one is a leaf of surfaces, drawn back to front.
struct Tree3Node {
  bool has_plane = false;
  std::array<double, 4> plane{0, 0, 0, 0};
  int back = -1, front = -1;
  std::vector<Poly3> polys;
};
struct Tree3 {
  std::vector<Tree3Node> nodes;
  bool multiple_components = false;  ///< pygist: more than one pl3tree call built it
};

/// plwf: a wire frame / shaded surface, ni x nj points in object
/// coordinates (i fastest, x y z per point).
struct Wire3 {
  std::size_t ni = 0, nj = 0;
  std::vector<double> xyz;
  std::vector<double> fill;   ///< (ni-1)*(nj-1) zone values, i fastest, or empty
  bool shade = false;
  bool edges = true;
  LineStyle edge_style;
  bool cull = true;           ///< false: the mesh lines only, seen through
  bool has_cmax = false;
  double cmax = 0;
};

/// The gnomon: the object axes' directions at (x, y) NDC, axes `scale`
/// points long, labels drawn reversed when an axis points into the screen.
struct Gnomon3 {
  double x = 0.18, y = 0.42, scale = 30.0;
  std::array<std::string, 3> labels{"X", "Y", "Z"};
};

/// One 3-D object with its view and light. normalize (pygist's pl3surf and
/// pl3tree) maps the box of the object's polygons onto the unit cube before
/// viewing, each axis on its own.
struct Scene3 {
  ElementInfo info;
  View3 view;
  Light3 light;
  bool normalize = false;
  std::variant<Surface3, Tree3, Wire3, Gnomon3> object;
};

/// Gist's marker form of plfp: when the second polygon has one vertex, the
/// first polygon (NDC offsets about the origin) is drawn at each point of
/// the one-vertex polygons after it (pygist's plmk).
inline bool polys_are_markers(const Polys& p) { return p.n.size() >= 2 && p.n[1] == 1; }

/// Gist's plv scale when none is given: the largest vector about one zone
/// (the mean of the x and y extents over ni + nj, over the wider of the
/// vx and vy ranges); 1 when the vectors do not vary.
double automatic_vector_scale(const Vectors& v);

using Element = std::variant<Lines, Disjoint, Text, Mesh, FillMesh, Contours, Cells, Polys, Vectors, Scene3>;

/// The info header of any element.
const ElementInfo& element_info(const Element& e);
ElementInfo& element_info(Element& e);

/// Gist's name of the primitive that makes this element ("plg", "pli", ...).
const char* element_kind(const Element& e);

/// Checks that an element's arrays agree (lengths, mesh sizes, counts, at
/// least one point); throws std::invalid_argument saying what is wrong.
/// NaN/Inf values are allowed in data (gaps, skipped when drawn), but an
/// element without a single finite point, or a cell array with non-finite
/// corners, is rejected.
void validate_element(const Element& e);

// --------------------------------------------------------- coordinate systems

/// A rectangle in NDC.
struct Box {
  double xmin = 0, xmax = 0, ymin = 0, ymax = 0;
  bool contains(double x, double y) const { return x >= xmin && x <= xmax && y >= ymin && y <= ymax; }
};

/// World limits with Gist's flags. Each side is fixed or automatic (the data
/// extremes, rounded to nice values when `nice`).
struct Limits {
  double xmin = 0, xmax = 1, ymin = 0, ymax = 1;
  bool auto_xmin = true, auto_xmax = true, auto_ymin = true, auto_ymax = true;
  bool log_x = false, log_y = false;
  bool square = false;    ///< same world units per NDC on both axes
  bool nice = false;      ///< round automatic limits to nice values
  bool restrict = false;  ///< auto y limits only from points inside x limits

  /// Gist's flag word (limits() returns it as its 5th value):
  /// 1,2,4,8 auto xmin/xmax/ymin/ymax, 0x10 square, 0x20 nice, 0x40 restrict,
  /// 0x80 log x, 0x100 log y.
  int gist_flags() const;
  void set_gist_flags(int flags);

  /// Four fixed sides (a mouse zoom); a default Limits has four automatic ones.
  static Limits fixed(double xmin, double xmax, double ymin, double ymax) {
    Limits l;
    l.xmin = xmin, l.xmax = xmax, l.ymin = ymin, l.ymax = ymax;
    l.auto_xmin = l.auto_xmax = l.auto_ymin = l.auto_ymax = false;
    return l;
  }
  bool any_auto() const { return auto_xmin || auto_xmax || auto_ymin || auto_ymax; }
  /// The four sides and which of them are automatic, from `other`; the
  /// other flags (log, square, nice, restrict) stay.
  void set_sides(const Limits& other) {
    xmin = other.xmin, xmax = other.xmax, ymin = other.ymin, ymax = other.ymax;
    auto_xmin = other.auto_xmin, auto_xmax = other.auto_xmax;
    auto_ymin = other.auto_ymin, auto_ymax = other.auto_ymax;
  }
  /// The same sides and automatic flags (the other flags are not compared).
  bool same_sides(const Limits& o) const {
    return xmin == o.xmin && xmax == o.xmax && ymin == o.ymin && ymax == o.ymax && auto_xmin == o.auto_xmin &&
           auto_xmax == o.auto_xmax && auto_ymin == o.auto_ymin && auto_ymax == o.auto_ymax;
  }
};

/// Tick flags (Gist's ticks.horiz.flags), as in work.gs.
enum TickFlags : unsigned {
  tick_lower = 0x001, tick_upper = 0x002, tick_center = 0x004, tick_in = 0x008,
  tick_out = 0x010, label_lower = 0x020, label_upper = 0x040, grid_full = 0x080,
  grid_origin = 0x100,
};

/// One axis of a tick style (Gist's GaAxisStyle).
struct AxisStyle {
  double n_major = 7.5, n_minor = 50.0;
  double log_adj_major = 1.2, log_adj_minor = 1.2;
  int n_digits = 3;
  int grid_level = 1;
  unsigned flags = tick_lower | tick_upper | tick_out | label_lower;
  double tick_off = 0.0007, label_off = 0.0182;
  double tick_len[5] = {0.0143, 0.0091, 0.0052, 0.0026, 0.0013};
  LineStyle tick_style{NamedColor::fg, LineType::solid, 1.0};
  LineStyle grid_style{NamedColor::fg, LineType::dot, 1.0};
  TextStyle text_style{NamedColor::fg, font_helvetica, 0.0182 * kPointsPerNdc, 0.0,
                       HAlign::normal, VAlign::normal, false};
  double x_over = 0.395, y_over = 0.370;  ///< where an overflowing exponent goes
  /// Gist's alternative ticks and labels (gridxy's base60=, degrees=, hhmm=).
  enum class Labels : std::uint8_t { numbers, degrees, hhmm };
  bool base60 = false;              ///< majors at multiples of 30 (within +-3600)
  Labels label_kind = Labels::numbers;
};

struct TickStyle {
  AxisStyle horiz, vert;
  bool frame = false;  ///< draw the viewport rectangle
  LineStyle frame_style;
};

/// A coordinate system: a viewport on the page, world limits, ticks, and the
/// elements drawn in it. System 0 of a frame is the page itself (NDC, no
/// ticks, no clipping).
struct CoordSystem {
  Box viewport{0.19, 0.60, 0.44, 0.85};
  Limits limits;
  TickStyle ticks;
  std::string legend;
  std::vector<Element> elements;
};

/// Where legends go (Gist's legends / clegends boxes, NDC).
struct LegendBox {
  double x = 0.04698, y = 0.360, dx = 0.3758, dy = 0.0;
  TextStyle text_style{NamedColor::fg, font_courier, 0.0156 * kPointsPerNdc, 0.0,
                       HAlign::left, VAlign::top, false};
  int nchars = 36, nlines = 20, nwrap = 2;
};

/// A whole picture: what fma() finishes and every output renders.
struct Frame {
  std::string style = "work";        ///< name of the style it was built from
  bool landscape = false;
  Palette palette;
  std::vector<CoordSystem> systems;  ///< [0] is NDC; [1..] the style's systems
  LegendBox legends;
  LegendBox contour_legends{0.6182, 0.8643, 0.0, 0.0,
                            {NamedColor::fg, font_courier, 0.0156 * kPointsPerNdc, 0.0,
                             HAlign::left, VAlign::top, false},
                            14, 28, 1};
  bool draw_legends = true;
  int number = 0;                    ///< frame number (counts fma()s)
  std::string title;                 ///< the pltitle text, kept for metadata
};

}  // namespace pargist::plot
