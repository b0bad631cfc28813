/* CGM writing benchmark, Yorick side (driven by cgm_bench.sh): FRAMES frames
   of one KIND written to a CGM by Gist's hcp, as cgm_bench does for
   pargist. Kinds: scatter (a 1e4-point scatter plus a 256x256 cell array),
   density (a 200x200 cell array of 2e5 particles' density, bytscl'd),
   curve (a smooth 1e4-point curve), contour (10 levels of a smooth field on
   a 200x200 mesh, evenly between its extremes). Prints
     yorick_cgm CPU_SECONDS
   Usage: yorick -batch cgm_bench.i OUT.cgm FRAMES KIND                      */
args = get_argv();
out = args(-2);
kind = args(0);
frames = 0;
sread, args(-1), frames;
window, 0, display="", hcp=out, style="work.gs";
palette, "earth.gp";
/* the frames' data are made before the timed loop, as for pargist */
pool = 8;
if (kind == "scatter") {
  i = indgen(0:255);
  base = i(,-:1:256) + i(-:1:256,);
  xs = random_n(10000, pool);
  ys = random_n(10000, pool);
} else if (kind == "density") {
  cells = array(char, 200, 200, pool);
  for (j = 1; j <= pool; j++) {
    x = random_n(200000);
    y = random_n(200000);
    ix = long(floor((x + 4) * 25));
    iy = long(floor((y + 4) * 25));
    in = where(ix >= 0 & ix < 200 & iy >= 0 & iy < 200);
    h = histogram(1 + ix(in) + 200 * iy(in), top=40000);
    cells(*,j) = char(min(239, long(floor(h / double(max(h)) * 240.0))));
  }
} else if (kind == "contour") {
  s = -3.0 + 6.0 * indgen(0:199) / 199.0;
  cx = s(,-:1:200);
  cy = s(-:1:200,);
  zs = array(0.0, 200, 200, pool);
  levs = array(0.0, 10, pool);
  for (j = 1; j <= pool; j++) {
    zs(,,j) = sin(1.3 * cx + (j - 1) / 10.0) * cos(cy) + 0.1 * cx * cy;
    levs(,j) = min(zs(,,j)) + (max(zs(,,j)) - min(zs(,,j))) * indgen(10) / 11.0;
  }
} else {
  x = span(0, 10, 10000);
  ys = array(0.0, 10000, pool);
  for (j = 1; j <= pool; j++) ys(,j) = sin(x + (j - 1) / 10.0) * exp(-x / 5);
}
t0 = t1 = array(0.0, 3);
timer, t0;
for (k = 0; k < frames; k++) {
  j = k % pool + 1;
  if (kind == "scatter") {
    pli, char((base + k) % 240), -4, -4, 4, 4;
    plg, ys(,j), xs(,j), type=0, marker=1;
    limits, -4, 4, -4, 4;
  } else if (kind == "density") {
    pli, cells(,,j), -4, -4, 4, 4;
    limits, -4, 4, -4, 4;
  } else if (kind == "contour") {
    plc, zs(,,j), cy, cx, levs=levs(,j);
  } else {
    plg, ys(,j), x;
  }
  hcp;
  fma;
}
hcp_finish;
timer, t1;
write, format="yorick_cgm %.4f\n", (t1 - t0)(1) + (t1 - t0)(2);
quit;
