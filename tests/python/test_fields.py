"""Field slices of a domain-decomposed grid: what rank 0 draws equals the
plane (or line) of the assembled global array."""

import numpy
import pytest

import pargist as pg
from pargist import parallel

root = parallel.me == 0
SHAPE = (10, 8, 12)


def global_field():
    i, j, k = numpy.meshgrid(*(numpy.arange(s, dtype=float) for s in SHAPE), indexing="ij")
    return i * 100 + j * 10 + k


def my_block(full):
    """A z-slab per rank, as samples/field.py decomposes (inclusive lo..hi)."""
    bounds = numpy.linspace(0, SHAPE[2], parallel.npes + 1).astype(int)
    lo = (0, 0, int(bounds[parallel.me]))
    hi = (SHAPE[0] - 1, SHAPE[1] - 1, int(bounds[parallel.me + 1]) - 1)
    return full[:, :, lo[2]:hi[2] + 1], lo, hi


def cells():
    return [e for e in pg.current_frame().elements() if e["kind"] == "pli"] if root else []


@pytest.mark.parametrize("normal,index", [("z", 5), ("x", 3), ("y", 0)])
def test_pcslice_cells_equal_the_global_plane(normal, index):
    full = global_field()
    block, lo, hi = my_block(full)
    got = pg.pcslice(block, lo, hi, normal=normal, index=index, lcolorbar=0)
    if root:
        plane, (cmin, cmax) = got
        ref = numpy.take(full, index, axis="xyz".index(normal))
        numpy.testing.assert_array_equal(plane, ref)
        assert (cmin, cmax) == (ref.min(), ref.max())      # one colour scale for the whole plane
        c = cells()[0]
        assert (c["nx"], c["ny"]) == ref.shape
        numpy.testing.assert_array_equal(c["z"].reshape(ref.shape[1], ref.shape[0]).T, ref)
    else:
        assert got is None


def test_short_names_orientation_and_common_scale():
    full = global_field()
    block, lo, hi = my_block(full)
    got = pg.pczx(block, lo, hi, iy=2, cmin=0.0, cmax=1000.0, origin=(0, 0, 0), spacing=(0.5, 1, 2))
    pg.pcxy(block, lo, hi, iz=7, contours=6)
    pg.pcphizy(block, lo, hi, ix=1, contours=4, filled=1)
    if root:
        plane, scale = got
        assert scale == (0.0, 1000.0)
        numpy.testing.assert_array_equal(plane, full[:, 2, :].T)   # z horizontal
        c = cells()[0]
        assert c["box"] == (0.0, 0.0, 24.0, 5.0)                   # z spans 12*2, x 10*0.5
        kinds = [e["kind"] for e in pg.current_frame().elements()]
        assert "plc" in kinds and "plf" in kinds


def test_plslice1d_is_the_global_line():
    full = global_field()
    block, lo, hi = my_block(full)
    line = pg.plslice1d(block, lo, hi, axis="z", index=(4, 6), color="red")
    line_x = pg.plslice1d(block, lo, hi, axis="x", index=(1, 11))
    if root:
        numpy.testing.assert_array_equal(line, full[4, 6, :])
        numpy.testing.assert_array_equal(line_x, full[:, 1, 11])
        curves = [e for e in pg.current_frame().elements() if e["kind"] == "plg"]
        numpy.testing.assert_array_equal(curves[0]["y"], full[4, 6, :])


def test_two_d_fields():
    full = global_field()[:, :, 0]
    bounds = numpy.linspace(0, SHAPE[0], parallel.npes + 1).astype(int)
    lo, hi = (int(bounds[parallel.me]), 0), (int(bounds[parallel.me + 1]) - 1, SHAPE[1] - 1)
    block = full[lo[0]:hi[0] + 1]
    line = pg.plslice1d(block, lo, hi, axis="x", index=(3,))
    if root:
        numpy.testing.assert_array_equal(line, full[:, 3])
