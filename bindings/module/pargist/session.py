"""Warp's plotting session: setup(), winon(), fma(legend=), hcp(legend=),
plotruninfo(), ptitles/settitles, Warp's colorbar, pla/plp, plotc/plotfc,
setviewport, refresh.

    setup()                  # window 0 writing <runid>.000.cgm, Warp's style
    winon()                  # ... and on the screen
    ppzx(); fma()            # each frame ends with the run's legend and number

setup() and winon() give window 0 Warp's own style: 16 coordinate systems
(1 full page; 3-6 quadrants; 7-8, 9-10 halves; 14-16 thirds). The run's
name, step and comments come from register_run() (Warp's top). fma() and
hcp() print that legend at the frame's bottom when legend=1, which is their
default once setup() or winon() ran (Gist's plain fma() before that).
setup() is collective (the file name is rank 0's, broadcast); the other
helpers draw on rank 0 and cost the other ranks nothing, as Gist's do.
"""

import os
import re
import time

import numpy

from . import _core, gist, parallel
from . import _warpstyle as style
from ._state import is_root
from .sources import run

__all__ = ["setup", "winon", "fma", "hcp", "refresh", "plotruninfo", "settitles", "settitlecolors",
           "ptitles", "ptitlebottom", "colorbar", "nicelevels", "pla", "plp", "plotc", "plotfc",
           "setviewport", "warpstyle_viewports"]

_session = {"active": False, "pname": None, "pnumb": None, "cgmlog": None}
_frames = {}            # window -> number of the frame in progress (from 1)
_hcp_frame = {}         # window -> frame number last sent by hcp()
_warp_style = {}        # window -> (title placement, colorbar placement) when it has Warp's style
_titles = {"t": "", "b": "", "l": "", "r": ""}
_title_colors = {"t": "fg", "b": "fg", "l": "fg", "r": "fg"}
_last_titles = {"t": "", "b": "", "l": "", "r": ""}


def warpstyle_viewports():
    """The 16 viewports of Warp's style (system 1 first)."""
    return list(style.VIEWPORTS)


def _warp_style_name(name):
    return name is None or name in ("work.gs", "warp", "warp.gs", "warpstyle.gs")


def _apply_style(n, style_name):
    """Open/select window n on rank 0 with Warp's style (or a Gist one)."""
    if _warp_style_name(style_name):
        _core.set_viewports([tuple(v) for v in style.VIEWPORTS])
        _core.plsys(1)
        _warp_style[n] = ([list(map(list, p)) for p in style.TITLE_PLACEMENT],
                          [None if p is None else list(p) for p in style.COLORBAR_PLACEMENT])
    else:
        _warp_style.pop(n, None)
    if _core.frame_info()["number"] == 0:   # a new window: Warp numbers its frames from 1
        _frames[n], _hcp_frame[n] = 1, 0


def _gist_style(style_name):
    if _warp_style_name(style_name):
        return "boxed"
    return style_name[:-3] if style_name.endswith(".gs") else style_name


def _next_name(prefix, suffix):
    """Warp's numbering: prefix.000.suffix, .001... the first unused."""
    folder = os.path.dirname(prefix) or "."
    taken = " ".join(os.listdir(folder)) if os.path.isdir(folder) else ""
    base = os.path.basename(prefix)
    i = 0
    while re.search(re.escape(f"{base}.{i:03d}.{suffix}"), taken):
        i += 1
    return f"{prefix}.{i:03d}.{suffix}"


