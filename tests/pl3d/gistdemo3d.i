/* The commands of pygist's gistdemo3d.py (tests/pl3d/gistdemo3d.py), page
 * for page, in Yorick: the reference pictures of test_gistdemo3d.py.
 *
 *   yorick -batch gistdemo3d.i OUT.cgm RANDOM.txt
 *
 * Where pygist behaves otherwise than Yorick's pl3d.i, plwf.i and slice3.i,
 * the script asks Yorick for pygist's picture with Yorick's own functions:
 *  - pl3surf and pl3tree scale each axis onto [0,1] first (pygist's
 *    "normalization");
 *  - plwf's fill= is byte-scaled over its whole range (Yorick clips it at 0);
 *    shade= wins over fill=;
 *  - plzcont and slice3mesh do not exist in Yorick: written here from their
 *    pygist documentation with slice2x and pl3tree;
 *  - movie draws every frame's limits as pygist's movie does;
 *  - draw3's returned limits are Yorick's square automatic limits.
 * run 9's random numbers come from the Python run (RANDOM.txt).
 */

require, "plwf.i";
require, "slice3.i";

args = get_argv();
out = args(-1);
randfile = args(0);

window, 0, display="", hcp=out, style="nobox.gs", legends=0, wait=1;
hcpon;
palette, "gray.gp";
making_movie = 0;

func demo5_light(i)
{
  if (i >= 30) return 0;
  theta = pi/4 + (i-1)*2*pi/29;
  light3, sdir=[cos(theta), .25, sin(theta)];
  draw3, !making_movie;
  return 1;
}

/* pygist's movie: each frame's limits given (or square), then fma */
func pymovie(draw_frame, lims)
{
  fma;
  animate, 1;
  i = 0;
  more = 1;
  while (more) {
    more = draw_frame(++i);
      if (is_void(lims)) limits, square=1;
    else limits, lims(1), lims(2), lims(3), lims(4);
    fma;
  }
  animate, 0;
}

/* draw3(1) as pygist returns it: the box around what the display list
 * drew, made square (computed, not asked of limits(), which in batch mode
 * still holds the last page's values) */
func pydraw3(void)
{
  draw3, 1;
  return drawn_lims();
}
func drawn_lims(void)
{
  extern _pts;
  _pts = [];
  list = _cdr(_draw3_list, _draw3_n);
  for (; list; list = _cdr(list, 2)) {
    fnc = _car(list);
    arg = _car(list, 2);
    if (fnc == plwf) grow, _pts, _car(arg)(,*);
    else if (fnc == pl3surf) grow, _pts, _car(arg, 2);
    else if (fnc == pl3tree) tree_points, arg;
  }
  local x, y;
  get3_xy, _pts, x, y;
  b = [min(x), max(x), min(y), max(y)];
  dx = b(2) - b(1);
  dy = b(4) - b(3);
  if (dx > dy) b(3:4) += [-0.5, 0.5]*(dx - dy);
  else b(1:2) += [-0.5, 0.5]*(dy - dx);
  return b;
}
func tree_points(tree)
{
  extern _pts;
  if (is_void(tree)) return;
  for (leaf = _car(tree, 3); leaf; leaf = _cdr(leaf)) grow, _pts, _car(_car(leaf), 2);
  tree_points, _car(tree, 2);
  tree_points, _car(tree, 4);
}

/* pygist's unit-cube scaling of polygon lists (3-by-n) */
func unit3(xyz, mm)
{
  if (is_void(mm)) mm = [xyz(1,)(min), xyz(1,)(max), xyz(2,)(min), xyz(2,)(max), xyz(3,)(min), xyz(3,)(max)];
  out = xyz;
  for (a = 1; a <= 3; a++) {
    d = mm(2*a) - mm(2*a-1);
    out(a,) = (xyz(a,) - mm(2*a-1)) / (d ? d : 1.0);
  }
  return out;
}
func minmax3(xyz) { return [xyz(1,)(min), xyz(1,)(max), xyz(2,)(min), xyz(2,)(max), xyz(3,)(min), xyz(3,)(max)]; }

/* pygist's slice3mesh(x, y, z): quads over a 2-D mesh, cells with the
 * second index fastest, corners (i,j), (i,j+1), (i+1,j+1), (i+1,j).
 * x, y: ncx-by-ncy node coordinates; returns 3-by-4*ncells in xyzv */
