"""Gist's 3-D viewing layer, as pygist's pl3d module has it: the viewing
transform (rot3, mov3, aim3, setz3, orient3, save3, restore3, undo3), the
lighting (light3), the 3-D display list (set3_object, draw3, clear3), the
gnomon, spin3, and the helpers that drawing functions use (get3_xy,
get3_light, get3_normal, get3_centroid, sort3d).

The object's coordinates stay unchanged; the viewer's coordinate system
(x right, y up, z out of the screen) turns around it. The built-in drawing
functions (plwf, pl3surf, pl3tree) put 3-D elements into the frame that keep
their data and the view: render() lights and orders them back to front, and
the live window turns them with the mouse (shift + left drag) without the
data being sent again. Only rank 0 draws; elsewhere draw3 does nothing.

The rotation matrix is pygist's: a point p is seen at
v[a] = sum_b (p[b] - org[b]) rot[b][a].
"""

import math
import time

import numpy

from . import _core
from . import gist
from ._state import is_root

__all__ = ["set_draw3_", "setrot3_", "rot3", "rot3_", "mov3", "aim3", "setz3", "orient3", "save3",
           "restore3", "light3", "light3_", "get3_light", "get3_normal", "get3_centroid", "get3_xy",
           "undo3", "set3_object", "setorg3_", "setzc3_", "getrot3_", "getorg3_", "getzc3_",
           "undo3_set_", "do_nothing", "clear_idler", "set_idler", "call_idler", "set_default_idler",
           "set_multiple_components", "has_multiple_components", "draw3_trigger", "clear3", "window3",
           "sort3d", "get_factors_", "get_square_", "limits_", "draw3", "get_draw3_",
           "get_draw3_list_", "get_draw3_n_", "set_default_gnomon", "gnomon", "gnomon_text_", "spin3"]

# ------------------------------------------------------------------ state

# The display list: view (rotation, origin, camera distance), then light
# (ambient, diffuse, specular, spower, sdir), then (function, argument)
# pairs. The first _draw3_n entries are the view and the light.
_draw3_view = [numpy.eye(3), numpy.zeros(3), None]
_draw3_nv = len(_draw3_view)
_light3_ambient = 0.2
_light3_diffuse = 1.0
_light3_specular = 0.0
_light3_spower = 2
_light3_sdir = numpy.array([1.0, 0.5, 1.0]) / math.sqrt(2.25)
_light3_list = [_light3_ambient, _light3_diffuse, _light3_specular, _light3_spower, _light3_sdir]
_draw3_list = [numpy.eye(3), numpy.zeros(3), None] + list(_light3_list)
_draw3_n = len(_draw3_list)

_draw3 = 0            # set_draw3_(1): draw after every change (get_draw3_)
_draw3_changes = None
_undo3_list = []
_undo3_limit = 100
_in_undo3 = 0
_multiple_components = 0
_square = 1
_xfactor = 1.0
_yfactor = 1.0
_gnomon = 0
_gnomon_chr = ["X", "Y", "Z"]
_gnomon_scale = 30.0   # axis length in points
_gnomon_x = 0.18       # gnomon origin, NDC
_gnomon_y = 0.42
_default_gnomon = 0
_orient3_phi = -math.pi / 4
_orient3_theta = math.pi / 6


class _Draw:
    """The argument a drawing function gets from draw3 (draw mode)."""

    def __init__(self, args):
        self.args = args


def set_draw3_(n):
    """set_draw3_(0 | 1): whether a change draws at once (1) or waits for draw3."""
    global _draw3
    _draw3 = n


def get_draw3_():
    return _draw3


def get_draw3_list_():
    return _draw3_list


def get_draw3_n_():
    return _draw3_n


def get_factors_():
    return [_xfactor, _yfactor]


def get_square_():
    return _square


def limits_(square=0, yfactor=1.0, xfactor=1.0):
    """limits_(square=, yfactor=, xfactor=): how draw3's returned limits are
    shaped: square=1 gives both axes the same scale; the factors widen them."""
    global _square, _xfactor, _yfactor
    _square, _xfactor, _yfactor = square, float(xfactor), float(yfactor)


