"""Every entry point of pygist's 3-D layer (pl3d, plwf, slice3, and the
movie and yorick helpers) with pygist's names and arguments, checked on
what it computes or draws: view and light state, the polygons of slice3 and
slice2, the elements draw3 puts into the frame, pixels of rendered pages."""

import math
import os

import matplotlib.image
import numpy
import pytest

import importlib

import pargist

# The modules by their pygist names (pargist.plwf, pargist.slice3 and
# pargist.movie are also the functions of those names at the top level).
pl3d, plwf_module, slice3_module, movie_module, yorick_module = (
    importlib.import_module("pargist." + name) for name in ("pl3d", "plwf", "slice3", "movie", "yorick"))

# pygist's public names (pl3d.py 46 - 17 private-looking helpers = 29,
# plwf.py 3, slice3.py 27) and slice2 from its compiled module.
PYGIST_NAMES = {
    pl3d: "set_draw3_ setrot3_ rot3 rot3_ mov3 aim3 setz3 orient3 save3 restore3 light3 light3_ get3_light "
          "get3_normal get3_centroid get3_xy undo3 set3_object setorg3_ setzc3_ getrot3_ getorg3_ getzc3_ "
          "undo3_set_ do_nothing clear_idler set_idler call_idler set_default_idler set_multiple_components "
          "has_multiple_components draw3_trigger clear3 window3 sort3d get_factors_ get_square_ limits_ draw3 "
          "get_draw3_ get_draw3_list_ get_draw3_n_ set_default_gnomon gnomon gnomon_text_ spin3",
    plwf_module: "plwf lightwf xyz_wf",
    slice3_module: "plane3 mesh3 slice3 slice3mesh iterator3 iterator3_rect iterator3_irreg getv3 getv3_rect "
                   "getv3_irreg getc3 getc3_rect getc3_irreg plzcont pl4cont slice2x pl3surf pl3tree "
                   "split_palette split_bytscl pl3tree_prt pl3_other_prt xyz3 xyz3_rect xyz3_irreg xyz3_unif "
                   "to_corners3 slice2",
    movie_module: "movie movie_stats",
    yorick_module: "zcen_ dif_ maxelt_ minelt_ rem_0_ avg_ sign_ timer_ timer_print span",
}


def test_every_pygist_name_is_there_and_exported():
    for module, names in PYGIST_NAMES.items():
        for name in names.split():
            assert callable(getattr(module, name)), f"{module.__name__}.{name}"
            assert hasattr(pargist, name), f"pargist.{name} (from pargist import *)"


@pytest.fixture(autouse=True)
def fresh_3d():
    pargist.window3(display="")
    pargist.clear3()
    pargist.restore3()
    pargist.gnomon(0)
    pargist.limits_(square=1)
    yield
    pargist.clear3()
    pargist.gnomon(0)


def scenes(system=1):
    return [e for e in pargist.current_frame().elements(system) if e["kind"] == "pl3d"]


def sphere_mesh(n=12, **kw):
    s = numpy.linspace(-1, 1, n)
    x, y, z = numpy.meshgrid(s, s, s, indexing="ij")
    r = numpy.sqrt(x * x + y * y + z * z)
    return pargist.mesh3(numpy.array([x, y, z]), funcs=[r, x + 2 * y], **kw), (x, y, z, r)


# ------------------------------------------------------------------ viewing

