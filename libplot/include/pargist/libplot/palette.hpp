// Gist's palettes: the standard ones built in, and .gp palette files.
#pragma once

#include <string>
#include <vector>

#include "pargist/libplot/frame.hpp"

namespace pargist::plot {

/// Names of the built-in palettes: earth, gray, yarg, heat, stern, rainbow, ncar.
std::vector<std::string> builtin_palette_names();

/// A built-in palette by name ("earth" or "earth.gp"). Throws
/// std::invalid_argument for an unknown name.
Palette builtin_palette(const std::string& name);

/// Reads a Gist palette file (".gp": optional "ncolors= N", "ntsc= 0|1",
/// then one "r g b" line per colour, '#' comments). Throws std::runtime_error
/// when the file cannot be read, std::invalid_argument when it is malformed.
Palette read_palette_file(const std::string& path);

/// A palette by name as Gist's palette command finds it: a .gp file by
/// path, in the current folder or on $GISTPATH, else a built-in name.
/// Throws like the two functions above.
Palette load_palette(const std::string& name_or_path);

/// The palette resampled to at most `max_colors` entries, as Gist fits the
/// palettes it reads to pldefault's maxcolors (200 by default).
Palette fit_palette(Palette palette, int max_colors);

/// A palette from explicit r, g, b arrays (equal lengths, 1..256 entries).
Palette make_palette(const std::vector<std::uint8_t>& r, const std::vector<std::uint8_t>& g,
                     const std::vector<std::uint8_t>& b, const std::string& name = "custom");

/// The RGB value of one of Gist's named colours (fg is black, bg white).
Rgb named_rgb(NamedColor color);

}  // namespace pargist::plot
