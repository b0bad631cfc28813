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
      if (u.value < 5 * finest || (stop_at_decade && u.power < 0)) break;
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

constexpr double kLog5 = 0.69897000433601880;
constexpr double kLog10over9 = 0.0457574905;
constexpr double kLog6over5 = 0.0791812460;
constexpr double kLog5over4 = 0.0969100130;
constexpr double kEpsLog = 0.00001;

// Decade labels: "0.001" ... "1000." between 10^-3 and 10^3, else 10^n.
std::string log_decade_label(int d, bool nice_decades) {
  static const char* const nice[] = {"0.001", "0.01", "0.1", "1.0", "10.0", "100.0", "1000."};
  if (nice_decades && d >= -3 && d <= 3) return nice[d + 3];
  return exponent_text(d);
}

// A sub-decade label "2", "1.5"... (printed with `decimals`) written out
// at its decade: 0.02, 0.2, 2., 20. (Gist's NiceLogLabel).
std::string nice_log_label(double value, int decimals, double tick) {
  int decade = int(std::floor(tick));
  char scratch[32];
  std::snprintf(scratch, sizeof scratch, "%.*f", std::max(decimals, 0), value);
  std::string digits;  // the digits alone, the point dropped
  for (const char* c = scratch; *c; ++c)
    if (*c != '.') digits += *c;
  std::string out;
  if (decade < 0) {
    out = "0.";
    while (++decade) out += '0';
    out += digits;
    if (out.size() > 2 && out.back() == '0') out.pop_back();
    return out;
  }
  for (std::size_t k = 0; k < digits.size(); ++k) {
    out += digits[k];
    if (int(k) == decade) out += '.';
  }
  for (int k = int(digits.size()); k <= decade; ++k) out += '0';
  if (int(digits.size()) <= decade) out += '.';
  return out;
}

// Ticks between the decades of a log axis, as Gist places them. Each
// decade is cut into three intervals, (1,2], (2,5] and (5,10), each ticked
// with its own unit; the first pass (FirstSubDecade) places the coarsest
// sub-decade ticks, later passes (LogDivide) subdivide each interval once
// more while its ticks stay coarser than `fine`. Ticks are log10 values,
// repeated in every decade of [lo, hi].
class SubDecades {
 public:
  SubDecades(double lo, double hi, std::vector<double>& ticks) : lo_(lo), hi_(hi), ticks_(ticks) {}

  double unit[3] = {0, 0, 0};
  int base[3] = {1, 1, 1};
  int power[3] = {0, 0, 0};      // decimals of each interval's unit (Gist's subPower)
  double first[3] = {0, 0, 0};   // the first sub-decade tick value of each interval
  double first_unit[3] = {0, 0, 0};
  std::size_t end_of[3] = {0, 0, 0};  // ticks_ index after each interval's first-pass ticks
  double min_decade = 0;

  void first_pass(double smallest) {
    double decade = std::ceil(lo_);
    const double next_decade = lo_ + 1.0;
    if (hi_ <= decade) decade -= 1.0;
    min_decade = std::ceil(lo_);
    int placed = -1;
    int ii = 0;
    for (; ii < 3; ++ii) {
      const double step = unit[ii];
      if (ii > 0) end_of[ii - 1] = ticks_.size();
      const double edge = ii < 2 ? kEpsLog : 0.0;
      for (;;) {  // Gist retries an interval one decade lower
        if (kLogHi[ii] + edge < lo_ - decade) break;
        double zlog = kLogLo[ii] + decade;
        double z;
        if (zlog + edge < lo_) {
          z = step * std::ceil(smallest / step);
        } else {
          if (zlog > hi_) {
            if (decade < lo_) return finish(ii);
            decade -= 1.0;
            continue;
          }
          z = step * std::ceil(kZLo[ii] / step);
        }
        if (ii > placed) {
          if (z <= kZLo[ii]) z += step;
          first[ii] = z;
          first_unit[ii] = step;
        }
        bool retry = false;
        for (; z < kZTop[ii] + edge; z += step) {
          zlog = std::log10(z) + decade;
          if (zlog >= next_decade) {
            zlog -= 1.0;
            decade -= 1.0;
          }
          if (zlog > hi_) {
            if (decade < lo_) return finish(ii);
            decade -= 1.0;
            retry = true;
            break;
          }
          evenly(zlog);
          placed = ii;
          min_decade = std::min(min_decade, zlog);
        }
        if (!retry) break;
      }
    }
    finish(2);
  }

