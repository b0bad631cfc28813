"""Warp's ppgeneric, collective: every rank passes its particles, the
reduce layer does the work, rank 0 draws the reduced result.

    transforms (x - xoffset; y - slope x - yoffset - offset; scales)
      -> the view: xmin.. keywords, lframe's pplimits, rank 0's fixed limits
         (a live window's zoom), else the global extremes plus one cell
      -> Warp's node grids, reduced: the density (linear weights on the
         (nx+1) x (ny+1) nodes), or the node mean of zz
      -> root: boundary conditions, scaling, log, flips, contours, cell
         array, particles (a fair sample of at most maxpoints), hash,
         colour bar, titles

What rank 0 receives is bounded by the plot: one or two node grids, and at
most maxpoints particles. Above maxpoints selected particles a plot of the
particles alone becomes a density cell array (pargist's rule; iw < 0 asks
for a sample instead).
"""

import hashlib

import numpy

from . import _core, _ppdecor, gist, parallel, session
from . import _ppdraw as draw
from ._collective import agreement
from ._state import is_root
from .sources import run


class PlotResult(dict):
    """What a pp* call did (the same on every rank); shows the frame in Jupyter."""

    def _repr_png_(self):
        if not is_root():
            return None
        return _core.frame_png_bytes(75.0)


class Particles:
    """One plot's particles on this rank: horizontal x, vertical y, optional
    weights and third quantity zz, and the selection (pargist.reduce's
    windows/ii/where) with Warp's iw < 0 subset size."""

    def __init__(self, x, y, weights=None, zz=None, select=None, subset=0):
        self.x, self.y, self.weights, self.zz = x, y, weights, zz
        self.select = select or {}
        self.subset = subset


def _select_arg(select, extra_windows=()):
    if not select and not extra_windows:
        return None
    spec = {}
    windows = list(select.get("windows") or []) + list(extra_windows)
    if windows:
        spec["windows"] = [(f"window {k}", a, float(lo), float(hi)) for k, (a, lo, hi) in enumerate(windows)]
    if select.get("ii") is not None:
        spec["indices"] = select["ii"]
    if select.get("where") is not None:
        spec["where"] = select["where"]
    return spec or None


def _root_view(o):
    """Rank 0's fixed sides: its current system's limits (a zoom, limits()),
    NaN where automatic."""
    v = [numpy.nan] * 4
    if is_root():
        lim = _core.current_limits()
        flags = int(lim[4])
        # Gist's limit flags: 1 xmin, 2 xmax, 4 ymin, 8 ymax are automatic.
        for k in range(4):
            if not flags & (1 << k):
                v[k] = float(lim[k])
    return v


def _view(comm, o):
    """The fixed sides of the view (they also select the particles): rank
    0's current limits, overridden by lframe's pplimits (scaled). NaN where
    automatic."""
    # Rank 0's limits can fail alone (a frame of numbers near 1e308 whose
    # span overflows): its outcome, sides or error, reaches every rank.
    if comm.size > 1:
        sides = numpy.frombuffer(comm.on_root(lambda: numpy.array(_root_view(o), dtype=float).tobytes()),
                                 dtype=float).copy()
    else:
        sides = numpy.array(_root_view(o), dtype=float)
    scales = (o["xscale"], o["xscale"], o["yscale"], o["yscale"])
    if o["lframe"]:
        for k, s in enumerate(o["pplimits"]):
            if s != "e":
                sides[k] = s * scales[k]
    return sides


def _given_sides(o, sides):
    """Warp's xmin..ymax keywords (scaled) on top of the view: the grid's
    sides, not a selection (Warp finds the other extremes from every
    particle)."""
    sides = sides.copy()
    scales = (o["xscale"], o["xscale"], o["yscale"], o["yscale"])
    for k, key in enumerate(("xmin", "xmax", "ymin", "ymax")):
        if o[key] is not None:
            sides[k] = o[key] * scales[k]
    return sides


def _transformed(p, o):
    """x - xoffset and y - slope x - yoffset - offset, scaled (new arrays
    only when a keyword asks)."""
    return transformed_xy(p.x, p.y, o)


