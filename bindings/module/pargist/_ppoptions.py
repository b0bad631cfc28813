"""Warp's ppgeneric keywords: their defaults (Warp's), their checks, and
which of them Warp's plots take besides (selection, titles, slope).

Every keyword is either honoured or refused with NotImplementedError naming
it; an unknown keyword is a TypeError, as in Warp ("bad argument"), unless
allowbadargs=1 (Warp's way of letting extra keywords through).
"""

import numbers

import numpy

from ._ppquantities import ARRAY_KEYWORDS
from ._ppselect import SELECT_KEYWORDS
from ._style import parse_color, parse_marker

# Warp's _ppgeneric_kwdefaults.
DEFAULTS = {
    "zz": None, "weights": None, "grid": None, "gridt": None, "nx": 20, "ny": 20, "slope": 0.0,
    "xoffset": 0.0, "yoffset": 0.0, "offset": 0.0, "xscale": 1.0, "yscale": 1.0, "titles": 1,
    "titlet": "", "titleb": "", "titlel": "", "titler": "", "height": 20, "lframe": 0,
    "xmin": None, "xmax": None, "ymin": None, "ymax": None, "pplimits": ("e", "e", "e", "e"),
    "particles": 0, "uselog": None, "logmin": None, "color": "fg", "ncolor": None,
    "usepalette": 1, "npalette": 200, "marker": "\1", "msize": 1.0, "denmin": None, "denmax": None,
    "chopped": None, "hash": 0, "line_scale": 0.9, "hcolor": "fg", "width": 1.0, "contours": None,
    "filled": 0, "ccolor": "fg", "leveloverlap": 0.0, "cellarray": 0, "centering": "node",
    "ctop": 199, "cmin": None, "cmax": None, "ireg": None, "xbound": 0, "ybound": 0,
    "ldensityscale": False, "ldensitycylindrical": False, "gridscale": None, "flipxaxis": 0,
    "flipyaxis": 0, "xcoffset": 0.0, "ycoffset": 0.0, "view": None, "lcolorbar": 1,
    "colbarunitless": 0, "colbarlinear": 1, "surface": 0, "xmesh": None, "ymesh": None,
    "withbends": False, "returngrid": 0, "local": 1, "checkargs": 0, "allowbadargs": 0,
}

# pargist's own: the cap on markers sent to rank 0 (above it, a density
# image), the sampling seed, the deposition kernel, the communicator.
PARGIST = {"maxpoints": 100000, "seed": 0, "method": "cic", "comm": None}

# Taken by Warp's plots besides ppgeneric's and selectparticles' keywords.
PLOT_EXTRA = ("iw", "slopejs")

ALL = set(DEFAULTS) | set(PARGIST) | set(SELECT_KEYWORDS) | set(PLOT_EXTRA) | set(ARRAY_KEYWORDS)


def _flag(name):
    def check(v):
        if isinstance(v, (bool, numbers.Integral)) or (isinstance(v, numpy.ndarray) and v.ndim == 0):
            return bool(v)
        raise TypeError(f"{name}: expected 0 or 1, got {v!r}")
    return check


def _number(name, positive=False, allow_none=True):
    def check(v):
        if v is None and allow_none:
            return None
        if isinstance(v, bool) or not isinstance(v, (numbers.Real, numpy.floating, numpy.integer)):
            raise TypeError(f"{name}: expected a number, got {v!r}")
        v = float(v)
        if not numpy.isfinite(v):
            raise ValueError(f"{name}: must be finite, got {v}")
        if positive and v <= 0:
            raise ValueError(f"{name}: must be > 0, got {v}")
        return v
    return check


def _count(name, minimum=1, allow_none=False):
    def check(v):
        if v is None and allow_none:
            return None
        if isinstance(v, bool) or not isinstance(v, (numbers.Integral, numpy.integer)):
            raise TypeError(f"{name}: expected an integer, got {v!r}")
        if int(v) < minimum:
            raise ValueError(f"{name}: must be >= {minimum}, got {v}")
        return int(v)
    return check


def _text(name):
    def check(v):
        if not isinstance(v, str):
            raise TypeError(f"{name}: expected a string, got {type(v).__name__}")
        return v
    return check


def _color_or_density(v):
    if isinstance(v, str) and v == "density":
        return v
    parse_color(v)
    return v


def _contours(v):
    if v is None:
        return None
    if numpy.ndim(v):
        levels = numpy.asarray(v, dtype=float).ravel()
        if levels.size == 0 or not numpy.all(numpy.isfinite(levels)):
            raise ValueError("contours: a list of finite levels, or a number of levels")
        return numpy.sort(levels)
    n = _count("contours", 0)(v)
    return None if n == 0 else n


def _uselog(v):
    if v is None or v is False or (isinstance(v, numbers.Integral) and not isinstance(v, bool) and v == 0):
        return None
    if v == "e" or v is True:
        return "e"
    base = _number("uselog", positive=True)(v)
    return "e" if base == 1.0 else base


def _pplimits(v):
    try:
        sides = list(v)
    except TypeError:
        raise TypeError("pplimits: (xmin, xmax, ymin, ymax), each a number or 'e'") from None
    if len(sides) != 4:
        raise ValueError("pplimits: (xmin, xmax, ymin, ymax), each a number or 'e'")
    out = []
    for s in sides:
        if isinstance(s, str):
            if s != "e":
                raise ValueError(f"pplimits: a side is a number or 'e', got {s!r}")
            out.append("e")
        else:
            out.append(_number("pplimits")(s))
    if "e" not in out[:2] and not out[1] > out[0] or "e" not in out[2:] and not out[3] > out[2]:
        raise ValueError("pplimits: must have xmin < xmax and ymin < ymax")
    return tuple(out)