def test_rot3_orient3_mov3_aim3_setz3_and_the_view_they_give():
    pargist.orient3()
    rot = pargist.getrot3_()
    # orient3(): the object z axis vertical on the screen, tilted pi/6 toward the viewer
    zx, zy, zz = rot[2]
    assert abs(zx) < 1e-12 and math.isclose(math.atan2(zz, zy), math.pi / 6)
    pargist.orient3(phi=0.3)               # theta kept
    assert math.isclose(math.atan2(pargist.getrot3_()[2][2], pargist.getrot3_()[2][1]), math.pi / 6)
    pargist.restore3()
    pargist.rot3(0, 0, math.pi / 2)        # about the line of sight: x goes up
    v = pargist.get3_xy(numpy.array([[1.0, 0, 0]]))
    numpy.testing.assert_allclose(v, [[0, 1, 0]], atol=1e-12)
    pargist.rot3(math.pi / 2, 0, 0)        # then about the viewer's x: the (new) up goes into the screen
    numpy.testing.assert_allclose(pargist.get3_xy(numpy.array([[1.0, 0, 0]])), [[0, 0, 1]], atol=1e-12)
    pargist.restore3()
    pargist.mov3(1.0, 2.0, 3.0)
    numpy.testing.assert_allclose(pargist.get3_xy(numpy.zeros((1, 3))), [[1, 2, 3]])
    pargist.aim3(1.0, 1.0, 1.0)
    numpy.testing.assert_allclose(pargist.getorg3_(), [1, 1, 1])
    numpy.testing.assert_allclose(pargist.get3_xy(numpy.ones((1, 3))), [[0, 0, 0]])
    pargist.restore3()
    pargist.setz3(10.0)
    assert pargist.getzc3_() == 10.0
    p = pargist.get3_xy(numpy.array([[2.0, 0, 1.0]]), 1)
    numpy.testing.assert_allclose(p, [[2 / 9, 0, 1 / 9]])
    numpy.testing.assert_allclose(pargist.get3_xy(numpy.array([[2.0, 0, 1.0]]))[0, 2], 1.0)  # z undivided
    with pytest.raises(ValueError):
        pargist.setz3([1, 2])
    pargist.setz3()
    assert pargist.getzc3_() is None
    # a 3-by-k-by-l mesh keeps its shape
    assert pargist.get3_xy(numpy.zeros((3, 4, 5))).shape == (3, 4, 5)


def test_low_level_setters_getters_save_restore_undo():
    pargist.setrot3_(numpy.eye(3)[[1, 2, 0]])
    pargist.setorg3_([1, 2, 3])
    pargist.setzc3_(5.0)
    saved = pargist.save3()
    numpy.testing.assert_allclose(pargist.getrot3_(), numpy.eye(3)[[1, 2, 0]])
    pargist.restore3()
    numpy.testing.assert_allclose(pargist.getrot3_(), numpy.eye(3))
    assert pargist.getzc3_() is None
    pargist.restore3(saved)
    numpy.testing.assert_allclose(pargist.getorg3_(), [1, 2, 3])
    assert pargist.getzc3_() == 5.0
    # undo3 steps back through the changes, one or n at a time
    pargist.restore3()
    pargist.rot3(0.1)
    pargist.rot3(0.2)
    pargist.undo3()
    one = numpy.array(pargist.getrot3_())
    pargist.restore3()
    pargist.rot3(0.1)
    numpy.testing.assert_allclose(one, pargist.getrot3_())
    pargist.undo3(2)  # the rot3 and the restore3 before it
    with pytest.raises(ValueError):
        pargist.undo3(10 ** 6)
    called = []
    pargist.undo3_set_(lambda arg: called.append(arg), "x")
    pargist.undo3()
    assert called == ["x"]
    # rot3_ is the plain rotation of a pair
    x, y = pargist.rot3_(math.pi / 2, numpy.array([1.0, 0, 0]), numpy.array([0, 1.0, 0]))
    numpy.testing.assert_allclose(x, [0, 1, 0], atol=1e-12)
    numpy.testing.assert_allclose(y, [-1, 0, 0], atol=1e-12)


