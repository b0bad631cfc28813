"""pargist.reduce: the reduction layer for analysis, numpy-style and collective.

Every function is collective over ``comm`` (default: pargist.parallel's):
all ranks call it with their own arrays (float32 or float64, any stride,
never copied). Histograms come back on rank ``root`` (None elsewhere), or on
every rank with ``allranks=True``; their counts equal numpy's on the
gathered data, however the particles are split over the ranks.

Selection keywords shared by all: ``where=`` (a bool mask), ``windows=``
(a list of (array, lo, hi): keep lo < array < hi), ``ii=`` (local indices).
"""

import numpy

from . import _core, parallel

__all__ = ["limits", "histogram", "histogram2d", "cell_mean", "moments", "sample",
           "slice", "lineout", "project", "Histogram", "Moments"]


class Histogram(numpy.ndarray):
    """A histogram array (numpy's orientation) that also carries its bin
    edges and the deposition counts: ``edges`` (list of arrays, one per
    axis), ``deposited``, ``outside``, ``nonfinite``."""

    # (limits used (lo, hi per axis), bins per axis, (deposited, outside,
    # nonfinite)). The edges are made when first read: two linspace calls
    # cost more than depositing 1e4 particles.
    _info = None

    def __array_finalize__(self, obj):
        self._info = getattr(obj, "_info", None)

    @property
    def edges(self):
        if self._info is None:
            return None
        edges = self.__dict__.get("_edges")
        if edges is None:
            used, bins, _ = self._info
            edges = [numpy.linspace(used[2 * k], used[2 * k + 1], n + 1) for k, n in enumerate(bins)]
            self.__dict__["_edges"] = edges
        return edges

    deposited = property(lambda self: None if self._info is None else int(self._info[2][0]))
    outside = property(lambda self: None if self._info is None else int(self._info[2][1]))
    nonfinite = property(lambda self: None if self._info is None else int(self._info[2][2]))


def _histogram_array(values, used, bins, stats):
    h = values.view(Histogram)
    h._info = (used, bins, stats)
    return h


def _select(where=None, windows=None, ii=None):
    spec = {}
    if where is not None:
        spec["where"] = where
    if windows:
        spec["windows"] = [(f"window {k}", a, float(lo), float(hi)) for k, (a, lo, hi) in enumerate(windows)]
    if ii is not None:
        spec["indices"] = ii
    return spec or None


def _comm(comm):
    return parallel.get_comm(comm)


def limits(*arrays, where=None, windows=None, ii=None, pad=0.0, comm=None):
    """Global (min, max) of each array (NaN/Inf skipped): one tuple for one
    array, a list of tuples for several. Identical on every rank."""
    if not arrays:
        raise TypeError("limits() needs at least one array")
    out = _core.limits(_comm(comm), list(arrays), _select(where, windows, ii), float(pad))
    pairs = [(lo, hi) for lo, hi, _count, _bad in out]
    return pairs[0] if len(arrays) == 1 else pairs


def _bins_range_1d(bins, range_):
    if isinstance(bins, (int, numpy.integer)) and not isinstance(bins, bool):
        n = int(bins)
    else:
        raise TypeError("bins: pargist deposits on uniform grids: give the number of bins")
    lo = hi = None
    if range_ is not None:
        lo, hi = (float(v) for v in range_)
    return n, lo, hi


def histogram(a, bins=10, range=None, weights=None, method="ngp", where=None, windows=None,
              ii=None, root=0, allranks=False, comm=None):
    """numpy.histogram of every rank's ``a``: (hist, bin_edges) on root
    (hist is None on the other ranks unless allranks=True)."""
    n, lo, hi = _bins_range_1d(bins, range)
    values, xmin, xmax, stats = _core.histogram(_comm(comm), a, n, lo, hi, method, weights,
                                                _select(where, windows, ii), int(root), bool(allranks))
    edges = numpy.linspace(xmin, xmax, n + 1)
    if values is None:
        return None, edges
    h = _histogram_array(values, (xmin, xmax), (n,), stats)
    h.__dict__["_edges"] = [edges]
    return h, edges


