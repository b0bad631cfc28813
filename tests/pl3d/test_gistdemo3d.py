"""pygist's gistdemo3d.py, ported mechanically (print, numpy, the import
lines), runs to the end under pargist, and its 118 pages match Yorick's
rendering of the same commands (gistdemo3d.i run by yorick, its CGM drawn
by Yorick's own gist to PostScript, rasterized by ghostscript): the
correlation of the pages' ink, after a 5-pixel blur that evens out
antialiasing and line-width differences at 40 dpi."""

import os
import sys

import numpy
import pytest

from pages import correlation, ghostscript, have, ink, run

HERE = os.path.dirname(os.path.abspath(__file__))
DPI = 40
PAGES = 118   # fma()s of the demo that end a non-empty frame

# Drives the port: run 9's random numbers from a file (so that Yorick gets
# the same ones), every page to a CGM family; paws() reads the newlines.
DRIVER = """
import sys
import numpy
sys.path.insert(0, sys.argv[3])
import gistdemo3d
from pargist import hcpon, window
draws = iter(numpy.loadtxt(sys.argv[1]).reshape(4, 25, 35))
gistdemo3d.random_sample = lambda shape: next(draws)
window(0, hcp=sys.argv[2], dump=1)  # the window's own file (the demo's window3 gave talk.ps), as Gist
hcpon()
gistdemo3d.run()
print("gistdemo3d: done")
"""


@pytest.mark.skipif(not have("yorick", "gist", "gs"), reason="needs yorick, gist and ghostscript")
def test_gistdemo3d_runs_to_the_end_and_matches_yorick(tmp_path):
    rng = numpy.random.default_rng(20)
    numpy.savetxt(tmp_path / "random.txt", rng.random((4, 25, 35)).ravel())

    # pargist: the ported demo, every page into a CGM family.
    out = run([sys.executable, "-c", DRIVER, "random.txt", "ours00.cgm", HERE], tmp_path, stdin="\n" * 200)
    assert "gistdemo3d: done" in out
    view = os.path.join(os.environ.get("PARGIST_BINARY_DIR", os.path.join(HERE, "..", "..", "build")),
                        "bin", "pargist-view")
    listing = run([view, "ours00.cgm", "--list"], tmp_path)
    assert sum(1 for line in listing.splitlines() if "Page" in line) == PAGES
    run([view, "ours00.cgm", "--png", "ours.png", "--dpi", str(DPI)], tmp_path)

    # Yorick: the same commands, drawn by gist and ghostscript.
    run(["yorick", "-batch", os.path.join(HERE, "gistdemo3d.i"), "yorick.cgm", "random.txt"], tmp_path)
    run(["gist", "yorick.cgm", "-b", "-ps", "yorick.ps"], tmp_path)
    ghostscript("yorick.ps", "yorick-%03d.png", DPI, tmp_path)

    ours = [ink(tmp_path / f"ours-{k:04d}.png") for k in range(1, PAGES + 1)]
    theirs = [ink(tmp_path / f"yorick-{k:03d}.png") for k in range(1, PAGES + 1)]
    scores = [correlation(a, b) for a, b in zip(ours, theirs)]
    print("ink correlation per page:", " ".join(f"{s:.3f}" for s in scores))
    # Page 112 (plzcont, heat.gp) is left out: the reference is wrong there.
    # The Yorick port of plzcont (gistdemo3d.i) hands each band to Yorick's
    # pl3tree as char palette indices, and Yorick's pl3tree converts its
    # values to double on entry (slice3.i: values= double(values(*))) before
    # testing for char, so each band's constant value is rescaled by bytscl
    # and every band comes out the same red (pages 109-112 all look so).
    # pargist draws the bands of z from dark to white, as pygist's plzcont.
    checked = [s for k, s in enumerate(scores) if k + 1 not in (112,)]
    worst = scores.index(min(checked))
    assert min(checked) > 0.95, f"page {worst + 1}: correlation {scores[worst]:.3f}"
    assert numpy.mean(scores) > 0.98

    # The measure tells pages apart: each page against Yorick's page 30 later.
    shifted = [correlation(ours[k], theirs[(k + 30) % PAGES]) for k in range(PAGES)]
    assert numpy.mean(shifted) < 0.8