# ------------------------------------------------------------ viewing

def getrot3_():
    return _draw3_list[0]


def getorg3_():
    return _draw3_list[1]


def getzc3_():
    return _draw3_list[2]


def setrot3_(x):
    old = _draw3_list[0]
    _draw3_list[0] = numpy.array(x, dtype=float).reshape(3, 3)
    undo3_set_(setrot3_, old)


def setorg3_(x):
    old = _draw3_list[1]
    _draw3_list[1] = numpy.array(x, dtype=float).reshape(3)
    undo3_set_(setorg3_, old)


def setzc3_(x):
    old = _draw3_list[2]
    _draw3_list[2] = None if x is None else float(x)
    undo3_set_(setzc3_, old)


def _view():
    return (numpy.ascontiguousarray(_draw3_list[0], dtype=float).ravel(),
            numpy.ascontiguousarray(_draw3_list[1], dtype=float), _draw3_list[2])


def _light():
    amb, dif, spec, spow, sdir = _draw3_list[_draw3_nv:_draw3_nv + 5]
    return (float(amb), float(dif), numpy.atleast_1d(numpy.asarray(spec, dtype=float)),
            numpy.atleast_1d(numpy.asarray(spow, dtype=float)), numpy.asarray(sdir, dtype=float).ravel())


def rot3(xa=0.0, ya=0.0, za=0.0):
    """rot3(xa, ya, za): turn the object xa radians about the viewer's x axis,
    then ya about its y axis, then za about its z axis."""
    setrot3_(_core.pl3_rotate(numpy.asarray(getrot3_(), dtype=float).ravel(), float(xa), float(ya), float(za)))


def rot3_(a, x, y):
    """The pair (x, y) turned by angle a: [cos a x + sin a y, -sin a x + cos a y]."""
    ca, sa = math.cos(a), math.sin(a)
    x, y = numpy.asarray(x, dtype=float), numpy.asarray(y, dtype=float)
    return [ca * x + sa * y, -sa * x + ca * y]


def mov3(xa=0.0, ya=0.0, za=0.0):
    """mov3(xa, ya, za): move the object along the viewer's axes."""
    move = numpy.array([xa, ya, za], dtype=float)
    setorg3_(numpy.asarray(getorg3_(), dtype=float) - numpy.dot(getrot3_(), move))


def aim3(xa=0.0, ya=0.0, za=0.0):
    """aim3(xa, ya, za): put the object point (xa, ya, za) at the viewer's origin."""
    setorg3_(numpy.array([xa, ya, za], dtype=float))


def setz3(zc=None):
    """setz3(zc): the camera at z = zc on the viewer's axis (perspective);
    setz3() puts it at infinity (the default)."""
    if zc is not None and numpy.ndim(zc) != 0:
        raise ValueError("setz3: the camera position must be a scalar")
    setzc3_(zc)


def orient3(**kw):
    """orient3(phi=, theta=): the object's z axis vertical on the screen,
    turned phi about it (0: object x along the viewer's x) and tilted theta
    towards the viewer. orient3() is phi = -pi/4, theta = pi/6. Given one
    angle, the other stays unless the z axis is not vertical now."""
    for name in kw:
        if name not in ("phi", "theta"):
            raise TypeError(f"orient3() got an unexpected keyword argument {name!r}")
    phi, theta = kw.get("phi"), kw.get("theta")
    if "phi" in kw and phi is None:
        phi = _orient3_phi
    if "theta" in kw and theta is None:
        theta = _orient3_theta
    if phi is None and theta is None:
        phi, theta = _orient3_phi, _orient3_theta
    elif phi is None or theta is None:
        rot = numpy.asarray(getrot3_(), dtype=float)
        z = rot[2]  # the object z axis in viewer coordinates
        if abs(z[0]) > 1e-6:  # not vertical on the screen
            if theta is None:
                theta = _orient3_theta
            else:
                phi = _orient3_phi
        elif theta is None:
            theta = _orient3_theta if abs(z[1]) < 1e-6 else math.atan2(z[2], z[1])
        else:
            y = numpy.array([0.0, z[2], -z[1]])
            x = rot[0]
            phi = math.atan2(float(numpy.dot(y, x)), x[0])
    x, y, z = numpy.eye(3)
    y, z = rot3_(float(theta), y, z)
    z, x = rot3_(float(phi), z, x)
    setrot3_(numpy.array([x, -z, y]))


