// Finding a style sheet (a path, the current folder, $GISTPATH, the
// built-in sheets) and laying a frame out by it.
#include "pargist/libplot/style.hpp"

#include <fstream>
#include <map>
#include <sstream>

#include "pargist/libplot/palette.hpp"
#include "gist_path.hpp"
#include "style_builtin.hpp"

namespace pargist::plot {

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

StyleSheet read_style_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw StyleError("pargist: cannot read style file " + path);
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) throw StyleError("pargist: cannot read style file " + path);
  return parse_style(text.str(), path);
}

const StyleSheet* builtin(const std::string& name) {
  static const std::map<std::string, StyleSheet> parsed = [] {
    std::map<std::string, StyleSheet> out;
    for (const auto& b : detail::builtin_styles()) {
      StyleSheet s = parse_style(b.text, "(built-in " + b.name + ".gs)");
      s.name = b.name;
      out.emplace(b.name, std::move(s));
    }
    return out;
  }();
  const std::string base = ends_with(name, ".gs") ? name.substr(0, name.size() - 3) : name;
  const auto it = parsed.find(base.empty() ? "work" : base);
  return it == parsed.end() ? nullptr : &it->second;
}

}  // namespace

std::vector<std::string> style_names() {
  std::vector<std::string> names;
  for (const auto& b : detail::builtin_styles()) names.push_back(b.name);
  return names;
}

StyleSheet load_style(const std::string& name) {
  const std::string file = detail::find_gist_file(name, ".gs");
  if (!file.empty()) {
    StyleSheet s = read_style_file(file);
    s.name = name;
    return s;
  }
  if (name.find('/') != std::string::npos) throw StyleError("pargist: no style file " + name);
  if (const StyleSheet* s = builtin(name)) return *s;
  std::string known;
  for (const auto& n : style_names()) known += (known.empty() ? "" : ", ") + n;
  throw StyleError("pargist: unknown style \"" + name + "\" (no such file here or on GISTPATH; built in: " + known +
                   ")");
}

Frame make_frame(const StyleSheet& style) {
  Frame f;
  f.style = style.name;
  f.landscape = style.landscape;
  f.palette = builtin_palette("earth");
  CoordSystem ndc;
  ndc.viewport = {0, 1, 0, 1};
  ndc.ticks.horiz.flags = ndc.ticks.vert.flags = 0;
  ndc.legend = "System 0";
  f.systems.push_back(ndc);
  for (const auto& s : style.systems) {
    f.systems.push_back(s);
    f.systems.back().elements.clear();
  }
  f.legends = style.legends;
  f.contour_legends = style.contour_legends;
  return f;
}

Frame make_frame(const std::string& style) { return make_frame(load_style(style)); }

StyleSheet style_of(const Frame& frame) {
  StyleSheet s;
  s.name = frame.style;
  s.landscape = frame.landscape;
  for (std::size_t k = 1; k < frame.systems.size(); ++k) {
    CoordSystem sys = frame.systems[k];
    sys.elements.clear();
    sys.limits = Limits();
    s.systems.push_back(std::move(sys));
  }
  s.legends = frame.legends;
  s.contour_legends = frame.contour_legends;
  return s;
}

TickStyle style_ticks(const std::string& style) {
  const StyleSheet s = load_style(style);
  if (s.systems.empty()) {
    TickStyle none;
    none.horiz.flags = none.vert.flags = 0;
    return none;
  }
  return s.systems.front().ticks;
}

}  // namespace pargist::plot
