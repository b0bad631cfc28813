"""Warp's particle plots, collective, as Warp users call them.

    register_species(beam)           # once (see pargist.sources)
    ppzx()                           # species 0, all particles
    ppzx(0); ppzx(iw=2)              # Warp's z window iw; iw < 0: a random subset
    ppzx(js=1); ppzx(jslist=[0, 2])  # another species; several in one plot
    ppzx(js=-1)                      # every species, one colour each
    ppxxp(color='density', ncolor=30, slope='auto', zl=0.1, zu=0.2)
    ppzx(z=z, x=x)                   # or this rank's arrays, without a source

Every plot takes Warp's selection keywords (js, jslist, win, ix/wx, iy/wy,
iz/wz, xl..zu, xc/yc/zc, ssn/ssnid, ii, lost, suffix, object, pgroup,
w3dobject) and ppgeneric's (contours, cellarray, color='density', nx, ny,
slope, offsets, scales, flips, hash, uselog, pplimits/lframe, titles...);
see pargist._ppoptions for the list and Warp's defaults. A keyword pargist
cannot honour raises NotImplementedError naming it, on every rank.

Every rank makes the call with its own particles; only what the picture
needs reaches rank 0 (node grids, at most ``maxpoints`` particles). Each
call returns a PlotResult (the same dict on every rank): what was drawn,
the particles selected, the markers and bytes rank 0 received, the grid's
extent and colour scale.
"""

import numpy

from . import _core, gist, parallel, session
from . import _ppdraw as draw
from . import _ppoptions as options
from . import _ppplan
from ._collective import agreement
from ._ppgeneric import Particles, PlotResult
from ._ppgeneric import _plain_cellarray
from ._ppgeneric import ppgeneric as _engine
from ._ppquantities import LABELS
from ._ppselect import check_lengths, select, species_numbers
from ._state import is_root
from .sources import ParticleArrays, registered_species, registered_fields, run

__all__ = ["ppgeneric", "ppg", "ppco", "ppvector", "pptrace", "ppzxy", "ppzxco", "ppzyco", "ppzxyco",
           "ppzvzco", "ppmultispecies", "pptitleright", "ppmoments", "PlotResult"]

# Warp's default plot limits (top's InDiag values) per axis kind.


def _limits_of(kind, kw):
    """(lo, hi) of Warp's default pplimits for one axis, 'e' where the run has none."""
    return _LIMIT_RULES[kind](run.get, kw)


def _vbeam(g):
    return float(g("vbeam") or 0.0)


def _times_vbeam(g, lo, hi):
    vb = _vbeam(g)
    return _opt(lo * vb if vb else None, hi * vb if vb else None)


# Per axis kind, from the run's values (g = run.get): made at each call,
# since Warp's top may change them between plots (zbeam moves with the beam).
_LIMIT_RULES = {
    "z": lambda g, kw: _opt(g("zplmin"), g("zplmax"), float(g("zbeam") or 0.0)),
    "x": lambda g, kw: _opt(g("xplmin"), g("xplmax")),
    "y": lambda g, kw: _opt(g("yplmin"), g("yplmax")),
    "xp": lambda g, kw: _opt(g("xpplmin"), g("xpplmax")),
    "yp": lambda g, kw: _opt(g("ypplmin"), g("ypplmax")),
    "vx": lambda g, kw: _times_vbeam(g, g("xpplmin"), g("xpplmax")) if _vbeam(g) else ("e", "e"),
    "vy": lambda g, kw: _times_vbeam(g, g("ypplmin"), g("ypplmax")) if _vbeam(g) else ("e", "e"),
    "vperp": lambda g, kw: (_times_vbeam(g, min(g("xpplmin"), g("ypplmin")), min(g("xpplmax"), g("ypplmax")))
                            if _vbeam(g) else ("e", "e")),
    "r": lambda g, kw: (0.0, max(g("xplmax") or 0.0, g("yplmax") or 0.0) or "e"),
    "vz": lambda g, kw: _vz_range(kw),
}


def _opt(lo, hi, shift=0.0):
    if lo is None or hi is None or (lo == 0 and hi == 0):
        return ("e", "e")
    return (float(lo) + shift, float(hi) + shift)


def _vz_range(kw):
    """Warp's getvzrange: from vbeam, vtilt, vzrng when the run sets vzrng;
    otherwise the range of vz widened by 10% (a collective, so only asked
    for when lframe needs it)."""
    vzrng = run.get("vzrng") or 0.0
    if vzrng:
        vb, vt, vs = (float(run.get(k) or 0.0) for k in ("vbeam", "vtilt", "vzshift"))
        return ((1 - vt) * vb * (1 - vzrng) - vs, (1 + vt) * vb * (1 + vzrng) - vs)
    return ("vz", "vz")


