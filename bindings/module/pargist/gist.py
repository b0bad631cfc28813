"""Gist's plotting API, as pygist has it: windows, systems, limits,
primitives, palettes, hardcopy. Scripts written for pygist port by changing
their import line.

Every rank may call these functions (SPMD scripts do); only rank 0 of the
default communicator keeps the Gist state and draws. The calls in which rank
0 writes files or works a window for everybody (fma, redraw, window, winkill,
palette from a file, hcp_file, hcp, hcp_finish, png, pdf, eps, svg) are
collective: every rank calls them, and if rank 0's work fails every rank
raises the same exception (see pargist._output). The others return at once
on ranks other than 0 and cost them nothing. Functions that return a value
(limits, plsys, window...) return it on rank 0 and None elsewhere.

Each primitive takes ``local=1`` (the default: this rank's data, drawn only
when this rank is rank 0) or ``local=0`` (collective: every rank's data is
gathered to rank 0 and drawn there, one element per rank in rank order).

Units are Gist's: width 1 = 1/2 point, msize 1 = 10 points, text height in
points, plt positions in NDC unless ``tosys=1``.
"""

import contextlib
import operator
import os
import time
import warnings

import numpy

from . import _core, _drawable, parallel
from ._collective import agreement
from ._output import on_root
from ._state import is_root
from ._plq import print_element, print_legends
from ._style import parse_color

__all__ = ["window", "current_window", "winkill", "fma", "redraw", "animate", "plsys",
           "limits", "ylimits", "logxy", "gridxy", "palette", "pldefault", "unzoom",
           "zoom_factor", "mouse", "plg", "plm", "plc", "plf", "plfp", "pli", "pldj", "plv",
           "plt", "plmesh", "pltitle", "xytitles", "colorbar", "plq", "pledit", "plremove",
           "viewport", "get_style", "set_style", "pause", "slice2", "get_slice2_precision",
           "set_slice2_precision", "pyg_register", "pyg_idler", "pyg_pending", "pyg_unhook",
           "debug_array", "hcp_file", "hcp", "hcpon", "hcpoff", "hcp_finish", "png", "pdf",
           "eps", "svg", "current_frame", "Frame"]

# ----------------------------------------------------------------- helpers

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


def _options(func, kw, here=("local",)):
    """The keywords of Gist function func, but those the Python layer takes
    itself (here: local= of the primitives, plg's n=), checked against the
    core's table for func (bindings/module/src/keywords.cpp, pygist's
    keyword lists): an unknown keyword is a TypeError, a bad value a
    TypeError or ValueError, here on every rank before anything moves, and
    again by the core that reads them. Values of None count as absent."""
    opts = {name: value for name, value in kw.items() if name not in here and value is not None}
    _core.check_options(func, opts)
    return opts


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
    """window(n, display=, dpi=, private=, hcp=, legends=, dump=, style=,
    wait=, width=, height=, rgb=, parent=, xpos=, ypos=, http=): select
    (creating it) Gist window n (0..7); returns the current window number.

    display='' makes a window without a screen (hardcopy only); dpi is
    clamped to 25..300 as Gist; style= is a style sheet (a new drawing, even
    of the same style); hcp= the window's own hardcopy file ('' closes it),
    dump= whether its CGM pages carry the palette; legends=0 leaves the
    legends out of its hardcopy; xpos=, ypos= place a new window on the
    screen. wait=1 returns once the window is on the screen, which pargist's
    window always does (it is mapped before window() returns). private= and
    rgb= are Gist's X colormap hints: pargist's windows are always
    true-colour, the picture Gist gets with a private or rgb colormap, so
    both are accepted and change nothing. parent= (embedding in another X
    window) is refused. Without the live viewer in this build a screen
    window cannot open: one warning, and the window works offscreen.

    http=PORT (or "HOST:PORT"; 0 or True: any free port) serves the window
    to browsers from rank 0, on the loopback interface unless a host is
    given; rank 0 prints the address with its token once. http=False stops
    serving. $PARGIST_HTTP does the same for window 0 of unchanged scripts.
    """
    if n is not None:
        n = _int(n, "window")
        if not 0 <= n <= 7:
            raise ValueError(f"window: number must be 0..7, got {n}")
    if style is not None and not isinstance(style, str):
        raise TypeError("style: expected a style sheet name like 'work.gs' or a .gs file")
    if parent is not None:
        raise NotImplementedError("window(parent=): pargist's window cannot be embedded in another X window")
    if hcp is not None and not isinstance(hcp, str):
        raise TypeError("hcp: expected a file name")
    for name, v in (("wait", wait), ("private", private), ("rgb", rgb)):
        if v is not None:
            _flag(v, name)
    opts = {"display": display, "style": style, "hcp": hcp,
            "dpi": None if dpi is None else min(max(float(dpi), 25.0), 300.0),
            "width": None if width is None else _int(width, "width"),
            "height": None if height is None else _int(height, "height"),
            "legends": None if legends is None else _flag(legends, "legends"),
            "dump": None if dump is None else _flag(dump, "dump"),
            "xpos": None if xpos is None else _int(xpos, "xpos"),
            "ypos": None if ypos is None else _int(ypos, "ypos"),
            "http": _http_address(http)}  # checked on every rank: the same error everywhere
    for name in ("width", "height"):  # Gist: 30 pixels or less means the default size
        if opts[name] is not None and opts[name] <= 30:
            opts[name] = None
    opts = _options("window", opts)

    def open_window(n):
        global _viewer_warned
        if n is None:
            current = _core.current_window()
            n = current if current >= 0 else 0
        wants_screen = display != "" and (display is not None or os.environ.get("DISPLAY"))
        if wants_screen and not _core.has_viewer and not _viewer_warned:
            warnings.warn("pargist: built without the live viewer; windows draw offscreen "
                          "(hardcopy and png() still work)", RuntimeWarning, stacklevel=3)
            _viewer_warned = True
        _core.window(n, opts)
        return _core.current_window()

    # Collective: a style, a display or an hcp= file that rank 0 cannot
    # open fails on every rank.
    return on_root(open_window, n)


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
    """Delete window n (default: the current one), finishing its hardcopy file
    (collective: a hardcopy file that cannot be completed fails everywhere)."""
    if n is not None:
        n = _int(n, "winkill")

    def kill(n):
        if n is None:
            n = _core.current_window()
            if n < 0:
                return
        _core.winkill(n)

    on_root(kill, n)


