"""pygist's own demo, gistdemolow.py (its 26 tests and the Lissajous
animation), ported mechanically, runs to the end under pargist; each page it
shows is compared with Yorick's own rendering of the same commands
(gistdemolow.i).

Both sides are rasterized at 40 dpi as whole US-letter pages: pargist's CGM
by pargist-view, Yorick's CGM by Yorick's gist browser (-ps) and
Ghostscript. The measure is the correlation of the ink images (255 - gray,
5x5 box blur, to forgive fonts and anti-aliasing): each page must correlate
at least 0.75 with its reference, and better with its own reference than
with any other page of the reference that differs from it (a frame shifted
by a quarter inch, or the previous page, scores lower: measured 0.85-0.99
own, below 0.82 other).
"""
import os
import re
import shutil
import subprocess
import sys

import numpy
import pytest
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
BINARY = os.environ.get("PARGIST_BINARY_DIR", os.path.join(HERE, "..", "..", "build"))
DPI = 40
MIN_CORRELATION = 0.75
DISTINCT = 0.97  # reference pages this alike count as the same picture

needs_yorick = pytest.mark.skipif(not all(shutil.which(p) for p in ("yorick", "gist", "gs")),
                                  reason="needs yorick, gist and ghostscript")


def run(cmd, cwd):
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def ink(path):
    a = 255.0 - numpy.asarray(Image.open(path).convert("L"), dtype=float)
    p = numpy.pad(a, 2, mode="edge")
    c = numpy.pad(numpy.cumsum(numpy.cumsum(p, 0), 1), ((1, 0), (1, 0)))
    return (c[5:, 5:] - c[:-5, 5:] - c[5:, :-5] + c[:-5, :-5]) / 25.0


def correlation(a, b):
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / numpy.sqrt((a * a).sum() * (b * b).sum()))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo run by pargist: its output and its pages as 40 dpi PNGs."""
    out = tmp_path_factory.mktemp("pygist-demo")
    stdout = run([sys.executable, os.path.join(HERE, "run_gistdemo.py"), str(out / "demo.cgm")], out)
    run([os.path.join(BINARY, "bin", "pargist-view"), "demo.cgm", "--png", "page.png", "--dpi", str(DPI)], out)
    pages = sorted(p for p in os.listdir(out) if p.startswith("page-"))
    return stdout, [str(out / p) for p in pages]


def test_the_demo_runs_every_test(demo):
    stdout, pages = demo
    for k in range(1, 27):
        assert re.search(rf"^Test {k}[: ]", stdout, re.M), f"test {k} did not run"
    assert stdout.count("Timing summary for Lissajous") == 2
    # plq() printed the legends of the cardioids (test 12), as pygist does.
    assert " 1: curve [1]\n" in stdout and " 7: Some text\n" in stdout
    assert "pages-shown 40" in stdout
    # 40 stops, 4 of them on an empty frame: Gist writes no page for those.
    assert len(pages) == 36


@needs_yorick
def test_pages_match_yoricks_rendering(demo, tmp_path):
    _, pages = demo
    run(["yorick", "-batch", os.path.join(HERE, "gistdemolow.i"), str(tmp_path / "ref.cgm")], tmp_path)
    run(["gist", "ref.cgm", "-b", "-ps", "ref.ps"], tmp_path)
    run(["gs", "-q", "-dSAFER", "-dNOPAUSE", "-dBATCH", "-sDEVICE=png16m", "-sPAPERSIZE=letter",
         "-dFIXEDMEDIA", f"-r{DPI}", "-sOutputFile=ref-%02d.png", "ref.ps"], tmp_path)
    refs = sorted(str(tmp_path / p) for p in os.listdir(tmp_path) if p.startswith("ref-"))
    assert len(refs) == len(pages) == 36
    ours = [ink(p) for p in pages]
    theirs = [ink(r) for r in refs]
    report = []
    for k, page in enumerate(ours):
        own = correlation(page, theirs[k])
        others = [correlation(page, theirs[j]) for j in range(len(theirs))
                  if j != k and correlation(theirs[j], theirs[k]) < DISTINCT]
        report.append((k + 1, round(own, 3), round(max(others), 3)))
        assert own >= MIN_CORRELATION and own > max(others), f"page {k + 1}: {report[-1]}"
    print("page, correlation with its reference, best with another:", report)
