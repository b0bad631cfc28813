// The CGM reader: a file (or family) -> pages. Pages written by pargist come
// back as their Frame from the world-coordinate record; other pages (Yorick's)
// as Frames of NDC primitives. Every length and count read from the file is
// checked before use; the first malformed spot stops reading with its byte
// offset, and the pages before it are kept.
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>

#include "cgm_elements.hpp"
#include "cgm_gist_dialect.hpp"
#include "cgm_world_record.hpp"
#include "pargist/libplot/cgm.hpp"

namespace pargist::cgm {
namespace {

using plot::Color;

// Attributes as CGM defines them, changed by the defaults replacement and
// by attribute elements inside a picture.
struct Attributes {
  int line_color = 1, line_type = 1;
  double line_width = 1.0;
  int marker_color = 1, marker_type = 3;
  double marker_size = 1.0;
  int text_color = 1, font_index = 1, char_height = -1;  // -1: CGM default (1/100 of VDC)
  int halign = 0, valign = 0;
  double angle = 0.0;
  bool opaque = false;
  int fill_color = 1, interior = 1;
  int edge_color = 1, edge_type = 1, edge_visible = 0;
  double edge_width = 1.0;
  bool clip_on = true;           // CGM's default; Gist's header turns it off
  std::array<int, 4> clip{};     // VDC
  bool clip_default = true;      // clip rectangle follows the VDC extent
};

// What the metafile descriptor sets for every picture.
struct Descriptor {
  bool gist = false;  // Gist's colour conventions (description "Gist;  ...")
  int color_index_bytes = 1, color_value_bytes = 1;
  std::array<int, 4> vdc_extent{0, 0, 32767, 32767};
  std::array<plot::Rgb, 256> table{};  // the colour table every picture starts from
  std::vector<int> fonts;  // Gist font number of each FONT LIST entry
  Attributes defaults;
};

int gist_font_of(const std::string& name) {
  // The Gist font number whose name Gist's FONT LIST gives for it.
  for (std::size_t f = 0; f < gist::kFontList.size(); ++f)
    if (name == gist::kFontList[f]) {
      for (std::size_t g = 0; g < gist::kCgmFontIndexOfGistFont.size(); ++g)
        if (gist::kCgmFontIndexOfGistFont[g] == int(f) + 1) return int(g);
    }
  return plot::font_helvetica;
}

void default_table(std::array<plot::Rgb, 256>& table) {
  table[0] = {255, 255, 255};
  table[1] = {0, 0, 0};
  for (std::size_t i = 0; i < gist::kFixedColours.size(); ++i) {
    const auto& c = gist::kFixedColours[i];
    table[2 + i] = {c.r, c.g, c.b};
  }
  for (int i = 0; i < 246; ++i) {
    const auto g = i < 230 ? gist::default_gray(i) : std::uint8_t(255);
    table[std::size_t(10 + i)] = {g, g, g};
  }
}

using ColourTable = std::array<plot::Rgb, 256>;

unsigned read_index(ParamReader& r, const Descriptor& d) {
  unsigned v = r.u8();
  if (d.color_index_bytes == 2) v = (v << 8) | r.u8();
  return v & 0xff;
}

unsigned read_value(ParamReader& r, const Descriptor& d) {
  unsigned v = r.u8();
  if (d.color_value_bytes == 2) v = r.u8();  // keep the high byte
  return v;
}

// Applies one attribute or control element to `a` (a COLOUR TABLE to
// `table`); shared by the defaults replacement and the picture body.
void apply_attribute(const Element& e, Attributes& a, ColourTable& table, const Descriptor& d,
                     double vdc_to_ndc) {
  ParamReader r(e);
  if (e.cls == kControl) {
    switch (e.id) {
      case 4: a.opaque = r.i16() == 0; break;  // TRANSPARENCY
      case 5:                                  // CLIP RECTANGLE
        for (int& v : a.clip) v = r.i16();
        a.clip_default = false;
        break;
      case 6: a.clip_on = r.i16() != 0; break;  // CLIP INDICATOR
      default: break;
    }
    return;
  }
  if (e.cls != kAttribute) return;
  auto width = [&](double& w) {
    if (e.size >= 4) w = r.fixed();
    else w = r.i16() * vdc_to_ndc / gist::kDefaultLineWidthNdc;  // absolute VDC width
  };
  switch (e.id) {
    case 2: a.line_type = r.i16(); break;
    case 3: width(a.line_width); break;
    case 4: a.line_color = int(read_index(r, d)); break;
    case 6: a.marker_type = r.i16(); break;
    case 7:
      if (e.size >= 4) a.marker_size = r.fixed();
      else a.marker_size = r.i16() * vdc_to_ndc / gist::kDefaultMarkerSizeNdc;
      break;
    case 8: a.marker_color = int(read_index(r, d)); break;
    case 10: a.font_index = r.i16(); break;
    case 14: a.text_color = int(read_index(r, d)); break;
    case 15: a.char_height = r.i16(); break;
    case 16: {  // CHARACTER ORIENTATION: up (x, y), base (x, y)
      r.i16();
      r.i16();
      const int bx = r.i16(), by = r.i16();
      a.angle = (bx == 0 && by == 0) ? 0.0 : std::atan2(double(by), double(bx)) * 180.0 / M_PI;
      if (std::fabs(a.angle) < 1e-9) a.angle = 0.0;
      if (a.angle < 0) a.angle += 360.0;
      break;
    }
    case 18:
      a.halign = std::clamp(r.i16(), 0, 3);
      a.valign = std::clamp(r.i16(), 0, 5);
      break;
    case 22: a.interior = r.i16(); break;
    case 23: a.fill_color = int(read_index(r, d)); break;
    case 27: a.edge_type = r.i16(); break;
    case 28: width(a.edge_width); break;
    case 29: a.edge_color = int(read_index(r, d)); break;
    case 30: a.edge_visible = r.i16(); break;
    case 34: {  // COLOUR TABLE
      unsigned at = read_index(r, d);
      const std::size_t per = 3u * std::size_t(d.color_value_bytes);
      while (r.remaining() >= per && at < 256) {
        const unsigned cr = read_value(r, d), cg = read_value(r, d), cb = read_value(r, d);
        table[at++] = {std::uint8_t(cr), std::uint8_t(cg), std::uint8_t(cb)};
      }
      break;
    }
    default: break;
  }
}

// Builds one page from the elements of one picture.
class PictureReader {
 public:
  PictureReader(Descriptor& d, CgmPage& page) : d_(d), page_(page), table_(d.table) {
    a_ = d.defaults;
    extent_ = d.vdc_extent;
    set_extent(extent_);
  }

