// Gist's tick hierarchy and label formats (behaviour of Gist's tick.c,
// written anew): major ticks at a nice 1-2-5 unit with at most n_major
// intervals, finer levels subdividing by 2 or 5 while at most n_minor
// intervals of the finest level fit, labels as integers, fixed point, or
// mantissas with a separate "10^+n" exponent.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "pargist/libplot/axes.hpp"

namespace pargist::plot {

namespace {

constexpr int kTickLevels = 5;
constexpr double kLog2 = 0.30102999566398120;

struct Unit {
  double value;  // base * 10^power
  int base;      // 1, 2 or 5
  int power;
};

Unit nice_unit_parts(double finest) {
  if (!(finest > 0) || !std::isfinite(finest)) finest = finest == 0 ? 1e-6 : std::fabs(finest);
  if (!std::isfinite(finest)) finest = 1e300;
  int p = int(std::floor(std::log10(finest)));
  double scale = std::pow(10.0, p);
  double f = finest / scale;
  int b;
  if (f > 5.0) { ++p; scale *= 10.0; b = 1; }
  else if (f > 2.0) b = 5;
  else if (f > 1.0) b = 2;
  else b = 1;
  return {b * scale, b, p};
}

std::string format_fixed(double v, int decimals) {
  if (v == 0) v = 0;  // no "-0"
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", std::max(decimals, 0), v);
  std::string s = buf;
  if (s.size() > 1 && s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

std::string exponent_text(int power) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "10^%+d", power);
  return buf;
}

// Labels of major ticks i*unit (i integer) following Gist's InitLabels rules.
void linear_labels(const std::vector<double>& index, const Unit& unit, int n_digits, AxisTicks& out) {
  if (index.empty()) return;
  n_digits = std::max(n_digits, 2);
  double max_abs = std::max(std::fabs(index.front()), std::fabs(index.back()));
  const int i_power = int(std::log10(max_abs * unit.base + 0.5));  // truncation as Gist
  const int j_power = unit.power;
  const int x_power = i_power + j_power;
  for (double i : index) {
    const double ivalue = i * unit.base;  // the label in units of 10^j_power
    std::string label;
    if ((x_power > 3 || j_power < -3 || i_power > 3) && i_power < n_digits) {
      const int decimals = x_power - j_power;
      label = format_fixed(ivalue * std::pow(10.0, -decimals), decimals);
      if (decimals == 0) label += ".";
      out.exponent = exponent_text(x_power);
    } else if (j_power >= 0 && (i_power < n_digits || x_power < 3)) {
      label = format_fixed(ivalue * std::pow(10.0, j_power), 0);
    } else if (i_power < n_digits || (j_power > -3 && i_power < 3)) {
      label = format_fixed(ivalue * std::pow(10.0, j_power), std::max(0, -j_power));
    } else {
      // Too many digits for n_digits: a mantissa long enough to tell the
      // labels apart (Gist prints an "x0=" offset here instead).
      const int decimals = x_power - j_power;
      label = format_fixed(ivalue * std::pow(10.0, -decimals), decimals);
      out.exponent = exponent_text(x_power);
    }
    out.labels.push_back(label);
  }
}

// The unit of each level, coarse to fine, by Gist's subdivision rules.
std::vector<Unit> unit_levels(const Unit& major, double finest, bool stop_at_decade) {
  std::vector<Unit> units{major};
  Unit u = major;
  while (int(units.size()) < kTickLevels) {
    if (u.base == 2) {
      if (u.value < 2 * finest || (stop_at_decade && u.power <= 0 && u.value < 2)) break;
      u = {u.value / 2, 1, u.power};
    } else if (u.base == 5) {
      if (u.value < 5 * finest || (stop_at_decade && u.power <= 0)) break;
      u = {u.value / 5, 1, u.power};
    } else {
      if (u.value < 2 * finest || (stop_at_decade && u.power <= 0)) break;
      if (u.value >= 5 * finest && u.value < 10 * finest) {  // into 2s, and no further
        units.push_back({u.value / 5, 2, u.power - 1});
        break;
      }
      u = {u.value / 2, 5, u.power - 1};
    }
    units.push_back(u);
  }
  return units;
}

// Linear ticks of [lo, hi] (lo < hi, already widened by Gist's 1e-4).
// On a log scale (decades) the major unit is at least one decade and no
// level goes below one decade.
void linear_ticks(double lo, double hi, double n_major, double n_minor, int n_digits, bool decades,
                  AxisTicks& out, std::vector<double>* major_index = nullptr) {
  const double delta = hi - lo;
  Unit major = nice_unit_parts(delta / n_major);
  if (decades && major.value < 1.0) major = {1.0, 1, 0};
  const auto units = unit_levels(major, delta / n_minor, decades);
  const double fine = units.back().value;
  const double k0 = std::ceil(lo / fine), k1 = std::floor(hi / fine);
  if (!(k1 >= k0) || std::fabs(k0) > 4e15 || std::fabs(k1) > 4e15 || k1 - k0 > 100000) return;
  std::vector<double> ratio;  // fine units per unit of each level
  for (const auto& u : units) ratio.push_back(std::round(u.value / fine));
  std::vector<double> index;
  for (double k = k0; k <= k1; k += 1) {
    int level = int(units.size()) - 1;
    for (int l = 0; l < int(units.size()); ++l)
      if (std::fmod(k, ratio[l]) == 0) { level = l; break; }
    out.values.push_back(k * fine);
    out.levels.push_back(level);
    if (level == 0) {
      out.label_values.push_back(k * fine);
      index.push_back(k / ratio[0]);
    }
  }
  linear_labels(index, major, n_digits, out);
  if (major_index) *major_index = index;
}

// Label of a sub-decade tick m*10^d on a log axis.
std::string log_sub_label(int m, int d, bool nice_decades) {
  if (!nice_decades) return std::to_string(m);
  if (d < 0) {
    std::string s = "0.";
    for (int i = -1; i > d; --i) s += '0';
    return s + std::to_string(m);
  }
  std::string s = std::to_string(m);
  for (int i = 0; i < d; ++i) s += '0';
  return s + ".";
}

std::string log_decade_label(int d, bool nice_decades) {
  static const char* const nice[] = {"0.001", "0.01", "0.1", "1.0", "10.0", "100.0", "1000."};
  if (nice_decades) return nice[d + 3];
  return exponent_text(d);
}

void log_ticks(double lo, double hi, const AxisStyle& style, AxisTicks& out) {
  // lo, hi are log10 values, lo < hi, widened.
  const double delta = hi - lo;
  const double n_major = style.n_major, n_minor = std::max(style.n_minor, style.n_major);
  // Decades: a nice unit of at least one decade.
  const Unit major = delta / n_major > 1.0 ? nice_unit_parts(delta / n_major) : Unit{1.0, 1, 0};
  AxisTicks decades;
  std::vector<double> index;
  linear_ticks(lo, hi, n_major, n_minor, style.n_digits, true, decades, &index);
  // The decade labels: nice ones between 0.001 and 1000, 10^+n otherwise.
  bool nice_decades = true;
  for (double v : decades.label_values)
    if (std::round(v) < -3 || std::round(v) > 3) nice_decades = false;
  for (std::size_t k = 0; k < decades.values.size(); ++k) {
    out.values.push_back(std::pow(10.0, decades.values[k]));
    out.levels.push_back(decades.levels[k]);
  }
  for (double v : decades.label_values) {
    out.label_values.push_back(std::pow(10.0, v));
    out.labels.push_back(log_decade_label(int(std::round(v)), nice_decades));
  }
  (void)major;
  // Sub-decade ticks when each decade is wide enough (Gist's logAdj factors).
  if (major.value > 1.1) return;
  const double finest_major = delta / (n_major * style.log_adj_major);
  const double finest_minor = delta / (n_minor * style.log_adj_minor);
  const bool labelled = finest_major <= kLog2;
  if (!labelled && finest_minor > kLog2) return;
  const bool all_digits = finest_minor <= std::log10(5.0 / 4.0);
  const int next = decades.values.empty() ? 1 : 1 + *std::max_element(decades.levels.begin(), decades.levels.end());
  for (double d = std::floor(lo); d <= std::ceil(hi); d += 1) {
    for (int m = 2; m <= 9; ++m) {
      const bool coarse = m == 2 || m == 5;
      if (!coarse && !all_digits) continue;
      const double lv = d + std::log10(double(m));
      if (lv < lo || lv > hi) continue;
      const double value = m * std::pow(10.0, d);
      out.values.push_back(value);
      out.levels.push_back(std::min(kTickLevels - 1, next + (coarse ? 0 : 1)));
      // Within less than a factor 5 every sub-decade tick is labelled.
      if (labelled && (coarse || delta < std::log10(5.0))) {
        out.label_values.push_back(value);
        out.labels.push_back(log_sub_label(m, int(d), nice_decades));
      }
    }
  }
}

}  // namespace

double nice_unit(double finest) { return nice_unit_parts(finest).value; }

AxisTicks compute_ticks(double lo, double hi, const AxisStyle& style, bool log) {
  AxisTicks out;
  if (!std::isfinite(lo) || !std::isfinite(hi)) return out;
  if (hi < lo) std::swap(lo, hi);
  if (log) {
    if (!(lo > 0)) return out;
    lo = std::log10(lo);
    hi = std::log10(hi);
  }
  double delta = hi - lo;
  if (!std::isfinite(delta)) return out;
  if (delta == 0) delta = lo > 0 ? lo : lo < 0 ? -lo : 0.01;
  // Widen slightly so ticks exactly at the ends survive rounding.
  lo -= 1e-4 * delta;
  hi += 1e-4 * delta;
  delta = hi - lo;
  const double n_major = style.n_major > 0 ? style.n_major : 7.5;
  const double n_minor = std::max(style.n_minor, n_major);
  if (log && delta > kLog2) {
    AxisStyle s = style;
    s.n_major = n_major;
    s.n_minor = n_minor;
    log_ticks(lo, hi, s, out);
  } else if (log) {
    // Less than a factor 2: linear ticks, no finer than log ticks would be.
    const double a = std::pow(10.0, lo), b = std::pow(10.0, hi);
    const double nmaj = (1.0 - a / b) / (1.0 - std::pow(10.0, -delta / n_major));
    const double nmin = (1.0 - a / b) / (1.0 - std::pow(10.0, -delta / n_minor));
    linear_ticks(a, b, nmaj, nmin, style.n_digits, false, out);
  } else {
    linear_ticks(lo, hi, n_major, n_minor, style.n_digits, false, out);
  }
  return out;
}

}  // namespace pargist::plot