def fma():
    """Finish the frame (to the display, and to hardcopy after hcpon()).

    Collective: when the hardcopy file cannot take the frame (a full disk...)
    every rank raises the same OSError; the frame has advanced all the same,
    and the file still holds every frame before it, whole."""
    on_root(_core.fma)


def redraw():
    """Show the frame in progress on the display (collective)."""
    on_root(_core.redraw)


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


def _bound(v, name):
    """A limit as Gist takes it: a number, 'e' (extreme), 'u' (unchanged; None too)."""
    if isinstance(v, str):
        if v.lower() == "e":
            return "e"
        if v.lower() == "u":
            return None
        raise ValueError(f"limits: {name} must be a number, 'e', 'u' or None, got {v!r}")
    if v is not None:
        float(v)  # TypeError for non-numbers
    return v


def limits(xmin=None, xmax=None, ymin=None, ymax=None, square=None, nice=None, restrict=None):
    """limits() resets to extreme values; limits(xmin, xmax, ymin, ymax) sets
    the given sides ('e' extreme, 'u' or None unchanged); limits(old)
    restores a value returned before; square=, nice=, restrict= Gist's
    flags. Returns the previous limits as Gist's (xmin, xmax, ymin, ymax,
    flags)."""
    opts = _options("limits", {"square": square, "nice": nice, "restrict": restrict})
    restore = xmin is not None and not isinstance(xmin, str) and numpy.ndim(xmin) == 1
    if not restore:
        xmin, xmax, ymin, ymax = (_bound(v, name) for v, name in
                                  ((xmin, "xmin"), (xmax, "xmax"), (ymin, "ymin"), (ymax, "ymax")))
    if not is_root():
        return None
    if restore:
        saved = tuple(float(v) for v in xmin)
        if len(saved) != 5:
            raise ValueError("limits: a saved limits value has 5 numbers")
        return _core.limits_restore(saved)
    if all(v is None for v in (xmin, xmax, ymin, ymax)) and not opts:
        return _core.limits_reset()
    return _core.limits_set(xmin, xmax, ymin, ymax, opts)


def range(ymin=None, ymax=None):  # noqa: A001 - Gist's name
    """Set the y limits only (None: unchanged, 'e': extreme)."""
    ymin, ymax = _bound(ymin, "ymin"), _bound(ymax, "ymax")
    return _core.range(ymin, ymax) if is_root() else None


