/* The pages of pygist's gistdemolow.py, drawn by Yorick's own Gist: the
   reference the test compares pargist's rendering of the ported demo with.
   The same commands in Yorick's syntax, page by page; `hcp` where the demo
   stops (quitnow) on a frame that holds something. pygist's helpers (plfc,
   plh) are replaced by what they draw: Yorick's plfc with pygist's levels
   and colours, plh's bars, lines and labels.
   Usage: yorick -batch gistdemolow.i OUT.cgm                               */
require, "style.i";
out = get_argv()(0);

func mag(a, b) { return sqrt(a*a + b*b); }
func a3(lb, ub, n) { return span(lb, ub, n)(,-:1:n); }      /* rows = span */
func a2(lb, ub, n) { return span(lb, ub, n)(zcen)(,-:1:n-1); }
/* pygist's plfc levels: n between the extremes of z, or the ones given */
func pyg_plfc(z, y, x, ireg, levs)
{
  if (numberof(levs) == 1) {
    n = levs(1);
    vcmin = min(z);  vcmax = max(z);
    levs = vcmin + indgen(n)*(vcmax - vcmin)/(n + 1.);
  }
  n = numberof(levs);
  colors = char(indgen(0:n)*(199./n));
  plfc, z, y, x, ireg, levs=levs, colors=colors;
}

pldefault, marks=1, width=0, type=1, style="work.gs", dpi=100;
/* Test 1. Without a screen (batch), a Gist window lives only with a
   hardcopy file of its own: one window for the whole demo, where the
   demo kills window 0 and opens it again, fma (the pages do not depend
   on the window's dpi). */
window, 0, wait=1, dpi=75, display="", hcp=out;
plg, [0, 1];
hcp;
fma;
/* Test 2..8 */
plg, [0, 1];                    hcp;
plg, [1, 0];                    hcp;
logxy, 1, 0;                    hcp;
logxy, 0, 0;                    hcp;
limits, 1.2, 1.8, 0.2, 0.8;     hcp;
range, 0.4, 0.6;                hcp;
limits;                         hcp;
/* Test 9, 10 */
fma;
x = 10*pi*indgen(0:199)/199.;
plg, sin(x), x;                 hcp;
pledit, marks=0, width=6, type="dash";   hcp;
/* Test 11..14 */
fma;
x = 2*pi*indgen(0:199)/199.;
for (i=1 ; i<=6 ; i++) {
  r = 0.5*i - (5 - 0.5*i)*cos(x);
  plg, r*sin(x), r*cos(x), marks=0, color=-4-i, legend="curve ["+pr1(i)+"]";
}
hcp;
pltitle, "Cardioids";
plt, "Colored Nested Cardioids", -2.0, -3.0, orient=1, opaque=1, tosys=1, legend="Some text";
hcp;
for (i=1 ; i<=5 ; i++) pledit, i, color="fg", type=0, marker=i;
pledit, 6, color="fg", type=0, marker='A';
hcp;
for (i=1 ; i<=5 ; i++) pledit, i, marks=0, type=i;
pledit, 6, color="fg", type=1, width=4;
hcp;
/* Test 15 */
fma;
limits;
x = a3(-1, 1, 26);
y = transpose(x);
z = x + 1i*y;
z = 5.*z/(5. + z*z);
xx = z.re;
yy = z.im;
plm, yy, xx;                    hcp;
fma;
/* Test 16 */
plmesh, yy, xx;
plv, x+.5, y-.5;                hcp;
fma;
/* Test 17 */
ireg = array(1n, dimsof(xx));
ireg(,1) = 0;
ireg(1,) = 0;
pyg_plfc, mag(x+.5, y-.5), yy, xx, ireg, 8;
plmesh, yy, xx, ireg;
plc, mag(x+.5, y-.5), marks=1;
plm, boundary=1, type=2;        hcp;
fma;
/* Test 18 */
z = mag(x+.5, y-.5);
plf, z;
fma;
pyg_plfc, z, yy, xx, ireg, [0.5, 1.0, 1.5];
plmesh, yy, xx, ireg;
plc, z, marks=0, type=2, color="bg", levs=[0.5, 1.0, 1.5];   hcp;
fma;
/* Test 19 */
plf, z;
plc, z, marks=0, type=2, color="bg", levs=[0.5, 1.0, 1.5];   hcp;
fma;
pyg_plfc, z, yy, xx, ireg, [0.5, 1.0, 1.5];
plmesh, yy, xx, ireg;
plc, z, marks=0, type=2, color="bg", levs=[0.5, 1.0, 1.5];
pal = ["heat.gp", "stern.gp", "rainbow.gp", "gray.gp", "yarg.gp", "earth.gp"];
for (i=1 ; i<=6 ; i++) {
  palette, pal(i);
  hcp;
}
palette, "earth.gp";
fma;
/* Test 20 */
sty = ["vg.gs", "boxed.gs", "vgbox.gs", "nobox.gs", "work.gs"];
for (i=1 ; i<=5 ; i++) {
  window, style=sty(i);
  plc, mag(x+.5, y-.5), marks=1;
  plm, boundary=1, type=2;
  hcp;
}
window, style="work.gs";
fma;
/* Test 21 */
x = a3(-6, 6, 200);
y = transpose(x);
r = mag(y, x);
theta = atan(y, x);
funky = cos(r)^2*cos(3*theta);
pli, funky;                     hcp;
fma;
/* Test 22 */
theta = a2(0, 2*pi, 18);
x = cos(theta);
y = sin(theta);
pldj, x, y, transpose(x), transpose(y);
pltitle, "Seventeen Pointed Stars";
limits, square=1;               hcp;
limits, square=0;
fma;
/* Test 23 */
n = [3, 4, 5, 4, 5, 6, 5, 6, 7];
n2 = [0, 3, 7, 12, 16, 21, 27, 32, 38];
x0 = [-2., 0., 2., -2., 0., 2., -2., 0., 2.];
y0 = [-2., -2., -2., 0., 0., 0., 2., 2., 2.];
list = [];
for (j=1 ; j<=9 ; j++) grow, list, array(j, n(j));
phase = indgen(numberof(list)) - n2(list);
theta = 2.*pi*phase/n(list);
x = cos(theta) + x0(list);
y = sin(theta) + y0(list);
plfp, x0-y0, y, x, n, cmin=-4.5, cmax=4.5;
pltitle, "Three rows of three polygons";
limits;                         hcp;
fma;
/* Test 24: pygist's plh, bars with labels under them */
palette, "earth.gp";
data = [7.58, 1.67, 5.28, 6.35, 4.08, 6.83, 2.24, 5.80, 5.93, 9.42,
        2.37, 4.47, 4.91, 3.99, 5.14, 7.15, 5.69, 6.56, 1.24, 3.18];