# name: (horizontal, vertical, titlet, default-limit kinds (h, v), extra defaults)
_PLOTS = {
    "ppzx": ("z", "x", "X vs Z", ("z", "x")),
    "ppzy": ("z", "y", "Y vs Z", ("z", "y")),
    "ppzr": ("z", "r", "R vs Z", ("z", "x"), {"ldensitycylindrical": True}),
    "ppzxp": ("z", "xp", "X' vs Z", ("z", "xp")),
    "ppzvx": ("z", "vx", "Vx vs Z", ("z", "vx")),
    "ppzyp": ("z", "yp", "Y' vs Z", ("z", "yp")),
    "ppzvy": ("z", "vy", "Vy vs Z", ("z", "vy")),
    "ppzvz": ("z", "vz", "Vz vs Z", ("z", "vz")),
    "ppzuz": ("z", "uz", "Uz vs Z", None),
    "ppzvr": ("z", "vr", "Vr vs Z", ("z", "vx")),
    "ppzvtheta": ("z", "vtheta", "Vtheta vs Z", ("z", "vx")),
    "ppzvperp": ("z", "vperp", "Vperp vs Z", ("z", "vperp")),
    "ppzrp": ("z", "rp", "R' vs Z", ("z", "xp")),
    "ppzke": ("z", "ke", "Kinetic Energy vs Z", ("z", "vx")),
    "ppexey": ("ex", "ey", "Ey vs Ex", ("vx", "vy")),
    "ppxy": ("x", "y", "Y vs X", ("x", "y")),
    "ppxxp": ("x", "xp", "X' vs X", ("x", "xp"), {"_slope": "x"}),
    "ppyyp": ("y", "yp", "Y' vs Y", ("y", "yp"), {"_slope": "y"}),
    "ppxux": ("x", "ux", "Ux vs X", ("x", "vx"), {"_slope": "x", "_slope_times_vz": True}),
    "ppxvx": ("x", "vx", "Vx vs X", ("x", "vx"), {"_slope": "x", "_slope_times_vz": True}),
    "ppyuy": ("y", "uy", "Uy vs Y", ("y", "vy"), {"_slope": "y", "_slope_times_vz": True}),
    "ppyvy": ("y", "vy", "Vy vs Y", ("y", "vy"), {"_slope": "y", "_slope_times_vz": True}),
    "ppxvz": ("x", "vz", "Vz vs X", ("x", "vz")),
    "ppyvz": ("y", "vz", "Vz vs Y", ("y", "vz")),
    "ppvzvperp": ("vz", "vperp", "Vperp vs Vz", ("vz", "vperp")),
    "pprvz": ("r", "vz", "Vz vs R", ("r", "vz")),
}
for _c in "xyz":
    for _f in ("ex", "ey", "ez", "bx", "by", "bz"):
        _PLOTS[f"pp{_c}{_f}"] = (_c, _f, f"{LABELS[_f]} vs {LABELS[_c]}", ("z", "vx"))
# Plots whose quantities are combinations (slopes removed, scaled radii).
_COMBINED = {
    "ppxpyp": ("Y' vs X'", ("xp", "yp")),
    "ppvxvy": ("Vy vs Vx", ("vx", "vy")),
    "ppvxvz": ("Vz vs Vx", ("vx", "vz")),
    "ppvyvz": ("Vz vs Vy", ("vy", "vz")),
    "pprrp": ("R' vs R", None),
    "pprtp": ("Theta' vs R", None),
    "pprvr": ("Vr vs R", None),
}


# ------------------------------------------------------------ the call path

def _comm(kw):
    return parallel.get_comm(kw.get("comm"))


