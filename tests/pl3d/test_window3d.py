"""Turning 3-D scenes in the live window (Xvfb from tests/run.sh), serially
and under mpirun -n 2: a ctrl + middle drag with real events from xdotool
re-draws the scene from the data rank 0's window already holds -- no new
frame, no collective -- and the picture is the one rot3 by the same angle
gives; 'u' turns it back."""

import math
import os
import subprocess
import tempfile
import time

import matplotlib.image
import numpy
import pytest

import pargist as pg
from pargist import _core, parallel

root = parallel.me == 0
pytestmark = pytest.mark.skipif(not os.environ.get("DISPLAY") or not _core.has_viewer,
                                reason="no DISPLAY or no live viewer (tests/run.sh starts Xvfb)")
WINDOW, REFERENCE = 7, 5


def xdotool(*args):
    subprocess.run(["xdotool", *args], check=True)


def window_id(n):
    for _ in range(100):
        ids = subprocess.run(["xdotool", "search", "--name", f"^Gist {n}$"], capture_output=True,
                             text=True).stdout.split()
        if ids:
            return ids[-1]
        time.sleep(0.05)
    raise AssertionError(f"window {n} did not appear")


def screenshot(win, path):
    """The window's pixels (RGB floats), read back from an xwd dump."""
    xwd = subprocess.run(["xwd", "-silent", "-id", win], check=True, capture_output=True).stdout
    subprocess.run(["convert", "xwd:-", path], input=xwd, check=True)
    return matplotlib.image.imread(path)[..., :3]


def draw_scene():
    """A shaded surface and the gnomon, drawn with draw3 on the current window."""
    x = numpy.linspace(-1, 1, 24)[:, None] * numpy.ones(24)
    y = x.T
    pg.clear3()
    pg.orient3()
    pg.light3(diffuse=0.5, specular=1.0, sdir=numpy.array([1.0, 0.5, 1.0]))
    pg.gnomon(1)
    pg.plwf((x + y) * numpy.exp(-3 * (x * x + y * y)), y, x, shade=1, edges=0)
    pg.draw3(1)
    pg.limits(-1.6, 1.6, -1.6, 1.6)


@pytest.fixture(autouse=True)
def no_window_left():
    yield
    pg.gnomon(0)
    pg.winkill(WINDOW)
    pg.winkill(REFERENCE)


def wait_for_turn(serial):
    for _ in range(200):
        matrix, now = _core.viewer_turn()
        if now != serial:
            return numpy.array(matrix).reshape(3, 3), now
        time.sleep(0.02)
    raise AssertionError("the window did not turn")


def test_ctrl_middle_drag_turns_the_scene_without_a_new_frame():
    pg.window3(WINDOW, display=os.environ["DISPLAY"])
    draw_scene()
    pg.fma()
    # The turn is rank 0's window alone: the other ranks take no part in it,
    # and meet rank 0 again at the collective calls (window3, fma, window).
    angle = after = None
    if root:
        win = window_id(WINDOW)
        xdotool("windowmove", "--sync", win, "660", "20")
        time.sleep(0.3)
        out = tempfile.mkdtemp(prefix="pargist-turn-")
        before = screenshot(win, os.path.join(out, "before.png"))
        frame = _core.frame_info()["number"]

        _, serial = _core.viewer_turn()
        # 90 pixels right, in steps, with ctrl and the middle button held.
        steps = ["mousemove", "--window", win, "180", "230", "keydown", "ctrl", "mousedown", "2"]
        for dx in range(15, 91, 15):
            steps += ["mousemove", "--window", win, str(180 + dx), "230"]
        xdotool(*steps, "mouseup", "2", "keyup", "ctrl")
        matrix, serial = wait_for_turn(serial)
        time.sleep(0.3)
        # A turn about the viewer's vertical axis only, by pi * 90 / 450.
        angle = math.atan2(matrix[2, 0], matrix[0, 0])
        assert angle == pytest.approx(math.pi * 90 / 450, abs=0.02)
        numpy.testing.assert_allclose(matrix[1], [0, 1, 0], atol=1e-12)
        assert _core.frame_info()["number"] == frame          # no fma, no new data
        after = screenshot(win, os.path.join(out, "after.png"))
        strip = 20
        assert numpy.abs(after[strip:] - before[strip:]).mean() > 0.005
    angle = parallel.broadcast(angle)

    # The same scene turned by rot3 and drawn by the program, in a window of
    # the same size: the same picture.
    pg.window3(REFERENCE, display=os.environ["DISPLAY"])
    draw_scene()
    pg.rot3(0, angle, 0)
    pg.draw3(1)
    pg.limits(-1.6, 1.6, -1.6, 1.6)
    pg.fma()
    if root:
        ref_win = window_id(REFERENCE)
        xdotool("windowmove", "--sync", ref_win, "660", "520")
        time.sleep(0.3)
        reference = screenshot(ref_win, os.path.join(out, "reference.png"))
        differs = numpy.abs(after[strip:] - reference[strip:]).max(axis=2) > 0.1
        assert differs.mean() < 0.002, f"{differs.sum()} pixels differ"

    # 'u' turns the scene back to the program's view.
    pg.window(WINDOW)
    if root:
        xdotool("mousemove", "--window", win, "225", "250", "key", "u")
        matrix, serial = wait_for_turn(serial)
        numpy.testing.assert_allclose(matrix, numpy.eye(3))
    parallel.barrier()
