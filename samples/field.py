"""Heat diffusion on a 3-D grid split into boxes over the MPI ranks.

Every rank owns a slab of the global grid (a box of global indices lo..hi),
updates it with an explicit finite-difference step and swaps one layer of
ghost cells with its neighbours (mpi4py when it is there; the single-rank run
needs no exchange). Every few steps rank 0 shows slices of the global field
through pcslice, which gathers only the plane it draws (the ranks that do not
cross the plane send nothing), and a line-out along z through the centre.

    python3 samples/field.py
    mpirun -n 4 build/bin/pargist-python samples/field.py --out out
"""

import argparse
import os
import sys
import time

import numpy as np

import pargist as pg
from pargist import parallel, reduce


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=96, help="global grid cells per axis")
    p.add_argument("--steps", type=int, default=300)
    p.add_argument("--plot-every", type=int, default=50)
    p.add_argument("--out", default="out")
    p.add_argument("--short", action="store_true", help="a few steps, for the tests")
    args = p.parse_args(argv)
    if args.short:
        args.n, args.steps, args.plot_every = 32, 20, 10
    return args


def my_slab(n, me, npes):
    """Global index box [lo, hi] (inclusive) of this rank's slab along z."""
    base, extra = divmod(n, npes)
    z0 = me * base + min(me, extra)
    z1 = z0 + base + (1 if me < extra else 0) - 1
    return (0, 0, z0), (n - 1, n - 1, z1)


class Halo:
    """Ghost-layer exchange along z with the neighbouring slabs."""

    def __init__(self):
        self.comm = None
        if parallel.npes > 1:
            from mpi4py import MPI  # the neighbour exchange needs point-to-point
            self.comm = MPI.COMM_WORLD
            self.MPI = MPI

    def exchange(self, u):
        if self.comm is None:
            return
        me, npes = parallel.me, parallel.npes
        lower = me - 1 if me > 0 else self.MPI.PROC_NULL
        upper = me + 1 if me < npes - 1 else self.MPI.PROC_NULL
        # u[..., 0] and u[..., -1] are the ghosts; u[..., 1] and u[..., -2] the edges.
        recv = np.empty_like(u[:, :, 0])
        self.comm.Sendrecv(np.ascontiguousarray(u[:, :, -2]), dest=upper, recvbuf=recv, source=lower)
        if lower != self.MPI.PROC_NULL:
            u[:, :, 0] = recv
        self.comm.Sendrecv(np.ascontiguousarray(u[:, :, 1]), dest=lower, recvbuf=recv, source=upper)
        if upper != self.MPI.PROC_NULL:
            u[:, :, -1] = recv


def initial_field(n, lo, hi):
    """Three hot spots of different sizes in a cold box."""
    i = np.arange(n)[:, None, None]
    j = np.arange(n)[None, :, None]
    k = np.arange(lo[2], hi[2] + 1)[None, None, :]
    u = np.zeros((n, n, hi[2] - lo[2] + 3))
    for (ci, cj, ck, r, amp) in ((0.3, 0.4, 0.3, 0.08, 1.0), (0.7, 0.6, 0.5, 0.12, 0.7),
                                 (0.45, 0.3, 0.75, 0.05, 1.5)):
        d2 = ((i - ci * n) ** 2 + (j - cj * n) ** 2 + (k - ck * n) ** 2) / (r * n) ** 2
        u[:, :, 1:-1] += amp * np.exp(-d2)
    return u


def step(u, nu):
    """One explicit diffusion step on the interior (zero-flux walls)."""
    c = u[:, :, 1:-1]
    lap = -6.0 * c
    lap[1:] += c[:-1]; lap[0] += c[0]
    lap[:-1] += c[1:]; lap[-1] += c[-1]
    lap[:, 1:] += c[:, :-1]; lap[:, 0] += c[:, 0]
    lap[:, :-1] += c[:, 1:]; lap[:, -1] += c[:, -1]
    lap += u[:, :, :-2] + u[:, :, 2:]
    c += nu * lap


def evolve(u, halo, steps, plot_every):
    """Runs the diffusion: zero-flux outer walls (a ghost layer there copies
    the edge), ghosts exchanged, one step at a time; yields (step, this
    rank's interior block) every plot_every steps."""
    me, npes = parallel.me, parallel.npes
    for it in range(steps + 1):
        if me == 0:
            u[:, :, 0] = u[:, :, 1]
        if me == npes - 1:
            u[:, :, -1] = u[:, :, -2]
        halo.exchange(u)
        if it % plot_every == 0:
            yield it, u[:, :, 1:-1]
        if it < steps:
            step(u, 0.15)


def report(name, n, steps, t0, t_plot):
    """Rank 0 prints the run's size, wall time and the share spent plotting."""
    if parallel.me == 0:
        wall = time.perf_counter() - t0
        print("%s: %d^3 cells on %d ranks, %d steps in %.1f s, plotting %.1f%%"
              % (name, n, parallel.npes, steps, wall, 100.0 * t_plot / wall))


def main(argv):
    args = parse_args(argv)
    me, npes = parallel.me, parallel.npes
    n = args.n
    lo, hi = my_slab(n, me, npes)
    u = initial_field(n, lo, hi)
    halo = Halo()
    if me == 0:
        os.makedirs(args.out, exist_ok=True)
    pg.window(0, style="2x2")
    pg.hcp_file(os.path.join(args.out, "field00.cgm"))
    t0, t_plot = time.perf_counter(), 0.0
    for it, block in evolve(u, halo, args.steps, args.plot_every):
        tp = time.perf_counter()
        top = parallel.globalmax(block)   # one colour scale for every panel
        pg.fma()
        pg.plsys(1)
        pg.pcslice(block, lo, hi, normal="z", index=int(0.3 * n), cmin=0.0, cmax=top, lcolorbar=0)
        pg.pltitle("z = %d slice" % int(0.3 * n))
        pg.plsys(2)
        pg.pcslice(block, lo, hi, normal="x", index=int(0.45 * n), cmin=0.0, cmax=top, lcolorbar=0)
        pg.pltitle("x = %d slice" % int(0.45 * n))
        pg.plsys(3)
        pg.plslice1d(block, lo, hi, axis="z", index=(n // 2, int(0.3 * n)), titles=0)
        pg.pltitle("line-out along z")
        # The hottest cell along z: a projection reduced over the slabs.
        proj = reduce.project(block, lo, hi, axis="z", op="max")
        if me == 0:
            pg.plsys(4)
            pg.pli(proj[0], cmin=0.0, cmax=top)
            pg.pltitle("max along z, step %d" % it)
        pg.hcp()
        pg.png(os.path.join(args.out, "field%03d.png" % (it // args.plot_every)))
        t_plot += time.perf_counter() - tp
    pg.hcp_finish()
    report("field", n, args.steps, t0, t_plot)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
