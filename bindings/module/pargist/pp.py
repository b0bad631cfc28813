"""Warp's particle plots, collective: every rank passes its own particles;
rank 0 receives only the reduced result (a capped fair sample of markers, or
one density grid) and draws it.

    ppzx(z=z, x=x)                       # this rank's arrays
    ppzx(particles=beam)                 # an object with getz(), getx(), ...
    ppxxp(x=x, xp=xp, color='density', zl=0.0, zu=1.0)

Selection: zl, zu, xl, xu, yl, yu (windows on z, x, y), ii (this rank's
index list), iw < 0 (a random sample of -iw particles in total; iw > 0, Warp's
z-window index, has no meaning here and raises). Above ``maxpoints`` selected
particles (default 100 000) the plot is a density image; contours=,
cellarray=1 and color='density' ask for the density whatever the count.

The view comes from rank 0: pplimits=(xmin, xmax, ymin, ymax), else the
current system's fixed limits (a live window's zoom included), else the
data's global extremes. xmin=, xmax=, ymin=, ymax= fix the grid's sides.

Every call returns a PlotResult (dict) on every rank: what was drawn, the
number of particles selected and of markers sent to rank 0, the view, the
bytes rank 0 received.
"""

import numpy

from . import _core, parallel
from ._collective import agreement
from ._keywords import check_keywords
from ._state import is_root
from ._style import parse_color, parse_marker

__all__ = ["ppgeneric", "ppzx", "ppzy", "ppzr", "ppxy", "ppzxy", "ppzxp", "ppzyp", "ppzvx",
           "ppzvy", "ppzvz", "ppxxp", "ppyyp", "ppxpyp", "ppxvx", "ppyvy", "ppvxvy",
           "ppvzvperp", "pprrp", "PlotResult"]

# The particle quantities a pp* call may need, and how each is found from
# the others when not given (derived ones cost one temporary array).
_QUANTITIES = ("x", "y", "z", "vx", "vy", "vz", "xp", "yp", "r", "rp", "vperp")
_LABELS = {"x": "X", "y": "Y", "z": "Z", "vx": "Vx", "vy": "Vy", "vz": "Vz", "xp": "X'",
           "yp": "Y'", "r": "R", "rp": "R'", "vperp": "Vperp"}

_PP_KEYWORDS = {
    # selection
    "zl", "zu", "xl", "xu", "yl", "yu", "ii", "iw",
    # data
    "weights", "zz", "particles",
    # drawing
    "color", "contours", "filled", "cellarray", "nx", "ny", "xmin", "xmax", "ymin", "ymax",
    "cmin", "cmax", "uselog", "ncolor", "marker", "msize", "lcolorbar", "titles", "titlet",
    "titleb", "titlel", "titler", "pplimits", "lframe", "view",
    # pargist's own
    "local", "maxpoints", "seed", "method", "comm",
} | set(_QUANTITIES)


class PlotResult(dict):
    """What a pp* call did (same on every rank); shows the frame in Jupyter."""

    def _repr_png_(self):
        if not is_root():
            return None
        return _core.frame_png_bytes(75.0)


class _Source:
    """This rank's particle quantities: keyword arrays first, then the
    ``particles=`` object's getX() accessors, then derived ones."""

    def __init__(self, func, kw, particles):
        self.func = func
        self.given = {q: kw[q] for q in _QUANTITIES if kw.get(q) is not None}
        self.particles = particles
        self.cache = {}

    def get(self, name):
        if name in self.cache:
            return self.cache[name]
        value = self._find(name)
        self.cache[name] = value
        return value

    def _find(self, name):
        if name in self.given:
            return self.given[name]
        p = self.particles
        if p is not None and hasattr(p, "get" + name):
            return getattr(p, "get" + name)()
        derived = {
            "xp": lambda: self._ratio("vx", "vz"),
            "yp": lambda: self._ratio("vy", "vz"),
            "r": lambda: numpy.hypot(self._float("x"), self._float("y")),
            "vperp": lambda: numpy.hypot(self._float("vx"), self._float("vy")),
            "rp": self._rprime,
        }
        if name in derived:
            return derived[name]()
        raise TypeError(f"{self.func}: needs {name}= (this rank's {name} array) or "
                        f"particles= with get{name}()")

    def _float(self, name):
        return numpy.asarray(self.get(name))

    def _ratio(self, a, b):
        with numpy.errstate(divide="ignore", invalid="ignore"):
            return self._float(a) / self._float(b)

    def _rprime(self):
        x, y, r = self._float("x"), self._float("y"), self._float("r")
        with numpy.errstate(divide="ignore", invalid="ignore"):
            return (x * self._float("xp") + y * self._float("yp")) / r


