# A pygist demonstration script, as pygist users wrote them (after pygist's
# gistdemo and the Gist tutorial): curves with line types and markers,
# a mesh with filled zones and contours, an image, log axes, text with
# Gist's escapes, animation, and hardcopy to CGM, PostScript-era style.
#
# The only change from the pygist original is the import line:
#     from gist import *
# became
from pargist import *

import sys, os
from numpy import *

outdir = "pygist_port_out"
if len(sys.argv) > 1:
    outdir = sys.argv[1]
if not os.path.isdir(outdir):
    os.makedirs(outdir)

def pause_demo(name):
    png(os.path.join(outdir, name + ".png"))
    hcp()
    fma()

window(0, wait=1, dpi=75, display="", hcp=os.path.join(outdir, "demo.cgm"))
animate(0)

# --- 1. curves: line types, widths, colours, markers, legends
x = 10 * pi * arange(200, dtype=float) / 199.0
plg(sin(x), x, type="solid", color="red", width=4, legend="sin x")
plg(cos(x) * exp(-0.05 * x), x, type="dash", color="blue", legend="damped cos")
plg(0.5 * sin(2 * x), x, type="none", marker="\4", msize=0.5, color="green")
plg(-0.8 + 0 * x, x, type="dot", marks=1, marker="A")
pltitle("Gist curves")
xytitles("x (rad)", "f(x)")
limits(0, 10 * pi, -1.2, 1.2)
pause_demo("curves")

# --- 2. a quadrilateral mesh: plm, plf, plc with levels
limits()
nr, nt = 20, 40
r = 1 + arange(nr, dtype=float) / (nr - 1)
t = 2 * pi * arange(nt, dtype=float) / (nt - 1)
rr = outer(ones(nt), r)
tt = outer(t, ones(nr))
mx = rr * cos(tt)
my = rr * sin(tt)
mz = cos(2 * tt) / rr
plf(mz[1:, 1:], my, mx)
plc(mz, my, mx, levs=[-0.6, -0.3, 0.0, 0.3, 0.6], color="fg")
plm(my, mx, color="white", width=0.5)
limits(square=1)
pltitle("cos(2!q)/r on an annulus")
colorbar(-1, 1)
pause_demo("mesh")

# --- 3. an image with a palette, then the same with another palette
limits()
palette("heat.gp")
img = outer(sin(arange(64) / 6.0), cos(arange(48) / 5.0))
pli(img, -1, -1, 1, 1)
plt("sin(x/6) cos(y/5)", 0.2, 0.9, height=14, font="helveticaB")
pause_demo("image")
palette("earth.gp")

# --- 4. log axes and grid lines
xx = 10.0 ** (arange(50) / 10.0)
plg(xx ** 1.5, xx, color="magenta", width=3)
plg(xx ** 0.5, xx, color="cyan", width=3)
logxy(1, 1)
gridxy(1, 1)
pltitle("power laws on log axes")
pause_demo("loglog")
logxy(0, 0)
gridxy(0, 0)

# --- 5. vectors, polygons and disjoint segments
gx, gy = meshgrid(linspace(-1, 1, 11), linspace(-1, 1, 11))
plv(gx.ravel(), -gy.ravel(), gy.ravel(), gx.ravel(), scale=0.05, color="red")
plfp(array([1.0, 2.0, 3.0]), array([0, 0.3, 0, 0.5, 0.8, 0.5, -0.5, -0.2, -0.5]),
     array([0, 0.2, 0.4, 0, 0.2, 0.4, 0, 0.2, 0.4]), array([3, 3, 3]), cmin=0, cmax=4)
pldj(array([-1.0, -1.0]), array([-1.0, 1.0]), array([1.0, 1.0]), array([1.0, -1.0]), color="blue", type="dashdot")
plt("E = mc^2", 0.5, 0.5, tosys=1, height=18, justify="CC")
pause_demo("vectors")

# --- 6. an animation of a travelling wave, every frame to the CGM file
animate(1)
hcpon()
for i in range(6):
    phase = i * pi / 6
    plg(sin(x - phase) * exp(-0.02 * x), x, color="red", width=3)
    limits(0, 10 * pi, -1.1, 1.1)
    fma()
hcpoff()
animate(0)

print("pygist port: wrote %s" % hcp_finish())
winkill(0)