  void element(const Element& e) {
    switch (e.cls) {
      case kPictureDescriptor: picture_descriptor(e); break;
      case kControl: apply(e); break;
      case kPrimitive: primitive(e); break;
      case kAttribute: apply(e); break;
      case kExternal: external(e); break;
      default: break;  // escapes and unknown classes are skipped
    }
  }

  void finish() {
    // The record is read last: it may take cell colours from the body.
    if (record_) {
      try {
        page_.frame = decode_world_record(reinterpret_cast<const std::uint8_t*>(record_->data()), record_->size(),
                                          record_at_, body_cells_);
        page_.from_world_record = true;
        return;
      } catch (const FormatError& err) {
        warnings.push_back("byte offset " + std::to_string(err.offset) + ": " + err.message +
                           " (page shown from its NDC primitives)");
      }
    }
    auto& f = ndc_;
    f.landscape = landscape_;
    f.draw_legends = false;
    f.style = "cgm";
    if (d_.gist) {
      f.palette.name = "cgm";
      f.palette.colors.assign(table_.begin() + 10, table_.end());
    }
    if (f.systems.empty()) f.systems.emplace_back();  // system 0: the page
    f.systems[0].viewport = page_box();
    page_.frame = std::move(f);
  }

 private:
  void apply(const Element& e) { apply_attribute(e, a_, table_, d_, scale_); }

