"""Every 3-D and helper path that reaches a collective output call (fma,
window, png, hcp_finish, a palette file) makes it on every rank, as an SPMD
script calls it: run at 2 and 4 ranks, a path that made one of them on
rank 0 alone (or decided on rank 0's state alone whether to make it) would
leave the other ranks in a different collective. Each test runs under a
short watchdog (the module's own, shorter than the suite's), so such a path
fails in seconds with every rank's stack instead of waiting for ctest.

The pictures are rank 0's; the other ranks' calls return None."""

import faulthandler
import os
import sys

import numpy
import pytest

import pargist
from pargist import parallel

from conftest import _shared

WATCHDOG = 60.0  # seconds; every test here takes well under 5 s


@pytest.fixture(autouse=True)
def short_watchdog(watchdog):
    faulthandler.dump_traceback_later(WATCHDOG, exit=True, file=sys.stderr)
    yield
    faulthandler.cancel_dump_traceback_later()


def surface():
    x = numpy.linspace(-1, 1, 12)[:, None] * numpy.ones(10)
    y = numpy.ones(12)[:, None] * numpy.linspace(-1, 1, 10)
    return (x + y) * numpy.exp(-2 * (x * x + y * y)), y, x


def assert_png(path):
    if parallel.me == 0:
        import matplotlib.image
        a = matplotlib.image.imread(path)
        assert (a[..., :3] < 0.9).mean() > 0.005  # something drawn


def test_window3_hcp_and_the_draw3_idler(outdir):
    z, y, x = surface()
    cgm = os.path.join(outdir, "wf00.cgm")
    pargist.window3(0, hcp=cgm, display="")
    pargist.orient3()
    for k in range(3):
        pargist.clear3()
        pargist.plwf(z * (1 + 0.3 * k), y, x, shade=1)
        lims = pargist.draw3(1)  # asks rank 0 whether to draw, then fma on every rank
        if lims is not None:
            pargist.limits(*lims)
    pargist.fma()
    pargist.draw3(1)  # nothing changed: no frame, still the same calls everywhere
    name = pargist.hcp_finish()
    if parallel.me == 0:
        assert name == cgm and os.path.getsize(cgm) > 0
    else:
        assert name is None


def test_split_palette_pl3tree_and_png(outdir):
    z, y, x = surface()
    pargist.window3(display="")
    pargist.split_palette("earth.gp")  # a palette file: read on rank 0, collective
    pargist.orient3()
    pargist.light3(diffuse=0.2, specular=1)
    pargist.plwf(z, y, x, shade=1, edges=0)
    lims = pargist.draw3(1)
    if lims is not None:
        pargist.limits(*lims)
    path = os.path.join(outdir, "wf.png")
    pargist.png(path)
    assert_png(path)


def test_automatic_drawing_set_draw3_on_every_rank(outdir):
    z, y, x = surface()
    pargist.window3(display="")
    pargist.set_draw3_(1)
    try:
        pargist.plwf(z, y, x)  # draws through the idler: window3, draw3(1), fma on every rank
    finally:
        pargist.set_draw3_(0)
    path = os.path.join(outdir, "auto.png")
    pargist.png(path)


def test_movie_finishes_every_frame_on_every_rank(outdir):
    cgm = os.path.join(outdir, "movie00.cgm")
    pargist.window(0, display="", hcp=cgm)
    pargist.hcpon()
    t = numpy.linspace(0, 6, 50)

    def frame(i):
        pargist.plg(numpy.sin(t + i), t)
        return i < 4

    pargist.movie(frame)
    pargist.hcpoff()
    pargist.hcp_finish()


def test_plh_with_labels_opens_its_window_on_every_rank(outdir):
    pargist.winkill(0)  # no window: plh(labels=) opens one, on every rank
    pargist.plh([3, 1, 4, 1], labels=["a", "b", "c", "d"])
    path = os.path.join(outdir, "plh.png")
    pargist.png(path)
    assert_png(path)
    pargist.plh([2, 7], labels=["x", "y"])  # the window is there now: same decision everywhere
    pargist.fma()


def test_pause_and_redraw_are_collective():
    pargist.plg([1, 2, 3])
    pargist.pause(1)
    pargist.redraw()
    pargist.fma()


def test_a_rank_0_failure_in_a_3d_path_reaches_every_rank(outdir):
    missing = os.path.join(outdir, "no-such-folder", "x00.cgm")
    msg = _shared.raised_everywhere(lambda: pargist.window3(1, hcp=missing, display=""), OSError)
    assert "(rank 0)" in msg
