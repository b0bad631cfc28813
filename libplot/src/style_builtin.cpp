// The style sheets Yorick ships in its g/ folder, built in: their values,
// written as sheets for the .gs parser (so that a built-in and the same
// file read from disk can only agree), plus pargist's own "2x2".
#include "style_builtin.hpp"

namespace pargist::plot::detail {

namespace {

// One axis: the work.gs values, with those that vary between sheets left
// to the caller (a printf-free template: pieces joined below).
std::string axis(const std::string& counts, const std::string& flags, const std::string& offsets,
                 const std::string& lengths, const std::string& widths, const std::string& text,
                 const std::string& over) {
  return "{ " + counts + ", logAdjMajor= 1.2, logAdjMinor= 1.2,\n" + flags + ",\n" + offsets +
         ",\n tickLen= " + lengths + ",\n" + widths + ",\n textStyle= { color= -2, font= 0x08, " + text +
         ", orient= 0, alignH= 0, alignV= 0, opaque= 0 },\n " + over + " }";
}

const char* const kWorkLengths = "{ 0.0143, 0.0091, 0.0052, 0.0026, 0.0013 }";
const char* const kBoxedLengths = "{ 0.009, 0.006, 0.004, 0.0027, 0.0018 }";
const char* const kThinLines =
    " tickStyle= { color= -2, type= 1, width= 1.0 },\n gridStyle= { color= -2, type= 3, width= 1.0 }";
const char* const kThickLines =
    " tickStyle= { color= -2, type= 1, width= 4.0 },\n gridStyle= { color= -2, type= 3, width= 2.0 }";

std::string legends(const std::string& y) {
  return "legends= { x= 0.04698, y= " + y +
         ", dx= 0.3758, dy= 0.0,\n"
         " textStyle= { color= -2, font= 0x00, height= 0.0156, orient= 0, alignH= 1, alignV= 1, opaque= 0 },\n"
         " nchars= 36, nlines= 20, nwrap= 2 }\n";
}

const char* const kContourLegends =
    "clegends= { x= 0.6182, y= 0.8643, dx= 0.0, dy= 0.0,\n"
    " textStyle= { color= -2, font= 0x00, height= 0.0156, orient= 0, alignH= 1, alignV= 1, opaque= 0 },\n"
    " nchars= 14, nlines= 28, nwrap= 1 }\n";
const char* const kNoLegends = "legends= { nlines= 0 }\nclegends= { nlines= 0 }\n";

struct Layout {
  const char* viewport;
  const char* counts;  // nMajor, nMinor
  int flags;
  const char* label_off_h;
  const char* label_off_v;
  const char* lengths;
  const char* lines;
  const char* height;
  const char* over_h;
  const char* over_v;
  int frame;
  const char* frame_width;
};

std::string hex(int v) {
  static const char* digits = "0123456789abcdef";
  std::string s = "0x";
  for (int shift = 8; shift >= 0; shift -= 4) s += digits[(v >> shift) & 0xf];
  return s;
}

std::string default_block(const Layout& l) {
  const std::string counts = l.counts;
  const std::string text = std::string("height= ") + l.height;
  auto one = [&](const char* digits, const char* label_off, const char* over) {
    return axis(counts + ", nDigits= " + digits, " gridLevel= 1, flags= " + hex(l.flags),
                std::string(" tickOff= 0.0007, labelOff= ") + label_off, l.lengths, l.lines, text, over);
  };
  return std::string("default= { legend= 0, viewport= ") + l.viewport + ",\n ticks= {\n horiz= " +
         one("3", l.label_off_h, l.over_h) + ",\n vert= " + one("4", l.label_off_v, l.over_v) +
         ",\n frame= " + std::to_string(l.frame) + ", frameStyle= { color= -2, type= 1, width= " + l.frame_width +
         " } } }\n";
}

const Layout kWork{"{ 0.19, 0.60, 0.44, 0.85 }", "nMajor= 7.5, nMinor= 50.0", 0x033, "0.0182", "0.0182",
                   kWorkLengths, kThinLines, "0.0182", "xOver= 0.395, yOver= 0.370", "xOver= 0.150, yOver= 0.370",
                   0, "1.0"};
const Layout kBoxed{"{ 0.1757, 0.6143, 0.4257, 0.8643 }", "nMajor= 5.0, nMinor= 25.0", 0x02b, "0.010", "0.006",
                    kBoxedLengths, kThinLines, "0.0182", "xOver= 0.395, yOver= 0.370", "xOver= 0.150, yOver= 0.370",
                    1, "1.0"};
const Layout kNobox{"{ 0.127, 0.672, 0.363, 0.908 }", "nMajor= 7.5, nMinor= 50.0", 0x000, "0.0182", "0.0182",
                    kWorkLengths, kThinLines, "0.0182", "xOver= 0.395, yOver= 0.350", "xOver= 0.100, yOver= 0.350",
                    0, "1.0"};
const Layout kLandscapeNobox{"{ 0.244, 0.789, 0.127, 0.672 }", "nMajor= 7.5, nMinor= 50.0", 0x000, "0.0182",
                             "0.0182", kWorkLengths, kThinLines, "0.0182", "xOver= 0.395, yOver= 0.350",
                             "xOver= 0.100, yOver= 0.350", 0, "1.0"};
const Layout kAxes{"{ 0.19, 0.60, 0.44, 0.85 }", "nMajor= 7.5, nMinor= 50.0", 0x13c, "0.009", "0.009",
                   kWorkLengths,
                   " tickStyle= { color= -2, type= 1, width= 1.0 },\n gridStyle= { color= -2, type= 1, width= 1.0 }",
                   "0.0182", "xOver= 0.395, yOver= 0.4024", "xOver= 0.150, yOver= 0.4024", 0, "1.0"};
const Layout kVg{"{ 0.22, 0.62, 0.45, 0.85 }", "nMajor= 4.5, nMinor= 40.0", 0x033, "0.024", "0.024", kWorkLengths,
                 kThickLines, "0.0312", "xOver= 0.405, yOver= 0.360", "xOver= 0.160, yOver= 0.360", 0, "1.0"};
const Layout kVgbox{"{ 0.203, 0.633, 0.435, 0.865 }", "nMajor= 4.5, nMinor= 25.0", 0x02b, "0.016", "0.010",
                    "{ 0.0143, 0.0091, 0.0052, 0.0027, 0.0018 }", kThickLines, "0.0312",
                    "xOver= 0.405, yOver= 0.360", "xOver= 0.160, yOver= 0.360", 1, "4.0"};

std::string two_axes(int left_h, int left_v, int right_h, int right_v) {
  return "system= { legend= \"Left Axis (0)\",\n ticks= { horiz= { flags= " + hex(left_h) +
         " }, vert= { flags= " + hex(left_v) + " } } }\nsystem= { legend= \"Right Axis (1)\",\n ticks= { horiz= { flags= " +
         hex(right_h) + " }, vert= { flags= " + hex(right_v) + " } } }\n";
}

const char* const kOneSystem = "system= { legend= \"System 0\" }\n";

// Four boxed panels inside the window's view (x 0.118..0.681, y
// 0.358..0.922 NDC), numbered left to right, top down, with room for each
// panel's tick labels, axis titles and title.
std::string four_panels() {
  std::string s = default_block(kBoxed) +
                  "default= { ticks= { horiz= { nMajor= 4.0, nMinor= 20.0, textStyle= { height= 0.013 } },\n"
                  " vert= { nMajor= 4.0, nMinor= 20.0, textStyle= { height= 0.013 } } } }\n";
  const char* viewports[4] = {"{ 0.195, 0.385, 0.690, 0.870 }", "{ 0.480, 0.670, 0.690, 0.870 }",
                              "{ 0.195, 0.385, 0.420, 0.600 }", "{ 0.480, 0.670, 0.420, 0.600 }"};
  for (int k = 0; k < 4; ++k)
    s += "system= { legend= \"System " + std::to_string(k + 1) + "\", viewport= " + viewports[k] + " }\n";
  return s + kNoLegends;
}

}  // namespace

const std::vector<BuiltinStyle>& builtin_styles() {
  static const std::vector<BuiltinStyle> table = {
      {"work", "landscape= 0\n" + default_block(kWork) + kOneSystem + legends("0.360") + kContourLegends},
      {"boxed", "landscape= 0\n" + default_block(kBoxed) + kOneSystem + legends("0.360") + kContourLegends},
      {"vg", "landscape= 0\n" + default_block(kVg) + kOneSystem + kNoLegends},
      {"vgbox", "landscape= 0\n" + default_block(kVgbox) + kOneSystem + kNoLegends},
      {"nobox", "landscape= 0\n" + default_block(kNobox) + kOneSystem + kNoLegends},
      {"axes", "landscape= 0\n" + default_block(kAxes) + kOneSystem + legends("0.360") + kContourLegends},
      {"l_nobox", "landscape= 1\n" + default_block(kLandscapeNobox) + kOneSystem + kNoLegends},
      {"work2", "landscape= 0\n" + default_block(kWork) + two_axes(0x031, 0x031, 0x012, 0x052) + legends("0.360") +
                    "clegends= { nlines= 0 }\n"},
      {"boxed2", "landscape= 0\n" + default_block(kBoxed) + two_axes(0x029, 0x029, 0x00a, 0x04a) + legends("0.350") +
                     "clegends= { nlines= 0 }\n"},
      {"2x2", "landscape= 0\n" + four_panels()},
  };
  return table;
}

}  // namespace pargist::plot::detail
