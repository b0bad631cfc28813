"""pygist's yorick module: Python versions of Yorick idioms that pygist
scripts use (zcen_, dif_, maxelt_, minelt_, rem_0_, avg_, sign_, timer_,
timer_print), and Gist's span."""

import os
import time

import numpy

from .gist import span  # noqa: F401 - pygist's yorick module has it too

__all__ = ["zcen_", "dif_", "maxelt_", "minelt_", "rem_0_", "avg_", "sign_", "timer_", "timer_print", "span"]


def _axis_ok(x, i, name):
    x = numpy.asarray(x)
    if x.ndim == 0:
        raise ValueError(f"{name} must be called with an array")
    if not 0 <= i < x.ndim:
        raise ValueError(f"{name}: axis {i} is out of the range of x's {x.ndim} dimensions")
    return x


def zcen_(x, i=0):
    """x with the values along axis i replaced by the means of adjacent
    pairs (Yorick's x(..,zcen,..)): one fewer along that axis."""
    x = _axis_ok(x, i, "zcen_")
    lo = [slice(None)] * x.ndim
    hi = [slice(None)] * x.ndim
    lo[i], hi[i] = slice(0, -1), slice(1, None)
    return (x[tuple(lo)] + x[tuple(hi)]) / 2.0


def dif_(x, i=0):
    """Differences of adjacent values along axis i (Yorick's x(..,dif,..))."""
    x = _axis_ok(x, i, "dif_")
    return numpy.diff(x, axis=i)


def maxelt_(*x):
    """The largest element of all the arguments (scalars or arrays)."""
    if not x:
        return None
    return max(numpy.max(numpy.asarray(a)) for a in x)


def minelt_(*x):
    """The smallest element of all the arguments (scalars or arrays)."""
    if not x:
        return None
    return min(numpy.min(numpy.asarray(a)) for a in x)


def rem_0_(z):
    """Replaces the zeros of array z by 1e-35, in place."""
    z[...] = z + (z == 0.0) * 1.0e-35


def avg_(z):
    """The mean of all elements of z."""
    return float(numpy.mean(numpy.asarray(z, dtype=float)))


def sign_(x):
    """1 for x >= 0, -1 otherwise."""
    return 1 if x >= 0 else -1


def timer_(elapsed, *split):
    """timer_(elapsed): [cpu, system, wall] now; timer_(elapsed, split): that
    and split plus the time since elapsed, as Yorick's timer."""
    t = os.times()
    now = numpy.array([t[0], t[1], time.time()], dtype=float)
    if not split:
        return now
    return [now, numpy.asarray(split[0], dtype=float) + now - numpy.asarray(elapsed, dtype=float)]


def timer_print(label, split, *other_args):
    """timer_print(label1, split1, label2, split2, ...): a timing summary."""
    print(label, split)
    for k in range(0, len(other_args) - 1, 2):
        print(other_args[k], other_args[k + 1])
