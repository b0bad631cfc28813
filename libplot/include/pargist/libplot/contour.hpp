// Contour lines of a function on a quadrilateral mesh (marching squares on
// each zone, segments chained into polylines), and Gist's default levels.
#pragma once

#include <vector>

#include "pargist/libplot/frame.hpp"

namespace pargist::plot {

struct ContourLine {
  double level = 0;
  std::vector<double> x, y;
  bool closed = false;
};

/// The contour lines of point-centred z (ni*nj, i fastest) at `level`, in
/// the zones of `region` (0 = every zone whose ireg is non-zero, or every
/// zone when ireg is empty). Zones with a NaN/Inf corner are skipped.
/// Saddle zones are resolved by the average of the four corners.
std::vector<ContourLine> contour_lines(const QuadMesh& mesh, const std::vector<double>& z, double level,
                                       int region = 0);

/// The contour lines at each of `levels` (element k: those at levels[k]);
/// the same lines as one call a level, the mesh's drawable points found once.
std::vector<std::vector<ContourLine>> contour_lines(const QuadMesh& mesh, const std::vector<double>& z,
                                                    const std::vector<double>& levels, int region = 0);

/// The regions of the mesh where z0 <= z <= z1 (z linear along each zone's
/// edges), as closed polygons, one or none per zone (the input of pygist's
/// plfc: its contour() with a pair of levels).
std::vector<ContourLine> contour_bands(const QuadMesh& mesh, const std::vector<double>& z, double z0, double z1,
                                       int region = 0);

/// Gist's default plc levels: n levels at the centres of n equal slices of
/// [zmin, zmax] of the finite values of z. Empty when z has no finite values.
std::vector<double> default_contour_levels(const std::vector<double>& z, int n = 8);

/// Whether zone (i, j) (upper corner point (i, j), i, j >= 1) is in `region`.
bool zone_in_region(const QuadMesh& mesh, std::size_t i, std::size_t j, int region);

}  // namespace pargist::plot
