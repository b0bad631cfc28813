// The dialect of binary CGM that Gist (Yorick's graphics) writes and reads.
// Facts taken from Gist's documented behaviour, expressed here as numbers:
// what the page is, which colour index means what, which font is which.
#pragma once

#include <array>
#include <cstdint>

#include "pargist/libplot/frame.hpp"

namespace pargist::cgm::gist {

// Gist's NDC unit is 1/72.27 in = ONE_POINT * 72.27; a CGM written at the
// default scale has 25545.24 VDC units per NDC unit (about 2400 dpi).
constexpr double kVdcPerNdc = 25545.24;
// NDC per typographic point and the page: libplot's (pargist/libplot/frame.hpp).
constexpr double kOnePoint = plot::kNdcPerPoint;
// The VDC extent Gist writes for a portrait and a landscape page.
constexpr int kPortraitVdcX = 20400;
constexpr int kPortraitVdcY = 26400;

// Units of Gist's relative attributes.
constexpr double kDefaultLineWidthNdc = 0.5 * kOnePoint;   // width 1.0
constexpr double kDefaultMarkerSizeNdc = 10.0 * kOnePoint; // msize 1.0
// CGM's CHARACTER HEIGHT is the cap height; Gist writes 0.8 x point size.
constexpr double kCapHeightPerPointSize = 0.8;

// The metafile description Gist's reader keys its colour conventions on.
constexpr const char* kDescriptionPrefix = "Gist;  ";

// Colour indices: 0 background, 1 foreground, 2..9 Gist's eight fixed
// colours, 10.. the page's palette (at most 246 entries).
constexpr int kBackgroundIndex = 0;
constexpr int kForegroundIndex = 1;
constexpr int kFirstFixedIndex = 2;
constexpr int kFirstPaletteIndex = 10;
constexpr int kMaxPaletteColours = 246;
struct Rgb8 { std::uint8_t r, g, b; };
// Indices 2..9: black white red green blue cyan magenta yellow.
constexpr std::array<Rgb8, 8> kFixedColours = {{
    {0, 0, 0}, {255, 255, 255}, {255, 0, 0}, {0, 255, 0},
    {0, 0, 255}, {0, 255, 255}, {255, 0, 255}, {255, 255, 0}}};
// What Gist's reader assumes for indices 10..239 before a page's table:
// a gray ramp, grey(i) = i + (i+5)/9 for i = 0..229.
inline std::uint8_t default_gray(int i) { return static_cast<std::uint8_t>(i + (i + 5) / 9); }

// Line types 1..5: solid dash dot dashdot dashdotdot. Marker types 1..5:
// dot plus asterisk circle cross.
constexpr int kMaxLineType = 5;
constexpr int kMaxMarkerType = 5;

// Gist's fonts are numbered family*4 + bold + 2*italic, families Courier,
// Times, Helvetica, Symbol, New Century. The CGM FONT LIST Gist writes, and
// the CGM font index (1-based) of each Gist font number.
constexpr std::array<const char*, 20> kFontList = {
    "Courier", "Helvetica", "Times-Roman", "Symbol",
    "Courier-Bold", "Helvetica-Bold", "Times-Bold", "Symbol",
    "Courier-Oblique", "Helvetica-Oblique", "Times-Italic", "Symbol",
    "Courier-BoldOblique", "Helvetica-BoldOblique", "Times-BoldItalic", "Symbol",
    "NewCenturySchlbk-Roman", "NewCenturySchlbk-Bold",
    "NewCenturySchlbk-Italic", "NewCenturySchlbk-BoldItalic"};
constexpr std::array<int, 20> kCgmFontIndexOfGistFont = {
    1, 5, 9, 13, 3, 7, 11, 15, 2, 6, 10, 14, 4, 8, 12, 16, 17, 18, 19, 20};

// APPLICATION DATA identifier of pargist's world-coordinate record ("pg").
// Gist's reader only acts on APPLICATION DATA of exactly 3 bytes (its
// smoothing flag); ours is always longer, so it is skipped there.
constexpr int kWorldRecordId = 0x7067;

}  // namespace pargist::cgm::gist
