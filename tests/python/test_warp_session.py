"""Warp's plotting session (setup, winon, fma/hcp with the run's legend,
titles, Warp's style and colour bar, pla/plp, plotc, setviewport), the
rest of parallel.py, and the pc* field plots of a registered decomposed
field against the assembled global array."""

import os

import numpy
import pytest

import pargist as pg
from pargist import parallel

from conftest import raised_everywhere
from warp_setup import MESH, NX, NY, NZ, global_phi, register

root = parallel.me == 0


@pytest.fixture
def sim(rng):
    out = register(rng)
    yield out
    pg.clear_sources()


def els(kind, system=None):
    if not root:
        return []
    return [e for e in pg.current_frame().elements(system) if e["kind"] == kind]


def texts():
    return [e["text"] for e in els("plt", 0)]


# ---------------------------------------------------------------- session

def test_setup_writes_a_numbered_cgm_family_and_log(sim, outdir):
    prefix = os.path.join(outdir, "run")
    name = pg.setup(prefix=prefix, runcomments="acceptance")
    assert name == prefix + ".000.cgm"          # the same on every rank
    pg.ppzx()
    pg.fma()
    pg.ppxy()
    pg.hcp(legend=0)
    pg.fma(legend=0)
    pg.hcp_finish()
    if root:
        assert os.path.getsize(name) > 0
        log = open(name + "log").read().splitlines()
        assert log[0] == "CGMLOG file for " + name
        assert log[2].startswith("0 1 Step 7")              # the version page
        assert log[3].startswith("0 2 Step 7 X vs Z Z X")
    parallel.barrier()
    second = pg.setup(prefix=prefix, lversiontext=0, cgmlog=0)
    assert second == prefix + ".001.cgm"


def test_fma_legend_and_frame_numbers(sim):
    pg.winon(xon=0)
    pg.ppzx()
    pg.plotruninfo()
    if root:
        t = texts()
        assert "1" in t and any(x.startswith(",  acceptance") for x in t)
    pg.fma(legend=0)
    pg.ppzx()
    if root:
        assert "2" not in texts()
    pg.fma()                              # legend=1 by default in a Warp session
    pg.hcp_file("")                       # (no file: nothing sent)


def test_warp_style_has_sixteen_systems(sim):
    pg.winon(xon=0)
    if root:
        assert pg._core.frame_info()["systems"] == 17
        assert pg._core.system_viewport(9) == pytest.approx((0.1757, 0.6143, 0.6889, 0.8643))
    pg.plsys(9)
    pg.plsys(16)
    pg.ppzx(view=3)
    if root:
        assert els("plg", 3)


def test_titles_where_warp_puts_them(sim):
    pg.winon(xon=0)
    pg.plsys(3)
    pg.settitles("top", "bottom", "left", "right")
    pg.ptitles(height=12)
    if root:
        placed = {e["text"]: (e["x"], e["y"], e["height"]) for e in els("plt", 0)}
        assert placed["top"] == (0.2634, 0.8880, 12)
        assert placed["left"][:2] == (0.1250, 0.7760)
        assert placed["right"][:2] == (0.3950, 0.3750)
    pg.ptitles()                          # settitles' values were used once
    if root:
        assert len(els("plt", 0)) == 4


def test_setviewport_moves_the_view_and_its_titles(sim):
    pg.winon(xon=0)
    vp = pg.setviewport(0.2, 0.5, 0.5, 0.8, view=1)
    if root:
        assert vp == (0.2, 0.5, 0.5, 0.8)
        assert pg._core.system_viewport(1) == (0.2, 0.5, 0.5, 0.8)
    pg.plsys(1)
    pg.ptitles("t")
    if root:
        t = [e for e in els("plt", 0) if e["text"] == "t"][0]
        assert (t["x"], t["y"]) == pytest.approx((0.35, 0.8327))


def test_warps_colorbar(sim):
    pg.winon(xon=0)
    pg.colorbar(0.0, 3.0, uselog=10, ncolor=7, view=1)
    if root:
        bar = els("pli", 0)[-1]
        assert (bar["nx"], bar["ny"]) == (2, 7)
        assert bar["box"] == pytest.approx((0.62, 0.4387, 0.64, 0.8713))
        assert {"10^0", "10^1", "10^2", "10^3"} <= {s.strip() for s in texts()}
    pg.fma(legend=0)
    pg.colorbar(0.0, 1.0, levs=[0.2, 0.5], colbarlinear=0)
    if root:
        assert {"0.2", "0.5"} <= {s.strip() for s in texts()}