def test_light3_and_get3_light_normal_centroid():
    square = numpy.array([[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0.0]])
    n = numpy.array([4])
    pargist.light3()
    numpy.testing.assert_allclose(numpy.abs(pargist.get3_normal(square, n)[:, 0]), [0, 0, 1])
    numpy.testing.assert_allclose(pargist.get3_centroid(square, n), [[0.5, 0.5, 0]])
    numpy.testing.assert_allclose(pargist.get3_light(square, n), [1.2])  # ambient .2 + diffuse 1
    pargist.light3(ambient=0.1, diffuse=0.5)
    numpy.testing.assert_allclose(pargist.get3_light(square, n), [0.6])
    pargist.light3(specular=1.0, sdir=numpy.array([0, 0, 1.0]), spower=4)
    numpy.testing.assert_allclose(pargist.get3_light(square, n), [1.6])
    # two sources
    pargist.light3(specular=numpy.array([1.0, 1.0]), sdir=numpy.array([[0, 0, 1.0], [1, 0, 1.0]]),
                   spower=numpy.array([4, 2]))
    # the second source: (1 + cos)/2 = 1/sqrt(2) - 1/(2 sqrt(2)) + 1/2 = 0.854, squared
    numpy.testing.assert_allclose(pargist.get3_light(square, n), [1.6 + (0.5 + 0.5 / math.sqrt(2)) ** 2])
    old = pargist.get_draw3_list_()[3:8]
    pargist.light3()  # defaults again
    assert pargist.get_draw3_list_()[3] == 0.2
    pargist.light3_(old)
    assert pargist.get_draw3_list_()[3] == 0.1
    with pytest.raises(ValueError):
        pargist.light3(ambient=[1, 2])
    with pytest.raises(ValueError):
        pargist.light3(sdir=[1, 2])
    with pytest.raises(TypeError):
        pargist.light3(ambiant=0.3)
    # a 3-by-ni-by-nj mesh: one value per zone
    mesh = numpy.array(numpy.meshgrid(numpy.arange(3.0), numpy.arange(4.0), indexing="ij") + [numpy.zeros((3, 4))])
    pargist.light3()
    assert pargist.get3_normal(mesh).shape == (3, 2, 3)
    assert pargist.get3_centroid(mesh).shape == (3, 2, 3)
    numpy.testing.assert_allclose(pargist.get3_light(mesh), numpy.full((2, 3), 1.2))


def test_sort3d_orders_back_to_front():
    z = numpy.array([5.0, 5, 5, 1, 1, 1, 3, 3, 3, 3])
    lst, vlist = pargist.sort3d(z, numpy.array([3, 3, 4]))
    assert list(lst) == [1, 2, 0]
    assert list(z[vlist]) == [1, 1, 1, 3, 3, 3, 3, 5, 5, 5]


def test_display_list_idler_trigger_and_flags():
    assert pargist.get_draw3_n_() == 8
    assert pargist.get_draw3_() == 0
    calls = []

    def drawing(arg):
        calls.append((arg, pargist.get_draw3_()))
        return [0.0, 1.0, 0.0, 2.0]

    pargist.set3_object(drawing, "arg")
    assert pargist.get_draw3_list_()[-2:] == [drawing, "arg"]
    lims = pargist.draw3()
    assert calls == [("arg", 1)]                   # called in draw mode
    assert lims == [-0.5, 1.5, 0.0, 2.0]           # square (limits_(square=1))
    assert pargist.draw3() is None                 # nothing changed since
    pargist.draw3_trigger()
    pargist.limits_(square=0, xfactor=2.0)
    assert pargist.get_square_() == 0 and pargist.get_factors_() == [2.0, 1.0]
    assert pargist.draw3() == [-0.5, 1.5, 0.0, 2.0]
    pargist.limits_(square=1)
    pargist.set_multiple_components(1)
    assert pargist.has_multiple_components() == 1
    pargist.clear3()
    assert pargist.has_multiple_components() == 0
    assert len(pargist.get_draw3_list_()) == 8
    idled = []
    pargist.set_idler(lambda: idled.append(1))
    pargist.call_idler()
    pargist.clear_idler()
    pargist.call_idler()                            # do_nothing now
    assert pargist.do_nothing() is None
    pargist.set_default_idler()
    assert idled == [1]
    # set_draw3_(1): a plot call draws at once through the default idler
    pargist.set_draw3_(1)
    pargist.plwf(numpy.ones((3, 3)) + numpy.arange(3.0))
    assert pargist.get_draw3_() == 0 and len(scenes()) == 1
    pargist.set_default_gnomon(1)
    pargist.set_default_gnomon()


