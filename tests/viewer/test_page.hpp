// A known picture for the window tests, drawn straight with Cairo: one
// coordinate system in Gist's work viewport, data spanning 0..10 on both
// axes, a red square over [4,6]x[4,6] and a blue one over [8,9]x[1,2].
// It honours the window's limits overrides exactly as a frame does, so the
// tests can predict where each square lands after a zoom.
#pragma once

#include "pargist/viewer/page.hpp"

namespace pargist::viewer::test {

class TestPage : public Page {
 public:
  explicit TestPage(int number = 1, plot::Limits own = plot::Limits{})
      : number_(number), own_(own) {}
  int number() const override { return number_; }
  std::vector<SystemGeometry> render(cairo_t* cr, const PageTransform& t,
                                     const ViewOptions& options) const override;

  static constexpr plot::Box kViewport{0.1757, 0.6143, 0.4257, 0.8643};

 private:
  int number_;
  plot::Limits own_;
};

}  // namespace pargist::viewer::test