  // One more subdivision of each interval whose ticks stay coarser than
  // fine[ii]; false when none could be divided.
  bool divide(const double fine[3], double smallest) {
    double decade = std::ceil(lo_);
    const double next_decade = lo_ + 1.0;
    if (hi_ <= decade) decade -= 1.0;
    bool any = false;
    for (int ii = 0; ii < 3; ++ii) {
      const double old_unit = unit[ii];
      int new_base = base[ii], divisions;
      if (new_base == 1) {
        divisions = (old_unit >= 10.0 * fine[ii] || old_unit < 5.0 * fine[ii]) ? 2 : 5;
        new_base = 7 - divisions;
      } else {
        divisions = new_base;
        new_base = 1;
      }
      const double new_unit = old_unit / divisions;
      if (new_unit < fine[ii]) continue;
      unit[ii] = new_unit;
      base[ii] = new_base;
      any = true;
      for (;;) {  // retry one decade lower
        if (kLogHi[ii] + decade < lo_) break;
        double zlog = kLogLo[ii] + decade;
        double z, z_test;
        if (zlog < lo_) {
          z = old_unit * std::ceil(smallest / old_unit);
          z_test = smallest + old_unit;
        } else {
          if (zlog > hi_) {
            if (decade < lo_) return any;
            decade -= 1.0;
            continue;
          }
          z = kZLo[ii];
          z_test = kZHi[ii];
        }
        double z_top = kZHi[ii] - kEpsLog;  // the interval's top is not ticked
        if (new_base == 1 && new_unit > 0.5) {  // Gist's special cases of unit 1
          if (ii == 0) break;
          if (ii == 1) {
            if (old_unit < 3.0) z_top = 5.5;  // halves of 2: tick at 5 too
          } else if (old_unit < 3.0 && z < 6.0) {
            z = 6.0;  // halves of 2 from 6: ticks at 7 and 9
          }
        }
        const double base_decade = decade;
        bool retry = false;
        for (int k = 1; k < divisions && !retry; ++k) {
          z += new_unit;
          if (z > z_test) {
            z -= old_unit;
            if (z <= kZLo[ii] + kEpsLog) break;
          }
          decade = base_decade;
          for (double zu = z; zu < z_top; zu += old_unit) {
            zlog = std::log10(zu) + decade;
            if (zlog >= next_decade) {
              zlog -= 1.0;
              decade -= 1.0;
            }
            if (zlog > hi_) {
              if (zu != z) break;
              if (decade < lo_) return any;
              decade -= 1.0;
              retry = true;
              break;
            }
            evenly(zlog);
          }
        }
        if (!retry) break;
      }
    }
    return any;
  }

 private:
  static constexpr double kZLo[3] = {1.0, 2.0, 5.0};
  static constexpr double kZHi[3] = {2.0, 5.0, 10.0};
  static constexpr double kZTop[3] = {2.0 + kEpsLog, 5.0 + kEpsLog, 10.0 - kEpsLog};
  static constexpr double kLogLo[3] = {0.0, kLog2, kLog5};
  static constexpr double kLogHi[3] = {kLog2, kLog5, 1.0};

  // One tick value in every decade from `start` up to hi.
  void evenly(double start) {
    if (start > hi_) return;
    double last = start;
    ticks_.push_back(start);
    for (double v = start + 1.0; v <= hi_ && v > last; v += 1.0) ticks_.push_back(last = v);
  }

  void finish(int from) {
    for (int ii = std::max(from, 0); ii < 3; ++ii) end_of[ii] = ticks_.size();
    min_decade = std::floor(min_decade);
  }

  double lo_, hi_;
  std::vector<double>& ticks_;
};