def _untransformed(o):
    """Whether _transformed leaves the arrays as they are."""
    return not (o["xoffset"] or o["slope"] or o["yoffset"] or o["offset"]) and o["xscale"] == o["yscale"] == 1.0


def transformed_xy(x, y, o):
    if o["xoffset"]:
        x = x - o["xoffset"]
    if o["slope"] or o["yoffset"] or o["offset"]:
        y = y - x * o["slope"] - o["yoffset"] - o["offset"]
    if o["xscale"] != 1.0:
        x = x * o["xscale"]
    if o["yscale"] != 1.0:
        y = y * o["yscale"]
    return x, y


def _extent(sides, found, nx, ny):
    """Warp's grid extent: fixed sides as given; when both sides of an axis
    are automatic, the data's extremes widened by a cell (one on each side,
    Warp's formula), or +-1 around a single value."""
    ext = list(sides)
    for axis, n in ((0, nx), (1, ny)):
        lo, hi = found[axis]
        if not numpy.isfinite(lo):
            lo, hi = 0.0, 0.0
        a, b = 2 * axis, 2 * axis + 1
        if numpy.isnan(ext[a]) and numpy.isnan(ext[b]):
            lo2 = lo - (hi - lo) / max(n - 2, 1)
            hi2 = hi + (hi - lo2) / max(n - 2, 1)
            if lo2 == hi2:
                lo2, hi2 = lo2 - 1.0, hi2 + 1.0
            ext[a], ext[b] = lo2, hi2
        else:
            if numpy.isnan(ext[a]):
                ext[a] = lo
            if numpy.isnan(ext[b]):
                ext[b] = hi
            if not ext[b] > ext[a]:
                raise ValueError(f"ppgeneric: empty plot range along {'xy'[axis]} ({ext[a]} .. {ext[b]})")
    return ext


def _node_grid(comm, x, y, values, p, ext, nx, ny, method, allranks, found, mean=False):
    """Warp's node grid over ext: density (values None) or node mean of
    values, reduced to rank 0 (or every rank); particles at the upper edges
    are outside, as in Warp. found: the selected particles' global (lo, hi)
    of x and of y (reduce.limits, the same selection)."""
    xmin, xmax, ymin, ymax = ext
    dx, dy = (xmax - xmin) / nx, (ymax - ymin) / ny
    # Only the particles in [min, max) of each axis count. The grid's own
    # range is half a cell wider, so a window keeps the others out; it is a
    # test per particle and takes the kernel off its fast path (7x the
    # deposit of an NGP density), so it is only added when some selected
    # particle lies outside. With an extent made from the data (the
    # default) none does.
    edges = [(a, numpy.nextafter(lo, -numpy.inf), hi)
             for a, lo, hi, (flo, fhi, *_) in ((x, xmin, xmax, found[0]), (y, ymin, ymax, found[1]))
             if not (flo >= lo and fhi < hi)]
    sel = _select_arg(p.select, edges)
    lims = [xmin - dx / 2, xmax + dx / 2, ymin - dy / 2, ymax + dy / 2]
    weights = p.weights
    if mean:
        m, _d, _used, _stats = _core.cell_mean(comm, x, y, values, nx + 1, ny + 1, *lims, method, weights,
                                               sel, 0, bool(allranks))
        return None if m is None else numpy.nan_to_num(m, nan=0.0, copy=False)
    g, _used, _stats = _core.histogram2d(comm, x, y, nx + 1, ny + 1, *lims, method, weights, sel, 0,
                                         bool(allranks))
    # The core's grids are numpy's H[ix, iy], as Warp's are: no copy.
    return g


def _cylindrical(grid, ext, nx, ny):
    """Warp's setgrid2dcylindrical: counts per unit volume of the ring at
    each r node (y is r); 0.75/(pi dr^2/4 dz) on axis when rmin = 0."""
    zmin, zmax, rmin, rmax = ext
    dz, dr = (zmax - zmin) / nx, (rmax - rmin) / ny
    ir = numpy.arange(ny + 1)
    cdens = 1.0 / (2 * numpy.pi * (ir * dr + rmin) * dr * dz)
    if rmin == 0.0:
        cdens[0] = 0.75 / (numpy.pi * (0.25 * dr * dr * dz))
    return grid * cdens[None, :]


