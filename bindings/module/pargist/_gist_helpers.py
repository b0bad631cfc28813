"""The helpers pygist's gist.py defines in Python on top of Gist's
primitives, with its names, arguments and results: span, spann, plfc, plh,
plmk, plmk_default, moush. Written anew for pargist; they draw through
pargist.gist, so they are rank-0 drawing calls like the primitives."""

import numpy

from . import _drawable, gist, parallel
from ._mesh_tools import bytscl, contour, mesh_loc
from ._state import is_root
from ._style import color_name, parse_color

__all__ = ["span", "spann", "plfc", "plh", "plmk", "plmk_default", "moush"]


def span(zmin, zmax, nz, nn=None):
    """span(zmin, zmax, nz, nn=None): nz equally spaced values from zmin to
    zmax; with nn, an (nz, nn) array whose columns are that."""
    result = numpy.linspace(zmin, zmax, nz)
    if nn is not None:
        result = result[:, numpy.newaxis] * numpy.ones(nn)
    return result


def spann(zmin, zmax, n=8, fudge=0, force=0):
    """spann(zmin, zmax, n=8, fudge=0, force=0): at most n equally spaced
    "nice" numbers between zmin and zmax (exactly n with force=1)."""
    dz = (zmax - zmin) / max(float(n), 0.0)
    if dz == 0.0:
        dz = abs(zmin)
    if dz == 0.0:
        return numpy.array([-1.0, 1.0])
    power = numpy.floor(numpy.log10(dz) + 0.00001)
    base = dz / 10.0 ** power
    if base > 5.00001:
        base, power = 1.0, power + 1.0
    elif base > 2.00001:
        base = 5.0
    else:
        base = 2.0
    dz = base * 10.0 ** power
    lo = numpy.ceil(zmin / dz - fudge)
    hi = numpy.floor(zmax / dz + fudge)
    nz = int(hi - lo + 1.0) if not force else n
    if nz > 1:
        return lo * dz + (hi * dz - lo * dz) * numpy.arange(nz) / (nz - 1)
    if nz < 1:
        if base < 1.5:
            base, power = 5.0, power - 1
        elif base < 2.5:
            base = 1.0
        else:
            base = 2.0
        dz = base * 10.0 ** power
        lo = numpy.ceil(zmin / dz + 0.001)
    return numpy.array([lo * dz])


def plfc(z, y, x, ireg, contours=8, colors=None, region=0, triangle=None, scale="lin", leveloverlap=0.0,
         local=1):
    """plfc(z, y, x, ireg, contours=8, colors=None, region=0, triangle=None,
    scale="lin", leveloverlap=0.): pygist's filled contours of point-centred
    z on the mesh (y, x, ireg): the bands between successive levels filled
    with colours. contours is a number of levels (spaced by scale "lin",
    "log" or "normal") or the levels themselves; colors one palette index
    per band (default spread over 0..199); leveloverlap stretches each band
    over the next by that fraction. Sets the default mesh (plmesh).
    local=0 (pargist's, as the other primitives): every rank's piece is
    drawn; give the levels then, or each piece spaces its own."""
    local = gist._local_flag({"local": local})
    # The contours are computed on rank 0 (from rank 0's arrays with
    # local=1): every rank checks its own arrays by the same rules first,
    # so bad numbers raise the same error everywhere.
    with gist._checked(local):
        zc = gist._grid(z, "plfc z")
        if y is not None or x is not None:
            yc, xc, _ = gist._mesh_args("plfc", y, x, ireg)
            if zc.shape != xc.shape:
                raise ValueError(f"plfc: z has shape {zc.shape} but the mesh has {xc.shape}")
            _drawable.points("plfc", xc, yc)
        _drawable.values("plfc", "z", zc)
    gist._emit(local, _plfc, z, y, x, ireg, contours, colors, region, triangle, scale, leveloverlap)


