"""The live window from Python on a real X server (Xvfb from tests/run.sh),
serially and under mpirun -n 2: real clicks from xdotool, limits() read back
after them, and a ppzx density plot re-reduced over the zoomed view at full
resolution, checked against numpy on the gathered particles."""

import faulthandler
import os
import subprocess
import sys
import time

import numpy
import pytest

import pargist as pg
from pargist import parallel

root = parallel.me == 0
pytestmark = pytest.mark.skipif(not os.environ.get("DISPLAY"),
                                reason="no DISPLAY (tests/run.sh starts Xvfb for these)")

NDC_PER_INCH = 72.27 * 0.0013
WORK_VIEWPORT = (0.19, 0.60, 0.44, 0.85)            # Gist's work style (work.gs)
STRIP = 20                                         # status strip at 75 dpi
WINDOW = 6                                         # Gist window number used here


def pixel(x, y, lim):
    """Window pixel of world point (x, y) under limits lim (75 dpi, 450x450)."""
    scale = 450 / (6 * NDC_PER_INCH)
    x0 = 225 - scale * 4.25 * NDC_PER_INCH
    y0 = 225 + scale * 6.75 * NDC_PER_INCH
    vx0, vx1, vy0, vy1 = WORK_VIEWPORT
    nx = vx0 + (x - lim[0]) * (vx1 - vx0) / (lim[1] - lim[0])
    ny = vy0 + (y - lim[2]) * (vy1 - vy0) / (lim[3] - lim[2])
    return f"{round(x0 + scale * nx)} {round(STRIP + y0 - scale * ny)}"


def xdotool(*args):
    subprocess.run(["xdotool", *args], check=True)


def open_window():
    """Window WINDOW on rank 0, moved away from other tests' windows; its X id."""
    pg.window(WINDOW, display=os.environ["DISPLAY"])
    if not root:
        return None
    for _ in range(100):
        ids = subprocess.run(["xdotool", "search", "--name", f"^Gist {WINDOW}$"],
                             capture_output=True, text=True).stdout.split()
        if ids:
            xdotool("windowmove", "--sync", ids[-1], "660", "20")
            return ids[-1]
        time.sleep(0.05)
    raise AssertionError("the live window did not appear")


@pytest.fixture(autouse=True)
def watchdog():
    """A test that hangs in a collective (a call made on rank 0 alone) ends
    in 150 s with every rank's stack, not at ctest's timeout."""
    faulthandler.dump_traceback_later(150, exit=True, file=sys.stderr)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture(autouse=True)
def no_window_left():
    yield
    pg.winkill(WINDOW)


def wait_for_zoom(before):
    """Poll limits() until the mouse zoom shows: four fixed sides, new values."""
    for _ in range(200):
        now = pg.limits()          # returns the limits in force, then resets to extremes...
        pg.limits(now)             # ...so put them back
        if int(now[4]) & 15 == 0 and tuple(now[:4]) != tuple(before[:4]):
            return now
        time.sleep(0.02)
    raise AssertionError("no zoom arrived")


def test_click_zoom_then_limits_and_unzoom():
    win = open_window()
    pg.limits(0, 10, 0, 10)
    pg.plfp(numpy.array([1.0]), numpy.array([4, 4, 6, 6.0]), numpy.array([4, 6, 6, 4.0]),
            numpy.array([4]))
    pg.fma()
    if root:
        time.sleep(0.3)  # the window draws on its own thread
        before = (0, 10, 0, 10)
        xdotool("mousemove", "--window", win, *pixel(2, 8, before).split(), "click", "1")
        now = wait_for_zoom(before)
        # Left click: zoom in by 1.5 about the pointer, which keeps its place.
        assert now[1] - now[0] == pytest.approx(10 / 1.5)
        assert now[0] + 0.2 * (now[1] - now[0]) == pytest.approx(2, abs=0.03)
        assert now[2] + 0.8 * (now[3] - now[2]) == pytest.approx(8, abs=0.03)
    # The zoom persists across fma (collective: every rank), as Gist's mouse limits do.
    pg.fma()
    if root:
        again = pg.limits()
        assert tuple(again[:4]) == pytest.approx(tuple(now[:4]))
        # Gist: limits() ends a series of mouse zooms; unzoom() then undoes
        # nothing (unzoom's own restoring is in viewer_logic_test).
        pg.limits(again)
        pg.unzoom()
    pg.redraw()  # collective: every rank
    if root:
        assert tuple(pg.limits()[:4]) == pytest.approx(tuple(now[:4]))


def gathered(a):
    parts = parallel.gather(a)
    return numpy.concatenate(parts) if root else None


def node_grid(x, y, nx, ny, ext):
    """Warp's setgrid2d: linear weights on the (nx+1) x (ny+1) nodes over ext."""
    xmin, xmax, ymin, ymax = ext
    gx, gy = (x - xmin) * nx / (xmax - xmin), (y - ymin) * ny / (ymax - ymin)
    inside = (gx >= 0) & (gx < nx) & (gy >= 0) & (gy < ny)
    gx, gy = gx[inside], gy[inside]
    ix, iy = numpy.floor(gx).astype(int), numpy.floor(gy).astype(int)
    wx, wy = gx - ix, gy - iy
    g = numpy.zeros((nx + 1, ny + 1))
    for dx, dy, share in ((0, 0, (1 - wx) * (1 - wy)), (1, 0, wx * (1 - wy)), (0, 1, (1 - wx) * wy), (1, 1, wx * wy)):
        numpy.add.at(g, (ix + dx, iy + dy), share)
    return g


