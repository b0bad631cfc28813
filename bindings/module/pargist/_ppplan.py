"""What a pp* call's keywords decided, kept per call shape.

A Warp script makes the same pp* call with the same keywords every few
steps; only the particles change. Resolving Warp's ~90 keywords, the
selection and the titles costs about 60 us in Python each time, as much as
the C++ frame of 1e4 particles on a 64x64 grid. So the first call of a shape
goes the general way (pp._plot) and, when it was a plain density cell array
of the call's own arrays (the frame most pp* calls make), keeps what its
keywords decided; the next calls of the same shape reuse it and go straight
to the engine's plain density frame (_ppgeneric.cellarray_frame).

Whether a rank replays is its own decision (its arrays, its kept plans), so
both ways start with the same collective (see GeneralWayAgreement): the
agreement on the local checks, which also tells whether every rank replays.
When some rank took the general way, the replaying ranks fall back to it
and one more agreement covers their checks; the ranks that had replayed
nothing yet have drawn nothing.

A shape is the plot's name, iw, every keyword with its type and value, and
which keywords carried arrays (their contents are the particles, never part
of the shape). Only calls whose every other keyword is a plain scalar have a
shape (a list or an object could change in place). What may change between
calls without a keyword saying so is not kept but read again at each call:
the registered species (a plan of the call's arrays gives way to the general
way when any is registered; a plan of a registered species reads it, its
selection, weights and right title again each frame and gives way when any
of those is not plain any more), Warp's run values (the default plot
limits, wpid: a plan of the call's arrays replays while wpid is None or 0),
the run's ncolor and the window's places (the engine reads those itself).
"""

import numpy

from . import _ppdecor, session, sources
from ._ppgeneric import CellarrayCall, Particles, cellarray_frame, options_hash, transformed_xy

_SCALARS = frozenset((int, float, str, bool, type(None)))
_FLOATS = (numpy.dtype(numpy.float64), numpy.dtype(numpy.float32))

# replay()'s answers when it made no frame (the engine's own answer may be
# None: local=1). Not this plan's call: decided before any collective.
NOT_THIS_PLAN = object()
# Some rank took the general way: decided in the first agreement, which the
# general way's GeneralWayAgreement(comm, fell_back=True) then completes.
FELL_BACK = object()


class GeneralWayAgreement:
    """pp._plot's agreement on the general way's local checks (a context
    manager, as _collective.agreement). Its collective is the one a
    replayed plan's core call makes first (Comm.agree_same): the general way
    passes 0, a plan its nonzero options hash, so all learn whether every
    rank replayed. If not, the replaying ranks fall back (FELL_BACK) and run
    the general way's checks with fell_back=True, and every rank makes one
    more agreement (Comm.agree) on them."""

    def __init__(self, comm, fell_back=False):
        self.comm, self.fell_back = comm, fell_back

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and not issubclass(exc_type, Exception):
            return False  # KeyboardInterrupt, SystemExit: not ours to replay
        if self.fell_back:
            self.comm.agree(exc)
        elif not self.comm.agree_same(0, exc):
            self.comm.agree(None)  # the fallen-back ranks' agreement on their checks
        return False


_kept = {}
_MOST = 64  # shapes kept at once: a script has a handful; a loop over keyword values must not grow memory


def shape_of(name, iw, kw):
    """The call's shape (a dict key), or None when it has none."""
    if type(iw) is not int:
        return None
    items = []
    for key, value in kw.items():
        kind = type(value)
        if kind is numpy.ndarray:
            items.append((key, kind, None))
        elif kind in _SCALARS:
            # The type is part of the shape: nx=2 and nx=2.0 are equal keys,
            # yet Warp's checks take the first and refuse the second.
            items.append((key, kind, value))
        else:
            return None
    return (name, iw, tuple(items))


def arrays_of(shape):
    return {key for key, kind, _ in shape[2] if kind is numpy.ndarray}


def find(shape):
    return _kept.get(shape)


def keep(shape, plan):
    if len(_kept) >= _MOST:
        _kept.clear()
    _kept[shape] = plan


def forget():
    """Drop every plan (tests)."""
    _kept.clear()


def _wpid_weighs():
    """Whether Warp's wpid rule (pp._weights) weighs this frame: a nonzero
    wpid asks for the particles' w, which a call's own arrays do not have
    (the general way raises that); None or 0 (Warp's top without weights)
    weighs nothing, and a plan of the call's arrays replays."""
    wpid = sources.run.get("wpid")
    try:
        return wpid is not None and bool(wpid)
    except Exception:  # noqa: BLE001 - no truth value: the general way raises it, agreed
        return True


class DensityPlan:
    """A plain density frame of the call's arrays h= and v=, or of a
    registered species (species(kw): its (x, y, titles) this frame, None when
    not plain): the resolved options (the engine's plain cell-array way reads
    them and changes none: a changed copy is made instead; a test holds it
    to that), the titles, and the axis kinds of Warp's default limits when
    the call gave no pplimits (default_sides(kinds, kw) makes them from the
    run's values)."""

    __slots__ = ("name", "h", "v", "options", "titles", "kinds", "default_sides", "sides_version", "agreed_hash",
                 "decoration", "call", "species")

    def __init__(self, name, h, v, options, titles, kinds, default_sides, species=None):
        self.name, self.h, self.v, self.species = name, h, v, species
        self.options = dict(options)
        self.titles, self.kinds, self.default_sides = titles, kinds, default_sides
        self.sides_version = None  # the run_version() the pplimits were made at (None: make them again)
        # What the engine's plain density frame agrees on, and rank 0's drawing after the cells.
        self.agreed_hash = options_hash(Particles(None, None), self.options, True)
        self.decoration = _ppdecor.Decoration()
        self.call = None  # the engine's CellarrayCall of the options, made at the first replay

    def replay(self, comm, kw):
        """The frame; or NOT_THIS_PLAN (before any collective) when this call
        is not the plan's, FELL_BACK when another rank's was not: then the
        general way makes it (see GeneralWayAgreement)."""
        if self.species is None:
            x, y = kw[self.h], kw[self.v]
            titles = self.titles
            if sources.any_species() or _wpid_weighs():
                return NOT_THIS_PLAN
        else:
            got = self.species(kw)
            if got is None:
                return NOT_THIS_PLAN
            x, y, titles = got
        if (type(x) is not numpy.ndarray or type(y) is not numpy.ndarray or x.dtype not in _FLOATS
                or y.dtype not in _FLOATS or x.ndim != 1 or y.ndim != 1 or x.shape[0] != y.shape[0]):
            return NOT_THIS_PLAN
        o = self.options
        version = sources.run_version()
        if self.kinds is not None and (version is None or version != self.sides_version):
            sides = self.default_sides(self.kinds, kw)
            if "vz" in sides:
                return NOT_THIS_PLAN  # the range of the data: the general way asks the ranks
            if sides != o["pplimits"]:
                o = self.options = dict(o, pplimits=sides)
            self.sides_version = version
        call = self.call
        if call is None or not call.still(o, version) or titles != self.titles:
            self.titles = titles  # a species' right title follows the run's z windows
            session.settitles(*titles)
            call = self.call = CellarrayCall(o, version)
        elif not call.by_core:
            session.settitles(*self.titles)  # read again by the Python way's titles
        if not call.untransformed:
            x, y = transformed_xy(x, y, o)
        out = cellarray_frame(comm, self.name, x, y, None, None, None, call, self.agreed_hash, self.decoration,
                              fall_back=True)
        return FELL_BACK if out is None else out