def setup(makepsfile=0, prefix=None, cgmlog=1, runcomments="", cgmfilesize=100000, pnumb=None,
          writetodatafile=0, lversiontext=1, style="work.gs"):
    """Start writing every frame to a CGM file named after the run (collective):
    <prefix or runid>.NNN.cgm, NNN the first free number (or pnumb=), with
    Warp's style; a log <name>log of the frames (cgmlog=1); a first page with
    the date and runcomments (lversiontext=1). Returns the file name."""
    if makepsfile:
        raise NotImplementedError("setup: makepsfile=1 (PostScript): pargist writes CGM, PDF, EPS, PNG; "
                                  "use setup() for CGM or hcp_file('name.pdf')")
    if writetodatafile:
        raise NotImplementedError("setup: writetodatafile=1 (Warp's pickled plot data) is not available; "
                                  "the CGM file keeps every frame")
    pname = pnumb_used = None
    if parallel.me == 0:
        prefix = str(run.runid) if prefix is None else str(prefix)
        if pnumb is None:
            pname = _next_name(prefix, "cgm")
            pnumb_used = pname[-7:-4]
        else:
            pnumb_used = str(pnumb)
            pname = f"{prefix}.{pnumb_used}.cgm"
    pname, pnumb_used = parallel.broadcast((pname, pnumb_used))
    setup.pname, setup.pnumb = pname, pnumb_used
    _session.update(active=True, pname=pname, pnumb=pnumb_used)
    # window() is collective (a file rank 0 cannot open fails everywhere).
    gist.window(0, display="", hcp=pname, style=_gist_style(style))
    gist.hcpon()
    if lversiontext:
        text = time.ctime() + "\n# pargist " + _version() + "\n" + str(runcomments)
    if not is_root():
        if lversiontext:
            fma()
        return pname
    _apply_style(0, style)
    print("Plot file name", pname)
    if cgmlog:
        log = open(pname + "log", "w")
        log.write("CGMLOG file for " + pname + "\n\n")
        log.flush()
        _session["cgmlog"] = log
    if lversiontext:
        gist.plt(text, 0.15, 0.88, justify="LT")
        fma()
    return pname


def _version():
    from . import __version__
    return __version__


def winon(winnum=None, dpi=100, prefix=None, suffix=None, xon=1, style="work.gs"):
    """Open window winnum (default 0) on the screen ($DISPLAY) with Warp's
    style; with prefix= or suffix= a new window winnum >= 1 writing its own
    file named after setup()'s (setup must have run). Returns winnum."""
    _session["active"] = True
    display = os.environ.get("DISPLAY", "") if xon else ""
    if prefix is None and suffix is None:
        n = 0 if winnum is None else int(winnum)
        gist.window(n, dpi=dpi, display=display, style=_gist_style(style))  # collective
        if is_root():
            _apply_style(n, style)
        return n
    if _session["pname"] is None:
        raise RuntimeError("winon: setup has not yet been called")
    n = int(winnum) if winnum not in (None, 0) else getattr(winon, "winnum", 0) + 1
    winon.winnum = n
    base = ".".join(_session["pname"].split(".")[:-2])
    if prefix is not None:
        base = prefix + base
    if suffix is not None:
        base = base + "_" + suffix
    pname = f"{base}.{_session['pnumb']}.cgm"
    gist.window(n, dpi=dpi, display=display, hcp=pname, style=_gist_style(style))  # collective
    gist.hcpon()
    if is_root():
        _apply_style(n, style)
    return n


def _window():
    n = _core.current_window()
    return n if n >= 0 else 0


def plotruninfo():
    """The run's legend at the frame's bottom (pline3..1, who, when, runid
    and file number) and the frame number; one line in the CGM log."""
    if not is_root():
        return
    n = _window()
    lines = "\n".join(str(run.get(k) or "") for k in ("pline3", "pline2", "pline1"))
    if lines.strip():
        gist.plt(lines, 0.12, 0.28)
    pnumb = "." + _session["pnumb"] if _session["pnumb"] else ""
    who = f"{run.runmaker}, {run.runtime} {run.runid}{pnumb}"
    gist.plt(who.replace("_", "!_"), 0.12, 0.24)
    if _hcp_frame.get(n, 0) > 0:
        gist.plt(repr(_hcp_frame[n]), 0.68, 0.9, justify="RA", color="bg")
        _hcp_frame[n] = 0
    gist.plt(repr(_frames.setdefault(n, 1)), 0.68, 0.9, justify="RA")
    log = _session["cgmlog"]
    if log is not None:
        log.write(f"{n} {_frames[n]} Step {run.it} {_last_titles['t']} {_last_titles['b']} "
                  f"{_last_titles['l']} {_last_titles['r']}\n")
        log.flush()


def _legend_default(legend):
    return _session["active"] if legend is None else bool(legend)


def fma(legend=None):
    """Finish the frame (Gist's fma), after printing the run's legend when
    legend=1 (the default once setup() or winon() ran)."""
    if _legend_default(legend):
        plotruninfo()
    gist.fma()
    if is_root():
        n = _window()
        _frames[n] = _frames.setdefault(n, 1) + 1
        if _session["active"]:
            gist.limits()


