"""pygist's colorbar module: nice_levels and color_bar (Ed Williams' colour
bar to the right of the work style's viewport), with pygist's names and
arguments. They are in pargist itself (``from colorbar import *`` becomes
``from pargist import *``): a module named colorbar would hide pargist's
own colorbar(), the one that follows any style's viewport."""

import numpy

from . import gist
from ._mesh_tools import bytscl

__all__ = ["nice_levels", "color_bar"]


def nice_levels(z, n=8):
    """nice_levels(z, n=8): about n "nice" values between min(z) and
    max(z), strictly inside, for colour bar labels."""
    z = numpy.ravel(z)
    zmax, zmin = float(numpy.max(z)), float(numpy.min(z))
    finest = abs(zmax - zmin) / float(n)
    unit = 10.0 ** numpy.floor(numpy.log10(finest))
    finest /= unit
    if finest > 5.0:
        finest = 10.0
    elif finest > 2.0:
        finest = 5.0
    elif finest > 1.0:
        finest = 2.0
    unit *= finest
    cmin = unit * numpy.ceil(zmin / unit)
    if abs(cmin - zmin) < 0.01 * unit:
        cmin += unit
    cmax = unit * numpy.floor(zmax / unit)
    if abs(cmax - zmax) < 0.01 * unit:
        cmax -= unit
    count = int((cmax - cmin) / unit + 0.5) + 1
    levs = cmin + (cmax - cmin) * numpy.arange(count) / max(count - 1, 1)
    levs[numpy.abs(levs) < 0.1 * unit] = 0.0
    return levs


def _split_bytscl(x, upper):
    """The values 0..1 onto the lower or upper half of the palette."""
    half = max(int(gist._core.palette_size()) // 2, 1) if gist.is_root() else 100
    return bytscl(x, top=half - 1, cmin=0.0, cmax=1.0) + (half if upper else 0)


def color_bar(minz, maxz, split=0, ncol=None):
    """color_bar(minz, maxz, split=0, ncol=None): a colour bar from minz to
    maxz at the right of the work style's viewport (NDC 0.60-0.62,
    0.44-0.85), labelled with nice_levels; integer minz, maxz draw the
    palette indices minz..maxz; split=1 uses the lower half of the palette."""
    if ncol is None:
        ncol = 100 + (1 - split) * 100
    gist.plsys(0)
    ymin, ymax = 0.44, 0.85
    if isinstance(minz, int) and isinstance(maxz, int):
        cells = numpy.arange(minz, maxz + 1, dtype=numpy.uint8).reshape(maxz + 1 - minz, 1)
    elif not split:
        cells = (numpy.arange(ncol) / (ncol - 1.0)).reshape(ncol, 1)
    else:
        cells = _split_bytscl(numpy.arange(ncol) / (ncol - 1.0), 0).astype(numpy.uint8).reshape(ncol, 1)
    gist.pli(cells, .60, ymin, .62, ymax)
    gist.pldj(numpy.array([.60, .60]), numpy.array([ymin, ymax]), numpy.array([.62, .62]),
              numpy.array([ymin, ymax]))
    gist.plsys(1)
    levs = nice_levels(numpy.array([minz, maxz]))
    ys = ymin + (ymax - ymin) * (levs - minz) / (maxz - minz)
    for lev, y in zip(levs, ys):
        gist.plt("% .5g" % lev, .625, y)
    gist.plsys(0)
    gist.pldj(numpy.full(len(levs), .60), ys, numpy.full(len(levs), .625), ys)
    gist.plsys(1)
    if numpy.max(ys) > 0.84:
        gist.plt("% .5g" % maxz, .59, ymax + 0.020)
    else:
        gist.plt("% .5g" % maxz, .59, ymax + 0.005)
    gist.plt("% .5g" % minz, .59, ymin - 0.005, justify="LT")