def test_window3_and_hardcopy(outdir):
    pargist.window3(1, display="", hcp=os.path.join(outdir, "w3.cgm"))
    assert pargist.current_window() == 1
    pargist.plwf(numpy.outer(numpy.arange(4.0), numpy.arange(5.0)))
    pargist.draw3(1)
    pargist.fma()  # hcpon: the page goes to the file
    assert pargist.hcp_finish().endswith("w3.cgm")
    assert os.path.getsize(os.path.join(outdir, "w3.cgm")) > 1000
    pargist.winkill(1)
    pargist.window3(0, display="")


def test_gnomon_and_its_text(outdir):
    pargist.gnomon(1)
    pargist.orient3()
    pargist.plwf(numpy.outer(numpy.arange(4.0), numpy.arange(5.0)))
    pargist.draw3()
    gnomons = [e for e in scenes(0) if e["object"] == "gnomon"]
    assert len(gnomons) == 1
    pargist.gnomon()  # toggles off
    pargist.gnomon(1, chr=["a", "b", "c"])
    with pytest.raises(ValueError):
        pargist.gnomon(1, chr=["a"])
    pargist.gnomon_text_("Q", 0.3, 0.5, 14, 1)
    kinds = [e["kind"] for e in pargist.current_frame().elements(0)]
    assert "plg" in kinds and "plt" in kinds   # the reversed label's disc and text


# ------------------------------------------------------------------ plwf

def test_xyz_wf_scales_and_centres():
    z = numpy.outer(numpy.arange(5.0), numpy.ones(3))
    xyz = pargist.xyz_wf(z)
    assert xyz.shape == (3, 5, 3)
    numpy.testing.assert_allclose(xyz[0].mean(), 0, atol=1e-12)
    assert math.isclose(numpy.ptp(xyz[2]), 0.5 * 4)   # half the larger xy range
    assert math.isclose(numpy.ptp(pargist.xyz_wf(z, scale=2.0)[2]), 4.0)
    with pytest.raises(ValueError):
        pargist.xyz_wf(z, y=z)
    with pytest.raises(ValueError):
        pargist.xyz_wf(numpy.ones(4))


def test_plwf_draws_a_wire_frame_and_lightwf_sets_the_brightest(outdir):
    x = numpy.linspace(-1, 1, 16)[:, None] * numpy.ones(16)
    y = x.T
    z = (x + y) * numpy.exp(-6 * (x * x + y * y))
    pargist.orient3()
    pargist.plwf(z, y, x)
    lims = pargist.draw3(1)
    assert scenes()[0]["object"] == "plwf"
    assert lims[1] - lims[0] == pytest.approx(lims[3] - lims[2])
    pargist.plwf(z, y, x, shade=1, ecolor="red", ewidth=2, cmax=2.0)
    pargist.draw3(1)
    pargist.lightwf(1.0)
    assert pargist.get_draw3_list_()[9].args[7] == 1.0
    pargist.undo3()
    assert pargist.get_draw3_list_()[9].args[7] == 2.0
    pargist.plwf(z, fill=z, edges=0)
    pargist.draw3(1)
    pargist.plwf(z, cull=0)
    pargist.draw3(1)
    path = os.path.join(outdir, "plwf.png")
    pargist.png(path)
    assert (matplotlib.image.imread(path)[..., :3] < 0.5).any()
    with pytest.raises(ValueError):
        pargist.plwf(z, fill=numpy.ones((2, 2)))
    pargist.clear3()
    with pytest.raises(ValueError):
        pargist.lightwf(1.0)


# ------------------------------------------------------------------ slice3

