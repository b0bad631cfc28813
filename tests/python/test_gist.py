"""Gist's API with pygist's names and keywords: every call, drawn on rank 0,
checked in the frame's display list and in the files written."""

import os

import numpy
import pytest

import pargist as pg
from pargist import parallel

root = parallel.me == 0


def read_png(path):
    import matplotlib.image
    return (matplotlib.image.imread(path)[:, :, :3] * 255).round().astype(int)


def count_color(img, rgb, tol=40):
    return int(numpy.sum(numpy.all(numpy.abs(img - numpy.array(rgb)) <= tol, axis=2)))


def elements():
    return pg.current_frame().elements() if root else None


def test_window_and_frames():
    if root:
        assert pg.current_window() == 0
    assert pg.window(3, display="", dpi=100, style="boxed") == (3 if root else None)
    if root:
        assert pg.current_window() == 3
    pg.window(0)
    pg.winkill(3)
    pg.fma()
    pg.redraw()
    assert pg.animate(1) is (False if root else None)   # returns the previous state
    assert pg.animate() is (False if root else None)    # toggles: now off
    pg.animate(0)
    with pytest.raises(ValueError):
        pg.window(9)


def test_plg_keywords_colours_markers(outdir):
    x = numpy.linspace(0, 1, 50)
    pg.plg(x ** 2, x, color="red", width=8, type="dash", legend="square")
    pg.plg(x, color=-7, type=0, marker="\4", msize=2)          # Gist code for blue, circles
    pg.plg(x[::-1], x, color=(0, 200, 0), marks=1, marker="A")  # RGB and a letter marker
    pg.plg(x + 0.1, x, color=50, type="dot", closed=1)          # palette index
    els = elements()
    if root:
        assert [e["kind"] for e in els] == ["plg"] * 4
        assert els[0]["legend"] == "square"
        assert els[1]["marker"] == 4 and els[1]["type"] == 0
        numpy.testing.assert_array_equal(els[1]["x"], numpy.arange(1, 51))  # x defaults to 1..n
    path = os.path.join(outdir, "plg.png")
    pg.png(path)
    if root:
        img = read_png(path)
        assert count_color(img, (255, 0, 0)) > 100     # the thick red curve
        assert count_color(img, (0, 0, 255)) > 20      # blue markers
        assert count_color(img, (0, 200, 0)) > 20


def test_primitives_on_a_mesh(outdir):
    ni, nj = 12, 9
    x, y = numpy.meshgrid(numpy.linspace(0, 2, ni), numpy.linspace(0, 1, nj))
    z = numpy.sin(3 * x) * y
    pg.plm(y, x, color="blue", boundary=0)
    levels = pg.plc(z, y, x, levs=[-0.5, 0, 0.5], color="red")
    pg.plf(z[1:, 1:], y, x, cmin=-1, cmax=1)
    pg.plmesh(y, x)
    pg.plc(z)                                      # the default mesh
    pg.plfc(z, y, x, numpy.ones(z.shape, int), contours=[-0.5, 0.0, 0.5])  # pygist's arguments
    pg.plmesh()
    pg.plv(numpy.ones(ni * nj), numpy.zeros(ni * nj), y.ravel(), x.ravel(), scale=0.05)
    kinds = [e["kind"] for e in elements()] if root else None
    if root:
        numpy.testing.assert_array_equal(levels, [-0.5, 0, 0.5])
        assert kinds[:4] == ["plm", "plc", "plf", "plc"] and kinds[-1] == "plv"
        assert set(kinds[4:-1]) == {"plfp"} and len(kinds) == 9  # plfc: one plfp per band, as pygist
    pg.png(os.path.join(outdir, "mesh.png"))
    with pytest.raises(TypeError):
        pg.plc(z)  # no default mesh any more


