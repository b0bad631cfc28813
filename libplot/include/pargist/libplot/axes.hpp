// Limits, world <-> NDC mapping and Gist's tick and label algorithm.
// The driver uses these to draw; the viewer uses them to turn mouse
// positions into world coordinates; tests check them directly.
#pragma once

#include <string>
#include <vector>

#include "pargist/libplot/frame.hpp"

namespace pargist::plot {

/// Ticks of one axis as Gist places them: a hierarchy of levels (0 = major,
/// up to 4 finer levels of 1-2-5 subdivisions, at most style.n_minor of the
/// finest), labels on the major ticks.
struct AxisTicks {
  std::vector<double> values;       ///< every tick (world units, log axes too)
  std::vector<int> levels;          ///< level of each tick, 0 = major
  std::vector<double> label_values; ///< where the labels go (world)
  std::vector<std::string> labels;  ///< label texts (Gist escapes allowed)
  std::string exponent;             ///< e.g. "10^+5": the labels are in these units; "" none
};

/// Gist's ticks for [lo, hi] (either order) with the axis style; `log`
/// means lo, hi > 0 on a log scale (below a factor 2 it reverts to linear
/// ticks, as Gist). lo == hi is allowed (a one-point range).
AxisTicks compute_ticks(double lo, double hi, const AxisStyle& style, bool log);

/// Gist's "nice unit": the 1, 2 or 5 times a power of ten just above `finest`.
double nice_unit(double finest);

/// The limits a system is drawn with: automatic sides taken from the data
/// (extremes; rounded when `nice`; a one-point range widened), square
/// applied, log axes ignoring non-positive data. The flags are kept.
/// Throws std::invalid_argument for fixed limits of zero size or not finite.
Limits resolve_limits(const CoordSystem& system);

/// Data extremes of the elements of a system (for the sides that are
/// automatic). Returns false when no element has finite data.
bool data_extent(const CoordSystem& system, bool log_x, bool log_y, Box& extent,
                 const Limits* restrict_to = nullptr);

/// World <-> NDC for one system with resolved limits.
struct Transform {
  Box viewport;
  Limits limits;
  double ndc_x(double wx) const;
  double ndc_y(double wy) const;
  double world_x(double nx) const;
  double world_y(double ny) const;
};
Transform make_transform(const CoordSystem& system);

}  // namespace pargist::plot
