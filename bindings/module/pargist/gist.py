"""Gist's plotting API, as pygist has it: windows, systems, limits,
primitives, palettes, hardcopy. Scripts written for pygist port by changing
their import line.

Every rank may call these functions (SPMD scripts do); only rank 0 of the
default communicator keeps the Gist state and draws, the others return at
once. Functions that return a value (limits, plsys, window...) return it on
rank 0 and None elsewhere.

Each primitive takes ``local=1`` (the default: this rank's data, drawn only
when this rank is rank 0) or ``local=0`` (collective: every rank's data is
gathered to rank 0 and drawn there, one element per rank in rank order).

Units are Gist's: width 1 = 1/2 point, msize 1 = 10 points, text height in
points, plt positions in NDC unless ``tosys=1``.
"""

import contextlib
import operator
import os
import warnings

import numpy

from . import _core, parallel
from ._collective import agreement
from ._keywords import check_keywords
from ._state import is_root
from ._style import (parse_color, parse_justify, parse_line_type, parse_marker,
                     positive_number)

__all__ = ["window", "current_window", "winkill", "fma", "redraw", "animate", "plsys",
           "limits", "ylimits", "logxy", "gridxy", "palette", "pldefault", "unzoom",
           "zoom_factor", "mouse", "plg", "plm", "plc", "plf", "plfp", "pli", "pldj", "plv",
           "plt", "plfc", "plmesh", "pltitle", "xytitles", "colorbar", "plq", "plremove",
           "hcp_file", "hcp", "hcpon", "hcpoff", "hcp_finish", "png", "pdf", "eps", "svg",
           "current_frame", "Frame"]

# ----------------------------------------------------------------- helpers

_FONT_FAMILIES = {"courier": 0, "times": 4, "helvetica": 8, "symbol": 12, "schoolbook": 16}


def _font(value):
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value < 20:
            return value
        raise ValueError(f"font: code {value} outside 0..19")
    if not isinstance(value, str):
        raise TypeError(f"font: expected a name like 'helvetica' or 'timesB', got {value!r}")
    name = value.lower()
    code = None
    for family, base in _FONT_FAMILIES.items():
        if name.startswith(family):
            code, rest = base, value[len(family):]
            break
    if code is None:
        raise ValueError(f"font: unknown font {value!r} (courier, times, helvetica, symbol, schoolbook)")
    if rest.upper() not in ("", "B", "I", "BI", "IB"):
        raise ValueError(f"font: unknown style {rest!r} in {value!r} (B, I, BI)")
    return code + (1 if "B" in rest.upper() else 0) + (2 if "I" in rest.upper() else 0)


def _flag(value, what):
    try:
        return bool(int(value))
    except (TypeError, ValueError):
        raise TypeError(f"{what}: expected 0 or 1, got {value!r}") from None


def _non_negative(value, what):
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{what}: expected a number, got {type(value).__name__}") from None
    if not (x >= 0 and x < float("inf")):
        raise ValueError(f"{what}: must be a finite number >= 0, got {value!r}")
    return x


def _int(value, what):
    if isinstance(value, bool) or not isinstance(value, (int, numpy.integer)):
        raise TypeError(f"{what}: expected an integer, got {value!r}")
    return int(value)


