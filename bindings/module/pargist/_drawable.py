"""Numbers a primitive can draw, checked by every rank on its own arrays.

A primitive with local data (local=1, the default) draws on rank 0 alone,
without a collective. If only rank 0 refused its numbers, the other ranks
would go on to their next collective call and wait there for rank 0. So
every rank applies to its own arrays the number rules that libplot applies
when rank 0 adds the element (libplot/src/validate.cpp): an SPMD script
passing the same numbers everywhere gets the same ValueError everywhere,
and nothing is sent. NaN and Inf points are gaps, as in libplot; what is
refused is data with nothing drawable at all.
"""

import math

import numpy


def _fail(func, what):
    raise ValueError(f"pargist: {func}: {what}")


def not_empty(func, name, a):
    if numpy.size(a) == 0:
        _fail(func, f"{name} is empty")


def points(func, x, y):
    """Some point with both coordinates finite."""
    if not (numpy.isfinite(x) & numpy.isfinite(y)).any():
        _fail(func, "no point has finite coordinates (all NaN or Inf)")


def values(func, name, z):
    """Some finite value in z (z an array). The first value settles it as a
    rule: one test, not a pass over every cell of a large grid."""
    if z.size and math.isfinite(z.flat[0]):
        return
    if not numpy.isfinite(z).any():
        _fail(func, f"{name} has no finite value (all NaN or Inf)")


def position(func, *coordinates):
    if not all(math.isfinite(c) for c in coordinates):
        _fail(func, "the position is not finite")


def color_scale(func, opts):
    for name in ("cmin", "cmax"):
        if name in opts and not math.isfinite(opts[name]):
            _fail(func, f"{name} is not finite")
