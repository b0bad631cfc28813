"""Warp's particle selection (selectparticles), as local work on each rank.

The result is what pargist.reduce takes without copying the particles:
windows (array, lo, hi) kept when lo < value < hi, as Warp's ``less``
tests; an index list; a mask (ssn=). Which particles: species js (or the
species of jslist, or the call's own arrays), live or lost (lost=1), a
suffixed variant (suffix=), another object (object=, pgroup=).

Window keywords: zl/zu, xl/xu, yl/yu; ix, iy, iz with wx, wy, wz (grid
cells of the registered mesh around node ix...; iz is relative to zbeam);
xc, yc, zc (a centre, +- wx... cells); iw > 0 (Warp's z window
zwindows[:, iw] + zbeam, or win= (2 values, or one pair per window));
iw = 0 selects no window (win= then unused, as in Warp); iw < 0 (a random subset: npplot[-iw-1]
particles, Warp's subset sizes; beyond them, -iw particles), in total over
all ranks.
"""

import numpy

from . import sources
from ._ppquantities import ARRAY_KEYWORDS, Quantities

SELECT_KEYWORDS = ("js", "jslist", "win", "x", "y", "z", "ix", "wx", "iy", "wy", "iz", "wz",
                   "xl", "xu", "yl", "yu", "zl", "zu", "zc", "xc", "yc", "ssn", "ssnid", "ii",
                   "lost", "suffix", "object", "pgroup", "w3dobject", "checkargs", "allowbadargs")
_ARRAY_KEYWORDS = frozenset(ARRAY_KEYWORDS)
# The keywords select() reads besides iw (a call with none of them, iw=0, selects every particle).
_SELECTING = frozenset(("xl", "xu", "yl", "yu", "zl", "zu", "ix", "iy", "iz", "xc", "yc", "zc", "ssn", "ii"))


class Selected:
    """One plot's particles on this rank: their quantities and selection."""

    def __init__(self, quantities, windows, indices, mask, subset):
        self.q = quantities
        self.windows = windows    # [(name, array, lo, hi)]
        self.indices = indices    # None or a local index array
        self.mask = mask          # None or a bool array
        self.subset = subset      # 0: all; n > 0: a random sample of n in total

    def reduce_kw(self):
        """The selection as pargist.reduce keywords."""
        return {"windows": [(a, lo, hi) for _name, a, lo, hi in self.windows] or None,
                "ii": self.indices, "where": self.mask}


def _species_source(js, kw):
    if kw.get("object") is not None:
        return sources._as_species(kw["object"])
    if kw.get("pgroup") is not None:
        return sources._as_species(kw["pgroup"])
    found = sources.species(js)
    if found is None:
        known = ", ".join(str(j) for j in sources.registered_species()) or "none"
        raise LookupError(f"no species js={js} registered (registered: {known}); register one with "
                          "pargist.register_species(...) or pass the arrays (z=, x=...)")
    return found


def species_numbers(kw):
    """The species a call plots together: one js, or Warp's jslist (-1: all)."""
    jslist = kw.get("jslist")
    if jslist is None:
        js = kw.get("js", 0)
        return [_int(js, "js")]
    if isinstance(jslist, (int, numpy.integer)) and not isinstance(jslist, bool):
        if jslist != -1:
            raise ValueError(f"jslist: a list of species or -1 (all), got {jslist!r}")
        return list(sources.registered_species())
    return [_int(j, "jslist") for j in jslist]


def _int(v, name):
    if isinstance(v, bool) or not isinstance(v, (int, numpy.integer)):
        raise TypeError(f"{name}: expected an integer, got {v!r}")
    return int(v)


def quantities_for(func, kw, js):
    """The Quantities of species js, or of the call's arrays when it gave them."""
    given = {k: v for k, v in kw.items() if k in _ARRAY_KEYWORDS and isinstance(v, (numpy.ndarray, list, tuple))}
    lost, suffix = bool(kw.get("lost", 0)), str(kw.get("suffix", "") or "")
    source = None
    try:
        source = _species_source(js, kw)
    except LookupError:
        if not given or lost or suffix:
            raise
    return Quantities(func, given, source, lost=lost, suffix=suffix)


def _mesh(kw):
    """Warp's w3d: the mesh spacing and origin for ix=, xc=... selections."""
    obj = kw.get("w3dobject")
    if obj is not None:
        return obj
    fields = sources.registered_fields()
    for _name, (_comps, grid) in fields.items():
        return grid
    raise LookupError("ix=, iy=, iz=, xc=, yc=, zc= need a mesh: register a field or a solver "
                      "(pargist.register_field / register_solver), or pass w3dobject=")