def save3():
    """save3(): a copy of the view and light, for restore3."""
    return [numpy.copy(v) if isinstance(v, numpy.ndarray) else v for v in _draw3_list[:_draw3_n]]


def restore3(view=None):
    """restore3(view): the view and light saved by save3; restore3() the
    object in the viewer's axes with the default light."""
    global _draw3_list
    if view is None:
        view = [numpy.eye(3), numpy.zeros(3), None] + list(_light3_list)
    else:
        view = list(view)[:_draw3_n]
    old = _draw3_list[:_draw3_n]
    _draw3_list = list(view) + _draw3_list[_draw3_n:]
    undo3_set_(restore3, old)


# ------------------------------------------------------------ lighting

def light3(*args, **kw):
    """light3(ambient=, diffuse=, specular=, spower=, sdir=): the light of
    shaded surfaces: ambient plus diffuse |cos| of the angle between the
    surface normal and the view, plus specular highlights from sources in
    the directions sdir (a 3-vector or ns-by-3) with power spower.
    light3() returns to the default lighting."""
    if args:
        kw = dict(args[0])
    for name in kw:
        if name not in ("ambient", "diffuse", "specular", "spower", "sdir"):
            raise TypeError(f"light3() got an unexpected keyword argument {name!r}")
    old = _draw3_list[_draw3_nv:_draw3_nv + 5]
    given = {k: v for k, v in kw.items() if v is not None}
    for name in ("ambient", "diffuse"):
        if name in given and numpy.ndim(given[name]) != 0:
            raise ValueError(f"light3: {name} light level must be scalar")
    if "sdir" in given:
        sdir = numpy.asarray(given["sdir"], dtype=float)
        if sdir.ndim not in (1, 2) or sdir.shape[-1] != 3:
            raise ValueError("light3: lighting direction must be 3 vector or ns-by-3 array")
    spec = given.get("specular", _draw3_list[_draw3_nv + 2])
    spow = given.get("spower", _draw3_list[_draw3_nv + 3])
    sdir = given.get("sdir", _draw3_list[_draw3_nv + 4])
    ns = numpy.asarray(sdir, dtype=float).reshape(-1, 3).shape[0]
    for name, value in (("specular", spec), ("spower", spow)):
        if numpy.size(value) not in (1, ns) and max(numpy.size(spec), numpy.size(spow), ns) != numpy.size(value):
            raise ValueError("light3: specular, spower, and sdir not conformable")
    if not given:
        _draw3_list[_draw3_nv:_draw3_nv + 5] = list(_light3_list)
    else:
        for k, name in enumerate(("ambient", "diffuse", "specular", "spower", "sdir")):
            if name in given:
                value = given[name]
                _draw3_list[_draw3_nv + k] = float(value) if numpy.ndim(value) == 0 else numpy.asarray(value, float)
    undo3_set_(light3_, old)


def light3_(arg):
    _draw3_list[_draw3_nv:_draw3_nv + 5] = list(arg)[0:5]


def _mesh_points(xyz):
    """A 3-by-ni-by-nj mesh as (ni*nj, 3) points, first index fastest."""
    xyz = numpy.asarray(xyz, dtype=float)
    return numpy.ascontiguousarray(xyz.transpose(2, 1, 0).reshape(-1, 3)), xyz.shape[1], xyz.shape[2]


def _mesh_result(rows, ni, nj, depth):
    """(ni-1)*(nj-1) rows of `depth` values (first index fastest) as
    depth-by-(ni-1)-by-(nj-1) (or (ni-1)-by-(nj-1) for depth 1)."""
    a = numpy.asarray(rows).reshape(nj - 1, ni - 1, depth)
    return a[..., 0].T.copy() if depth == 1 else a.transpose(2, 1, 0).copy()