func slice3mesh_(x, y, z, &nv, &xyzv, &col, color=)
{
  ncx = dimsof(z)(2);
  ncy = dimsof(z)(3);
  n = (ncx-1)*(ncy-1);
  nv = array(4, n);
  xyzv = array(0.0, 3, 4, ncy-1, ncx-1);
  for (a = 1; a <= 3; a++) {
    f = [x, y, z](,,a);
    xyzv(a,1,,) = transpose(f(1:-1,1:-1));
    xyzv(a,2,,) = transpose(f(1:-1,2:0));
    xyzv(a,3,,) = transpose(f(2:0,2:0));
    xyzv(a,4,,) = transpose(f(2:0,1:-1));
  }
  xyzv = xyzv(,*);
  col = [];
  if (!is_void(color)) {
    if (dimsof(color)(2) == ncx) col = transpose(color(zcen,zcen))(*);
    else col = transpose(color)(*);
  }
}

/* pygist's plzcont: bands of z through slice2x, each sent to pl3tree in
 * one colour (palette indices spread over 0..199) */
func plzcont_(nv, xyzv, contours=, scale=, edges=)
{
  if (is_void(contours)) contours = 8;
  if (is_void(scale)) scale = "lin";
  zz = xyzv(3,);
  n = contours;
  minz = min(zz);
  maxz = max(zz);
  if (scale == "lin") vc = minz + indgen(n)*(maxz-minz)/(n+1);
  else if (scale == "log") vc = minz + exp(indgen(n)*log(maxz-minz)/(n+1));
  else {
    zbar = avg(zz);
    zs = sqrt((sum(zz^2) - numberof(zz)*zbar^2)/(numberof(zz)-1));
    vc = (zbar - 2*zs) + (indgen(n)-1)*(4*zs)/(n-1);
  }
  colors = char(indgen(0:n)*(199./n));
  imin = imax = 0;
  for (i = 1; i <= n; i++) {
    if (vc(i) <= minz) imin = i;
    if (vc(i) >= maxz) { imax = i-1; break; }
    if (i == n) imax = n;
  }
  clear3;
  last = imin;
  for (i = imin+1; i <= imax; i++) {
    local nvb, xyzvb;
    slice2x, [0.,0.,1.,vc(i)], nv, xyzv, , nvb, xyzvb;
    last = i;
    if (numberof(nvb)) pl3tree, nvb, unit3(xyzvb, mm_), array(colors(i), numberof(nvb));
    if (!numberof(nv)) break;
  }
  if (numberof(nv)) pl3tree, nv, unit3(xyzv, mm_), array(colors(min(last+1, n+1)), numberof(nv));
}

r = array(0.0, 4*25*35);
f = open(randfile);
read, f, r;
close, f;
rnd = array(pointer, 4);
for (k = 1; k <= 4; k++) rnd(k) = &transpose(reform(r(1+(k-1)*875:k*875), [2, 35, 25]));

/* ---------------------------------------------------------------- run 1 */
x = span(-1, 1, 64)(,-:1:64);
y = transpose(x);
z = (x+y)*exp(-6.*(x*x+y*y));
orient3;
light3;
plwf, z, y, x;
lims = pydraw3();
limits, lims(1), lims(2), lims(3), lims(4);
plt, "opaque wire mesh", .30, .42;
plwf, z, y, x, shade=1, ecolor="red";
lims = pydraw3();
limits, lims(1), lims(2), lims(3), lims(4);
plwf, z, y, x, shade=1, edges=0;
lims = pydraw3();
limits, lims(1), lims(2), lims(3), lims(4);
light3, diffuse=.1, specular=1., sdir=[0,0,-1];
lims = pydraw3();
limits, lims(1), lims(2), lims(3), lims(4);
light3, diffuse=.5, specular=1., sdir=[1,.5,1];
lims = pydraw3();
limits, lims(1), lims(2), lims(3), lims(4);
light3, ambient=.1, diffuse=.1, specular=1., sdir=[[0,0,-1],[1,.5,1]], spower=[4,2];
lims = pydraw3();
limits, lims(1), lims(2), lims(3), lims(4);

/* ---------------------------------------------------------------- run 2 */
orient3;
light3;
plwf, z, y, x, shade=1, edges=0;
lims = pydraw3();
limits, lims(1), lims(2), lims(3), lims(4);
light3, diffuse=.2, specular=1;
lims = pydraw3();
limits, lims(1), lims(2), lims(3), lims(4);
making_movie = 1;
pymovie, demo5_light, lims;
making_movie = 0;
fma;
demo5_light, 1;
light3;