# How each Gist keyword becomes the value the core takes. Keywords mapped to
# None are accepted (pygist scripts pass them) but have no effect here:
# smooth (spline smoothing), top (byte-scale top), triangle (mesh
# triangulation), arrowl/arroww/rspace/rphase (ray details), dump, private,
# wait, rgb, parent/xpos/ypos (X window placement).
_CONVERT = {
    "color": lambda v: parse_color(v, "color"),
    "mcolor": lambda v: parse_color(v, "mcolor"),
    "ecolor": lambda v: parse_color(v, "ecolor"),
    "type": parse_line_type,
    "width": lambda v: positive_number(v, "width"),
    "ewidth": lambda v: positive_number(v, "ewidth"),
    "msize": lambda v: positive_number(v, "msize"),
    "height": lambda v: positive_number(v, "height"),
    "marker": parse_marker,
    "marks": lambda v: _flag(v, "marks"),
    "mspace": float, "mphase": float,
    "closed": lambda v: _flag(v, "closed"),
    "rays": lambda v: _flag(v, "rays"),
    "hide": lambda v: _flag(v, "hide"),
    "legend": str,
    "edges": lambda v: _flag(v, "edges"),
    "cmin": float, "cmax": float,
    "region": lambda v: _int(v, "region"),
    "boundary": lambda v: _flag(v, "boundary"),
    "inhibit": lambda v: _int(v, "inhibit"),
    "levs": lambda v: numpy.atleast_1d(numpy.asarray(v, dtype=float)),
    "font": _font,
    "justify": parse_justify,
    "opaque": lambda v: _flag(v, "opaque"),
    "tosys": lambda v: _flag(v, "tosys"),
    "scale": float,
    "hollow": lambda v: _flag(v, "hollow"),
    "aspect": float,
    "legends": lambda v: _flag(v, "legends"),
    "style": str,
    "dpi": float,
    "palette": str,
    "smooth": None, "top": None, "triangle": None, "arrowl": None, "arroww": None,
    "rspace": None, "rphase": None, "path": None,
}

_LINE = ("legend", "hide", "type", "width", "color")
_MARKS = ("marks", "marker", "mcolor", "msize", "mspace", "mphase")
_KEYWORDS = {
    "plg": _LINE + _MARKS + ("closed", "smooth", "rays", "arrowl", "arroww", "rspace", "rphase"),
    "pldj": _LINE,
    "plm": _LINE + ("region", "boundary", "inhibit"),
    "plc": _LINE + _MARKS + ("smooth", "levs", "region", "triangle"),
    "plf": ("legend", "hide", "region", "top", "cmin", "cmax", "edges", "ecolor", "ewidth"),
    "plfp": ("legend", "hide", "top", "cmin", "cmax", "edges", "ecolor", "ewidth"),
    "pli": ("legend", "hide", "top", "cmin", "cmax"),
    "plv": _LINE + ("smooth", "marks", "marker", "mspace", "mphase", "triangle", "scale",
                    "hollow", "aspect", "region"),
    "plt": ("legend", "hide", "color", "font", "height", "opaque", "orient", "justify", "tosys", "path"),
    "pldefault": ("color", "type", "width", "marks", "mcolor", "marker", "msize", "mspace", "mphase",
                  "rays", "arrowl", "arroww", "rspace", "rphase", "font", "height", "orient",
                  "justify", "opaque", "hollow", "aspect", "dpi", "style", "legends", "palette",
                  "maxcolors", "edges", "ecolor", "ewidth"),
}


def _options(func, kw):
    """Check keywords against Gist's list for func and convert their values."""
    check_keywords(func, kw, set(_KEYWORDS[func]) | {"local"})
    out = {}
    for name, value in kw.items():
        if name == "local" or value is None:
            continue
        if name == "orient":
            out["angle"] = 90.0 * _int(value, "orient")
            continue
        if name == "maxcolors":
            continue
        convert = _CONVERT.get(name)
        if convert is not None:
            out[name] = convert(value)
    return out


def _checked(local):
    """Local checks: plain for local data, agreed across ranks for local=0."""
    return contextlib.nullcontext() if local else agreement(parallel.get_comm())


def _emit(local, draw, *args):
    """Draw on rank 0: this rank's call (local=1) or every rank's (local=0)."""
    if local:
        if is_root():
            return draw(*args)
        return None
    comm = parallel.get_comm()
    calls = parallel.gather(args)
    with agreement(comm):
        if calls is not None:
            for call in calls:
                draw(*call)
    return None


def _local_flag(kw):
    local = kw.get("local", 1)
    if local not in (0, 1, True, False):
        raise ValueError(f"local: expected 0 or 1, got {local!r}")
    return bool(local)


def _vector(a, what):
    arr = numpy.asarray(a)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{what}: expected numbers, got dtype {arr.dtype}")
    return numpy.ascontiguousarray(arr, dtype=numpy.float64).ravel()