def hcp(legend=None):
    """Send the frame to the hardcopy file now (Gist's hcp), with the run's
    legend when legend=1 (the default once setup() or winon() ran)."""
    if _legend_default(legend):
        plotruninfo()
    gist.hcp()
    if is_root():
        n = _window()
        _hcp_frame[n] = _frames.setdefault(n, 1)
        _frames[n] += 1


def refresh():
    """Show the frame in progress now (the window redraws on its own thread)."""
    gist.redraw()


# ----------------------------------------------------------------- titles

def settitles(titlet="", titleb="", titlel="", titler=""):
    """Titles the next ptitles() (and the next pp* plot) draws."""
    # Spelled out, not a loop: pp* frames call settitles() every frame.
    if titlet is not None:
        _titles["t"] = titlet
    if titleb is not None:
        _titles["b"] = titleb
    if titlel is not None:
        _titles["l"] = titlel
    if titler is not None:
        _titles["r"] = titler


def settitlecolors(titlet_color="fg", titleb_color="fg", titlel_color="fg", titler_color="fg"):
    for key, value in zip("tblr", (titlet_color, titleb_color, titlel_color, titler_color)):
        if value is not None:
            _title_colors[key] = value


def _placement(view):
    """Title positions (t, b, l, r) and default height of a view on rank 0."""
    n = _window()
    if n in _warp_style and 1 <= view <= 16:
        return _warp_style[n][0][view - 1], style.TITLE_HEIGHTS[view - 1]
    vp = _core.system_viewport(max(view, 1))
    return style.titles_around(vp), 20.0 if vp[1] - vp[0] > 0.3 else 15.0


def ptitles(titlet="", titleb="", titlel="", titler="", v=None, height=None,
            titlet_color=None, titleb_color=None, titlel_color=None, titler_color=None):
    """Draw the titles of view v (default: the current system) where Warp
    puts them: top, bottom, left (rotated), right (under the bottom one);
    empty ones come from settitles(), which is then reset."""
    text = title_texts(titlet, titleb, titlel, titler)
    color = title_colors(titlet_color, titleb_color, titlel_color, titler_color)
    _last_titles.update(text)
    settitles()
    if not is_root():
        return
    view = _core.plsys(None) if v is None else int(v)
    # Rank 0 alone, at finite places: the core's own keyword checks are
    # all gist.plt would add (a title is part of every pp* frame).
    for stroke in title_strokes(text, color, view, height):
        _core.plt(*stroke)


def title_texts(titlet="", titleb="", titlel="", titler=""):
    """The titles ptitles draws (t, b, l, r): the given ones, else settitles()'s."""
    return {k: (given if given else _titles[k]) for k, given in zip("tblr", (titlet, titleb, titlel, titler))}


def title_colors(titlet_color=None, titleb_color=None, titlel_color=None, titler_color=None):
    """Their colours: the given ones, else settitlecolors()'s."""
    return {k: (given if given is not None else _title_colors[k])
            for k, given in zip("tblr", (titlet_color, titleb_color, titlel_color, titler_color))}


def title_strokes(text, color, view, height=None):
    """Rank 0: the plt calls (text, x, y, keywords) that draw the non-empty
    titles of system view where Warp puts them."""
    places, default_height = _placement(view)
    h = default_height if height is None else float(height)
    strokes = []
    for k, orient in (("t", 0), ("b", 0), ("l", None), ("r", 0)):
        if not text[k]:
            continue
        x, y = places["tblr".index(k)]
        if orient is None:
            orient = 1 if x < 0.5 else 3
        strokes.append((str(text[k]), float(x), float(y), {"justify": "CC", "orient": orient, "height": h,
                                                           "color": color[k]}))
    return strokes


def ptitlebottom(text="", **kw):
    """A line of text under the plot (Warp's spot)."""
    gist.plt(text, 0.3950, 0.37, justify="CC", **kw)


# --------------------------------------------------------------- colorbar