amino = ["A", "C", "D", "E", "F", "G", "H", "I", "K", "L",
         "M", "N", "P", "Q", "R", "S", "T", "V", "W", "Y"];
window, style="boxed.gs", legends=0;
get_style, landscape, systems, legends, clegends;
systems(1).ticks.horiz.flags &= ~99;
set_style, landscape, systems, legends, clegends;
for (i=1 ; i<=20 ; i++)
  plfp, char([8*i]), [0., data(i), data(i), 0.], [i-1., i-1., i, i], [4];
for (i=1 ; i<=20 ; i++)
  plg, [0., data(i), data(i), 0.], [i-1., i-1., i, i], width=1, marks=0;
vp = systems(1).viewport;
h = systems(1).ticks.horiz;
ylab = vp(3) - h.labelOff + h.tickLen(1) + h.tickOff;
for (i=1 ; i<=20 ; i++)
  plt, amino(i), vp(1) + (vp(2)-vp(1))/20.*(i - 0.5), ylab, justify="CT";
range, 0, 10.0;
pltitle, "Amino acid abundance (%) in SwissProt v. 36";
hcp;
fma;
/* Test 25 */
window, style="nobox.gs";
names = ["Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique",
         "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic",
         "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique",
         "Symbol", "Symbol", "Symbol", "Symbol",
         "NewCenturySchlbk-Roman", "NewCenturySchlbk-Bold",
         "NewCenturySchlbk-Italic", "NewCenturySchlbk-BoldItalic"];
for (i=1 ; i<=20 ; i++) plt, names(i), 0, i, tosys=1, height=20, font=i-1;
limits, 0, 2, 0, 22;            hcp;
fma;
window, style="work.gs";
/* Test 26: Lissajous, the frame after the animation */
t = 2*pi*indgen(0:399)/399.;
animate, 0;
fma;
animate, 1;
fma;
animate, 0;
plg, 40.*sin(5*t), -40. + 40.*cos(t);
plg, 40.*sin(7*t), -160. + 40.*cos(2*t);
hcp;
hcp_finish;
quit;