def _bounds(grid, o):
    g = grid
    if o["xbound"] == 1:
        g[0, :] *= 2.0
        g[-1, :] *= 2.0
    elif o["xbound"] == 2:
        g[0, :] += g[-1, :]
        g[-1, :] = g[0, :]
    if o["ybound"] == 1:
        if not o["ldensitycylindrical"]:
            g[:, 0] *= 2.0
        g[:, -1] *= 2.0
    elif o["ybound"] == 2 and not o["ldensitycylindrical"]:
        g[:, 0] += g[:, -1]
        g[:, -1] = g[:, 0]
    return g


def _log(grid, o, is_density):
    base = o["uselog"]
    logscale = 1.0 if base == "e" else numpy.log(base)
    logmin = o["logmin"]
    if logmin is None:
        if is_density:
            logmin = 0.1
        else:
            gmax = grid.max()
            logmin = numpy.where(grid == 0.0, gmax, grid).min() / 10.0
            if not logmin > 0:
                raise ValueError("uselog: cannot take the log since the grid has negative values")
    return numpy.log(numpy.maximum(grid, logmin)) / logscale


def _density_filter(x, y, grid, ext, o, rank):
    """Warp's chopped/denmin/denmax: keep particles by the density where they
    sit, relative to the grid's maximum (local, with the grid on every rank)."""
    dd = draw.interpolate(grid, ext, x, y) / grid.max() if grid.max() > 0 else numpy.zeros(x.shape)
    keep = numpy.ones(x.shape, bool)
    if o["chopped"]:
        rng = numpy.random.default_rng(o["seed"] * 1000003 + rank)
        with numpy.errstate(divide="ignore"):
            keep &= rng.random(x.shape) < o["chopped"] / dd
    if o["denmin"]:
        keep &= o["denmin"] < dd
    if o["denmax"]:
        keep &= dd < o["denmax"]
    return keep


def _on_root(comm, what):
    """Run what() on rank 0; its failure is raised on every rank."""
    out = None
    with agreement(comm):
        if comm.rank == 0:
            out = what()
    return out


def _share(comm, value):
    """Rank 0's small value on every rank."""
    return parallel.broadcast(value, comm=comm) if comm.size > 1 else value


_SHAPING = ("nx", "ny", "filled", "cellarray", "hash", "particles", "returngrid", "maxpoints", "seed", "method",
            "lframe", "ldensitycylindrical", "chopped", "denmin", "denmax", "view")


def options_hash(p, o, folded):
    """The options that decide which collectives run (and whether the core's
    call agrees on them itself: folded), as one int64 for an allreduce."""
    key = repr([o.get(k) for k in _SHAPING] + [
        o["contours"] is None, o["color"] == "density", p is None,
        p is not None and p.weights is not None, p is not None and p.zz is not None,
        p is not None and p.subset, folded]).encode()
    # Never 0: a kept plan's core call passes it where the general way passes 0 (_ppplan).
    return int.from_bytes(hashlib.blake2b(key, digest_size=7).digest(), "little") | 1 << 56


def _mismatch(func):
    return (f"{func}: the ranks passed different plot options (nx, ny, contours, weights, zz, "
            "maxpoints...); a pp* call must be the same on every rank")


def _same_everywhere(comm, func, p, o):
    """The options that decide which collectives run must agree on every
    rank (one small allreduce), or every rank raises the same error."""
    if comm.size == 1:
        return
    if not comm.same_everywhere(options_hash(p, o, False)):
        raise ValueError(_mismatch(func))


def folds(p, o):
    """Whether the frame is the plain density cell array whose one core call
    also makes ppgeneric's agreement on the options (plain_density)."""
    return p is not None and not p.subset and o["view"] is None and _plain_cellarray(p, o)