def ylimits(ymin="u", ymax="u"):
    """ylimits(ymin, ymax): pygist's name for Gist's range (Python's range is
    a builtin): the y limits only ('e' extreme, 'u' unchanged)."""
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
    opts = _options("gridxy", {"color": color, "type": type, "width": width, "base60": base60,
                               "degrees": degrees, "hhmm": hhmm})
    if is_root():
        _core.gridxy(x, y, opts)


def palette(source=None, green=None, blue=None, gray=None, ntsc=None, query=None):
    """palette('earth.gp'), palette(window_number), palette(r, g, b[, gray]),
    palette(query=1) -> (r, g, b): Gist's palettes. A .gp file is read from
    the path given, the current folder or GISTPATH, else the built-in ones
    (earth, gray, yarg, heat, stern, rainbow, ncar), and fitted to
    pldefault's maxcolors (200). ntsc= and gray= give the gray levels Gist
    uses on monochrome devices only; pargist's outputs are all in colour,
    where Gist's picture does not depend on them either."""
    if ntsc is not None:
        _flag(ntsc, "ntsc")
    if query:
        if not is_root():
            return None
        rgb = numpy.array(_core.palette_colors(), dtype=numpy.uint8).reshape(-1, 3)
        return rgb[:, 0].copy(), rgb[:, 1].copy(), rgb[:, 2].copy()
    if green is None and blue is None:
        if isinstance(source, (int, numpy.integer)) and not isinstance(source, bool):
            # Copy the palette of another window.
            n = _int(source, "palette")

            def copy_palette(n):
                here = _core.current_window()
                _core.window(n, {})
                colors = numpy.array(_core.palette_colors(), dtype=numpy.uint8).reshape(-1, 3)
                _core.window(here, {})
                _core.palette_rgb(colors[:, 0].copy(), colors[:, 1].copy(), colors[:, 2].copy())

            on_root(copy_palette, n)  # window n may be opened on rank 0: its failure reaches every rank
            return None
        if not isinstance(source, str):
            raise TypeError("palette: expected a palette name or file, a window number, or r, g, b arrays")
        on_root(_core.palette_name, source)  # a .gp file rank 0 cannot read fails everywhere
        return None
    if green is None or blue is None:
        raise TypeError("palette: needs all of r, g, b")
    r, g, b = (numpy.asarray(c) for c in (source, green, blue))
    if not (r.size == g.size == b.size) or not 1 <= r.size <= 256:
        raise ValueError("palette: r, g, b must have the same length, 1..256")
    if gray is not None and numpy.asarray(gray).size != r.size:
        raise ValueError("palette: gray must have the length of r, g, b")
    if is_root():
        _core.palette_rgb(r, g, b)
    return None


def pldefault(**kw):
    """pldefault(key=value, ...): the defaults of later windows and primitives,
    with pygist's keywords: color, type, width, marks, mcolor, marker, msize,
    mspace, mphase, rays, arrowl, arroww, rspace, rphase, font, height,
    orient, justify, opaque, hollow, aspect, dpi, style, legends, palette,
    maxcolors, edges, ecolor, ewidth, cgmfilesize (MB). Gist's defaults:
    marks=1, width=1 (0 is the thinnest line), each curve its own letter,
    dpi=75, style "work.gs", palette "earth.gp" fitted to maxcolors=200,
    cgmfilesize=100. A bad value raises and changes nothing."""
    opts = _options("pldefault", kw, here=())
    if "style" in opts or "palette" in opts:
        on_root(_core.pldefault, opts)  # style and palette files are read on rank 0
    elif is_root():
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
    """plmesh(y, x, ireg, triangle=): the default mesh of plm, plc, plf, plv,
    mesh_loc and contour; plmesh(ireg=...) changes only its regions;
    plmesh() forgets it."""
    if triangle is not None:
        _core.check_triangle(triangle, "plmesh")
    if y is None and x is None:
        if ireg is None:
            _default_mesh.clear()
            return
        if not _default_mesh:
            raise TypeError("plmesh: a region array needs a mesh (plmesh(y, x) first)")
        ireg = numpy.asarray(ireg)
        if ireg.shape != _default_mesh["x"].shape:
            raise ValueError(f"plmesh: ireg has shape {ireg.shape} but the mesh has {_default_mesh['x'].shape}")
        _default_mesh["ireg"] = ireg
        return
    if y is None or x is None:
        raise TypeError("plmesh: needs both y and x")
    y, x = _grid(y, "plmesh y"), _grid(x, "plmesh x")
    if y.shape != x.shape:
        raise ValueError(f"plmesh: y has shape {y.shape} but x has {x.shape}")
    if ireg is not None and numpy.asarray(ireg).shape != x.shape:
        raise ValueError(f"plmesh: ireg has shape {numpy.asarray(ireg).shape} but the mesh has {x.shape}")
    _default_mesh.clear()
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
    if ireg is not None and numpy.asarray(ireg).shape != x.shape:
        raise ValueError(f"{func}: ireg has shape {numpy.asarray(ireg).shape} but the mesh has {x.shape}")
    return y, x, ireg


