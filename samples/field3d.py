"""The heat-diffusion run of field.py seen in 3-D while it runs: an
isosurface of the temperature and three plane slices coloured by it.

Every rank owns a slab of the grid (field.py's decomposition, ghost layers
exchanged with mpi4py). Every few steps each rank cuts its own slab:
slice3 on the decomposed mesh is collective and only the polygons reach
rank 0 (ranks the isosurface or a plane misses send nothing), where
pl3tree orders the three planes and the surface for the view and draws
them: into the live window (turn it with ctrl + middle drag, or
ctrl + shift + left; 'u' turns it back), a CGM family and PNGs.

    python3 samples/field3d.py
    mpirun -n 4 build/bin/pargist-python samples/field3d.py --out out
"""

import argparse
import os
import sys
import time

import numpy as np

import pargist as pg
from pargist import parallel

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from field import Halo, evolve, initial_field, my_slab, report  # noqa: E402 - the same run as field.py


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=64, help="global grid nodes per axis")
    p.add_argument("--steps", type=int, default=300)
    p.add_argument("--plot-every", type=int, default=25)
    p.add_argument("--level", type=float, default=0.3, help="isosurface, as a fraction of the hottest value")
    p.add_argument("--out", default="out")
    p.add_argument("--short", action="store_true", help="a few steps, for the tests")
    args = p.parse_args(argv)
    if args.short:
        args.n, args.steps, args.plot_every = 24, 20, 10
    return args


def draw(m3, top, value, it):
    """One frame: three slices near the back walls (x, y, z) coloured by the
    temperature (0 to top), and the isosurface T = value, ordered by pl3tree."""
    planes = [pg.plane3(normal, point) for normal, point in (
        ([1, 0, 0], [0.2, 0, 0]), ([0, 1, 0], [0, 0.8, 0]), ([0, 0, 1], [0, 0, 0.2]))]
    # Collective on every rank; only rank 0 gets the polygons.
    cuts = [pg.slice3(m3, plane, None, None, 1) for plane in planes]
    surface = pg.slice3(m3, 1, None, None, value=value)
    pg.clear3()
    for (nv, xyz, values), plane in zip(cuts, planes):
        pg.pl3tree(nv, xyz, values, plane, cmin=0.0, cmax=top)
    pg.pl3tree(*surface[:2])
    lims = pg.draw3(1)
    if lims is not None:
        pg.limits(*lims)
    pg.plt("heat diffusion, step %d: T = %.3f isosurface" % (it, value), 0.14, 0.885, height=11, opaque=1)


def main(argv):
    args = parse_args(argv)
    me, npes, n = parallel.me, parallel.npes, args.n
    lo, hi = my_slab(n, me, npes)
    u = initial_field(n, lo, hi)
    halo = Halo()
    if me == 0:
        os.makedirs(args.out, exist_ok=True)
    pg.window3(hcp=os.path.join(args.out, "field3d00.cgm"))
    pg.split_palette("stern.gp")
    pg.gnomon(1)
    pg.orient3()
    pg.light3(diffuse=0.4, specular=0.6)
    # The whole grid is the unit cube; each rank's block is its slab's interior.
    cells = np.array([n - 1, n - 1, n - 1])
    t0, t_plot = time.perf_counter(), 0.0
    for it, block in evolve(u, halo, args.steps, args.plot_every):
        tp = time.perf_counter()
        m3 = pg.mesh3(cells, np.ones(3), np.zeros(3), funcs=[block], lo=lo, hi=hi)
        # Colours and surface follow the cooling: today's hottest value.
        now = parallel.globalmax(block)
        draw(m3, now, args.level * now, it)
        pg.png(os.path.join(args.out, "field3d%03d.png" % (it // args.plot_every)))
        t_plot += time.perf_counter() - tp
    pg.fma()
    pg.hcp_finish()
    report("field3d", n, args.steps, t0, t_plot)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
