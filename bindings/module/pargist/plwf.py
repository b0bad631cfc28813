"""pygist's plwf module: wire frames and shaded surfaces z(x, y) drawn with
the painter's algorithm (plwf), their brightness (lightwf) and the scaling
of their relief (xyz_wf).

plwf(z, y, x, lo=, hi=) takes each rank's block of a decomposed 2-D field
(Warp's inclusive global node box lo..hi): collective, rank 0 receives the
mesh's nodes (every s-th one past maxpolys= zones) and draws it.
"""

import numpy

from . import _core, parallel
from . import reduce as _reduce
from ._collective import agreement
from ._state import is_root
from ._style import parse_color
from .pl3d import _Draw, _extent, _light, _mesh_points, _view, call_idler, clear3, get_draw3_, get_draw3_list_
from .pl3d import get_draw3_n_, set3_object, undo3_set_

__all__ = ["plwf", "lightwf", "xyz_wf"]

_DEFAULT_MAXPOLYS = 200000


def plwf(z, y=None, x=None, fill=None, shade=0, edges=1, ecolor=None, ewidth=None, cull=None, scale=None,
         cmax=None, clear=1, lo=None, hi=None, comm=None, maxpolys=None):
    """plwf(z) or plwf(z, y, x): the surface z over the mesh (x, y) (default:
    the indices of z), as a wire frame of opaque zones painted back to front.
    fill= colours the zones (values as plf's z), shade=1 lights them with
    light3 (from 0 up to cmax=, so light3's ambient= sets the darkest);
    edges=0 leaves the edges out, ecolor= and ewidth= style them; cull=0
    draws the mesh lines only, seen through; scale= multiplies the relief
    (z is scaled to half the mesh's width); clear=0 keeps the 3-D display
    list (plwf normally starts a new one)."""
    if isinstance(z, _Draw):
        xyz, fill, shade, edges, ecolor, ewidth, cull, cmax = z.args
        pts, ni, nj = _mesh_points(xyz)
        zones = None if fill is None else _zone_values(numpy.asarray(fill, dtype=float), ni, nj)
        color = None if ecolor is None else parse_color(ecolor, "ecolor")
        bounds = _core.pl3_add_wire(_view(), _light(), ni, nj, pts, zones, bool(shade), bool(edges), color,
                                    None if ewidth is None else float(ewidth), cull is None or bool(cull),
                                    None if cmax is None else float(cmax))
        return _extent(bounds)
    if lo is not None or hi is not None:
        got = _gather_surface(z, y, x, lo, hi, comm, maxpolys, fill)
        if got is None:
            return None
        z, y, x, fill = got
    xyz = xyz_wf(z, y, x, scale=scale)
    if fill is not None:
        f = numpy.asarray(fill)
        if f.shape not in (xyz.shape[1:], (xyz.shape[1] - 1, xyz.shape[2] - 1)):
            raise ValueError(f"plwf: fill has shape {f.shape}; the mesh {xyz.shape[1:]} needs that or one less")
    if clear:
        clear3()
    set3_object(plwf, _Draw([xyz, fill, shade, edges, ecolor, ewidth, cull, cmax]))
    if get_draw3_():
        call_idler()
    return None


def _zone_values(fill, ni, nj):
    """Zone values as pl3_add_wire takes them: (ni-1)*(nj-1), first index
    fastest; a fill the shape of the mesh uses each zone's upper corner."""
    if fill.shape == (ni, nj):
        fill = fill[1:, 1:]
    return numpy.ascontiguousarray(fill.T).ravel()


def _agreed_layout(lo, hi, cap, has_yx, has_fill, comm):
    """The global node shape of a decomposed surface, from every rank's box
    (one allgather). Every rank raises the same ValueError when the ranks
    disagree on maxpolys= or on giving y, x and fill (they would make
    different collective calls), or when their boxes leave a node of the
    grid uncovered."""
    rows = parallel.gatherall((list(lo), list(hi), cap, has_yx, has_fill), comm=comm)
    for k, what in ((2, "maxpolys="), (3, "whether y and x are given"), (4, "whether fill= is given")):
        if len({row[k] for row in rows}) > 1:
            raise ValueError(f"plwf: ranks disagree on {what}")
    shape = [max(row[1][a] for row in rows) + 1 for a in range(2)]
    boxes = numpy.array([row[0] + row[1] for row in rows if row[0][0] <= row[1][0] and row[0][1] <= row[1][1]],
                        dtype=numpy.int64).reshape(-1, 4)
    hole = _uncovered_node(boxes, shape)
    if hole is not None:
        raise ValueError(f"plwf: no rank's box holds node {hole} of the global grid: "
                         "the ranks' lo..hi boxes must cover it")
    return shape


def _uncovered_node(boxes, shape):
    """The first node (i, j) of the grid that no box (lo0, lo1, hi0, hi1,
    inclusive) holds, or None. The box edges cut the grid into blocks each
    wholly inside or outside every box: one corner per block is enough."""
    inside = []   # per axis: box b holds the cut c
    cuts = []
    for a in range(2):
        cut = numpy.unique(numpy.clip(numpy.concatenate(([0], boxes[:, a], boxes[:, a + 2] + 1)), 0, shape[a]))
        cut = cut[cut < shape[a]]
        cuts.append(cut)
        inside.append(((boxes[:, a, None] <= cut) & (cut <= boxes[:, a + 2, None])).astype(numpy.int64))
    covered = inside[0].T @ inside[1] > 0   # block (i, j): some box holds both cuts
    missing = numpy.argwhere(~covered)
    return None if missing.size == 0 else (int(cuts[0][missing[0][0]]), int(cuts[1][missing[0][1]]))