def _bytes_as_is(z, opts):
    """Gist draws char (uint8) values as palette indices, unscaled."""
    if numpy.asarray(z).dtype == numpy.uint8 and "cmin" not in opts and "cmax" not in opts:
        top = max(int(_core.palette_size()) - 1, 1) if is_root() else 239
        opts.update(cmin=0.0, cmax=float(top), top=top)


def plg(y, x=None, **kw):
    """plg(y, x): a curve through (x, y) (x defaults to 1..n). pygist's
    keywords: legend, hide, color, type, width, marks, mcolor, marker, msize,
    mspace, mphase, rays, arrowl, arroww, rspace, rphase, closed, smooth, and
    n= (lengths of several curves in y and x, each its own element, as
    Yorick); local=0 gathers every rank's curve."""
    local = _local_flag(kw)
    with _checked(local):
        opts = _options("plg", kw, here=("local", "n"))
        y = _vector(y, "plg y")
        x = None if x is None else _vector(x, "plg x")
        if x is not None:
            _same_length("plg", y=y, x=x)
        if y.size == 0:
            raise ValueError("plg: y is empty")
        _drawable.points("plg", y if x is None else x, y)
        pieces = [(y, x)]
        if kw.get("n") is not None:
            counts = numpy.atleast_1d(numpy.asarray(kw["n"]))
            if counts.dtype.kind not in "iu" or numpy.any(counts < 1) or int(counts.sum()) != y.size:
                raise ValueError(f"plg: n= must be positive lengths adding up to len(y) = {y.size}")
            if x is None:
                x = numpy.arange(1.0, y.size + 1.0)
            ends = numpy.cumsum(counts)
            pieces = [(y[e - c:e], x[e - c:e]) for c, e in zip(counts.tolist(), ends.tolist())]
    for py_, px_ in pieces:
        _emit(local, _core.plg, py_, px_, opts)


def plm(y=None, x=None, ireg=None, **kw):
    """plm(y, x, ireg): the lines of a quadrilateral mesh (2-D arrays, i
    fastest), or of the default mesh. Keywords: legend, hide, color, type,
    width, region, boundary, inhibit."""
    local = _local_flag(kw)
    with _checked(local):
        opts = _options("plm", kw)
        y, x, ireg = _mesh_args("plm", y, x, ireg)
        _drawable.points("plm", x, y)
        if ireg is not None:
            opts["ireg"] = numpy.asarray(ireg).ravel()
    _emit(local, _core.plm, y, x, opts)


def plc(z, y=None, x=None, ireg=None, **kw):
    """plc(z, y, x, ireg): contours of point-centred z; returns the levels on
    rank 0. Keywords: legend, hide, region, color, type, width, marks,
    mcolor, marker, msize, mspace, mphase, smooth, triangle, levs."""
    local = _local_flag(kw)
    with _checked(local):
        opts = _options("plc", kw)
        z = _grid(z, "plc z")
        y, x, ireg = _mesh_args("plc", y, x, ireg)
        if z.shape != x.shape:
            raise ValueError(f"plc: z has shape {z.shape} but the mesh has {x.shape}")
        _drawable.points("plc", x, y)
        _drawable.values("plc", "z", z)
        if ireg is not None:
            opts["ireg"] = numpy.asarray(ireg).ravel()
    return _emit(local, _core.plc, z, y, x, opts)