def _grid(a, what):
    arr = numpy.asarray(a)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{what}: expected numbers, got dtype {arr.dtype}")
    if arr.ndim != 2:
        raise ValueError(f"{what}: expected a 2-D array, got {arr.ndim}-D")
    return numpy.ascontiguousarray(arr, dtype=numpy.float64)


def _same_length(func, **arrays):
    items = list(arrays.items())
    n0 = items[0][1].size
    for name, arr in items[1:]:
        if arr.size != n0:
            raise ValueError(f"{func}: {name} has {arr.size} elements but {items[0][0]} has {n0}")


# ------------------------------------------------------------- windows & frames

_viewer_warned = False
_zoom_factor = 1.5


def window(n=None, display=None, dpi=None, wait=None, private=None, hcp=None, dump=None,
           legends=None, style=None, width=None, height=None, rgb=None, parent=None,
           xpos=None, ypos=None, http=None):
    """window(n, display=, dpi=, style=, hcp=, width=, height=, legends=, http=):
    select (creating it) Gist window n (0..7); returns the current window number.

    display='' makes a window without a screen (hardcopy only). Without the
    live viewer in this build a screen window cannot open: one warning, and
    the window works offscreen.

    http=PORT (or "HOST:PORT"; 0 or True: any free port) serves the window
    to browsers from rank 0, on the loopback interface unless a host is
    given; rank 0 prints the address with its token once. http=False stops
    serving. $PARGIST_HTTP does the same for window 0 of unchanged scripts.
    """
    global _viewer_warned
    if n is not None:
        n = _int(n, "window")
        if not 0 <= n <= 7:
            raise ValueError(f"window: number must be 0..7, got {n}")
    if style is not None and not isinstance(style, str):
        raise TypeError("style: expected a style name like 'work' or 'boxed'")
    http = _http_address(http)  # checked on every rank: the same error everywhere
    if not is_root():
        return None
    if n is None:
        current = _core.current_window()
        n = current if current >= 0 else 0
    wants_screen = display != "" and (display is not None or os.environ.get("DISPLAY"))
    if wants_screen and not _core.has_viewer and not _viewer_warned:
        warnings.warn("pargist: built without the live viewer; windows draw offscreen "
                      "(hardcopy and png() still work)", RuntimeWarning, stacklevel=2)
        _viewer_warned = True
    opts = {"display": display, "dpi": None if dpi is None else float(dpi), "style": style,
            "hcp": hcp, "width": width, "height": height,
            "legends": None if legends is None else _flag(legends, "legends"), "http": http}
    _core.window(n, {k: v for k, v in opts.items() if v is not None})
    return _core.current_window()


def _http_address(http):
    """window's http= as the text the server takes ("" stops serving), or None."""
    if http is None:
        return None
    if http is False:
        return ""
    if http is True:
        http = 0
    if not isinstance(http, str):
        try:
            http = str(operator.index(http))
        except TypeError:
            raise TypeError(f"http: expected a port number or 'HOST:PORT', got {type(http).__name__}") from None
    if http:
        if not _core.has_viewer:
            raise RuntimeError("pargist: http=: this build has no browser view (built without the viewer)")
        _core.check_http_address(http)
    return http


def current_window():
    """The current window number (-1 if none); None on ranks other than 0."""
    return _core.current_window() if is_root() else None


def winkill(n=None):
    """Delete window n (default: the current one), finishing its hardcopy file."""
    if not is_root():
        return
    if n is None:
        n = _core.current_window()
        if n < 0:
            return
    _core.winkill(_int(n, "winkill"))


def fma():
    """Finish the frame (to the display, and to hardcopy after hcpon())."""
    if is_root():
        _core.fma()


def redraw():
    """Show the frame in progress on the display."""
    if is_root():
        _core.redraw()


def animate(n=None):
    """animate(1) shows only finished frames; animate(0) stops; animate() toggles."""
    if n is not None:
        n = _flag(n, "animate")
    if not is_root():
        return None
    if n is None:
        n = not _core.animate(None)
        _core.animate(n)
        return n
    return _core.animate(n)