void log_ticks(double lo, double hi, const AxisStyle& style, AxisTicks& out) {
  // lo, hi are log10 values, lo < hi, widened.
  const double delta = hi - lo;
  double n_major = style.n_major, n_minor = std::max(style.n_minor, style.n_major);
  // The decades: linear ticks of at least one decade.
  AxisTicks decades;
  std::vector<double> index;
  linear_ticks(lo, hi, n_major, n_minor, style.n_digits, true, decades, &index);
  Unit major = delta / n_major > 1.0 ? nice_unit_parts(delta / n_major) : Unit{1.0, 1, 0};
  std::vector<double> ticks = decades.values;
  std::vector<int> levels = decades.levels;
  int level = levels.empty() ? 0 : *std::max_element(levels.begin(), levels.end());
  const std::size_t n_labels = decades.label_values.size();

  // Sub-decade ticks when the finest decade level is one decade.
  bool sub_labels = false;
  SubDecades sub(lo, hi, ticks);
  double finest_decades = major.value;
  for (std::size_t k = 0; k + 1 < decades.values.size(); ++k)
    finest_decades = std::min(finest_decades, decades.values[k + 1] - decades.values[k]);
  if (finest_decades < 1.1 && level < kTickLevels - 1) {
    n_major *= style.log_adj_major;
    n_minor *= style.log_adj_minor;
    const double finest_minor = 1.0 - std::pow(10.0, -delta / n_minor);
    const double fine[3] = {2.0 * finest_minor, 5.0 * finest_minor, 10.0 * finest_minor};
    double finest = delta / n_major;
    bool go = true;
    if (finest > kLog2) {
      finest = delta / n_minor;
      go = finest <= kLog2;
    } else {
      sub_labels = true;
    }
    if (go) {
      const double smallest = hi - lo < 1.0 ? std::pow(10.0, lo - std::floor(lo)) : 1.0;
      if (sub_labels && (delta < kLog5 || finest <= kLog10over9)) {
        // Linear units suited to each interval ("look linear").
        const double f = 1.0 - std::pow(10.0, -finest);
        const double mult[3] = {2.0, 5.0, 10.0};
        for (int k = 0; k < 3; ++k) {
          const Unit u = nice_unit_parts(mult[k] * f);
          sub.unit[k] = u.value;
          sub.base[k] = u.base;
          sub.power[k] = u.power;
        }
        if (f > kLog6over5 && sub.base[1] == 1) {
          sub.base[1] = 2;
          sub.unit[1] = 2.0;
        }
      } else if (finest <= kLog5over4) {  // 2, 4, 6, 8 only
        for (int k = 0; k < 3; ++k) sub.unit[k] = 2, sub.base[k] = 2, sub.power[k] = 0;
      } else {  // 2 and 5 only
        sub.unit[0] = 2, sub.base[0] = 2;
        sub.unit[1] = sub.unit[2] = 5, sub.base[1] = sub.base[2] = 5;
        sub.power[0] = sub.power[1] = sub.power[2] = 0;
      }
      std::size_t before = ticks.size();
      sub.first_pass(smallest);
      levels.resize(ticks.size(), ++level);
      while (level < kTickLevels - 1) {
        before = ticks.size();
        if (!sub.divide(fine, smallest)) break;
        if (ticks.size() == before) break;  // the last pass produced no ticks
        levels.resize(ticks.size(), ++level);
      }
    } else {
      sub_labels = false;
    }
  }

  // Decade labels: nice between 0.001 and 1000, else 10^n.
  bool nice_decades;
  const double first_decade = n_labels ? std::round(decades.label_values.front()) : 0;
  const double last_decade = n_labels ? std::round(decades.label_values.back()) : 0;
  if (sub_labels) nice_decades = int(sub.min_decade) + sub.power[0] >= -3 && last_decade <= 3;
  else nice_decades = first_decade >= -3 && last_decade <= 3;
  std::string exponent;
  if (n_labels == 0 && sub_labels) {
    // No decade in sight: bare sub-decade labels, the decade once apart.
    const double above = std::ceil(lo);
    nice_decades = int(sub.min_decade) + sub.power[0] >= -3 && above <= 3;
    if (!nice_decades) exponent = exponent_text(int(above) - 1);
  }
  for (double v : decades.label_values) {
    out.label_values.push_back(std::pow(10.0, v));
    out.labels.push_back(log_decade_label(int(std::round(v)), nice_decades));
  }
  if (sub_labels) {
    std::size_t i = decades.values.size();
    int j = 0;
    while (j < 3 && sub.end_of[j] <= i) ++j;
    const int decimals = j < 3 ? -sub.power[j] : 0;
    for (j = 0; j < 3; ++j) {
      double value = sub.first[j], test = 0;
      for (bool first_one = true; i < sub.end_of[j]; ++i, first_one = false) {
        if (first_one) test = ticks[i];
        else if (test > ticks[i] + kEpsLog) value += sub.first_unit[j], test = ticks[i];
        char plain[32];
        std::snprintf(plain, sizeof plain, "%.*f", std::max(decimals, 0), value);
        out.label_values.push_back(std::pow(10.0, ticks[i]));
        out.labels.push_back(nice_decades ? nice_log_label(value, decimals, ticks[i]) : std::string(plain));
        test += 1.0;
      }
    }
  }
  out.exponent = exponent;
  for (std::size_t k = 0; k < ticks.size(); ++k) {
    out.values.push_back(std::pow(10.0, ticks[k]));
    out.levels.push_back(std::min(levels[k], kTickLevels - 1));
  }
}