def test_box_zoom_rereduces_ppzx_at_full_resolution():
    rng = numpy.random.default_rng(7 + parallel.me)
    n = 30000
    z = rng.normal(size=n)
    x = 0.5 * rng.normal(size=n) + 0.2 * z
    win = open_window()
    pg.ppzx(z=z, x=x, cellarray=1, nx=40, ny=40, lcolorbar=0)
    if root:  # the window shows the cell array's box (Warp's nodes reach one cell past the grid)
        box = [e for e in pg.current_frame().elements() if e["kind"] == "pli"][-1]["box"]
    pg.fma()
    if root:
        time.sleep(0.3)
        lim = (box[0], box[2], box[1], box[3])
        xdotool("mousemove", "--window", win, *pixel(0.3, 0.9, lim).split(),
                "keydown", "ctrl", "mousedown", "1",
                "mousemove", "--window", win, *pixel(1.0, 0.5, lim).split(),
                "mousemove", "--window", win, *pixel(1.5, 0.1, lim).split(),
                "mouseup", "1", "keyup", "ctrl")
        wait_for_zoom(tuple(lim))
    parallel.barrier()
    second = pg.ppzx(z=z, x=x, cellarray=1, nx=40, ny=40, lcolorbar=0)
    gz, gx = gathered(z), gathered(x)
    if not root:
        return
    xmin, xmax, ymin, ymax = second["view"]
    assert (xmin, xmax, ymin, ymax) == pytest.approx((0.3, 1.5, 0.1, 0.9), abs=0.02)
    cells = [e for e in pg.current_frame().elements() if e["kind"] == "pli"][-1]
    assert (cells["nx"], cells["ny"]) == (41, 41)   # Warp's node grid: 40 cells, 41 nodes
    dx, dy = (xmax - xmin) / 40, (ymax - ymin) / 40
    assert cells["box"] == pytest.approx((xmin, ymin, xmax + dx, ymax + dy))
    ref = node_grid(gz, gx, 40, 40, (xmin, xmax, ymin, ymax))
    numpy.testing.assert_allclose(cells["z"].reshape(41, 41).T, ref, atol=2e-3 * ref.max())
    assert ref.sum() > 1000


def draw_small_frame():
    x = numpy.linspace(0, 10, 200)
    pg.plg(numpy.sin(x), x, color="red", width=3, legend="sin x")
    pg.plg(numpy.cos(x[::10]), x[::10], type="none", marker=4, marks=1)
    pg.pltitle("snapshot and png()")
    pg.xytitles("x", "y")


def draw_large_frame():
    """The redraw benchmark's data: a 1e5-point curve (decimated to pixel
    columns when drawn), 1e5 point markers, a cell array of more cells than
    pixels."""
    n = 100000
    x = numpy.linspace(0, 10, n)
    pg.pli(numpy.random.default_rng(2).random((300, 400)), 0, -1, 10, 1)
    pg.plg(numpy.sin(7 * x) * numpy.exp(-0.1 * x), x, color="red")
    rng = numpy.random.default_rng(1)
    pg.plg(0.3 * rng.normal(size=n), 5 + 2 * rng.normal(size=n), type="none", marker=1, color="blue")


@pytest.mark.parametrize("draw", [draw_small_frame, draw_large_frame])
def test_snapshot_and_png_are_the_same_picture(tmp_path, monkeypatch, draw):
    """The window's snapshot (the 's' key) and png() of the same frame are
    the same picture, pixel for pixel: the window frames the page with
    libplot's window view (one view centre), at 75 dpi in 450x450 pixels."""
    import matplotlib.image
    win = open_window()
    draw()
    pg.redraw()
    png = str(tmp_path / "frame.png")
    pg.png(png)
    if not root:
        return
    ours = matplotlib.image.imread(png)[..., :3]
    assert ours.shape == (450, 450, 3)
    red = (ours[..., 0] > 0.9) & (ours[..., 1] < 0.2) & (ours[..., 2] < 0.2)
    assert red.sum() > 200  # the curve is there: not two blank pictures
    window = window_snapshot(win, tmp_path, monkeypatch, lambda shot: (shot == ours).all())
    diff = numpy.abs(window.astype(float) - ours).max(axis=2) if window.shape == ours.shape else None
    rows = numpy.nonzero(diff.any(axis=1))[0] if diff is not None else None
    assert window.shape == ours.shape and (window == ours).all(), \
        f"snapshot {window.shape} differs from png() {ours.shape}; rows {rows}"


def window_snapshot(win, tmp_path, monkeypatch, done):
    """The window's picture through its 's' key, taken again (up to 2 s)
    until done(picture): the window draws what it is handed a moment later."""
    import matplotlib.image
    monkeypatch.chdir(tmp_path)  # the 's' key writes into the current directory
    for _ in range(20):
        time.sleep(0.1)
        for old in tmp_path.glob(f"pargist-w{WINDOW}-*.png"):
            old.unlink()
        xdotool("key", "--window", win, "s")
        for _ in range(100):
            snaps = list(tmp_path.glob(f"pargist-w{WINDOW}-*.png"))
            if snaps:
                break
            time.sleep(0.02)
        assert snaps, "the 's' key wrote no snapshot"
        shot = matplotlib.image.imread(str(snaps[0]))[..., :3]
        if shot.shape == (450, 450, 3) and done(shot):
            break
    return shot