def plsys(n=None):
    """Make coordinate system n current (0 = NDC); returns the previous one."""
    if n is not None:
        n = _int(n, "plsys")
    return _core.plsys(n) if is_root() else None


def limits(xmin=None, xmax=None, ymin=None, ymax=None, square=None, nice=None, restrict=None):
    """limits() resets to extreme values; limits(xmin, xmax, ymin, ymax) fixes
    the given sides (None leaves a side, 'e' makes it extreme); limits(old)
    restores a value returned before. Returns the previous limits as Gist's
    (xmin, xmax, ymin, ymax, flags)."""
    opts = {k: _flag(v, k) for k, v in (("square", square), ("nice", nice), ("restrict", restrict))
            if v is not None}
    for name, v in (("xmin", xmin), ("xmax", xmax), ("ymin", ymin), ("ymax", ymax)):
        if v is not None and not isinstance(v, str) and not numpy.ndim(v) == 1:
            float(v)  # TypeError for non-numbers
        if isinstance(v, str) and v != "e":
            raise ValueError(f"limits: {name} must be a number, 'e' or None, got {v!r}")
    if not is_root():
        return None
    if xmin is not None and numpy.ndim(xmin) == 1 and xmax is None:
        saved = tuple(float(v) for v in xmin)
        if len(saved) != 5:
            raise ValueError("limits: a saved limits value has 5 numbers")
        old = _core.limits_restore(saved)
    elif all(v is None for v in (xmin, xmax, ymin, ymax)) and not opts:
        old = _core.limits_reset()
    else:
        old = _core.limits_set(xmin, xmax, ymin, ymax, opts)
    return old


def range(ymin=None, ymax=None):  # noqa: A001 - Gist's name
    """Set the y limits only (None: unchanged, 'e': extreme)."""
    for v in (ymin, ymax):
        if isinstance(v, str) and v != "e":
            raise ValueError(f"range: a limit must be a number, 'e' or None, got {v!r}")
    return _core.range(ymin, ymax) if is_root() else None


def ylimits(ymin=None, ymax=None):
    """pygist's name for Gist's range (Python's range is a builtin)."""
    return range(ymin, ymax)


def logxy(xflag=None, yflag=None):
    """Log (1) or linear (0) x and y axes; None leaves an axis unchanged."""
    x = None if xflag is None else _flag(xflag, "logxy")
    y = None if yflag is None else _flag(yflag, "logxy")
    if is_root():
        _core.logxy(x, y)


def gridxy(*flags, color=None, type=None, width=None, base60=None, degrees=None, hhmm=None):
    """gridxy(flag) or gridxy(xflag, yflag): 0 no grid, 1 at major ticks, 2 the origin only."""
    if len(flags) > 2:
        raise TypeError("gridxy() takes at most 2 flags")
    values = [_int(f, "gridxy") for f in flags]
    x = values[0] if values else None
    y = values[1] if len(values) > 1 else x
    opts = {}
    if color is not None:
        opts["color"] = parse_color(color)
    if type is not None:
        opts["type"] = parse_line_type(type)
    if width is not None:
        opts["width"] = _non_negative(width, "width")
    for name, v in (("base60", base60), ("degrees", degrees), ("hhmm", hhmm)):
        if v is not None:
            opts[name] = _int(v, name)
    if is_root():
        _core.gridxy(x, y, opts)


def palette(source=None, green=None, blue=None, ntsc=None, query=None):
    """palette('earth.gp') or palette(r, g, b); palette(query=1) returns (r, g, b)."""
    if query:
        if not is_root():
            return None
        rgb = numpy.array(_core.palette_colors(), dtype=numpy.uint8).reshape(-1, 3)
        return rgb[:, 0].copy(), rgb[:, 1].copy(), rgb[:, 2].copy()
    if green is None and blue is None:
        if not isinstance(source, str):
            raise TypeError("palette: expected a palette name or file, or r, g, b arrays")
        if is_root():
            _core.palette_name(source)
        return None
    if green is None or blue is None:
        raise TypeError("palette: needs all of r, g, b")
    r, g, b = (numpy.asarray(c) for c in (source, green, blue))
    if not (r.size == g.size == b.size) or not 1 <= r.size <= 256:
        raise ValueError("palette: r, g, b must have the same length, 1..256")
    if is_root():
        _core.palette_rgb(r, g, b)
    return None


