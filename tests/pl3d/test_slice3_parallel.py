"""slice3 and plwf on a field decomposed over the ranks (run at 1, 2 and 4
ranks): rank 0 gets the polygons a serial slice3 of the gathered field
gives, bit for bit, so the picture is the same; blocks the surface misses
send nothing; the cap coarsens every rank alike; bad input raises the same
error on every rank."""

import os

import matplotlib.image
import numpy
import pytest

import pargist
from pargist import parallel

from conftest import _shared

raised_everywhere = _shared.raised_everywhere

N = (18, 15, 21)   # global nodes


def field(x, y, z):
    return numpy.sqrt((x - 0.1) ** 2 + y ** 2 + (z + 0.2) ** 2) + 0.3 * x * y


def global_arrays():
    axes = [numpy.linspace(-1, 1, n) for n in N]
    x, y, z = numpy.meshgrid(*axes, indexing="ij")
    return field(x, y, z), x


def my_box(axis, guard=0):
    """This rank's inclusive node box: slabs along `axis`, `guard` nodes of overlap."""
    lo, hi = [0, 0, 0], [n - 1 for n in N]
    n, p, r = N[axis], parallel.npes, parallel.me
    lo[axis] = n * r // p
    hi[axis] = min(n - 1, n * (r + 1) // p - 1 + guard)
    return lo, hi


def block(a, lo, hi):
    return numpy.ascontiguousarray(a[lo[0]:hi[0] + 1, lo[1]:hi[1] + 1, lo[2]:hi[2] + 1])


def uniform_mesh(funcs, **kw):
    cells = numpy.array([n - 1 for n in N])
    return pargist.mesh3(cells, numpy.array([2.0, 2.0, 2.0]), numpy.array([-1.0, -1, -1]), funcs=funcs, **kw)


def same(a, b):
    assert (a[0] is None) == (b[0] is None)
    if a[0] is None:
        return
    numpy.testing.assert_array_equal(a[0], b[0])
    numpy.testing.assert_array_equal(a[1], b[1])
    if a[2] is None or b[2] is None:
        assert a[2] is None and b[2] is None
    else:
        numpy.testing.assert_array_equal(a[2], b[2])


@pytest.mark.parametrize("axis,guard", [(2, 0), (0, 1), (1, 0)])
def test_decomposed_slice3_equals_serial_slice3_of_the_whole_field(axis, guard):
    f, x = global_arrays()
    lo, hi = my_box(axis, guard)
    m3 = uniform_mesh([block(f, lo, hi), block(x, lo, hi)], lo=lo, hi=hi)
    serial = uniform_mesh([f, x])
    plane = pargist.plane3([0.3, -0.5, 0.8], [0.1, 0.0, 0.0])
    for args, kw in (((1, None, None), {"value": 0.6}), ((plane, None, None, 2), {}),
                     ((plane, None, None, 2), {"node": 1}), ((plane, None, None, 1, 1), {})):
        got = pargist.slice3(m3, *args, **kw)
        if parallel.me == 0:
            same(got, pargist.slice3(serial, *args, **kw))
        else:
            assert got == [None, None, None]


def test_the_picture_is_the_serial_picture(outdir):
    f, x = global_arrays()
    lo, hi = my_box(2)
    m3 = uniform_mesh([block(f, lo, hi)], lo=lo, hi=hi)
    plane = pargist.plane3([1, 0, 0], [0, 0, 0])

    def draw(mesh, path):
        nv, xyz, _ = pargist.slice3(mesh, 1, None, None, value=0.7)
        np_, xyzp, vp = pargist.slice3(mesh, plane, None, None, 1)
        np_, xyzp, vp = pargist.slice2(pargist.plane3([0, 0, 1], [0, 0, 0]), np_, xyzp, vp)
        pargist.fma()
        pargist.clear3()
        pargist.window3(display="")
        pargist.split_palette("earth.gp")
        pargist.orient3()
        pargist.light3(diffuse=0.2, specular=1)
        pargist.pl3tree(np_, xyzp, vp, plane)
        pargist.pl3tree(nv, xyz)
        lims = pargist.draw3(1)
        if lims is not None:
            pargist.limits(*lims)
        pargist.png(path)

    draw(m3, os.path.join(outdir, "decomposed.png"))
    # fma, window3, split_palette's palette file and png are collective:
    # every rank draws the serial picture too (its slice3 is local).
    draw(uniform_mesh([f]), os.path.join(outdir, "serial.png"))
    if parallel.me == 0:
        a = matplotlib.image.imread(os.path.join(outdir, "decomposed.png"))
        b = matplotlib.image.imread(os.path.join(outdir, "serial.png"))
        assert (a[..., :3] < 0.9).mean() > 0.02   # something drawn
        numpy.testing.assert_array_equal(a, b)


def test_blocks_the_surface_misses_send_nothing():
    f, _ = global_arrays()
    lo, hi = my_box(2)
    m3 = uniform_mesh([block(f, lo, hi)], lo=lo, hi=hi)
    # a small isosurface near z = -1: only the lowest slab(s) hold it
    s = numpy.linspace(-1, 1, N[2])
    near_bottom = numpy.sqrt(numpy.add.outer(numpy.add.outer(numpy.linspace(-1, 1, N[0]) ** 2,
                                                             numpy.linspace(-1, 1, N[1]) ** 2), (s + 0.9) ** 2))
    m3b = uniform_mesh([block(near_bottom, lo, hi)], lo=lo, hi=hi)
    got = pargist.slice3(m3b, 1, None, None, value=0.15)
    info = m3b.last_info
    if parallel.me == 0:
        assert info["ranks_sending"] == 1 and info["bytes_to_root"] == 0
        assert got[0] is not None
    # a plane at z = 0.95 lies in the last slab only
    pargist.slice3(m3, pargist.plane3([0, 0, 1], [0, 0, 0.95]), None, None)
    if parallel.me == 0:
        assert m3.last_info["ranks_sending"] == 1
        assert (m3.last_info["bytes_to_root"] > 0) == (parallel.npes > 1)


def test_the_cap_coarsens_every_rank_alike():
    f, _ = global_arrays()
    lo, hi = my_box(0)
    full = pargist.slice3(uniform_mesh([f]), 1, None, None, value=0.6)
    cap = len(full[0]) // 3
    m3 = uniform_mesh([block(f, lo, hi)], lo=lo, hi=hi, maxpolys=cap)
    got = pargist.slice3(m3, 1, None, None, value=0.6)
    assert m3.last_info["stride"] > 1 and m3.last_info["polygons"] <= cap
    if parallel.me == 0:
        same(got, pargist.slice3(uniform_mesh([f]), 1, None, None, value=0.6, maxpolys=cap))
    over = pargist.slice3(m3, 1, None, None, value=0.6, maxpolys=0)   # this call: no cap
    if parallel.me == 0:
        same(over, full)


def test_decomposed_plwf_draws_the_whole_surface(outdir):
    n0, n1 = 40, 30
    x = numpy.linspace(-1, 1, n0)[:, None] * numpy.ones(n1)
    y = numpy.ones(n0)[:, None] * numpy.linspace(-1, 1, n1)
    z = (x + y) * numpy.exp(-3 * (x * x + y * y))
    r, p = parallel.me, parallel.npes
    lo, hi = [n0 * r // p, 0], [n0 * (r + 1) // p - 1, n1 - 1]
    sl = numpy.s_[lo[0]:hi[0] + 1, :]

    def draw(path, *args, **kw):
        pargist.clear3()
        pargist.fma()
        pargist.orient3()
        pargist.plwf(*args, **kw)
        lims = pargist.draw3(1)
        if lims is not None:
            pargist.limits(*lims)
        pargist.png(path)

    draw(os.path.join(outdir, "parts.png"), z[sl], y[sl], x[sl], shade=1, lo=lo, hi=hi)
    draw(os.path.join(outdir, "coarse.png"), z[sl], y[sl], x[sl], shade=1, lo=lo, hi=hi, maxpolys=300)
    draw(os.path.join(outdir, "whole.png"), z, y, x, shade=1)  # collective fma/png: every rank
    if parallel.me == 0:
        a, b = (matplotlib.image.imread(os.path.join(outdir, name)) for name in ("parts.png", "whole.png"))
        numpy.testing.assert_array_equal(a, b)
        c = matplotlib.image.imread(os.path.join(outdir, "coarse.png"))
        assert not numpy.array_equal(a, c) and (c[..., :3] < 0.9).mean() > 0.02


def test_bad_input_raises_the_same_error_on_every_rank():
    f, _ = global_arrays()
    lo, hi = my_box(2)
    good = block(f, lo, hi)
    bad = good[:-1] if parallel.me == parallel.npes - 1 else good
    m3 = uniform_mesh([good], lo=lo, hi=hi)
    m3.funcs[0] = bad   # one rank's block no longer fits its box
    msg = raised_everywhere(lambda: pargist.slice3(m3, 1, None, None, value=0.5), ValueError)
    assert f"(rank {parallel.npes - 1})" in msg
    m3 = uniform_mesh([good], lo=lo, hi=hi)
    value = float("nan") if parallel.me == 0 else 0.5
    raised_everywhere(lambda: pargist.slice3(m3, 1, None, None, value=value), ValueError)
    fslice = (lambda m, c: 0) if parallel.me == 0 else 1
    raised_everywhere(lambda: pargist.slice3(m3, fslice, None, None, value=0.5), TypeError)
    zb = numpy.ones((3, 5)) if parallel.me == parallel.npes - 1 else numpy.ones((3, 4))
    raised_everywhere(lambda: pargist.plwf(zb, lo=[3 * parallel.me, 0], hi=[3 * parallel.me + 2, 3]),
                      ValueError)
    # plwf: the boxes cover the surface, and every rank gives fill= (a collective) alike
    me = parallel.me
    z3, lo3, hi3 = numpy.ones((3, 4)), [3 * me, 0], [3 * me + 2, 3]
    short_lo = [lo3[0] + (me == parallel.npes - 1), 0]
    msg = raised_everywhere(lambda: pargist.plwf(z3[short_lo[0] - lo3[0]:], lo=short_lo, hi=hi3), ValueError)
    assert f"no rank's box holds node ({3 * (parallel.npes - 1)}, 0)" in msg
    if parallel.npes > 1:
        fill = z3 if me == 0 else None
        msg = raised_everywhere(lambda: pargist.plwf(z3, fill=fill, lo=lo3, hi=hi3), ValueError)
        assert "ranks disagree on whether fill= is given" in msg
    # every rank cuts the same surface
    if parallel.npes > 1:
        msg = raised_everywhere(lambda: pargist.slice3(m3, 1, None, None, value=0.5 + 0.1 * parallel.me),
                                ValueError)
        assert "ranks disagree on the isosurface value" in msg
        two = uniform_mesh([good, good], lo=lo, hi=hi)
        msg = raised_everywhere(lambda: pargist.slice3(two, 1 + parallel.me % 2, None, None, value=0.5), ValueError)
        assert "ranks disagree on the function number FSLICE" in msg
    # the boxes cover the grid: the last rank's box one node short leaves a gap
    glo, ghi = my_box(2)
    if parallel.me == parallel.npes - 1:
        glo[2] += 1
    gapped = uniform_mesh([block(f, glo, ghi)], lo=glo, hi=ghi)
    msg = raised_everywhere(lambda: pargist.slice3(gapped, 1, None, None, value=0.5), ValueError)
    gap = N[2] * (parallel.npes - 1) // parallel.npes   # the last box's first plane
    assert f"no rank's box holds node (0, 0, {gap})" in msg
    # and the communicator still works
    got = pargist.slice3(m3, 1, None, None, value=0.5)
    assert (got[0] is not None) == (parallel.me == 0)