def get3_normal(xyz, *nxyz):
    """get3_normal(xyz, nxyz) or get3_normal(xyz): unit normals of the
    polygons (xyz sum(nxyz)-by-3; returns 3-by-len(nxyz)) or of the zones of
    a 3-by-ni-by-nj mesh (returns 3-by-(ni-1)-by-(nj-1))."""
    if nxyz:
        return _core.pl3_normals(numpy.asarray(xyz, dtype=float), numpy.asarray(nxyz[0])).T.copy()
    pts, ni, nj = _mesh_points(xyz)
    return _mesh_result(_core.pl3_normals(pts, None, ni, nj), ni, nj, 3)


def get3_centroid(xyz, *nxyz):
    """get3_centroid(xyz, nxyz) or get3_centroid(xyz): the mean vertex of each
    polygon (len(nxyz)-by-3) or of each mesh zone (3-by-(ni-1)-by-(nj-1))."""
    if nxyz:
        return _core.pl3_centroids(numpy.asarray(xyz, dtype=float), numpy.asarray(nxyz[0]))
    pts, ni, nj = _mesh_points(xyz)
    return _mesh_result(_core.pl3_centroids(pts, None, ni, nj), ni, nj, 3)


def get3_light(xyz, *nxyz):
    """get3_light(xyz, nxyz) or get3_light(xyz): the light3 lighting of the
    polygons (one value each) or of the zones of a 3-by-ni-by-nj mesh
    ((ni-1)-by-(nj-1)); xyz in the viewer's coordinates (get3_xy)."""
    if nxyz:
        xyz = numpy.asarray(xyz, dtype=float)
        n = numpy.asarray(nxyz[0])
        return _core.pl3_light(_light(), _view(), _core.pl3_normals(xyz, n), _core.pl3_centroids(xyz, n))
    pts, ni, nj = _mesh_points(xyz)
    light = _core.pl3_light(_light(), _view(), _core.pl3_normals(pts, None, ni, nj),
                            _core.pl3_centroids(pts, None, ni, nj))
    return _mesh_result(light, ni, nj, 1)


def get3_xy(xyz, *flg):
    """get3_xy(xyz) or get3_xy(xyz, 1): anything-by-3 object coordinates (or a
    3-by-k-by-l mesh) in the viewer's coordinates, same shape. With a camera
    (setz3), x and y are tangents of angles, and z is divided too if the
    second argument is non-zero."""
    xyz = numpy.asarray(xyz, dtype=float)
    getz = bool(flg and flg[0])
    if xyz.ndim == 3 and xyz.shape[0] == 3:
        pts = numpy.ascontiguousarray(xyz.reshape(3, -1).T)
        out = _project(pts, getz)
        return numpy.ascontiguousarray(out.T).reshape(xyz.shape)
    if xyz.ndim != 2 or xyz.shape[1] != 3:
        raise ValueError(f"get3_xy: xyz has a bad shape: {xyz.shape}")
    return _project(numpy.ascontiguousarray(xyz), getz)


def _project(pts, getz):
    out = _core.pl3_view_points(_view(), pts)
    if getzc3_() is not None and not getz:
        rot, org, _ = _view()
        out[:, 2] = _core.pl3_view_points((rot, org, None), pts)[:, 2]
    return out


def sort3d(z, npolys):
    """sort3d(z, npolys): [list, vlist] with npolys[list] and z[vlist] ordered
    from the smallest mean z to the largest (back to front), each polygon's
    vertices kept in their cyclic order."""
    lst, vlist = _core.pl3_sort3d(numpy.asarray(z, dtype=float), numpy.asarray(npolys))
    return [lst, vlist]


# ------------------------------------------------------------ undo

def undo3_set_(fnc, arg):
    global _undo3_list
    if not _in_undo3:
        if len(_undo3_list) >= 2 * _undo3_limit:
            _undo3_list = _undo3_list[:2 * _undo3_limit - 2]
        _undo3_list = [fnc, arg] + _undo3_list
    draw3_trigger()


