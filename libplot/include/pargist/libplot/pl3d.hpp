// The computations of Gist's 3-D layer (Yorick's pl3d.i, pygist's pl3d.py):
// viewing transform, normals and lighting, the painter's sort, Gist's byte
// scaling, and the lowering of a Scene3 element (frame.hpp) into the 2-D
// elements render() draws. The Python module pargist.pl3d keeps the view
// state and the display list and calls these.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "pargist/libplot/frame.hpp"

namespace pargist::plot {

/// get3_xy: n points (x y z each) to the viewer's coordinates (x y z each).
std::vector<double> view3_points(const View3& view, const double* xyz, std::size_t n);

/// rot3: turns the view by xa about the viewer's x axis, then ya about its
/// y axis, then za about its z axis (radians).
void rotate3(View3& view, double xa, double ya, double za);

/// get3_normal of a polygon list (n[k] vertices each): one unit normal
/// (x y z) per polygon, from the cross product of two diameters that
/// nearly quarter it (the medians of a quadrilateral); [0,0,0] if they are
/// parallel.
std::vector<double> polygon_normals(const double* xyz, const std::size_t* n, std::size_t npoly);
/// get3_normal of a quadrilateral mesh of ni x nj points (i fastest): one
/// normal per zone, (ni-1)*(nj-1) of them, i fastest.
std::vector<double> mesh_normals(const double* xyz, std::size_t ni, std::size_t nj);
/// get3_centroid of a polygon list: the mean of each polygon's vertices.
std::vector<double> polygon_centroids(const double* xyz, const std::size_t* n, std::size_t npoly);
/// get3_centroid of a mesh: the mean of each zone's four corners.
std::vector<double> mesh_centroids(const double* xyz, std::size_t ni, std::size_t nj);

/// get3_light: the light of each face from its normal (and, in
/// perspective, the direction from its centroid to the camera). Normals
/// and centroids in viewer coordinates, 3 per face.
std::vector<double> light3(const Light3& light, const View3& view, const std::vector<double>& normals,
                           const std::vector<double>& centroids);

/// sort3d: the polygons ordered from the smallest mean z to the largest
/// (back to front); equal means keep their order.
std::vector<std::size_t> sort3d(const double* z, const std::size_t* n, std::size_t npoly);

/// Gist's bytscl: z clipped to [cmin, cmax] onto 0..top, rounded (zmin to
/// 0, zmax to top). cmin == cmax is widened as Gist does.
struct ByteScale {
  double cmin = 0, cmax = 1;
  int top = 239;
  ByteScale(double cmin, double cmax, int top);
  std::uint8_t operator()(double z) const;
};
/// The scale of values with optional fixed ends (data extremes otherwise).
ByteScale byte_scale(const std::vector<double>& values, bool has_cmin, double cmin, bool has_cmax, double cmax,
                     int top);

/// The 2-D elements that draw a 3-D element under its view and light:
/// polygons sorted back to front (Polys), a wire frame (Polys or Mesh),
/// the gnomon (Disjoint, Lines and Text in NDC, for system 0).
std::vector<Element> lower_scene3(const Scene3& scene, const Palette& palette);

/// The extent of what each drawing of a scene puts on the page, in the
/// order pygist's draw3 combines them (one box per pl3tree leaf, one for a
/// surface or a wire frame; none for the gnomon).
struct Bounds2 {
  double xmin = 0, xmax = 0, ymin = 0, ymax = 0;
};
std::vector<Bounds2> scene3_bounds(const Scene3& scene);

/// Checks a Scene3's arrays (counts, sizes, finite coordinates); throws
/// std::invalid_argument saying what is wrong.
void validate_scene3(const Scene3& scene);

}  // namespace pargist::plot
