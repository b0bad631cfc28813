// Defaults of the Renderer interface.
#include "pargist/libplot/renderer.hpp"

#include <cmath>
#include <vector>

namespace pargist::plot {

TextExtent Renderer::measure_text(const std::string& text, const TextStyle& style) {
  // An estimate for backends that cannot measure (0.6 em per character,
  // Helvetica-like ascent and descent); the Cairo backend measures for real.
  const double em = style.height / kPointsPerNdc;
  return {0.6 * em * static_cast<double>(text.size()), 0.75 * em, 0.2 * em};
}

void Renderer::markers_mapped(const double* wx, const double* wy, std::size_t n, const LinearAxis& ax,
                              const LinearAxis& ay, const MarkerStyle& style) {
  std::vector<double> px, py;
  px.reserve(n);
  py.reserve(n);
  auto flush = [&] {
    if (!px.empty()) markers(px.data(), py.data(), px.size(), style);
    px.clear();
    py.clear();
  };
  for (std::size_t i = 0; i < n; ++i) {
    const double x = wx[i], y = wy[i];
    const double nx = std::isfinite(x) ? ax(x) : x, ny = std::isfinite(y) ? ay(y) : y;
    if (!std::isfinite(x) || !std::isfinite(y) || !std::isfinite(nx) || !std::isfinite(ny)) {
      flush();
      continue;
    }
    px.push_back(nx);
    py.push_back(ny);
  }
  flush();
}

}  // namespace pargist::plot
