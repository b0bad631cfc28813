// Defaults of the Renderer interface.
#include "pargist/libplot/renderer.hpp"

namespace pargist::plot {

TextExtent Renderer::measure_text(const std::string& text, const TextStyle& style) {
  // An estimate for backends that cannot measure (0.6 em per character,
  // Helvetica-like ascent and descent); the Cairo backend measures for real.
  const double em = style.height / kPointsPerNdc;
  return {0.6 * em * static_cast<double>(text.size()), 0.75 * em, 0.2 * em};
}

}  // namespace pargist::plot