def plf(z, y=None, x=None, ireg=None, **kw):
    """plf(z, y, x, ireg): a filled mesh, zone-centred z ((nj-1, ni-1), or
    (nj, ni) with the first row and column unused); uint8 z are palette
    indices, as Gist. Keywords: legend, hide, region, top, cmin, cmax, edges,
    ecolor, ewidth."""
    local = _local_flag(kw)
    with _checked(local):
        opts = _options("plf", kw)
        _bytes_as_is(z, opts)
        z = _grid(z, "plf z")
        y, x, ireg = _mesh_args("plf", y, x, ireg)
        nj, ni = x.shape
        if z.shape not in ((nj - 1, ni - 1), (nj, ni)):
            raise ValueError(f"plf: z has shape {z.shape}; the mesh {x.shape} needs "
                             f"{(nj - 1, ni - 1)} or {(nj, ni)}")
        _drawable.points("plf", x, y)
        _drawable.values("plf", "z", z)
        _drawable.color_scale("plf", opts)
        if ireg is not None:
            opts["ireg"] = numpy.asarray(ireg).ravel()
    _emit(local, _core.plf, z, y, x, opts)


def pli(z, x0=None, y0=None, x1=None, y1=None, **kw):
    """pli(z), pli(z, x1, y1), pli(z, x0, y0, x1, y1): a cell array image of
    z (2-D, row 0 at y0; uint8 values are palette indices, an (ny, nx, 3)
    uint8 array RGB colours). Keywords: legend, hide, top, cmin, cmax."""
    local = _local_flag(kw)
    with _checked(local):
        opts = _options("pli", kw)
        z = numpy.asarray(z)
        if z.ndim == 3 and z.shape[2] == 3 and z.dtype == numpy.uint8:
            rgb = True
        else:
            rgb = False
            _bytes_as_is(z, opts)
            z = _grid(z, "pli z")
            _drawable.values("pli", "z", z)
        if x0 is not None and y0 is not None and x1 is None and y1 is None:
            x0, y0, x1, y1 = 0.0, 0.0, x0, y0
        corners = [None if v is None else float(v) for v in (x0, y0, x1, y1)]
        _drawable.position("pli", *(c for c in corners if c is not None))
        _drawable.color_scale("pli", opts)
    if rgb:
        ny, nx = z.shape[:2]
        box = [0.0 if c is None else c for c in corners[:2]] + \
              [nx if corners[2] is None else corners[2], ny if corners[3] is None else corners[3]]
        _emit(local, _core.pli_colors, numpy.ascontiguousarray(z).ravel(), nx, ny, 3, *box, opts)
    else:
        _emit(local, _core.pli, z, *corners, opts)


def plfp(z, y, x, n, **kw):
    """plfp(z, y, x, n): polygons of n[k] vertices, filled with the colour of
    z[k] (scaled onto the palette; uint8 z are palette indices; a list of
    colours; None fills with the background). When n[1] == 1 the first
    polygon is a marker shape in NDC drawn at each later point, as Gist.
    Keywords: legend, hide, top, cmin, cmax, edges, ecolor, ewidth."""
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
        _drawable.points("plfp", x, y)
        _drawable.color_scale("plfp", opts)
        if z is None:
            z = [("named", -1)] * n.size  # Gist: no colours, background fills
        elif isinstance(z, (list, tuple)) and z and isinstance(z[0], (str, tuple, list)):
            z = [parse_color(c, "plfp colour") for c in z]
        else:
            _bytes_as_is(z, opts)
            z = _vector(z, "plfp z")
        if len(z) != n.size:
            raise ValueError(f"plfp: {len(z)} colours for {n.size} polygons")
    _emit(local, _core.plfp, z, y, x, n, opts)


def pldj(x0, y0, x1, y1, **kw):
    """pldj(x0, y0, x1, y1): disjoint segments. Keywords: legend, hide,
    color, type, width."""
    local = _local_flag(kw)
    with _checked(local):
        opts = _options("pldj", kw)
        x0, y0, x1, y1 = (_vector(a, "pldj " + n) for a, n in
                          ((x0, "x0"), (y0, "y0"), (x1, "x1"), (y1, "y1")))
        _same_length("pldj", x0=x0, y0=y0, x1=x1, y1=y1)
        _drawable.not_empty("pldj", "x0", x0)
        _drawable.points("pldj", x0, y0)
    _emit(local, _core.pldj, x0, y0, x1, y1, opts)


