// Gist's text escapes ('!' symbol font, '^' superscript, '_' subscript).
#include "gist_text.hpp"

namespace pargist::plot::detail {

std::string symbol_to_utf8(char c) {
  // Adobe Symbol's letter positions: mostly the Greek letter of the same
  // sound, with a few historical exceptions (c = chi, j = phi variant, ...).
  static const char* const lower[26] = {
      "α", "β", "χ", "δ", "ε", "φ", "γ", "η", "ι", "ϕ", "κ", "λ", "μ",
      "ν", "ο", "π", "θ", "ρ", "σ", "τ", "υ", "ϖ", "ω", "ξ", "ψ", "ζ"};
  static const char* const upper[26] = {
      "Α", "Β", "Χ", "Δ", "Ε", "Φ", "Γ", "Η", "Ι", "ϑ", "Κ", "Λ", "Μ",
      "Ν", "Ο", "Π", "Θ", "Ρ", "Σ", "Τ", "Υ", "ς", "Ω", "Ξ", "Ψ", "Ζ"};
  if (c >= 'a' && c <= 'z') return lower[c - 'a'];
  if (c >= 'A' && c <= 'Z') return upper[c - 'A'];
  switch (c) {
    case '@': return "≅";
    case '"': return "∀";
    case '\'': return "∋";
    case '*': return "∗";
    case '#': return "#";
    case '`': return "‾";
    case '~': return "∼";
    case '[': return "[";
    case '\\': return "∴";
    case ']': return "]";
    case '|': return "|";
    case '$': return "∃";
    case '&': return "&";
    case '%': return "%";
    case '?': return "?";
    case '<': return "<";
    case '>': return ">";
    case '=': return "=";
    default: return std::string(1, c);
  }
}

std::vector<TextRun> parse_gist_text(const std::string& text, bool symbol_font) {
  std::vector<TextRun> runs;
  Script script = Script::normal;
  auto append = [&](const std::string& piece, bool symbol) {
    if (runs.empty() || runs.back().script != script || runs.back().symbol != symbol)
      runs.push_back({"", script, symbol});
    runs.back().utf8 += piece;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '!' && i + 1 < text.size() && text[i + 1] != '\n') {
      const char next = text[++i];
      if (next == '!' || next == '^' || next == '_')
        append(symbol_font ? symbol_to_utf8(next) : std::string(1, next), symbol_font);
      else
        append(symbol_to_utf8(next), true);
    } else if (c == '^') {
      script = script == Script::super ? Script::normal : Script::super;
    } else if (c == '_') {
      script = script == Script::sub ? Script::normal : Script::sub;
    } else if (symbol_font && c != '\n') {
      append(symbol_to_utf8(c), true);
    } else {
      append(std::string(1, c), false);
    }
  }
  return runs;
}

}  // namespace pargist::plot::detail