def nicelevels(z, n=8):
    """About n round values between min(z) and max(z) (axis labels)."""
    z = numpy.asarray(z, dtype=float)
    zmin, zmax = float(z.min()), float(z.max())
    if zmin == zmax:
        return numpy.array([zmin, zmax])
    finest = abs(zmax - zmin) / float(n)
    unit = 10.0 ** numpy.floor(numpy.log10(finest))
    finest /= unit
    finest = 10.0 if finest > 5.0 else 5.0 if finest > 2.0 else 2.0 if finest > 1.0 else finest
    unit *= finest
    cmin, cmax = unit * numpy.ceil(zmin / unit), unit * numpy.floor(zmax / unit)
    levs = cmin + numpy.arange(int((cmax - cmin) / unit + 0.5) + 1) * unit
    levs[numpy.abs(levs) < 0.1 * unit] = 0.0
    return levs


_GIST_COLORBAR = ("levs", "label", "vertical", "color", "height")


def colorbar(zmin, zmax, uselog=None, ncolor=None, view=None, levs=None, colbarlinear=1, ctop=None,
             **gist_kw):
    """Warp's colour bar beside view (default: the current system):
    ncolor bands (100), labels at round values (uselog=b: 'b^x'), levs=
    contour levels (colbarlinear=0: one equal block per level), ctop= the
    palette's top colour. With Gist's keywords only (label=, vertical=...)
    and none of Warp's, Gist's colour bar."""
    unknown = set(gist_kw) - set(_GIST_COLORBAR)
    if unknown:
        raise TypeError(f"colorbar() got an unexpected keyword argument {sorted(unknown)[0]!r}")
    warp = uselog is not None or ncolor is not None or view is not None or not colbarlinear \
        or ctop is not None
    if gist_kw and warp:
        raise TypeError(f"colorbar: Gist's {sorted(gist_kw)[0]}= does not combine with Warp's keywords")
    if not warp and (gist_kw or not _window_has_warp_style()):
        return gist.colorbar(zmin, zmax, levs=levs, **gist_kw)
    zmin, zmax = float(zmin), float(zmax)
    ncolor = colorbar_bands(ncolor)
    if not is_root():
        return
    _warp_colorbar(zmin, zmax, uselog, ncolor, view, levs, colbarlinear, ctop)


def colorbar_bands(ncolor):
    """Warp's colour bar's band count: ncolor, 100 by default."""
    ncolor = 100 if ncolor is None else int(ncolor)
    if ncolor < 1:
        raise ValueError(f"colorbar: ncolor must be >= 1, got {ncolor}")
    return ncolor


def _window_has_warp_style():
    return is_root() and _window() in _warp_style


def colorbar_place(view):
    """Where Warp puts view's colour bar (NDC xmin, xmax, ymin, ymax), and its labels' size."""
    n = _window()
    if n in _warp_style and 1 <= view <= 16:
        return _warp_style[n][1][view - 1], style.COLORBAR_FONTSIZE[view - 1]
    place = style.colorbar_beside(_core.system_viewport(max(view, 1)))
    return place, 14.0 if place[3] - place[2] > 0.3 else 11.0


