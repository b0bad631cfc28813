"""A Warp-style input script: the simulation registers its species and its
field once, then plots as a Warp script does, with no arrays in the calls.

    mpirun -n 4 build/bin/pargist-python samples/warp_style.py [--steps N] [--out DIR]

A beam of macro-particles drifts through a focusing channel; each rank holds
its own particles (the species object below has Warp's getter names,
getx(), getuz()..., as Warp's Species has) and its slab of a 3-D potential
phi decomposed along z. setup() opens the run's CGM family
(<out>/warpstyle.000.cgm, read by Yorick's `gist`), and every few steps the
script plots ppzx(), ppxxp(iw=0) and pcphizx(), one frame each, with the
run's legend at the bottom of every frame (fma()).
"""

import argparse
import os

import numpy

from pargist import *  # noqa: F401,F403 - Warp scripts import everything
from pargist import parallel


class Species:
    """This rank's particles, with Warp's getter names (gather=0: this rank's;
    Warp's default gather=1 gathers every rank's, as Warp does)."""

    def __init__(self, n, rng, mass=1.6726e-27):
        self.mass = mass
        self.xp = rng.normal(0.0, 1e-3, n)
        self.yp = rng.normal(0.0, 1e-3, n)
        self.zp = rng.uniform(0.0, 1.0, n)
        self.uxp = rng.normal(0.0, 2e3, n)
        self.uyp = rng.normal(0.0, 2e3, n)
        self.uzp = rng.normal(1e6, 1e3, n)

    def _get(self, a, gather):
        return parallel.gatherarray(a, bcast=1) if gather else a

    def getx(self, gather=1, **kw):
        return self._get(self.xp, gather)

    def gety(self, gather=1, **kw):
        return self._get(self.yp, gather)

    def getz(self, gather=1, **kw):
        return self._get(self.zp, gather)

    def getux(self, gather=1, **kw):
        return self._get(self.uxp, gather)

    def getuy(self, gather=1, **kw):
        return self._get(self.uyp, gather)

    def getuz(self, gather=1, **kw):
        return self._get(self.uzp, gather)

    def push(self, dt, k):
        """A drift and a linear focusing kick."""
        self.uxp -= k * self.xp * dt
        self.uyp -= k * self.yp * dt
        self.xp += self.uxp * dt
        self.yp += self.uyp * dt
        self.zp += self.uzp * dt


def potential_slab(nx, ny, nz, z0, z1, zshift):
    """phi of a round beam (Gaussian in r, modulated in z), on this rank's
    nodes z0..z1 of the global (nx+1, ny+1, nz+1) mesh."""
    x = numpy.linspace(-4e-3, 4e-3, nx + 1)
    y = numpy.linspace(-4e-3, 4e-3, ny + 1)
    z = numpy.linspace(0.0, 1.0, nz + 1)[z0:z1 + 1]
    X, Y, Z = numpy.meshgrid(x, y, z, indexing="ij")
    return numpy.exp(-(X ** 2 + Y ** 2) / 2e-6) * (1.0 + 0.3 * numpy.cos(2 * numpy.pi * (Z - zshift)))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=30)
    p.add_argument("--every", type=int, default=10, help="steps between plots")
    p.add_argument("--particles", type=int, default=200000, help="in total")
    p.add_argument("--out", default="out")
    args = p.parse_args()
    me, npes = parallel.me, parallel.npes
    if me == 0:
        os.makedirs(args.out, exist_ok=True)
    parallel.barrier()

    beam = Species(args.particles // npes, numpy.random.default_rng(me))
    register_species(beam)                                  # js = 0
    nx, ny, nz = 32, 32, 64
    bounds = numpy.linspace(0, nz, npes + 1).astype(int)
    z0, z1 = int(bounds[me]), int(bounds[me + 1])           # neighbours share a node
    grid = FieldGrid(nx, nz, ny=ny, xmmin=-4e-3, xmmax=4e-3, ymmin=-4e-3, ymmax=4e-3,
                     zmmin=0.0, zmmax=1.0, lower=(0, 0, z0))
    phi = potential_slab(nx, ny, nz, z0, z1, 0.0)
    register_field("phi", phi, grid)
    register_run(runid="warpstyle", runmaker="pargist sample", runtime="today",
                 pline2="beam in a focusing channel")

    setup(prefix=os.path.join(args.out, "warpstyle"), runcomments="a Warp-style input script")
    dt = 2e-9
    for step in range(1, args.steps + 1):
        beam.push(dt, 4e10)
        phi[...] = potential_slab(nx, ny, nz, z0, z1, step * 0.01)    # the registered block, in place
        register_run(it=step, zbeam=0.0, pline1=f"step {step}")
        if step % args.every == 0:
            ppzx()
            fma()
            ppxxp(iw=0)
            fma()
            pcphizx()
            fma()
    hcp_finish()
    if me == 0:
        print("warp_style: wrote", setup.pname)


if __name__ == "__main__":
    main()
