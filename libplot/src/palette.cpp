// Built-in palettes, .gp files, and colour resolution.
#include "pargist/libplot/palette.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "pargist/libplot/renderer.hpp"
#include "gist_path.hpp"
#include "palette_data.hpp"

namespace pargist::plot {

std::vector<std::string> builtin_palette_names() {
  std::vector<std::string> names;
  for (int i = 0; i < detail::kBuiltinPaletteCount; ++i) names.emplace_back(detail::kBuiltinPalettes[i].name);
  return names;
}

static std::string strip_gp_suffix(std::string name) {
  if (name.size() > 3 && name.compare(name.size() - 3, 3, ".gp") == 0) name.resize(name.size() - 3);
  return name;
}

Palette builtin_palette(const std::string& name) {
  const std::string key = strip_gp_suffix(name);
  for (int i = 0; i < detail::kBuiltinPaletteCount; ++i) {
    const auto& p = detail::kBuiltinPalettes[i];
    if (key != p.name) continue;
    Palette palette;
    palette.name = p.name;
    palette.colors.resize(p.size);
    for (int k = 0; k < p.size; ++k) palette.colors[k] = {p.rgb[3 * k], p.rgb[3 * k + 1], p.rgb[3 * k + 2]};
    return palette;
  }
  throw std::invalid_argument("pargist: no built-in palette named \"" + name + "\"");
}

Palette read_palette_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("pargist: cannot read palette file " + path);
  Palette palette;
  palette.name = path;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    line = line.substr(0, line.find('#'));
    if (line.find('=') != std::string::npos) continue;  // ncolors=, ntsc=: implied by the rows
    std::istringstream row(line);
    int r, g, b;
    if (!(row >> r)) continue;  // blank line
    if (!(row >> g >> b) || r < 0 || r > 255 || g < 0 || g > 255 || b < 0 || b > 255)
      throw std::invalid_argument("pargist: " + path + ":" + std::to_string(line_number) +
                                  ": expected three values 0..255 (r g b)");
    palette.colors.push_back({std::uint8_t(r), std::uint8_t(g), std::uint8_t(b)});
  }
  if (palette.colors.empty() || palette.colors.size() > 256)
    throw std::invalid_argument("pargist: " + path + ": a palette needs 1..256 colours, found " +
                                std::to_string(palette.colors.size()));
  return palette;
}

Palette load_palette(const std::string& name_or_path) {
  const std::string file = detail::find_gist_file(name_or_path, ".gp");
  if (!file.empty()) return read_palette_file(file);
  const std::string key = strip_gp_suffix(name_or_path);
  for (const auto& n : builtin_palette_names())
    if (key == n) return builtin_palette(key);
  if (name_or_path.find('/') == std::string::npos)
    throw std::invalid_argument("pargist: unknown palette \"" + name_or_path +
                                "\" (no such file here or on GISTPATH; built in: earth, gray, yarg, heat, stern, "
                                "rainbow, ncar)");
  return read_palette_file(name_or_path);
}

Palette fit_palette(Palette palette, int max_colors) {
  const int n = int(palette.colors.size());
  if (max_colors <= 1 || n <= max_colors) return palette;
  // Gist's resampling: entry k of the new palette lies k*(n-1)/(max-1) of
  // the way along the old one, interpolated and truncated per channel.
  const double ratio = double(n - 1) / double(max_colors - 1);
  std::vector<Rgb> out(static_cast<std::size_t>(max_colors));
  double at = 0.0;
  for (int k = 0; k < max_colors; ++k, at += ratio) {
    const int i = int(at);
    const int next = std::min(i + 1, n - 1);
    const double f = at - double(i), g = 1.0 - f;
    const Rgb a = palette.colors[std::size_t(std::min(i, n - 1))], b = palette.colors[std::size_t(next)];
    out[std::size_t(k)] = {std::uint8_t(int(g * a.r + f * b.r)), std::uint8_t(int(g * a.g + f * b.g)),
                           std::uint8_t(int(g * a.b + f * b.b))};
  }
  palette.colors = std::move(out);
  return palette;
}

Palette make_palette(const std::vector<std::uint8_t>& r, const std::vector<std::uint8_t>& g,
                     const std::vector<std::uint8_t>& b, const std::string& name) {
  if (r.size() != g.size() || r.size() != b.size())
    throw std::invalid_argument("pargist: palette r, g, b must have the same length (got " +
                                std::to_string(r.size()) + ", " + std::to_string(g.size()) + ", " +
                                std::to_string(b.size()) + ")");
  if (r.empty() || r.size() > 256)
    throw std::invalid_argument("pargist: a palette needs 1..256 colours");
  Palette palette;
  palette.name = name;
  for (std::size_t i = 0; i < r.size(); ++i) palette.colors.push_back({r[i], g[i], b[i]});
  return palette;
}

Rgb named_rgb(NamedColor color) {
  switch (color) {
    case NamedColor::bg: return {255, 255, 255};
    case NamedColor::fg: return {0, 0, 0};
    case NamedColor::black: return {0, 0, 0};
    case NamedColor::white: return {255, 255, 255};
    case NamedColor::red: return {255, 0, 0};
    case NamedColor::green: return {0, 255, 0};
    case NamedColor::blue: return {0, 0, 255};
    case NamedColor::cyan: return {0, 255, 255};
    case NamedColor::magenta: return {255, 0, 255};
    case NamedColor::yellow: return {255, 255, 0};
  }
  return {0, 0, 0};
}

Rgb resolve_color(const Color& color, const Palette& palette) {
  switch (color.kind) {
    case Color::Kind::rgb: return color.rgb;
    case Color::Kind::named: return named_rgb(static_cast<NamedColor>(color.index));
    case Color::Kind::index: break;
  }
  if (color.index >= 246) return named_rgb(static_cast<NamedColor>(color.index));
  if (palette.colors.empty()) return {color.index, color.index, color.index};
  const std::size_t i = std::min<std::size_t>(color.index, palette.colors.size() - 1);
  return palette.colors[i];
}

}  // namespace pargist::plot