def undo3(n=1):
    """undo3() or undo3(n): undo the last n rot3, orient3, mov3, aim3, setz3
    or light3 commands."""
    global _in_undo3, _undo3_list
    n = int(n)
    if n < 0 or 2 * n > len(_undo3_list):
        raise ValueError("undo3: not that many items in undo list")
    _in_undo3 = 1
    try:
        use, _undo3_list = _undo3_list[:2 * n], _undo3_list[2 * n:]
        for k in range(0, len(use), 2):
            use[k](use[k + 1])
    finally:
        _in_undo3 = 0
    draw3_trigger()


# ------------------------------------------------------------ display list

def set3_object(fnc, arg):
    """set3_object(drawing_function, [arg1, arg2, ...]): add a call
    drawing_function(args) to the 3-D display list; draw3 makes it with
    get_draw3_() true, when the function draws (get3_xy, sort3d, plfp...)."""
    global _draw3_list
    _draw3_list = _draw3_list + [fnc, arg]
    draw3_trigger()


def clear3():
    """Clear the current 3-D display list."""
    global _draw3_list
    _draw3_list = _draw3_list[:_draw3_n]
    set_multiple_components(0)


def draw3_trigger():
    """Mark the 3-D display list changed (drawn by the next draw3)."""
    global _draw3_changes
    _draw3_changes = 1


def do_nothing():
    return None


def _draw3_idler():
    orient3()
    current = gist.current_window()
    window3(0 if current is None or current < 0 else current)
    gnomon(_default_gnomon)
    lims = draw3(1)
    if lims is not None:
        gist.limits(lims[0], lims[1], lims[2], lims[3])


_idler = _draw3_idler


def clear_idler():
    set_idler(do_nothing)


def set_idler(fnc):
    global _idler
    _idler = fnc


def call_idler():
    _idler()


def set_default_idler():
    set_idler(_draw3_idler)


def set_multiple_components(n=0):
    global _multiple_components
    _multiple_components = n


def has_multiple_components():
    return _multiple_components


def window3(*n, **kw):
    """window3() or window3(n, hcp=, dump=): a window with style nobox for 3-D
    graphics (and its hardcopy file, sent every frame)."""
    for name in kw:
        if name not in ("hcp", "dump", "display", "dpi", "width", "height"):
            raise TypeError(f"window3() got an unexpected keyword argument {name!r}")
    extra = {k: v for k, v in kw.items() if k in ("display", "dpi", "width", "height")}
    args = tuple(n[:1])
    if "hcp" in kw:
        gist.window(*args, wait=1, style="nobox.gs", legends=0, hcp=kw["hcp"], dump=kw.get("dump", 0), **extra)
        gist.hcpon()
    else:
        gist.window(*args, wait=1, style="nobox.gs", legends=0, **extra)


def _shaped(box):
    """pygist's draw3 extent of one drawing: widened by the factors, square."""
    xmin, xmax, ymin, ymax = box
    xdif, ydif = xmax - xmin, ymax - ymin
    if _xfactor != 1.0:
        xmax, xmin = xmax + (_xfactor - 1.0) * xdif / 2.0, xmin - (_xfactor - 1.0) * xdif / 2.0
    if _yfactor != 1.0:
        ymax, ymin = ymax + (_yfactor - 1.0) * ydif / 2.0, ymin - (_yfactor - 1.0) * ydif / 2.0
    if _square:
        xdif, ydif = xmax - xmin, ymax - ymin
        if xdif > ydif:
            ymin, ymax = ymin - (xdif - ydif) / 2.0, ymax + (xdif - ydif) / 2.0
        elif ydif > xdif:
            xmin, xmax = xmin - (ydif - xdif) / 2.0, xmax + (ydif - xdif) / 2.0
    return [xmin, xmax, ymin, ymax]


def _union(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return [min(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3])]


def _extent(boxes):
    """What a drawing function returns to draw3: the box around what it
    drew (None if nothing)."""
    lims = None
    for box in boxes:
        lims = _union(lims, [float(v) for v in box])
    return lims