def test_plane3_and_mesh3_forms():
    p = pargist.plane3([0, 0, 2.0], [1, 1, 1.0])
    numpy.testing.assert_allclose(p, [0, 0, 1, 1])
    with pytest.raises(ValueError):
        pargist.plane3([0, 0, 0], [1, 2, 3])
    m3, (x, y, z, r) = sphere_mesh()
    assert m3[1][0] == (11, 11, 11) and len(m3[2]) == 2
    uni = pargist.mesh3(numpy.array([4, 5, 6]), numpy.array([1.0, 1.0, 1.0]), numpy.zeros(3),
                        funcs=[numpy.ones((5, 6, 7))])
    assert uni.kind == "uniform"
    rect = pargist.mesh3(numpy.arange(3.0), numpy.arange(4.0), numpy.arange(5.0), funcs=[numpy.ones((2, 3, 4))])
    assert rect.kind == "rectilinear"
    curv = pargist.mesh3(x, y, z, funcs=[r])
    assert curv.kind == "curvilinear"
    with pytest.raises(ValueError):
        pargist.mesh3(x, y, z, funcs=[numpy.ones((3, 3, 3))])
    with pytest.raises(TypeError):
        pargist.mesh3(x, y, z, func=[r])


def test_slice3_isosurface_plane_and_colours():
    m3, (x, y, z, r) = sphere_mesh(15)
    nv, xyz, col = pargist.slice3(m3, 1, None, None, value=0.7)
    assert col is None and xyz.shape == (nv.sum(), 3)
    numpy.testing.assert_allclose(numpy.linalg.norm(xyz, axis=1), 0.7, atol=0.03)
    plane = pargist.plane3([1, 0, 0], [0.2, 0, 0])
    nv, xyz, col = pargist.slice3(m3, plane, None, None, 2)       # coloured by x + 2y
    numpy.testing.assert_allclose(xyz[:, 0], 0.2)
    first = numpy.cumsum(nv) - nv
    means = numpy.add.reduceat(xyz[:, 0] + 2 * xyz[:, 1], first) / nv
    numpy.testing.assert_allclose(col, means)                       # linear: exact
    nv2, xyz2, col2 = pargist.slice3(m3, plane, None, None, 2, node=1)
    assert col2.size == xyz2.shape[0]
    _, _, col3 = pargist.slice3(m3, plane, None, None, 2, 1)         # nointerp: corner means
    assert col3.size == nv.size and not numpy.allclose(col3, col)
    # a slicing function and a colour function, pygist's chunk protocol
    nv4, xyz4, _ = pargist.slice3(m3, lambda m, chunk: pargist.getv3(1, m, chunk) - 0.7, None, None)
    assert nv4.size == pargist.slice3(m3, 1, None, None, value=0.7)[0].size
    seen = {}

    def fcolor(m, cells, l, u, fsl, fsu, ihist):
        seen["args"] = (cells, l, u, fsl, fsu, ihist)
        return pargist.getc3(2, m, cells, l, u, fsl, fsu, ihist)

    _, _, col5 = pargist.slice3(m3, plane, None, None, fcolor)
    numpy.testing.assert_allclose(col5, col)
    _, _, col6 = pargist.slice3(m3, plane, None, None, lambda m, cells: pargist.getc3(2, m, cells), 1)
    numpy.testing.assert_allclose(col6, col3)
    assert pargist.slice3(m3, 1, None, None, value=5.0) == [None, None, None]
    with pytest.raises(ValueError):
        pargist.slice3(m3, 1, None, None)                            # value= needed
    with pytest.raises(IndexError):
        pargist.slice3(m3, 3, None, None, value=1)
    with pytest.raises(TypeError):
        pargist.slice3(m3, "x", None, None)


