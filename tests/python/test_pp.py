"""pp* plots of this rank's arrays (no registered source): Warp's node
density against numpy on the gathered particles, the scatter cap, the
selections, the view, local=1."""

import numpy
import pytest

import pargist as pg
from pargist import parallel

from conftest import gathered
from warp_reference import close, extent, node_grid, same_points

root = parallel.me == 0


class Beam:
    """A Warp-like species: accessors getz(), getx()... over this rank's arrays."""

    def __init__(self, rng, n):
        self.z = rng.normal(0, 1, n)
        self.x, self.y = rng.normal(0, 1e-3, n), rng.normal(0, 2e-3, n)
        self.vx, self.vy = rng.normal(0, 1e3, n), rng.normal(0, 1e3, n)
        self.vz = rng.normal(1e6, 1e4, n)

    def __getattr__(self, name):
        if name.startswith("get") and name[3:] in self.__dict__:
            return lambda: self.__dict__[name[3:]]
        raise AttributeError(name)


def drawn(kind):
    if not root:
        return []
    return [e for e in pg.current_frame().elements() if e["kind"] == kind]


@pytest.mark.parametrize("name", ["ppzx", "ppzy", "ppxy", "ppzvz", "ppxvx", "ppvxvy", "ppvzvperp", "pprrp"])
def test_object_with_getters(name, rng):
    beam = Beam(rng, 500)
    result = getattr(pg, name)(particles=beam)
    assert result["drawn"] == "scatter"
    assert result["selected"] == result["points"] == 500 * parallel.npes
    if root:
        assert sum(e["x"].size for e in drawn("plg")) == 500 * parallel.npes


def test_density_is_warps_node_grid(rng):
    n = 20000 + 5000 * parallel.me
    z, x = rng.normal(size=n), rng.normal(size=n)
    result = pg.ppzx(z=z, x=x, cellarray=1, nx=40, ny=30, lcolorbar=0)
    gz, gx = gathered(z), gathered(x)
    assert result["drawn"] == "cellarray"
    if root:
        ext = extent(gz.min(), gz.max(), 40) + extent(gx.min(), gx.max(), 30)
        assert result["view"] == pytest.approx(ext, rel=1e-12)
        cells = drawn("pli")[0]
        assert (cells["nx"], cells["ny"]) == (41, 31)
        close(cells["z"].reshape(31, 41).T, node_grid(gz, gx, 40, 30, ext))
        dx, dy = (ext[1] - ext[0]) / 40, (ext[3] - ext[2]) / 30
        assert cells["box"] == pytest.approx((ext[0], ext[2], ext[1] + dx, ext[3] + dy))


def test_fixed_limits_are_the_deposition_view(rng):
    z, x = rng.normal(size=10000), rng.normal(size=10000)
    pg.limits(-1, 1, -0.5, 0.5)     # as a zoom in the live window would leave them
    result = pg.ppzx(z=z, x=x, cellarray=1, nx=16, ny=8)
    gz, gx = gathered(z), gathered(x)
    assert result["view"] == (-1, 1, -0.5, 0.5)
    if root:
        inside = (gz >= -1) & (gz <= 1) & (gx >= -0.5) & (gx <= 0.5)
        assert result["selected"] == int(inside.sum())
        close(drawn("pli")[0]["z"].reshape(9, 17).T, node_grid(gz, gx, 16, 8, (-1, 1, -0.5, 0.5)))
    pg.limits()
    via_pplimits = pg.ppzx(z=z, x=x, pplimits=(0, 2, 0, 1), cellarray=1, nx=4, ny=4)
    assert via_pplimits["view"] == (0, 2, 0, 1)


def test_scatter_cap_and_subsets(rng):
    n = 3000
    z, x = rng.normal(size=n), rng.normal(size=n)
    total = n * parallel.npes
    under = pg.ppzx(z=z, x=x, maxpoints=total)
    assert under["drawn"] == "scatter" and under["points"] == total
    over = pg.ppzx(z=z, x=x, maxpoints=total - 1)
    assert over["drawn"] == "cellarray" and over["points"] == 0 and over["fallback"] == "density"
    assert over["bytes_to_root"] == 101 * 101 * 8
    thin = pg.ppzx(z=z, x=x, iw=-1000, maxpoints=total - 1)   # beyond Warp's 3 subsets: -iw particles
    assert thin["drawn"] == "scatter" and thin["points"] == 1000
    warp_subset = pg.ppzx(z=z, x=x, iw=-3)                     # Warp's npplot[2] = 5000
    assert warp_subset["points"] == min(5000, total)
    if root:
        assert drawn("plg")[-1]["x"].size == min(5000, total)