def draw3(called_as_idler=0, lims=None):
    """draw3(called_as_idler=0): draw the 3-D display list (after fma() when
    called_as_idler); returns [xmin, xmax, ymin, ymax] of what was drawn, as
    limits() takes them: widened by limits_'s factors and made square with
    limits_(square=1) (the default). Only rank 0 draws."""
    global _draw3_changes
    if called_as_idler:
        # fma() is collective and only rank 0 holds the display list: its
        # answer decides for every rank (called on every rank, as fma is).
        from . import parallel
        if not parallel.broadcast(bool(_draw3_changes)):
            return None
        gist.fma()
    elif not _draw3_changes:
        return None
    if not is_root():
        _draw3_changes = None
        return None
    set_draw3_(1)
    try:
        items = _draw3_list[_draw3_n:]
        given = lims
        lims = None
        for k in range(0, len(items) - 1, 2):
            fnc, arg = items[k], items[k + 1]
            got = fnc(arg)
            if given is None and got is not None:
                lims = _union(lims, [float(v) for v in got])
        if _gnomon:
            _gnomon_draw()
    finally:
        _draw3_changes = None
        set_draw3_(0)
    if given is not None:
        return given
    return None if lims is None else _shaped(lims)


# ------------------------------------------------------------ gnomon

def set_default_gnomon(*n):
    """The gnomon setting the automatic drawing (set_draw3_(1)) uses."""
    global _default_gnomon
    _default_gnomon = n[0] if n else 0


def gnomon(*on, **kw):
    """gnomon() toggles, gnomon(1) shows, gnomon(0) hides the gnomon: the
    object's x, y, z axes at the lower left, labelled (chr= three labels);
    a label is reversed when its axis points into the screen."""
    global _gnomon, _gnomon_chr
    for name in kw:
        if name != "chr":
            raise TypeError(f"gnomon() got an unexpected keyword argument {name!r}")
    old = _gnomon
    _gnomon = (1 - _gnomon) if not on else (1 if on[0] else 0)
    if old != _gnomon:
        draw3_trigger()
    labels = kw.get("chr", ["X", "Y", "Z"])
    if len(labels) != 3:
        raise ValueError("gnomon: chr= needs three labels")
    _gnomon_chr = [str(c) for c in labels]


def _gnomon_draw():
    _core.pl3_add_gnomon(_view(), float(_gnomon_x), float(_gnomon_y), float(_gnomon_scale), _gnomon_chr)


def gnomon_text_(chr, x, y, pts, invert):  # noqa: A002 - pygist's name
    """One gnomon label at NDC (x, y), pts points, reversed when invert."""
    col = "fg"
    if invert:
        gist.plsys(0)
        gist.plg(numpy.array([y, y]), numpy.array([x, x]), type=1, width=2.2 * pts, color=col, marks=0, legend="")
        gist.plsys(1)
        col = "bg"
    gist.plt(chr, x, y, justify="CH", color=col, height=pts, font="helvetica", opaque=0)


# ------------------------------------------------------------ spin3

def spin3(nframes=30, axis=(-1, 1, 0), tlimit=60.0, dtmin=0.0, bracket_time=(2.0, 2.0), lims=None,
          timing=0, angle=2.0 * math.pi):
    """spin3(nframes=30, axis=[-1, 1, 0]): a movie of the 3-D display list
    turning `angle` about `axis` over nframes frames (tlimit=, dtmin=,
    bracket_time= as for movie; lims= fixes the limits); the view is
    restored afterwards."""
    from .movie import movie
    axis = numpy.asarray(axis, dtype=float)
    nframes = int(nframes)
    if nframes < 2:
        raise ValueError("spin3: nframes must be at least 2")
    dtheta = angle / (nframes - 1)
    theta = math.acos(axis[2] / math.sqrt(float(numpy.dot(axis, axis))))
    phi = math.atan2(axis[1], axis[0] + (axis[0] == 0 and axis[1] == 0))
    orig = save3()

    def frame(i):
        if i >= nframes:
            return 0
        rot3(za=-phi)
        rot3(ya=-theta, za=dtheta)
        rot3(ya=theta, za=phi)
        got = draw3()
        if lims is None and got is not None:
            gist.limits(got[0], got[1], got[2], got[3])
        return 1

    try:
        movie(frame, tlimit, dtmin, bracket_time, lims, timing)
    finally:
        restore3(orig)


def _now():
    return time.perf_counter()