def plv(vy, vx, y=None, x=None, ireg=None, **kw):
    """plv(vy, vx, y, x, ireg): Gist's darts for the vectors (vx, vy) centred
    on (x, y) (a mesh, or the default mesh, or scattered points). Keywords:
    legend, hide, region, color, hollow, width, aspect, scale (world units
    per vector unit; default Gist's: the longest dart about one zone)."""
    local = _local_flag(kw)
    with _checked(local):
        opts = _options("plv", kw)
        if y is None and x is None:
            if not _default_mesh:
                raise TypeError("plv: no points given and no default mesh (plmesh)")
            y, x = _default_mesh["y"], _default_mesh["x"]
            if ireg is None:
                ireg = _default_mesh["ireg"]
        y, x = numpy.asarray(y), numpy.asarray(x)
        if x.ndim == 2:
            opts["ni"] = x.shape[1]
            if ireg is not None:
                ireg = numpy.asarray(ireg)
                if ireg.shape != x.shape:
                    raise ValueError(f"plv: ireg has shape {ireg.shape} but the mesh has {x.shape}")
                opts["ireg"] = ireg.ravel()
        vy, vx = _vector(vy, "plv vy"), _vector(vx, "plv vx")
        y, x = _vector(y, "plv y"), _vector(x, "plv x")
        _same_length("plv", vy=vy, vx=vx, y=y, x=x)
        _drawable.not_empty("plv", "x", x)
        _drawable.points("plv", x, y)
    _emit(local, _core.plv, vy, vx, y, x, opts)


def plt(text, x, y, **kw):
    """plt(text, x, y): text at NDC (x, y), or in world coordinates with
    tosys=1. Keywords: legend, hide, color, font (a name like "helveticaB"
    or Gist's number 0..19; "symbol" draws every letter Greek), height
    (points), orient (0..3 quarter turns), justify ("LT", "CH"...), opaque,
    tosys. Text takes Gist's escapes: !a (Greek alpha), ^ superscript, _
    subscript."""
    local = _local_flag(kw)
    with _checked(local):
        opts = _options("plt", kw)
        if not isinstance(text, str):
            raise TypeError(f"plt: text must be a string, got {type(text).__name__}")
        x, y = float(x), float(y)
        _drawable.position("plt", x, y)
    _emit(local, _core.plt, text, x, y, opts)


def pltitle(title):
    """pltitle(title): the title centred above the current viewport (18 pt Helvetica)."""
    if not isinstance(title, str):
        raise TypeError("pltitle: title must be a string")
    if is_root():
        _core.pltitle(title)


def xytitles(xtitle="", ytitle="", delta=(0.0, 0.0)):
    """xytitles(xtitle, ytitle, delta=(dx, dy)): titles below (x) and left of
    (y) the current viewport, moved by delta (NDC)."""
    if not isinstance(xtitle, str) or not isinstance(ytitle, str):
        raise TypeError("xytitles: titles must be strings")
    dx, dy = (float(v) for v in delta)
    if is_root():
        _core.xytitles(xtitle, ytitle, dx, dy)


def colorbar(cmin, cmax, levs=None, label="", vertical=1, color=None, height=None):
    """pargist's colour bar: the palette beside the viewport, labelled from
    cmin to cmax (pygist's colorbar module's is color_bar)."""
    cmin, cmax = float(cmin), float(cmax)
    if not cmax > cmin:
        raise ValueError(f"colorbar: cmax ({cmax}) must exceed cmin ({cmin})")
    if levs is not None:
        levs = numpy.atleast_1d(numpy.asarray(levs, dtype=float))
    opts = _options("colorbar", {"vertical": vertical, "label": str(label), "levs": levs, "color": color,
                                 "height": height})
    if is_root():
        _core.colorbar(cmin, cmax, opts)


def plq(n_element=None, n_contour=None):
    """plq(): prints the legends of the current system's elements, numbered
    from 1, "(H)" before hidden ones; plq(n): prints element n's properties
    and makes it the one pledit and plremove change; plq(n, c): contour
    level c of plc element n. Returns None, as pygist."""
    if n_element is None and n_contour is not None:
        raise ValueError("plq: a contour number needs an element number")
    if not is_root():
        return None
    if n_element is None:
        _core.select_element(0)
        print_legends(_core.plq(), _core.element_properties)
        return None
    n = _int(n_element, "plq")
    c = None if n_contour is None else _int(n_contour, "plq")
    props = _core.element_properties(n)
    if props is not None:
        _core.select_element(n)
    print_element(n, c, props)
    return None