def _gather_surface(z, y, x, lo, hi, comm, maxpolys, fill):
    """Rank 0: the whole (z, y, x, fill) of a decomposed surface, every s-th
    node along each axis (the last kept) when there would be more than
    maxpolys zones; None elsewhere."""
    c = parallel.get_comm(comm)
    with agreement(c):
        if lo is None or hi is None:
            raise TypeError("plwf: a decomposed surface needs both lo= and hi=")
        z = numpy.asarray(z, dtype=float)
        lo, hi = [int(v) for v in lo], [int(v) for v in hi]
        if z.ndim != 2 or len(lo) != 2 or len(hi) != 2:
            raise ValueError("plwf: a decomposed z is a 2-D block with 2-entry lo and hi")
        if z.shape != (hi[0] - lo[0] + 1, hi[1] - lo[1] + 1):
            raise ValueError(f"plwf: z has shape {z.shape} but lo..hi spans {(hi[0] - lo[0] + 1, hi[1] - lo[1] + 1)}")
        if (y is None) != (x is None):
            raise ValueError("plwf: either give y, x both or neither")
        blocks = [z] + ([numpy.asarray(y, dtype=float), numpy.asarray(x, dtype=float)] if y is not None else [])
        if fill is not None:
            fill = numpy.asarray(fill, dtype=float)
            if fill.shape != z.shape:
                raise ValueError("plwf: a decomposed fill must have z's shape (node values)")
            blocks.append(fill)
        for b in blocks[1:]:
            if b.shape != z.shape:
                raise ValueError("plwf: x, y, and z must all have same dimensions")
        cap = _DEFAULT_MAXPOLYS if maxpolys is None else int(maxpolys)
    shape = _agreed_layout(lo, hi, cap, y is not None, fill is not None, comm)
    stride = 1
    while cap and ((shape[0] - 2) // stride + 1) * ((shape[1] - 2) // stride + 1) > cap \
            and stride < max(shape) - 1:
        stride += 1
    picks = []   # per axis: the lattice nodes in this block, their positions
    coarse_lo, coarse_hi, coarse_shape = [], [], []
    for a in range(2):
        count = (shape[a] - 2 + stride) // stride + 1
        fine = numpy.minimum(numpy.arange(count) * stride, shape[a] - 1)
        inside = numpy.nonzero((fine >= lo[a]) & (fine <= hi[a]))[0]
        picks.append(fine[inside] - lo[a])
        coarse_lo.append(int(inside[0]) if inside.size else 0)
        coarse_hi.append(int(inside[-1]) if inside.size else -1)
        coarse_shape.append(count)
    gathered = []
    for b in blocks:
        sub = numpy.ascontiguousarray(b[numpy.ix_(picks[0], picks[1])])[:, :, None]
        got = _reduce.slice(sub, coarse_lo + [0], coarse_hi + [0], normal="z", index=0,
                            shape=coarse_shape + [1], comm=comm)
        gathered.append(None if got is None else got[0])
    if not is_root():
        return None
    zg = gathered[0]
    yg, xg = (gathered[1], gathered[2]) if y is not None else (None, None)
    if y is None and stride > 1:   # keep the fine indices as coordinates
        fx = numpy.minimum(numpy.arange(coarse_shape[0]) * stride, shape[0] - 1).astype(float)
        fy = numpy.minimum(numpy.arange(coarse_shape[1]) * stride, shape[1] - 1).astype(float)
        xg, yg = numpy.meshgrid(fx, fy, indexing="ij")
    fg = gathered[-1] if fill is not None else None
    return zg, yg, xg, fg


def lightwf(cmax):
    """lightwf(cmax): the brightest colour of the current plwf at light cmax
    (light3's ambient= sets the darkest)."""
    items = get_draw3_list_()[get_draw3_n_():]
    if not items or items[0] is not plwf:
        raise ValueError("lightwf: current 3D display list is not a plwf")
    args = items[1].args
    old = args[7]
    args[7] = cmax
    undo3_set_(lightwf, old)


def xyz_wf(z, y=None, x=None, scale=1.0):
    """xyz_wf(z, y, x, scale=1.0): the 3-by-ni-by-nj array [x, y, z] plwf
    draws: centred on the mean point, z scaled so that its range is half
    the larger of the x and y ranges (times scale). x and y default to the
    indices of z."""
    z = numpy.asarray(z, dtype=float)
    if z.ndim < 2 or min(z.shape) < 2:
        raise ValueError("xyz_wf: impossible dimensions for z array")
    nx, ny = z.shape
    if y is None or x is None:
        if x is not None or y is not None:
            raise ValueError("xyz_wf: either give y, x both or neither")
        x, y = numpy.meshgrid(numpy.arange(nx, dtype=float), numpy.arange(ny, dtype=float), indexing="ij")
    else:
        x, y = numpy.asarray(x, dtype=float), numpy.asarray(y, dtype=float)
        if x.shape != z.shape or y.shape != z.shape:
            raise ValueError("xyz_wf: x, y, and z must all have same dimensions")
    xyscl = max(float(numpy.ptp(x)), float(numpy.ptp(y)))
    if scale is not None:
        xyscl *= float(scale)
    dz = float(numpy.ptp(z))
    zscl = dz + (dz == 0.0)
    z = z * 0.5 * xyscl / zscl
    return numpy.array([x - x.mean(), y - y.mean(), z - z.mean()])
