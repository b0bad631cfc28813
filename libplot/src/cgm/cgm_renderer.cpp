// The CGM backend: one rendered frame -> one CGM picture in Gist's dialect.
// The picture is collected in memory and handed over whole at end_page(), so
// that the family writer can put it on disk in a single write.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <unordered_map>

#include "cgm_elements.hpp"
#include "cgm_gist_dialect.hpp"
#include "cgm_vdc.hpp"
#include "cgm_world_record.hpp"
#include "pargist/libplot/cgm.hpp"

namespace pargist::cgm {

using plot::Color;
using plot::Rgb;

namespace {

// Gist splits long point lists so that no element needs partitions.
constexpr std::size_t kMaxPointsPerElement = 4050;
constexpr std::size_t kMaxSegmentsPerElement = 2025;
constexpr std::size_t kMaxCellSide = 0x7ffe;

std::uint32_t rgb_key(Rgb c) { return (std::uint32_t(c.r) << 16) | (std::uint32_t(c.g) << 8) | c.b; }

int distance2(Rgb a, Rgb b) {
  const int dr = int(a.r) - b.r, dg = int(a.g) - b.g, db = int(a.b) - b.b;
  return dr * dr + dg * dg + db * db;
}

}  // namespace

struct CgmRenderer::Impl {
  CgmOptions options;
  int page_number = 1;
  bool landscape = false;
  std::vector<std::uint8_t> record;   // world-coordinate record of the page
  const plot::Frame* frame = nullptr;  // the page's frame, recorded at end_page()
  std::vector<DrawnCells> drawn;      // the body's CELL ARRAYs, for the record
  std::vector<std::uint8_t> body;     // the picture body being drawn
  std::vector<std::uint8_t> picture;  // the finished picture

  // The page's colour table from index 10: the frame's palette, then the
  // direct RGB colours drawn on the page while room is left.
  std::vector<Rgb> table;
  std::size_t palette_size = 0;
  bool table_needed = false;
  std::unordered_map<std::uint32_t, int> rgb_index;

  // Attribute state in the picture; -1 / NaN = not written yet.
  int line_color = -1, line_type = -1, marker_color = -1, marker_type = -1;
  int text_color = -1, font = -1, char_height = -1, halign = -1, valign = -1;
  int fill_color = -1, edge_color = -1, edge_type = -1, edge_visible = -1, transparency = -1;
  double line_width = NAN, marker_size = NAN, edge_width = NAN, text_angle = NAN;
  int clip_on = 0;  // the defaults replacement turns clipping off
  int clip[4] = {0, 0, 0, 0};
  bool clip_written = false;

  Params p;  // scratch parameters

  void emit(int cls, int id) { append_element(body, cls, id, p); }

  void reset_page(const plot::Frame& frame) {
    // A fresh state for the page, keeping the buffers' memory: a run writes
    // thousands of pictures of about the same size.
    Impl fresh;
    fresh.options = options;
    fresh.page_number = page_number;
    std::swap(fresh.body, body);
    std::swap(fresh.picture, picture);
    std::swap(fresh.drawn, drawn);
    *this = std::move(fresh);
    body.clear();
    drawn.clear();
    this->frame = &frame;
    landscape = frame.landscape;
    const auto& pal = frame.palette.colors;
    palette_size = options.dump_palette ? std::min<std::size_t>(pal.size(), gist::kMaxPaletteColours) : 0;
    if (palette_size) {
      table.assign(pal.begin(), pal.begin() + palette_size);
      table_needed = true;
    } else {
      // No palette: the table the header installed (Gist's gray ramp).
      for (int i = 0; i < 240; ++i) {
        const auto g = static_cast<std::uint8_t>(i + (i + 8) / 15);
        table.push_back({g, g, g});
      }
    }
  }

