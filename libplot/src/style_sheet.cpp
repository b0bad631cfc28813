// The .gs parser: Gist's style-sheet syntax and its defaults.
//
// A sheet is a list of `keyword= value` entries (landscape, default, system,
// legends, clegends) separated by commas or line ends. Values are numbers,
// "strings" (or 0 for none), `{ n, n, ... }` arrays, or `{ member= value,
// ... }` blocks. `default=` changes the model system that every later
// `system=` starts from; the model starts from Gist's own defaults, which
// differ from work.gs. A legend box that the sheet does not give has no
// lines. Anything unknown is an error naming the file and the line.
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <functional>
#include <map>

#include "pargist/libplot/style.hpp"

namespace pargist::plot {

namespace {

constexpr double kPoint = 0.0013;                  // NDC per point
constexpr double kInch = kPointsPerInch * kPoint;  // NDC per inch

// Gist's model system before any `default=`: what a sheet leaves unsaid.
CoordSystem gist_default_system() {
  CoordSystem s;
  s.viewport = {0.25, 0.60, 0.50, 0.85};
  s.legend.clear();
  for (AxisStyle* a : {&s.ticks.horiz, &s.ticks.vert}) {
    a->n_major = 7.5;
    a->n_minor = 50.0;
    a->log_adj_major = a->log_adj_minor = 1.2;
    a->grid_level = 1;
    a->flags = tick_lower | tick_upper | tick_out | label_lower;
    a->tick_off = 0.0;
    a->label_off = 14 * kPoint;
    const double len[5] = {12, 8, 5, 3, 2};
    for (int k = 0; k < 5; ++k) a->tick_len[k] = len[k] * kPoint;
    a->tick_style = {NamedColor::fg, LineType::solid, 1.0};
    a->grid_style = {NamedColor::fg, LineType::dot, 1.0};
    a->text_style = {NamedColor::fg, font_helvetica, 14.0, 0.0, HAlign::normal, VAlign::normal, true};
    a->y_over = 0.50 - 52 * kPoint;
  }
  s.ticks.horiz.n_digits = 3;
  s.ticks.horiz.x_over = 0.5 * (0.25 + 0.60);
  s.ticks.vert.n_digits = 4;
  s.ticks.vert.x_over = 0.25;
  s.ticks.frame = false;
  s.ticks.frame_style = {NamedColor::fg, LineType::solid, 1.0};
  return s;
}

// Gist's legend boxes when a sheet starts one: below the viewport, and a
// single column of contour levels to its right.
LegendBox gist_default_legends(bool contours) {
  LegendBox b;
  b.text_style = {NamedColor::fg, font_courier, 12.0, 0.0, HAlign::left, VAlign::top, true};
  if (contours) {
    b.x = 0.60 + 14 * kPoint, b.y = 0.85 + 12 * kPoint, b.dx = 0, b.dy = 0;
    b.nchars = 14, b.nlines = 28, b.nwrap = 1;
  } else {
    b.x = 0.5 * kInch, b.y = 0.50 - 64 * kPoint, b.dx = 3.875 * kInch, b.dy = 0;
    b.nchars = 36, b.nlines = 22, b.nwrap = 2;
  }
  return b;
}

class Parser {
 public:
  Parser(const std::string& text, const std::string& file) : s_(text), file_(file) {}

  StyleSheet sheet() {
    StyleSheet out;
    out.legends.nlines = out.contour_legends.nlines = 0;
    CoordSystem model = gist_default_system();
    skip_space();
    while (pos_ < s_.size()) {
      const std::string key = member();
      if (key == "landscape") {
        out.landscape = integer() != 0;
      } else if (key == "default") {
        system(model);
      } else if (key == "system") {
        CoordSystem s = model;
        system(s);
        out.systems.push_back(std::move(s));
      } else if (key == "legends" || key == "clegends") {
        LegendBox b = gist_default_legends(key == "clegends");
        legend_box(b);
        (key == "legends" ? out.legends : out.contour_legends) = b;
      } else {
        fail("unknown keyword \"" + key + "\" (landscape, default, system, legends, clegends)");
      }
      const After after = separator();
      if (after == After::close) fail("'}' without a matching '{'");
      if (after == After::end) break;
    }
    return out;
  }