def ppgeneric(comm, func, p, o):
    """Warp's ppgeneric over comm; returns a PlotResult on every rank (or
    Warp's (grid, xmin, xmax, ymin, ymax) with returngrid=1). With local=1,
    rank 0 plots its own particles alone and the other ranks return None."""
    if o["local"] and comm.size > 1:
        if comm.rank != 0:
            return None
        comm = _core.Comm.self_comm()
    if folds(p, o):
        return plain_density(comm, func, p, o)
    _same_everywhere(comm, func, p, o)
    if p is None:
        return _given_grid(comm, o)
    if p.subset:
        return _subset_plot(comm, func, p, o)
    return _generic(comm, func, p, o)


def plain_density(comm, func, p, o, agreed_hash=None, kept=None, call=None):
    """ppgeneric's plain density frame (folds(p, o)): one core call agrees on
    the local checks and on the options (agreed_hash: options_hash(p, o,
    True), when the caller kept it), deposits, reduces and draws, the
    decoration included. A caller that keeps them passes its
    _ppdecor.Decoration (kept) and CellarrayCall of o (call)."""
    if agreed_hash is None and comm.size > 1:
        agreed_hash = options_hash(p, o, True)
    call = call or CellarrayCall(o)
    x, y = (p.x, p.y) if call.untransformed else _transformed(p, o)
    return cellarray_frame(comm, func, x, y, p.weights, p.select, None, call, agreed_hash or 0, kept)


def _subset_plot(comm, func, p, o):
    """Warp's iw < 0: a random subset of p.subset particles in total (the
    same whatever the split), gathered to rank 0 and plotted there."""
    cols = [p.x, p.y] + [a for a in (p.weights, p.zz) if a is not None]
    got, _sel, gathered = _core.gather_points(comm, cols, _select_arg(p.select), int(p.subset),
                                              int(o["seed"]), 0)

    def plot_sample():
        got_ = list(got)
        sample = Particles(got_[0], got_[1], got_[2] if p.weights is not None else None,
                           got_[-1] if p.zz is not None else None)
        return _generic(_core.Comm.self_comm(), func, sample, dict(o, maxpoints=max(o["maxpoints"], p.subset)))
    out = _share(comm, _on_root(comm, plot_sample))
    if isinstance(out, dict):
        out = PlotResult(out)
        out["bytes_to_root"] = int(gathered) * len(cols) * 8 + int(out.get("bytes_to_root", 0))
        out["subset"] = int(p.subset)
    return out


def _given_grid(comm, o):
    """ppgeneric(grid=) / (gridt=): rank 0's grid, drawn by rank 0."""
    def plot_grid():
        grid = numpy.asarray(o["grid"] if o["grid"] is not None else numpy.transpose(o["gridt"]), dtype=float)
        nx, ny = grid.shape[0] - 1, grid.shape[1] - 1
        if nx < 1 or ny < 1:
            raise ValueError("ppgeneric: the grid needs at least 2 x 2 nodes")
        ext = [0.0 if o["xmin"] is None else o["xmin"] * o["xscale"],
               nx if o["xmax"] is None else o["xmax"] * o["xscale"],
               0.0 if o["ymin"] is None else o["ymin"] * o["yscale"],
               ny if o["ymax"] is None else o["ymax"] * o["yscale"]]
        if o["returngrid"]:
            return ("grid", (grid, *ext))
        q = dict(o)
        if not (q["hash"] or q["contours"] is not None or q["cellarray"]):
            q["cellarray"] = 1
        if q["view"] is not None:
            gist.plsys(q["view"])
        layers, cmin, cmax = _draw(q, grid, None, None, ext, (ext[1] - ext[0]) / nx, (ext[3] - ext[2]) / ny,
                                   None, q["view"], is_density=False)
        return ("plot", dict(drawn=_main_layer(layers), layers=layers, cmin=cmin, cmax=cmax, nx=nx, ny=ny,
                             view=tuple(ext), selected=0, points=0, bytes_to_root=0))
    kind, out = _share(comm, _on_root(comm, plot_grid))
    return out if kind == "grid" else PlotResult(out)


def _new_result(count, sides):
    """A pp* call's result before anything is drawn; with nothing selected it
    is the final one: the view's fixed sides (0 where automatic), titles reset."""
    result = PlotResult(drawn="nothing", selected=count, points=0, nx=0, ny=0, cmin=0.0, cmax=0.0,
                        bytes_to_root=0, layers=[])
    if count == 0:
        result["view"] = tuple(float(v) for v in numpy.nan_to_num(sides))
        session.settitles()
    return result