  int index_of_rgb(Rgb c) {
    for (std::size_t i = 0; i < gist::kFixedColours.size(); ++i) {
      const auto& f = gist::kFixedColours[i];
      if (f.r == c.r && f.g == c.g && f.b == c.b) return gist::kFirstFixedIndex + int(i);
    }
    const auto key = rgb_key(c);
    if (auto it = rgb_index.find(key); it != rgb_index.end()) return it->second;
    int best = -1;
    for (std::size_t i = 0; i < table.size(); ++i)
      if (table[i] == c) { best = gist::kFirstPaletteIndex + int(i); break; }
    if (best < 0 && table.size() < std::size_t(gist::kMaxPaletteColours)) {
      table.push_back(c);
      table_needed = true;
      best = gist::kFirstPaletteIndex + int(table.size() - 1);
    }
    if (best < 0) {  // table full: the nearest entry, fixed colours included
      int dmin = 1 << 30;
      for (std::size_t i = 0; i < gist::kFixedColours.size(); ++i) {
        const auto& f = gist::kFixedColours[i];
        const int d = distance2(c, {f.r, f.g, f.b});
        if (d < dmin) { dmin = d; best = gist::kFirstFixedIndex + int(i); }
      }
      for (std::size_t i = 0; i < table.size(); ++i) {
        const int d = distance2(c, table[i]);
        if (d < dmin) { dmin = d; best = gist::kFirstPaletteIndex + int(i); }
      }
    }
    rgb_index.emplace(key, best);
    return best;
  }

  int index_of_palette(int i) const {
    if (palette_size == 0) return gist::kFirstPaletteIndex + std::min(i, 239);
    return gist::kFirstPaletteIndex + std::min<int>(i, int(palette_size) - 1);
  }

  int index_of(const Color& c) {
    switch (c.kind) {
      case Color::Kind::named: return 255 - c.index;  // bg 0, fg 1, black 2 .. yellow 9
      case Color::Kind::index: return c.index >= 246 ? 255 - c.index : index_of_palette(c.index);
      case Color::Kind::rgb: return index_of_rgb(c.rgb);
    }
    return gist::kForegroundIndex;
  }

  void set_color(int& current, int id, int index) {
    if (current == index) return;
    p.clear();
    p.u8(unsigned(index));
    emit(kAttribute, id);
    current = index;
  }

  // Returns false when the style draws nothing.
  bool setup_line(const plot::LineStyle& s) {
    if (s.type == plot::LineType::none) return false;
    set_color(line_color, 4, index_of(s.color));
    const int type = std::clamp(int(s.type), 1, gist::kMaxLineType);
    if (type != line_type) {
      p.clear();
      p.i16(type);
      emit(kAttribute, 2);
      line_type = type;
    }
    if (!(s.width == line_width)) {
      p.clear();
      p.fixed(s.width);
      emit(kAttribute, 3);
      line_width = s.width;
    }
    return true;
  }

  bool setup_marker(const plot::MarkerStyle& s) {
    if (s.marker <= 0) return false;
    set_color(marker_color, 8, index_of(s.color));
    if (s.marker != marker_type) {
      p.clear();
      p.i16(s.marker);
      emit(kAttribute, 6);
      marker_type = s.marker;
    }
    if (!(s.size == marker_size)) {
      p.clear();
      p.fixed(s.size);
      emit(kAttribute, 7);
      marker_size = s.size;
    }
    return true;
  }

  void setup_edge(const plot::LineStyle* e) {
    const int visible = (e && e->type != plot::LineType::none) ? 1 : 0;
    if (visible) {
      set_color(edge_color, 29, index_of(e->color));
      const int type = std::clamp(int(e->type), 1, gist::kMaxLineType);
      if (type != edge_type) {
        p.clear();
        p.i16(type);
        emit(kAttribute, 27);
        edge_type = type;
      }
      if (!(e->width == edge_width)) {
        p.clear();
        p.fixed(e->width);
        emit(kAttribute, 28);
        edge_width = e->width;
      }
    }
    if (visible != edge_visible) {
      p.clear();
      p.i16(visible);
      emit(kAttribute, 30);
      edge_visible = visible;
    }
  }

