// Gist's text escapes, split into runs a backend can draw one by one.
#pragma once

#include <string>
#include <vector>

namespace pargist::plot::detail {

enum class Script { normal, super, sub };

/// A piece of text drawn with one font and one baseline.
struct TextRun {
  std::string utf8;
  Script script = Script::normal;
  bool symbol = false;  ///< came from a '!' escape (a Greek letter or symbol)
};

/// Splits Gist text: "!x" puts the letter x in the symbol font (mapped to
/// its Unicode Greek letter), "!!", "!^", "!_" are the literal characters
/// (a final '!' is itself). Three modes as in Gist: '^' enters superscript
/// from ordinary or subscript mode and returns to ordinary from
/// superscript; '_' likewise for subscript. Newlines stay in the runs.
/// In the symbol font (Gist's font 12..15) every letter is its Greek or
/// symbol character, as '!' makes it in the other fonts.
std::vector<TextRun> parse_gist_text(const std::string& text, bool symbol_font = false);

/// The Unicode (UTF-8) character that Adobe's Symbol font shows for `c`.
std::string symbol_to_utf8(char c);

}  // namespace pargist::plot::detail
