// Gist's built-in page styles (the values of Yorick's g/*.gs files).
#include "pargist/libplot/style.hpp"

#include <stdexcept>

#include "pargist/libplot/palette.hpp"

namespace pargist::plot {

namespace {

std::string base_name(std::string name) {
  if (name.size() > 3 && name.compare(name.size() - 3, 3, ".gs") == 0) name.resize(name.size() - 3);
  if (name.empty()) name = "work";
  return name;
}

TickStyle work_ticks() {
  TickStyle t;  // the AxisStyle defaults are work.gs's horizontal axis
  t.vert.n_digits = 4;
  t.vert.x_over = 0.150;
  return t;
}

TickStyle boxed_ticks() {
  TickStyle t = work_ticks();
  for (AxisStyle* a : {&t.horiz, &t.vert}) {
    a->n_major = 5.0;
    a->n_minor = 25.0;
    a->flags = tick_lower | tick_upper | tick_in | label_lower;
    const double len[5] = {0.009, 0.006, 0.004, 0.0027, 0.0018};
    for (int k = 0; k < 5; ++k) a->tick_len[k] = len[k];
  }
  t.horiz.label_off = 0.010;
  t.vert.label_off = 0.006;
  t.frame = true;
  return t;
}

CoordSystem system_at(const Box& viewport, const TickStyle& ticks, const std::string& legend) {
  CoordSystem s;
  s.viewport = viewport;
  s.ticks = ticks;
  s.legend = legend;
  return s;
}

}  // namespace

std::vector<std::string> style_names() { return {"work", "boxed", "nobox", "work2", "boxed2", "2x2"}; }

TickStyle style_ticks(const std::string& style) {
  const std::string name = base_name(style);
  if (name == "boxed" || name == "boxed2" || name == "2x2") return boxed_ticks();
  if (name == "nobox") {
    TickStyle t = work_ticks();
    t.horiz.flags = t.vert.flags = 0;
    return t;
  }
  if (name == "work" || name == "work2") return work_ticks();
  throw std::invalid_argument("pargist: unknown style \"" + style +
                              "\" (work, boxed, nobox, work2, boxed2, 2x2)");
}

Frame make_frame(const std::string& style) {
  const std::string name = base_name(style);
  Frame f;
  f.style = name;
  f.palette = builtin_palette("earth");
  CoordSystem ndc;
  ndc.viewport = {0, 1, 0, 1};
  ndc.ticks.horiz.flags = ndc.ticks.vert.flags = 0;
  ndc.legend = "System 0";
  f.systems.push_back(ndc);
  const TickStyle ticks = style_ticks(name);
  if (name == "work") {
    f.systems.push_back(system_at({0.19, 0.60, 0.44, 0.85}, ticks, "System 1"));
  } else if (name == "boxed") {
    f.systems.push_back(system_at({0.1757, 0.6143, 0.4257, 0.8643}, ticks, "System 1"));
  } else if (name == "nobox") {
    f.systems.push_back(system_at({0.127, 0.672, 0.363, 0.908}, ticks, "System 1"));
    f.legends.nlines = 0;
    f.contour_legends.nlines = 0;
  } else if (name == "work2" || name == "boxed2") {
    // Two systems on one viewport: the second one's y axis on the right.
    const Box vp = name == "work2" ? Box{0.19, 0.60, 0.44, 0.85} : Box{0.1757, 0.6143, 0.4257, 0.8643};
    TickStyle left = ticks, right = ticks;
    if (name == "work2") {
      left.horiz.flags = left.vert.flags = 0x031;
      right.horiz.flags = 0x012;
      right.vert.flags = 0x052;
    } else {
      left.horiz.flags = left.vert.flags = 0x029;
      right.horiz.flags = 0x00a;
      right.vert.flags = 0x04a;
    }
    f.systems.push_back(system_at(vp, left, "System 1"));
    f.systems.push_back(system_at(vp, right, "System 2"));
  } else if (name == "2x2") {
    // Four panels inside the window's view, numbered left to right, top down.
    TickStyle small = ticks;
    for (AxisStyle* a : {&small.horiz, &small.vert}) {
      a->n_major = 4.0;
      a->n_minor = 20.0;
      a->text_style.height = 10.0;
    }
    // Gaps wide enough for each panel's tick labels and axis titles, and for
    // a title above it; the left titles and the top titles stay inside the
    // window's view (x 0.118..0.681, y 0.358..0.922 NDC).
    const double xs[2][2] = {{0.195, 0.385}, {0.480, 0.670}};
    const double ys[2][2] = {{0.690, 0.870}, {0.420, 0.600}};
    int n = 1;
    for (const auto& y : ys)
      for (const auto& x : xs) f.systems.push_back(system_at({x[0], x[1], y[0], y[1]}, small, "System " + std::to_string(n++)));
    f.legends.nlines = 0;
    f.contour_legends.nlines = 0;
  } else {
    throw std::invalid_argument("pargist: unknown style \"" + style + "\" (work, boxed, nobox, work2, boxed2, 2x2)");
  }
  return f;
}

}  // namespace pargist::plot