def pledit(*args, **kw):
    """pledit(key=value, ...), pledit(n, key=value, ...): changes properties
    of element n of the current system (default: the last one plotted, or
    the one plq(n) named) in place, with pygist's keywords: legend, hide,
    color, type, width, marks, mcolor, marker, msize, mspace, mphase, rays,
    arrowl, arroww, rspace, rphase, closed, smooth, font, height, orient,
    justify, opaque, hollow, aspect, region, boundary, levs, scale, scalem,
    dx, dy, edges, ecolor, ewidth, inhibit. A keyword the element does not
    have raises ValueError naming it."""
    if len(args) > 2:
        raise TypeError("pledit takes at most 2 positional arguments (n_element, n_contour)")
    if len(args) == 2:
        raise NotImplementedError("pledit: editing one contour level (n_contour) is not supported yet; "
                                  "edit the whole plc element with pledit(n, ...)")
    n = _int(args[0], "pledit") if args else None
    opts = _options("pledit", kw, here=())
    if is_root():
        _core.pledit(n, opts)


def plremove(n=None):
    """plremove(n): removes element n (1-based) of the current system;
    default: the last one plotted, or the one plq(n) named."""
    if n is not None:
        n = _int(n, "plremove")
    if is_root():
        _core.plremove(n)


# ------------------------------------------------------------ pygist's session

def viewport():
    """viewport(): the current system's viewport [xmin, xmax, ymin, ymax]
    in NDC (system 1's when the current one is 0); None on other ranks."""
    return list(_core.viewport()) if is_root() else None


def get_style():
    """get_style(): the current window's layout as pygist's nested
    dictionary (landscape, legend, contourlegend, systems: viewport, legend,
    ticks: frame, frameStyle, horizontal, vertical...); None on other ranks."""
    return _core.get_style() if is_root() else None


def set_style(style):
    """set_style(dict): lays the current window out by a dictionary as
    get_style returns it; the elements stay when the number of systems does
    not change. Returns the number of systems."""
    if not isinstance(style, dict):
        raise TypeError("set_style: expected a dictionary as get_style returns")
    return _core.set_style(style) if is_root() else None


def pause(milliseconds):
    """pause(ms): show the frame in progress and wait ms milliseconds (for
    animations). pygist also ends the wait at a key press in the terminal;
    pargist waits the time (its window has its own thread, nothing else
    needs serving)."""
    ms = float(milliseconds)
    if ms < 0:
        raise ValueError("pause: milliseconds must be >= 0")
    redraw()
    time.sleep(ms / 1000.0)


_slice2_precision = [0.0]


def set_slice2_precision(precision):
    """set_slice2_precision(p): how slice2 treats points within p of the
    plane (0: clip exactly; p > 0: polygons within +-p are dropped)."""
    p = float(precision)
    if not p >= 0:
        raise ValueError("set_slice2_precision: precision must be >= 0")
    _slice2_precision[0] = p


def get_slice2_precision():
    """get_slice2_precision(): slice2's precision (default 0.0)."""
    return _slice2_precision[0]


def slice2(plane, nverts, xyzverts, values=None, _slice2x=0):
    """[nverts, xyzverts, values] = slice2(plane, nverts, xyzverts, values):
    the polygons (as slice3 returns them) and parts of polygons on the
    positive side of plane [nx, ny, nz, d] (n . xyz >= d), or, for a scalar
    plane, where the vertex values are above it; with _slice2x=1 the other
    side follows (six results). Empty sides are None."""
    plane = numpy.atleast_1d(numpy.asarray(plane, dtype=float)).ravel()
    front, back = _core.slice2(list(plane), numpy.asarray(nverts), numpy.asarray(xyzverts, dtype=float).ravel(),
                               None if values is None else numpy.asarray(values, dtype=float).ravel(),
                               _slice2_precision[0], bool(_slice2x))
    return list(front) + list(back) if _slice2x else list(front)


# pygist's idle hooks served its single-threaded X event loop from the
# Python prompt. pargist's live window has its own thread, so there is
# nothing to hook or to serve: these exist so that scripts calling them run,
# and do only the harmless part.

