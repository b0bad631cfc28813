"""Warp's plot computations in plain numpy, serially, on the gathered
particles: the references pargist's collective plots are checked against
(written from Warp's definitions: setgrid2d's node grid with linear
weights, ppgeneric's extremes widened by a cell, the getters' formulas)."""

import numpy

CLIGHT = 2.99792458e8
ECHARGE = 1.602176634e-19


def extent(lo, hi, n):
    """ppgeneric's automatic grid extent along one axis."""
    lo2 = lo - (hi - lo) / (n - 2)
    hi2 = hi + (hi - lo2) / (n - 2)
    if lo2 == hi2:
        lo2, hi2 = lo2 - 1.0, hi2 + 1.0
    return lo2, hi2


def node_grid(x, y, nx, ny, ext, w=None, z=None):
    """setgrid2d (w: setgrid2dw): linear weights on the (nx+1) x (ny+1) nodes
    over ext; with z, deposgrid2d's node mean of z (0 where no particle)."""
    xmin, xmax, ymin, ymax = ext
    gx = (x - xmin) * (nx / (xmax - xmin))
    gy = (y - ymin) * (ny / (ymax - ymin))
    inside = (gx >= 0) & (gx < nx) & (gy >= 0) & (gy < ny)
    gx, gy = gx[inside], gy[inside]
    w = numpy.ones(gx.size) if w is None else numpy.asarray(w, float)[inside]
    ix, iy = numpy.floor(gx).astype(int), numpy.floor(gy).astype(int)
    wx, wy = gx - ix, gy - iy

    def deposit(values):
        g = numpy.zeros((nx + 1, ny + 1))
        for dx, dy, share in ((0, 0, (1 - wx) * (1 - wy)), (1, 0, wx * (1 - wy)),
                              (0, 1, (1 - wx) * wy), (1, 1, wx * wy)):
            numpy.add.at(g, (ix + dx, iy + dy), values * share)
        return g
    count = deposit(w)
    if z is None:
        return count
    total = deposit(w * numpy.asarray(z, float)[inside])
    return numpy.where(count > 0, total / numpy.where(count > 0, count, 1.0), 0.0)


def close(a, b, scale=None):
    """Grids equal to the deposition's fixed-point precision (1/4096 of a
    particle per axis)."""
    a, b = numpy.asarray(a, float), numpy.asarray(b, float)
    tol = 2e-3 * max(1.0, numpy.abs(b).max() if scale is None else scale)
    numpy.testing.assert_allclose(a, b, atol=tol, rtol=1e-6)


def same_points(got_x, got_y, x, y, rtol=1e-12):
    """The drawn markers are exactly the particles (any order)."""
    got = numpy.lexsort((got_y, got_x))
    ref = numpy.lexsort((y, x))
    assert got_x.size == x.size, (got_x.size, x.size)
    numpy.testing.assert_allclose(got_x[got], x[ref], rtol=rtol, atol=0)
    numpy.testing.assert_allclose(got_y[got], y[ref], rtol=rtol, atol=0)


def quantities(a, mass=None):
    """Warp's getters from gathered arrays x, y, z, ux, uy, uz (and fields)."""
    q = dict(a)
    gi = 1.0 / numpy.sqrt(1.0 + (a["ux"] ** 2 + a["uy"] ** 2 + a["uz"] ** 2) / CLIGHT ** 2)
    q["gaminv"] = gi
    q["vx"], q["vy"], q["vz"] = a["ux"] * gi, a["uy"] * gi, a["uz"] * gi
    q["xp"], q["yp"] = a["ux"] / a["uz"], a["uy"] / a["uz"]
    q["r"] = numpy.sqrt(a["x"] ** 2 + a["y"] ** 2)
    t = numpy.arctan2(a["y"], a["x"])
    q["theta"] = t
    q["vr"] = (a["ux"] * numpy.cos(t) + a["uy"] * numpy.sin(t)) * gi
    q["vtheta"] = (-a["ux"] * numpy.sin(t) + a["uy"] * numpy.cos(t)) * gi
    q["rp"] = (a["ux"] * numpy.cos(t) + a["uy"] * numpy.sin(t)) / a["uz"]
    q["tp"] = (-a["ux"] * numpy.sin(t) + a["uy"] * numpy.cos(t)) / a["uz"]
    q["vperp"] = numpy.sqrt(q["vx"] ** 2 + q["vy"] ** 2)
    if mass is not None:
        gamma = 1.0 / gi
        q["ke"] = (gamma - 1.0) * mass * CLIGHT ** 2 / ECHARGE
    return q
