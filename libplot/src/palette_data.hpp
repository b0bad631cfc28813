// Gist's standard palettes compiled in (data in palette_data.cpp).
#pragma once

namespace pargist::plot::detail {

struct BuiltinPalette {
  const char* name;
  const unsigned char* rgb;  // 3 bytes per colour
  int size;
};

extern const BuiltinPalette kBuiltinPalettes[];
extern const int kBuiltinPaletteCount;

}  // namespace pargist::plot::detail