def _plfc(z, y, x, ireg, contours, colors, region, triangle, scale, leveloverlap):
    z = numpy.asarray(z, dtype=float)
    if ireg is None:  # Gist's default regions: every zone in region 1
        ireg = numpy.ones(z.shape, numpy.intc)
        ireg[0, :] = ireg[:, 0] = 0
    ireg = numpy.asarray(ireg)
    # The range of z over the points touching a zone that exists.
    touched = numpy.zeros(z.shape, bool)
    live = ireg[1:, 1:] > 0
    touched[:-1, :-1] |= live
    touched[1:, :-1] |= live
    touched[:-1, 1:] |= live
    touched[1:, 1:] |= live
    vcmin = float(numpy.min(numpy.where(touched, z, z.max())))
    vcmax = float(numpy.max(numpy.where(touched, z, z.min())))
    if isinstance(contours, (int, numpy.integer)) and not isinstance(contours, bool):
        n = int(contours)
        vc = numpy.zeros(n + 2)
        vc[0], vc[n + 1] = vcmin, vcmax
        steps = numpy.arange(1, n + 1, dtype=float)
        if scale in ("lin", None):
            vc[1:n + 1] = vcmin + steps * (vcmax - vcmin) / (n + 1)
        elif scale == "log":
            vc[1:n + 1] = vcmin + numpy.exp(steps * numpy.log(vcmax - vcmin) / (n + 1))
        elif scale == "normal":
            flat = z.ravel()
            mean = flat.mean()
            sd = numpy.sqrt((numpy.sum(flat ** 2) - flat.size * mean ** 2) / (flat.size - 1))
            z1, z2 = mean - 2.0 * sd, mean + 2.0 * sd
            vc[1:n + 1] = z1 + numpy.arange(n) * (z2 - z1) / (n - 1)
        else:
            raise ValueError(f"plfc: scale must be 'lin', 'log' or 'normal', got {scale!r}")
    else:
        levels = numpy.sort(numpy.atleast_1d(numpy.asarray(contours, dtype=float)))
        n = levels.size
        vc = numpy.concatenate(([vcmin], levels, [vcmax]))
    if colors is None:
        colors = (numpy.arange(n + 1, dtype=float) * (199.0 / n)).astype(numpy.uint8)
    else:
        colors = numpy.asarray(colors)
        if colors.size != n + 1:
            raise ValueError("plfc: colors must give one more colour than there are contours")
        if colors.dtype != numpy.uint8:
            colors = bytscl(colors)
    if triangle is None:
        triangle = numpy.zeros(z.shape, numpy.intc)
    gist.plmesh(y, x, ireg, triangle=triangle)
    for i in range(n + 1):
        top = vc[i + 1] + leveloverlap * (vc[i + 1] - vc[i])
        nc, yc, xc = contour(numpy.array([vc[i], top]), z, region=region)
        if nc is None:
            continue
        zc = numpy.full(len(nc), colors[i], dtype=numpy.uint8)
        gist.plfp(zc, yc, xc, nc, edges=0)


def _fill(color, count, what):
    """plfp's z for `count` polygons of one colour: a palette index as uint8
    (drawn as-is), a named colour or Gist's code -1..-10 as its name."""
    kind, value = parse_color(int(color) if isinstance(color, (numpy.integer, float)) else color, what)
    if kind == "index":
        return numpy.full(count, value, dtype=numpy.uint8)
    return [color_name((kind, value)) if kind == "named" else tuple(value)] * count


def _bar_colors(color, n):
    """plh's colours, one plfp z per bar."""
    if not isinstance(color, (list, tuple, numpy.ndarray)):
        color = [color] * n
    return [_fill(c, 1, "plh color") for c in color]