def test_pla_plp_plotc_plotfc(sim):
    y = numpy.arange(12.0).reshape(6, 2)
    pg.pla(y)
    pg.plp(numpy.arange(3.0), numpy.arange(3.0) * 2, msize=2)
    z = numpy.outer(numpy.arange(5.0), numpy.ones(4))
    pg.plotc(z, contours=3)
    pg.plotfc(z, contours=3)
    pg.refresh()
    if root:
        curves = els("plg")
        numpy.testing.assert_array_equal(curves[0]["y"], y[:, 0])
        numpy.testing.assert_array_equal(curves[1]["x"], numpy.arange(6.0))
        assert curves[2]["type"] == 0 and curves[2]["msize"] == 2 and curves[2]["marker"] == 1
        c = els("plc")[0]
        numpy.testing.assert_allclose(c["levels"], [1.0, 2.0, 3.0])
        assert els("plf")


# ---------------------------------------------------------------- parallel

def test_point_to_point_and_gathers():
    me, n = parallel.me, parallel.npes
    assert parallel.number_of_PE() == n and parallel.get_rank() == me == parallel.self_address()
    if n > 1:
        if me == 0:
            parallel.mpisend({"a": 1}, 1, tag=5)
            assert parallel.mpirecv(1, 6) == [1, 2]
        elif me == 1:
            assert parallel.mpirecv(0, tag=5) == {"a": 1}
            parallel.mpisend([1, 2], dest=0, tag=6)
    got = parallel.getarray(n - 1, numpy.full(2, me), dest=0)
    if me == 0:
        assert list(got) == [n - 1, n - 1]
    lst = parallel.gatherlist(me * 10, dest=0)
    assert lst == ([10 * k for k in range(n)] if me == 0 or n == 1 else [])
    assert parallel.gatherlist(me, bcast=1) == list(range(n))
    full = parallel.gatherlog(me, dest=0, bcast=1)
    assert full == list(range(n))
    assert parallel.mpiscatter([k * 2 for k in range(n)] if me == 0 else None) == 2 * me
    assert parallel.mpibcast("x" if me == 0 else None) == "x"
    assert parallel.mpiallgather(me) == list(range(n))


def test_global_reductions():
    me, n = parallel.me, parallel.npes
    x = numpy.arange(me * 3, me * 3 + 3, dtype=float)
    everything = numpy.arange(3 * n, dtype=float)
    assert parallel.globalvar(x) == pytest.approx(everything.var(ddof=1))
    assert parallel.globalop(x, lambda a: a.max(), "MAX", -1e36) == 3 * n - 1
    assert parallel.globalop([], lambda a: a.min(), "MIN", 1e36) == (1e36 if n == 1 else 1e36)
    numpy.testing.assert_array_equal(parallel.parallelop(numpy.array([me, -me]), "SUM"),
                                     [sum(range(n)), -sum(range(n))])
    a = numpy.zeros(n)
    a[me] = me + 1
    numpy.testing.assert_array_equal(parallel.parallelnonzeroarray(a), numpy.arange(1, n + 1))
    parallel.aprint([me])
    parallel.DisableAll()
    parallel.EnableAll()


# ---------------------------------------------------------------- pc* plots

def _plane_cells():
    c = els("pli")[-1]
    return c["z"].reshape(c["ny"], c["nx"]).T


@pytest.mark.parametrize("call,plane", [
    (lambda: pg.pcphizx(cellarray=1, contours=None), lambda g: g[:, 3, :].T),          # iy = the node of y=0
    (lambda: pg.pcphizy(2, cellarray=1, contours=None), lambda g: g[2, :, :].T),
    (lambda: pg.pcphixy(iz=4, cellarray=1, contours=None), lambda g: g[:, :, 4]),
    (lambda: pg.pcrhozx(iy=1, cellarray=1, contours=None), lambda g: -g[:, 1, :].T),
    (lambda: pg.pcselfexy("E", iz=7, cellarray=1, contours=None),
     lambda g: numpy.sqrt(sum(c ** 2 for c in numpy.meshgrid(*(numpy.arange(n + 1.0) for n in (NX, NY)),
                                                             indexing="ij")) + 49)),
])
def test_pc_plane_equals_the_global_field(sim, call, plane):
    r = call()
    if root:
        numpy.testing.assert_allclose(_plane_cells(), plane(global_phi()))
        assert r["drawn"] == "cellarray"


def test_pc_defaults_are_warps(sim):
    r = pg.pcphizx()                        # 20 contour lines, z in the lab frame
    if root:
        c = els("plc")[-1]
        g = global_phi()[:, 3, :]
        numpy.testing.assert_allclose(c["levels"], g.min() + numpy.arange(1, 21) * (g.max() - g.min()) / 21)
        assert r["view"][:2] == pytest.approx((MESH["zmmin"] + 0.1, MESH["zmmax"] + 0.1))
        assert "Electrostatic potential in z-x plane" in texts() and "iy = 3" in texts()


