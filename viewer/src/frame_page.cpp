#include "pargist/viewer/frame_page.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <variant>

#include "pargist/libplot/axes.hpp"
#include "pargist/libplot/cairo_renderer.hpp"
#include "pargist/libplot/renderer.hpp"

namespace pargist::viewer {

namespace {

// What a view changes in a frame: each system's limits and tick flags, each
// 3-D scene's rotation (in the order of the systems and their elements).
struct ViewFields {
  struct System {
    plot::Limits limits;
    unsigned horiz_flags, vert_flags;
  };
  std::vector<System> systems;
  std::vector<std::array<double, 9>> rotations;
};

template <class FrameT, class F>
void for_each_scene(FrameT& frame, F&& f) {
  for (auto& s : frame.systems)
    for (auto& e : s.elements)
      if (auto* scene = std::get_if<plot::Scene3>(&e)) f(*scene);
}

ViewFields view_fields(const plot::Frame& frame) {
  ViewFields v;
  for (const auto& s : frame.systems) v.systems.push_back({s.limits, s.ticks.horiz.flags, s.ticks.vert.flags});
  for_each_scene(frame, [&](const plot::Scene3& scene) {
    auto& r = v.rotations.emplace_back();
    std::copy(&scene.view.rot[0][0], &scene.view.rot[0][0] + 9, r.begin());
  });
  return v;
}

// Sets on `frame` the view `options` over the frame's own view `own`.
void set_view(plot::Frame& frame, const ViewFields& own, const ViewOptions& options) {
  for (std::size_t i = 0; i < frame.systems.size(); ++i) {
    plot::CoordSystem& s = frame.systems[i];
    s.limits = own.systems[i].limits;
    if (auto v = options.limits.find(int(i)); i >= 1 && v != options.limits.end()) s.limits.set_sides(v->second);
    s.ticks.horiz.flags = own.systems[i].horiz_flags;
    s.ticks.vert.flags = own.systems[i].vert_flags;
    if (options.grid && i >= 1) {
      s.ticks.horiz.flags |= plot::grid_full;
      s.ticks.vert.flags |= plot::grid_full;
    }
  }
  const bool turned = options.turn != ViewOptions{}.turn;
  std::size_t k = 0;
  for_each_scene(frame, [&](plot::Scene3& scene) {
    const auto& rot = own.rotations[k++];
    for (int b = 0; b < 3; ++b)
      for (int a = 0; a < 3; ++a)
        scene.view.rot[b][a] = !turned ? rot[std::size_t(3 * b + a)]
                                       : rot[std::size_t(3 * b)] * options.turn[std::size_t(a)] +
                                             rot[std::size_t(3 * b + 1)] * options.turn[std::size_t(3 + a)] +
                                             rot[std::size_t(3 * b + 2)] * options.turn[std::size_t(6 + a)];
  });
}

// Every cell array that carries values, in the order of the systems and
// their elements.
template <class FrameT, class F>
void for_each_valued_cells(FrameT& frame, F&& f) {
  for (auto& s : frame.systems)
    for (auto& e : s.elements)
      if (auto* cells = std::get_if<plot::Cells>(&e); cells && !cells->z.empty()) f(*cells);
}

}  // namespace

plot::Frame apply_view(const plot::Frame& frame, const ViewOptions& options) {
  plot::Frame f = frame;
  set_view(f, view_fields(frame), options);
  return f;
}

struct FramePage::Prepared {
  ViewFields own_view;
  std::vector<std::vector<std::uint8_t>> cell_colours;  // of each valued cell array, in order
};

// The page's frame as one render draws it: the view set, each valued cell
// array's values swapped for its colours (vectors swapped: nothing is
// copied); put back as given at the end of the render, even if it throws.
class FramePage::LentFrame {
 public:
  LentFrame(plot::Frame& frame, Prepared& prepared, const ViewOptions& options)
      : frame_(frame), prepared_(prepared) {
    set_view(frame_, prepared_.own_view, options);
    for_each_valued_cells(frame_, [&](plot::Cells& c) {
      Lent& l = lent_.emplace_back(Lent{&c, lent_.size(), {}, c.channels});
      swap_colours(l);
      c.channels = 1;
    });
  }
  ~LentFrame() {
    for (Lent& l : lent_) {
      swap_colours(l);
      l.cells->channels = l.channels;
    }
    set_view(frame_, prepared_.own_view, ViewOptions{});
  }
  LentFrame(const LentFrame&) = delete;
  LentFrame& operator=(const LentFrame&) = delete;

 private:
  struct Lent {
    plot::Cells* cells;
    std::size_t index;           // of its colours in prepared_.cell_colours
    std::vector<double> values;  // the values while lent (the cells' z empty)
    int channels;
  };
  void swap_colours(Lent& l) {
    l.cells->z.swap(l.values);
    l.cells->colors.swap(prepared_.cell_colours[l.index]);
  }

  plot::Frame& frame_;
  Prepared& prepared_;
  std::vector<Lent> lent_;
};

FramePage::FramePage(plot::Frame frame) : frame_(std::move(frame)) {}

FramePage::~FramePage() = default;

bool FramePage::has_3d() const {
  for (const auto& s : frame_.systems)
    for (const auto& e : s.elements)
      if (std::holds_alternative<plot::Scene3>(e)) return true;
  return false;
}

std::vector<SystemGeometry> FramePage::render(cairo_t* cr, const PageTransform& t,
                                              const ViewOptions& options) const {
  std::lock_guard<std::mutex> lock(drawn_mutex_);
  if (!prepared_) {
    prepared_ = std::make_unique<Prepared>();
    prepared_->own_view = view_fields(frame_);
    for_each_valued_cells(frame_, [&](const plot::Cells& c) {
      prepared_->cell_colours.push_back(plot::cell_indices(c, frame_.palette));
    });
  }
  const LentFrame lent(frame_, *prepared_, options);
  const plot::Frame& f = frame_;

  // The drawing area in NDC, at the window's scale (pixels per point too,
  // so text and line widths follow the window's size).
  double x1, y1, x2, y2;
  cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
  plot::CairoRenderer renderer(cr, t.view(x2, y2));
  renderer.set_antialias(!options.draft);
  renderer.set_clear_background(false);  // the window cleared it (Page::render's contract)
  std::vector<plot::Limits> drawn;
  plot::RenderOptions render_options;
  render_options.drawn_limits = &drawn;
  plot::render(f, renderer, render_options);

  // Where each system is and the limits it was drawn with, for the mouse
  // (render() resolved them all, or threw). Systems without elements are
  // skipped, as in Gist: nothing to zoom there.
  std::vector<SystemGeometry> systems;
  for (std::size_t i = 1; i < f.systems.size(); ++i) {
    const plot::CoordSystem& s = f.systems[i];
    if (s.elements.empty()) continue;
    systems.push_back(SystemGeometry{static_cast<int>(i), plot::Transform{s.viewport, drawn[i]},
                                     prepared_->own_view.systems[i].limits});
  }
  return systems;
}

}  // namespace pargist::viewer