/* ---------------------------------------------------------------- run 3 */
nx = ny = nz = 20;
xyz = array(0.0, 3, nx, ny, nz);
xyz(1,..) = span(-1, 1, nx);
xyz(2,..) = span(-1, 1, ny)(-,);
xyz(3,..) = span(-1, 1, nz)(-,-,);
r = abs(xyz(1,..), xyz(2,..), xyz(3,..));
theta = acos(xyz(3,..)/r);
phi = atan(xyz(2,..), xyz(1,..) + (!r));
y32 = sin(theta)^2*cos(theta)*cos(2*phi);
m3 = mesh3(xyz, r*(1.+y32));
slice3, m3, 1, value=.50, nv, xyzv;
slice3, m3, 1, value=1., nw, xyzw;
pxy = plane3([0,0,1], [0,0,0]);
pyz = plane3([1,0,0], [0,0,0]);
vp = slice3(m3, pyz, np, xyzp, 1);
local nvb, xyzvb, nwb, xyzwb;
slice2, pxy, np, xyzp, vp;
slice2x, pxy, nv, xyzv, , nvb, xyzvb;
slice2, -pyz, nv, xyzv;
slice2x, pxy, nw, xyzw, , nwb, xyzwb;
slice2, -pyz, nw, xyzw;
fma;
split_palette, "earth.gp";
gnomon, 1;
clear3;
/* the mesh is a cube: pygist's unit-cube scaling only moves and shrinks it */
pl3tree, np, xyzp, vp, pyz;
pl3tree, nvb, xyzvb;
pl3tree, nwb, xyzwb;
pl3tree, nv, xyzv;
pl3tree, nw, xyzw;
orient3;
light3, diffuse=.2, specular=1;
limits;
limits, square=1;
demo5_light, 1;
hcp;
/* spin3: pygist's movie of 30 frames, each drawn with draw3's limits */
func spin_frame(i)
{
  if (i >= 30) return 0;
  rot3, , , -sphi;
  rot3, , -stheta, sdtheta;
  rot3, , stheta, sphi;
  draw3;
  b = drawn_lims();
  limits, b(1), b(2), b(3), b(4);
  return 1;
}
sdtheta = 2*pi/29;
saxis = [-1., 1., 0.];
stheta = acos(saxis(3)/abs(saxis(1), saxis(2), saxis(3)));
sphi = atan(saxis(2), saxis(1));
orig = save3();
pymovie, spin_frame;
restore3, orig;
limits;
demo5_light, 1;
light3;
gnomon, 0;
limits, square=1;
palette, "gray.gp";

/* ---------------------------------------------------------------- run 7 */
x = double(indgen(-20:20));
y = double(indgen(-20:20));
r = sqrt(x(,-)^2 + y(-,)^2) + 1e-6;
z = sin(r)/r;
fma;
clear3;
gnomon, 0;
palette, "rainbow.gp";
limits, square=1;
orient3;
light3;
plwf, z, fill=bytscl(z(2:0,2:0)), ecolor="black";
lims = pydraw3();
limits, lims(1), lims(2), lims(3), lims(4);
X = x(,-:1:41);
Y = y(-:1:41,);
slice3mesh_, X, Y, z, nv, xyzv;
mm_ = minmax3(xyzv);
plzcont_, nv, xyzv, contours=20, scale="normal";
lims = pydraw3();
limits, lims(1), lims(2), lims(3), lims(4);
plzcont_, nv, xyzv, contours=20, scale="lin";
pldefault, edges=1;
lims = pydraw3();
limits, lims(1), lims(2), lims(3), lims(4);
pldefault, edges=0;
plwf, z, shade=1, ecolor="black";
lims = pydraw3();
limits, lims(1), lims(2), lims(3), lims(4);
plwf, z, shade=1, edges=0;
lims = pydraw3();
limits, lims(1), lims(2), lims(3), lims(4);
light3, diffuse=.2, specular=1;
making_movie = 1;
pymovie, demo5_light, lims;
making_movie = 0;
fma;
demo5_light, 1;
plwf, z, shade=1, edges=0;
lims = pydraw3();
limits, lims(1), lims(2), lims(3), lims(4);
palette, "gray.gp";

