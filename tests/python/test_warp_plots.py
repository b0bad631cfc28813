"""Each of Warp's 60 particle plots, called as a Warp script calls it (no
arrays: the registered species), at 1, 2 and 4 ranks: what rank 0 draws
equals a serial numpy computation on the gathered particles."""

import numpy
import pytest

import pargist as pg
from pargist import parallel

from warp_reference import quantities, same_points
from warp_setup import MASS, gather_species, register

root = parallel.me == 0

# The 60 plots, by how they are checked.
PAIRS = {  # name: (horizontal, vertical) quantities of the markers
    "ppzx": ("z", "x"), "ppzy": ("z", "y"), "ppzr": ("z", "r"), "ppzxp": ("z", "xp"),
    "ppzvx": ("z", "vx"), "ppzyp": ("z", "yp"), "ppzvy": ("z", "vy"), "ppzvz": ("z", "vz"),
    "ppzuz": ("z", "uz"), "ppzvr": ("z", "vr"), "ppzvtheta": ("z", "vtheta"), "ppzvperp": ("z", "vperp"),
    "ppzrp": ("z", "rp"), "ppzke": ("z", "ke"), "ppexey": ("ex", "ey"), "ppxy": ("x", "y"),
    "ppxxp": ("x", "xp"), "ppyyp": ("y", "yp"), "ppxpyp": ("xp", "yp"), "ppxux": ("x", "ux"),
    "ppxvx": ("x", "vx"), "ppyuy": ("y", "uy"), "ppyvy": ("y", "vy"), "ppxvz": ("x", "vz"),
    "ppyvz": ("y", "vz"), "ppvxvy": ("vx", "vy"), "ppvxvz": ("vx", "vz"), "ppvyvz": ("vy", "vz"),
    "ppvzvperp": ("vz", "vperp"), "pprrp": ("r", "rp"), "pprtp": ("r", "tp"), "pprvr": ("r", "vr"),
    "pprvz": ("r", "vz"),
}
for _c in "xyz":
    for _f in ("ex", "ey", "ez", "bx", "by", "bz"):
        PAIRS[f"pp{_c}{_f}"] = (_c, _f)
OTHERS = ["ppzxy", "pptrace", "ppzxco", "ppzyco", "ppzxyco", "ppzvzco", "ppco", "ppgeneric", "ppvector"]
ALL_PLOTS = sorted(PAIRS) + OTHERS


def test_there_are_sixty_plots_and_the_helpers():
    assert len(ALL_PLOTS) == 60 and len(set(ALL_PLOTS)) == 60
    for name in ALL_PLOTS + ["ppmultispecies", "pptitleright", "ppmoments", "ppg"]:
        assert callable(getattr(pg, name)), name
    assert pg.ppg is pg.ppgeneric


@pytest.fixture
def sim(rng):
    s0, s1, lost = register(rng)
    pg.winon(xon=0)           # Warp's style: views 3-6, 9, 10 exist
    g0 = gather_species(s0)
    ref = quantities(g0, MASS) if root else None
    yield dict(s0=s0, s1=s1, lost=lost, g0=g0, ref=ref)
    pg.clear_sources()


def markers(first=0):
    """The (x, y) of the marker elements drawn, from element `first` on."""
    if not root:
        return []
    els = [e for e in pg.current_frame().elements() if e["kind"] == "plg"][first:]
    return els


def all_markers(system=None):
    if not root:
        return numpy.zeros(0), numpy.zeros(0)
    els = [e for e in pg.current_frame().elements(system) if e["kind"] == "plg"]
    if not els:
        return numpy.zeros(0), numpy.zeros(0)
    return numpy.concatenate([e["x"] for e in els]), numpy.concatenate([e["y"] for e in els])


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_pair_plot(sim, name):
    h, v = PAIRS[name]
    result = getattr(pg, name)()
    n = sum(parallel.gatherall(sim["s0"]["x"].size))
    assert result["selected"] == result["points"] == n
    assert result["drawn"] == "scatter"
    if root:
        ref = sim["ref"]
        gx, gy = all_markers()
        same_points(gx, gy, ref[h], ref[v], rtol=1e-9)
        titles = [e["text"] for e in pg.current_frame().elements(0) if e["kind"] == "plt"]
        assert "z window0 = -9.8900e+01, 9.9100e+01" in titles   # Warp's right title (zbeam 0.1)


def test_ppzxy(sim):
    pg.ppzxy()
    if root:
        ref = sim["ref"]
        same_points(*all_markers(9), ref["z"], ref["x"])
        same_points(*all_markers(10), ref["z"], ref["y"])


def test_pptrace(sim):
    pg.pptrace()
    if root:
        ref = sim["ref"]
        for view, (h, v) in zip((3, 4, 5, 6), (("x", "y"), ("y", "yp"), ("x", "xp"), ("yp", "xp"))):
            same_points(*all_markers(view), ref[h], ref[v])


