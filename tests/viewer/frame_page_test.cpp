// A FramePage draws its frame in place (no copy of the data): each render
// lends the frame its view and the cell arrays' colours, then puts the frame
// back as given. Checked: the frame after renders at a zoom, with the grid,
// and after a render that throws; and the pictures of a page drawn many
// times are those of a new page (an image surface: no display needed).
#include <catch2/catch.hpp>

#include <cairo.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "pargist/libplot/cairo_renderer.hpp"
#include "pargist/viewer/frame_page.hpp"
#include "pargist/viewer/geometry.hpp"

namespace plot = pargist::plot;
namespace pv = pargist::viewer;

namespace {

constexpr int kSide = 300;

// A curve and a cell array of values in one system, one more system empty.
plot::Frame frame_with_cells() {
  plot::Frame f;
  f.systems.resize(2);
  plot::Lines l;
  for (int i = 0; i < 50; ++i) l.x.push_back(i * 0.1), l.y.push_back((i % 7) * 0.3);
  f.systems[1].elements.emplace_back(l);
  plot::Cells c;
  c.nx = 4, c.ny = 3;
  c.x0 = 0.5, c.y0 = 0.2, c.x1 = 3.5, c.y1 = 1.4;
  for (int i = 0; i < 12; ++i) c.z.push_back(i * 0.25 - 1);
  f.systems[1].elements.emplace_back(c);
  return f;
}

const plot::Cells& cells_of(const plot::Frame& f) { return std::get<plot::Cells>(f.systems[1].elements[1]); }

void check_as_given(const plot::Frame& now, const plot::Frame& given) {
  REQUIRE(now.systems.size() == given.systems.size());
  for (std::size_t s = 0; s < now.systems.size(); ++s) {
    CHECK(now.systems[s].limits.same_sides(given.systems[s].limits));
    CHECK(now.systems[s].ticks.horiz.flags == given.systems[s].ticks.horiz.flags);
    CHECK(now.systems[s].ticks.vert.flags == given.systems[s].ticks.vert.flags);
  }
  CHECK(cells_of(now).z == cells_of(given).z);
  CHECK(cells_of(now).colors == cells_of(given).colors);
  CHECK(cells_of(now).channels == cells_of(given).channels);
}

std::vector<std::uint32_t> picture(const pv::FramePage& page, const pv::ViewOptions& view) {
  // Owned so that a render that throws leaks nothing (the sanitizers' run checks).
  const std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, kSide, kSide), &cairo_surface_destroy);
  {
    const std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), &cairo_destroy);
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    page.render(cr.get(), pv::PageTransform::of(plot::window_view(50.0, kSide)), view);
  }
  cairo_surface_flush(surface.get());
  const auto* data = reinterpret_cast<const std::uint32_t*>(cairo_image_surface_get_data(surface.get()));
  return std::vector<std::uint32_t>(data, data + kSide * kSide);
}

pv::ViewOptions zoomed() {
  pv::ViewOptions v;
  v.limits[1] = plot::Limits::fixed(1, 3, 0.1, 1.5);
  v.grid = true;
  return v;
}

}  // namespace

TEST_CASE("frame page: renders leave the frame as given", "[frame_page]") {
  const plot::Frame given = frame_with_cells();
  const pv::FramePage page(given);
  picture(page, zoomed());
  check_as_given(page.frame(), given);
  picture(page, {});
  check_as_given(page.frame(), given);
}

TEST_CASE("frame page: a render that throws leaves the frame as given", "[frame_page]") {
  plot::Frame given = frame_with_cells();
  std::get<plot::Lines>(given.systems[1].elements[0]).y.pop_back();  // x and y of different lengths
  const pv::FramePage page(given);
  CHECK_THROWS(picture(page, zoomed()));
  check_as_given(page.frame(), given);
}

TEST_CASE("frame page: a page drawn many times draws as a new page", "[frame_page]") {
  const pv::FramePage used(frame_with_cells());
  picture(used, zoomed());
  picture(used, {});
  for (const pv::ViewOptions& view : {zoomed(), pv::ViewOptions{}}) {
    const pv::FramePage fresh(frame_with_cells());
    const auto expected = picture(fresh, view);
    CHECK(picture(used, view) == expected);
  }
  // The zoom shows: the pictures differ.
  CHECK(picture(used, zoomed()) != picture(used, {}));
}