def _flag(v, name):
    try:
        return bool(int(v))
    except (TypeError, ValueError):
        raise TypeError(f"{name}: expected 0 or 1, got {v!r}") from None


def _positive_int(v, name):
    if isinstance(v, bool) or not isinstance(v, (int, numpy.integer)) or int(v) < 1:
        raise ValueError(f"{name}: expected a positive integer, got {v!r}")
    return int(v)


def _prepare(func, hname, vname, kw, defaults):
    """Check keywords, find the arrays and build the core's options (local work)."""
    check_keywords(func, kw, _PP_KEYWORDS)
    particles = kw.get("particles")
    plot_particles_too = False
    if isinstance(particles, (bool, int, numpy.integer)):
        plot_particles_too = _flag(particles, "particles")  # Warp's flag: markers over the density
        particles = None
    src = _Source(func, kw, particles)
    x = src.get(hname)
    y = src.get(vname)

    select = {}
    windows = []
    for lo_key, hi_key, q in (("zl", "zu", "z"), ("xl", "xu", "x"), ("yl", "yu", "y")):
        lo, hi = kw.get(lo_key), kw.get(hi_key)
        if lo is None and hi is None:
            continue
        lo = -numpy.inf if lo is None else float(lo)
        hi = numpy.inf if hi is None else float(hi)
        if not hi > lo:
            raise ValueError(f"{func}: {hi_key} ({hi}) must exceed {lo_key} ({lo})")
        windows.append((q, src.get(q), lo, hi))
    if windows:
        select["windows"] = windows
    if kw.get("ii") is not None:
        select["indices"] = kw["ii"]

    o = {}
    iw = kw.get("iw", 0) or 0
    if isinstance(iw, bool) or not isinstance(iw, (int, numpy.integer)):
        raise TypeError(f"{func}: iw must be an integer")
    if iw > 0:
        raise ValueError(f"{func}: iw={iw} selects one of Warp's z windows, which pargist does not have; "
                         "use zl=, zu= (or iw<0 for a random sample of -iw particles)")
    if iw < 0:
        o["thin_to"] = int(-iw)

    color = kw.get("color", "fg")
    if isinstance(color, str) and color == "density":
        o["color_density"] = True
    else:
        o["color"] = parse_color(color)
    for name in ("contours", "ncolor"):
        if kw.get(name) is not None:
            o[name] = int(kw[name])
            if o[name] < 0:
                raise ValueError(f"{func}: {name} must be >= 0")
    for name in ("filled", "cellarray", "uselog", "titles"):
        if kw.get(name) is not None:
            o[name] = _flag(kw[name], name)
    if kw.get("lcolorbar") is not None:
        o["lcolorbar"] = _flag(kw["lcolorbar"], "lcolorbar")
    for name in ("nx", "ny", "maxpoints"):
        if kw.get(name) is not None:
            o[name] = _positive_int(kw[name], name)
    for name in ("xmin", "xmax", "ymin", "ymax", "cmin", "cmax"):
        if kw.get(name) is not None:
            o[name] = float(kw[name])
    if kw.get("msize") is not None:
        o["msize"] = float(kw["msize"])
    o["marker"] = parse_marker(kw["marker"]) if kw.get("marker") is not None else 1
    if kw.get("seed") is not None:
        o["seed"] = int(kw["seed"])
    if kw.get("method") is not None:
        if kw["method"] not in ("ngp", "cic"):
            raise ValueError(f"{func}: method must be 'ngp' or 'cic', got {kw['method']!r}")
        o["method"] = kw["method"]
    if kw.get("view") is not None:
        o["view"] = int(kw["view"])
    pplimits = kw.get("pplimits")
    if pplimits is not None:
        pplimits = tuple(float(v) for v in pplimits)
        if len(pplimits) != 4:
            raise ValueError(f"{func}: pplimits is (xmin, xmax, ymin, ymax)")
        o["pplimits"] = pplimits
    elif kw.get("lframe"):
        raise ValueError(f"{func}: lframe=1 needs pplimits=(xmin, xmax, ymin, ymax) "
                         "(pargist has no w3d plot limits)")
    for name in ("titlet", "titleb", "titlel", "titler"):
        value = kw.get(name, defaults.get(name))
        if value is not None:
            o[name] = str(value)
    return x, y, kw.get("weights"), kw.get("zz"), select or None, o, plot_particles_too