def _bins_2d(bins, range_):
    """(nx, ny, (xmin, xmax, ymin, ymax)), None for a limit found from the data."""
    if type(bins) is int:  # noqa: E721 - the common case first: this runs at every frame
        nx = ny = bins
    elif isinstance(bins, (int, numpy.integer)) and not isinstance(bins, bool):
        nx = ny = int(bins)
    else:
        try:
            nx, ny = (int(b) for b in bins)
        except (TypeError, ValueError):
            raise TypeError("bins: an int or [nx, ny] (pargist deposits on uniform grids)") from None
    if range_ is None:
        return nx, ny, _NO_LIMITS
    # Written out, not a helper per limit: this parse is part of the fixed
    # cost of every histogram2d call from Python.
    (x0, x1), (y0, y1) = range_
    return nx, ny, (None if x0 is None else float(x0), None if x1 is None else float(x1),
                    None if y0 is None else float(y0), None if y1 is None else float(y1))


_NO_LIMITS = (None, None, None, None)


def histogram2d(x, y, bins=10, range=None, weights=None, method="ngp", where=None, windows=None,
                ii=None, root=0, allranks=False, comm=None):
    """numpy.histogram2d of every rank's (x, y): the global grid H[ix, iy] on
    root (None elsewhere, or on every rank with allranks=True), as a
    Histogram array whose ``edges`` are [xedges, yedges]. method='cic' shares
    each particle between neighbouring cells (cloud in cell)."""
    nx, ny, lims = _bins_2d(bins, range)
    select = None if where is None and windows is None and ii is None else _select(where, windows, ii)
    grid, used, stats = _core.histogram2d(_comm(comm), x, y, nx, ny, *lims,
                                          method, weights, select, int(root), bool(allranks))
    if grid is None:
        return None
    return _histogram_array(grid, used, (nx, ny), stats)


def cell_mean(x, y, q, bins=10, range=None, weights=None, method="ngp", where=None, windows=None,
              ii=None, root=0, allranks=False, comm=None):
    """Per-cell (weighted) mean of q on the (x, y) grid, NaN in empty cells,
    and the density: (mean, density) as H[ix, iy] arrays on root."""
    nx, ny, lims = _bins_2d(bins, range)
    mean, density, used, stats = _core.cell_mean(_comm(comm), x, y, q, nx, ny, *lims, method, weights,
                                                 _select(where, windows, ii), int(root), bool(allranks))
    if mean is None:
        return None, None
    return _histogram_array(mean, used, (nx, ny), stats), _histogram_array(density, used, (nx, ny), stats)


class Moments:
    """Moments of several quantities over all ranks: count, mean, min, max,
    cov (population covariance matrix), var, std, rms (not centred), and
    correlation(i, j), emittance(i, j) (rms, centred)."""

    def __init__(self, d):
        self.count = int(d["count"])
        self.nonfinite = int(d["nonfinite"])
        self.mean = d["mean"]
        self.min = d["min"]
        self.max = d["max"]
        self.cov = d["cov"]
        self.var = numpy.diag(self.cov).copy()
        self.std = numpy.sqrt(self.var)
        self.rms = d["rms"]

    def correlation(self, i, j):
        return self.cov[i, j] / (self.std[i] * self.std[j])

    def emittance(self, i, j):
        return float(numpy.sqrt(max(self.cov[i, i] * self.cov[j, j] - self.cov[i, j] ** 2, 0.0)))

    def __repr__(self):
        return f"Moments(count={self.count}, mean={self.mean}, std={self.std})"


def moments(*arrays, where=None, windows=None, ii=None, comm=None):
    """Count, mean, min, max and covariances of the arrays over all ranks, in
    one collective pass (identical on every rank)."""
    if not arrays:
        raise TypeError("moments() needs at least one array")
    return Moments(_core.moments(_comm(comm), list(arrays), _select(where, windows, ii)))