def _warp_colorbar(zmin, zmax, uselog, ncolor, view, levs, colbarlinear, ctop):
    previous = _core.plsys(None)
    view = previous if view is None else int(view)
    place, fontsize = colorbar_place(view)
    xmin, xmax, ymin, ymax = place
    _core.plsys(0)  # rank 0 here, and 0 is a system: gist.plsys's checks have nothing to add
    try:
        top = _core.palette_size() - 1 if ctop is None else int(ctop)
        if levs is None:
            # The common bar (a density's): the core draws it, as pp_bench's C++ side does.
            prefix = "e^" if uselog == "e" or uselog == 1 else "" if uselog is None else f"{int(uselog)}^"
            _core.warp_colorbar(zmin, zmax, (xmin, xmax, ymin, ymax), fontsize, ncolor, top, prefix)
            return
        if colbarlinear and levs is not None:
            # Filled contours of a linear ramp, at the contour levels.
            ramp = numpy.linspace(zmin, zmax, 255)[:, None] * numpy.ones(2)
            xx = numpy.array([xmin, xmax]) * numpy.ones(255)[:, None]
            yy = numpy.linspace(ymin, ymax, 255)[:, None] * numpy.ones(2)
            _zone_bands(ramp, yy, xx, None, numpy.asarray(levs, dtype=float), 1)
        else:
            values = (numpy.arange(ncolor) / max(ncolor - 1.0, 1.0))[:, None] * numpy.ones(2)
            gist.pli(values, xmin, ymin, xmax, ymax, top=top, cmin=0.0, cmax=1.0)
        gist.pldj([xmin, xmin, xmin, xmax], [ymin, ymax, ymin, ymin],
                  [xmax, xmax, xmin, xmax], [ymin, ymax, ymax, ymax])
        if levs is None:
            labels = nicelevels(numpy.array([zmin, zmax]))
        else:
            labels = numpy.asarray(levs, dtype=float)
            if zmin < labels[0]:
                labels = numpy.concatenate([[zmin], labels])
            if zmax > labels[-1]:
                labels = numpy.concatenate([labels, [zmax]])
        if not colbarlinear and levs is not None:
            ys = ymin + numpy.arange(len(labels)) / (len(levs) + 1.0) * (ymax - ymin)
            if levs[0] < zmin:
                ys = ys + 1.0 / (len(levs) + 1.0) * (ymax - ymin)
        elif len(labels) == 2 and labels[0] == labels[1]:
            ys = numpy.array([ymin, ymax])
        else:
            ys = ymin + (ymax - ymin) * (labels - zmin) / (zmax - zmin if zmax != zmin else 1.0)
        if uselog == "e" or uselog == 1:
            fmt = " e^%.5g"
        elif uselog is not None:
            fmt = " %d^%%.5g" % int(uselog)
        else:
            fmt = " %.5g"
        ylast = 0.0
        for value, y in zip(labels, ys):
            if y - ylast > (ymax - ymin) / 30:
                gist.plt(fmt % value, xmax + 0.005, y - 0.005, height=fontsize)
                ylast = y
        gist.pldj([xmax] * len(ys), ys, [xmax + 0.005] * len(ys), ys)
    finally:
        if view == previous:
            _core.plsys(previous)
        else:
            gist.plsys(view if 0 <= view < _core.frame_info()["systems"] else previous)


# --------------------------------------------------------------- plotting

def pla(y, x=None, linetype="solid", local=1, **kw):
    """Curves of each column of y (1-D or 2-D; more dimensions folded into
    columns) against x (or 0..n-1); local=0 draws every rank's data."""
    kw.setdefault("type", linetype)
    y = numpy.atleast_1d(numpy.asarray(y, dtype=float))
    x = numpy.arange(y.shape[0], dtype=float) if x is None else numpy.atleast_1d(numpy.asarray(x, dtype=float))
    if x.shape[0] != y.shape[0]:
        raise ValueError("pla: the first dimensions of y and x must be of the same length")
    yy = y.reshape(y.shape[0], -1)
    xx = x.reshape(x.shape[0], -1)
    for i in range(yy.shape[1]):
        if yy.shape[0] > 0:
            gist.plg(yy[:, i], xx[:, i % xx.shape[1]], local=local, **kw)


def plp(y, x=None, linetype="none", marker="\1", msize=1.0, **kw):
    """Markers (dots by default) instead of a line: pla with Warp's defaults."""
    kw.setdefault("type", linetype)
    kw["marker"] = marker
    kw["msize"] = msize
    pla(y, x, **kw)


def plotc(zz, xx=None, yy=None, ireg=None, color="fg", levs=None, contours=7, filled=0, width=1.0,
          linetype="solid", cmin=None, cmax=None, local=1, leveloverlap=False, withbends=False):
    """Contours of the 2-D array zz on a mesh (Warp's simple interface to
    plc): xx and yy (1-D or 2-D, default the indices) go to plc as its y
    and x, as in Warp; `contours` levels evenly inside cmin..cmax (or
    levs=), lines in color, or filled=1."""
    if withbends:
        raise NotImplementedError("plotc: withbends=1 needs Warp's lattice of bends, which pargist does not have")
    zz = numpy.asarray(zz, dtype=float)
    if zz.ndim != 2:
        raise ValueError("plotc: the first argument must be a 2-D array")
    s0, s1 = zz.shape
    xx = numpy.arange(s0, dtype=float) if xx is None else numpy.asarray(xx, dtype=float)
    yy = numpy.arange(s1, dtype=float) if yy is None else numpy.asarray(yy, dtype=float)
    if xx.ndim == 1:
        xx = xx[:, None] * numpy.ones(s1)
    if yy.ndim == 1:
        yy = numpy.ones(s0)[:, None] * yy
    levels = _levels(zz, levs if levs is not None else contours, cmin, cmax)
    if levels is None:
        return
    if filled:
        _filled(zz, xx, yy, ireg, levels, leveloverlap, local)
    else:
        gist.plc(zz, xx, yy, ireg, levs=levels, color=color, width=width, type=linetype, local=local)