def test_slice3_on_uniform_rectilinear_and_unstructured_meshes():
    n = numpy.array([8, 8, 8])
    s = numpy.linspace(-1, 1, 9)
    x, y, z = numpy.meshgrid(s, s, s, indexing="ij")
    f = numpy.sqrt(x * x + y * y + z * z)
    uni = pargist.mesh3(n, numpy.array([2.0, 2.0, 2.0]), numpy.array([-1.0, -1, -1]), funcs=[f])
    rect = pargist.mesh3(s, s, s, funcs=[f])
    a, b = pargist.slice3(uni, 1, None, None, value=0.6), pargist.slice3(rect, 1, None, None, value=0.6)
    numpy.testing.assert_array_equal(a[0], b[0])
    numpy.testing.assert_allclose(a[1], b[1], atol=1e-12)
    # one cube as tetrahedra through the centre of a unit grid cell
    pts = numpy.array([[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]], dtype=float)
    tets = pargist.mesh3(pts[:, 0], pts[:, 1], pts[:, 2], funcs=[pts.sum(axis=1), pts[:, 0]],
                         verts=numpy.array([[0, 1, 2, 3]]))
    nv, xyz, col = pargist.slice3(tets, 1, None, None, 2, value=0.5)
    assert list(nv) == [3]
    numpy.testing.assert_allclose(xyz.sum(axis=1), 0.5)
    assert col[0] == pytest.approx(1 / 6)
    plane_cut = pargist.slice3(tets, pargist.plane3([1, 0, 0], [0.25, 0, 0]), None, None)
    assert list(plane_cut[0]) == [3]


def test_mesh_access_iterator_getv_getc_xyz_to_corners():
    m3, (x, y, z, r) = sphere_mesh(6)
    chunk = pargist.iterator3(m3)
    chunks = []
    while chunk is not None:
        chunks.append(chunk)
        chunk = pargist.iterator3(m3, chunk)
    assert chunks[0][0].tolist() == [1, 1, 1] and chunks[-1][1].tolist() == [5, 5, 5]
    assert pargist.iterator3_rect(m3, chunks[0], numpy.array([0, 1]))[1] == 1
    pts = pargist.xyz3(m3, chunks[0])
    assert pts.shape[0] == 3 and pts.shape[1:] == pargist.getv3(1, m3, chunks[0]).shape
    numpy.testing.assert_allclose(pargist.xyz3_rect(m3, chunks[0]), pts)
    cells = numpy.array([0, 7])
    corners = pargist.to_corners3(cells, 6, 6)
    assert corners.shape == (2, 2, 2, 2) and corners[0, 1, 1, 1] == 36 + 6 + 1
    numpy.testing.assert_allclose(pargist.getv3_rect(1, m3, cells), r.ravel()[corners])
    numpy.testing.assert_allclose(pargist.getc3(1, m3, cells), r.ravel()[corners].reshape(2, 8).mean(axis=1))
    numpy.testing.assert_allclose(pargist.getc3_rect(1, m3, chunks[0]).shape, numpy.array(pts.shape[1:]) - 1)
    assert pargist.xyz3(m3, cells).shape == (2, 3, 2, 2, 2)
    rect = pargist.mesh3(numpy.arange(3.0), numpy.arange(4.0), numpy.arange(5.0), funcs=[numpy.ones((2, 3, 4))])
    assert pargist.xyz3_unif(rect, numpy.array([[1, 1, 1], [2, 3, 4]])).shape == (3, 3, 4, 5)
    with pytest.raises(ValueError):
        pargist.getv3(1, rect, numpy.array([0]))         # cell-centred, not at the nodes
    numpy.testing.assert_allclose(pargist.getc3(1, rect, numpy.array([0, 1])), [1, 1])
    pts = numpy.random.default_rng(0).random((6, 3))
    irr = pargist.mesh3(pts[:, 0], pts[:, 1], pts[:, 2], funcs=[pts[:, 0]],
                        verts=[numpy.array([[0, 1, 2, 3]]), numpy.array([[0, 1, 2, 3, 4, 5]])])
    first = pargist.iterator3(irr)
    assert list(first) == [0]
    second = pargist.iterator3_irreg(irr, first, None)
    assert list(second) == [1]
    assert pargist.iterator3(irr, second) is None
    assert pargist.xyz3_irreg(irr, second).shape == (1, 3, 6)
    numpy.testing.assert_allclose(pargist.getv3_irreg(1, irr, first), pts[[0, 1, 2, 3], 0][None])
    numpy.testing.assert_allclose(pargist.getc3_irreg(1, irr, first), [pts[:4, 0].mean()])


