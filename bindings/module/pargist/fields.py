"""Slices of a domain-decomposed field, drawn on rank 0 (collective).

Each rank passes its block of the global 2-D/3-D array and its global index
box ``lo..hi`` (inclusive, Warp's convention; the block's shape is
hi - lo + 1). Only the plane (or line) drawn reaches rank 0, and it is drawn
whole, with one colour scale (cmin/cmax: given, or the plane's extremes).

Axes are x, y, z = 0, 1, 2 of the array. Plot coordinates are the global
cell indices, or physical ones with origin= and spacing= (per axis).
"""

import numpy

from . import _core, gist, parallel
from . import reduce as _reduce
from ._collective import agreement
from ._keywords import check_keywords
from ._state import is_root

__all__ = ["pcslice", "pcxy", "pczx", "pczy", "plslice1d"]

_NAMES = "xyz"
_SLICE_KEYWORDS = {"normal", "index", "cmin", "cmax", "contours", "filled", "cellarray", "lcolorbar",
                   "titles", "titlet", "titleb", "titlel", "origin", "spacing", "view", "transpose",
                   "shape", "comm", "uselog", "color"}


def _geometry(ndim, origin, spacing):
    origin = [0.0] * ndim if origin is None else [float(v) for v in origin]
    spacing = [1.0] * ndim if spacing is None else [float(v) for v in spacing]
    if len(origin) != ndim or len(spacing) != ndim:
        raise ValueError(f"origin and spacing need {ndim} entries")
    return origin, spacing


def pcslice(field, lo, hi, **kw):
    """pcslice(field, lo, hi, normal='z', index=None, ...): the plane normal to
    ``normal`` at global ``index`` (default: the middle), as a cell array
    (default) or contours=n levels (filled=1 for filled bands), with
    cmin=, cmax=, uselog=, lcolorbar=, titles, origin=, spacing=, view=,
    transpose=1 (swap the plot axes). Returns (plane, (cmin, cmax)) on rank 0,
    None elsewhere."""
    comm = parallel.get_comm(kw.get("comm"))
    with agreement(comm):
        check_keywords("pcslice", kw, _SLICE_KEYWORDS)
        field_arr = numpy.asarray(field)
        normal = _reduce._axis(kw.get("normal", "z"), "normal")
        if field_arr.ndim == 3 and normal > 2 or field_arr.ndim == 2 and normal > 1:
            raise ValueError(f"pcslice: normal {kw.get('normal')!r} does not exist in a {field_arr.ndim}-D field")
        origin, spacing = _geometry(field_arr.ndim, kw.get("origin"), kw.get("spacing"))
        contours = int(kw.get("contours") or 0)
    got = _reduce.slice(field, lo, hi, normal=normal, index=kw.get("index"), shape=kw.get("shape"),
                        comm=kw.get("comm"))
    drawn = None
    with agreement(comm):
        if got is not None:
            plane, axes = got
            if field_arr.ndim == 2:
                plane = plane.reshape(-1, 1)
                axes = (axes[0], None)
            drawn = _draw_plane(plane, axes, origin, spacing, contours, kw)
    return drawn


def _draw_plane(plane, axes, origin, spacing, contours, kw):
    """Draw plane[u, v] on rank 0; u horizontal unless transpose=1."""
    u_axis, v_axis = axes
    if kw.get("transpose"):
        plane = plane.T
        u_axis, v_axis = v_axis, u_axis
    values = numpy.array(plane, dtype=numpy.float64)
    if kw.get("uselog"):
        with numpy.errstate(divide="ignore", invalid="ignore"):
            values = numpy.log10(values)
        values[~numpy.isfinite(values)] = numpy.nan

    def extent(axis, n):
        if axis is None:
            return 0.0, 1.0
        return origin[axis], origin[axis] + spacing[axis] * n

    nu, nv = values.shape
    u0, u1 = extent(u_axis, nu)
    v0, v1 = extent(v_axis, nv)
    previous = None
    if kw.get("view") is not None:
        previous = _core.plsys(int(kw["view"]))
    try:
        # Gist's layout: (nv, nu), u fastest. Cells no rank owns are NaN.
        cmin, cmax = _core.draw_grid(
            values.T, (u0, u1, v0, v1), contours=contours, filled=bool(kw.get("filled")),
            cellarray=bool(kw.get("cellarray")),
            cmin=None if kw.get("cmin") is None else float(kw["cmin"]),
            cmax=None if kw.get("cmax") is None else float(kw["cmax"]),
            colorbar=bool(kw.get("lcolorbar", 1)))
        if kw.get("titles", 1):
            names = [_NAMES[a] if a is not None else "" for a in (u_axis, v_axis)]
            title = kw.get("titlet")
            if title:
                _core.pltitle(str(title))
            _core.xytitles(str(kw.get("titleb", names[0])), str(kw.get("titlel", names[1])), 0.0, 0.0)
    finally:
        if previous is not None:
            _core.plsys(previous)
    return plane, (cmin, cmax)


def _short(name, normal, transpose, index_name, doc):
    def plot(field, lo, hi, **kw):
        if index_name in kw:
            kw["index"] = kw.pop(index_name)
        kw.setdefault("transpose", transpose)
        return pcslice(field, lo, hi, normal=normal, **kw)
    plot.__name__ = plot.__qualname__ = name
    plot.__doc__ = f"{name}(field, lo, hi, {index_name}=None, ...): {doc} (see pcslice)."
    return plot


pcxy = _short("pcxy", "z", 0, "iz", "the x-y plane at global z index iz (x horizontal)")
pczx = _short("pczx", "y", 1, "iy", "the z-x plane at global y index iy (z horizontal)")
pczy = _short("pczy", "x", 1, "ix", "the z-y plane at global x index ix (z horizontal)")
# Warp's pcphixy, pcphizx, pcphizy (pargist.pcplots) take these array forms too.


def plslice1d(field, lo, hi, axis="z", index=None, shape=None, origin=None, spacing=None, comm=None, **kw):
    """A line-out: the field along ``axis`` through global indices ``index``
    of the other axes, drawn with plg on rank 0 (plg's keywords apply).
    Returns the line on rank 0, None elsewhere."""
    c = parallel.get_comm(comm)
    with agreement(c):
        allowed = set(_core.options_keywords("plg")) | {"titles"}
        check_keywords("plslice1d", kw, allowed)
        titles = kw.pop("titles", 1)
        opts = gist._options("plg", kw)
        ndim = numpy.ndim(field)
        origin, spacing = _geometry(ndim, origin, spacing)
        ax = _reduce._axis(axis, "axis")
    line = _reduce.lineout(field, lo, hi, axis=axis, index=index, shape=shape, comm=comm)
    with agreement(c):
        if line is not None:
            coords = origin[ax] + spacing[ax] * (numpy.arange(line.size) + 0.5)
            finite = numpy.isfinite(line)
            _core.plg(numpy.ascontiguousarray(line[finite]), numpy.ascontiguousarray(coords[finite]), opts)
            if titles:
                _core.xytitles(_NAMES[ax], "", 0.0, 0.0)
    return line