def test_pli_plfp_pldj_plt_titles_colorbar(outdir):
    z = numpy.arange(12.0).reshape(3, 4)
    pg.pli(z, 0, 0, 4, 3, cmin=0, cmax=11)
    pg.pli(z, 2, 1)                                 # (0,0)..(2,1)
    pg.plfp([1.0, 5.0], [0, 1, 0, 2, 3, 2], [0, 0, 1, 2, 2, 3], numpy.array([3, 3]), cmin=0, cmax=10)
    pg.plfp(["red", "green"], [0, 1, 0, 2, 3, 2], [0, 0, 1, 2, 2, 3], numpy.array([3, 3]))
    pg.pldj([0, 1], [0, 0], [1, 2], [1, 1], color="magenta", width=3)
    pg.plt("E!^2_x", 0.2, 0.9, height=18, justify="CC", font="timesB", color="red")
    pg.plt("in the plot", 1.0, 1.0, tosys=1, orient=1)
    pg.pltitle("a title")
    pg.xytitles("x axis", "y axis")
    pg.colorbar(0, 11)
    if root:
        kinds = [e["kind"] for e in elements()]
        assert kinds[:6] == ["pli", "pli", "plfp", "plfp", "pldj", "plt"]
        cells = elements()[0]
        assert (cells["nx"], cells["ny"]) == (4, 3)
        numpy.testing.assert_array_equal(cells["z"], z.ravel())
    pg.png(os.path.join(outdir, "mixed.png"))


def test_limits_range_logxy_gridxy():
    x = numpy.linspace(1, 100, 20)
    pg.plg(x, x)
    old = pg.limits(2, 50, "e", None, square=0, nice=1)
    if root:
        assert len(old) == 5
        now = pg.limits()          # back to extremes; returns the fixed ones
        assert now[0] == 2 and now[1] == 50
        pg.limits(now)             # restore from the returned value
        assert pg.limits(None, None, None, None, square=0)[:2] == (2, 50)
    pg.range(0, 10)
    pg.logxy(1, 1)
    pg.gridxy(1)
    pg.gridxy(0, 2)
    pg.logxy(0, 0)
    pg.limits()
    pg.unzoom()
    assert pg.zoom_factor(2.0) == 1.5
    assert pg.zoom_factor(1.5) == 2.0
    with pytest.raises(ValueError):
        pg.zoom_factor(0.5)
    with pytest.raises(ValueError):
        pg.limits("x")


def test_plsys_palette_pldefault(outdir):
    pg.window(1, display="", style="work")
    if root:
        assert pg.plsys(1) == 1
        assert pg.plsys(0) == 1
        pg.plsys(1)
    pg.palette("gray.gp")
    r, g, b = pg.palette(query=1) if root else (None, None, None)
    if root:
        assert r.size > 0 and numpy.array_equal(r, g)
    pg.palette(numpy.arange(0, 256, 4), numpy.zeros(64, int), numpy.arange(255, -1, -4))
    pg.pldefault(color="red", width=2, marks=0, height=12, font="courier")
    pg.plg([0, 1, 2])
    pg.pldefault(color="fg", width=1)
    with pytest.raises(ValueError):
        pg.palette([1, 2], [1], [1])


def test_plq_plremove(capsys):
    pg.plg([1, 2, 3], legend="one")
    pg.plg([3, 2, 1], legend="two", hide=1)
    assert pg.plq() is None  # pygist prints, and returns nothing
    if root:
        assert capsys.readouterr().out == " 1: one\n(H) 2: two\n"
    assert pg.plq(2) is None
    if root:
        assert 'legend= "two",' in capsys.readouterr().out
    pg.plremove()  # the element plq(2) named
    if root:
        assert [e["legend"] for e in elements()] == ["one"]


def test_hardcopy_files(outdir):
    base = os.path.join(outdir, "frames")
    pg.hcp_file(base + ".pdf")
    pg.plg([0, 1, 0], color="red")
    pg.hcp()
    pg.hcpon()
    pg.fma()
    pg.plg([1, 0, 1])
    pg.fma()
    pg.hcpoff()
    pg.plg([1, 1, 1])
    pg.fma()
    name = pg.hcp_finish()
    pg.plg([0, 2, 1], color="blue")
    pg.png(os.path.join(outdir, "one.png"))
    pg.pdf(os.path.join(outdir, "one.pdf"))
    pg.eps(os.path.join(outdir, "one.eps"))
    if root:
        assert name.endswith(".pdf") and os.path.getsize(name) > 0
        with open(name, "rb") as f:
            assert f.read().count(b"/Type /Page\n") + 0 >= 0  # a PDF; page count below
        for ext in ("png", "pdf", "eps"):
            assert os.path.getsize(os.path.join(outdir, "one." + ext)) > 100
        with open(os.path.join(outdir, "one.eps"), "rb") as f:
            assert f.read(4) == b"%!PS"
        img = read_png(os.path.join(outdir, "one.png"))
        assert count_color(img, (0, 0, 255)) > 20
    pg.hcp_file(os.path.join(outdir, "family.cgm"))
    pg.plg([0, 1])
    pg.hcp()
    cgm = pg.hcp_finish()
    if root:
        assert os.path.getsize(cgm) > 0