def test_slice2_slice2x_and_precision():
    nv = numpy.array([4, 4])
    xyz = numpy.array([[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0], [1, 0, 0], [2, 0, 0], [2, 1, 0], [1, 1, 0.0]])
    vals = numpy.array([10.0, 20.0])
    plane = pargist.plane3([1, 0, 0], [0.5, 0, 0])
    f_nv, f_xyz, f_v = pargist.slice2(plane, nv, xyz, vals)
    assert list(f_v) == [20.0, 10.0] and f_xyz[:, 0].min() == 0.5
    out = pargist.slice2x(plane, nv, xyz, vals)
    assert len(out) == 6 and list(out[5]) == [10.0] and out[4][:, 0].max() == 0.5
    assert pargist.slice2(plane, None, None) == [None, None, None]
    bytes_in = numpy.array([3, 7], dtype=numpy.uint8)
    assert pargist.slice2(plane, nv, xyz, bytes_in)[2].dtype == numpy.uint8
    # a scalar "plane" slices at a level of the vertex values
    level = pargist.slice2(0.5, numpy.array([3]), xyz[:3], numpy.array([0.0, 1, 1]))
    assert list(level[0]) == [4]
    pargist.set_slice2_precision(0.25)
    assert pargist.get_slice2_precision() == 0.25
    assert pargist.slice2x(pargist.plane3([1, 0, 0], [1, 0, 0]), nv, xyz, vals)[1][:, 0].min() == 1.25
    with pytest.raises(ValueError):
        pargist.set_slice2_precision(-1)
    pargist.set_slice2_precision(0.0)


def test_slice3mesh_forms():
    z = numpy.arange(12.0).reshape(3, 4)
    nv, xyz, col = pargist.slice3mesh(z)
    assert list(nv) == [4] * 6 and xyz.shape == (24, 3) and col is None
    numpy.testing.assert_allclose(xyz[:4, :2], [[0, 0], [0, 1], [1, 1], [1, 0]])
    nv, xyz, col = pargist.slice3mesh(numpy.array([2, 3]), numpy.array([0.5, 2.0]), numpy.array([1.0, 0.0]), z,
                                      color=z)
    assert xyz[:, 0].max() == 2.0 and xyz[:, 1].max() == 6.0 and col.size == 6
    nv, xyz, col = pargist.slice3mesh(numpy.arange(3.0), numpy.arange(4.0), z, color=z, smooth=1)
    assert col.size == 24
    x2, y2 = numpy.meshgrid(numpy.arange(3.0), numpy.arange(4.0), indexing="ij")
    assert pargist.slice3mesh(x2, y2, z)[1].shape == (24, 3)
    with pytest.raises(ValueError):
        pargist.slice3mesh(z, color=numpy.ones((7, 7)))


def test_pl3surf_pl3tree_split_palette_and_prt(outdir, capsys):
    m3, _ = sphere_mesh(12)
    nv, xyz, _ = pargist.slice3(m3, 1, None, None, value=0.7)
    pargist.orient3()
    assert pargist.pl3surf(nv, xyz, lim=1) > 0
    lims = pargist.draw3(1)
    assert scenes()[0]["object"] == "pl3surf" and lims[0] < lims[1]
    pargist.pl3surf(nv, xyz, numpy.arange(nv.size, dtype=float), cmin=0, cmax=10, edges=1)
    pargist.draw3(1)
    with pytest.raises(ValueError):
        pargist.pl3surf(nv, xyz[:-1])
    pargist.split_palette("earth.gp")
    r, g, b = pargist.palette(query=1)
    assert len(r) == 200 and r[100] == 0 and r[199] == 255 == g[199] == b[199]
    numpy.testing.assert_array_equal(pargist.split_bytscl(numpy.array([0.0, 1.0]), 0), [0, 99])
    numpy.testing.assert_array_equal(pargist.split_bytscl(numpy.array([0.0, 1.0]), 1), [100, 199])
    plane = pargist.plane3([1, 0, 0], [0, 0, 0])
    np_, xyzp, vp = pargist.slice3(m3, plane, None, None, 1)
    pargist.clear3()
    pargist.pl3tree(np_, xyzp, vp, plane)
    pargist.pl3tree(nv, xyz)                      # sliced by the plane into two leaves
    pargist.pl3tree(nv[:10], xyz[:nv[:10].sum()], "bg", split=0, edges=1)
    assert pargist.has_multiple_components() == 1
    pargist.draw3(1)
    assert scenes()[0]["object"] == "pl3tree"
    pargist.pl3tree_prt()
    printed = capsys.readouterr().out
    assert "+DEPTH= 1" in printed and "plane=" in printed
    pargist.pl3_other_prt()
    pargist.pl3_other_prt([])
    assert "not a pl3tree" in capsys.readouterr().out
    path = os.path.join(outdir, "tree.png")
    pargist.png(path)
    img = matplotlib.image.imread(path)[..., :3]
    assert (numpy.ptp(img, axis=2) > 0.2).any()  # the coloured plane
    with pytest.raises(ValueError):
        pargist.pl3tree(nv, xyz, plane=[1, 2])
    pargist.palette("earth.gp")


