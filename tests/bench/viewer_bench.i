// Yorick's Gist window redrawing the frames of viewer_bench.cpp at 100 dpi
// (600x600): a 1e5-point curve, a 1e5-point scatter of point markers, then
// a 1000x1000 cell array. Each redraw is
// followed by rgb_read (a server round trip that returns the pixels, so the
// drawing is finished); the median time of rgb_read alone is subtracted.
// Then the same frame after a zoom (limits 1.5x in about the middle, then
// back out, alternately) and during a drag (the limits moved 4 pixels a
// step, as pargist's pan follows the pointer): Gist redraws the display
// list at the new limits for each; timed the same way.
// Prints "<case> <median ms> <min ms>", "<case>_zoom ...", "<case>_drag ...".
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

// The redraws after a change of limits: step(k) sets the k-th limits.
func time_limits(name, step) {
  extern repeats;
  redraw; img = rgb_read();
  both = read = array(0., repeats);
  for (i = 1; i <= repeats; ++i) {
    t0 = wall(); step, i; redraw; img = rgb_read(); both(i) = wall() - t0;
    t0 = wall(); img = rgb_read(); read(i) = wall() - t0;
  }
  write, format="%s %.2f %.2f\n", name, median_ms(both) - median_ms(read),
    1000. * (min(both) - min(read));
}

func zoom_step(k) {
  extern home;
  if (k % 2) {
    cx = 0.5 * (home(1) + home(2)); cy = 0.5 * (home(3) + home(4));
    hx = 0.5 * (home(2) - home(1)) / 1.5; hy = 0.5 * (home(4) - home(3)) / 1.5;
    limits, cx - hx, cx + hx, cy - hy, cy + hy;
  } else {
    limits, home(1), home(2), home(3), home(4);
  }
}

// 4 pixels of the 436-pixel-wide viewport (work.gs: 0.41 NDC at 100 dpi)
func drag_step(k) {
  extern home, at;
  at += (((k - 1) / 4) % 2 ? -4. : 4.) / 436. * (home(2) - home(1));
  limits, home(1) - at, home(2) - at, home(3), home(4);
}

func time_all(name) {
  extern home, at;
  time_case, name;
  home = limits();
  time_limits, name + "_zoom", zoom_step;
  at = 0.;
  time_limits, name + "_drag", drag_step;
  limits;
}

window, 0, dpi=100, wait=1;
n = 100000;
x = span(0., 10., n); y = sin(7. * x) * exp(-0.1 * x);
plg, y, x;
time_all, "curve1e5";
fma;
x = random_n(n); y = 0.5 * random_n(n) + 0.3 * x;
plg, y, x, type=0, marker=1;
time_all, "scatter1e5";
fma;
pli, random(1000, 1000);
time_all, "cells1e6";
quit;
