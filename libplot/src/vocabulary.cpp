// Gist's vocabulary (see pargist/libplot/vocabulary.hpp): the tables and the
// parsers, the only place that knows Gist's names.
#include "pargist/libplot/vocabulary.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace pargist::plot {

namespace {

// Names compare without regard to case or surrounding blanks.
std::string normalized(const std::string& name) {
  const auto first = name.find_first_not_of(" \t\n");
  const auto last = name.find_last_not_of(" \t\n");
  std::string s = first == std::string::npos ? std::string() : name.substr(first, last - first + 1);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

const NamedCode* find(const std::vector<NamedCode>& table, const std::string& key) {
  for (const auto& e : table)
    if (key == e.name) return &e;
  return nullptr;
}

std::string listed(const std::vector<NamedCode>& table) {
  std::string out;
  for (const auto& e : table) out += (out.empty() ? "" : ", ") + std::string(e.name);
  return out;
}

[[noreturn]] void bad(const std::string& what) { throw std::invalid_argument("pargist: " + what); }

}  // namespace

const std::vector<NamedCode>& color_names() {
  static const std::vector<NamedCode> t{{"bg", -1},   {"fg", -2},    {"black", -3},   {"white", -4},
                                        {"red", -5},  {"green", -6}, {"blue", -7},    {"cyan", -8},
                                        {"magenta", -9}, {"yellow", -10}};
  return t;
}

const std::vector<NamedCode>& line_type_names() {
  static const std::vector<NamedCode> t{{"none", 0}, {"solid", 1},   {"dash", 2},
                                        {"dot", 3},  {"dashdot", 4}, {"dashdotdot", 5}};
  return t;
}

const std::vector<NamedCode>& marker_names() {
  static const std::vector<NamedCode> t{{"point", marker_point},     {"dot", marker_point},
                                        {"plus", marker_plus},       {"asterisk", marker_asterisk},
                                        {"star", marker_asterisk},   {"circle", marker_circle},
                                        {"cross", marker_cross}};
  return t;
}

const std::vector<NamedCode>& font_families() {
  static const std::vector<NamedCode> t{{"courier", font_courier},     {"times", font_times},
                                        {"helvetica", font_helvetica}, {"symbol", font_symbol},
                                        {"schoolbook", font_schoolbook}};
  return t;
}

Color color_from_name(const std::string& name) {
  const std::string key = normalized(name);
  if (const NamedCode* e = find(color_names(), key)) return Color::from_code(e->code);
  if (key.size() == 7 && key[0] == '#' &&
      std::all_of(key.begin() + 1, key.end(), [](unsigned char c) { return std::isxdigit(c); })) {
    auto byte = [&](int at) { return static_cast<std::uint8_t>(std::stoi(key.substr(at, 2), nullptr, 16)); };
    return Color::from_rgb(byte(1), byte(3), byte(5));
  }
  bad("unknown colour \"" + name + "\" (" + listed(color_names()) + ", or #rrggbb)");
}

Color Color::from_name(const std::string& name) { return color_from_name(name); }

Color Color::from_code(int code) {
  if (code >= -10 && code <= -1) return Color(static_cast<NamedColor>(256 + code));
  if (code >= 246 && code <= 255) return Color(static_cast<NamedColor>(code));
  if (code >= 0 && code < 246) return Color::palette(static_cast<std::uint8_t>(code));
  bad("colour code " + std::to_string(code) + " outside -10..255 (-10..-1 named, 0..245 palette index)");
}

LineType line_type_from_name(const std::string& name) {
  if (const NamedCode* e = find(line_type_names(), normalized(name))) return static_cast<LineType>(e->code);
  bad("unknown line type \"" + name + "\" (" + listed(line_type_names()) + ")");
}

LineType line_type_from_code(int code) {
  if (code < 0 || code > 5) bad("line type must be 0..5 or a name, got " + std::to_string(code));
  return static_cast<LineType>(code);
}

int marker_from_code(int code) {
  if ((code >= 1 && code <= 5) || (code >= 33 && code <= 126)) return code;
  bad("a marker is 1..5 or a printable character's code, got " + std::to_string(code));
}

int marker_from_name(const std::string& name) {
  if (name.size() == 1) {
    const int code = static_cast<unsigned char>(name[0]);
    if ((code >= 1 && code <= 5) || (code >= 33 && code <= 126)) return code;
  }
  if (const NamedCode* e = find(marker_names(), normalized(name))) return e->code;
  bad("unknown marker \"" + name + "\" ('\\1'..'\\5', one printable character, or " + listed(marker_names()) +
      ")");
}

int font_from_code(int code) {
  if (code < 0 || code >= 20) bad("font code " + std::to_string(code) + " outside 0..19");
  return code;
}

int font_from_name(const std::string& name) {
  const std::string key = normalized(name);
  for (const auto& family : font_families()) {
    const std::string base = family.name;
    if (key.compare(0, base.size(), base) != 0) continue;
    const std::string style = key.substr(base.size());  // lower case here
    if (style.empty()) return family.code;
    if (style == "b") return family.code | font_bold;
    if (style == "i") return family.code | font_italic;
    if (style == "bi" || style == "ib") return family.code | font_bold | font_italic;
    bad("unknown style \"" + name.substr(base.size()) + "\" in font \"" + name + "\" (B, I, BI)");
  }
  bad("unknown font \"" + name + "\" (" + listed(font_families()) + ", each + B, I or BI)");
}

void justify_from_name(const std::string& name, HAlign& h, VAlign& v) {
  if (name.empty() || name.size() > 2) bad("a justification is one or two letters such as \"LA\", \"CC\", \"RT\", got \"" + name + "\"");
  switch (std::toupper(static_cast<unsigned char>(name[0]))) {
    case 'N': h = HAlign::normal; break;
    case 'L': h = HAlign::left; break;
    case 'C': h = HAlign::center; break;
    case 'R': h = HAlign::right; break;
    default: bad("the first letter of a justification is N, L, C or R (got \"" + name + "\")");
  }
  v = VAlign::normal;
  if (name.size() == 2) switch (std::toupper(static_cast<unsigned char>(name[1]))) {
      case 'N': v = VAlign::normal; break;
      case 'T': v = VAlign::top; break;
      case 'C': v = VAlign::cap; break;
      case 'H': v = VAlign::half; break;
      case 'A': v = VAlign::base; break;
      case 'B': v = VAlign::bottom; break;
      default: bad("the second letter of a justification is N, T, C, H, A or B (got \"" + name + "\")");
    }
}

std::string justify_name(const std::string& name) {
  HAlign h;
  VAlign v;
  justify_from_name(name, h, v);
  std::string out(1, char(std::toupper(static_cast<unsigned char>(name[0]))));
  out += name.size() == 2 ? char(std::toupper(static_cast<unsigned char>(name[1]))) : 'N';
  return out;
}

}  // namespace pargist::plot
