// Yorick's Gist window redrawing the frames of viewer_bench.cpp at 100 dpi
// (600x600): a 1e5-point curve, a 1e5-point scatter of point markers, then
// a 1000x1000 cell array. Each redraw is
// followed by rgb_read (a server round trip that returns the pixels, so the
// drawing is finished); the median time of rgb_read alone is subtracted.
// Prints "<case> <median ms> <min ms>".
repeats = 15;
args = get_argv();
if (numberof(args) > 1) repeats = long(tonum(args(0)));

func wall(void) { t = array(0., 3); timer, t; return t(3); }
func median_ms(v) { v = v(sort(v)); return 1000. * v((numberof(v) + 1) / 2); }

func time_case(name) {
  extern repeats;
  redraw; img = rgb_read();
  both = read = array(0., repeats);
  for (i = 1; i <= repeats; ++i) {
    t0 = wall(); redraw; img = rgb_read(); both(i) = wall() - t0;
    t0 = wall(); img = rgb_read(); read(i) = wall() - t0;
  }
  write, format="%s %.2f %.2f\n", name, median_ms(both) - median_ms(read),
    1000. * (min(both) - min(read));
}

window, 0, dpi=100, wait=1;
n = 100000;
x = span(0., 10., n); y = sin(7. * x) * exp(-0.1 * x);
plg, y, x;
time_case, "curve1e5";
fma;
x = random_n(n); y = 0.5 * random_n(n) + 0.3 * x;
plg, y, x, type=0, marker=1;
time_case, "scatter1e5";
fma;
pli, random(1000, 1000);
time_case, "cells1e6";
quit;
