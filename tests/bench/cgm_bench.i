/* CGM writing benchmark, Yorick side (driven by cgm_bench.sh): FRAMES frames
   of a 1e4-point scatter plus a 256x256 cell array written to a CGM by
   Gist's hcp, as cgm_bench does for pargist. Prints
     yorick_cgm CPU_SECONDS
   Usage: yorick -batch cgm_bench.i OUT.cgm FRAMES                           */
args = get_argv();
out = args(-1);
frames = 0;
sread, args(0), frames;
window, 0, display="", hcp=out, style="work.gs";
palette, "earth.gp";
i = indgen(0:255);
base = i(,-:1:256) + i(-:1:256,);
/* the frames' data are made before the timed loop, as for pargist */
pool = 8;
xs = random_n(10000, pool);
ys = random_n(10000, pool);
t0 = t1 = array(0.0, 3);
timer, t0;
for (k = 0; k < frames; k++) {
  j = k % pool + 1;
  pli, char((base + k) % 240), -4, -4, 4, 4;
  plg, ys(,j), xs(,j), type=0, marker=1;
  limits, -4, 4, -4, 4;
  hcp;
  fma;
}
hcp_finish;
timer, t1;
write, format="yorick_cgm %.4f\n", (t1 - t0)(1) + (t1 - t0)(2);
quit;
