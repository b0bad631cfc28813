"""Every keyword of Warp's ppgeneric and selectparticles (and iw, slopejs),
each used on the registered species at 1, 2 and 4 ranks: what rank 0 draws
(or returns) equals a serial numpy computation on the gathered particles.
Keywords pargist cannot honour raise the same exception on every rank."""

import io

import matplotlib.image
import numpy
import pytest

import pargist as pg
from pargist import _ppoptions, _ppselect, parallel
from pargist._style import parse_color

from conftest import raised_everywhere
from warp_reference import close, extent, node_grid, quantities, same_points
from warp_setup import MASS, ZBEAM, gather_species, register

root = parallel.me == 0


@pytest.fixture(scope="module")
def sim():
    s0, s1, lost = register(numpy.random.default_rng(4321 + parallel.me))
    old = dict(s0, z=s0["z"] - 0.05)
    pg.register_species(pg.ParticleArrays(mass=MASS, lost=pg.ParticleArrays(**lost),
                                          suffixes={"old": pg.ParticleArrays(**{k: v for k, v in old.items()})},
                                          **s0), js=0)
    g = {"0": gather_species(s0), "1": gather_species(s1), "lost": gather_species(lost),
         "old": gather_species(old)}
    ref = {k: (quantities(v, MASS) if root else None) for k, v in g.items()}
    yield dict(s0=s0, s1=s1, ref=ref, n=sum(parallel.gatherall(s0["x"].size)))
    pg.clear_sources()


@pytest.fixture(autouse=True)
def warp_window():
    pg.winon(xon=0)


def els(kind, system=None):
    if not root:
        return []
    return [e for e in pg.current_frame().elements(system) if e["kind"] == kind]


def pts(system=None):
    m = els("plg", system)
    if not m:
        return numpy.zeros(0), numpy.zeros(0)
    return numpy.concatenate([e["x"] for e in m]), numpy.concatenate([e["y"] for e in m])


def texts():
    return [e["text"] for e in els("plt", 0)]


def zx_ext(r, nx=20, ny=20):
    return extent(r["z"].min(), r["z"].max(), nx) + extent(r["x"].min(), r["x"].max(), ny)


def cells_grid(nx=20, ny=20):
    c = els("pli")[-1]
    return c["z"].reshape(ny + 1, nx + 1).T, c


def pixels_of(rgb):
    """How many pixels of the frame (rendered) have this colour."""
    img = matplotlib.image.imread(io.BytesIO(pg.current_frame()._repr_png_()))
    px = (img[..., :3] * 255).round().astype(int)
    return int(numpy.all(numpy.abs(px - numpy.array(rgb)) <= 2, axis=-1).sum())


def selected(sim, keep, h="z", v="x", source="0"):
    r = sim["ref"][source]
    same_points(*pts(), r[h][keep(r)], r[v][keep(r)])


# ----------------------------------------------------------- selection