def test_selection_keywords_against_numpy(rng):
    n = 4000
    beam = Beam(rng, n)
    ii = numpy.arange(0, n, 5)
    cases = [dict(zl=-0.5, zu=1.0), dict(xl=0.0), dict(yu=1e-3, yl=-1e-3), dict(ii=ii),
             dict(zl=0.0, ii=ii)]
    gz, gx, gy = gathered(beam.z), gathered(beam.x), gathered(beam.y)
    gidx = gathered(numpy.arange(n))
    for sel in cases:
        result = pg.ppxy(particles=beam, maxpoints=10 ** 6, **sel)
        if root:
            keep = numpy.ones(gz.size, bool)
            if "zl" in sel:
                keep &= gz > sel["zl"]
            if "zu" in sel:
                keep &= gz < sel["zu"]
            if "xl" in sel:
                keep &= gx > sel["xl"]
            if "yl" in sel:
                keep &= (gy > sel["yl"]) & (gy < sel["yu"])
            if "ii" in sel:
                keep &= numpy.isin(gidx, ii)
            assert result["selected"] == int(keep.sum()), sel
            pts = drawn("plg")[-1]
            same_points(pts["x"], pts["y"], gx[keep], gy[keep])


def test_contours_weights_zz_uselog(rng):
    z, x = rng.normal(size=5000), rng.normal(size=5000)
    w = numpy.abs(rng.normal(size=5000))
    a = pg.ppzx(z=z, x=x, contours=5, nx=20, ny=20)
    assert a["drawn"] == "contours"
    b = pg.ppzx(z=z, x=x, contours=5, filled=1, weights=w)
    assert b["drawn"] == "filled-contours"
    c = pg.ppzx(z=z, x=x, zz=x * x, cellarray=1, nx=10, ny=10, cmin=0, cmax=4)
    assert (c["cmin"], c["cmax"]) == (0, 4)
    d = pg.ppzx(z=z, x=x, cellarray=1, uselog=1, particles=1)
    assert d["layers"][:2] == ["cellarray", "scatter"]
    if root:
        assert len(drawn("plc")) == 1 and len(drawn("plf")) == 1