def _generic(comm, func, p, o):
    view = o["view"]
    if view is not None:
        _on_root(comm, lambda: gist.plsys(view))
    x, y = _transformed(p, o)
    if _plain_cellarray(p, o):
        return cellarray_frame(comm, func, x, y, p.weights, p.select, view, CellarrayCall(o))
    nx, ny = o["nx"], o["ny"]
    sides = _view(comm, o)
    fixed = [(x, sides[0], sides[1]), (y, sides[2], sides[3])]
    view_windows = []
    for arr, lo, hi in fixed:
        if not (numpy.isnan(lo) and numpy.isnan(hi)):
            lo = -numpy.inf if numpy.isnan(lo) else numpy.nextafter(lo, -numpy.inf)
            hi = numpy.inf if numpy.isnan(hi) else numpy.nextafter(hi, numpy.inf)
            view_windows.append((arr, lo, hi))
    p.select = dict(p.select, windows=list(p.select.get("windows") or []) + view_windows)
    arrays = [x, y] + ([p.zz] if p.zz is not None else [])
    found = _core.limits(comm, arrays, _select_arg(p.select), 0.0)
    count = int(found[0][2])
    sides = _given_sides(o, sides)
    result = _new_result(count, sides)
    if count == 0:
        return result

    contours = o["contours"]
    if o["filled"] and contours is None:
        contours = o["contours"] = 8
    grid_plot = o["hash"] or contours is not None or o["cellarray"]
    particles = bool(o["particles"]) or not grid_plot
    fallback = particles and not grid_plot and count > o["maxpoints"] and not p.subset
    if fallback:
        # pargist's rule: too many markers for rank 0: the density instead.
        o = dict(o, cellarray=1, particles=0, color="fg")
        if "nx" not in o.get("_given", ()):
            nx = ny = 100
        grid_plot, particles = True, False
    ext = _extent(sides, [(found[0][0], found[0][1]), (found[1][0], found[1][1])], nx, ny)
    result.update(view=tuple(ext), nx=nx, ny=ny)
    dx, dy = (ext[1] - ext[0]) / nx, (ext[3] - ext[2]) / ny
    zz = p.zz
    need_density = ((zz is None) and (grid_plot or o["color"] == "density")) or \
        bool(o["chopped"] or o["denmin"] or o["denmax"])
    filtering = bool(o["chopped"] or o["denmin"] or o["denmax"])
    everywhere = filtering or o["returngrid"]
    density = grid = None
    if need_density:
        density = _node_grid(comm, x, y, None, p, ext, nx, ny, o["method"], everywhere, found)
        result["bytes_to_root"] += (nx + 1) * (ny + 1) * 8
        if density is not None:
            if o["ldensitycylindrical"]:
                density = _cylindrical(density, ext, nx, ny)
            density = _bounds(density, o)
        if zz is None:
            grid = density
    if zz is not None and grid_plot:
        grid = _node_grid(comm, x, y, zz, p, ext, nx, ny, o["method"], o["returngrid"], found, mean=True)
        result["bytes_to_root"] += 2 * (nx + 1) * (ny + 1) * 8
    if o["returngrid"]:
        return (grid, ext[0], ext[1], ext[2], ext[3])
    is_density = grid is not None and grid is density

    keep = None
    if filtering:
        keep = _density_filter(x, y, density, ext, o, comm.rank)

    sample = None
    if particles:
        cap = o["maxpoints"]
        cols = [x, y] + ([zz] if zz is not None and o["color"] == "density" else [])
        sel = dict(p.select)
        if keep is not None:
            sel["where"] = keep if sel.get("where") is None else (sel["where"] & keep)
        got, _n, gathered = _core.gather_points(comm, cols, _select_arg(sel), int(cap), int(o["seed"]), 0)
        result["points"] = int(gathered)
        result["bytes_to_root"] += int(gathered) * len(cols) * 8
        sample = got

    zrange = None
    if zz is not None and grid is None:
        zrange = (found[2][0], found[2][1]) if found[2][2] else (None, None)

    def on_root():
        return _draw(o, grid, density, sample, ext, dx, dy, zrange, view, is_density)
    scale = _on_root(comm, on_root)
    scale = _share(comm, scale) if comm.size > 1 else scale
    layers, cmin, cmax = scale if scale is not None else ([], 0.0, 0.0)
    result.update(layers=layers, cmin=cmin if cmin is not None else 0.0,
                  cmax=cmax if cmax is not None else 0.0)
    result["drawn"] = _main_layer(layers)
    if fallback:
        result["fallback"] = "density"
    return result