SELECTION = {
    "js": lambda s: (pg.ppzx(js=1), root and selected(s, lambda r: slice(None), source="1")),
    "jslist": lambda s: (pg.ppzx(jslist=[0, 1]), root and same_points(
        *pts(), numpy.concatenate([s["ref"]["0"]["z"], s["ref"]["1"]["z"]]),
        numpy.concatenate([s["ref"]["0"]["x"], s["ref"]["1"]["x"]]))),
    "win": lambda s: (pg.ppzx(1, win=numpy.array([[0.0, 0.2, 0.5], [1.0, 0.45, 0.9]])),
                      root and selected(s, lambda r: (r["z"] > 0.2) & (r["z"] < 0.45))),
    "x": lambda s: (pg.ppzy(x=s["s0"]["ux"], xl=0.0),
                    root and selected(s, lambda r: r["ux"] > 0, v="y")),
    "y": lambda s: (pg.ppzx(y=s["s0"]["uy"], yu=0.0), root and selected(s, lambda r: r["uy"] < 0)),
    "z": lambda s: (pg.ppxy(z=s["s0"]["x"] * 1e3, zl=0.5),
                    root and selected(s, lambda r: r["x"] * 1e3 > 0.5, h="x", v="y")),
    "ix": lambda s: (pg.ppzx(ix=4), root and selected(s, lambda r: (r["x"] > -1e-3) & (r["x"] < 1e-3))),
    "wx": lambda s: (pg.ppzx(ix=4, wx=2), root and selected(s, lambda r: (r["x"] > -2e-3) & (r["x"] < 2e-3))),
    "iy": lambda s: (pg.ppzx(iy=3), root and selected(s, lambda r: (r["y"] > -2e-3) & (r["y"] < 2e-3))),
    "wy": lambda s: (pg.ppzx(iy=3, wy=0.5), root and selected(s, lambda r: (r["y"] > -1e-3) & (r["y"] < 1e-3))),
    "iz": lambda s: (pg.ppzx(iz=5), root and selected(s, lambda r: (r["z"] > 0.5) & (r["z"] < 0.7))),
    "wz": lambda s: (pg.ppzx(iz=5, wz=2), root and selected(s, lambda r: (r["z"] > 0.4) & (r["z"] < 0.8))),
    "xl": lambda s: (pg.ppzx(xl=0.0), root and selected(s, lambda r: r["x"] > 0)),
    "xu": lambda s: (pg.ppzx(xu=0.0), root and selected(s, lambda r: r["x"] < 0)),
    "yl": lambda s: (pg.ppzx(yl=1e-3), root and selected(s, lambda r: r["y"] > 1e-3)),
    "yu": lambda s: (pg.ppzx(yu=1e-3), root and selected(s, lambda r: r["y"] < 1e-3)),
    "zl": lambda s: (pg.ppzx(zl=0.3), root and selected(s, lambda r: r["z"] > 0.3)),
    "zu": lambda s: (pg.ppzx(zu=0.3), root and selected(s, lambda r: r["z"] < 0.3)),
    "zc": lambda s: (pg.ppzx(zc=0.5), root and selected(s, lambda r: (r["z"] > 0.4) & (r["z"] < 0.6))),
    "xc": lambda s: (pg.ppzx(xc=1e-3), root and selected(s, lambda r: (r["x"] > 0) & (r["x"] < 2e-3))),
    "yc": lambda s: (pg.ppzx(yc=2e-3, wy=1), root and selected(s, lambda r: (r["y"] > 0) & (r["y"] < 4e-3))),
    "ssn": lambda s: (pg.ppzx(ssn=[3, 200005]), root and selected(s, lambda r: numpy.isin(r["pid"][:, 0], [3, 200005]))),
    "ssnid": lambda s: (pg.ppzx(ssn=7, ssnid=2), root and selected(s, lambda r: r["pid"][:, 1] == 7)),
    "ii": lambda s: (pg.ppzx(ii=numpy.arange(0, s["s0"]["x"].size, 4)), root and selected(
        s, lambda r: numpy.concatenate([numpy.arange(n) % 4 == 0 for n in s["sizes"]]))),
    "lost": lambda s: (pg.ppzx(lost=1), root and selected(s, lambda r: slice(None), source="lost")),
    "suffix": lambda s: (pg.ppzx(suffix="old"), root and selected(s, lambda r: slice(None), source="old")),
    "object": lambda s: (pg.ppzx(object=dict(s["s1"])), root and selected(s, lambda r: slice(None), source="1")),
    "pgroup": lambda s: (pg.ppzx(pgroup=pg.ParticleArrays(**s["s1"])),
                         root and selected(s, lambda r: slice(None), source="1")),
    "w3dobject": lambda s: (pg.ppzx(ix=1, w3dobject=pg.FieldGrid(4, 4, ny=4, xmmin=-2e-3, xmmax=2e-3)),
                            root and selected(s, lambda r: (r["x"] > -2e-3) & (r["x"] < 0))),
    "checkargs": lambda s: _checkargs(),
    "allowbadargs": lambda s: (pg.ppzx(allowbadargs=1, notwarps=3), root and selected(s, lambda r: slice(None))),
    "iw": lambda s: (pg.ppzx(2), root and selected(s, lambda r: (r["z"] > 0.4) & (r["z"] < 0.7))),
    "slopejs": lambda s: _slopejs(s),
}


def _checkargs():
    bad = pg.ppzx(checkargs=1, notwarps=3, zl=0.1)
    assert bad == {"notwarps": 3}
    assert not els("plg")


