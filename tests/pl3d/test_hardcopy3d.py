"""A 3-D page -- a shaded isosurface cut by a coloured plane (pl3tree), the
gnomon, a lit wire frame on a second page -- drawn by pargist to PDF and to
CGM, and read back by other programs: the PDF rasterized by ghostscript and
the CGM drawn by Yorick's own gist (to PostScript, then ghostscript) give the
page pargist-view draws from the same CGM (the ink correlation of
tests/pl3d/pages.py), and a page turned by rot3 does not."""

import os

import numpy
import pytest

import pargist
from pages import correlation, ghostscript, have, ink, run

DPI = 75


def view_program():
    build = os.environ.get("PARGIST_BINARY_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "build"))
    return os.path.join(build, "bin", "pargist-view")


def isosurface_and_plane():
    s = numpy.linspace(-1, 1, 20)
    x, y, z = numpy.meshgrid(s, s, s, indexing="ij")
    m3 = pargist.mesh3(numpy.array([x, y, z]), funcs=[numpy.sqrt(x * x + y * y + 1.5 * z * z), x + 2 * y])
    pargist.clear3()
    pargist.orient3()
    pargist.light3(diffuse=0.2, specular=1.0, sdir=numpy.array([0.3, 0.5, 1.0]))
    pargist.split_palette("earth.gp")
    pargist.gnomon(1)
    plane = pargist.plane3([0, 1, 0.3], [0, 0, 0])   # seen at an angle under orient3
    nv, xyz, col = pargist.slice3(m3, plane, None, None, 2)
    pargist.pl3tree(nv, xyz, col, plane)
    nv, xyz, _ = pargist.slice3(m3, 1, None, None, value=0.8)
    pargist.pl3tree(nv, xyz)
    pargist.draw3(1)


def wire_frame():
    x = numpy.linspace(-1, 1, 24)[:, None] * numpy.ones(24)
    y = x.T
    pargist.palette("earth.gp")
    pargist.clear3()
    pargist.orient3()
    pargist.light3(diffuse=0.5, specular=1.0, sdir=numpy.array([1.0, 0.5, 1.0]))
    pargist.plwf((x + y) * numpy.exp(-3 * (x * x + y * y)), y, x, shade=1, edges=1)
    pargist.draw3(1)
    pargist.limits(-1.6, 1.6, -1.6, 1.6)


@pytest.mark.skipif(not have("gist", "gs"), reason="needs Yorick's gist and ghostscript")
def test_pdf_and_cgm_of_3d_pages_read_back_by_ghostscript_and_yorick_gist(outdir):
    pargist.window(0, display="", hcp=os.path.join(outdir, "scene.cgm"))
    pdfs = []
    for k, draw in enumerate((isosurface_and_plane, wire_frame)):
        draw()
        pdfs.append(os.path.join(outdir, f"scene{k}.pdf"))
        pargist.pdf(pdfs[-1])
        pargist.hcp()
        pargist.fma()
    cgm = pargist.hcp_finish()

    run([view_program(), cgm, "--png", "view.png", "--dpi", str(DPI)], outdir)
    run(["gist", cgm, "-b", "-ps", "gist.ps"], outdir)
    ghostscript("gist.ps", "gist-%03d.png", DPI, outdir)
    for k, pdf in enumerate(pdfs):
        ghostscript(pdf, f"pdf-{k + 1:03d}.png", DPI, outdir)

    ours = [ink(os.path.join(outdir, f"view-{k:04d}.png")) for k in (1, 2)]
    scores = {}
    for reader in ("gist", "pdf"):
        for k in (1, 2):
            page = ink(os.path.join(outdir, f"{reader}-{k:03d}.png"))
            assert page.shape == ours[k - 1].shape, reader
            scores[reader, k] = correlation(page, ours[k - 1])
    print("ink correlation with pargist-view's pages:", scores)
    assert min(scores.values()) > 0.95, scores

    # The measure tells a turned scene apart.
    isosurface_and_plane()
    pargist.rot3(0.0, 0.0, 0.6)
    pargist.draw3(1)
    turned = os.path.join(outdir, "turned.pdf")
    pargist.pdf(turned)
    pargist.fma()
    pargist.palette("earth.gp")
    ghostscript(turned, "turned.png", DPI, outdir)
    assert correlation(ink(os.path.join(outdir, "turned.png")), ours[0]) < 0.9