def warp_index_bands(n, ncolor, nskipcol, nstepcol):
    """Warp's ppzxco loops, as written there: the particle indices drawn in
    each colour, one rank's particles."""
    out = {}
    inp = 1.0 * n / ncolor
    istep = nskipcol * nstepcol
    if inp < istep:
        istep = 1
    for ij in range(1, istep + 1, nskipcol * 2):
        for ic in range(1, ncolor + 1):
            out.setdefault(ic, []).extend(range(ij + int(inp * (ic - 1)), int(inp * ic), istep))
        for ic in range(ncolor, 0, -1):
            out.setdefault(ic, []).extend(range(ij + nskipcol + int(inp * (ic - 1)), int(inp * ic), istep))
    return out


@pytest.mark.parametrize("name,v", [("ppzxco", "x"), ("ppzyco", "y"), ("ppzvzco", "vz")])
def test_colour_by_index(sim, name, v):
    a = dict(sim["s0"])
    a = quantities(a, MASS)
    bands = warp_index_bands(a["z"].size, 5, 5, 10)
    per_rank = parallel.gather({ic: (a["z"][idx], a[v][idx]) for ic, idx in bands.items()
                                if len(idx)})
    r = getattr(pg, name)()
    if root:
        els = markers()
        colours = {}
        for part in per_rank:
            for ic, (zs, vs) in part.items():
                colours.setdefault(ic, ([], []))
                colours[ic][0].append(zs)
                colours[ic][1].append(vs)
        assert len(els) == len(colours)
        for e, ic in zip(els, sorted(colours)):
            zs, vs = (numpy.concatenate(c) for c in colours[ic])
            same_points(e["x"], e["y"], zs, vs)
        assert r["points"] == sum(e["x"].size for e in els)


def test_ppzxyco_in_views_9_and_10(sim):
    pg.ppzxyco()
    if root:
        assert all_markers(9)[0].size > 0 and all_markers(10)[0].size > 0


def test_ppco_bands_of_a_third_quantity(sim):
    s0 = sim["s0"]
    r = pg.ppco(s0["y"], s0["x"], s0["ez"], ncolor=4)
    if root:
        g = sim["g0"]
        lo, hi = g["ez"].min(), g["ez"].max()
        assert (r["cmin"], r["cmax"]) == (lo, hi)
        dd = (hi - lo) / 4
        els = markers()
        kept = [(lo + k * dd < g["ez"]) & (g["ez"] < lo + (k + 1) * dd) for k in range(4)]
        assert len(els) == sum(k.any() for k in kept)
        for e, keep in zip(els, [k for k in kept if k.any()]):
            same_points(e["x"], e["y"], g["x"][keep], g["y"][keep])


def test_ppgeneric_arrays(sim):
    s0 = sim["s0"]
    pg.ppgeneric(s0["ux"], s0["z"])
    if root:
        same_points(*all_markers(), sim["g0"]["z"], sim["g0"]["ux"])


def test_ppvector_arrows(sim):
    gx = numpy.arange(12.0).reshape(4, 3)
    gy = -gx
    r = pg.ppvector(gy, gx, xmin=0.0, xmax=3.0, ymin=0.0, ymax=1.0)
    if root:
        arrows = [e for e in pg.current_frame().elements() if e["kind"] == "plv"][0]
        xm = numpy.linspace(0, 3, 4)[:, None] * numpy.ones(3)
        ym = numpy.ones(4)[:, None] * numpy.linspace(0, 1, 3)
        numpy.testing.assert_allclose(arrows["x"], xm.ravel())   # the arrows' bases at the nodes
        assert ym.size == arrows["x"].size
        assert r["scale"] == pytest.approx(min(1.0, 0.5) / 11.0)


def test_multispecies_and_species_lists(sim):
    g1 = gather_species(sim["s1"])
    r = pg.ppzx(js=-1)                              # one plot per species, each its colour
    assert len(r["species"]) == 2
    if root:
        same_points(*all_markers(), numpy.concatenate([sim["g0"]["z"], g1["z"]]),
                    numpy.concatenate([sim["g0"]["x"], g1["x"]]))
    pg.fma()
    r = pg.ppzx(jslist=[0, 1])                      # both species in one plot
    assert r["selected"] == sum(parallel.gatherall(sim["s0"]["x"].size + sim["s1"]["x"].size))
    pg.fma()
    pg.ppzx(js=1)
    if root:
        same_points(*all_markers(), g1["z"], g1["x"])


def test_helpers(sim):
    assert pg.pptitleright(iw=1) == "z window1 = 1.0000e-01, 4.0000e-01"
    assert pg.pptitleright(zl=0.2, zu=0.3) == "z range (2.0000e-01, 3.0000e-01)"
    assert pg.pptitleright(iw=-2) == "subset 2: 20 particles"
    pg.ppmoments("emittance 1.2 mm mrad")
    if root:
        texts = [e for e in pg.current_frame().elements(0) if e["kind"] == "plt"]
        assert texts[-1]["text"] == "emittance 1.2 mm mrad" and texts[-1]["height"] == 12
