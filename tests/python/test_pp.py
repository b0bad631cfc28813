"""Warp's pp* plots, collective: density against numpy.histogram2d of the
gathered particles, the scatter cap, selections against numpy, the view."""

import numpy
import pytest

import pargist as pg
from pargist import parallel

from conftest import gathered

root = parallel.me == 0
PP_CALLS = ["ppzx", "ppzy", "ppzr", "ppxy", "ppzxp", "ppzyp", "ppzvx", "ppzvy", "ppzvz", "ppxxp",
            "ppyyp", "ppxpyp", "ppxvx", "ppyvy", "ppvxvy", "ppvzvperp", "pprrp"]


class Beam:
    """A Warp-like species: accessors getz(), getx()... over this rank's arrays."""

    def __init__(self, rng, n):
        self.z = rng.normal(0, 1, n)
        self.x, self.y = rng.normal(0, 1e-3, n), rng.normal(0, 2e-3, n)
        self.vx, self.vy = rng.normal(0, 1e3, n), rng.normal(0, 1e3, n)
        self.vz = rng.normal(1e6, 1e4, n)

    def __getattr__(self, name):
        if name.startswith("get") and name[3:] in self.__dict__:
            return lambda: self.__dict__[name[3:]]
        raise AttributeError(name)


def drawn(kind):
    if not root:
        return []
    return [e for e in pg.current_frame().elements() if e["kind"] == kind]


@pytest.mark.parametrize("name", PP_CALLS)
def test_every_pp_call_draws(name, rng):
    beam = Beam(rng, 500)
    result = getattr(pg, name)(particles=beam, maxpoints=10000)
    assert result["drawn"] == "scatter"
    assert result["selected"] == 500 * parallel.npes
    assert result["points"] == 500 * parallel.npes
    if root:
        assert sum(e["x"].size for e in drawn("plg")) == 500 * parallel.npes


def test_ppzxy_and_ppgeneric(rng):
    beam = Beam(rng, 300)
    both = pg.ppzxy(particles=beam)
    assert both["zx"]["selected"] == both["zy"]["selected"] == 300 * parallel.npes
    r = pg.ppgeneric(beam.x, beam.z, color="blue", marker="\2", msize=2)
    assert r["points"] == 300 * parallel.npes


def test_density_cells_equal_numpy_histogram2d(rng):
    n = 20000 + 5000 * parallel.me
    z, x = rng.normal(size=n), rng.normal(size=n)
    result = pg.ppzx(z=z, x=x, cellarray=1, nx=40, ny=30, lcolorbar=0)
    gz, gx = gathered(z), gathered(x)
    assert result["drawn"] == "cellarray"
    if root:
        xmin, xmax, ymin, ymax = result["view"]
        assert (xmin, xmax) == (gz.min(), gz.max()) and (ymin, ymax) == (gx.min(), gx.max())
        ref = numpy.histogram2d(gz, gx, bins=[40, 30], range=[[xmin, xmax], [ymin, ymax]])[0]
        cells = drawn("pli")[0]
        assert (cells["nx"], cells["ny"]) == (40, 30)
        grid = cells["z"].reshape(30, 40).T  # Gist's cells: x fastest, row 0 at ymin
        numpy.testing.assert_array_equal(grid, ref)
        assert cells["box"] == (xmin, ymin, xmax, ymax)


def test_fixed_limits_are_the_deposition_view(rng):
    z, x = rng.normal(size=10000), rng.normal(size=10000)
    pg.limits(-1, 1, -0.5, 0.5)     # as a zoom in the live window would leave them
    result = pg.ppzx(z=z, x=x, color="density", maxpoints=10, nx=16, ny=8)
    gz, gx = gathered(z), gathered(x)
    assert result["view"] == (-1, 1, -0.5, 0.5)
    if root:
        inside = (gz >= -1) & (gz <= 1) & (gx >= -0.5) & (gx <= 0.5)
        assert result["selected"] == int(inside.sum())
        ref = numpy.histogram2d(gz[inside], gx[inside], bins=[16, 8], range=[[-1, 1], [-0.5, 0.5]])[0]
        numpy.testing.assert_array_equal(drawn("pli")[0]["z"].reshape(8, 16).T, ref)
    pg.limits()
    via_pplimits = pg.ppzx(z=z, x=x, pplimits=(0, 2, 0, 1), lframe=1, cellarray=1, nx=4, ny=4)
    assert via_pplimits["view"] == (0, 2, 0, 1)