def sample(*arrays, n=100000, seed=0, where=None, windows=None, ii=None, root=0, comm=None):
    """At most n of the selected particles in total, drawn fairly from all
    ranks (the same for a given seed however the data is split): a tuple of
    arrays, one per input, on root; None elsewhere."""
    if not arrays:
        raise TypeError("sample() needs at least one array")
    if isinstance(n, bool) or int(n) < 0:
        raise ValueError(f"sample: n must be >= 0, got {n!r}")
    cols, _selected, _gathered = _core.gather_points(_comm(comm), list(arrays), _select(where, windows, ii),
                                                     int(n), int(seed), int(root))
    if cols is None:
        return None
    return cols[0] if len(arrays) == 1 else tuple(cols)


_AXES = {"x": 0, "y": 1, "z": 2, 0: 0, 1: 1, 2: 2}


def _axis(value, what):
    try:
        return _AXES[value]
    except (KeyError, TypeError):
        raise ValueError(f"{what}: expected 'x', 'y', 'z' (or 0, 1, 2), got {value!r}") from None


def _box(field, lo, hi, shape, comm, what):
    """Exclusive upper box and global shape from Warp's inclusive lo..hi."""
    field = numpy.asarray(field)
    lo = [int(v) for v in lo]
    hi = [int(v) for v in hi]
    if len(lo) != field.ndim or len(hi) != field.ndim:
        raise ValueError(f"{what}: lo and hi need {field.ndim} entries for a {field.ndim}-D field")
    upper = [h + 1 for h in hi]
    if shape is None:
        shape = [int(v) for v in parallel.parallelmax(numpy.array(upper, dtype=numpy.int64), comm=comm)]
    return field, lo, upper, [int(s) for s in shape]


def slice(field, lo, hi, normal="z", index=None, shape=None, root=0, comm=None):  # noqa: A001
    """The plane normal to ``normal`` at global ``index`` of a domain-decomposed
    2-D/3-D field: each rank passes its block and its inclusive global index
    box lo..hi. Returns (plane, axes) on root, plane[u, v] along the two
    remaining axes (in increasing order); None elsewhere. Cells no rank owns
    are NaN. index defaults to the middle of the grid."""
    c = _comm(comm)
    field, lower, upper, shape = _box(field, lo, hi, shape, comm, "slice")
    axis = _axis(normal, "normal")
    if index is None:
        index = shape[axis] // 2 if axis < len(shape) else 0
    values, axes, _missing = _core.slice_plane(c, field, lower, upper, shape, axis, int(index), int(root))
    if values is None:
        return None
    return numpy.ascontiguousarray(values.T), tuple(a for a in axes if a >= 0)


def lineout(field, lo, hi, axis="z", index=None, shape=None, root=0, comm=None):
    """The line along ``axis`` through the global indices ``index`` of the
    other axes (a tuple, in increasing axis order): a 1-D array on root."""
    c = _comm(comm)
    field, lower, upper, shape = _box(field, lo, hi, shape, comm, "lineout")
    ax = _axis(axis, "axis")
    others = [k for k in builtins_range(len(shape)) if k != ax]
    if index is None:
        index = tuple(shape[k] // 2 for k in others)
    index = tuple(int(v) for v in numpy.atleast_1d(index))
    if len(index) != len(others):
        raise ValueError(f"lineout: index needs {len(others)} entries (the other axes)")
    at = [0] * len(shape)
    for k, v in zip(others, index):
        at[k] = v
    values, _axes, _missing = _core.slice_line(c, field, lower, upper, shape, ax, at, int(root))
    return None if values is None else values.ravel()


def project(field, lo, hi, axis="z", op="sum", shape=None, root=0, comm=None):
    """The field summed (or maxed) along ``axis``: a plane on root."""
    c = _comm(comm)
    field, lower, upper, shape = _box(field, lo, hi, shape, comm, "project")
    values, axes, _missing = _core.project(c, field, lower, upper, shape, _axis(axis, "axis"), op, int(root))
    if values is None:
        return None
    return numpy.ascontiguousarray(values.T), tuple(a for a in axes if a >= 0)


import builtins as _builtins  # noqa: E402 - `range` and `slice` are shadowed above
builtins_range = _builtins.range
