"""pygist's computations on meshes and values (no drawing): bytscl,
contour, mesh_loc, mfit. They run on every rank (they draw nothing)."""

import numpy

from . import _core
from ._keywords import check_keywords
from ._state import is_root


def _default_mesh():
    from .gist import _default_mesh as mesh  # plmesh's mesh, set in gist
    return mesh


def bytscl(z, top=None, cmin=None, cmax=None):
    """bytscl(z, top=, cmin=, cmax=): z scaled linearly onto 0..top (default
    the current palette's last index) as uint8, the way Gist colours plf,
    pli and plfp: cmin -> 0 and cmax -> top, rounded to the nearest, values
    outside cut off; cmin and cmax default to z's extremes."""
    z = numpy.asarray(z, dtype=float)
    if top is None:
        top = (int(_core.palette_size()) - 1) if is_root() else 199
    top = int(top)
    if not 0 <= top <= 255:
        top = 255
    finite = z[numpy.isfinite(z)]
    zmin = float(cmin) if cmin is not None else (float(finite.min()) if finite.size else 0.0)
    zmax = float(cmax) if cmax is not None else (float(finite.max()) if finite.size else 0.0)
    if zmin > zmax:
        zmin, zmax = zmax, zmin
    elif zmin == zmax:
        # Gist's guard, as it runs: a constant >= 0 becomes [-0.0001, 0.0001].
        if zmin < 0:
            zmin, zmax = 1.0001 * zmin, 0.9999 * zmax
        else:
            zmin, zmax = -0.0001, 0.0001
    scale = top / (zmax - zmin)
    offset = zmin - 0.4999 / scale
    out = ((numpy.clip(z, zmin, zmax) - offset) * scale).astype(numpy.int64)
    return numpy.clip(out, 0, top).astype(numpy.uint8)


def _mesh(func, args):
    """(y, x, ireg) from the arguments after the first ones, or the default mesh."""
    mesh = _default_mesh()
    if len(args) == 0:
        if not mesh:
            raise TypeError(f"{func}: no mesh given and no default mesh (plmesh)")
        return mesh["y"], mesh["x"], mesh["ireg"]
    if len(args) not in (2, 3):
        raise TypeError(f"{func}: give the mesh as y, x [, ireg]")
    y, x = numpy.asarray(args[0], dtype=float), numpy.asarray(args[1], dtype=float)
    ireg = numpy.asarray(args[2]) if len(args) == 3 and args[2] is not None else None
    if y.ndim != 2 or y.shape != x.shape or (ireg is not None and ireg.shape != x.shape):
        raise ValueError(f"{func}: y, x (and ireg) must be 2-D arrays of one shape")
    return y, x, ireg


def contour(level, z, *mesh, **kw):
    """[nc, yc, xc] = contour(level, z, y, x, ireg, triangle=, region=): the
    points plc would draw at one level (closed curves repeat their first
    point), or with level = [z0, z1] the polygons between two levels, ready
    for plfp; (None, None, None) when there are none. The mesh defaults to
    plmesh's."""
    check_keywords("contour", kw, {"triangle", "region"})
    if kw.get("triangle") is not None:
        _core.check_triangle(kw["triangle"], "contour")
    region = int(kw.get("region") or 0)
    y, x, ireg = _mesh("contour", mesh)
    z = numpy.ascontiguousarray(z, dtype=float)
    levels = [float(v) for v in numpy.atleast_1d(level)]
    nc, yc, xc = _core.contour(levels, z, numpy.ascontiguousarray(y), numpy.ascontiguousarray(x),
                               None if ireg is None else numpy.asarray(ireg).ravel(), region)
    return [nc, yc, xc]


def mesh_loc(y0, x0, *mesh):
    """mesh_loc(y0, x0[, y, x[, ireg]]): the 1-based index i + imax*j (Gist's
    zone numbering: the zone's upper corner) of the zone of the mesh (the
    default one if not given) containing each point (x0, y0), 0 outside.
    Zones of region 0 do not count. A scalar point gives a scalar."""
    y, x, ireg = _mesh("mesh_loc", mesh)
    scalar = numpy.ndim(y0) == 0 and numpy.ndim(x0) == 0
    py, px = numpy.atleast_1d(numpy.asarray(y0, dtype=float)), numpy.atleast_1d(numpy.asarray(x0, dtype=float))
    if py.shape != px.shape:
        raise ValueError("mesh_loc: y0 and x0 must have the same shape")
    nj, ni = x.shape
    # Zones in Gist's scan order (j, then i), corners counter-clockwise.
    corners = [(slice(0, -1), slice(0, -1)), (slice(0, -1), slice(1, None)),
               (slice(1, None), slice(1, None)), (slice(1, None), slice(0, -1))]
    cx = numpy.stack([x[c].ravel() for c in corners])
    cy = numpy.stack([y[c].ravel() for c in corners])
    exists = numpy.ones(cx.shape[1], bool) if ireg is None else (numpy.asarray(ireg)[1:, 1:].ravel() != 0)
    index = (numpy.arange(1, nj)[:, None] * ni + numpy.arange(1, ni)[None, :]).ravel()
    out = numpy.zeros(py.shape, dtype=numpy.int64)
    for k, (xx, yy) in enumerate(zip(px.ravel(), py.ravel())):
        inside = numpy.zeros(cx.shape[1], bool)
        for e in range(4):  # crossings of a ray to +x, even-odd
            xa, ya, xb, yb = cx[e], cy[e], cx[(e + 1) % 4], cy[(e + 1) % 4]
            straddle = (ya > yy) != (yb > yy)
            with numpy.errstate(divide="ignore", invalid="ignore"):
                xcross = xa + (yy - ya) * (xb - xa) / (yb - ya)
            inside ^= straddle & (xcross > xx)
        found = numpy.flatnonzero(inside & exists)
        out.ravel()[k] = index[found[0]] + 1 if found.size else 0
    return int(out.ravel()[0]) if scalar else out


def mfit(alpha, x, xcplot, y, ycplot, rsqmqd):
    """zcplot = mfit(alpha, x, xcplot, y, ycplot, rsqmqd): pygist's
    multiquadric fit of scattered data on the rectangular mesh xcplot x
    ycplot: zcplot[i, j] = sum_k alpha[k] * sqrt((x[k] - xcplot[i])**2 +
    (y[k] - ycplot[j])**2 + rsqmqd)."""
    alpha, x, y = (numpy.asarray(a, dtype=float).ravel() for a in (alpha, x, y))
    xc, yc = numpy.asarray(xcplot, dtype=float).ravel(), numpy.asarray(ycplot, dtype=float).ravel()
    if not (alpha.size == x.size == y.size):
        raise ValueError("mfit: alpha, x and y must have the same length")
    out = numpy.empty((xc.size, yc.size))
    for i, xi in enumerate(xc):  # one row at a time: memory len(yc) * len(x)
        d2 = (x[None, :] - xi) ** 2 + (y[None, :] - yc[:, None]) ** 2 + float(rsqmqd)
        out[i] = numpy.sqrt(d2) @ alpha
    return out