def _levels(z, contours, cmin, cmax):
    if contours is None or (not numpy.ndim(contours) and contours == 0):
        return None
    if numpy.ndim(contours):
        return numpy.asarray(contours, dtype=float)
    n = int(contours)
    lo = float(numpy.min(z)) if cmin is None else float(cmin)
    hi = float(numpy.max(z)) if cmax is None else float(cmax)
    return lo + numpy.arange(1, n + 1) * (hi - lo) / (n + 1)


def _filled(zz, y, x, ireg, levels, leveloverlap, local):
    """Filled contours: each zone takes the colour of the band of its value.
    Zones are filled edge to edge, so Warp's leveloverlap (which hides gaps
    between separately filled bands) changes nothing here."""
    if leveloverlap is not None and float(leveloverlap or 0) < 0:
        raise ValueError("leveloverlap must be >= 0")
    _zone_bands(zz, y, x, ireg, levels, local)


def _zone_bands(z, y, x, ireg, levs, local):
    """Warp's filled contours of point-centred z as one plf: each zone the
    colour of the band its mean value falls in (zone-wise, where Gist's plfc
    fills the contour polygons; one element, cheap for big grids)."""
    local = gist._local_flag({"local": local})
    with gist._checked(local):
        z = gist._grid(z, "plotfc z")
        y, x, ireg = gist._mesh_args("plotfc", y, x, ireg)
        if z.shape != x.shape:
            raise ValueError(f"plotfc: z has shape {z.shape} but the mesh has {x.shape}")
        zone = 0.25 * (z[1:, 1:] + z[:-1, 1:] + z[1:, :-1] + z[:-1, :-1])
        if levs is None:
            lo, hi = float(numpy.nanmin(z)), float(numpy.nanmax(z))
            levs = numpy.linspace(lo, hi, 10)[1:-1] if hi > lo else numpy.array([lo])
        levs = numpy.sort(numpy.atleast_1d(numpy.asarray(levs, dtype=float)))
        band = numpy.searchsorted(levs, zone, side="right").astype(float)
        opts = {"cmin": 0.0, "cmax": float(max(len(levs), 1))}
        if ireg is not None:
            opts["ireg"] = numpy.asarray(ireg).ravel()
    gist._emit(local, _core.plf, numpy.ascontiguousarray(band), y, x, opts)


def plotfc(zz, xx=None, yy=None, ireg=None, contours=8, local=1, **kw):
    """Filled contours: plotc(..., filled=1)."""
    plotc(zz, xx=xx, yy=yy, ireg=ireg, contours=contours, filled=1, local=local, **kw)


# -------------------------------------------------------------- viewports

def setviewport(x0=None, x1=None, y0=None, y1=None, view=None, movecurrenttitles=False):
    """Move view's viewport (NDC); Warp's titles and colour bar follow.
    Returns (x0, x1, y0, y1)."""
    if movecurrenttitles:
        raise NotImplementedError("setviewport: movecurrenttitles=1 (moving titles already drawn) "
                                  "is not available; the next titles use the new place")
    if not is_root():
        return None
    view = _core.plsys(None) if view is None else int(view)
    n = _window()
    count = _core.frame_info()["systems"] - 1
    boxes = [list(_core.system_viewport(k)) for k in range(1, count + 1)]
    if not 1 <= view <= count:
        raise ValueError(f"setviewport: no view {view} (this window has 1..{count})")
    old = boxes[view - 1]
    new = [old[0] if x0 is None else float(x0), old[1] if x1 is None else float(x1),
           old[2] if y0 is None else float(y0), old[3] if y1 is None else float(y1)]
    boxes[view - 1] = new
    current = _core.plsys(None)
    _core.set_viewports([tuple(b) for b in boxes])
    _core.plsys(current)
    if n in _warp_style and view <= 16:
        _warp_style[n][0][view - 1] = style.titles_around(new)
        _warp_style[n][1][view - 1] = style.colorbar_beside(new)
    return tuple(new)