def plh(y, x=None, width=1, hide=0, color=None, labels=None, height=None):
    """plh(y, x, width=1, hide=0, color=None, labels=None, height=None):
    pygist's histogram of bar heights y. x is None (bars of width 1 from
    the origin), one width for all bars, one width per bar, the n+1 bar
    edges, or the 2n start and end points. color fills the bars (one colour
    or one per bar); labels puts one string under each bar instead of the
    x ticks (switching to the boxed style), in font height `height`."""
    y = numpy.asarray(y, dtype=float)
    n = len(y)
    if x is None:
        barx = [numpy.array([i, i, i + 1, i + 1], float) for i in range(n)]
    elif isinstance(x, (int, float)):
        barx = [numpy.array([i, i, i + 1, i + 1], float) * x for i in range(n)]
    else:
        x = numpy.asarray(x, dtype=float)
        if len(x) == n:
            edges = numpy.concatenate(([0.0], numpy.cumsum(x)))
            barx = [numpy.array([edges[i], edges[i], edges[i + 1], edges[i + 1]]) for i in range(n)]
        elif len(x) == n + 1:
            barx = [numpy.array([x[i], x[i], x[i + 1], x[i + 1]]) for i in range(n)]
        elif len(x) == 2 * n:
            barx = [numpy.array([x[2 * i], x[2 * i], x[2 * i + 1], x[2 * i + 1]]) for i in range(n)]
        else:
            raise ValueError("plh: inconsistent length of x")
    bary = [numpy.array([0.0, v, v, 0.0]) for v in y]
    style = None
    if labels is not None:
        if len(labels) != n:
            raise ValueError(f"plh: {len(labels)} labels for {n} bars")
        # window() is collective, and only rank 0 knows its windows and
        # their style: its answers decide for every rank (labels= only; a
        # plain plh sends nothing).
        if parallel.broadcast(is_root() and gist.current_window() < 0):
            gist.window(style="boxed.gs", legends=0)
        style = gist.get_style()
        if parallel.broadcast(style is not None and bool(style["systems"][0]["ticks"]["horizontal"]["flags"] & 99)):
            # No x ticks or labels under the bars: the labels go there.
            gist.window(style="boxed.gs", legends=0)
            style = gist.get_style()
            if style is not None:
                style["systems"][0]["ticks"]["horizontal"]["flags"] &= ~99
                gist.set_style(style)
    if color is not None:
        for bx, by, c in zip(barx, bary, _bar_colors(color, n)):
            gist.plfp(c, by, bx, [4])
    for bx, by in zip(barx, bary):
        gist.plg(by, bx, width=width, hide=hide, marks=0)
    if labels is not None and style is not None:
        left, right, bottom, _ = gist.viewport()
        hticks = style["systems"][0]["ticks"]["horizontal"]
        scale = (right - left) / (barx[-1][-1] - barx[0][0])
        ylab = bottom - hticks["labelOff"] + hticks["tickLen"][0] + hticks["tickOff"]
        extra = {} if height is None else {"height": height}
        for bx, label in zip(barx, labels):
            xlab = left + scale * ((bx[0] + bx[-1]) / 2.0 - barx[0][0])
            gist.plt(label, xlab, ylab, justify="CT", **extra)


# pygist's seven plmk markers, in NDC: square, cross, triangle, circle,
# diamond, cross rotated 45 degrees, triangle upside down.
def _spanz(lo, hi, n):
    c = 0.5 * (hi - lo) / (n - 1.0)
    return (hi - c - lo - c) / (n - 2.0) * numpy.arange(n - 1) + lo + c