// Gist's base 60 ticks (for degrees, minutes, hours): majors at multiples
// of 1800, 360, 180, 90, 30 or 10, subdivided along 1800 > 360 > 180 > 90
// > 30 > 10 and then decimally; false (decimal ticks instead) outside
// +-3600 or when the majors would be finer than 10.
bool base60_ticks(double lo, double hi, double n_major, double n_minor, AxisTicks& out) {
  static const double cuts[7] = {1800., 720., 360., 180., 90., 30., 10.};
  double finest = (hi - lo) / n_major;
  double unit = cuts[0];
  if (lo < -3600. || hi > 3600. || finest <= cuts[6] || finest > unit) return false;
  std::size_t i = 0;
  for (; i < 7 && finest <= cuts[i]; ++i) unit = cuts[i];
  std::vector<double> values;
  std::vector<int> levels;
  for (double t = std::ceil(lo / unit) * unit; t <= hi; t += unit) values.push_back(t), levels.push_back(0);
  for (double t : values) {
    out.label_values.push_back(t);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", t == 0 ? 0.0 : t);
    out.labels.push_back(buf);
  }
  int level = 1;
  // Each finer level adds the multiples of its unit not already ticked.
  auto subdivide = [&](double step, int divisions) {
    double k = std::ceil(lo / step);
    int phase = int(k - std::ceil(k / divisions - 0.00001) * divisions);
    for (double t = k * step; t <= hi; t += step, phase = (phase + 1) % divisions)
      if (phase) values.push_back(t), levels.push_back(level);
    ++level;
  };
  finest = (hi - lo) / n_minor;
  for (; i < 7 && finest <= cuts[i]; ++i) {
    int divisions;
    if (i == 1) {
      ++i;  // 1800 -> 360: fifths, skipping 720
      if (finest > cuts[i]) break;
      divisions = 5;
    } else {
      divisions = i < 5 ? 2 : 3;  // 90 -> 30 and 30 -> 10 in thirds
    }
    subdivide(cuts[i], divisions);
    if (level >= kTickLevels) break;
  }
  if (level < kTickLevels && i >= 7 && finest <= 5.) {
    double step = 5.;
    int base = 5, divisions = 2;
    while (level < kTickLevels) {
      subdivide(step, divisions);
      if (base == 2) break;
      if (base == 5) {
        step *= 0.2, base = 1, divisions = 5;
      } else if (finest <= 0.1 * step) {
        step *= 0.5, base = 5, divisions = 2;
        continue;
      } else {
        step *= 0.2, base = 2, divisions = 5;
      }
      if (finest > step) break;
    }
  }
  out.values = std::move(values);
  out.levels = std::move(levels);
  return true;
}

// Gist's alternative labels of whole numbers within +-3600: degrees
// modulo 360 (-180 < label <= 180) or hh:mm; the usual numbers when any
// label is not such a whole number.
void alternative_labels(AxisStyle::Labels kind, AxisTicks& out) {
  std::vector<std::string> labels;
  for (double v : out.label_values) {
    if (v < -3600. || v > 3600.) return;
    const double whole = std::ceil(v - 0.00001);
    if (std::fabs(whole - v) > 0.00001) return;
    char buf[32];
    if (kind == AxisStyle::Labels::degrees) {
      int d = (int(whole) + 180) % 360;
      if (d <= 0) d += 360;
      std::snprintf(buf, sizeof buf, "%d", d - 180);
    } else {
      const int total = int(std::fabs(whole));
      std::snprintf(buf, sizeof buf, "%s%02d:%02d", whole < 0 ? "-" : "", total / 60, total % 60);
    }
    labels.push_back(buf);
  }
  out.labels = std::move(labels);
  out.exponent.clear();
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
  } else if (!(style.base60 && base60_ticks(lo, hi, n_major, n_minor, out))) {
    linear_ticks(lo, hi, n_major, n_minor, style.n_digits, false, out);
  }
  if (!log && style.label_kind != AxisStyle::Labels::numbers) alternative_labels(style.label_kind, out);
  return out;
}

}  // namespace pargist::plot