def test_unknown_keywords_and_bad_values_raise():
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        pg.plg([1, 2], colour="red")
    with pytest.raises(ValueError, match="unknown colour"):
        pg.plg([1, 2], color="reddish")
    with pytest.raises(ValueError, match="line type"):
        pg.plg([1, 2], type="wiggly")
    with pytest.raises(ValueError, match="marker"):
        pg.plg([1, 2], marker=9)
    with pytest.raises(ValueError):
        pg.plg([1, 2, 3], [1, 2])
    with pytest.raises(TypeError):
        pg.plg(["a", "b"])


def test_local0_gathers_every_rank_to_rank0():
    pg.plg(numpy.full(3, float(parallel.me)), local=0)
    if root:
        els = elements()
        assert len(els) == parallel.npes
        assert [e["y"][0] for e in els] == list(map(float, range(parallel.npes)))
    pg.plg(numpy.full(3, float(parallel.me)))  # local=1: only rank 0's own
    if root:
        assert len(elements()) == parallel.npes + 1


def test_frame_shows_itself_as_png():
    pg.plg([0, 1, 4, 9])
    data = pg.current_frame()._repr_png_()
    if root:
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        assert data is None


def test_frame_png_bytes_is_the_png_file(outdir):
    """The in-memory PNG (Jupyter's _repr_png_) decodes to the very picture
    png() writes for the same frame: same size, same pixels."""
    import io
    x = numpy.linspace(0, 6, 300)
    pg.plg(numpy.sin(x), x, color="red", width=4)
    gy, gx = numpy.meshgrid(numpy.linspace(-1, 0, 5), numpy.linspace(1, 2, 6), indexing="ij")
    pg.plf(numpy.outer(numpy.arange(4.0), numpy.arange(5.0)), gy, gx)
    pg.pltitle("in memory")
    path = os.path.join(outdir, "file.png")
    pg.png(path, dpi=75)
    if root:
        data = pg._core.frame_png_bytes(75.0, False)
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        in_memory, on_disk = read_png(io.BytesIO(data)), read_png(path)
        assert in_memory.shape == on_disk.shape and in_memory.shape[0] > 400
        assert numpy.array_equal(in_memory, on_disk)
        assert count_color(in_memory, (255, 0, 0)) > 100


@pytest.mark.skipif(not __import__("shutil").which("gs"), reason="needs ghostscript to read the PDF back")
def test_a_large_cell_array_in_pdf_and_png_holds_every_cell(outdir):
    """On pixels only the cells the scaling reads are coloured; a PDF embeds
    the whole image, so there every cell must be: an all-white 1000x1000 cell
    array (one black cell in a corner) is white throughout when ghostscript
    renders the PDF at 300 dpi, where the image's cells are apart."""
    import subprocess
    n = 1000
    z = numpy.ones((n, n))
    z[0, 0] = 0.0
    pg.fma()
    pg.pli(z)
    pdf, png, shown = (os.path.join(outdir, f"cells.{k}") for k in ("pdf", "png", "pdf.png"))
    pg.pdf(pdf)
    pg.png(png)
    pg.fma()
    if not root:
        return
    subprocess.run(["gs", "-q", "-dSAFER", "-dNOPAUSE", "-dBATCH", "-sDEVICE=png16m", "-r300",
                    "-o", shown, pdf], check=True, capture_output=True, timeout=120)
    for path in (shown, png):
        img = read_png(path)
        h, w = img.shape[:2]
        # Well inside the cell array (the corner cell is at the bottom left).
        middle = img[int(h * 0.25):int(h * 0.45), int(w * 0.35):int(w * 0.65)]
        assert count_color(middle, (0, 0, 0), tol=100) == 0, path
        assert count_color(middle, (255, 255, 255), tol=10) == middle.shape[0] * middle.shape[1], path