def _plain_cellarray(p, o):
    """A density cell array with nothing else on its grid (no contours,
    hash, particles, grid transforms or flips): the frame most pp* calls
    make, done by one core call."""
    return (p.zz is None and o["cellarray"] and o["contours"] is None and not o["hash"] and not o["particles"]
            and not o["returngrid"] and not (o["chopped"] or o["denmin"] or o["denmax"])
            and not o["ldensitycylindrical"] and not o["xbound"] and not o["ybound"] and not o["ldensityscale"]
            and o["gridscale"] is None and o["uselog"] is None and not o["flipxaxis"] and not o["flipyaxis"]
            and o["xmesh"] is None and o["ymesh"] is None and o["nx"] > 1 and o["ny"] > 1
            and p.select.get("ii") is None)


class CellarrayCall:
    """What a plain density frame's core call reads from the options and
    the titles, worked out once: a plan keeps it while its options are the
    same object and the run's ncolor has not changed (still())."""

    __slots__ = ("options", "o", "frame", "given", "by_core", "text", "run_version", "untransformed", "core_options",
                 "layers", "bytes_to_root")

    def __init__(self, o, version=None):
        self.options, self.run_version = o, version
        nan = numpy.nan
        scales = (o["xscale"], o["xscale"], o["yscale"], o["yscale"])
        self.frame = [nan] * 4
        if o["lframe"]:
            self.frame = [nan if s == "e" else s * scales[k] for k, s in enumerate(o["pplimits"])]
        self.given = [nan if o[key] is None else o[key] * scales[k]
                      for k, key in enumerate(("xmin", "xmax", "ymin", "ymax"))]
        self.o = dict(o, ncolor=o["ncolor"] or int(run.ncolor))
        self.by_core = _ppdecor.drawn_by_core(self.o)
        self.text = session.title_texts(o["titlet"], o["titleb"], o["titlel"], o["titler"])  # never changed
        self.untransformed = _untransformed(o)
        # node_density_cellarray's options, in its order (after the particles and the selection).
        self.core_options = (o["nx"], o["ny"], o["method"], self.frame, self.given, o["centering"], o["cmin"],
                             o["cmax"], int(o["ctop"]))
        self.layers = ("cellarray", "colorbar") if o["lcolorbar"] else ("cellarray",)
        self.bytes_to_root = (o["nx"] + 1) * (o["ny"] + 1) * 8

    def still(self, o, version=None):
        """Whether this is o's call yet; version: sources.run_version() now
        (the same as at the making: the run's ncolor has not changed)."""
        if o is not self.options:
            return False
        if version is not None and version == self.run_version:
            return True
        return (o["ncolor"] or int(run.ncolor)) == self.o["ncolor"]