def _slopejs(s):
    pg.ppxxp(slope="auto", slopejs=1)
    if root:
        r1, r0 = s["ref"]["1"], s["ref"]["0"]
        c = numpy.cov(r1["x"], r1["xp"], bias=True)
        slope = c[0, 1] / c[0, 0]
        x = r0["x"] - r1["x"].mean()
        same_points(*pts(), x, r0["xp"] - slope * x - r1["xp"].mean(), rtol=1e-7)


# ------------------------------------------------------------ ppgeneric

def _grid_case(kw, transform=lambda g, r: g, nx=20, ny=20, weights="w", zz=None):
    def check(s):
        res = pg.ppzx(cellarray=1, nx=nx, ny=ny, **kw)
        if root:
            r = s["ref"]["0"]
            ext = zx_ext(r, nx, ny)
            w = weights(r) if callable(weights) else r[weights]
            ref = transform(node_grid(r["z"], r["x"], nx, ny, ext, w=w, z=None if zz is None else r[zz]), r)
            got, _c = cells_grid(nx, ny)
            close(got, ref)
        return res
    return check


def _returned_grid(kw, transform, nx=20, ny=20, h="z", v="x", plot="ppzx"):
    def check(s):
        got = getattr(pg, plot)(returngrid=1, cellarray=1, nx=nx, ny=ny, **kw)
        r = s["ref"]["0"]
        if root:
            ext = extent(r[h].min(), r[h].max(), nx) + extent(r[v].min(), r[v].max(), ny)
            assert got[1:] == pytest.approx(ext)
            close(got[0], transform(node_grid(r[h], r[v], nx, ny, ext, w=r["w"]), ext))
    return check


def _bounds(kind, axis):
    def t(g, ext):
        g = g.copy()
        if axis == 0:
            a, b = (slice(0, 1), slice(None)), (slice(-1, None), slice(None))
        else:
            a, b = (slice(None), slice(0, 1)), (slice(None), slice(-1, None))
        if kind == 1:
            g[a] *= 2
            g[b] *= 2
        else:
            g[a] += g[b]
            g[b] = g[a]
        return g
    return t


def _cylindrical(g, ext):
    zmin, zmax, rmin, rmax = ext
    dz, dr = (zmax - zmin) / 20, (rmax - rmin) / 20
    cd = 1.0 / (2 * numpy.pi * (numpy.arange(21) * dr + rmin) * dr * dz)
    return g * cd[None, :]


def _points(kw, h="x", v="xp", fx=lambda r: r["x"], fy=lambda r: r["xp"], plot="ppxxp"):
    def check(s):
        getattr(pg, plot)(**kw)
        if root:
            r = s["ref"]["0"]
            same_points(*pts(), fx(r), fy(r), rtol=1e-9)
    return check


def _given_grid(key):
    def check(s):
        g = numpy.arange(30.0).reshape(6, 5)
        pg.ppgeneric(**{key: g if key == "grid" else g.T})
        if root:
            c = els("pli")[-1]
            assert (c["nx"], c["ny"]) == (6, 5)
            numpy.testing.assert_array_equal(c["z"].reshape(5, 6).T, g)
            assert c["box"] == (0, 0, 6, 5)   # node centring: 5 x 4 cells, one more node-cell
    return check


def _titles(key):
    def check(s):
        pg.ppzx(**{key: "the " + key})
        if root:
            assert "the " + key in texts()
    return check


def _color(s):
    pg.ppzx(color="blue")
    if root:
        assert all(e["color"] == parse_color("blue") for e in els("plg"))
        assert pixels_of((0, 0, 255)) > 100


def density_at(r):
    """Warp's density grid of ppzx and its value at each particle (getgrid2d)."""
    ext = zx_ext(r)
    grid = node_grid(r["z"], r["x"], 20, 20, ext, w=r["w"])
    gx = (r["z"] - ext[0]) * 20 / (ext[1] - ext[0])
    gy = (r["x"] - ext[2]) * 20 / (ext[3] - ext[2])
    ix, iy = numpy.floor(gx).astype(int), numpy.floor(gy).astype(int)
    wx, wy = gx - ix, gy - iy
    return grid, (grid[ix, iy] * (1 - wx) * (1 - wy) + grid[ix + 1, iy] * wx * (1 - wy) +
                  grid[ix, iy + 1] * (1 - wx) * wy + grid[ix + 1, iy + 1] * wx * wy)