def test_zero_particles_on_some_ranks(rng):
    n = 0 if parallel.me % 2 == 0 else 100
    z, x = rng.normal(size=n), rng.normal(size=n)
    r = pg.ppzx(z=z, x=x)
    assert r["selected"] == 100 * (parallel.npes // 2)
    r = pg.ppzx(z=z, x=x, cellarray=1)
    # Warp draws nothing when no rank has a particle.
    assert r["drawn"] == ("cellarray" if parallel.npes > 1 else "nothing")


def test_local1_plots_only_rank0_particles(rng):
    z, x = rng.normal(size=200), rng.normal(size=200)
    r = pg.ppzx(z=z, x=x, local=1)
    if root:
        assert r["selected"] == 200
    else:
        assert r is None


def test_repr_png_of_a_result(rng):
    r = pg.ppzx(z=rng.normal(size=100), x=rng.normal(size=100))
    png = r._repr_png_()
    assert (png[:4] == b"\x89PNG") if root else png is None


def test_ranks_passing_different_shaping_options_all_raise():
    """One rank asks for other cells: every rank raises the same error (no
    hang, no mismatched collectives), and the next frame works."""
    rng = numpy.random.default_rng(7 + parallel.me)
    z, x = rng.normal(size=200), rng.normal(size=200)
    if parallel.npes == 1:
        pytest.skip("needs two ranks")
    nx = 32 if parallel.me == parallel.npes - 1 else 16
    with pytest.raises(ValueError, match="different plot options"):
        pg.ppzx(z=z, x=x, cellarray=1, nx=nx, ny=16)
    pg.fma()
    result = pg.ppzx(z=z, x=x, cellarray=1, nx=16, ny=16)
    assert result["nx"] == 16
    pg.fma()


# ------------------------------------------- a call shape's plan (pargist._ppplan)

def frame_pixels():
    return pg.current_frame()._repr_png_() if root else b""


def plain_frame(z, x, **kw):
    """A plain density frame drawn twice: once by the kept plan (the call is
    made twice first, so the second goes through it), once the general way
    (plans forgotten); returns both results and both pictures."""
    from pargist import _ppplan
    pg.ppzx(z=z, x=x, **kw)
    pg.fma()
    assert _ppplan.find(_ppplan.shape_of("ppzx", 0, dict(z=z, x=x, **kw))) is not None
    kept = pg.ppzx(z=z, x=x, **kw)
    kept_png = frame_pixels()
    pg.fma()
    _ppplan.forget()
    general = pg.ppzx(z=z, x=x, **kw)
    general_png = frame_pixels()
    pg.fma()
    return kept, general, kept_png, general_png


def test_a_kept_plan_draws_what_the_general_way_draws(rng):
    z, x = rng.normal(size=3000), 0.5 * rng.normal(size=3000)
    kept, general, kept_png, general_png = plain_frame(z, x, cellarray=1, nx=32, ny=24)
    assert kept == general and kept["drawn"] == "cellarray"
    assert kept_png == general_png
    if root:
        assert len(kept_png) > 1000


def frame_titles():
    return sorted(e["text"] for e in pg.current_frame().elements(0) if e["kind"] == "plt") if root else []


def test_a_species_plan_draws_what_the_general_way_draws(rng):
    """Warp's way: the particles registered once, ppzx() every frame. The
    second call replays the kept plan of a registered species, and draws
    the general way's frame, Warp's right title included."""
    from pargist import _ppplan
    z, x = rng.normal(size=2500), 0.5 * rng.normal(size=2500)
    kw = dict(cellarray=1, nx=20, ny=16)
    try:
        pg.register_species(z=z, x=x)
        pg.ppzx(**kw)
        pg.fma()
        plan = _ppplan.find(_ppplan.shape_of("ppzx", 0, dict(kw)))
        assert plan is not None and plan.species is not None
        kept = pg.ppzx(**kw)
        kept_png, kept_titles = frame_pixels(), frame_titles()
        pg.fma()
        _ppplan.forget()
        general = pg.ppzx(**kw)
        general_png, general_titles = frame_pixels(), frame_titles()
        pg.fma()
    finally:
        pg.clear_sources()
    assert kept == general and kept["selected"] == 2500 * parallel.npes
    assert kept_png == general_png and kept_titles == general_titles
    if root:
        assert any(t.startswith("z window0") for t in kept_titles)


def test_a_species_plan_reads_the_species_and_the_run_again(rng):
    """A species plan reads, every frame, what no keyword says: the species
    registered now (replaced, weighted, gone), the run's zbeam in the right
    title. Each frame equals the general way's."""
    from pargist import _ppplan
    z, x = rng.normal(size=600), rng.normal(size=600)
    kw = dict(cellarray=1, nx=10, ny=10)

    def twice():
        """The frame by the plan (kept first), then by the general way."""
        pg.ppzx(**kw)
        pg.fma()
        kept = pg.ppzx(**kw)
        kept_seen = (frame_pixels(), frame_titles())
        pg.fma()
        _ppplan.forget()
        general = pg.ppzx(**kw)
        general_seen = (frame_pixels(), frame_titles())
        pg.fma()
        assert kept == general and kept_seen == general_seen
        return kept, kept_seen[1]

    try:
        pg.register_species(z=z, x=x)
        pg.ppzx(**kw)
        pg.fma()
        pg.register_species(z=z[:350], x=x[:350], js=0)  # replaced between frames
        r, _ = twice()
        assert r["selected"] == 350 * parallel.npes
        pg.register_species(z=z[:350], x=x[:350], w=rng.uniform(1, 3, size=350), js=0)  # weighted now
        pg.ppzx(**kw)
        pg.fma()
        weighted, _ = twice()
        assert weighted["cmax"] > r["cmax"]  # weights of 1 to 3: the densest cell weighs more
        pg.register_species(z=z, x=x, js=0)
        pg.register_run(zbeam=0.0)
        _, before = twice()
        pg.register_run(zbeam=0.75)  # Warp's moving window: the right title follows
        pg.ppzx(**kw)
        pg.fma()
        _, after = twice()
        if root:
            assert before != after and "z window0 = -9.8250e+01, 9.9750e+01" in after
        pg.ppzx(**kw)
        pg.fma()
        pg.unregister_species(0)
        with pytest.raises(LookupError):
            pg.ppzx(**kw)
    finally:
        pg.clear_sources()


def test_a_species_plan_calls_a_warp_species_getters_every_frame(rng):
    """A registered object with Warp's getters (gather= taken, so asked for
    this rank's particles with gather=0) is read through them each frame:
    a replayed frame plots what they return now, as the general way does."""
    from pargist import _ppplan

    class WarpSpecies:
        def __init__(self, n):
            self.z, self.x = rng.normal(size=n), rng.normal(size=n)

        def getz(self, gather=1):
            assert gather == 0
            return self.z

        def getx(self, gather=1):
            assert gather == 0
            return self.x

    beam = WarpSpecies(500)
    kw = dict(cellarray=1, nx=12, ny=10)
    try:
        pg.register_species(beam)
        for _ in range(2):
            pg.ppzx(**kw)
            pg.fma()
        assert _ppplan.find(_ppplan.shape_of("ppzx", 0, dict(kw))).species is not None
        beam.z, beam.x = rng.normal(size=321), rng.normal(size=321)  # the next step's particles
        kept = pg.ppzx(**kw)
        kept_png = frame_pixels()
        pg.fma()
        _ppplan.forget()
        general = pg.ppzx(**kw)
        general_png = frame_pixels()
        pg.fma()
    finally:
        pg.clear_sources()
    assert kept == general and kept["selected"] == 321 * parallel.npes
    assert kept_png == general_png


def test_a_rank_without_its_species_fails_every_replaying_rank(rng):
    """The last rank unregisters its species while the others replay their
    species plan: every rank raises that rank's LookupError."""
    z, x = rng.normal(size=300), rng.normal(size=300)
    try:
        pg.register_species(z=z, x=x)
        for _ in range(2):
            pg.ppzx(cellarray=1, nx=8, ny=8)
            pg.fma()
        last = parallel.npes - 1
        if parallel.me == last:
            pg.unregister_species(0)
        with pytest.raises(LookupError) as got:
            pg.ppzx(cellarray=1, nx=8, ny=8)
        assert "no species js=0 registered" in str(got.value)
        if parallel.npes > 1:
            assert f"(rank {last})" in str(got.value)
    finally:
        pg.clear_sources()


def test_a_species_plan_follows_a_registered_top(rng):
    """With Warp's top registered, whose zbeam moves unseen, the right
    title (the z window) of each replayed frame is the one of that step."""
    z, x = rng.normal(size=400), rng.normal(size=400)

    class Top:
        zwindows = numpy.array([[-1.0], [1.0]])
        zbeam = 0.0

    top = Top()
    seen = []
    try:
        pg.register_species(z=z, x=x)
        pg.register_run(top)
        for zbeam in (0.0, 0.0, 2.0, 2.0, 4.0):  # replays at the same place, then moves
            top.zbeam = zbeam
            pg.ppzx(cellarray=1, nx=8, ny=8)
            seen.append([t for t in frame_titles() if t.startswith("z window0")])
            pg.fma()
    finally:
        pg.clear_sources()
    if root:
        assert seen == [["z window0 = %9.4e, %9.4e" % (b - 1.0, b + 1.0)] for b in (0.0, 0.0, 2.0, 2.0, 4.0)]


def test_a_species_plans_right_title_follows_the_z_window_changed_in_place(rng):
    """A species plan makes its right title again only when Warp's z window
    moved: the window is read every frame, also from a zwindows array
    changed in place (Warp's top's, or one given to register_run), which
    no run version sees."""
    z, x = rng.normal(size=400), rng.normal(size=400)

    class Top:
        zwindows = numpy.array([[-1.0], [1.0]])
        zbeam = 0.0

    def windows_seen(zwindows):
        seen = []
        for lo, hi in ((-1.0, 1.0), (-1.0, 1.0), (-2.0, 3.0), (-2.0, 3.0), (-1.0, 1.0)):
            zwindows[:, 0] = (lo, hi)
            pg.ppzx(cellarray=1, nx=8, ny=8)
            seen.append([t for t in frame_titles() if t.startswith("z window0")])
            pg.fma()
        return seen

    top = Top()
    given = numpy.array([[-1.0], [1.0]])
    try:
        pg.register_species(z=z, x=x)
        pg.register_run(top)
        by_top = windows_seen(top.zwindows)
        pg.clear_sources()
        pg.register_species(z=z, x=x)
        pg.register_run(zwindows=given)
        by_value = windows_seen(given)
    finally:
        pg.clear_sources()
    if root:
        expected = [["z window0 = %9.4e, %9.4e" % w] for w in ((-1, 1), (-1, 1), (-2, 3), (-2, 3), (-1, 1))]
        assert by_top == expected and by_value == expected


def test_the_kinetic_energy_takes_warps_sm_for_the_mass(rng):
    """A Warp species gives its mass as sm (read only by the plots that need
    it): its ppzke is that of the same particles registered with mass=."""
    beam = Beam(rng, 300)
    beam.sm = 9.109e-31
    by_sm = pg.ppzke(particles=beam)
    pg.fma()
    by_mass = pg.ppzke(particles=pg.ParticleArrays(mass=beam.sm, z=beam.z, vx=beam.vx, vy=beam.vy, vz=beam.vz))
    pg.fma()
    assert by_sm["view"] == by_mass["view"] and by_sm["selected"] == 300 * parallel.npes
    with pytest.raises(TypeError, match="mass"):
        pg.ppzke(particles=Beam(rng, 300))


def test_a_kept_plan_reads_the_run_and_the_titles_again(rng):
    """What a keyword does not say is read at each call: Warp's plot limits
    from the run (lframe=1), the titles the frame shows."""
    from pargist import _ppplan
    z, x = rng.normal(size=2000), rng.normal(size=2000)
    try:
        pg.register_run(zplmin=-1.0, zplmax=1.0, xplmin=-2.0, xplmax=2.0, zbeam=0.0)
        first = pg.ppzx(z=z, x=x, cellarray=1, nx=16, ny=16, lframe=1)
        pg.fma()
        pg.register_run(zbeam=0.5)  # Warp's moving window: the z limits follow the beam
        moved = pg.ppzx(z=z, x=x, cellarray=1, nx=16, ny=16, lframe=1)
        titles = [e["text"] for e in pg.current_frame().elements(0) if e["kind"] == "plt"] if root else []
        pg.fma()
        _ppplan.forget()
        general = pg.ppzx(z=z, x=x, cellarray=1, nx=16, ny=16, lframe=1)
        pg.fma()
    finally:
        pg.clear_sources()
    assert first["view"][:2] == pytest.approx((-1.0, 1.0))
    assert moved["view"][:2] == pytest.approx((-0.5, 1.5))
    assert moved == general
    if root:
        assert {"X vs Z", "Z", "X"} <= set(titles)


def test_a_kept_plan_follows_a_registered_top_and_the_run_ncolor(rng):
    """A plan keeps what it made from the run's values only while nothing
    could have changed them: Warp's top object changes its attributes
    unseen (its zbeam moves each step), and register_run(ncolor=) changes
    the colour bar's bands."""
    z, x = rng.normal(size=2000), rng.normal(size=2000)

    class Top:
        zplmin, zplmax, xplmin, xplmax, zbeam = -1.0, 1.0, -2.0, 2.0, 0.0

    top = Top()
    try:
        pg.register_run(top)
        views = []
        for zbeam in (0.0, 0.0, 0.25, 0.25, 0.5):  # two replays at the same place, then moves
            top.zbeam = zbeam
            views.append(pg.ppzx(z=z, x=x, cellarray=1, nx=16, ny=16, lframe=1)["view"][:2])
            pg.fma()
        assert views == [pytest.approx((b - 1.0, b + 1.0)) for b in (0.0, 0.0, 0.25, 0.25, 0.5)]
        pg.clear_sources()
        bands = []
        for ncolor in (None, None, 40, 40):
            if ncolor is not None:
                pg.register_run(ncolor=ncolor)
            pg.ppzx(z=z, x=x, cellarray=1, nx=16, ny=16, color="density")
            if root:
                bar, = [e for e in pg.current_frame().elements(0) if e["kind"] == "pli"]
                bands.append(bar["ny"])
            pg.fma()
    finally:
        pg.clear_sources()
    if root:
        assert bands[0] == bands[1] and bands[2] == bands[3] and bands[1] != bands[2]


def test_a_kept_plan_replays_under_warps_top_while_wpid_weighs_nothing(rng):
    """With Warp's top registered and its wpid 0 (no weights), a plan of the
    call's arrays is kept and replayed, and draws the general way's frame;
    when wpid turns nonzero the next frame raises the general way's error
    on every rank (the arrays have no w), and at wpid 0 it replays again."""
    from pargist import _ppplan
    z, x = rng.normal(size=1500), 0.5 * rng.normal(size=1500)
    kw = dict(cellarray=1, nx=16, ny=12)

    class Top:
        wpid = 0
        zbeam = 0.0

    top = Top()
    try:
        pg.register_run(top)
        kept, general, kept_png, general_png = plain_frame(z, x, **kw)
        assert kept == general and kept_png == general_png
        pg.ppzx(z=z, x=x, **kw)
        pg.fma()
        assert _ppplan.find(_ppplan.shape_of("ppzx", 0, dict(z=z, x=x, **kw))) is not None
        top.wpid = 1
        with pytest.raises(TypeError, match="needs w"):
            pg.ppzx(z=z, x=x, **kw)
        top.wpid = 0
        again = pg.ppzx(z=z, x=x, **kw)
        pg.fma()
        last = parallel.npes - 1
        top.wpid = 1 if parallel.me == last else 0  # the others replay: every rank raises the last one's error
        with pytest.raises(TypeError, match="needs w") as got:
            pg.ppzx(z=z, x=x, **kw)
        if parallel.npes > 1:
            assert f"(rank {last})" in str(got.value)
        top.wpid = 0
        assert pg.ppzx(z=z, x=x, **kw) == kept
        pg.fma()
    finally:
        pg.clear_sources()
    assert again == kept


def test_a_registered_species_or_other_keywords_take_the_general_way(rng):
    """A species registered after a plan was kept weighs the next frame (its
    w=), as the general way does; nx=2.0 is refused although nx=2 had a plan;
    integer arrays are refused as before."""
    n = 1000
    z, x = rng.normal(size=n), rng.normal(size=n)
    pg.ppzx(z=z, x=x, cellarray=1, nx=8, ny=8)
    pg.ppzx(z=z, x=x, cellarray=1, nx=8, ny=8)
    unweighted = pg.ppzx(z=z, x=x, cellarray=1, nx=8, ny=8)
    pg.fma()
    try:
        pg.register_species(z=z, x=x, w=numpy.full(n, 3.0))
        weighted = pg.ppzx(z=z, x=x, cellarray=1, nx=8, ny=8)
        pg.fma()
    finally:
        pg.clear_sources()
    # Not exact: an unweighted deposit shares in fixed point (1/4096 of a particle per axis).
    assert weighted["cmax"] == pytest.approx(3 * unweighted["cmax"], rel=1e-2)
    pg.ppzx(z=z, x=x, cellarray=1, nx=2, ny=2)
    with pytest.raises(TypeError, match="nx"):
        pg.ppzx(z=z, x=x, cellarray=1, nx=2.0, ny=2)
    with pytest.raises(TypeError, match="float32 or float64"):
        pg.ppzx(z=numpy.arange(n), x=x, cellarray=1, nx=8, ny=8)
    pg.fma()


def test_the_engine_leaves_a_kept_plans_options_alone(rng):
    from pargist import _ppplan
    z, x = rng.normal(size=500), rng.normal(size=500)
    pg.ppzx(z=z, x=x, cellarray=1, nx=12, ny=12, cmin=0.0)
    plan = _ppplan.find(_ppplan.shape_of("ppzx", 0, dict(z=z, x=x, cellarray=1, nx=12, ny=12, cmin=0.0)))
    before = dict(plan.options)
    for _ in range(3):
        pg.ppzx(z=z, x=x, cellarray=1, nx=12, ny=12, cmin=0.0)
    pg.fma()
    assert plan.options == before


def test_repeated_plain_frames_with_local1(rng):
    """local=1 (rank 0's particles alone; None elsewhere) repeated: no plan is
    kept for it, and every rank makes the same collectives each time."""
    z, x = rng.normal(size=300), rng.normal(size=300)
    for _ in range(3):
        r = pg.ppzx(z=z, x=x, cellarray=1, nx=10, ny=10, local=1)
        assert (r["selected"] == 300) if root else r is None
    pg.fma()
    r = pg.ppzx(z=z, x=x, cellarray=1, nx=10, ny=10)
    assert r["selected"] == 300 * parallel.npes
    pg.fma()


# ------------------------------- the decoration drawn by the core (pargist._ppdecor)

def _change_nothing():
    pass


def _warp_window():
    pg.winon(0, xon=0)


def _title_colours():
    pg.settitlecolors(titlet_color="red", titlel_color="blue")


def _another_system():
    pg.winon(0, xon=0)
    pg.plsys(6)


@pytest.mark.parametrize("change", [_change_nothing, _warp_window, _title_colours, _another_system])
@pytest.mark.parametrize("kw", [dict(), dict(colbarunitless=1, titlet="top", titler="right"),
                                dict(color="density", ncolor=40, lcolorbar=1), dict(lcolorbar=0, titles=0)])
def test_the_core_draws_a_density_frames_decoration_as_python_does(rng, monkeypatch, change, kw):
    """The colour bar and titles the core draws (from a description kept
    with the plan) are the pixels _ppgeneric._decorate draws, also after the
    window's state they were made from changed: its style, the title
    colours, the current system."""
    from pargist import _ppdecor, _ppplan
    z, x = rng.normal(size=2000), 0.5 * rng.normal(size=2000)
    kw = dict(cellarray=1, nx=20, ny=16, **kw)
    for _ in range(2):  # the second frame draws through the kept plan: its description is made
        pg.ppzx(z=z, x=x, **kw)
        pg.fma()
    change()
    by_core = pg.ppzx(z=z, x=x, **kw)
    core_png = frame_pixels()
    pg.fma()
    monkeypatch.setattr(_ppdecor, "drawn_by_core", lambda o: False)
    _ppplan.forget()
    by_python = pg.ppzx(z=z, x=x, **kw)
    python_png = frame_pixels()
    pg.fma()
    pg.settitlecolors()
    assert by_core == by_python
    assert core_png == python_png
    if root:
        assert len(core_png) > 1000


def test_a_decoration_failing_on_root_raises_on_every_rank(rng):
    """A title colour the core refuses fails on rank 0 alone, while the
    description is made: every rank raises it, and the next frame works."""
    z, x = rng.normal(size=500), rng.normal(size=500)
    pg.settitlecolors(titlet_color="no such colour")
    with pytest.raises(ValueError, match="colou?r"):
        pg.ppzx(z=z, x=x, cellarray=1, nx=8, ny=8)
    pg.settitlecolors()
    pg.fma()
    assert pg.ppzx(z=z, x=x, cellarray=1, nx=8, ny=8)["drawn"] == "cellarray"
    pg.fma()


def test_a_rank_taking_the_general_way_meets_the_others_kept_plan(rng):
    """Rank 1 passes lists (no call shape: the general way) while the other
    ranks replay their kept plan: the collectives still line up and every
    rank gets the frame of all the particles."""
    z, x = rng.normal(size=400), rng.normal(size=400)
    for _ in range(2):
        pg.ppzx(z=z, x=x, cellarray=1, nx=10, ny=10)
        pg.fma()
    mine = (list(z), list(x)) if parallel.me == 1 else (z, x)
    r = pg.ppzx(z=mine[0], x=mine[1], cellarray=1, nx=10, ny=10)
    pg.fma()
    assert r["selected"] == 400 * parallel.npes


def test_a_rank_failing_on_the_general_way_fails_every_replaying_rank(rng):
    """The last rank's arrays are refused (different lengths) on the general way while the
    others replay: every rank raises that rank's error, and the next frame,
    the same everywhere again, is drawn by every rank's plan (nothing left
    half-done by the fallen-back call)."""
    z, x = rng.normal(size=300), rng.normal(size=300)
    for _ in range(2):
        pg.ppzx(z=z, x=x, cellarray=1, nx=8, ny=8)
        pg.fma()
    last = parallel.npes - 1
    bad = parallel.me == last
    with pytest.raises(Exception) as got:
        pg.ppzx(z=z, x=x[:200] if bad else x, cellarray=1, nx=8, ny=8)
    assert f"x has 200 elements but z has 300 (rank {last})" in str(got.value)
    r = pg.ppzx(z=z, x=x, cellarray=1, nx=8, ny=8)
    pg.fma()
    assert r["selected"] == 300 * parallel.npes