def cellarray_frame(comm, func, x, y, weights, select, view, call, agreed_hash=0, kept=None, fall_back=False):
    """_generic's steps for a plain density cell array in one collective core
    call (pp.hpp's node_density_cellarray: the same node grid and cells, laid
    out as pli reads them, no copy of the grid on rank 0), which also agrees
    on agreed_hash (see plain_density; 0 when the options were agreed
    before). The colour bar and titles are drawn as _draw draws them: by
    the core in that call when it can (_ppdecor), else here after it.
    fall_back (a kept plan's call): None, before any data moves, when the
    ranks passed different agreed_hash (then the caller falls back)."""
    o = call.o
    decoration = None
    if call.by_core and comm.rank == 0:
        kept = kept or _ppdecor.Decoration()
        decoration = lambda: kept.of(o, call.text, view)  # noqa: E731 - called by the core, on root
    out = _core.node_density_cellarray(
        comm, x, y, weights, _select_arg(select), *call.core_options, agreed_hash,
        None if fall_back else _mismatch(func) if comm.size > 1 else "", decoration)
    if out is None:
        return None
    count, ext, cmin, cmax = out
    if count == 0:
        return _new_result(count, ext)
    cmin = cmin if o["cmin"] is None else o["cmin"]
    cmax = cmax if o["cmax"] is None else o["cmax"]
    if call.by_core:
        if o["titles"]:
            session._last_titles.update(call.text)
        session.settitles()
    else:
        _on_root(comm, lambda: _decorate(o, cmin, cmax, view))
    # What rank 0 drew follows from the options alone: no broadcast.
    return PlotResult(drawn="cellarray", selected=count, points=0, nx=o["nx"], ny=o["ny"], cmin=cmin, cmax=cmax,
                      bytes_to_root=call.bytes_to_root, layers=list(call.layers), view=ext)


def _main_layer(layers):
    for kind in ("filled-contours", "cellarray", "contours", "density-scatter", "scatter", "hash"):
        if kind in layers:
            return kind
    return "nothing"


def _draw(o, grid, density, sample, ext, dx, dy, zrange, view, is_density):
    """Everything rank 0 draws, in Warp's order. Returns (layers, cmin, cmax)."""
    o = dict(o, ncolor=o["ncolor"] or int(run.ncolor))
    layers = []
    gext = list(ext)
    if grid is not None:
        if o["ldensityscale"]:
            gmax = numpy.abs(grid).max()
            if gmax != 0.0:
                grid = grid / gmax
        if o["gridscale"] is not None:
            grid = grid * o["gridscale"]
        if o["uselog"] is not None:
            grid = _log(grid, o, is_density)
    cmin, cmax = o["cmin"], o["cmax"]
    if grid is not None:
        cmin = float(grid.min()) if cmin is None else cmin
        cmax = float(grid.max()) if cmax is None else cmax
    elif zrange is not None:
        cmin = zrange[0] if cmin is None else cmin
        cmax = zrange[1] if cmax is None else cmax
    if o["flipxaxis"]:
        gext[0], gext[1], dx = -gext[0], -gext[1], -dx
    if o["flipyaxis"]:
        gext[2], gext[3], dy = -gext[2], -gext[3], -dy
    if grid is not None:
        layers += draw.grid_layers(o, grid, gext, dx, dy, cmin, cmax, "under")
    if sample is not None:
        layers.append(_draw_particles(o, sample, grid, density, ext, cmin, cmax))
    if grid is not None:
        layers += draw.grid_layers(o, grid, gext, dx, dy, cmin, cmax, "over")
    if _decorate(o, cmin, cmax, view):
        layers.append("colorbar")
    return layers, cmin, cmax


def _decorate(o, cmin, cmax, view):
    """What rank 0 draws after the data, in Warp's order: the colour bar,
    titles, the frame's limits. Returns whether a colour bar was drawn."""
    drawn = draw.colorbar(o, cmin, cmax, view)
    if o["titles"]:
        session.ptitles(o["titlet"], o["titleb"], o["titlel"], o["titler"], v=view, height=o["height"])
    session.settitles()
    if o["lframe"]:
        s = list(o["pplimits"])
        for k, scale in enumerate((o["xscale"], o["xscale"], o["yscale"], o["yscale"])):
            if s[k] != "e":
                s[k] = s[k] * scale
        gist.limits(*s)
    return drawn


def _draw_particles(o, sample, grid, density, ext, cmin, cmax):
    x, y = sample[0], sample[1]
    if o["color"] != "density":
        if x.size:
            session.plp(y, x, color=o["color"], marker=o["marker"], msize=o["msize"])
        return "scatter"
    if len(sample) > 2:
        z1 = sample[2]
    else:
        z1 = draw.interpolate(grid if grid is not None else density, ext, x, y)
    draw.colored_markers(y, x, z1, cmin, cmax, o["ncolor"], o["usepalette"], o["npalette"], o["marker"],
                         o["msize"])
    return "density-scatter"