  void picture_descriptor(const Element& e) {
    if (e.id == 6) {  // VDC EXTENT
      ParamReader r(e);
      for (int& v : extent_) v = r.i16();
      set_extent(extent_);
    }
  }

  // Gist's fit of a VDC extent onto the 8.5 x 11 inch page.
  void set_extent(const std::array<int, 4>& v) {
    const long dx = long(v[2]) - v[0], dy = long(v[3]) - v[1];
    const long adx = std::labs(dx), ady = std::labs(dy);
    landscape_ = ady < adx;
    long xoff = 0, yoff = 0;
    double s;
    if (adx == 0 || ady == 0) {
      s = 1.0 / gist::kVdcPerNdc;
    } else if (landscape_) {
      if (17 * adx > 22 * ady) { yoff = (17 * adx - 22 * ady) / 44; s = (26400.0 / adx) / gist::kVdcPerNdc; }
      else { xoff = (22 * ady - 17 * adx) / 34; s = (20400.0 / ady) / gist::kVdcPerNdc; }
    } else {
      if (17 * ady > 22 * adx) { xoff = (17 * ady - 22 * adx) / 44; s = (26400.0 / ady) / gist::kVdcPerNdc; }
      else { yoff = (22 * adx - 17 * ady) / 17; s = (20400.0 / adx) / gist::kVdcPerNdc; }
    }
    scale_ = s;
    sx_ = dx >= 0 ? s : -s;
    sy_ = dy >= 0 ? s : -s;
    ox_ = -sx_ * double(v[0] - xoff);
    oy_ = -sy_ * double(v[1] - yoff);
  }

  plot::Box page_box() const {
    return {0.0, landscape_ ? plot::kPageHeightNdc : plot::kPageWidthNdc, 0.0,
            landscape_ ? plot::kPageWidthNdc : plot::kPageHeightNdc};
  }

  double nx(int v) const { return sx_ * v + ox_; }
  double ny(int v) const { return sy_ * v + oy_; }

  Color color(int index) const {
    index &= 0xff;
    if (d_.gist) {
      if (index < 10) return Color(static_cast<plot::NamedColor>(255 - index));
      return Color::palette(std::uint8_t(index - 10));
    }
    if (index == 0) return plot::NamedColor::bg;
    if (index == 1) return plot::NamedColor::fg;
    const auto& c = table_[std::size_t(index)];
    return Color::from_rgb(c.r, c.g, c.b);
  }

  plot::LineStyle line_style(int color_index, int type, double width) const {
    plot::LineStyle s;
    s.color = color(color_index);
    s.type = static_cast<plot::LineType>(std::clamp(type, 1, gist::kMaxLineType));
    s.width = std::isfinite(width) ? std::max(width, 0.0) : 1.0;
    return s;
  }

  // The coordinate system the next primitive goes to: a new one whenever the
  // clip state changed since the last primitive, so that file order is kept.
  plot::CoordSystem& system() {
    auto& systems = ndc_.systems;
    if (systems.empty()) systems.emplace_back();  // system 0 stays empty
    plot::Box box;
    if (a_.clip_on) {
      const auto& c = a_.clip_default ? extent_ : a_.clip;
      box = {std::min(nx(c[0]), nx(c[2])), std::max(nx(c[0]), nx(c[2])),
             std::min(ny(c[1]), ny(c[3])), std::max(ny(c[1]), ny(c[3]))};
    } else {
      box = page_box();
    }
    if (systems.size() > 1) {
      const auto& v = systems.back().viewport;
      if (v.xmin == box.xmin && v.xmax == box.xmax && v.ymin == box.ymin && v.ymax == box.ymax)
        return systems.back();
    }
    plot::CoordSystem s;
    s.viewport = box;
    s.limits.xmin = box.xmin;
    s.limits.xmax = box.xmax;
    s.limits.ymin = box.ymin;
    s.limits.ymax = box.ymax;
    s.limits.auto_xmin = s.limits.auto_xmax = s.limits.auto_ymin = s.limits.auto_ymax = false;
    s.ticks.horiz.flags = 0;
    s.ticks.vert.flags = 0;
    s.ticks.frame = false;
    systems.push_back(std::move(s));
    return systems.back();
  }