def _pp(func, hname, vname, kw, defaults=None):
    defaults = defaults or {}
    local = kw.get("local", 0)
    comm = parallel.get_comm(kw.get("comm"))
    if local:
        # Warp's local=1: this rank's particles only, drawn if it is rank 0.
        with agreement(_core.Comm.self_comm()):
            args = _prepare(func, hname, vname, kw, defaults)
        if comm.rank != 0:
            return None
        comm = _core.Comm.self_comm()
    else:
        with agreement(comm):
            args = _prepare(func, hname, vname, kw, defaults)
    x, y, weights, zz, select, options, particles_too = args
    result = PlotResult(_core.ppgeneric(comm, x, y, weights, zz, select, options, func))
    if particles_too and result["drawn"] in ("cellarray", "contours", "filled-contours"):
        over = dict(options, contours=0, cellarray=False, color_density=False, titles=False,
                    thin_to=options.get("maxpoints", 100000))
        result["particles"] = PlotResult(_core.ppgeneric(comm, x, y, weights, None, select, over, func))
    return result


def _labels(h, v):
    return {"titlet": f"{_LABELS[v]} vs {_LABELS[h]}", "titleb": _LABELS[h], "titlel": _LABELS[v]}


def ppgeneric(y=None, x=None, **kw):
    """ppgeneric(y, x, ...): y against x for this rank's arrays (Warp's keywords)."""
    if y is None or x is None:
        raise TypeError("ppgeneric: needs y and x (this rank's arrays)")
    kw = dict(kw, _h=x, _v=y)
    return _generic(kw)


def _generic(kw):
    h, v = kw.pop("_h"), kw.pop("_v")
    if "x" in kw or "y" in kw:
        raise TypeError("ppgeneric: pass the plotted arrays positionally: ppgeneric(y, x, ...)")
    kw["x"], kw["y"] = h, v
    return _pp("ppgeneric", "x", "y", kw, {})


def _make(name, h, v, doc):
    def plot(**kw):
        return _pp(name, h, v, kw, _labels(h, v))
    plot.__name__ = name
    plot.__qualname__ = name
    plot.__doc__ = f"{name}(**kw): {doc} (collective; see pargist.pp for the keywords)."
    return plot


ppzx = _make("ppzx", "z", "x", "X versus Z")
ppzy = _make("ppzy", "z", "y", "Y versus Z")
ppzr = _make("ppzr", "z", "r", "R = sqrt(x^2 + y^2) versus Z")
ppxy = _make("ppxy", "x", "y", "Y versus X")
ppzxp = _make("ppzxp", "z", "xp", "X' versus Z")
ppzyp = _make("ppzyp", "z", "yp", "Y' versus Z")
ppzvx = _make("ppzvx", "z", "vx", "Vx versus Z")
ppzvy = _make("ppzvy", "z", "vy", "Vy versus Z")
ppzvz = _make("ppzvz", "z", "vz", "Vz versus Z")
ppxxp = _make("ppxxp", "x", "xp", "X' versus X")
ppyyp = _make("ppyyp", "y", "yp", "Y' versus Y")
ppxpyp = _make("ppxpyp", "xp", "yp", "Y' versus X'")
ppxvx = _make("ppxvx", "x", "vx", "Vx versus X")
ppyvy = _make("ppyvy", "y", "vy", "Vy versus Y")
ppvxvy = _make("ppvxvy", "vx", "vy", "Vy versus Vx")
ppvzvperp = _make("ppvzvperp", "vz", "vperp", "Vperp = sqrt(vx^2 + vy^2) versus Vz")
pprrp = _make("pprrp", "r", "rp", "R' versus R")


def ppzxy(**kw):
    """ppzxy(**kw): X versus Z and Y versus Z, in systems 1 and 2 when the
    style has two (e.g. window(style='work2')), else both in the current
    system (X in the colour given, Y in red). Returns both results."""
    view = kw.pop("view", None)
    two_panels = False
    if is_root():
        two_panels = _core.frame_info()["systems"] > 2
    two_panels = parallel.broadcast(two_panels, comm=kw.get("comm"))
    if two_panels:
        first = ppzx(view=1 if view is None else view, **kw)
        second = ppzy(view=2 if view is None else view + 1, **kw)
    else:
        first = ppzx(**dict(kw, view=view))
        color = kw.get("color") if kw.get("color") == "density" else "red"
        second = ppzy(**dict(kw, view=view, color=color, titles=0))
    return PlotResult(zx=first, zy=second)
