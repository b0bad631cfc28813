"""pargist.reduce against numpy on the gathered data."""

import numpy
import pytest

from pargist import parallel, reduce

from conftest import gathered


def test_histogram2d_counts_equal_numpy(rng):
    n = 20000 + 1000 * parallel.me
    x, y = rng.normal(size=n), rng.normal(size=n) * 2
    rng_box = [[-3, 3], [-5, 5]]
    h = reduce.histogram2d(x, y, bins=[30, 20], range=rng_box)
    gx, gy = gathered(x), gathered(y)
    if parallel.me == 0:
        ref, xe, ye = numpy.histogram2d(gx, gy, bins=[30, 20], range=rng_box)
        numpy.testing.assert_array_equal(numpy.asarray(h), ref)
        numpy.testing.assert_allclose(h.edges[0], xe)
        numpy.testing.assert_allclose(h.edges[1], ye)
        assert h.deposited == int(ref.sum())
    else:
        assert h is None


def test_cell_mean_orientation_equals_numpy(rng):
    n = 4000
    x, y = rng.uniform(-1, 1, size=n), rng.uniform(-2, 2, size=n)
    q = x + 10 * y
    mean, density = reduce.cell_mean(x, y, q, bins=[6, 4], range=[[-1, 1], [-2, 2]])
    gx, gy, gq = gathered(x), gathered(y), gathered(q)
    if parallel.me == 0:
        box = [[-1, 1], [-2, 2]]
        count, xe, ye = numpy.histogram2d(gx, gy, bins=[6, 4], range=box)
        total, _, _ = numpy.histogram2d(gx, gy, bins=[6, 4], range=box, weights=gq)
        assert mean.shape == density.shape == (6, 4)
        numpy.testing.assert_array_equal(numpy.asarray(density), count)
        numpy.testing.assert_allclose(numpy.asarray(mean), total / count, rtol=1e-12)
        numpy.testing.assert_allclose(mean.edges[1], ye)


def test_histogram2d_is_the_grid_itself_and_names_bad_ranges(rng):
    x, y = rng.normal(size=100), rng.normal(size=100)
    h = reduce.histogram2d(x, y, bins=[5, 3], range=[[-1, 1], [-2, 2]], allranks=True)
    # numpy's layout as deposited: C-contiguous H[ix, iy], not a transposed copy
    assert h.shape == (5, 3) and h.flags.c_contiguous and h.flags.owndata is False
    with pytest.raises(ValueError, match="range of y needs min < max"):
        reduce.histogram2d(x, y, bins=4, range=[[-1, 1], [2, 2]])
    with pytest.raises(ValueError, match="range of x needs min < max"):
        reduce.histogram2d(x, y, bins=4, range=[[1, -1], [-2, 2]])


def test_histogram2d_auto_range_weights_allranks_float32_strided(rng):
    n = 5000
    data = rng.normal(size=(n, 3)).astype(numpy.float32)  # columns are strided views
    x, y, w = data[:, 0], data[:, 1], numpy.abs(data[:, 2]).astype(numpy.float64)
    h = reduce.histogram2d(x, y, bins=16, weights=w, allranks=True)
    gx, gy, gw = gathered(x), gathered(y), gathered(w)
    everyone = parallel.gatherall(numpy.asarray(h))
    assert all(numpy.array_equal(everyone[0], e) for e in everyone)
    if parallel.me == 0:
        ref, _, _ = numpy.histogram2d(gx.astype(float), gy.astype(float), bins=16, weights=gw)
        numpy.testing.assert_allclose(numpy.asarray(h), ref, rtol=1e-12, atol=1e-9)


def test_histogram_1d_and_cic_conserves(rng):
    a = rng.uniform(0, 10, size=3000)
    hist, edges = reduce.histogram(a, bins=10, range=(0, 10))
    ga = gathered(a)
    cic = reduce.histogram2d(a, a, bins=8, range=[[0, 10], [0, 10]], method="cic")
    if parallel.me == 0:
        ref, ref_edges = numpy.histogram(ga, bins=10, range=(0, 10))
        numpy.testing.assert_array_equal(hist, ref)
        numpy.testing.assert_allclose(edges, ref_edges)
        assert numpy.asarray(cic).sum() == pytest.approx(ga.size)


def test_limits_skip_nan_and_empty_ranks(rng):
    a = rng.normal(size=100) if parallel.me != 0 or parallel.npes == 1 else numpy.array([])
    a = numpy.append(a, [numpy.nan, numpy.inf]) if parallel.me == parallel.npes - 1 else a
    lo, hi = reduce.limits(a)
    ga = gathered(a)
    lims = parallel.broadcast(None if ga is None else (numpy.nanmin(ga[numpy.isfinite(ga)]),
                                                       numpy.max(ga[numpy.isfinite(ga)])))
    assert (lo, hi) == pytest.approx(lims)
    both = reduce.limits(a, a * 2)
    assert both[1] == pytest.approx((2 * lims[0], 2 * lims[1]))


