"""A small simulation registered the way a host code registers its own:
two species (arrays with Warp's getter names; the lost particles of species
0), the run's values (Warp's top), a decomposed mesh with phi, rho and E.
Each rank owns different particles (one rank none, at 2 and 4 ranks), and
a slab of the field along z. Shared by the Warp acceptance tests."""

import numpy

import pargist as pg
from pargist import parallel

from conftest import gathered

MASS = 9.109e-31
NX, NY, NZ = 8, 6, 10
MESH = dict(xmmin=-4e-3, xmmax=4e-3, ymmin=-6e-3, ymmax=6e-3, zmmin=0.0, zmmax=1.0)
ZWINDOWS = numpy.array([[-99.0, 0.0, 0.3], [99.0, 0.3, 0.6]])
ZBEAM = 0.1
COUNTS = (600, 0, 450, 300)


def species_arrays(rng, n, shift=0.0):
    x = rng.normal(0, 1e-3, n)
    a = dict(x=x, y=rng.normal(0, 2e-3, n), z=rng.uniform(0, 1, n) + shift,
             ux=rng.normal(0, 1e5, n) + 3e7 * x, uy=rng.normal(0, 1e5, n), uz=rng.normal(3e7, 3e5, n),
             w=rng.uniform(0.5, 1.5, n))
    for f in ("ex", "ey", "ez", "bx", "by", "bz"):
        a[f] = rng.normal(0, 1, n)
    return a


def register(rng):
    """Register everything on this rank; returns (species 0, species 1, lost) arrays."""
    pg.clear_sources()
    me = parallel.me
    n = COUNTS[me % 4] if parallel.npes > 1 else COUNTS[0]
    s0 = species_arrays(rng, n)
    s0["pid"] = (me * 100000 + numpy.arange(n, dtype=float))[:, None] * numpy.ones(2)
    s1 = species_arrays(rng, n // 3, shift=0.5)
    lost = species_arrays(rng, n // 5)
    pg.register_species(pg.ParticleArrays(mass=MASS, lost=pg.ParticleArrays(**lost), **s0))
    pg.register_species(mass=MASS, **s1)
    pg.register_run(runid="acceptance", zbeam=ZBEAM, zwindows=ZWINDOWS, npplot=(50, 20, 5), it=7,
                    xplmin=-3e-3, xplmax=3e-3, yplmin=-5e-3, yplmax=5e-3, zplmin=0.0, zplmax=1.0,
                    xpplmin=-0.01, xpplmax=0.01, ypplmin=-0.01, ypplmax=0.01, vbeam=3e7, ssnpid=1)
    bounds = numpy.linspace(0, NZ, parallel.npes + 1).astype(int)
    z0, z1 = int(bounds[me]), int(bounds[me + 1])
    X, Y, Z = numpy.meshgrid(*(numpy.arange(n + 1, dtype=float) for n in (NX, NY, NZ)), indexing="ij")
    phi = X * 100 + Y * 10 + Z
    grid = pg.FieldGrid(NX, NZ, ny=NY, lower=(0, 0, z0), **MESH)
    pg.register_field("phi", phi[:, :, z0:z1 + 1], grid)
    pg.register_field("rho", -phi[:, :, z0:z1 + 1], grid)
    pg.register_field("E", tuple(c[:, :, z0:z1 + 1] for c in (X, Y, Z)), grid)
    return s0, s1, lost


def global_phi():
    X, Y, Z = numpy.meshgrid(*(numpy.arange(n + 1, dtype=float) for n in (NX, NY, NZ)), indexing="ij")
    return X * 100 + Y * 10 + Z


def gather_species(a):
    """Every rank's arrays together on rank 0 (None elsewhere)."""
    out = {k: gathered(v) for k, v in a.items()}
    return out if parallel.me == 0 else None