  void setup_text(const plot::TextStyle& s) {
    set_color(text_color, 14, index_of(s.color));
    const int gist_font = (s.font >= 0 && s.font < 20) ? s.font : 0;
    const int cgm_font = gist::kCgmFontIndexOfGistFont[std::size_t(gist_font)];
    if (cgm_font != font) {
      p.clear();
      p.i16(cgm_font);
      emit(kAttribute, 10);
      font = cgm_font;
    }
    const int height = to_vdc(gist::kCapHeightPerPointSize * s.height * gist::kOnePoint);
    if (height != char_height) {
      p.clear();
      p.i16(height);
      emit(kAttribute, 15);
      char_height = height;
    }
    if (int(s.halign) != halign || int(s.valign) != valign) {
      p.clear();
      p.i16(int(s.halign));
      p.i16(int(s.valign));
      p.fixed(0);
      p.fixed(0);
      emit(kAttribute, 18);
      halign = int(s.halign);
      valign = int(s.valign);
    }
    if (!(s.angle == text_angle)) {
      // CHARACTER ORIENTATION: up vector then base vector. Gist's four
      // orientations are written as unit vectors, other angles scaled.
      const double a = s.angle * M_PI / 180.0;
      const double scale = std::fmod(std::fabs(s.angle), 90.0) == 0.0 ? 1.0 : 1000.0;
      const int cx = int(std::lround(std::cos(a) * scale)), sy = int(std::lround(std::sin(a) * scale));
      p.clear();
      p.i16(-sy);
      p.i16(cx);
      p.i16(cx);
      p.i16(sy);
      emit(kAttribute, 16);
      text_angle = s.angle;
    }
    const int transparent = s.opaque ? 0 : 1;
    if (transparent != transparency) {
      p.clear();
      p.i16(transparent);
      emit(kControl, 4);
      transparency = transparent;
    }
  }

  void points(const double* x, const double* y, std::size_t from, std::size_t to) {
    put_vdc_points(p.grow(4 * (to - from)), x, y, from, to);
  }

