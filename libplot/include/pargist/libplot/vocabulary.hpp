// Gist's vocabulary, defined once: the names of colours, line types, markers
// and fonts with Gist's codes for them, and the parsers of every spelling a
// script may use. The Python module reads the same tables and parsers
// (pargist._core.gist_*), so the two sides cannot drift apart.
//
// Names match without regard to case or surrounding blanks ("Red", " dash");
// everything else throws std::invalid_argument saying what is accepted.
#pragma once

#include <string>
#include <vector>

#include "pargist/libplot/frame.hpp"

namespace pargist::plot {

/// A name and its Gist code.
struct NamedCode {
  const char* name;
  int code;
};

/// The named colours and their codes: "bg" -1, "fg" -2, "black" -3, "white"
/// -4, "red" -5, "green" -6, "blue" -7, "cyan" -8, "magenta" -9, "yellow"
/// -10 (as bytes 255..246). Color::from_name and Color::from_code parse them.
const std::vector<NamedCode>& color_names();
/// Line types: "none" 0 (markers only), "solid" 1 ... "dashdotdot" 5.
const std::vector<NamedCode>& line_type_names();
/// Marker names: "point"/"dot" 1, "plus" 2, "asterisk"/"star" 3, "circle"
/// 4, "cross" 5 (a single character, "x" too, is drawn as itself).
const std::vector<NamedCode>& marker_names();
/// Font families: "courier" 0, "times" 4, "helvetica" 8, "symbol" 12,
/// "schoolbook" 16; font_bold (1) and font_italic (2) are added to them.
const std::vector<NamedCode>& font_families();

/// A colour name or "#rrggbb" (see Color::from_name).
Color color_from_name(const std::string& name);
/// "none", "solid", "dash", "dot", "dashdot", "dashdotdot".
LineType line_type_from_name(const std::string& name);
/// 0..5.
LineType line_type_from_code(int code);
/// A marker name, "\1".."\5", or one printable character (drawn as itself).
int marker_from_name(const std::string& name);
/// 1..5, or the code of a printable character (33..126).
int marker_from_code(int code);
/// A family, then "B" (bold), "I" (italic), "BI" or "IB": "helveticaB".
int font_from_name(const std::string& name);
/// 0..19.
int font_from_code(int code);
/// Gist's justify: one of N,L,C,R then optionally one of N,T,C,H,A,B
/// ("CH", "LT"...), case-insensitive.
void justify_from_name(const std::string& name, HAlign& h, VAlign& v);
/// The same, checked and written in full: "c" -> "CN".
std::string justify_name(const std::string& name);

}  // namespace pargist::plot