def pldefault(**kw):
    """Set the defaults of the primitives (color=, type=, width=, marker=, msize=,
    font=, height=, justify=, style=, dpi=, legends=, palette=, ...)."""
    opts = _options("pldefault", kw)
    if is_root():
        _core.pldefault(opts)


def unzoom():
    """Undo the mouse zooms and pans of the live window: back to the limits
    before the first of them, as Gist. Limits set by limits() or range()
    are not touched (a limits() call ends a series of zooms); without a
    live window there is nothing to undo."""
    if is_root() and _core.has_viewer:
        _core.viewer_unzoom()


def zoom_factor(factor=None):
    """Set the factor of a mouse click zoom (> 1; Gist's default 1.5); returns the old one."""
    global _zoom_factor
    old = _zoom_factor
    if factor is not None:
        factor = float(factor)
        if not factor > 1.0:
            raise ValueError(f"zoom_factor: must be > 1, got {factor}")
        _zoom_factor = factor
        if is_root() and _core.has_viewer:
            _core.viewer_zoom_factor(factor)
    return old


def mouse(system=-1, style=0, prompt=""):
    """Gist's mouse(system, style, prompt): wait for a press and release in the
    live window; returns [x0, y0, x1, y1, xn0, yn0, xn1, yn1, system, button,
    modifiers], or None if cancelled or without a live window (rank 0 only)."""
    if not is_root() or not _core.has_viewer:
        return None
    return _core.viewer_mouse(_int(system, "system"), _int(style, "style"), str(prompt))


# ----------------------------------------------------------------- primitives

_default_mesh = {}  # plmesh: {'y':, 'x':, 'ireg':}


def plmesh(y=None, x=None, ireg=None, triangle=None):
    """Set (or with no arguments clear) the default mesh of plm, plc, plf, plv."""
    _default_mesh.clear()
    if y is None and x is None:
        return
    if y is None or x is None:
        raise TypeError("plmesh: needs both y and x")
    y, x = _grid(y, "plmesh y"), _grid(x, "plmesh x")
    if y.shape != x.shape:
        raise ValueError(f"plmesh: y has shape {y.shape} but x has {x.shape}")
    _default_mesh.update(y=y, x=x, ireg=None if ireg is None else numpy.asarray(ireg))


def _mesh_args(func, y, x, ireg):
    if y is None and x is None:
        if not _default_mesh:
            raise TypeError(f"{func}: no mesh given and no default mesh (plmesh)")
        return _default_mesh["y"], _default_mesh["x"], ireg if ireg is not None else _default_mesh["ireg"]
    if y is None or x is None:
        raise TypeError(f"{func}: needs both y and x")
    y, x = _grid(y, f"{func} y"), _grid(x, f"{func} x")
    if y.shape != x.shape:
        raise ValueError(f"{func}: y has shape {y.shape} but x has {x.shape}")
    return y, x, ireg


def plg(y, x=None, **kw):
    """plg(y, x): a curve (x defaults to 1..n). Keywords: color, type, width,
    marks, marker, mcolor, msize, mspace, mphase, closed, rays, legend, hide, local."""
    local = _local_flag(kw)
    with _checked(local):
        opts = _options("plg", kw)
        y = _vector(y, "plg y")
        x = None if x is None else _vector(x, "plg x")
        if x is not None:
            _same_length("plg", y=y, x=x)
        if y.size == 0:
            raise ValueError("plg: y is empty")
    _emit(local, _core.plg, y, x, opts)