def _density_colours(kw, check_colour=None):
    def check(s):
        pg.ppzx(color="density", **kw)
        if root:
            r = s["ref"]["0"]
            grid, d = density_at(r)
            ncolor = kw.get("ncolor", 5)
            lo, hi = grid.min(), grid.max()
            dd = (hi - lo) / ncolor
            bands = [(lo + k * dd < d) & (d < lo + (k + 1) * dd) for k in range(ncolor)]
            bands = [b for b in bands if b.any()]
            m = els("plg")
            assert len(m) == len(bands)
            for e, b in zip(m, bands):
                # The density is the deposition's (fixed point): a particle on a
                # band's edge may fall either side; allow 1%.
                assert abs(e["x"].size - b.sum()) <= max(2, 0.01 * b.sum())
            if check_colour:
                check_colour(m, ncolor)
    return check


def _palette_colours(npalette):
    def check(m, ncolor):
        top = min(npalette, pg._core.palette_size()) - 1
        for k, e in enumerate(m):
            assert e["color"][0] == "index"
    return check


def _named_colours(m, ncolor):
    names = ["red", "green", "blue", "cyan", "magenta", "yellow"]
    assert all(e["color"] == parse_color(names[k % 6]) for k, e in enumerate(m))


def _denfilter(kw, keep):
    def check(s):
        res = pg.ppzx(**kw)
        if root:
            r = s["ref"]["0"]
            grid, d = density_at(r)
            d = d / grid.max()
            k = keep(d)
            got = pts()[0].size
            assert abs(got - k.sum()) <= max(2, 0.01 * k.sum()), (got, k.sum())
        return res
    return check


def _chopped(s):
    all_ = pg.ppzx(chopped=1e6)["points"]
    assert all_ == s["n"]
    some = pg.ppzx(chopped=0.2, seed=3)["points"]
    assert 0 < some < s["n"]


def _hash(kw, width=1.0, color="fg", scale=0.9):
    def check(s):
        pg.ppzx(hash=1, nx=6, ny=5, **kw)
        if root:
            r = s["ref"]["0"]
            ext = zx_ext(r, 6, 5)
            grid = node_grid(r["z"], r["x"], 6, 5, ext, w=r["w"])
            d = els("pldj")[-1]
            xm = ext[0] + (ext[1] - ext[0]) / 6 * numpy.arange(7)[:, None] * numpy.ones(6)
            numpy.testing.assert_allclose(d["x0"], xm.ravel())
            sss = scale * (ext[1] - ext[0]) / 6 / (grid.max() - grid.min())
            numpy.testing.assert_allclose(d["x1"] - d["x0"], sss * grid.ravel(), atol=3e-3 * sss * grid.max())
            assert d["width"] == width and d["color"] == parse_color(color)
    return check


def _contours(kw, levels):
    def check(s):
        pg.ppzx(nx=10, ny=10, **kw)
        if root:
            r = s["ref"]["0"]
            grid = node_grid(r["z"], r["x"], 10, 10, zx_ext(r, 10, 10), w=r["w"])
            c = els("plc")[-1]
            numpy.testing.assert_allclose(c["levels"], levels(grid), rtol=3e-3)
            close(c["z"].reshape(11, 11), grid.T)
            return c
    return check


def _ccolor(s):
    c = _contours({"contours": 3, "ccolor": "red"}, lambda g: g.min() + numpy.arange(1, 4) * (g.max() - g.min()) / 4)(s)
    if root:
        assert c["color"] == parse_color("red")


def _filled(s):
    pg.ppzx(contours=4, filled=1, nx=10, ny=10)
    if root:
        f = els("plf")[-1]
        r = s["ref"]["0"]
        g = node_grid(r["z"], r["x"], 10, 10, zx_ext(r, 10, 10), w=r["w"]).T
        zone = 0.25 * (g[1:, 1:] + g[:-1, 1:] + g[1:, :-1] + g[:-1, :-1])
        levs = g.min() + numpy.arange(1, 5) * (g.max() - g.min()) / 5
        band = numpy.searchsorted(levs, zone, side="right")
        agree = (f["z"].reshape(11, 11)[1:, 1:] == band).mean()  # Gist keeps zones at [1:, 1:]
        assert agree > 0.97, agree  # zones on a level's edge may go either way (fixed point)