 private:
  using Members = std::map<std::string, std::function<void()>>;

  [[noreturn]] void fail(const std::string& what) const {
    throw StyleError("pargist: style file " + file_ + ", line " + std::to_string(line_) + ": " + what);
  }

  // Spaces, tabs, line ends and '#' comments (a '#' where a token could start).
  void skip_space() {
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == '\n') ++line_, ++pos_;
      else if (c == ' ' || c == '\t' || c == '\r') ++pos_;
      else if (c == '#') while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
      else break;
    }
  }

  enum class After { next, close, end };

  // After a value: ',' or a line end separates, '}' closes a block; or the
  // text ends.
  After separator() {
    bool newline = false;
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r')) ++pos_;
    if (pos_ >= s_.size() || s_[pos_] == '\n' || s_[pos_] == '#') newline = true;
    skip_space();
    if (pos_ >= s_.size()) return After::end;
    if (s_[pos_] == '}') { ++pos_; return After::close; }
    if (s_[pos_] == ',') { ++pos_; skip_space(); return After::next; }
    if (!newline) fail(std::string("expected ',', a line end or '}' before '") + s_[pos_] + "'");
    return After::next;
  }

  // `name=`, returning the name.
  std::string member() {
    skip_space();
    const std::size_t start = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) ++pos_;
    if (pos_ == start) {
      if (pos_ >= s_.size()) fail("unexpected end of file");
      fail(std::string("expected a name before '") + s_[pos_] + "'");
    }
    std::string name = s_.substr(start, pos_ - start);
    skip_space();
    if (pos_ >= s_.size() || s_[pos_] != '=') fail("expected '=' after \"" + name + "\"");
    ++pos_;
    return name;
  }

  void open_brace() {
    skip_space();
    if (pos_ >= s_.size() || s_[pos_] != '{') fail("expected '{'");
    ++pos_;
    skip_space();
  }

  // { member= value, ... } with the handlers of `members`.
  void block(const char* what, const Members& members) {
    open_brace();
    for (;;) {
      const std::string name = member();
      const auto it = members.find(name);
      if (it == members.end()) {
        std::string known;
        for (const auto& m : members) known += (known.empty() ? "" : ", ") + m.first;
        fail("unknown member \"" + name + "\" of " + what + " (" + known + ")");
      }
      it->second();
      const After after = separator();
      if (after == After::close) return;
      if (after == After::end) fail("unexpected end of file: a '}' is missing");
    }
  }

  long integer() {
    skip_space();
    const char* begin = s_.c_str() + pos_;
    char* end = nullptr;
    errno = 0;
    const long v = std::strtol(begin, &end, 0);  // 0x033 and 033 as Gist reads them
    if (end == begin) fail("expected an integer");
    if (errno == ERANGE) fail("integer out of range");
    pos_ += std::size_t(end - begin);
    return v;
  }

  double real() {
    skip_space();
    const char* begin = s_.c_str() + pos_;
    char* end = nullptr;
    const double v = std::strtod(begin, &end);
    if (end == begin) fail("expected a number");
    pos_ += std::size_t(end - begin);
    return v;
  }

  // { n, n, ... } of at most `n` numbers; returns how many.
  int array(double* dest, int n) {
    open_brace();
    for (int k = 0;; ++k) {
      if (k >= n) fail("more than " + std::to_string(n) + " numbers in { }");
      dest[k] = real();
      skip_space();
      if (pos_ < s_.size() && s_[pos_] == ',') { ++pos_; continue; }
      if (pos_ < s_.size() && s_[pos_] == '}') { ++pos_; return k + 1; }
      fail("expected ',' or '}' in a list of numbers");
    }
  }

  // "text" or 0 (none).
  std::string string() {
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == '0') { ++pos_; return ""; }
    if (pos_ >= s_.size() || s_[pos_] != '"') fail("expected a \"string\" or 0");
    const std::size_t close = s_.find('"', pos_ + 1);
    if (close == std::string::npos || s_.find('\n', pos_ + 1) < close) fail("unterminated string");
    std::string out = s_.substr(pos_ + 1, close - pos_ - 1);
    pos_ = close + 1;
    return out;
  }

  Color color() {
    long v = integer();
    if (v < 0) v += 256;
    if (v < 0 || v > 255) fail("colour " + std::to_string(v) + " outside -10..255");
    return Color::from_code(int(v));
  }

  void line_style(LineStyle& l) {
    block("a line style", {
        {"color", [&] { l.color = color(); }},
        {"type", [&] {
           const long t = integer();
           if (t < 0 || t > 5) fail("line type " + std::to_string(t) + " outside 0..5");
           l.type = LineType(t);
         }},
        {"width", [&] { l.width = real(); }},
    });
  }

  void text_style(TextStyle& t) {
    auto ignored = [&] { real(); };  // CGM text attributes Gist reads and drops
    block("a text style", {
        {"color", [&] { t.color = color(); }},
        {"font", [&] {
           const long f = integer();
           if (f < 0 || f > 19) fail("font " + std::to_string(f) + " outside 0..19");
           t.font = int(f);
         }},
        {"prec", [&] { integer(); }},
        {"height", [&] { t.height = real() / kPoint; }},
        {"expand", ignored}, {"spacing", ignored}, {"upX", ignored}, {"upY", ignored},
        {"path", [&] { t.angle = 90.0 * double(integer() & 3); }},
        {"orient", [&] { t.angle = 90.0 * double(integer() & 3); }},
        {"alignH", [&] {
           const long h = integer();
           if (h < 0 || h > 3) fail("alignH outside 0..3");
           t.halign = HAlign(h);
         }},
        {"alignV", [&] {
           const long v = integer();
           if (v < 0 || v > 5) fail("alignV outside 0..5");
           t.valign = VAlign(v);
         }},
        {"opaque", [&] { t.opaque = integer() != 0; }},
    });
  }

  void axis(AxisStyle& a) {
    block("an axis", {
        {"nMajor", [&] { a.n_major = real(); }},
        {"nMinor", [&] { a.n_minor = real(); }},
        {"logAdjMajor", [&] { a.log_adj_major = real(); }},
        {"logAdjMinor", [&] { a.log_adj_minor = real(); }},
        {"nDigits", [&] { a.n_digits = int(integer()); }},
        {"gridLevel", [&] { a.grid_level = int(integer()); }},
        {"flags", [&] { a.flags = unsigned(integer()); }},
        {"tickOff", [&] { a.tick_off = real(); }},
        {"labelOff", [&] { a.label_off = real(); }},
        {"tickLen", [&] { array(a.tick_len, 5); }},
        {"tickStyle", [&] { line_style(a.tick_style); }},
        {"gridStyle", [&] { line_style(a.grid_style); }},
        {"textStyle", [&] { text_style(a.text_style); }},
        {"xOver", [&] { a.x_over = real(); }},
        {"yOver", [&] { a.y_over = real(); }},
    });
  }

  void ticks(TickStyle& t) {
    block("ticks", {
        {"horiz", [&] { axis(t.horiz); }},
        {"vert", [&] { axis(t.vert); }},
        {"frame", [&] { t.frame = integer() != 0; }},
        {"frameStyle", [&] { line_style(t.frame_style); }},
    });
  }

  void system(CoordSystem& s) {
    block("a system", {
        {"viewport", [&] {
           double box[4];
           if (array(box, 4) != 4) fail("a viewport needs 4 numbers");
           s.viewport = {box[0], box[1], box[2], box[3]};
         }},
        {"ticks", [&] { ticks(s.ticks); }},
        {"legend", [&] { s.legend = string(); }},
    });
  }

  void legend_box(LegendBox& b) {
    block("a legend box", {
        {"x", [&] { b.x = real(); }},
        {"y", [&] { b.y = real(); }},
        {"dx", [&] { b.dx = real(); }},
        {"dy", [&] { b.dy = real(); }},
        {"textStyle", [&] { text_style(b.text_style); }},
        {"nchars", [&] { b.nchars = int(integer()); }},
        {"nlines", [&] { b.nlines = int(integer()); }},
        {"nwrap", [&] { b.nwrap = int(integer()); }},
    });
  }

  const std::string& s_;
  const std::string& file_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

StyleSheet parse_style(const std::string& text, const std::string& filename) {
  StyleSheet sheet = Parser(text, filename).sheet();
  sheet.name = filename;
  return sheet;
}

}  // namespace pargist::plot