def plm(y=None, x=None, ireg=None, **kw):
    """plm(y, x, ireg): the lines of a quadrilateral mesh (2-D arrays, i fastest)."""
    local = _local_flag(kw)
    with _checked(local):
        opts = _options("plm", kw)
        y, x, ireg = _mesh_args("plm", y, x, ireg)
        if ireg is not None:
            opts["ireg"] = numpy.asarray(ireg).ravel()
    _emit(local, _core.plm, y, x, opts)


def plc(z, y=None, x=None, ireg=None, **kw):
    """plc(z, y, x, ireg, levs=): contours of point-centred z; returns the levels on rank 0."""
    local = _local_flag(kw)
    with _checked(local):
        opts = _options("plc", kw)
        z = _grid(z, "plc z")
        y, x, ireg = _mesh_args("plc", y, x, ireg)
        if z.shape != x.shape:
            raise ValueError(f"plc: z has shape {z.shape} but the mesh has {x.shape}")
        if ireg is not None:
            opts["ireg"] = numpy.asarray(ireg).ravel()
    return _emit(local, _core.plc, z, y, x, opts)


def plf(z, y=None, x=None, ireg=None, **kw):
    """plf(z, y, x, ireg): a filled mesh, zone-centred z ((nj-1, ni-1) or (nj, ni))."""
    local = _local_flag(kw)
    with _checked(local):
        opts = _options("plf", kw)
        z = _grid(z, "plf z")
        y, x, ireg = _mesh_args("plf", y, x, ireg)
        nj, ni = x.shape
        if z.shape not in ((nj - 1, ni - 1), (nj, ni)):
            raise ValueError(f"plf: z has shape {z.shape}; the mesh {x.shape} needs "
                             f"{(nj - 1, ni - 1)} or {(nj, ni)}")
        if ireg is not None:
            opts["ireg"] = numpy.asarray(ireg).ravel()
    _emit(local, _core.plf, z, y, x, opts)


def plfc(z, y=None, x=None, ireg=None, levs=None, colors=None, region=None, triangle=None, local=1):
    """plfc(z, y, x, ireg, levs=, colors=): filled contours of point-centred z.

    Each zone is filled with the colour of the band its mean value falls in
    (zone-wise bands, not sub-zone polygons as Yorick's plfc)."""
    local = _local_flag({"local": local})
    with _checked(local):
        z = _grid(z, "plfc z")
        y, x, ireg = _mesh_args("plfc", y, x, ireg)
        if z.shape != x.shape:
            raise ValueError(f"plfc: z has shape {z.shape} but the mesh has {x.shape}")
        zone = 0.25 * (z[1:, 1:] + z[:-1, 1:] + z[1:, :-1] + z[:-1, :-1])
        if levs is None:
            lo, hi = float(numpy.nanmin(z)), float(numpy.nanmax(z))
            levs = numpy.linspace(lo, hi, 10)[1:-1] if hi > lo else numpy.array([lo])
        levs = numpy.sort(numpy.atleast_1d(numpy.asarray(levs, dtype=float)))
        band = numpy.searchsorted(levs, zone, side="right").astype(float)
        opts = {"cmin": 0.0, "cmax": float(max(len(levs), 1))}
        if ireg is not None:
            opts["ireg"] = numpy.asarray(ireg).ravel()
    _emit(local, _core.plf, numpy.ascontiguousarray(band), y, x, opts)


def pli(z, x0=None, y0=None, x1=None, y1=None, **kw):
    """pli(z, x0, y0, x1, y1): a cell array image of z (2-D, row 0 at y0);
    pli(z, x1, y1) spans (0, 0)..(x1, y1). cmin=, cmax= fix the colour scale."""
    local = _local_flag(kw)
    with _checked(local):
        opts = _options("pli", kw)
        z = numpy.asarray(z)
        if z.ndim == 3 and z.shape[2] == 3 and z.dtype == numpy.uint8:
            rgb = True
        else:
            rgb = False
            z = _grid(z, "pli z")
        if x0 is not None and y0 is not None and x1 is None and y1 is None:
            x0, y0, x1, y1 = 0.0, 0.0, x0, y0
        corners = [None if v is None else float(v) for v in (x0, y0, x1, y1)]
    if rgb:
        ny, nx = z.shape[:2]
        box = [0.0 if c is None else c for c in corners[:2]] + \
              [nx if corners[2] is None else corners[2], ny if corners[3] is None else corners[3]]
        _emit(local, _core.pli_colors, numpy.ascontiguousarray(z).ravel(), nx, ny, 3, *box, opts)
    else:
        _emit(local, _core.pli, z, *corners, opts)