  void header(std::vector<std::uint8_t>& out) const {
    Params h;
    h.string("Page " + std::to_string(page_number));
    append_element(out, kDelimiter, 3, h);  // BEGIN PICTURE
    h.clear();
    h.i16(0);
    h.i16(0);
    h.i16(landscape ? gist::kPortraitVdcY : gist::kPortraitVdcX);
    h.i16(landscape ? gist::kPortraitVdcX : gist::kPortraitVdcY);
    append_element(out, kPictureDescriptor, 6, h);  // VDC EXTENT
    append_element(out, kDelimiter, 4);             // BEGIN PICTURE BODY
    if (table_needed && !table.empty()) {
      h.clear();
      h.u8(gist::kFirstPaletteIndex);
      for (const auto& c : table) {
        h.u8(c.r);
        h.u8(c.g);
        h.u8(c.b);
      }
      append_element(out, kAttribute, 34, h);  // COLOUR TABLE
    }
    if (!record.empty()) {
      h.clear();
      h.reserve(record.size() + 16);
      h.i16(gist::kWorldRecordId);
      h.string(std::string_view(reinterpret_cast<const char*>(record.data()), record.size()));
      append_element(out, kExternal, 2, h);  // APPLICATION DATA
    }
  }
};

CgmRenderer::CgmRenderer(const CgmOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
}
CgmRenderer::~CgmRenderer() = default;

void CgmRenderer::set_page_number(int n) { impl_->page_number = n; }

const std::vector<std::uint8_t>& CgmRenderer::picture() const { return impl_->picture; }

void CgmRenderer::begin_page(const plot::Frame& frame) { impl_->reset_page(frame); }

void CgmRenderer::set_clip(const plot::Box* clip) {
  auto& s = *impl_;
  if (!clip) {
    if (s.clip_on) {
      s.p.clear();
      s.p.i16(0);
      s.emit(kControl, 6);
      s.clip_on = 0;
    }
    return;
  }
  int box[4] = {to_vdc(std::min(clip->xmin, clip->xmax)), to_vdc(std::min(clip->ymin, clip->ymax)),
                to_vdc(std::max(clip->xmin, clip->xmax)), to_vdc(std::max(clip->ymin, clip->ymax))};
  if (!s.clip_written || !std::equal(box, box + 4, s.clip)) {
    s.p.clear();
    for (int v : box) s.p.i16(v);
    s.emit(kControl, 5);  // CLIP RECTANGLE
    std::copy(box, box + 4, s.clip);
    s.clip_written = true;
  }
  if (!s.clip_on) {
    s.p.clear();
    s.p.i16(1);
    s.emit(kControl, 6);  // CLIP INDICATOR
    s.clip_on = 1;
  }
}

void CgmRenderer::polyline(const double* x, const double* y, std::size_t n,
                           const plot::LineStyle& style, bool closed) {
  auto& s = *impl_;
  if (n < 2 || !s.setup_line(style)) return;
  // Chunks share their end points so that the line stays continuous.
  std::size_t from = 0;
  while (from + 1 < n) {
    const std::size_t to = std::min(n, from + kMaxPointsPerElement - (closed ? 1 : 0));
    s.p.clear();
    s.points(x, y, from, to);
    if (closed && to == n) s.points(x, y, 0, 1);
    s.emit(kPrimitive, 1);
    from = to - 1;
  }
}

void CgmRenderer::disjoint(const double* x0, const double* y0, const double* x1, const double* y1,
                           std::size_t n, const plot::LineStyle& style) {
  auto& s = *impl_;
  if (n == 0 || !s.setup_line(style)) return;
  for (std::size_t from = 0; from < n; from += kMaxSegmentsPerElement) {
    const std::size_t to = std::min(n, from + kMaxSegmentsPerElement);
    s.p.clear();
    for (std::size_t i = from; i < to; ++i) {
      s.p.i16(to_vdc(x0[i]));
      s.p.i16(to_vdc(y0[i]));
      s.p.i16(to_vdc(x1[i]));
      s.p.i16(to_vdc(y1[i]));
    }
    s.emit(kPrimitive, 2);
  }
}

void CgmRenderer::markers(const double* x, const double* y, std::size_t n,
                          const plot::MarkerStyle& style) {
  auto& s = *impl_;
  if (n == 0 || !s.setup_marker(style)) return;
  for (std::size_t from = 0; from < n; from += kMaxPointsPerElement) {
    const std::size_t to = std::min(n, from + kMaxPointsPerElement);
    s.p.clear();
    s.points(x, y, from, to);
    s.emit(kPrimitive, 3);
  }
}

void CgmRenderer::polygons(const double* x, const double* y, const std::size_t* counts,
                           std::size_t npoly, const plot::Color* colors,
                           const plot::LineStyle* edges) {
  auto& s = *impl_;
  bool edge_set = false;
  std::size_t at = 0;
  for (std::size_t k = 0; k < npoly; ++k) {
    const std::size_t n = counts[k];
    if (n >= 3) {
      s.set_color(s.fill_color, 23, s.index_of(colors[k]));
      if (!edge_set) {
        s.setup_edge(edges);
        edge_set = true;
      }
      s.p.clear();
      s.points(x, y, at, at + n);
      s.emit(kPrimitive, 7);
    }
    at += n;
  }
}

void CgmRenderer::cell_array(const plot::Box& where, std::size_t nx, std::size_t ny,
                             const std::uint8_t* data, int channels) {
  auto& s = *impl_;
  if (nx == 0 || ny == 0 || (channels != 1 && channels != 3)) return;
  // CGM cell arrays are limited to 16-bit sizes: sample bigger ones down.
  const std::size_t w = std::min(nx, kMaxCellSide), h = std::min(ny, kMaxCellSide);
  s.p.clear();
  s.p.i16(to_vdc(where.xmin));  // P: corner of the first cell of row 0
  s.p.i16(to_vdc(where.ymin));
  s.p.i16(to_vdc(where.xmax));  // Q: the opposite corner
  s.p.i16(to_vdc(where.ymax));
  s.p.i16(to_vdc(where.xmax));  // R: the end of row 0
  s.p.i16(to_vdc(where.ymin));
  s.p.i16(int(w));
  s.p.i16(int(h));
  s.p.i16(0);  // local colour precision: the default (8-bit indices)
  s.p.i16(1);  // packed list, not run-length encoded
  // Palette colours: Gist's index of each byte value (246..255: the fixed
  // colours 9..0; else 10 + the value, the palette's last colour past its
  // end), in arithmetic the compiler vectorises; and whether Gist's reading
  // of the indices (index < 10: 255 - index, else index - 10) gives every
  // value back (none in [palette length, 246)), in which case the record
  // need not hold these colours again.
  bool round_trip = channels == 1 && w == nx && h == ny;
  if (channels == 1) {
    const int length = s.palette_size ? int(s.palette_size) : 240;  // as index_of_palette()
    const auto last = std::uint8_t(length - 1), lost_from = std::uint8_t(length),
               lost_span = std::uint8_t(246 - length);
    auto index_of = [last](std::uint8_t v) {
      return v >= 246 ? std::uint8_t(255 - v) : std::uint8_t(gist::kFirstPaletteIndex + std::min(v, last));
    };
    std::uint8_t any_lost = 0;
    const std::size_t padded = w + (w & 1);
    for (std::size_t j = 0; j < h; ++j) {
      const std::size_t sj = h == ny ? j : j * ny / h;
      std::uint8_t* row = s.p.grow(padded);  // each row padded to a 16-bit word
      const std::uint8_t* src = data + sj * nx;
      if (w == nx) {
        for (std::size_t i = 0; i < w; ++i) {
          const std::uint8_t v = src[i];
          row[i] = index_of(v);
          any_lost |= std::uint8_t(std::uint8_t(v - lost_from) < lost_span);
        }
      } else {
        for (std::size_t i = 0; i < w; ++i) row[i] = index_of(src[i * nx / w]);
      }
    }
    round_trip = round_trip && !any_lost;
  } else {
    std::vector<std::uint8_t> row(w + (w & 1), 0);
    for (std::size_t j = 0; j < h; ++j) {
      const std::size_t sj = h == ny ? j : j * ny / h;
      for (std::size_t i = 0; i < w; ++i) {
        const std::size_t si = w == nx ? i : i * nx / w;
        const std::uint8_t* v = data + (sj * nx + si) * 3;
        row[i] = static_cast<std::uint8_t>(s.index_of_rgb({v[0], v[1], v[2]}));
      }
      s.p.bytes(row.data(), row.size());  // each row padded to a 16-bit word
    }
  }
  s.emit(kPrimitive, 9);
  s.drawn.push_back({data, nx * ny * std::size_t(channels), round_trip});
}

void CgmRenderer::text(double x, double y, const std::string& text, const plot::TextStyle& style) {
  auto& s = *impl_;
  if (text.empty()) return;
  if (to_vdc(gist::kCapHeightPerPointSize * style.height * gist::kOnePoint) <= 0) return;
  s.setup_text(style);
  // One TEXT per line, as Gist does; lines step by the point size along the
  // up vector, the block aligned as a whole like Gist's DrwText.
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (true) {
    const auto nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  const double step = style.height * gist::kOnePoint;
  const double a = style.angle * M_PI / 180.0;
  const double upx = -std::sin(a), upy = std::cos(a);
  double shift = 0;  // how far the first line moves up
  const double extra = step * double(lines.size() - 1);
  if (style.valign == plot::VAlign::normal || style.valign == plot::VAlign::base ||
      style.valign == plot::VAlign::bottom)
    shift = extra;
  else if (style.valign == plot::VAlign::half)
    shift = 0.5 * extra;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    const double d = shift - step * double(k);
    std::string line = lines[k].substr(0, 254);  // Gist's limit per string
    if (line.empty()) continue;
    s.p.clear();
    s.p.i16(to_vdc(x + d * upx));
    s.p.i16(to_vdc(y + d * upy));
    s.p.i16(1);  // final
    s.p.string(line);
    s.emit(kPrimitive, 4);
  }
}

plot::TextExtent CgmRenderer::measure_text(const std::string& text, const plot::TextStyle& style) {
  return Renderer::measure_text(text, style);
}

void CgmRenderer::end_page() {
  auto& s = *impl_;
  // The record is made last, when the body shows which cell colours it
  // already holds.
  if (s.options.world_record && s.frame) s.record = encode_world_record(*s.frame, true, s.drawn);
  s.frame = nullptr;
  s.picture.clear();
  s.picture.reserve(s.body.size() + s.record.size() + 4096);
  s.header(s.picture);
  s.picture.insert(s.picture.end(), s.body.begin(), s.body.end());
  append_element(s.picture, kDelimiter, 5);  // END PICTURE
  s.body.clear();
  s.record.clear();
  ++s.page_number;
}

std::vector<std::uint8_t> CgmRenderer::metafile_header(const std::string& name) const {
  std::vector<std::uint8_t> out;
  Params p;
  p.string(name.substr(0, 254));
  append_element(out, kDelimiter, 1, p);  // BEGIN METAFILE
  p.clear();
  p.i16(1);
  append_element(out, kMetafileDescriptor, 1, p);  // METAFILE VERSION
  // Gist's reader recognises its own files by this description's prefix and
  // then applies its colour conventions (indices 2..9 fixed, palette at 10).
  std::string user = impl_->options.user;
  if (user.empty()) {
    const char* u = std::getenv("USER");
    user = u ? u : "unknown";
  }
  char date[64] = "";
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  if (gmtime_r(&t, &tm)) std::strftime(date, sizeof date, "%a %b %e %H:%M:%S %Y", &tm);
  p.clear();
  p.string(std::string(gist::kDescriptionPrefix) + date + ";  For: " + user.substr(0, 50) +
           ";  pargist");
  append_element(out, kMetafileDescriptor, 2, p);
  const int words[][2] = {{3, 0}, {4, 16}, {6, 16}, {7, 8}, {8, 8}};  // VDC type .. colour index precision
  for (const auto& w : words) {
    p.clear();
    p.i16(w[1]);
    append_element(out, kMetafileDescriptor, w[0], p);
  }
  p.clear();
  p.u8(255);
  append_element(out, kMetafileDescriptor, 9, p);  // MAXIMUM COLOUR INDEX
  p.clear();
  p.i16(1);
  p.i16(-1);
  p.i16(1);
  append_element(out, kMetafileDescriptor, 11, p);  // METAFILE ELEMENT LIST: drawing plus control
  // METAFILE DEFAULTS REPLACEMENT: clipping off, solid interiors, stroke
  // text, and the colour table Gist installs (fixed colours, 240 grays).
  std::vector<std::uint8_t> defaults;
  Params d;
  d.i16(0);
  append_element(defaults, kControl, 6, d);
  d.clear();
  d.i16(1);
  append_element(defaults, kAttribute, 22, d);
  d.clear();
  d.i16(2);
  append_element(defaults, kAttribute, 11, d);
  d.clear();
  d.u8(gist::kFirstFixedIndex);
  for (const auto& c : gist::kFixedColours) {
    d.u8(c.r);
    d.u8(c.g);
    d.u8(c.b);
  }
  for (int i = 0; i < 240; ++i) {
    const unsigned g = unsigned(i + (i + 8) / 15);
    d.u8(g);
    d.u8(g);
    d.u8(g);
  }
  for (int i = 0; i < 6; ++i) {
    d.u8(255);
    d.u8(255);
    d.u8(255);
  }
  append_element(defaults, kAttribute, 34, d);
  append_element(out, kMetafileDescriptor, 12, defaults.data(), defaults.size());
  p.clear();
  for (const char* f : gist::kFontList) p.string(f);
  append_element(out, kMetafileDescriptor, 13, p);  // FONT LIST
  return out;
}

}  // namespace pargist::cgm