  void read_points(const Element& e, std::vector<double>& x, std::vector<double>& y) {
    ParamReader r(e);
    const std::size_t n = r.remaining() / 4;
    x.resize(n);
    y.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = nx(r.i16());
      y[i] = ny(r.i16());
    }
  }

  void primitive(const Element& e) {
    switch (e.id) {
      case 1: {  // POLYLINE
        plot::Lines l;
        read_points(e, l.x, l.y);
        if (l.x.size() < 2) return;
        l.line = line_style(a_.line_color, a_.line_type, a_.line_width);
        system().elements.push_back(std::move(l));
        break;
      }
      case 2: {  // DISJOINT POLYLINE
        std::vector<double> x, y;
        read_points(e, x, y);
        plot::Disjoint dj;
        for (std::size_t i = 0; i + 1 < x.size(); i += 2) {
          dj.x0.push_back(x[i]);
          dj.y0.push_back(y[i]);
          dj.x1.push_back(x[i + 1]);
          dj.y1.push_back(y[i + 1]);
        }
        if (dj.x0.empty()) return;
        dj.line = line_style(a_.line_color, a_.line_type, a_.line_width);
        system().elements.push_back(std::move(dj));
        break;
      }
      case 3: {  // POLYMARKER
        plot::Lines l;
        read_points(e, l.x, l.y);
        if (l.x.empty() || a_.marker_type <= 0) return;
        l.line.type = plot::LineType::none;
        l.markers_at_points = true;
        l.marker.color = color(a_.marker_color);
        l.marker.marker = a_.marker_type;
        l.marker.size = std::isfinite(a_.marker_size) ? a_.marker_size : 1.0;
        system().elements.push_back(std::move(l));
        break;
      }
      case 4: text(e); break;
      case 7: polygon(e); break;
      case 9: cells(e); break;
      default: break;  // other primitives (circles, arcs, ...) are not Gist's
    }
  }

  void text(const Element& e) {
    ParamReader r(e);
    const int x = r.i16(), y = r.i16();
    r.i16();  // final flag: Gist always writes final strings
    plot::Text t;
    t.x = nx(x);
    t.y = ny(y);
    t.text = r.string();
    auto& s = t.style;
    s.color = color(a_.text_color);
    const std::size_t fi = a_.font_index >= 1 ? std::size_t(a_.font_index - 1) : 0;
    s.font = fi < d_.fonts.size() ? d_.fonts[fi] : plot::font_helvetica;
    const int ch = a_.char_height >= 0 ? a_.char_height : int(std::labs(long(extent_[3]) - extent_[1]) / 100);
    s.height = ch * scale_ / gist::kCapHeightPerPointSize / gist::kOnePoint;
    s.angle = a_.angle;
    s.halign = static_cast<plot::HAlign>(a_.halign);
    s.valign = static_cast<plot::VAlign>(a_.valign);
    s.opaque = a_.opaque;
    system().elements.push_back(std::move(t));
  }

  void polygon(const Element& e) {
    std::vector<double> x, y;
    read_points(e, x, y);
    if (x.size() < 3) return;
    if (a_.interior == 0) {  // hollow: the outline only
      plot::Lines l;
      l.x = std::move(x);
      l.y = std::move(y);
      l.closed = true;
      l.line = line_style(a_.edge_visible ? a_.edge_color : a_.fill_color, a_.edge_type, a_.edge_width);
      system().elements.push_back(std::move(l));
      return;
    }
    plot::Polys p;
    p.n.push_back(x.size());
    p.x = std::move(x);
    p.y = std::move(y);
    p.colors.push_back(color(a_.fill_color));
    if (a_.edge_visible && a_.edge_type > 0) {
      p.edges = true;
      p.edge_style = line_style(a_.edge_color, a_.edge_type, a_.edge_width);
    }
    system().elements.push_back(std::move(p));
  }