def test_moments_match_numpy(rng):
    x = rng.normal(1.0, 2.0, size=4000)
    xp = 0.3 * x + rng.normal(size=4000)
    m = reduce.moments(x, xp)
    gx, gxp = gathered(x), gathered(xp)
    ref = parallel.broadcast(None if gx is None else (gx.mean(), numpy.cov(gx, gxp, bias=True), gx.size))
    assert m.count == ref[2]
    assert m.mean[0] == pytest.approx(ref[0])
    numpy.testing.assert_allclose(m.cov, ref[1], rtol=1e-10)
    emit = numpy.sqrt(ref[1][0, 0] * ref[1][1, 1] - ref[1][0, 1] ** 2)
    assert m.emittance(0, 1) == pytest.approx(emit)


def test_sample_is_capped_and_fair(rng):
    n = 3000
    x = numpy.full(n, float(parallel.me))
    got = reduce.sample(x, n=1000, seed=7)
    if parallel.me == 0:
        assert got.size == min(1000, n * parallel.npes)
        counts = numpy.bincount(got.astype(int), minlength=parallel.npes)
        # each rank holds 1/npes of the particles: its share of the sample is close to that
        assert numpy.all(numpy.abs(counts - got.size / parallel.npes) < 0.2 * got.size / parallel.npes + 5)
    small = reduce.sample(x[:2], n=1000)
    if parallel.me == 0:
        assert small.size == 2 * parallel.npes


def test_selection_keywords_against_numpy(rng):
    x = rng.uniform(-1, 1, size=2000)
    y = rng.uniform(-1, 1, size=2000)
    mask = x > 0
    h = reduce.histogram2d(x, y, bins=4, range=[[-1, 1], [-1, 1]], where=mask, windows=[(y, -0.5, 0.5)])
    ii = numpy.arange(0, 2000, 3)
    h2 = reduce.histogram2d(x, y, bins=4, range=[[-1, 1], [-1, 1]], ii=ii)
    keep = mask & (y > -0.5) & (y < 0.5)
    gx, gy, gk = gathered(x), gathered(y), gathered(keep)
    gsel = gathered(numpy.isin(numpy.arange(2000), ii))
    if parallel.me == 0:
        ref = numpy.histogram2d(gx[gk], gy[gk], bins=4, range=[[-1, 1], [-1, 1]])[0]
        numpy.testing.assert_array_equal(numpy.asarray(h), ref)
        ref2 = numpy.histogram2d(gx[gsel], gy[gsel], bins=4, range=[[-1, 1], [-1, 1]])[0]
        numpy.testing.assert_array_equal(numpy.asarray(h2), ref2)


def _global_field(shape):
    i, j, k = numpy.meshgrid(*(numpy.arange(s) for s in shape), indexing="ij")
    return numpy.sin(0.3 * i) + 0.1 * j * j + numpy.cos(0.2 * k) * 3


def _my_box(shape):
    """A z-slab per rank (rank 0 may be empty when there are more ranks than planes)."""
    nz = shape[2]
    bounds = numpy.linspace(0, nz, parallel.npes + 1).astype(int)
    lo = (0, 0, bounds[parallel.me])
    hi = (shape[0] - 1, shape[1] - 1, bounds[parallel.me + 1] - 1)
    return lo, hi


def test_slice_plane_and_lineout_equal_the_global_array():
    shape = (7, 6, 9)
    full = _global_field(shape)
    lo, hi = _my_box(shape)
    block = full[:, :, lo[2]:hi[2] + 1]
    for normal, index in (("z", 4), ("x", 2), ("y", 5)):
        got = reduce.slice(block, lo, hi, normal=normal, index=index)
        if parallel.me == 0:
            plane, axes = got
            ref = numpy.take(full, index, axis="xyz".index(normal))
            numpy.testing.assert_array_equal(plane, ref)
            assert axes == tuple(a for a in (0, 1, 2) if a != "xyz".index(normal))
    line = reduce.lineout(block, lo, hi, axis="z", index=(3, 1))
    proj = reduce.project(block, lo, hi, axis="z", op="sum")
    if parallel.me == 0:
        numpy.testing.assert_array_equal(line, full[3, 1, :])
        numpy.testing.assert_allclose(proj[0], full.sum(axis=2))


def test_fortran_ordered_blocks_are_viewed_not_copied():
    shape = (5, 4, 6)
    full = _global_field(shape)
    lo, hi = _my_box(shape)
    block = numpy.asfortranarray(full[:, :, lo[2]:hi[2] + 1])
    got = reduce.slice(block, lo, hi, normal="x", index=1)
    if parallel.me == 0:
        numpy.testing.assert_array_equal(got[0], full[1])