def _centering(kind, box):
    def check(s):
        pg.ppzx(cellarray=1, centering=kind)
        if root:
            ext = zx_ext(s["ref"]["0"])
            dx, dy = (ext[1] - ext[0]) / 20, (ext[3] - ext[2]) / 20
            assert els("pli")[-1]["box"] == pytest.approx(box(ext, dx, dy))
    return check


def _ctop(s):
    pg.ppzx(cellarray=1, ctop=99)
    if root:
        c = els("pli")[-1]
        n = pg._core.palette_size()
        assert c["cmax"] == pytest.approx(c["cmin"] + (c["z"].max() - c["cmin"]) * (n - 1) / 99)


def _view(s):
    pg.ppzx(view=4)
    if root:
        assert pts(4)[0].size == s["n"] and pts(1)[0].size == 0


def _lcolorbar(value):
    def check(s):
        pg.ppzx(cellarray=1, lcolorbar=value)
        if root:
            assert len(els("pli", 0)) == value   # the bar is a cell array in NDC
    return check


def _colorbar_labels(kw, expect):
    def check(s):
        pg.ppzx(**kw)
        if root:
            labels = [t.strip() for t in texts()]
            assert expect(labels), labels
    return check


def _flip(axis):
    def check(s):
        pg.ppzx(cellarray=1, **{("flipxaxis", "flipyaxis")[axis]: 1})
        if root:
            ext = zx_ext(s["ref"]["0"])
            b = els("pli")[-1]["box"]
            d = ((ext[1] - ext[0]) / 20, (ext[3] - ext[2]) / 20)
            lo, hi = (b[0], b[2]) if axis == 0 else (b[1], b[3])
            assert (lo, hi) == pytest.approx((-ext[2 * axis], -ext[2 * axis + 1] - d[axis]))
    return check


def _coffset(key):
    def check(s):
        pg.ppzx(contours=3, nx=6, ny=5, **{key: 0.25})
        if root:
            ext = zx_ext(s["ref"]["0"], 6, 5)
            c = els("plc")[-1]
            if key == "xcoffset":
                xm = ext[0] + (ext[1] - ext[0]) / 6 * numpy.arange(7) + 0.25
                numpy.testing.assert_allclose(c["x"].reshape(6, 7)[0], xm)
            else:
                ym = ext[2] + (ext[3] - ext[2]) / 5 * numpy.arange(6) + 0.25
                numpy.testing.assert_allclose(c["y"].reshape(6, 7)[:, 0], ym)
    return check


def _mesh(key):
    def check(s):
        mesh = numpy.linspace(0, 1, 21) ** 2
        pg.ppzx(cellarray=1, **{key: mesh})
        if root:
            f = els("plf")[-1]
            assert (f["ni"], f["nj"]) == (21, 21)
            xy = (f["x"] if key == "xmesh" else f["y"]).reshape(21, 21)
            numpy.testing.assert_allclose(xy[:, 0] if key == "xmesh" else xy[0], mesh)
    return check


def _ireg(s):
    ireg = numpy.ones((21, 21), int)
    ireg[:10] = 0
    pg.ppzx(contours=4, ireg=ireg)
    if root:
        numpy.testing.assert_array_equal(els("plc")[-1]["ireg"], ireg.T.ravel())


def _lframe(s):
    pg.ppzx(lframe=1)
    if root:
        lim = pg.limits()
        assert lim[:4] == pytest.approx((0 + ZBEAM, 1 + ZBEAM, -3e-3, 3e-3))


def _pplimits(s):
    r = pg.ppzx(pplimits=(0.2, 0.6, -1e-3, 1e-3), cellarray=1, nx=8, ny=8)
    assert r["view"] == (0.2, 0.6, -1e-3, 1e-3)
    if root:
        rr = s["ref"]["0"]
        ext = (0.2, 0.6, -1e-3, 1e-3)
        inside = (rr["z"] >= 0.2) & (rr["z"] <= 0.6) & (rr["x"] >= -1e-3) & (rr["x"] <= 1e-3)
        close(cells_grid(8, 8)[0], node_grid(rr["z"][inside], rr["x"][inside], 8, 8, ext, w=rr["w"][inside]))
        assert pg.limits()[:4] == pytest.approx(ext)