def _choice(name, values):
    def check(v):
        if v not in values:
            raise ValueError(f"{name}: one of {', '.join(map(repr, values))}, got {v!r}")
        return v
    return check


def _array(name, ndim=None):
    def check(v):
        if v is None:
            return None
        a = numpy.asarray(v)
        if a.dtype.kind not in "biuf":
            raise TypeError(f"{name}: expected numbers, got dtype {a.dtype}")
        if ndim is not None and a.ndim != ndim:
            raise ValueError(f"{name}: expected a {ndim}-D array, got {a.ndim}-D")
        return a
    return check


def _not_available(name, why):
    def check(v):
        if v:
            raise NotImplementedError(f"{name}=1: {why}")
        return False
    return check


def _offset(name):
    def check(v):
        if numpy.ndim(v):
            return numpy.asarray(v, dtype=float)
        return _number(name, allow_none=False)(v)
    return check


CHECKS = {
    "zz": _array("zz", 1), "weights": _array("weights", 1), "grid": _array("grid", 2),
    "gridt": _array("gridt", 2), "nx": _count("nx"), "ny": _count("ny"),
    "slope": lambda v: v if isinstance(v, str) else _number("slope", allow_none=False)(v),
    "xoffset": _number("xoffset", allow_none=False), "yoffset": _number("yoffset", allow_none=False),
    "offset": _number("offset", allow_none=False), "xscale": _number("xscale", allow_none=False),
    "yscale": _number("yscale", allow_none=False), "titles": _flag("titles"),
    "titlet": _text("titlet"), "titleb": _text("titleb"), "titlel": _text("titlel"),
    "titler": _text("titler"), "height": _number("height", positive=True), "lframe": _flag("lframe"),
    "xmin": _number("xmin"), "xmax": _number("xmax"), "ymin": _number("ymin"), "ymax": _number("ymax"),
    "pplimits": _pplimits, "uselog": _uselog, "logmin": _number("logmin", positive=True),
    "color": _color_or_density, "ncolor": _count("ncolor", allow_none=True),
    "usepalette": _flag("usepalette"), "npalette": _count("npalette", 2),
    "marker": parse_marker, "msize": _number("msize", positive=True),
    "denmin": _number("denmin"), "denmax": _number("denmax"), "chopped": _number("chopped", positive=True),
    "hash": _flag("hash"), "line_scale": _number("line_scale", allow_none=False),
    "hcolor": lambda v: (parse_color(v), v)[1], "width": _number("width", positive=True),
    "contours": _contours, "filled": _flag("filled"), "ccolor": lambda v: (parse_color(v), v)[1],
    "leveloverlap": _number("leveloverlap"), "cellarray": _flag("cellarray"),
    "centering": _choice("centering", ("node", "cell", "old")), "ctop": _count("ctop", 1),
    "cmin": _number("cmin"), "cmax": _number("cmax"), "ireg": _array("ireg", 2),
    "xbound": _choice("xbound", (0, 1, 2)), "ybound": _choice("ybound", (0, 1, 2)),
    "ldensityscale": _flag("ldensityscale"), "ldensitycylindrical": _flag("ldensitycylindrical"),
    "gridscale": _number("gridscale"), "flipxaxis": _flag("flipxaxis"), "flipyaxis": _flag("flipyaxis"),
    "xcoffset": _offset("xcoffset"), "ycoffset": _offset("ycoffset"),
    "view": _count("view", 0, allow_none=True), "lcolorbar": _flag("lcolorbar"),
    "colbarunitless": _flag("colbarunitless"), "colbarlinear": _flag("colbarlinear"),
    "surface": _not_available("surface", "pargist has no 3-D surface plot of a pp* grid; use "
                              "returngrid=1 and plot the grid"),
    "xmesh": _array("xmesh"), "ymesh": _array("ymesh"),
    "withbends": _not_available("withbends", "pargist has no lattice of bends to map the bent "
                                "frame to the lab frame"),
    "returngrid": _flag("returngrid"), "local": _flag("local"),
    "checkargs": _flag("checkargs"), "allowbadargs": _flag("allowbadargs"),
    "maxpoints": _count("maxpoints"), "seed": _count("seed", 0),
    "method": _choice("method", ("ngp", "cic")),
}


def bad_arguments(kw, extra=()):
    """Warp's checkarguments: the keywords no plot understands."""
    allowed = ALL | set(extra)
    return {k: v for k, v in kw.items() if k not in allowed}


def resolve(func, kw, extra=()):
    """Warp's defaults completed with the call's keywords, checked (local)."""
    bad = bad_arguments(kw, extra)
    if bad and not kw.get("allowbadargs"):
        raise TypeError(f"{func}() got an unexpected keyword argument {sorted(bad)[0]!r}")
    opts = dict(DEFAULTS)
    opts.update(PARGIST)
    for key, value in kw.items():
        if key in bad:
            continue
        check = CHECKS.get(key)
        if check is not None and not (value is None and DEFAULTS.get(key, PARGIST.get(key)) is None):
            value = check(value)
        opts[key] = value
    if isinstance(opts["slope"], str) and opts["slope"] != "auto":
        raise ValueError(f"{func}: slope is a number or 'auto', got {opts['slope']!r}")
    return opts