def plfp(z, y, x, n, **kw):
    """plfp(z, y, x, n): polygons of n[k] vertices, filled by z[k] (or colours)."""
    local = _local_flag(kw)
    with _checked(local):
        opts = _options("plfp", kw)
        y, x = _vector(y, "plfp y"), _vector(x, "plfp x")
        _same_length("plfp", y=y, x=x)
        n = numpy.atleast_1d(numpy.asarray(n))
        if n.dtype.kind not in "iu":
            raise TypeError("plfp: n must be integer vertex counts")
        if int(n.sum()) != x.size:
            raise ValueError(f"plfp: the vertex counts add up to {int(n.sum())} but x has {x.size} points")
        if isinstance(z, (list, tuple)) and z and isinstance(z[0], (str, tuple, list)):
            z = [parse_color(c, "plfp colour") for c in z]
            if len(z) != n.size:
                raise ValueError(f"plfp: {len(z)} colours for {n.size} polygons")
        else:
            z = _vector(z, "plfp z")
            if z.size != n.size:
                raise ValueError(f"plfp: z has {z.size} values for {n.size} polygons")
    _emit(local, _core.plfp, z, y, x, n, opts)


def pldj(x0, y0, x1, y1, **kw):
    """pldj(x0, y0, x1, y1): disjoint segments."""
    local = _local_flag(kw)
    with _checked(local):
        opts = _options("pldj", kw)
        x0, y0, x1, y1 = (_vector(a, "pldj " + n) for a, n in
                          ((x0, "x0"), (y0, "y0"), (x1, "x1"), (y1, "y1")))
        _same_length("pldj", x0=x0, y0=y0, x1=x1, y1=y1)
    _emit(local, _core.pldj, x0, y0, x1, y1, opts)


def plv(vy, vx, y=None, x=None, ireg=None, **kw):
    """plv(vy, vx, y, x): arrows (vx, vy) based at (x, y); scale=, hollow=, aspect=."""
    local = _local_flag(kw)
    with _checked(local):
        opts = _options("plv", kw)
        if y is None and x is None and _default_mesh:
            y, x = _default_mesh["y"], _default_mesh["x"]
        vy, vx = _vector(vy, "plv vy"), _vector(vx, "plv vx")
        y, x = _vector(y, "plv y"), _vector(x, "plv x")
        _same_length("plv", vy=vy, vx=vx, y=y, x=x)
    _emit(local, _core.plv, vy, vx, y, x, opts)


def plt(text, x, y, **kw):
    """plt(text, x, y): text at NDC (x, y), or in world coordinates with tosys=1.
    Keywords: color, font, height (points), orient, justify, opaque, tosys, legend, hide."""
    local = _local_flag(kw)
    with _checked(local):
        opts = _options("plt", kw)
        if not isinstance(text, str):
            raise TypeError(f"plt: text must be a string, got {type(text).__name__}")
        x, y = float(x), float(y)
    _emit(local, _core.plt, text, x, y, opts)


def pltitle(title):
    """A title centred above the current viewport."""
    if not isinstance(title, str):
        raise TypeError("pltitle: title must be a string")
    if is_root():
        _core.pltitle(title)


def xytitles(xtitle="", ytitle="", adjust=(0.0, 0.0)):
    """Titles below (x) and left of (y) the current viewport; adjust=(dx, dy) in NDC."""
    if not isinstance(xtitle, str) or not isinstance(ytitle, str):
        raise TypeError("xytitles: titles must be strings")
    dx, dy = (float(v) for v in adjust)
    if is_root():
        _core.xytitles(xtitle, ytitle, dx, dy)