_ANGLES = _spanz(-numpy.pi, numpy.pi, 37)
_MARKERS = (
    numpy.array([[-1, 1, 1, -1], [-1, -1, 1, 1]]) * .007,
    numpy.array([[-4, -1, -1, 1, 1, 4, 4, 1, 1, -1, -1, -4],
                 [-1, -1, -4, -4, -1, -1, 1, 1, 4, 4, 1, 1]]) * .007 / numpy.sqrt(7),
    numpy.array([[-numpy.sqrt(3), numpy.sqrt(3), 0], [-1, -1, 2]]) * .007 / numpy.sqrt(.75 * numpy.sqrt(3)),
    numpy.array([numpy.cos(_ANGLES), numpy.sin(_ANGLES)]) * .007 / (numpy.pi / 4.),
    numpy.array([[-1, 0, 1, 0], [0, -1, 0, 1]]) * .007 * numpy.sqrt(2),
    numpy.array([[-1, -2.5, -1.5, 0, 1.5, 2.5, 1, 2.5, 1.5, 0, -1.5, -2.5],
                 [0, -1.5, -2.5, -1, -2.5, -1.5, 0, 1.5, 2.5, 1, 2.5, 1.5]]) * .007 * numpy.sqrt(2) / numpy.sqrt(7),
    numpy.array([[0, numpy.sqrt(3), -numpy.sqrt(3)], [-2, 1, 1]]) * .007 / numpy.sqrt(.75 * numpy.sqrt(3)),
)
_plmk = {"count": 0, "color": None, "width": None, "msize": None}


def plmk(y, x=None, marker=None, width=None, color=None, msize=None):
    """plmk(y, x, marker=, width=, color=, msize=): pygist's scatter plot of
    polygon markers: without marker= each call takes the next of 7 shapes
    (square, cross, triangle, circle, diamond, x, upside-down triangle);
    marker=1..7 picks one, marker=[xm, ym] gives your own (NDC). width >= 10
    fills the markers with the colour; msize scales them. plmk_default sets
    the defaults."""
    if marker is None:
        marker = _MARKERS[_plmk["count"] % 7]
        _plmk["count"] += 1
    elif isinstance(marker, (int, numpy.integer)):
        if not 1 <= marker <= 7:
            raise ValueError(f"plmk: marker must be 1..7 or [xm, ym], got {marker}")
        marker = _MARKERS[marker - 1]
    xm, ym = numpy.asarray(marker[0], dtype=float), numpy.asarray(marker[1], dtype=float)
    if msize is None:
        msize = _plmk["msize"]
    if msize is not None:
        xm, ym = xm * msize, ym * msize
    if color is None:
        color = _plmk["color"]
    if width is None:
        width = _plmk["width"]
    y = numpy.asarray(y, dtype=float).ravel()
    x = numpy.arange(1.0, y.size + 1.0) if x is None else numpy.asarray(x, dtype=float).ravel()
    fill = None
    if width is not None and width >= 10:
        fill = _fill("fg" if color is None else color, 1 + y.size, "plmk color")
        width = None
    n = numpy.ones(1 + y.size, dtype=numpy.int64)
    n[0] = xm.size
    extra = {"edges": 1}
    if width is not None:
        extra["ewidth"] = width
    if color is not None:
        extra["ecolor"] = color
    gist.plfp(fill, numpy.concatenate((ym, y)), numpy.concatenate((xm, x)), n, **extra)


def plmk_default(color=None, msize=None, width=None):
    """plmk_default(color=, msize=, width=): plmk's defaults (width=10 fills
    the markers); with no argument, back to the initial ones."""
    if color is None and msize is None and width is None:
        _plmk.update(color=None, msize=None, width=None)
        return
    if color is not None:
        _plmk["color"] = color
    if width is not None:
        _plmk["width"] = width
    if msize is not None:
        _plmk["msize"] = msize


def moush(*args):
    """moush(), moush(y, x), moush(y, x, ireg): waits for a click in the live
    window and returns the 1-based zone of the mesh (default: plmesh's) it
    hit, 0 outside, None without a click."""
    if len(args) not in (0, 2, 3):
        raise TypeError("moush takes 0, 2 or 3 arguments: ([y, x [, ireg]])")
    xy = gist.mouse(-1, 0, "<Click mouse in mesh>")
    if xy is None:
        return None
    return mesh_loc(xy[1], xy[0], *args)