def ppmultispecies(pp, args, kw):
    """Warp's js=-1 (every species) or js=[...]: one plot per species, each
    in its colour (palette indices spread over ncolor=240, or color=[...]).
    Returns True when it made the plots."""
    js = kw.get("js")
    if js is None or (not isinstance(js, (list, tuple)) and js != -1):
        return False
    jss = list(registered_species()) if isinstance(js, int) and js == -1 else list(js)
    if not jss:
        raise LookupError(f"{getattr(pp, '__name__', 'pp')}: js=-1 but no species is registered")
    ncolor = kw.get("ncolor") or 240
    colors = kw.get("color", list(range(0, ncolor, max(ncolor // len(jss), 1))))
    results = []
    for k, j in enumerate(jss):
        one = dict(kw, js=j, color=colors[k % len(colors)] if isinstance(colors, (list, tuple)) else colors)
        results.append(pp(*args, **one))
    ppmultispecies.last = results
    return True


def pptitleright(iw=0, kwdict=None, **kw):
    """Warp's right title of a particle plot: the selection in words."""
    kw = dict(kwdict or {}, **kw)
    z, zl, zu, zc = kw.get("z"), kw.get("zl"), kw.get("zu"), kw.get("zc")
    if zl is not None or zu is not None:
        prefix = "" if z is not None and numpy.ndim(z) else "z "
        lo = -1e36 if zl is None else zl
        hi = 1e36 if zu is None else zu
        text = prefix + "range (%9.4e, %9.4e)" % (lo, hi)
    elif kw.get("ix") is not None or kw.get("iy") is not None or kw.get("iz") is not None:
        axis = "x" if kw.get("ix") is not None else "y" if kw.get("iy") is not None else "z"
        mesh = _mesh_or_none(kw)
        i = int(kw["i" + axis])
        w = float(kw.get("w" + axis) if kw.get("w" + axis) is not None else 1.0)
        if mesh is None:
            text = f"i{axis} = {i}"
        else:
            d = float(getattr(mesh, "d" + axis))
            c = float(getattr(mesh, axis + "mmin")) + i * d + (float(run.zbeam) if axis == "z" else 0.0)
            text = "i%s = %d, %s range (%9.4e, %9.4e)" % (axis, i, axis, c - w * d, c + w * d)
    elif zc is not None:
        mesh = _mesh_or_none(kw)
        w = float(kw.get("wz") if kw.get("wz") is not None else 1.0)
        d = float(mesh.dz) if mesh is not None else 0.0
        text = "zc = %9.4e, z range (%9.4e, %9.4e)" % (zc, zc - w * d, zc + w * d)
    elif iw < 0:
        npplot = list(numpy.atleast_1d(run.npplot))
        n = npplot[-iw - 1] if -iw <= len(npplot) else -iw
        text = "subset %d: %d particles" % (-iw, n)
    else:
        win = kw.get("win")
        if win is None:
            win = _zwindow(iw)
            prefix = "z "
        else:
            win = numpy.asarray(win, dtype=float)
            win = win[:, iw] if win.ndim == 2 else win
            prefix = ""
        text = prefix + "window%d = %9.4e, %9.4e" % (iw, win[0], win[1])
    slope = kw.get("slope", 0)
    if slope and not isinstance(slope, str):
        text += ", slope=%7.4f" % slope
    return text


def _zwindow(iw):
    """Warp's z window iw of the run: zwindows[:, iw] + zbeam, (0, 0) when
    the run has no such window."""
    zw = numpy.asarray(run.get("zwindows"), dtype=float)
    if zw.ndim == 2 and iw < zw.shape[1]:
        zbeam = float(run.get("zbeam"))
        return float(zw[0, iw]) + zbeam, float(zw[1, iw]) + zbeam
    return 0.0, 0.0


def _mesh_or_none(kw):
    if kw.get("w3dobject") is not None:
        return kw["w3dobject"]
    for _name, (_c, grid) in registered_fields().items():
        return grid
    return None


def ppmoments(text):
    """Text in the upper right corner of the plot (Warp's spot, Courier)."""
    gist.plt(text, 0.61, .855, justify="RT", height=12, font="courierB")


def _systems(kw):
    """The number of coordinate systems of rank 0's window, on every rank."""
    n = _core.frame_info()["systems"] - 1 if is_root() else 0
    return parallel.broadcast(n, comm=kw.get("comm"))


def _need_views(func, kw, last):
    if _systems(kw) < last:
        raise ValueError(f"{func} draws in Warp's views up to {last}: call setup() or winon() first (they "
                         f"give the window Warp's style), or window(style=...) with {last} systems")


def _iw(iw):
    if isinstance(iw, bool) or not isinstance(iw, (int, numpy.integer)):
        raise TypeError(f"iw: expected an integer window number, got {iw!r}")
    return int(iw)


class _Call:
    """One Warp plot call on this rank: keywords checked, particles found."""

    def __init__(self, func, iw, kw, extra=()):
        self.func = func
        self.iw = _iw(iw)
        self.kw = kw
        obj = kw.get("particles")
        if obj is not None and not isinstance(obj, (bool, int, numpy.integer)):
            kw = dict(kw, object=obj)
            kw.pop("particles")
            self.kw = kw
        self.o = options.resolve(func, kw, extra)
        self.o["_given"] = set(kw)
        self.o["local"] = bool(kw.get("local", 0))

    def particles(self, names):
        """Per species: the Selected and this rank's arrays of names."""
        kw = self.kw
        parts = []
        for js in species_numbers(kw):
            sel = select(self.func, kw, self.iw, js)
            check_lengths(self.func, sel, names)
            parts.append(sel)
        return parts


def _concat(parts, get):
    """One array over the species (a copy only when there are several)."""
    arrays = [get(p) for p in parts]
    if len(arrays) == 1:
        return arrays[0]
    return numpy.concatenate([numpy.asarray(a, dtype=float) for a in arrays])


def _selection_of(parts):
    """The species' selections as one selection of the concatenated arrays."""
    if len(parts) == 1:
        return parts[0].reduce_kw(), parts[0].subset
    n = [p.q.length() for p in parts]
    offsets = numpy.concatenate([[0], numpy.cumsum(n)])
    keep = numpy.zeros(offsets[-1], bool)
    for k, p in enumerate(parts):
        local = numpy.ones(n[k], bool)
        for _name, a, lo, hi in p.windows:
            local &= (lo < a) & (a < hi)
        if p.mask is not None:
            local &= p.mask
        if p.indices is not None:
            only = numpy.zeros(n[k], bool)
            only[p.indices] = True
            local &= only
        keep[offsets[k]:offsets[k + 1]] = local
    return {"where": keep}, parts[0].subset


def _weights(sel, o):
    """Warp's weights: weights= if given; else the species' own: getw() when
    the registered run says wpid != 0 (Warp's rule), or the w= array of a
    ParticleArrays (pargist's)."""
    if o["weights"] is not None:
        return o["weights"]
    wpid = run.get("wpid")
    if wpid is not None:
        return sel.q.get("w") if wpid else None
    if isinstance(sel.q.source, ParticleArrays) and "w" in sel.q.source.arrays and not sel.q.lost \
            and not sel.q.suffix:
        return sel.q.get("w")
    return None


_SELECTING = ("zl", "zu", "ix", "iy", "iz", "zc", "win")


def _titles(call, titlet, h, v, parts=()):
    """Warp's titles; the right one (pptitleright) describes the selection
    of registered particles, so a call on its own arrays selecting nothing
    has none."""
    sourced = any(p.q.source is not None for p in parts) or call.iw != 0 or \
        any(call.kw.get(k) is not None for k in _SELECTING)
    session.settitles(titlet, LABELS.get(h, h), LABELS.get(v, v), pptitleright(call.iw, call.kw) if sourced else "")


def _default_pplimits(call, kinds, comm_values=None):
    """Warp: pplimits given -> lframe=1; otherwise the run's plot limits."""
    o = call.o
    if "pplimits" in call.kw:
        o["lframe"] = True
        return
    if kinds is None:
        return
    o["pplimits"] = _default_sides(kinds, call.kw)


def _default_sides(kinds, kw):
    """The run's plot limits of the axis kinds (h, v): pplimits's 4 sides."""
    return _limits_of(kinds[0], kw) + _limits_of(kinds[1], kw)


def _vz_sides(call, vz, sel_kw, comm):
    """Replace the ('vz', 'vz') placeholders by the vz range widened by 10%."""
    o = call.o
    if "vz" not in o["pplimits"] or not o["lframe"]:
        if "vz" in o["pplimits"]:
            o["pplimits"] = tuple("e" if s == "vz" else s for s in o["pplimits"])
        return
    (lo, hi), = [_core.limits(comm, [vz], sel_kw, 0.0)[0][:2]]
    pad = 0.1 * (hi - lo)
    sides = list(o["pplimits"])
    k = sides.index("vz")
    sides[k], sides[k + 1] = lo - pad, hi + pad
    o["pplimits"] = tuple(sides)


def _select_spec(sel_kw):
    spec = {}
    if sel_kw.get("windows"):
        spec["windows"] = [(f"window {k}", a, float(lo), float(hi)) for k, (a, lo, hi) in enumerate(sel_kw["windows"])]
    if sel_kw.get("ii") is not None:
        spec["indices"] = sel_kw["ii"]
    if sel_kw.get("where") is not None:
        spec["where"] = sel_kw["where"]
    return spec or None


def _slope_moments(comm, call, parts, axis):
    """Warp's getxxpslope from this selection's moments, collectively:
    (slope, <x>, <x'>, <vz>) with slope = (<x x'> - <x><x'>) / x_rms^2."""
    sjs = call.kw.get("slopejs")
    if sjs is not None and sjs != -1:
        parts = [select(call.func, dict(call.kw, js=sjs, jslist=None), call.iw, int(sjs))]
    pos = _concat(parts, lambda p: p.q.get(axis))
    ang = _concat(parts, lambda p: p.q.get(axis + "p"))
    vz = _concat(parts, lambda p: p.q.get("vz"))
    sel_kw, _sub = _selection_of(parts)
    m = _core.moments(comm, [pos, ang, vz], _select_spec(sel_kw))
    count = int(m["count"])
    if count == 0:
        return 0.0, 0.0, 0.0, 0.0
    mean, cov = numpy.asarray(m["mean"]), numpy.asarray(m["cov"])
    var = cov[0, 0]
    slope = cov[0, 1] / var if var > 0 else 0.0
    return float(slope), float(mean[0]), float(mean[1]), float(mean[2])


def _plot(name, iw, kw):
    """A plot of one quantity against another (most of Warp's pp*)."""
    shape = _ppplan.shape_of(name, iw, kw)
    comm = _comm(kw)
    fell_back = False
    if shape is not None:
        plan = _ppplan.find(shape)
        if plan is not None:
            out = plan.replay(comm, kw)
            fell_back = out is _ppplan.FELL_BACK
            if not fell_back and out is not _ppplan.NOT_THIS_PLAN:
                return out
    spec = _PLOTS[name]
    h, v, titlet, kinds = spec[:4]
    extra = spec[4] if len(spec) > 4 else {}
    for key, value in extra.items():
        if not key.startswith("_"):
            kw.setdefault(key, value)
    with _ppplan.GeneralWayAgreement(comm, fell_back):
        call = _Call(name, iw, kw)
        parts = call.particles([h, v])
        _default_pplimits(call, kinds)
        x = _concat(parts, lambda p: p.q.get(h))
        y = _concat(parts, lambda p: p.q.get(v))
        weights = _concat(parts, lambda p: _weights(p, call.o)) if _weights(parts[0], call.o) is not None else None
        zz = call.o["zz"]
        sel_kw, subset = _selection_of(parts)
        _titles(call, titlet, h, v, parts)
        auto = call.o["slope"] == "auto"
    if auto or "_slope" in extra and isinstance(kw.get("slope"), str):
        axis = extra.get("_slope")
        if axis is None:
            raise ValueError(f"{name}: slope='auto' is for the phase-space plots")
        slope, off, poff, vzbar = _slope_moments(comm, call, parts, axis)
        factor = vzbar if extra.get("_slope_times_vz") else 1.0
        call.o.update(slope=slope * factor, yoffset=poff * factor, xoffset=off)
    p = Particles(x, y, weights, zz, sel_kw, subset)
    plan = None
    if shape is not None and not auto and "vz" not in call.o["pplimits"]:
        plan = _density_plan(shape, call, parts, p, (h, v, titlet, kinds))
    _vz_sides(call, y if v == "vz" else x, _select_spec(sel_kw), comm)
    out = _engine(comm, name, p, call.o)
    if plan is not None:
        _ppplan.keep(shape, plan)
    return out


def _density_plan(shape, call, parts, p, spec):
    """The plan of this call's shape (see _ppplan) when it is a plain density
    cell array (no selection, weights, slope from the data or view) either
    of the call's own arrays h= and v= (no species registered), or of one
    registered species (no arrays given); else None. Made before the engine
    runs, from the options as the engine receives them."""
    h, v, titlet, kinds = spec
    o, kw = call.o, call.kw
    given = _ppplan.arrays_of(shape)
    plain = (call.iw == 0 and "comm" not in kw and h != v and len(parts) == 1 and p.weights is None
             and p.zz is None and not p.subset
             and not any(p.select.get(k) is not None for k in ("windows", "ii", "where"))
             and not any(kw.get(k) is not None for k in _SELECTING) and o["view"] is None
             and not isinstance(kw.get("slope"), str) and not o["local"] and _plain_cellarray(p, o))
    sides = None if "pplimits" in kw else kinds
    # (A nonzero wpid made _weights ask these arrays for w: the general way raised before this.)
    if plain and given == {h, v} and parts[0].q.source is None:
        titles = (titlet, LABELS.get(h, h), LABELS.get(v, v), "")
        return _ppplan.DensityPlan(call.func, h, v, o, titles, sides, _default_sides)
    if plain and not given and parts[0].q.source is not None:
        titles = (titlet, LABELS.get(h, h), LABELS.get(v, v), pptitleright(call.iw, kw))
        return _ppplan.DensityPlan(call.func, h, v, o, titles, sides, _default_sides,
                                   species=_species_frame(call.func, h, v, titlet, o))
    return None


def _species_frame(func, h, v, titlet, o):
    """A species plan's per-frame reading (see _ppplan.DensityPlan): the
    general way's own steps (Warp's selection, the weights) on this frame's
    call, and its right title (_RightTitle); (x, y, titles) when its frame
    is still a plain one of a single species, else None, and None when a
    step raises (the general way then raises it, agreed). The lengths are
    not checked here: a replay takes the general way, which raises their
    error, unless x and y are 1-D of the same length."""
    labels = (titlet, LABELS.get(h, h), LABELS.get(v, v))
    right = _RightTitle()

    def frame(kw):
        try:
            numbers = species_numbers(kw)
            if len(numbers) != 1:
                return None
            sel = select(func, kw, 0, numbers[0])
            if (sel.q.source is None or sel.windows or sel.mask is not None or sel.indices is not None
                    or sel.subset or _weights(sel, o) is not None):
                return None
            return sel.q.get(h), sel.q.get(v), labels + (right(kw),)
        except Exception:  # noqa: BLE001 - the general way raises it on every rank
            return None
    return frame


class _RightTitle:
    """A species plan's right title, pptitleright(0, kw). The plan's call
    selects nothing (see _density_plan): its title is Warp's z window 0
    (and the call's slope=, part of the plan's shape), so it is made again
    only when that window moved. The window is read every frame: Warp's top
    moves zbeam unseen, and zwindows may be changed in place."""

    __slots__ = ("window", "text")

    def __init__(self):
        self.window = self.text = None

    def __call__(self, kw):
        window = _zwindow(0)
        if window != self.window:
            self.text, self.window = pptitleright(0, kw), window
        return self.text


def _make(name):
    def plot(iw=0, **kw):
        if kw.get("checkargs"):
            return options.bad_arguments(kw)
        if ppmultispecies(plot, (iw,), kw):
            return PlotResult(species=ppmultispecies.last)
        return _plot(name, iw, kw)
    h, v, titlet = _PLOTS[name][:3]
    plot.__name__ = plot.__qualname__ = name
    plot.__doc__ = (f"{name}(iw=0, **kw): {titlet} of the registered species (js=0; jslist=, js=-1), "
                    f"or of this rank's {h}=, {v}= arrays. Collective; Warp's selection and "
                    "ppgeneric keywords (see pargist.pp).")
    return plot


for _name in _PLOTS:
    globals()[_name] = _make(_name)
    __all__.append(_name)


# -------------------------------------------------- combined quantities

def _combined(name, iw, kw, scale=0, slopejs=-1):
    titlet, kinds = _COMBINED[name]
    comm = _comm(kw)
    needs = {"ppxpyp": ("x", "y", "xp", "yp"), "ppvxvy": ("x", "y", "vx", "vy"),
             "ppvxvz": ("x", "vx", "vz"), "ppvyvz": ("y", "vy", "vz"),
             "pprrp": ("x", "y", "xp", "yp"), "pprtp": ("x", "y", "xp", "yp"),
             "pprvr": ("x", "y", "vx", "vy")}[name]
    with agreement(comm):
        call = _Call(name, iw, kw, extra=("scale",))
        parts = call.particles(needs)
        if kinds is not None:
            _default_pplimits(call, kinds)
        elif "pplimits" in kw:
            call.o["lframe"] = True
        weights = _concat(parts, lambda p: _weights(p, call.o)) if _weights(parts[0], call.o) is not None else None
        sel_kw, subset = _selection_of(parts)
        arrays = {q: _concat(parts, lambda p, q=q: p.q.get(q)) for q in needs}
        slope = call.o["slope"]
        auto = isinstance(slope, str)
    spec = _select_spec(sel_kw)
    if name in ("ppxpyp", "ppvxvy", "ppvxvz", "ppvyvz"):
        h, v = _remove_slopes(name, call, parts, arrays, comm, auto, slope)
    else:
        h, v = _radial_plot(name, call, arrays, comm, spec, scale, auto)
    if "vz" in (call.o["pplimits"] or ()):
        _vz_sides(call, arrays["vz"], spec, comm)
    hq, vq = {"ppxpyp": ("xp", "yp"), "ppvxvy": ("vx", "vy"), "ppvxvz": ("vx", "vz"),
              "ppvyvz": ("vy", "vz"), "pprrp": ("r", "rp"), "pprtp": ("r", "tp"), "pprvr": ("r", "vr")}[name]
    with agreement(comm):
        _titles(call, titlet, hq, vq, parts)
    return _engine(comm, name, Particles(h, v, weights, call.o["zz"], sel_kw, subset), call.o)


def _remove_slopes(name, call, parts, a, comm, auto, slope):
    """Warp's ppxpyp / ppvxvy / ppvxvz / ppvyvz: each transverse quantity
    minus its slope times the position (slope='auto': from the moments)."""
    velocity = name != "ppxpyp"
    axes = {"ppxpyp": "xy", "ppvxvy": "xy", "ppvxvz": "x", "ppvyvz": "y"}[name]
    out = {}
    for axis in axes:
        if auto:
            s, off, poff, vz = _slope_moments(comm, call, parts, axis)
            f = vz if velocity else 1.0
            s, poff = s * f, poff * f
        else:
            s, off, poff = float(slope), 0.0, 0.0
        q = a[("v" if velocity else "") + axis + ("" if velocity else "p")]
        out[axis] = q - s * (a[axis] - off) - poff if (s or off or poff) else q
    if name != "ppxpyp" or auto:
        call.o["slope"] = 0.0
    if name == "ppvxvz":
        return out["x"], a["vz"]
    if name == "ppvyvz":
        return out["y"], a["vz"]
    return out["x"], out["y"]


def _radial_plot(name, call, a, comm, spec, scale, auto):
    """Warp's pprrp / pprtp / pprvr, with scale=1 (by twice the rms) and
    slope='auto' (<r q> / <r^2>)."""
    kind = {"pprrp": "p", "pprtp": "p", "pprvr": "v"}[name]
    qx, qy = (a["xp"], a["yp"]) if kind == "p" else (a["vx"], a["vy"])
    sx = sy = sqx = sqy = 1.0
    if scale:
        m = _core.moments(comm, [a["x"], a["y"], qx, qy], spec)
        rms = numpy.sqrt(numpy.asarray(m["rms"], dtype=float) ** 2) if "rms" in m else None
        sx, sy, sqx, sqy = (2.0 * float(r) if r > 0 else 1.0 for r in rms)
    # Derived quantities in float64, as Warp's arrays are: float32 particles
    # give the numbers float64 ones give.
    x, y = numpy.asarray(a["x"], dtype=float) / sx, numpy.asarray(a["y"], dtype=float) / sy
    qx, qy = numpy.asarray(qx, dtype=float) / sqx, numpy.asarray(qy, dtype=float) / sqy
    rr = numpy.hypot(x, y)
    tt = numpy.arctan2(y, x)
    if name == "pprtp":
        q = -qx * numpy.sin(tt) + qy * numpy.cos(tt)
    else:
        q = qx * numpy.cos(tt) + qy * numpy.sin(tt)
    if auto:
        m = _core.moments(comm, [rr * rr, rr * q], spec)
        aversq, avq = (float(v) for v in m["mean"])
        call.o["slope"] = avq / aversq if aversq > 0 else 0.0
    if "pplimits" in call.kw:
        call.o["lframe"] = True
    else:
        g = run.get
        rmax = max((g("xplmax") or 0.0) / sx, (g("yplmax") or 0.0) / sy)
        vb = float(g("vbeam") or 0.0) if kind == "v" else 1.0
        lo, hi = g("xpplmin"), g("xpplmax")
        call.o["pplimits"] = (0.0, rmax if rmax else "e",
                              lo * vb / sqx if vb else "e", hi * vb / sqy if vb else "e")
    return rr, q


def _make_combined(name):
    if name in ("pprrp", "pprtp", "pprvr"):
        def plot(iw=0, scale=0, slopejs=-1, **kw):
            if kw.get("checkargs"):
                return options.bad_arguments(kw)
            if ppmultispecies(plot, (iw, scale, slopejs), kw):
                return PlotResult(species=ppmultispecies.last)
            if slopejs != -1:
                kw["slopejs"] = slopejs
            return _combined(name, iw, kw, scale=scale)
    else:
        def plot(iw=0, **kw):
            if kw.get("checkargs"):
                return options.bad_arguments(kw)
            if ppmultispecies(plot, (iw,), kw):
                return PlotResult(species=ppmultispecies.last)
            return _combined(name, iw, kw)
    plot.__name__ = plot.__qualname__ = name
    plot.__doc__ = f"{name}(iw=0, **kw): {_COMBINED[name][0]} (Warp's; collective)."
    return plot


for _name in _COMBINED:
    globals()[_name] = _make_combined(_name)
    __all__.append(_name)


# --------------------------------------------------------------- generic

def ppgeneric(y=None, x=None, kwdict=None, **kw):
    """ppgeneric(y, x, ...): y against x, this rank's arrays, with Warp's
    keywords; or ppgeneric(grid=...) / (gridt=...): rank 0's grid.
    Collective (local=1: rank 0's particles only, as Warp's default)."""
    kw = dict(kwdict or {}, **kw)
    if kw.get("checkargs"):
        return options.bad_arguments(kw)
    comm = _comm(kw)
    kw.setdefault("local", 0)
    with agreement(comm):
        if y is not None and numpy.ndim(y) == 2 and x is None:
            kw["grid"], y = numpy.asarray(y), None
        call = _Call("ppgeneric", 0, kw)
        o = call.o
        if (y is None or x is None) and o["grid"] is None and o["gridt"] is None:
            raise TypeError("ppgeneric: needs y and x (this rank's arrays), or grid=")
        if o["particles"] and (y is None or x is None):
            raise ValueError("ppgeneric: both x and y must be given to plot particles")
        if o["zz"] is not None and (o["grid"] is not None or o["gridt"] is not None):
            raise ValueError("ppgeneric: only one of zz and grid can be given")
        if "pplimits" in kw:
            o["lframe"] = True
        p = None
        if y is not None:
            x_, y_ = numpy.asarray(x), numpy.asarray(y)
            for a, what in ((x_, "x"), (y_, "y")):
                if a.dtype.kind not in "biuf":
                    raise TypeError(f"ppgeneric: {what} must hold numbers, got dtype {a.dtype}")
            if x_.size != y_.size:
                raise ValueError(f"ppgeneric: y has {y_.size} elements but x has {x_.size}")
            for name in ("weights", "zz"):
                if o[name] is not None and o[name].size != x_.size:
                    raise ValueError(f"ppgeneric: {name} has {o[name].size} elements but x has {x_.size}")
            sel = {}
            if kw.get("ii") is not None:
                ii = numpy.asarray(kw["ii"])
                if ii.size and (ii.min() < 0 or ii.max() >= x_.size):
                    raise IndexError(f"ppgeneric: ii has indices outside 0..{x_.size - 1}")
                sel["ii"] = ii
            p = Particles(x_.astype(float, copy=False).ravel(), y_.astype(float, copy=False).ravel(),
                          o["weights"], o["zz"], sel)
    return _engine(comm, "ppgeneric", p, o)


ppg = ppgeneric


# -------------------------------------------------------------- ppzxy

def ppzxy(iw=0, **kw):
    """X vs Z and Y vs Z on one page: Warp's views 9 and 10 (setup() or
    winon() give the window Warp's style); in a style with 2 systems,
    systems 1 and 2; else both in the current system (Y in red)."""
    if kw.get("checkargs"):
        return options.bad_arguments(kw)
    if ppmultispecies(ppzxy, (iw,), kw):
        return PlotResult(species=ppmultispecies.last)
    nsys = _systems(kw)
    if nsys >= 10:
        views = (9, 10)
    elif nsys >= 2:
        views = (1, 2)
    else:
        views = (None, None)
    first = globals()["ppzx"](iw, **dict(kw, view=views[0]))
    second_kw = dict(kw, view=views[1])
    if views[1] is None and kw.get("color") != "density":
        second_kw["color"] = "red"
    second = globals()["ppzy"](iw, **second_kw)
    return PlotResult(zx=first, zy=second)


# ------------------------------------------------------------- pptrace

def pptrace(iw=0, normalize=0, **kw):
    """X-Y, Y-Y', X-X' and X'-Y' of the selection in views 3 to 6 (Warp's
    quadrants); slope='auto' removes the x-x' and y-y' slopes; pplimits=
    one tuple for all, or a list of up to four; normalize=1 gives the four
    one colour scale (their grids reduced first)."""
    if kw.get("checkargs"):
        return options.bad_arguments(kw)
    if ppmultispecies(pptrace, (iw, normalize), kw):
        return PlotResult(species=ppmultispecies.last)
    _need_views("pptrace", kw, 6)
    comm = _comm(kw)
    with agreement(comm):
        call = _Call("pptrace", iw, kw)
        parts = call.particles(("x", "y", "xp", "yp"))
        a = {q: _concat(parts, lambda p, q=q: p.q.get(q)) for q in ("x", "y", "xp", "yp")}
        weights = _concat(parts, lambda p: _weights(p, call.o)) if _weights(parts[0], call.o) is not None else None
        sel_kw, subset = _selection_of(parts)
        auto = call.o["slope"] == "auto"
        pplimits = kw.get("pplimits")
        g = run.get
        defaults = [_opt(g("xplmin"), g("xplmax")) + _opt(g("yplmin"), g("yplmax")),
                    _opt(g("yplmin"), g("yplmax")) + _opt(g("ypplmin"), g("ypplmax")),
                    _opt(g("xplmin"), g("xplmax")) + _opt(g("xpplmin"), g("xpplmax")),
                    _opt(g("ypplmin"), g("ypplmax")) + _opt(g("xpplmin"), g("xpplmax"))]
        if pplimits is None:
            limits = defaults
        else:
            call.o["lframe"] = True
            if not isinstance(pplimits[0], (tuple, list)):
                limits = [tuple(pplimits)] * 4
            else:
                limits = [tuple(pplimits[i]) if i < len(pplimits) and pplimits[i] else defaults[i]
                          for i in range(4)]
            limits = [options.CHECKS["pplimits"](lim) for lim in limits]
        right = pptitleright(call.iw, call.kw)
    x, y, xp, yp = a["x"], a["y"], a["xp"], a["yp"]
    if auto:
        sx, xo, xpo, _vz = _slope_moments(comm, call, parts, "x")
        sy, yo, ypo, _vz = _slope_moments(comm, call, parts, "y")
        xp = xp - sx * (x - xo) - xpo
        yp = yp - sy * (y - yo) - ypo
        call.o["slope"] = 0.0
    if call.o["titles"]:
        session.ptitles(titler=right)
    panels = [(3, y, x, "Y vs X", "X", "Y"), (4, yp, y, "Y' vs Y", "Y", "Y'"),
              (5, xp, x, "X' vs X", "X", "X'"), (6, xp, yp, "X' vs Y'", "Y'", "X'")]
    o = dict(call.o)
    if normalize:
        grids = []
        for k, (view, v, h, *_t) in enumerate(panels):
            q = dict(o, view=view, pplimits=limits[k], returngrid=1)
            grids.append(_engine(comm, "pptrace", Particles(h, v, weights, None, sel_kw, subset), q)[0])
        if o["cmin"] is None:
            o["cmin"] = min(float(g_.min()) for g_ in grids if g_ is not None)
        if o["cmax"] is None:
            o["cmax"] = max(float(g_.max()) for g_ in grids if g_ is not None)
    results = []
    for k, (view, v, h, t, b, l) in enumerate(panels):
        session.settitles(t, b, l)
        q = dict(o, view=view, pplimits=limits[k])
        results.append(_engine(comm, "pptrace", Particles(h, v, weights, None, dict(sel_kw), subset), q))
    return PlotResult(xy=results[0], yyp=results[1], xxp=results[2], xpyp=results[3])


# ------------------------------------------------- colour by particle index

def _index_bands(n, ncolor, nskipcol, nstepcol):
    """Warp's ppzxco banding of this rank's particles by index: which are
    drawn (every nskipcol-th of each of ncolor consecutive blocks, from
    its second) and the colour number of each (1..ncolor)."""
    band = numpy.zeros(n, numpy.int64)
    drawn = numpy.zeros(n, bool)
    if n == 0:
        return drawn, band
    inp = n / ncolor
    istep = nskipcol * nstepcol
    if inp < istep:
        istep = 1
    for ic in range(1, ncolor + 1):
        start, stop = int(inp * (ic - 1)), int(inp * ic)
        for ij in range(1, istep + 1, nskipcol * 2):
            for first in (start + ij, start + ij + nskipcol):
                idx = numpy.arange(first, stop, istep)
                drawn[idx] = True
                band[idx] = ic
    return drawn, band


def _co_plot(name, v, iw, kw, ncolor, nskipcol, nstepcol):
    comm = _comm(kw)
    if ppmultispecies(globals()[name], (iw,), dict(kw, ncolor=ncolor, nskipcol=nskipcol, nstepcol=nstepcol)):
        return PlotResult(species=ppmultispecies.last)
    with agreement(comm):
        call = _Call(name, iw, kw)
        parts = call.particles(("z", v))
        ncolor_ = int(run.ncolor if ncolor is None else ncolor)
        nskip = int(run.nskipcol if nskipcol is None else nskipcol)
        nstep = int(run.nstepcol if nstepcol is None else nstepcol)
        if min(ncolor_, nskip, nstep) < 1:
            raise ValueError(f"{name}: ncolor, nskipcol and nstepcol must be >= 1")
        z = _concat(parts, lambda p: p.q.get("z"))
        y = _concat(parts, lambda p: p.q.get(v))
        sel_kw, _subset = _selection_of(parts)
        drawn, band = _index_bands(z.shape[0], ncolor_, nskip, nstep)
        titlet = {"x": "X vs Z", "y": "Y vs Z", "vz": "Vz vs Z"}[v]
        _titles(call, titlet, "z", v, parts)
        where = drawn if sel_kw.get("where") is None else (sel_kw["where"] & drawn)
        spec = _select_spec(dict(sel_kw, where=where))
        o = call.o
    got, selected, gathered = _core.gather_points(comm, [z, y, band.astype(float)], spec, int(o["maxpoints"]),
                                                  int(o["seed"]), 0)

    def on_root():
        if o["view"] is not None:
            gist.plsys(o["view"])
        zs, ys, bs = got
        for ic in range(1, ncolor_ + 1):
            keep = bs == ic
            if keep.any():
                session.plp(ys[keep], zs[keep], color=draw.COLORS[ic % len(draw.COLORS)], marker=o["marker"],
                            msize=o["msize"])
        if o["titles"]:
            session.ptitles(o["titlet"], o["titleb"], o["titlel"], o["titler"], height=o["height"])
        session.settitles()
    with agreement(comm):
        if comm.rank == 0:
            on_root()
    return PlotResult(drawn="scatter", selected=int(selected), points=int(gathered),
                      bytes_to_root=int(gathered) * 24, layers=["scatter"])


def ppzxco(iw=0, ncolor=None, nskipcol=None, nstepcol=None, **kw):
    """Z-X coloured by particle index (Warp's bands of ncolor colours)."""
    return _co_plot("ppzxco", "x", iw, kw, ncolor, nskipcol, nstepcol)


def ppzyco(iw=0, ncolor=None, nskipcol=None, nstepcol=None, **kw):
    """Z-Y coloured by particle index."""
    return _co_plot("ppzyco", "y", iw, kw, ncolor, nskipcol, nstepcol)


def ppzvzco(iw=0, ncolor=None, nskipcol=None, nstepcol=None, **kw):
    """Z-Vz coloured by particle index."""
    return _co_plot("ppzvzco", "vz", iw, kw, ncolor, nskipcol, nstepcol)


def ppzxyco(iw=0, ncolor=None, nskipcol=None, nstepcol=None, **kw):
    """ppzxco in view 9 and ppzyco in view 10 (Warp's halves)."""
    _need_views("ppzxyco", kw, 10)
    first = ppzxco(iw, ncolor=ncolor, nskipcol=nskipcol, nstepcol=nstepcol, **dict(kw, view=9))
    second = ppzyco(iw, ncolor=ncolor, nskipcol=nskipcol, nstepcol=nstepcol, **dict(kw, view=10))
    return PlotResult(zx=first, zy=second)


# ------------------------------------------------------------------ ppco

def ppco(y, x, z, uz=1.0, zmin=None, zmax=None, ncolor=None, usepalette=1, npalette=200, local=0, **kw):
    """y against x coloured by z in ncolor bands between zmin and zmax
    (default: z's global extremes): palette colours (usepalette=1, spread
    over npalette) or Warp's six named ones. Collective: at most maxpoints
    (x, y, z) reach rank 0. uz is accepted as Warp does (unused there too)."""
    comm = _comm(kw)
    with agreement(comm):
        extra = dict(kw)
        marker = options.CHECKS["marker"](extra.pop("marker", "\1"))
        msize = options.CHECKS["msize"](extra.pop("msize", 1.0))
        maxpoints = options.CHECKS["maxpoints"](extra.pop("maxpoints", 100000))
        seed = options.CHECKS["seed"](extra.pop("seed", 0))
        extra.pop("comm", None)
        if extra:
            raise TypeError(f"ppco() got an unexpected keyword argument {sorted(extra)[0]!r}")
        arrays = [numpy.asarray(a, dtype=float).ravel() for a in (x, y, z)]
        if not arrays[0].size == arrays[1].size == arrays[2].size:
            raise ValueError("ppco: x, y, and z must all be the same length")
        ncolor = int(run.ncolor if ncolor is None else ncolor)
        if ncolor < 1:
            raise ValueError("ppco: ncolor must be >= 1")
    if local and comm.size > 1:
        if comm.rank != 0:
            return None
        comm = _core.Comm.self_comm()
    lims = _core.limits(comm, [arrays[2]], None, 0.0)[0]
    zlo = lims[0] if zmin is None else float(zmin)
    zhi = lims[1] if zmax is None else float(zmax)
    got, selected, gathered = _core.gather_points(comm, arrays, None, int(maxpoints), int(seed), 0)
    with agreement(comm):
        if comm.rank == 0 and lims[2]:
            draw.colored_markers(got[1], got[0], got[2], zlo, zhi, ncolor, usepalette, npalette, marker, msize)
    return PlotResult(drawn="density-scatter", selected=int(selected), points=int(gathered),
                      bytes_to_root=int(gathered) * 24, cmin=float(zlo), cmax=float(zhi), layers=["scatter"])


# -------------------------------------------------------------- ppvector

def ppvector(gridy=None, gridx=None, ymesh=None, xmesh=None, scale=None, xmin=None, xmax=None, ymin=None,
             ymax=None, **kw):
    """Arrows (gridx, gridy) of rank 0's grids at the mesh nodes (Gist's plv):
    2-D grids on xmin..xmax, ymin..ymax (default the indices), the longest
    arrow a cell long unless scale=; 1-D data needs xmesh, ymesh and scale.
    Other keywords are plv's."""
    comm = _comm(kw)
    kw.pop("comm", None)
    local = kw.pop("local", 1)
    with agreement(comm):
        if gridx is None or gridy is None:
            raise TypeError("ppvector: both gridx and gridy must be given")
        gx, gy = numpy.asarray(gridx, dtype=float), numpy.asarray(gridy, dtype=float)
        if gx.shape != gy.shape:
            raise ValueError("ppvector: gridx and gridy must be the same shape")
        if gx.ndim == 1:
            if xmesh is None or ymesh is None or scale is None:
                raise ValueError("ppvector: 1-D data needs xmesh, ymesh and scale")
            xm, ym = numpy.asarray(xmesh, dtype=float).ravel(), numpy.asarray(ymesh, dtype=float).ravel()
        elif gx.ndim == 2:
            nx, ny = gx.shape[0] - 1, gx.shape[1] - 1
            if xmesh is None:
                xm1 = numpy.linspace(0.0 if xmin is None else xmin, nx if xmax is None else xmax, nx + 1)
            else:
                xm1 = numpy.asarray(xmesh, dtype=float)
            if ymesh is None:
                ym1 = numpy.linspace(0.0 if ymin is None else ymin, ny if ymax is None else ymax, ny + 1)
            else:
                ym1 = numpy.asarray(ymesh, dtype=float)
            xm = xm1[:, None] * numpy.ones(ny + 1) if xm1.ndim == 1 else xm1
            ym = ym1[None, :] * numpy.ones(nx + 1)[:, None] if ym1.ndim == 1 else ym1
            if scale is None:
                dx = (xm.max() - xm.min()) / max(nx, 1)
                dy = (ym.max() - ym.min()) / max(ny, 1)
                vmax = max(numpy.abs(gx).max(), numpy.abs(gy).max())
                scale = min(dx, dy) / (vmax if vmax != 0 else 1.0)
        else:
            raise ValueError("ppvector: gridx must be 1-D or 2-D")
    if comm.rank == 0 or not local:
        gist.plv(gy.ravel(), gx.ravel(), ym.ravel(), xm.ravel(), scale=scale, local=local, **kw)
    return PlotResult(drawn="vectors", scale=float(scale), points=int(gx.size), layers=["vectors"])