  void cells(const Element& e) {
    // Every CELL ARRAY counts for the record's references, in body order;
    // one not in Gist's packed 8-bit form stays empty.
    body_cells_.emplace_back();
    ParamReader r(e);
    int pqr[6];
    for (int& v : pqr) v = r.i16();
    const int w = r.i16(), h = r.i16(), precision = r.i16(), mode = r.i16();
    if (w <= 0 || h <= 0) return;
    if (mode != 1 || (precision != 0 && precision != 8)) return;  // not Gist's packed 8-bit form
    const std::size_t row = std::size_t(w) + (w & 1);
    if (r.remaining() / row < std::size_t(h))
      throw FormatError{r.offset(), "CELL ARRAY of " + std::to_string(w) + "x" + std::to_string(h) +
                                        " cells holds only " + std::to_string(r.remaining()) + " bytes"};
    plot::Cells c;
    c.nx = std::size_t(w);
    c.ny = std::size_t(h);
    const bool rows_along_x = pqr[5] == pqr[1];  // R = (Qx, Py): Gist's layout
    c.x0 = nx(pqr[0]);
    c.y0 = ny(pqr[1]);
    c.x1 = nx(pqr[2]);
    c.y1 = ny(pqr[3]);
    const std::uint8_t* data = r.bytes(row * std::size_t(h));
    if (d_.gist) {
      c.channels = 1;
      c.colors.resize(c.nx * c.ny);
      for (std::size_t j = 0; j < c.ny; ++j)
        for (std::size_t i = 0; i < c.nx; ++i) {
          const int v = data[j * row + i];
          c.colors[j * c.nx + i] = std::uint8_t(v < 10 ? 255 - v : v - 10);
        }
      if (record_) body_cells_.back() = c.colors;
    } else {
      c.channels = 3;
      c.colors.resize(c.nx * c.ny * 3);
      for (std::size_t j = 0; j < c.ny; ++j)
        for (std::size_t i = 0; i < c.nx; ++i) {
          const auto& rgb = table_[data[j * row + i]];
          auto* out = &c.colors[(j * c.nx + i) * 3];
          out[0] = rgb.r;
          out[1] = rgb.g;
          out[2] = rgb.b;
        }
    }
    if (!rows_along_x) {  // R = (Px, Qy): rows run along y; transpose
      plot::Cells t = c;
      t.nx = c.ny;
      t.ny = c.nx;
      const std::size_t ch = std::size_t(c.channels);
      for (std::size_t j = 0; j < c.ny; ++j)
        for (std::size_t i = 0; i < c.nx; ++i)
          std::memcpy(&t.colors[(i * t.nx + j) * ch], &c.colors[(j * c.nx + i) * ch], ch);
      c = std::move(t);
    }
    system().elements.push_back(std::move(c));
  }

  void external(const Element& e) {
    if (e.id != 2 || e.size < 3) return;
    ParamReader r(e);
    if (r.i16() != gist::kWorldRecordId) return;
    record_at_ = r.offset();
    record_ = r.string();
  }

 public:
  std::vector<std::string> warnings;

