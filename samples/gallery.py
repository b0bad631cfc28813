"""Every Gist primitive on one page, then the standard palettes.

Page 1 (style 2x2): plg curves with markers and dash types, pldj segments;
plm mesh with plc contours; plf filled mesh with plv arrows; pli cell array
with plfp polygons and plt text using Gist's escapes. Page 2: the palettes.

    python3 samples/gallery.py --out out
"""

import argparse
import os
import sys

import numpy as np

import pargist as pg
from pargist import parallel


def curves():
    x = np.linspace(0.0, 10.0, 200)
    pg.plg(np.sin(x) * np.exp(-0.1 * x), x, color="red", width=4, legend="damped sine")
    pg.plg(0.8 * np.cos(x), x, type="dash", legend="cosine")
    xs = np.linspace(0.5, 9.5, 10)
    pg.plg(-0.9 + 0.1 * np.sin(3 * xs), xs, type=0, marker="\4", color="blue", legend="markers")
    x0 = np.arange(1.0, 9.0, 2.0)
    pg.pldj(x0, np.full(4, 0.95), x0 + 1.0, np.full(4, 0.85), color="magenta")
    pg.pltitle("plg, pldj")


def polar_mesh(ni=25, nj=15):
    """A quarter annulus: the mesh of plm, plc, plf and plv."""
    r = np.linspace(1.0, 3.0, nj)[:, None]
    t = np.linspace(0.0, 0.5 * np.pi, ni)[None, :]
    return r * np.sin(t), r * np.cos(t)


def mesh_and_contours():
    y, x = polar_mesh()
    pg.plm(y, x, color="cyan")
    z = x * y
    pg.plc(z, y, x, levs=np.linspace(0.5, 4.0, 8), marks=1)
    pg.pltitle("plm, plc")


def filled_and_vectors():
    y, x = polar_mesh()
    z = np.sin(2 * x) * np.cos(2 * y)
    pg.plf(z[1:, 1:], y, x)
    yc, xc = y[::3, ::3], x[::3, ::3]
    pg.plv(-yc, xc, yc, xc, color="white", scale=0.15)
    pg.pltitle("plf, plv")


def cells_polygons_text():
    ny, nx = 60, 60
    yy, xx = np.mgrid[0:ny, 0:nx]
    z = np.exp(-((xx - 20) ** 2 + (yy - 35) ** 2) / 150.0) + 0.6 * np.exp(-((xx - 40) ** 2 + (yy - 15) ** 2) / 300.0)
    pg.pli(z, 0.0, 0.0, 4.0, 4.0)
    # Four polygons, one colour each, from z through the palette.
    px, py, n = [], [], []
    for k, sides in enumerate((3, 4, 5, 6)):
        a = np.linspace(0.0, 2 * np.pi, sides, endpoint=False) + 0.3 * k
        px += list(3.2 + 0.3 * np.cos(a) - 0.25 * k)
        py += list(0.8 + 0.3 * np.sin(a) + 0.8 * k)
        n.append(sides)
    pg.plfp(np.array([0.0, 1.0, 2.0, 3.0]), np.array(py), np.array(px), np.array(n, dtype=np.int64))
    pg.plt("!a!b!g: E=mc^2", 0.3, 1.9, tosys=1, color="white", height=14)
    pg.plt("x_1^2", 3.7, 2.8, tosys=1, color="white", orient=1)
    pg.pltitle("pli, plfp, plt")


def palettes():
    names = ["earth", "gray", "yarg", "heat", "stern", "rainbow"]
    ramp = np.linspace(0.0, 1.0, 240)[None, :].repeat(8, axis=0)
    pg.fma()
    for k, name in enumerate(names):
        pg.plsys(1 + (k % 4))
        pg.palette(name)
        pg.pli(ramp, 0.0, 0.0, 1.0, 0.2)
        pg.pltitle(name)
        if k % 4 == 3 or k == len(names) - 1:
            pg.fma()


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default="out")
    args = p.parse_args(argv)
    if parallel.me == 0:
        os.makedirs(args.out, exist_ok=True)
    pg.window(0, style="2x2")
    pg.hcp_file(os.path.join(args.out, "gallery00.cgm"))
    panels = (curves, mesh_and_contours, filled_and_vectors, cells_polygons_text)
    for k, draw in enumerate(panels):
        pg.plsys(k + 1)
        draw()
    pg.png(os.path.join(args.out, "gallery.png"))
    pg.pdf(os.path.join(args.out, "gallery.pdf"))
    pg.hcp()
    palettes()
    pg.hcp_finish()
    if parallel.me == 0:
        print("gallery: %s/gallery.png, gallery.pdf and gallery00.cgm" % args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