def _window(kw, key, default=None):
    v = kw.get(key)
    return default if v is None else float(v)


def select(func, kw, iw, js):
    """Warp's selectparticles for species js on this rank (local work)."""
    q = quantities_for(func, kw, js)
    if iw == 0 and _SELECTING.isdisjoint(kw):
        return Selected(q, [], None, None, 0)  # what the steps below find when no keyword selects
    windows = []
    huge = numpy.inf

    def coordinate(axis):
        return q.get(axis)

    for axis in ("x", "y", "z"):
        lo, hi = kw.get(axis + "l"), kw.get(axis + "u")
        if lo is None and hi is None:
            continue
        lo = -huge if lo is None else float(lo)
        hi = huge if hi is None else float(hi)
        windows.append((axis, coordinate(axis), lo, hi))
    for axis in ("x", "y", "z"):
        index = kw.get("i" + axis)
        if index is None:
            continue
        mesh = _mesh(kw)
        d = float(getattr(mesh, "d" + axis))
        lo0 = float(getattr(mesh, axis + "mmin")) + int(index) * d
        if axis == "z":
            lo0 += float(sources.run.zbeam)
        w = float(kw.get("w" + axis, 1.0) if kw.get("w" + axis) is not None else 1.0)
        windows.append((axis, coordinate(axis), lo0 - w * d, lo0 + w * d))
    for axis in ("x", "y", "z"):
        centre = kw.get(axis + "c")
        if centre is None:
            continue
        d = float(getattr(_mesh(kw), "d" + axis))
        w = float(kw.get("w" + axis) if kw.get("w" + axis) is not None else 1.0)
        windows.append((axis, coordinate(axis), float(centre) - w * d, float(centre) + w * d))

    mask = None
    if kw.get("ssn") is not None:
        ssnid = kw.get("ssnid") if kw.get("ssnid") is not None else sources.run.ssnpid
        if not ssnid or int(ssnid) <= 0:
            raise ValueError("ssn=: particles' ssn are not saved: give ssnid= (the pid column, from 1) "
                             "or register_run(ssnpid=...)")
        pid = numpy.asarray(q.get("pid"))
        ids = pid[:, int(ssnid) - 1] if pid.ndim == 2 else pid
        mask = numpy.isin(numpy.rint(ids), numpy.atleast_1d(numpy.asarray(kw["ssn"], dtype=float)))

    indices = None
    if kw.get("ii") is not None:
        indices = numpy.asarray(kw["ii"])
        if indices.dtype.kind not in "iu":
            raise TypeError(f"ii: expected an integer index array, got dtype {indices.dtype}")

    subset = 0
    if iw < 0:
        npplot = list(numpy.atleast_1d(sources.run.npplot))
        subset = int(npplot[-iw - 1]) if -iw <= len(npplot) else -iw
    elif iw > 0:
        win = kw.get("win")
        if win is None:
            zw = numpy.asarray(sources.run.zwindows, dtype=float)
            if zw.ndim != 2 or zw.shape[0] != 2 or iw >= zw.shape[1]:
                raise ValueError(f"iw={iw}: no such z window (register_run(zwindows=) gives "
                                 f"{zw.shape[1] if zw.ndim == 2 else 0})")
            win = zw[:, iw] + float(sources.run.zbeam)
        else:
            win = numpy.asarray(win, dtype=float)
            if win.ndim == 2:
                win = win[:, iw]
        windows.append(("z", coordinate("z"), float(win[0]), float(win[1])))
    return Selected(q, windows, indices, mask, subset)


def check_lengths(func, sel, names):
    """Every array a plot reads has this rank's particle count (local check)."""
    n = None
    for name in names:
        a = sel.q.get(name)
        shape = a.shape if type(a) is numpy.ndarray else numpy.shape(a)  # an array without numpy.shape()'s dispatch
        m = shape[0] if shape else 1
        if n is None:
            n, first = m, name
        elif m != n:
            raise ValueError(f"{func}: {name} has {m} elements but {first} has {n}")
    for name, a, _lo, _hi in sel.windows:
        if numpy.shape(a)[0] != n:
            raise ValueError(f"{func}: the {name} selection array has {numpy.shape(a)[0]} elements, "
                             f"the particles {n}")
    if sel.mask is not None and sel.mask.shape[0] != n:
        raise ValueError(f"{func}: the ssn selection has {sel.mask.shape[0]} elements, the particles {n}")
    if sel.indices is not None and sel.indices.size and (sel.indices.min() < 0 or sel.indices.max() >= n):
        raise IndexError(f"{func}: ii has indices outside 0..{n - 1}")
    return n or 0