/* ---------------------------------------------------------------- run 8 */
nc1 = 100;
nv1 = nc1 + 1;
br = -(nc1/2);
tr = nc1/2 + 1;
x = double(indgen(br:tr-1))*40./nc1;
y = x;
r = sqrt(x(,-)^2 + y(-,)^2) + 1e-6;
z = sin(r)/r;
z0 = min(z);
z0 = z0 - .05*abs(z0);
maxz = max(z);
maxz = maxz + .05*abs(maxz);
zmult = max(max(abs(x)), max(abs(y)));
dz = maxz - z0;
nxnynz = [nc1, nc1, 1];
dxdydz = [1.0, 1.0, zmult*dz];
x0y0z0 = [double(br), double(br), z0*zmult];
meshf = array(0.0, nv1, nv1, 2);
meshf(,,1) = zmult*z - x0y0z0(3);
meshf(,,2) = zmult*z - (x0y0z0(3) + dxdydz(3));
m3 = mesh3(nxnynz, dxdydz, x0y0z0, meshf);
fma;
pldefault, edges=0;
slice3, m3, 1, value=0., nv, xyzv;
orient3;
pl3surf, nv, unit3(xyzv);
lim = pydraw3();
limits, lim(1), lim(2), 1.5*lim(3), 1.5*lim(4);
palette, "gray.gp";
X = (x0y0z0(1) + dxdydz(1)*indgen(0:nc1))(,-:1:nv1);
Y = (x0y0z0(2) + dxdydz(2)*indgen(0:nc1))(-:1:nv1,);
slice3mesh_, X, Y, zmult*z, nv, xyzv, col, color=zmult*z;
pl3surf, nv, unit3(xyzv), col;
lim = pydraw3();
dh = 0.5*(lim(4) - lim(3));
limits, lim(1), lim(2), lim(3) - dh, lim(4) + dh;
palette, "rainbow.gp";
palette, "heat.gp";
mm_ = minmax3(xyzv);
plzcont_, nv, xyzv;
draw3, 1;
plzcont_, nv, xyzv, contours=20;
draw3, 1;
plzcont_, nv, xyzv, contours=20, scale="log";
draw3, 1;
plzcont_, nv, xyzv, contours=20, scale="normal";
draw3, 1;

/* ---------------------------------------------------------------- run 9 */
kmax = 25;
lmax = 35;
s = 1000.;
xr = double(indgen(kmax))(,-:1:lmax);
yr = double(indgen(lmax))(-:1:kmax,);
zt = 5. + xr + .2*(*rnd(1));
rt = 100. + yr + .2*(*rnd(2));
z = s*(rt + zt);
z = z + .02*z*(*rnd(3));
ut = rt/sqrt(rt^2 + zt^2);
vt = zt/sqrt(rt^2 + zt^2);
ireg = array(1.0, kmax, lmax);
ireg(1:1, 1:lmax) = 0;
ireg(1:kmax, 1:1) = 0;
ireg(2:15, 8:12) = 2;
ireg(2:15, 13:lmax) = 3;
ireg(4:7, 4:7) = 0;
freg = ireg + .2*(1. - (*rnd(4)));
z(4:10, 4:12) = z(4:10, 4:12)*.9;
z(6, 6) = z(6, 6)*.9;
z(18:22, 16:18) = z(18:22, 16:18)*1.2;
z(17, 17) = z(17, 17)*1.1;
orient3;
plwf, freg, shade=1, edges=0;
lims = pydraw3();
limits, lims(1), lims(2), lims(3), lims(4);
X = double(indgen(0:kmax-1))(,-:1:lmax);
Y = double(indgen(0:lmax-1))(-:1:kmax,);
slice3mesh_, X, Y, freg, nv, xyzv;
slice3mesh_, X, Y, freg + ut, nw, xyzw;
mm_ = minmax3(grow(xyzv, xyzw));
clear3;
pl3tree, nv, unit3(xyzv, mm_);
pl3tree, nw, unit3(xyzw, mm_);
draw3, 1;
limits;
light3, ambient=0, diffuse=.5, specular=1, sdir=[0,0,-1];
demo5_light, 1;
slice3mesh_, X, Y, freg, nv, xyzv, col, color=freg;
pl3surf, nv, unit3(xyzv), col;
draw3, 1;
palette, "rainbow.gp";
slice3mesh_, X, Y, freg, nv, xyzv, col, color=z;
pl3surf, nv, unit3(xyzv), col;
draw3, 1;
palette, "stern.gp";
slice3mesh_, X, Y, z, nv, xyzv, col, color=z;
pl3surf, nv, unit3(xyzv), col;
orient3, 0, 0;
draw3, 1;
palette, "gray.gp";
light3, diffuse=.1, specular=1., sdir=[0,0,-1];
pl3surf, nv, unit3(xyzv);
draw3, 1;
fma;
hcp_finish;
quit;