def colorbar(cmin, cmax, levs=None, label="", vertical=1, color=None, height=None):
    """The palette as a bar beside the viewport, labelled from cmin to cmax."""
    cmin, cmax = float(cmin), float(cmax)
    if not cmax > cmin:
        raise ValueError(f"colorbar: cmax ({cmax}) must exceed cmin ({cmin})")
    opts = {"vertical": _flag(vertical, "vertical"), "label": str(label)}
    if levs is not None:
        opts["levs"] = numpy.atleast_1d(numpy.asarray(levs, dtype=float))
    if color is not None:
        opts["color"] = parse_color(color)
    if height is not None:
        opts["height"] = positive_number(height, "height")
    if is_root():
        _core.colorbar(cmin, cmax, opts)


def plq(n_element=None, n_contour=None):
    """The elements of the current system: a list of dicts (index, kind, legend,
    hide, points), or the one numbered n_element (1-based)."""
    if not is_root():
        return None
    items = _core.plq()
    if n_element is None:
        return items
    n = _int(n_element, "plq")
    if not 1 <= n <= len(items):
        raise IndexError(f"plq: no element {n} (the system has {len(items)})")
    return items[n - 1]


def plremove(n=None):
    """Remove element n (1-based; default the last) of the current system."""
    if n is not None:
        n = _int(n, "plremove")
    if is_root():
        _core.plremove(n)


# ------------------------------------------------------------------- hardcopy

def hcp_file(filename=None, dump=None, ps=None):
    """The current window's hardcopy file: .cgm (a CGM family), .png (numbered
    PNGs), .pdf (multi-page), .eps/.svg (numbered); None or '' closes it."""
    if filename is not None and not isinstance(filename, str):
        raise TypeError("hcp_file: filename must be a string")
    if is_root():
        _core.hcp_file(filename or "")


def hcp():
    """Send the current frame to the hardcopy file now."""
    if is_root():
        _core.hcp()


def hcpon():
    """Send every frame to the hardcopy file at fma()."""
    if is_root():
        _core.hcpon()


def hcpoff():
    """Stop sending frames at fma()."""
    if is_root():
        _core.hcpoff()


def hcp_finish(n=None):
    """Complete and close the hardcopy file; returns its name on rank 0."""
    if not is_root():
        return None
    if n is not None and _int(n, "hcp_finish") != _core.current_window():
        old = _core.current_window()
        _core.window(int(n), {})
        try:
            return _core.hcp_finish()
        finally:
            _core.window(old, {})
    return _core.hcp_finish()


def png(name, dpi=None):
    """Write the current frame to a PNG file (written whole, then renamed)."""
    if not isinstance(name, str):
        raise TypeError("png: name must be a string")
    if is_root():
        _core.png(name, None if dpi is None else float(dpi))


def pdf(name):
    """Write the current frame to a PDF file."""
    if is_root():
        _core.pdf(str(name))


def eps(name):
    """Write the current frame to an EPS file."""
    if is_root():
        _core.eps(str(name))


def svg(name):
    """Write the current frame to an SVG file."""
    if is_root():
        _core.svg(str(name))


# -------------------------------------------------------------- notebooks

class Frame:
    """The current window's frame in progress; shows itself as PNG in Jupyter
    (on rank 0; other ranks have nothing to show)."""

    def __init__(self, dpi=75):
        self.dpi = dpi

    def _repr_png_(self):
        if not is_root():
            return None
        return _core.frame_png_bytes(float(self.dpi))

    def elements(self, system=None):
        """The elements of a system of the frame (rank 0), as dicts."""
        return _core.frame_elements(system) if is_root() else None

    def __repr__(self):
        if not is_root():
            return "<pargist frame (drawn on rank 0)>"
        info = _core.frame_info()
        return f"<pargist frame {info['number']} of window {_core.current_window()}, style {info['style']}>"


def current_frame(dpi=75):
    """The current frame, for display in a notebook (``_repr_png_``)."""
    return Frame(dpi)