 private:
  Descriptor& d_;
  CgmPage& page_;
  plot::Frame ndc_;    // the page's primitives in NDC
  std::optional<std::string> record_;  // the world-coordinate record, if any
  std::size_t record_at_ = 0;          // its file offset
  std::vector<std::vector<std::uint8_t>> body_cells_;  // colours of the body's CELL ARRAYs
  ColourTable table_;
  Attributes a_;
  std::array<int, 4> extent_{};
  bool landscape_ = false;
  double scale_ = 1.0 / gist::kVdcPerNdc, sx_ = 0, sy_ = 0, ox_ = 0, oy_ = 0;
};

void metafile_descriptor(const Element& e, Descriptor& d) {
  ParamReader r(e);
  switch (e.id) {
    case 2: {  // METAFILE DESCRIPTION
      const std::string text = r.string();
      d.gist = text.compare(0, 7, gist::kDescriptionPrefix) == 0;
      break;
    }
    case 3:  // VDC TYPE
      if (r.i16() != 0) throw FormatError{e.offset, "real VDC coordinates are not supported (Gist writes integer VDC)"};
      break;
    case 4:  // INTEGER PRECISION
      if (r.i16() != 16) throw FormatError{e.offset, "only 16-bit integer precision is supported"};
      break;
    case 7: d.color_value_bytes = r.i16() == 16 ? 2 : 1; break;   // COLOUR PRECISION
    case 8: d.color_index_bytes = r.i16() == 16 ? 2 : 1; break;   // COLOUR INDEX PRECISION
    case 12: {  // METAFILE DEFAULTS REPLACEMENT: elements nested in the parameters
      Scanner inner(e.params, e.size, e.params_offset);
      Element x;
      while (inner.next(x)) {
        if (x.cls == kPictureDescriptor && x.id == 6) {
          ParamReader v(x);
          for (int& c : d.vdc_extent) c = v.i16();
        } else {
          apply_attribute(x, d.defaults, d.table, d, 1.0 / gist::kVdcPerNdc);
        }
      }
      break;
    }
    case 13: {  // FONT LIST
      d.fonts.clear();
      while (r.remaining() > 0) d.fonts.push_back(gist_font_of(r.string()));
      break;
    }
    default: break;
  }
}

std::string where(const std::string& name, std::size_t offset, const std::string& what) {
  return name + ": byte offset " + std::to_string(offset) + ": " + what;
}

void read_into(CgmDocument& doc, const std::uint8_t* data, std::size_t size, const std::string& name) {
  Scanner scan(data, size);
  Element e;
  Descriptor d;
  default_table(d.table);
  d.fonts.resize(20);
  for (std::size_t f = 0; f < 20; ++f) d.fonts[f] = gist_font_of(gist::kFontList[f]);
  try {
    if (!scan.next(e) || e.cls != kDelimiter || e.id != 1)
      throw FormatError{0, "not a binary CGM file (no BEGIN METAFILE at the start)"};
    bool ended = false;
    while (!ended && scan.next(e)) {
      if (e.cls == kMetafileDescriptor) {
        metafile_descriptor(e, d);
      } else if (e.cls == kDelimiter && e.id == 2) {
        ended = true;
      } else if (e.cls == kDelimiter && e.id == 3) {
        CgmPage page;
        page.file = name;
        page.offset = e.offset;
        page.name = ParamReader(e).string();
        PictureReader picture(d, page);
        bool closed = false;
        while (!closed) {
          if (!scan.next(e))
            throw FormatError{scan.position(), "file ends inside picture \"" + page.name + "\" (truncated)"};
          if (e.cls == kDelimiter) {
            if (e.id == 5) closed = true;
            else if (e.id != 4 && e.id != 0)
              throw FormatError{e.offset, element_name(e.cls, e.id) + " inside picture \"" + page.name + "\""};
          } else {
            picture.element(e);
          }
        }
        picture.finish();
        page.end = scan.position();
        page.landscape = page.frame.landscape;
        for (auto& w : picture.warnings) doc.warnings.push_back(name + ": " + w);
        doc.pages.push_back(std::move(page));
      }
      // anything else between pictures (escapes, messages, no-ops) is skipped
    }
    if (!ended) throw FormatError{size, "missing END METAFILE (file truncated)"};
  } catch (const FormatError& err) {
    doc.error = where(name, err.offset, err.message);
  }
}

bool read_file(const std::string& path, std::vector<std::uint8_t>& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

CgmDocument read_cgm_bytes(const std::uint8_t* data, std::size_t size, const std::string& name) {
  CgmDocument doc;
  doc.files.push_back(name);
  read_into(doc, data, size, name);
  return doc;
}

CgmDocument read_cgm(const std::string& path, bool follow_family) {
  CgmDocument doc;
  std::string name = path;
  std::vector<std::uint8_t> bytes;
  while (true) {
    std::string error;
    if (!read_file(name, bytes, error)) {
      doc.error = error;
      break;
    }
    doc.files.push_back(name);
    read_into(doc, bytes.data(), bytes.size(), name);
    if (doc.error || !follow_family) break;
    const std::string next = next_family_name(name);
    if (next == name || !exists(next)) break;
    name = next;
  }
  return doc;
}

}  // namespace pargist::cgm
