// Gist's tick and label algorithm on a table of limit cases.
#include <catch2/catch.hpp>

#include <cmath>

#include "pargist/libplot/axes.hpp"

using namespace pargist::plot;

namespace {

struct TickCase {
  double lo, hi;
  bool log;
  std::vector<std::string> labels;
  std::string exponent;
};

int count_level(const AxisTicks& t, int level) {
  int n = 0;
  for (int l : t.levels) n += l == level;
  return n;
}

}  // namespace

TEST_CASE("ticks: labels and exponents for a table of ranges", "[ticks]") {
  const std::vector<TickCase> cases = {
      {0, 10, false, {"0", "2", "4", "6", "8", "10"}, ""},
      {10, 0, false, {"0", "2", "4", "6", "8", "10"}, ""},  // reversed limits
      {-1, 1, false, {"-1.0", "-0.5", "0.0", "0.5", "1.0"}, ""},
      {-350, -100, false, {"-350", "-300", "-250", "-200", "-150", "-100"}, ""},  // negative
      {0, 5000, false, {"0", "1000", "2000", "3000", "4000", "5000"}, ""},       // integers up to 9999
      {0, 1e5, false, {"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}, "10^+5"},      // huge-ish: mantissa
      {1e20, 5e20, false, {"1.", "2.", "3.", "4.", "5."}, "10^+20"},               // huge
      {0, 5e-5, false, {"0.", "1.", "2.", "3.", "4.", "5."}, "10^-5"},              // tiny
      {1e-300, 2e-300, false, {"1.0", "1.2", "1.4", "1.6", "1.8", "2.0"}, "10^-300"},
      {0.001, 0.002, false, {"1.0", "1.2", "1.4", "1.6", "1.8", "2.0"}, "10^-3"},
      {1, 1e6, true, {"10^+0", "10^+1", "10^+2", "10^+3", "10^+4", "10^+5", "10^+6"}, ""},
      {1e-5, 1e5, true, {"10^-4", "10^-2", "10^+0", "10^+2", "10^+4"}, ""},
      {1, 1.5, true, {"1.0", "1.1", "1.2", "1.3", "1.4", "1.5"}, ""},      // < factor 2: linear ticks
  };
  AxisStyle style;  // work.gs: nMajor 7.5, nMinor 50, nDigits 3
  for (const auto& c : cases) {
    INFO("range [" << c.lo << ", " << c.hi << "]" << (c.log ? " log" : ""));
    const AxisTicks t = compute_ticks(c.lo, c.hi, style, c.log);
    CHECK(t.labels == c.labels);
    CHECK(t.exponent == c.exponent);
    REQUIRE(t.values.size() == t.levels.size());
    // Every tick inside the range, majors among them labelled.
    const double a = std::min(c.lo, c.hi), b = std::max(c.lo, c.hi);
    for (double v : t.values) {
      CHECK(v >= a - 1e-3 * (b - a));
      CHECK(v <= b + 1e-3 * (b - a));
    }
  }
}

// Log axes: the labels Yorick's Gist draws for these x limits (read from its
// PostScript output of `plg, [0.,1.], [lo, hi]; logxy, 1, 0; limits, lo, hi,
// 0., 1.`, work style), in the order Gist draws them: decades first, then
// the sub-decade ticks of the (1,2], (2,5] and (5,10) intervals.
TEST_CASE("ticks: log axes label as Yorick's Gist does", "[ticks][log]") {
  struct Case {
    double lo, hi;
    const char* labels;
  };
  const Case cases[] = {
      {1, 2, "1.0 1.2 1.4 1.6 1.8 2.0"},
      {1, 1000, "1.0 10.0 100.0 1000."},
      {0.5, 30, "1.0 10.0 2. 20. 0.5 5."},
      {1e-10, 1, "10^-10 10^-8 10^-6 10^-4 10^-2 10^+0"},
      {1, 3, "1.0 1.5 2.0"},
      {1, 5, "1.0 2. 4."},
      {2, 9, "2.0 4.0 6.0 8.0"},
      {0.01, 0.05, "0.01 0.02 0.04"},
      {1, 100, "1.0 10.0 100.0 2. 20. 5. 50."},
      {3, 40, "10.0 20. 5."},
      {0.2, 0.9, "0.2 0.4 0.6 0.8"},
      {1, 1e5, "10^+0 10^+1 10^+2 10^+3 10^+4 10^+5"},
      {1e-3, 1e3, "0.001 0.01 0.1 1.0 10.0 100.0 1000."},
      {5, 5000, "10.0 100.0 1000."},
      {1.5, 2.5, "1.6 1.8 2.0 2.2 2.4"},
      {1e3, 1e4, "10^+3 10^+4 2 5"},
      {7, 700, "10.0 100.0 20. 200. 50. 500."},
      {1, 1.5, "1.0 1.1 1.2 1.3 1.4 1.5"},
      {0.9, 1.8, "1.0 1.2 1.4 1.6 1.8 0.9"},
      {123, 45678, "10^+3 10^+4 2 2 2 5 5"},
      {1e-5, 3e-3, "10^-5 10^-4 10^-3 2 2 2 5 5"},
      {2e5, 9e9, "10^+6 10^+7 10^+8 10^+9"},
      {0.3, 0.35, "0.30 0.31 0.32 0.33 0.34 0.35"},
      {1, 1.9, "1.0 1.2 1.4 1.6 1.8"},
      {1, 2.1, "1.0 1.2 1.4 1.6 1.8 2.0"},
      {40, 900, "100.0 200. 50. 500."},
      {1e-20, 1e20, "10^-20 10^-10 10^+0 10^+10 10^+20"},
      {6, 60, "10.0 20. 50."},
      {1.2, 12, "10.0 2. 5."},
      {3, 12, "10.0 4. 6. 8."},
      {0.07, 3, "0.1 1.0 0.2 2. 0.5"},
  };
  AxisStyle style;
  for (const auto& c : cases) {
    INFO("log range [" << c.lo << ", " << c.hi << "]");
    const AxisTicks t = compute_ticks(c.lo, c.hi, style, true);
    std::string joined;
    for (const auto& l : t.labels) joined += (joined.empty() ? "" : " ") + l;
    CHECK(joined == c.labels);
    REQUIRE(t.label_values.size() == t.labels.size());
  }
  // Between 1 and 2 every level of ticks is there (the case: it
  // used to have the labels 1.0 and 2. only, and no minor ticks).
  const AxisTicks t = compute_ticks(1, 2, style, true);
  CHECK(count_level(t, 0) == 1);
  CHECK(count_level(t, 1) == 5);
  CHECK(count_level(t, 2) + count_level(t, 3) >= 10);
}

// gridxy's base60=, degrees=, hhmm=: the labels Yorick's Gist draws (read
// from its PostScript output).
TEST_CASE("ticks: base 60 ticks, degree and hh:mm labels as Yorick", "[ticks][gridxy]") {
  AxisStyle base60;
  base60.base60 = true;
  auto joined = [](const AxisTicks& t) {
    std::string s;
    for (const auto& l : t.labels) s += (s.empty() ? "" : " ") + l;
    return s;
  };
  CHECK(joined(compute_ticks(0, 360, base60, false)) == "0 90 180 270 360");
  CHECK(joined(compute_ticks(-200, 700, base60, false)) == "-180 0 180 360 540");
  AxisStyle degrees;  // base60 still on from the call before, as in Yorick's session
  degrees.label_kind = AxisStyle::Labels::degrees;
  degrees.base60 = true;
  CHECK(joined(compute_ticks(90, 270, degrees, false)) == "90 120 150 180 -150 -120 -90");
  degrees.base60 = false;
  AxisStyle hhmm;
  hhmm.label_kind = AxisStyle::Labels::hhmm;
  hhmm.base60 = true;
  CHECK(joined(compute_ticks(0, 360, hhmm, false)) == "00:00 01:30 03:00 04:30 06:00");
  // Out of +-3600, or labels that are not whole numbers: the usual labels.
  CHECK(joined(compute_ticks(0, 0.5, degrees, false)) == joined(compute_ticks(0, 0.5, AxisStyle(), false)));
  CHECK(joined(compute_ticks(0, 1e5, base60, false)) == joined(compute_ticks(0, 1e5, AxisStyle(), false)));
}

TEST_CASE("ticks: Gist's 1-2-5 hierarchy of minor levels", "[ticks]") {
  AxisStyle style;
  // 0..10: majors every 2, then 1, then 0.5 (0.1 would exceed nMinor = 50).
  AxisTicks t = compute_ticks(0, 10, style, false);
  CHECK(count_level(t, 0) == 6);
  CHECK(count_level(t, 1) == 5);
  CHECK(count_level(t, 2) == 10);
  CHECK(count_level(t, 3) == 0);
  // -1..1: majors every 0.5, then 0.1, then 0.05.
  t = compute_ticks(-1, 1, style, false);
  CHECK(count_level(t, 0) == 5);
  CHECK(count_level(t, 1) == 16);
  CHECK(count_level(t, 2) == 20);
  // Never more than nMinor+1 ticks of the finest level, whatever the range.
  for (double hi : {1.0, 3.0, 7.0, 13.0, 170.0, 0.03, 6e7}) {
    const AxisTicks u = compute_ticks(0, hi, style, false);
    CHECK(u.values.size() <= 52);
    CHECK(u.labels.size() <= 9);
    CHECK(u.labels.size() >= 2);
  }
  // The boxed style (nMajor 5): 10/5 is just past 2 after Gist's 1e-4
  // widening, so the unit is 5.
  style.n_major = 5;
  style.n_minor = 25;
  t = compute_ticks(0, 10, style, false);
  CHECK(t.labels == std::vector<std::string>{"0", "5", "10"});
  CHECK(t.values.size() <= 26);
}

TEST_CASE("ticks: one-point, zero and non-finite ranges", "[ticks]") {
  AxisStyle style;
  // A one-point range still gets a scale around the point (Gist's rule).
  AxisTicks t = compute_ticks(5, 5, style, false);
  REQUIRE_FALSE(t.labels.empty());
  for (double v : t.values) CHECK(std::fabs(v - 5) < 1e-3);
  t = compute_ticks(0, 0, style, false);
  CHECK_FALSE(t.values.empty());
  t = compute_ticks(3, 3, style, true);
  CHECK_FALSE(t.values.empty());
  CHECK(compute_ticks(std::nan(""), 1, style, false).values.empty());
  CHECK(compute_ticks(0, INFINITY, style, false).values.empty());
  CHECK(compute_ticks(-1, 10, style, true).values.empty());  // log of a negative bound
  // Huge spans do not overflow.
  t = compute_ticks(-1e300, 1e300, style, false);
  CHECK(t.labels == std::vector<std::string>{"-1.0", "-0.5", "0.0", "0.5", "1.0"});
  CHECK(t.exponent == "10^+300");
}

TEST_CASE("ticks: nice units", "[ticks]") {
  CHECK(nice_unit(1.3) == Approx(2));
  CHECK(nice_unit(0.27) == Approx(0.5));
  CHECK(nice_unit(7) == Approx(10));
  CHECK(nice_unit(1) == Approx(1));
  CHECK(nice_unit(3e-7) == Approx(5e-7));
}
