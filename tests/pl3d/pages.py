"""Pages compared as Yorick draws them and as pargist does: the ink of a
rasterized page (1 - brightness, blurred by a 5x5 box so that antialiasing
and line widths of different renderers even out) and the correlation of two
pages' ink; the external programs (yorick, gist, gs) run with their output
kept for the failure message."""

import shutil
import subprocess

import matplotlib.image
import numpy


def have(*programs):
    return all(shutil.which(p) for p in programs)


def run(cmd, cwd, stdin=None, timeout=300):
    got = subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=timeout)
    assert got.returncode == 0, f"{cmd[0]} failed:\n{got.stdout[-3000:]}\n{got.stderr[-3000:]}"
    return got.stdout


def ghostscript(source, output, dpi, cwd):
    """PostScript or PDF pages to PNG files (output may hold %03d), on letter paper as Gist's."""
    run(["gs", "-q", "-dSAFER", "-dNOPAUSE", "-dBATCH", "-sDEVICE=png16m", "-sPAPERSIZE=letter", "-dFIXEDMEDIA",
         f"-r{dpi}", f"-sOutputFile={output}", source], cwd)


def ink(path):
    """1 - brightness (mean of R, G, B), blurred by a 5x5 box."""
    a = 1.0 - matplotlib.image.imread(path)[..., :3].mean(axis=2)
    r = 2
    p = numpy.pad(a, r, mode="edge")
    c = numpy.pad(numpy.cumsum(numpy.cumsum(p, 0), 1), ((1, 0), (1, 0)))
    k = 2 * r + 1
    return (c[k:, k:] - c[:-k, k:] - c[k:, :-k] + c[:-k, :-k]) / (k * k)


def correlation(a, b):
    return float(numpy.corrcoef(a.ravel(), b.ravel())[0, 1])