def test_plzcont_and_pl4cont_bands():
    x = numpy.linspace(-2, 2, 21)
    z = numpy.exp(-numpy.add.outer(x * x, x * x))
    nv, xyz, _ = pargist.slice3mesh(x, x, z)
    for scale in ("lin", "log", "normal"):
        pargist.plzcont(nv, xyz, contours=5, scale=scale)
        assert pargist.get_draw3_list_()[8] is pargist.pl3tree
    pargist.plzcont(nv, xyz, contours=numpy.array([0.2, 0.5]), edges=1, color="bg")
    pargist.draw3(1)
    values = xyz[:, 0] + xyz[:, 1]
    pargist.pl4cont(nv, xyz, values, contours=4)
    tree = pargist.get_draw3_list_()[9].args[0]
    assert tree is not None
    with pytest.raises(ValueError):
        pargist.pl4cont(nv, xyz, values[:-1])
    with pytest.raises(ValueError):
        pargist.plzcont(nv, xyz, scale="cubic")


def test_spin3_and_movie_make_frames(outdir):
    pargist.hcp_file(os.path.join(outdir, "spin.cgm"))
    pargist.hcpon()
    pargist.orient3()
    pargist.plwf(numpy.outer(numpy.arange(5.0), numpy.arange(4.0)))
    pargist.draw3(1)
    before = numpy.array(pargist.getrot3_())
    pargist.spin3(nframes=5)
    numpy.testing.assert_allclose(pargist.getrot3_(), before)      # the view restored
    frames = []
    pargist.movie(lambda i: frames.append(i) or (i < 3), timing=1, bracket_time=0.0)
    assert frames == [1, 2, 3]
    pargist.movie_stats()
    name = pargist.hcp_finish()
    assert os.path.getsize(name) > 5 * 1000


def test_yorick_helpers():
    a = numpy.arange(12.0).reshape(3, 4)
    numpy.testing.assert_allclose(pargist.zcen_(a, 1), (a[:, 1:] + a[:, :-1]) / 2)
    numpy.testing.assert_allclose(pargist.dif_(a, 0), numpy.full((2, 4), 4.0))
    assert pargist.maxelt_(a, 20) == 20 and pargist.minelt_(a, -1) == -1 and pargist.maxelt_() is None
    b = numpy.array([0.0, 1.0])
    pargist.rem_0_(b)
    assert b[0] == 1e-35
    assert pargist.avg_(a) == 5.5 and pargist.sign_(0) == 1 and pargist.sign_(-2) == -1
    t = pargist.timer_(numpy.zeros(3))
    t2, split = pargist.timer_(t, numpy.zeros(3))
    assert (split >= 0).all()
    pargist.timer_print("a", split, "b", split)
    assert pargist.span(0, 1, 3).tolist() == [0, 0.5, 1]
    assert pargist.span(0, 1, 3, 2).shape == (3, 2)
    with pytest.raises(ValueError):
        pargist.zcen_(a, 2)