def _height(s):
    pg.ppzx(height=11)
    if root:
        assert all(e["height"] == 11 for e in els("plt", 0) if e["text"] in ("X vs Z", "Z", "X"))


def _local(s):
    r = pg.ppzx(local=1)
    if root:
        assert r["selected"] == s["s0"]["x"].size
        same_points(*pts(), s["s0"]["z"], s["s0"]["x"])
    else:
        assert r is None


def _not_available(key):
    def check(s):
        msg = raised_everywhere(lambda: pg.ppzx(**{key: 1}), NotImplementedError)
        assert key in msg
    return check


def _particles(s):
    res = pg.ppzx(cellarray=1, particles=1)
    assert res["layers"][:2] == ["cellarray", "scatter"]
    if root:
        selected(s, lambda r: slice(None))


def _marker(s):
    pg.ppzx(marker="\2", msize=2.5)
    if root:
        assert all(e["marker"] == 2 and e["msize"] == 2.5 for e in els("plg"))


GENERIC = {
    "zz": lambda s: _grid_case({"zz": s["s0"]["ez"]}, zz="ez")(s),
    "weights": lambda s: _grid_case({"weights": numpy.full(s["s0"]["x"].size, 2.0)},
                                    weights=lambda r: numpy.full(r["x"].size, 2.0))(s),
    "grid": _given_grid("grid"),
    "gridt": _given_grid("gridt"),
    "nx": _grid_case({}, nx=13),
    "ny": _grid_case({}, ny=7),
    "slope": _points({"slope": 3.0}, fy=lambda r: r["xp"] - 3.0 * r["x"]),
    "xoffset": _points({"xoffset": 1e-3}, fx=lambda r: r["x"] - 1e-3),
    "yoffset": _points({"yoffset": 1e-3}, fy=lambda r: r["xp"] - 1e-3),
    "offset": _points({"offset": 2e-3}, fy=lambda r: r["xp"] - 2e-3),
    "xscale": _points({"xscale": 1e3}, fx=lambda r: r["x"] * 1e3),
    "yscale": _points({"yscale": 1e3}, fy=lambda r: r["xp"] * 1e3),
    "titles": lambda s: (pg.ppzx(titles=0), ok(lambda: not any(t in texts() for t in ("X vs Z", "Z", "X")))),
    "titlet": _titles("titlet"),
    "titleb": _titles("titleb"),
    "titlel": _titles("titlel"),
    "titler": _titles("titler"),
    "height": _height,
    "lframe": _lframe,
    "xmin": lambda s: _extent_case(s, "xmin", 0.1),
    "xmax": lambda s: _extent_case(s, "xmax", 0.9),
    "ymin": lambda s: _extent_case(s, "ymin", -2e-3),
    "ymax": lambda s: _extent_case(s, "ymax", 2e-3),
    "pplimits": _pplimits,
    "particles": _particles,
    "uselog": _grid_case({"uselog": 1}, transform=lambda g, r: numpy.log(numpy.maximum(g, 0.1))),
    "logmin": _grid_case({"uselog": 10, "logmin": 2.0},
                         transform=lambda g, r: numpy.log10(numpy.maximum(g, 2.0))),
    "color": _color,
    "ncolor": _density_colours({"ncolor": 3}),
    "usepalette": _density_colours({"usepalette": 0}, _named_colours),
    "npalette": _density_colours({"npalette": 50}, _palette_colours(50)),
    "marker": _marker,
    "msize": _marker,
    "denmin": _denfilter({"denmin": 0.5}, lambda d: d > 0.5),
    "denmax": _denfilter({"denmax": 0.5}, lambda d: d < 0.5),
    "chopped": _chopped,
    "hash": _hash({}),
    "line_scale": _hash({"line_scale": 0.5}, scale=0.5),
    "hcolor": _hash({"hcolor": "green"}, color="green"),
    "width": _hash({"width": 3.0}, width=3.0),
    "contours": _contours({"contours": 4}, lambda g: g.min() + numpy.arange(1, 5) * (g.max() - g.min()) / 5),
    "filled": _filled,
    "ccolor": _ccolor,
    "leveloverlap": lambda s: (pg.ppzx(contours=4, filled=1, leveloverlap=0.1), ok(lambda: len(els("plf")) == 1)),
    "cellarray": _grid_case({}),
    "centering": _centering("cell", lambda e, dx, dy: (e[0] - dx / 2, e[2] - dy / 2, e[1] + dx / 2, e[3] + dy / 2)),
    "ctop": _ctop,
    "cmin": lambda s: (pg.ppzx(cellarray=1, cmin=5.0), ok(lambda: els("pli")[-1]["cmin"] == 5.0)),
    "cmax": lambda s: (pg.ppzx(cellarray=1, cmax=50.0, ctop=pg._core.palette_size() - 1),
                       ok(lambda: els("pli")[-1]["cmax"] == 50.0)),
    "ireg": _ireg,
    "xbound": _returned_grid({"xbound": pg.neumann}, _bounds(1, 0)),
    "ybound": _returned_grid({"ybound": pg.periodic}, _bounds(2, 1)),
    "ldensityscale": _grid_case({"ldensityscale": True}, transform=lambda g, r: g / g.max()),
    "ldensitycylindrical": _returned_grid({"ldensitycylindrical": True}, _cylindrical, h="z", v="r", plot="ppzr"),
    "gridscale": _grid_case({"gridscale": 2.5}, transform=lambda g, r: 2.5 * g),
    "flipxaxis": _flip(0),
    "flipyaxis": _flip(1),
    "xcoffset": _coffset("xcoffset"),
    "ycoffset": _coffset("ycoffset"),
    "view": _view,
    "lcolorbar": _lcolorbar(0),
    "colbarunitless": _colorbar_labels({"cellarray": 1, "colbarunitless": 1}, lambda l: "0" in l and "1" in l),
    "colbarlinear": _colorbar_labels({"contours": [5.0, 10.0, 40.0], "filled": 1, "colbarlinear": 0},
                                     lambda l: {"5", "10", "40"} <= set(l)),
    "surface": _not_available("surface"),
    "xmesh": _mesh("xmesh"),
    "ymesh": _mesh("ymesh"),
    "withbends": _not_available("withbends"),
    "returngrid": _returned_grid({}, lambda g, e: g),
    "local": _local,
}