def pyg_register(connector, keyhandler):
    """pygist: register callbacks for display connection and keyboard lines
    typed in the Gist window. pargist's window runs its own event thread and
    reads no typed lines: nothing is registered (returns None)."""
    return None


def pyg_idler():
    """pygist: do deferred window operations. pargist's window thread does
    them as they come: this shows the frame in progress (as redraw())."""
    redraw()


def pyg_pending():
    """pygist: handle pending window events. pargist's window thread
    handles them as they come: nothing is pending (returns None)."""
    return None


def pyg_unhook():
    """pygist: remove its PyOS_InputHook (for tkinter). pargist installs
    none: nothing to remove."""
    return None


def debug_array(a):
    """pygist: print the memory layout of a numpy array (a debugging aid of
    its C module). Prints the same facts from numpy."""
    a = numpy.asarray(a)
    print(f"Data pointer: {a.ctypes.data:#x}; nd {a.ndim}; shape {a.shape}; type {a.dtype.char}.")
    print(" ".join(str(v) for v in a.ravel()[:20]))


# ------------------------------------------------------------------- hardcopy

def hcp_file(filename=None, dump=None, ps=None):
    """hcp_file(name, dump=, ps=): the default hardcopy file, used by every
    window that has none of its own (window(hcp=)). The kind follows the
    name as in Gist: ".ps" one PostScript file of whole pages, any other
    name a CGM family whose first file is exactly `name` (past pldefault's
    cgmfilesize the next is named by Gist's rule: run00.cgm -> run01.cgm);
    pargist adds ".pdf" (one multi-page file) and ".png", ".svg", ".eps"
    (a numbered file per frame). "" closes it. dump=0 leaves the palette out
    of CGM pages; ps=0 makes hcp()'s automatic file Aa00.cgm instead of
    Aa00.ps."""
    if filename is not None and not isinstance(filename, str):
        raise TypeError("hcp_file: filename must be a string")
    d = None if dump is None else _flag(dump, "dump")
    p = None if ps is None else _flag(ps, "ps")
    if filename is None and d is None and p is None:
        return
    on_root(_core.hcp_file, filename or "", d, p)


def hcp():
    """Send the current frame to the hardcopy file now (collective)."""
    on_root(_core.hcp)


def hcpon():
    """Send every frame to the hardcopy file at fma()."""
    if is_root():
        _core.hcpon()


def hcpoff():
    """Stop sending frames at fma()."""
    if is_root():
        _core.hcpoff()


def hcp_finish(n=None):
    """hcp_finish(n): completes and closes the hardcopy file of window n
    (default the current one; -1: the default file hcp_file opened);
    returns its name (the last file of a CGM family) on rank 0 (collective:
    a file that cannot be completed fails everywhere)."""
    if n is not None:
        n = _int(n, "hcp_finish")
    return on_root(_core.hcp_finish, n)


def png(name, dpi=None):
    """Write the current frame to a PNG file (written whole; collective)."""
    if not isinstance(name, str):
        raise TypeError("png: name must be a string")
    on_root(_core.png, name, None if dpi is None else float(dpi))


def pdf(name):
    """Write the current frame to a PDF file (written whole; collective)."""
    on_root(_core.pdf, str(name))


def eps(name):
    """eps(name): the current frame as Encapsulated PostScript in name +
    ".epsi", as pygist (a name ending in ".eps" or ".epsi" is kept); as
    pygist's, it turns the current window's hardcopy legends off."""
    name = str(name)
    if not (name.endswith(".eps") or name.endswith(".epsi")):
        name += ".epsi"

    def write(name):
        _core.window(_core.current_window() if _core.current_window() >= 0 else 0, {"legends": False})
        _core.eps(name)

    on_root(write, name)  # written whole; a failure is raised on every rank


def svg(name):
    """Write the current frame to an SVG file (written whole; collective)."""
    on_root(_core.svg, str(name))


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


# pygist's Python helpers and computations, in the same namespace as in pygist.
from ._gist_helpers import moush, plfc, plh, plmk, plmk_default, span, spann  # noqa: E402
from ._mesh_tools import bytscl, contour, mesh_loc, mfit  # noqa: E402
from ._color_bar import color_bar, nice_levels  # noqa: E402

__all__ += ["moush", "plfc", "plh", "plmk", "plmk_default", "span", "spann",
            "bytscl", "contour", "mesh_loc", "mfit", "color_bar", "nice_levels"]