def test_scatter_cap_and_thinning(rng):
    n = 3000
    z, x = rng.normal(size=n), rng.normal(size=n)
    total = n * parallel.npes
    under = pg.ppzx(z=z, x=x, maxpoints=total)
    assert under["drawn"] == "scatter" and under["points"] == total
    over = pg.ppzx(z=z, x=x, maxpoints=total - 1)
    assert over["drawn"] == "cellarray" and over["points"] == 0
    assert over["bytes_to_root"] == 100 * 100 * 8
    thin = pg.ppzx(z=z, x=x, iw=-1000, maxpoints=total - 1)
    assert thin["drawn"] == "scatter" and thin["points"] == 1000
    assert thin["bytes_to_root"] == 1000 * 16
    capped = pg.ppzx(z=z, x=x, iw=-1000, maxpoints=500)
    assert capped["points"] == 500
    if root:
        pts = drawn("plg")[-1]
        assert pts["x"].size == 500
        gz = parallel.broadcast(None)
    else:
        parallel.broadcast(None)


def test_selection_keywords_against_numpy(rng):
    n = 4000
    beam = Beam(rng, n)
    ii = numpy.arange(0, n, 5)
    cases = [dict(zl=-0.5, zu=1.0), dict(xl=0.0), dict(yu=1e-3, yl=-1e-3), dict(ii=ii),
             dict(zl=0.0, ii=ii)]
    gz, gx, gy = gathered(beam.z), gathered(beam.x), gathered(beam.y)
    gidx = gathered(numpy.arange(n))
    for sel in cases:
        result = pg.ppxy(particles=beam, maxpoints=10 ** 6, **sel)
        if root:
            keep = numpy.ones(gz.size, bool)
            if "zl" in sel:
                keep &= gz > sel["zl"]
            if "zu" in sel:
                keep &= gz < sel["zu"]
            if "xl" in sel:
                keep &= gx > sel["xl"]
            if "yl" in sel:
                keep &= (gy > sel["yl"]) & (gy < sel["yu"])
            if "ii" in sel:
                keep &= numpy.isin(gidx, ii)
            assert result["selected"] == int(keep.sum()), sel
            pts = drawn("plg")[-1]
            numpy.testing.assert_array_equal(numpy.sort(pts["x"]), numpy.sort(gx[keep]))


def test_contours_weights_zz_uselog(rng):
    z, x = rng.normal(size=5000), rng.normal(size=5000)
    w = numpy.abs(rng.normal(size=5000))
    a = pg.ppzx(z=z, x=x, contours=5, nx=20, ny=20)
    assert a["drawn"] == "contours"
    b = pg.ppzx(z=z, x=x, contours=5, filled=1, weights=w)
    assert b["drawn"] == "filled-contours"
    c = pg.ppzx(z=z, x=x, zz=x * x, cellarray=1, nx=10, ny=10, cmin=0, cmax=4)
    assert (c["cmin"], c["cmax"]) == (0, 4)
    d = pg.ppzx(z=z, x=x, cellarray=1, uselog=1, particles=1)
    assert d["particles"]["drawn"] == "scatter"
    if root:
        assert len(drawn("plc")) == 1 and len(drawn("plf")) == 1


def test_zero_particles_on_some_ranks(rng):
    n = 0 if parallel.me % 2 == 0 else 100
    z, x = rng.normal(size=n), rng.normal(size=n)
    r = pg.ppzx(z=z, x=x)
    assert r["selected"] == 100 * (parallel.npes // 2)
    r = pg.ppzx(z=z, x=x, cellarray=1)
    assert r["drawn"] == "cellarray"


def test_local1_plots_only_rank0_particles(rng):
    z, x = rng.normal(size=200), rng.normal(size=200)
    r = pg.ppzx(z=z, x=x, local=1)
    if root:
        assert r["selected"] == 200
    else:
        assert r is None


def test_repr_png_of_a_result(rng):
    r = pg.ppzx(z=rng.normal(size=100), x=rng.normal(size=100))
    png = r._repr_png_()
    assert (png[:4] == b"\x89PNG") if root else png is None