def test_pc_vectors_limits_and_local(sim):
    r = pg.pcselfezx("z", vec=1, sz=2)
    if root:
        arrows = els("plv")[-1]
        assert arrows["vx"].size == ((NZ // 2) + 1) * (NX + 1)
    pg.fma(legend=0)
    pg.pcphizx(cellarray=1, contours=None, xplmin=0.3, xplmax=0.7)
    if root:
        assert pg.limits()[:2] == pytest.approx((0.3, 0.7))
    pg.fma(legend=0)
    r = pg.pcphixy(iz=0, local=1, cellarray=1, contours=None)
    if root:
        numpy.testing.assert_allclose(_plane_cells(), global_phi()[:, :, 0])
    else:
        assert r is None
    del r


def test_pc_fullplane_mirrors_rz(rng):
    pg.clear_sources()
    rz = pg.FieldGrid(4, 6, xmmin=0.0, xmmax=1.0, zmmin=0.0, zmmax=3.0, geometry="rz", lower=(0, 0))
    field = numpy.arange(35.0).reshape(5, 7)
    block = field if root else field[:, :0]
    if not root:
        rz = pg.FieldGrid(4, 6, xmmin=0.0, xmmax=1.0, zmmin=0.0, zmmax=3.0, geometry="rz", lower=(0, 7))
    pg.register_field("phi", block, rz)
    r = pg.pcphizr(cellarray=1, contours=None)
    assert r["mirrored"] == 0
    pg.fma()
    r = pg.pcphizx(cellarray=1, contours=None)
    assert r["mirrored"] == 1                 # r-z: the plane and its mirror image
    if root:
        boxes = [e["box"] for e in els("pli")]
        assert boxes[1][1] == pytest.approx(-boxes[0][1]) and boxes[1][3] < 0
    raised_everywhere(lambda: pg.pcphixy(), ValueError)
    pg.clear_sources()


# ------------------------------------------------------------ the sample

BINARY_DIR = os.environ.get("PARGIST_BINARY_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "build"))
SOURCE_DIR = os.environ.get("PARGIST_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


@pytest.mark.skipif(parallel.npes > 1, reason="starts its own mpirun from the serial run")
def test_warp_style_sample_under_pargist_python_reads_in_yorick(tmp_path):
    """samples/warp_style.py on 4 ranks of pargist-python: setup(), a step
    loop with ppzx(), ppxxp(iw=0), pcphizx(); Yorick's gist reads every page."""
    import subprocess
    exe = os.path.join(BINARY_DIR, "bin", "pargist-python")
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    run = subprocess.run(["mpirun", "-n", "4", "--oversubscribe", exe,
                          os.path.join(SOURCE_DIR, "samples", "warp_style.py"), "--steps", "10", "--every", "5",
                          "--particles", "40000", "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=180, env=env, cwd=str(tmp_path))
    assert run.returncode == 0, run.stderr
    cgm = tmp_path / "warpstyle.000.cgm"
    assert f"warp_style: wrote {cgm}" in run.stdout
    log = (tmp_path / "warpstyle.000.cgmlog").read_text().splitlines()
    assert [line.split()[3] for line in log[2:]] == ["0", "5", "5", "5", "10", "10", "10"]
    gist = subprocess.run(["gist", str(cgm), "-b", "-ps", str(tmp_path / "pages.ps")],
                          capture_output=True, text=True, timeout=120, cwd=str(tmp_path))
    said = gist.stdout + gist.stderr
    assert gist.returncode == 0 and "WARNING" not in said.upper(), said
    assert (tmp_path / "pages.ps").read_text(errors="replace").count("%%Page:") == 7


# ------------------------------------------------ registered from C++

def test_species_and_fields_registered_in_cxx(rng):
    """What a C++ host registers with pp::register_species / register_field
    is what ppzx() and pcphizx() plot (numpy views of the host's memory)."""
    from pargist import _core
    from conftest import gathered
    from warp_reference import same_points
    pg.clear_sources()
    n = 50 + 10 * parallel.me
    x, z = rng.normal(size=n), rng.uniform(size=n)
    assert _core.register_species_views({"x": x, "z": z}) == 0
    assert list(pg.sources.registered_species()) == [0]
    r = pg.ppzx()
    assert r["selected"] == sum(parallel.gatherall(n))
    gx, gz = gathered(x), gathered(z)
    if root:
        same_points(*[numpy.concatenate([e[k] for e in els("plg")]) for k in ("x", "y")], gz, gx)
    full = global_phi()
    bounds = numpy.linspace(0, NZ, parallel.npes + 1).astype(int)
    z0, z1 = int(bounds[parallel.me]), int(bounds[parallel.me + 1])
    mesh = {"geometry": "xyz", "n": [NX, NY, NZ], "min": [MESH["xmmin"], MESH["ymmin"], MESH["zmmin"]],
            "max": [MESH["xmmax"], MESH["ymmax"], MESH["zmmax"]]}
    _core.register_field_views("phi", [(full[:, :, z0:z1 + 1], (0, 0, z0))], mesh)
    pg.fma()
    pg.pcphizx(iy=2, cellarray=1, contours=None)
    if root:
        numpy.testing.assert_allclose(_plane_cells(), full[:, 2, :].T)
    with pytest.raises(ValueError, match="unknown quantity"):
        _core.register_species_views({"q": x})
    pg.clear_sources()
    assert not pg.sources.registered_species() and not pg.sources.registered_fields()