def _extent_case(s, key, value):
    """One side of the grid given: the other side of that axis is the data's
    extreme (Warp widens only when both are automatic)."""
    res = pg.ppzx(cellarray=1, **{key: value})
    if root:
        r = s["ref"]["0"]
        e = list(zx_ext(r))
        k = ("xmin", "xmax", "ymin", "ymax").index(key)
        data = (r["z"], r["x"])[k // 2]
        e[k] = value
        e[k ^ 1] = data.max() if k % 2 == 0 else data.min()
        assert res["view"] == pytest.approx(tuple(e))
        inside = (r["z"] >= e[0]) & (r["z"] <= e[1]) & (r["x"] >= e[2]) & (r["x"] <= e[3])
        close(cells_grid()[0], node_grid(r["z"][inside], r["x"][inside], 20, 20, e, w=r["w"][inside]))


def ok(condition):
    """Assert on rank 0 (condition: a function, run there only)."""
    if root:
        assert condition()


TABLE = dict(SELECTION, **GENERIC)


def test_the_table_covers_every_keyword():
    warp = set(_ppoptions.DEFAULTS) | set(_ppselect.SELECT_KEYWORDS)
    assert len(warp) == 100
    assert warp | {"iw", "slopejs"} == set(TABLE)


@pytest.mark.parametrize("key", sorted(TABLE))
def test_keyword(sim, key):
    sim["sizes"] = parallel.gatherall(sim["s0"]["x"].size)
    TABLE[key](sim)


def test_unknown_and_unsupported_raise_everywhere(sim):
    bad = {"colr": "red"} if parallel.me == parallel.npes - 1 else {}
    msg = raised_everywhere(lambda: pg.ppxxp(**bad), TypeError)
    assert "colr" in msg
    raised_everywhere(lambda: pg.ppzx(js=7), LookupError)
    raised_everywhere(lambda: pg.ppzx(iw=9), ValueError)
    raised_everywhere(lambda: pg.ppzx(centering="middle"), ValueError)
    raised_everywhere(lambda: pg.pcphizx(solver=object()), LookupError)
    r = pg.ppzx()               # everything still works afterwards
    assert r["selected"] == sim["n"]
