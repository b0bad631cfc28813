"""pygist's slice3 module: slices of 3-D meshes as polygon lists, and the
drawing of such lists.

mesh3 describes a mesh and the functions on it; slice3 cuts it by a plane
(plane3) or along an isosurface of one of its functions into polygons
[nverts, xyzverts, values]; slice2 and slice2x clip polygon lists by a
plane; pl3surf and pl3tree draw them (shaded by light3, or coloured by
values; pl3tree orders several surfaces and planes with a b-tree), plzcont
and pl4cont draw contour bands on them, slice3mesh makes such a list from a
2-D mesh z(x, y).

A mesh made with lo= and hi= (each rank's inclusive global node box, as
Warp's field slices take it) is decomposed over the ranks: slice3 on it is
collective, every rank cuts its own block and only the polygons reach rank
0 (at most maxpolys=, cut on a coarser lattice when there would be more),
where slice3 returns them; elsewhere it returns [None, None, None]. Blocks
the surface or plane does not cross send nothing. The drawing functions
draw on rank 0 only.

As in pygist, xyzverts is sum(nverts)-by-3 and mesh arrays are indexed
[i, j, k] with i along x.
"""

import numpy

from . import _core, gist, parallel
from . import pl3d
from ._collective import agreement
from .pl3d import _Draw, _extent, _light, _view, clear3, call_idler, get_draw3_, get_draw3_list_, get_draw3_n_
from .pl3d import has_multiple_components, set3_object, set_multiple_components
from ._state import is_root

__all__ = ["plane3", "mesh3", "slice3", "slice3mesh", "iterator3", "iterator3_rect", "iterator3_irreg",
           "getv3", "getv3_rect", "getv3_irreg", "getc3", "getc3_rect", "getc3_irreg", "plzcont", "pl4cont",
           "slice2", "slice2x", "set_slice2_precision", "get_slice2_precision", "pl3surf", "pl3tree",
           "split_palette", "split_bytscl", "pl3tree_prt", "pl3_other_prt", "xyz3", "xyz3_rect",
           "xyz3_irreg", "xyz3_unif", "to_corners3"]

_chunk3_limit = 10000       # cells per chunk of iterator3
_slice2_precision = 0.0
_DEFAULT_MAXPOLYS = 200000  # polygons a decomposed slice3 sends to rank 0 at most


# ------------------------------------------------------------ planes, meshes

def plane3(normal, point):
    """plane3(normal, point): [nx, ny, nz, d] of the plane through point
    with that normal (normalized): the plane n . xyz = d."""
    normal = numpy.asarray(normal, dtype=float)
    point = numpy.asarray(point, dtype=float)
    if normal.shape != (3,) or point.shape != (3,):
        raise ValueError("plane3: normal and point must be 3-vectors")
    length = numpy.sqrt(numpy.dot(normal, normal))
    if length == 0:
        raise ValueError("plane3: the normal is zero")
    normal = normal / length
    return numpy.append(normal, numpy.dot(normal, point))


class Mesh3(list):
    """The value mesh3 returns: pygist's [virtuals, [cell dims, coordinates],
    functions] list, with what the compiled slicer needs as attributes."""
    kind = "curvilinear"   # uniform, rectilinear, curvilinear, irregular
    lower = upper = shape = None   # the decomposition (lo/hi given), else None
    comm = None
    maxpolys = 0

    @property
    def distributed(self):
        return self.lower is not None

    @property
    def funcs(self):
        return self[2]


def _is_int_triple(x):
    a = numpy.asarray(x)
    return a.ndim == 1 and a.size == 3 and a.dtype.kind in "iu"


def mesh3(x, y=None, z=None, **kw):
    """mesh3(x, y, z, funcs=[f1, ...]), mesh3(xyz, funcs=[...]),
    mesh3(nxnynz, dxdydz, x0y0z0, funcs=[...]), mesh3(x1, y1, z1, funcs=[...])
    or mesh3(x, y, z, funcs=[...], verts=cells):
    the mesh argument of slice3. x, y, z are 3-D node coordinates (or
    xyz, 3-by-nx-by-ny-by-nz), or three 1-D coordinate arrays, or the
    [nx, ny, nz] cells of a uniform mesh of size dxdydz from x0y0z0; with
    verts= (an ncells-by-n array of node indices, n = 4, 5, 6, 8, or a list
    of such arrays) x, y, z are the nodes of unstructured cells. The
    functions are node-centred (the shape of the nodes) or cell-centred (one
    fewer along each axis).

    Decomposed over the ranks: lo=, hi= give this rank's inclusive global
    node box and the functions (and 3-D coordinates) are this rank's blocks;
    comm= the communicator, shape= the global node shape when the
    coordinates do not tell it, maxpolys= the cap of slice3 (200000)."""
    allowed = {"funcs", "verts", "lo", "hi", "comm", "shape", "maxpolys"}
    for name in kw:
        if name not in allowed:
            raise TypeError(f"mesh3() got an unexpected keyword argument {name!r}")
    funcs = [numpy.asarray(f) for f in kw.get("funcs", [])]
    m3 = Mesh3()
    if "verts" in kw:
        return _mesh3_irregular(m3, x, y, z, kw["verts"], funcs)
    x = numpy.asarray(x)
    if x.ndim == 4 and x.shape[0] == 3 and min(x.shape) >= 2 and y is None and z is None:
        m3.kind = "curvilinear"
        xyz = numpy.asarray(x, dtype=float)
        dims = xyz.shape[1:]
        virtuals = [xyz3_rect, getv3_rect, getc3_rect, iterator3_rect]
    elif _is_int_triple(x) and y is not None and z is not None:
        m3.kind = "uniform"
        cells = [int(v) for v in x]
        if min(cells) < 1:
            raise ValueError("mesh3: nxnynz must be at least 1 cell per axis")
        size = numpy.asarray(y, dtype=float).reshape(3)
        origin = numpy.asarray(z, dtype=float).reshape(3)
        xyz = [size / numpy.array(cells, dtype=float), origin]   # cell size, origin
        dims = tuple(c + 1 for c in cells)
        virtuals = [xyz3_unif, getv3_rect, getc3_rect, iterator3_rect]
    elif x.ndim == 1 and y is not None and z is not None and numpy.ndim(y) == 1 and numpy.ndim(z) == 1:
        m3.kind = "rectilinear"
        xyz = [numpy.asarray(a, dtype=float) for a in (x, y, z)]
        dims = tuple(len(a) for a in xyz)
        virtuals = [xyz3_unif, getv3_rect, getc3_rect, iterator3_rect]
    else:
        y, z = numpy.asarray(y) if y is not None else None, numpy.asarray(z) if z is not None else None
        if x.ndim != 3 or min(x.shape) < 2 or y is None or z is None or y.shape != x.shape or z.shape != x.shape:
            raise ValueError("mesh3: X, Y, Z are not viable 3D coordinate mesh arrays")
        m3.kind = "curvilinear"
        xyz = numpy.array([x, y, z], dtype=float)
        dims = x.shape
        virtuals = [xyz3_rect, getv3_rect, getc3_rect, iterator3_rect]
    cell_dims = tuple(d - 1 for d in dims)
    m3.extend([virtuals, [cell_dims, xyz], []])
    if "lo" in kw or "hi" in kw:
        _distribute(m3, kw, dims)
        dims = tuple(u - l for l, u in zip(m3.lower, m3.upper))  # the block's nodes
        cell_dims = tuple(min(u, s - 1) - l for l, u, s in zip(m3.lower, m3.upper, m3.shape))
    for i, f in enumerate(funcs):
        if f.ndim != 3 or (f.shape != tuple(dims) and f.shape != tuple(cell_dims)):
            raise ValueError(f"mesh3: F{i} is not a viable 3D cell value (shape {f.shape}, nodes {tuple(dims)})")
        m3[2].append(f)
    return m3


def _distribute(m3, kw, dims):
    if "lo" not in kw or "hi" not in kw:
        raise TypeError("mesh3: a decomposed mesh needs both lo= and hi=")
    lo = [int(v) for v in kw["lo"]]
    hi = [int(v) for v in kw["hi"]]
    if len(lo) != 3 or len(hi) != 3:
        raise ValueError("mesh3: lo and hi need 3 entries")
    m3.lower, m3.upper = lo, [h + 1 for h in hi]
    m3.comm = kw.get("comm")
    m3.maxpolys = int(kw.get("maxpolys", _DEFAULT_MAXPOLYS) or 0)
    if m3.kind == "curvilinear":
        block = tuple(u - l for l, u in zip(m3.lower, m3.upper))
        if tuple(dims) != block:
            raise ValueError(f"mesh3: the coordinate blocks have shape {tuple(dims)}, the box lo..hi {block}")
        m3.shape = None if kw.get("shape") is None else [int(v) for v in kw["shape"]]
    else:
        m3.shape = [int(v) for v in dims]


def _mesh3_irregular(m3, x, y, z, verts, funcs):
    x, y, z = (numpy.asarray(a, dtype=float).ravel() for a in (x, y, z))
    if not (x.size == y.size == z.size):
        raise ValueError("mesh3: x, y and z of an unstructured mesh must have the same length")
    blocks = verts if isinstance(verts, (list, tuple)) else [verts]
    blocks = [numpy.asarray(b, dtype=numpy.int64) for b in blocks]
    ncells = 0
    for b in blocks:
        if b.ndim != 2 or b.shape[1] not in (4, 5, 6, 8):
            raise ValueError("mesh3: verts must be ncells-by-4, 5, 6 or 8 node indices")
        if b.size and (b.min() < 0 or b.max() >= x.size):
            raise ValueError("mesh3: verts refers to a node that does not exist")
        ncells += b.shape[0]
    m3.kind = "irregular"
    m3.extend([[xyz3_irreg, getv3_irreg, getc3_irreg, iterator3_irreg], [blocks, numpy.array([x, y, z])], []])
    for i, f in enumerate(funcs):
        if f.size != x.size and f.size != ncells:
            raise ValueError(f"mesh3: F{i} is not a viable 3D cell value")
        m3[2].append(f.ravel())
    return m3


# ------------------------------------------------------------ slice3

def slice3(m3, fslice, nverts=None, xyzverts=None, *args, **kw):
    """slice3(m3, fslice, nverts, xyzverts[, fcolor[, nointerp]], value=, node=):
    [nverts, xyzverts, values]: the polygons where m3 is cut by fslice --
    a plane [nx, ny, nz, d] (plane3), the isosurface value= of function
    number fslice (1-based), or a function fslice(m3, chunk) whose zero
    level is cut. fcolor (a function number, or a function fcolor(m3, cells,
    l, u, fsl, fsu, ihist) -- fcolor(m3, cells) with nointerp) gives the
    polygons' values: node-centred functions are interpolated along the cut
    edges and averaged over each polygon (or over the cell's corners with
    nointerp); node=1 returns the values at each vertex. Without fcolor
    values is None. No polygon: [None, None, None].

    Collective for a decomposed mesh (see the module); maxpolys= overrides
    the mesh's cap for this call."""
    for name in kw:
        if name not in ("value", "node", "maxpolys"):
            raise TypeError(f"slice3() got an unexpected keyword argument {name!r}")
    if len(args) > 2:
        raise TypeError("slice3() takes at most fcolor and nointerp after xyzverts")
    fcolor = args[0] if args else None
    nointerp = bool(args[1]) if len(args) > 1 and args[1] is not None else False
    if getattr(m3, "distributed", False):
        return _slice3_distributed(m3, fslice, fcolor, nointerp, kw)
    return _slice3_local(m3, fslice, fcolor, nointerp, kw)


def _cut_of(m3, fslice, kw, what="slice3"):
    """('plane', plane) or ('iso', function index, value) or ('function', f)."""
    if callable(fslice):
        return ("function", fslice)
    if "value" not in kw and numpy.ndim(fslice) == 1 and numpy.size(fslice) == 4:
        return ("plane", numpy.asarray(fslice, dtype=float))
    if numpy.ndim(fslice) == 0 and isinstance(fslice, (int, numpy.integer)) and not isinstance(fslice, bool):
        if kw.get("value") is None:
            raise ValueError(f"{what}: value= keyword required when FSLICE is mesh variable")
        if not 1 <= int(fslice) <= len(m3[2]):
            raise IndexError(f"{what}: no such mesh function as F{int(fslice)}")
        return ("iso", int(fslice), float(kw["value"]))
    raise TypeError(f"{what}: illegal form of FSLICE argument (a plane3, a function number or a function)")


def _color_of(m3, fcolor, what="slice3"):
    if fcolor is None or callable(fcolor):
        return fcolor
    if isinstance(fcolor, (int, numpy.integer)) and not isinstance(fcolor, bool):
        if not 1 <= int(fcolor) <= len(m3[2]):
            raise IndexError(f"{what}: no such mesh function as F{int(fcolor)}")
        return int(fcolor)
    raise TypeError(f"{what}: illegal form of FCOLOR argument (a function number or a function)")


def _none3(got):
    nv, xyz, values = got[:3]
    if nv is None or len(nv) == 0:
        return [None, None, None]
    return [numpy.asarray(nv, dtype=numpy.int64), xyz, values]


def _agree_function_numbers(comm, fslice, fcolor):
    """Every rank cuts and colours by the same mesh functions (one allreduce;
    the core checks the rest of the cut): else the same ValueError everywhere."""
    ids = numpy.array([fslice, fcolor], dtype=numpy.int64)
    both = parallel.parallelmax(numpy.concatenate([ids, -ids]), comm=comm)
    for k, what in enumerate(("FSLICE", "FCOLOR")):
        if both[k] != -both[2 + k]:
            raise ValueError(f"slice3: ranks disagree on the function number {what}")


def _slice3_distributed(m3, fslice, fcolor, nointerp, kw):
    comm = parallel.get_comm(m3.comm)
    with agreement(comm):
        cut = _cut_of(m3, fslice, kw)
        if cut[0] == "function":
            raise TypeError("slice3: a decomposed mesh is cut by a plane or an isosurface, not a function")
        fcolor = _color_of(m3, fcolor)
        if callable(fcolor):
            raise TypeError("slice3: a decomposed mesh is coloured by a function number, not a function")
        node_field = next((f for f in m3[2] if f.shape == tuple(u - l for l, u in zip(m3.lower, m3.upper))), None)
        field = m3[2][cut[1] - 1] if cut[0] == "iso" else (m3[2][fcolor - 1] if fcolor else node_field)
        if field is None:
            field = numpy.zeros(tuple(u - l for l, u in zip(m3.lower, m3.upper)))
        if field.shape != tuple(u - l for l, u in zip(m3.lower, m3.upper)):
            raise ValueError("slice3: the isosurface function must be node-centred")
        coords = _coords_of(m3)
        maxpolys = int(kw.get("maxpolys", m3.maxpolys) or 0)
    _agree_function_numbers(m3.comm, cut[1] if cut[0] == "iso" else 0, fcolor or 0)
    shape = m3.shape
    if shape is None:
        shape = [int(v) for v in parallel.parallelmax(numpy.array(m3.upper, dtype=numpy.int64), comm=m3.comm)]
    color = None
    color_cells = False
    if fcolor:
        color = m3[2][fcolor - 1]
        color_cells = color.shape != field.shape
    cutd = {"kind": "plane", "plane": cut[1]} if cut[0] == "plane" else {"kind": "iso", "value": cut[2]}
    got = _core.slice3_grid(comm, _float_block(field), m3.lower, m3.upper, shape, coords, cutd,
                            None if color is None else _float_block(color), color_cells, nointerp,
                            bool(kw.get("node", 0)), maxpolys, 0)
    m3.last_info = got[3]
    return _none3(got)


def _float_block(a):
    a = numpy.asarray(a)
    return a if a.dtype in (numpy.float32, numpy.float64) else a.astype(numpy.float64)


def _coords_of(m3):
    xyz = m3[1][1]
    if m3.kind == "uniform":
        return {"kind": "uniform", "spacing": xyz[0], "origin": xyz[1]}
    if m3.kind == "rectilinear":
        return {"kind": "rectilinear", "axes": xyz}
    return {"kind": "curvilinear", "xyz": [xyz[0], xyz[1], xyz[2]]}


def _slice3_local(m3, fslice, fcolor, nointerp, kw):
    cut = _cut_of(m3, fslice, kw)
    fcolor = _color_of(m3, fcolor)
    node = bool(kw.get("node", 0))
    if m3.kind == "irregular":
        return _slice3_irregular(m3, cut, fcolor, nointerp, node)
    dims = tuple(d + 1 for d in m3[1][0])
    self_comm = _core.Comm.self_comm()
    if cut[0] == "function":
        field = numpy.asarray(cut[1](m3, _whole_chunk(m3)), dtype=float)
        if field.shape != dims:
            raise ValueError(f"slice3: the slicing function returned shape {field.shape}, the mesh has {dims}")
        cutd = {"kind": "iso", "value": 0.0}
    elif cut[0] == "iso":
        field = m3[2][cut[1] - 1]
        if field.shape != dims:
            raise ValueError("slice3: the isosurface function must be node-centred")
        cutd = {"kind": "iso", "value": cut[2]}
    else:
        field = next((f for f in m3[2] if f.shape == dims), numpy.zeros(dims))
        cutd = {"kind": "plane", "plane": cut[1]}
    color = None
    color_cells = False
    if isinstance(fcolor, int):
        color = m3[2][fcolor - 1]
        color_cells = color.shape != dims
    want_cells = callable(fcolor)
    got = _core.slice3_grid(self_comm, _float_block(field), [0, 0, 0], list(dims), list(dims), _coords_of(m3),
                            cutd, None if color is None else _float_block(color), color_cells, nointerp, node,
                            int(kw.get("maxpolys", 0) or 0), 0, want_cells)
    result = _none3(got)
    if want_cells and result[0] is not None:
        result[2] = _call_fcolor(m3, fcolor, nointerp, result, got[3], field, cutd, dims)
    return result


def _whole_chunk(m3):
    """The chunk of the whole mesh, as iterator3_rect's chunks are."""
    return numpy.array([[1, 1, 1], list(m3[1][0])])


# Corner numbering: Yorick's di + 2 dj + 4 dk (the compiled slicer's) to
# pygist's 4 di + 2 dj + dk; the slicer's 12 edges by their two corners.
_YORICK_TO_PYGIST = numpy.array([0, 4, 2, 6, 1, 5, 3, 7])
_EDGE_LOWER = numpy.array([0, 2, 4, 6, 0, 1, 4, 5, 0, 1, 2, 3])
_EDGE_UPPER = numpy.array([1, 3, 5, 7, 2, 3, 6, 7, 4, 5, 6, 7])


def _call_fcolor(m3, fcolor, nointerp, result, info, field, cutd, dims):
    """pygist's colour function protocol: fcolor(m3, clist) with nointerp,
    otherwise fcolor(m3, clist, l, u, fsl, fsu, ihist) with the edge
    interpolation coefficients of every vertex."""
    nverts = result[0]
    nx, ny, nz = dims
    c = info["cells"]   # the linear index (x fastest) of each cell's lowest node
    i, j, k = c % nx, (c // nx) % ny, c // (nx * ny)
    clist = (i * (ny - 1) + j) * (nz - 1) + k
    if nointerp:
        return numpy.asarray(fcolor(m3, clist), dtype=float)
    edges = info["edges"].astype(numpy.int64)
    ihist = numpy.repeat(numpy.arange(len(nverts)), nverts)
    lower = _YORICK_TO_PYGIST[_EDGE_LOWER[edges]] + 8 * ihist
    upper = _YORICK_TO_PYGIST[_EDGE_UPPER[edges]] + 8 * ihist
    corners = to_corners3(clist, ny, nz).reshape(-1)
    if cutd["kind"] == "plane":
        pts = xyz3(m3, _whole_chunk(m3))
        fs = (numpy.tensordot(cutd["plane"][:3], pts, axes=1) - cutd["plane"][3]).ravel()[corners]
    else:
        fs = (field - cutd["value"]).ravel()[corners]
    fsl, fsu = fs[lower], fs[upper]
    denom = fsu - fsl
    return numpy.asarray(fcolor(m3, clist, lower, upper, fsl / denom, fsu / denom, ihist), dtype=float)


def _slice3_irregular(m3, cut, fcolor, nointerp, node):
    blocks, xyz = m3[1][0], m3[1][1]
    pts = numpy.ascontiguousarray(xyz.T)
    if cut[0] == "plane":
        f = pts @ cut[1][:3] - cut[1][3]
    elif cut[0] == "iso":
        f = numpy.asarray(m3[2][cut[1] - 1], dtype=float) - cut[2]
        if f.size != pts.shape[0]:
            raise ValueError("slice3: the isosurface function must be node-centred")
    else:
        raise TypeError("slice3: an unstructured mesh is cut by a plane or an isosurface")
    if callable(fcolor):
        raise TypeError("slice3: an unstructured mesh is coloured by a function number")
    color = None if fcolor is None else numpy.asarray(m3[2][fcolor - 1], dtype=float)
    got = _core.slice3_cells([(b.shape[1], b) for b in blocks], pts, f, color, nointerp, node)
    return _none3(got)


# ------------------------------------------------------------ slice2

def set_slice2_precision(precision):
    """How slice2 treats points near the plane: 0 clips exactly (points on
    the plane count as in front); a positive value clips to planes that far
    on either side and drops polygons between them."""
    global _slice2_precision
    precision = float(precision)
    if not precision >= 0:
        raise ValueError("slice2 precision must be a number >= 0")
    _slice2_precision = precision


def get_slice2_precision():
    return _slice2_precision


def _values_in(values):
    if values is None or isinstance(values, str):
        return None, None
    v = numpy.asarray(values)
    return numpy.asarray(v, dtype=float), v.dtype


def _values_out(values, dtype):
    if values is None or dtype is None:
        return None
    return values.astype(dtype) if dtype != numpy.float64 else values


def slice2(plane, nverts, xyzverts, values=None, _slice2x=0):
    """slice2(plane, nverts, xyzverts, values): [nverts, xyzverts, values] of
    the polygons (and parts of polygons) on the positive side of plane
    (n . xyz - d >= 0); a scalar plane instead keeps where the vertex values
    are at least that level. None in, None out (the other ranks of a
    decomposed slice3)."""
    if nverts is None or xyzverts is None or len(nverts) == 0:
        return [None] * (6 if _slice2x else 3)
    vals, dtype = _values_in(values)
    if numpy.ndim(plane) == 0:
        plane = float(plane)
    else:
        plane = numpy.asarray(plane, dtype=float)
    got = _core.slice2(numpy.asarray(nverts), numpy.asarray(xyzverts, dtype=float), vals, plane,
                       _slice2_precision, bool(_slice2x))
    out = []
    for k in range(0, len(got), 3):
        nv, xyz, v = got[k:k + 3]
        if len(nv) == 0:
            out.extend([None, None, None])
        else:
            out.extend([numpy.asarray(nv, dtype=numpy.int64), xyz, _values_out(v, dtype)])
    return out


def slice2x(plane, nverts, xyzverts, values=None):
    """slice2x(plane, nverts, xyzverts, values): [nverts, xyzverts, values,
    nvertb, xyzvertb, valueb]: the positive side of plane, then the negative
    side (see slice2)."""
    return slice2(plane, nverts, xyzverts, values, 1)


# ------------------------------------------------------------ slice3mesh

def slice3mesh(xyz, *args, **kw):
    """slice3mesh(z, color=), slice3mesh(nxny, dxdy, x0y0, z, color=) or
    slice3mesh(x, y, z, color=): [nverts, xyzverts, color], the quadrilaterals
    of the surface z over a 2-D mesh (x, y 1-D or 2-D, or the nodes
    x0y0 + i * dxdy); color cell-centred or node-centred (averaged over each
    cell, or per vertex with smooth=1)."""
    for name in kw:
        if name not in ("color", "smooth"):
            raise TypeError(f"slice3mesh() got an unexpected keyword argument {name!r}")
    two_d = False
    if len(args) == 0:
        z = numpy.asarray(xyz, dtype=float)
        if z.ndim != 2:
            raise ValueError("slice3mesh: z must be two dimensional")
        ncx, ncy = z.shape
        x, y = numpy.arange(ncx, dtype=float), numpy.arange(ncy, dtype=float)
    elif len(args) == 3:
        nxny, dxdy, x0y0 = xyz, numpy.asarray(args[0], dtype=float), numpy.asarray(args[1], dtype=float)
        ncx, ncy = int(nxny[0]) + 1, int(nxny[1]) + 1
        x = numpy.arange(ncx, dtype=float) * dxdy[0] + x0y0[0]
        y = numpy.arange(ncy, dtype=float) * dxdy[1] + x0y0[1]
        z = numpy.asarray(args[2], dtype=float)
        if z.shape != (ncx, ncy):
            raise ValueError("slice3mesh: the shape of z must match the shape of x and y")
    elif len(args) == 2:
        x, y, z = numpy.asarray(xyz, dtype=float), numpy.asarray(args[0], dtype=float), numpy.asarray(args[1], dtype=float)
        if x.ndim == 2:
            two_d = True
            if x.shape != y.shape or x.shape != z.shape:
                raise ValueError("slice3mesh: the shapes of x, y, and z must match")
            ncx, ncy = x.shape
        elif x.ndim == 1:
            ncx, ncy = x.size, y.size
            if z.shape != (ncx, ncy):
                raise ValueError("slice3mesh: the shape of z must match the shape of x and y")
        else:
            raise ValueError("slice3mesh: unable to decipher arguments")
    else:
        raise TypeError("slice3mesh: unable to decipher arguments")
    if not two_d:
        x, y = numpy.broadcast_to(x[:, None], (ncx, ncy)), numpy.broadcast_to(y[None, :], (ncx, ncy))

    def corners(a):  # per cell: lower left, upper left, upper right, lower right
        a = numpy.asarray(a)
        return numpy.stack([a[:-1, :-1], a[:-1, 1:], a[1:, 1:], a[1:, :-1]], axis=-1).reshape(-1, 4)

    xyzverts = numpy.stack([corners(x).ravel(), corners(y).ravel(), corners(z).ravel()], axis=1)
    nverts = numpy.full((ncx - 1) * (ncy - 1), 4, dtype=numpy.int64)
    color = kw.get("color")
    col = None
    if color is not None:
        color = numpy.asarray(color, dtype=float)
        if color.shape == (ncx - 1, ncy - 1):
            col = color.ravel()
        elif color.shape == (ncx, ncy):
            col = corners(color)
            col = col.ravel() if kw.get("smooth") else col.mean(axis=1)
        else:
            raise ValueError("slice3mesh: color must be cell-centered or vertex centered")
    return [nverts, xyzverts, col]


# ------------------------------------------------------------ mesh access

def iterator3(m3, chunk=None, clist=None):
    """iterator3(m3): the first chunk of the mesh (at most 10000 cells);
    iterator3(m3, chunk): the next one, or None; iterator3(m3, chunk, clist):
    the absolute cell indices of the chunk's relative cell list."""
    return m3[0][3](m3, chunk, clist)


def iterator3_rect(m3, chunk, clist):
    nx, ny, nz = m3[1][0]
    slab = ny * nz  # cells per i
    step = max(1, _chunk3_limit // max(slab, 1))
    if chunk is None:
        return numpy.array([[1, 1, 1], [min(step, nx), ny, nz]])
    chunk = numpy.asarray(chunk)
    if clist is not None:
        return numpy.asarray(clist) + (chunk[0, 0] - 1) * slab
    if chunk[1, 0] >= nx:
        return None
    first = chunk[1, 0] + 1
    return numpy.array([[first, 1, 1], [min(first + step - 1, nx), ny, nz]])


def iterator3_irreg(m3, chunk, clist):
    blocks = m3[1][0]
    if chunk is None:
        block, start = 0, 0
    else:
        if clist is not None:
            return numpy.asarray(chunk)[numpy.asarray(clist)]
        block, start = _block_of(blocks, int(chunk[-1]) + 1)
        if block is None:
            return None
    offset = sum(b.shape[0] for b in blocks[:block])
    while block < len(blocks) and start >= blocks[block].shape[0]:
        offset += blocks[block].shape[0]
        block, start = block + 1, 0
    if block >= len(blocks):
        return None
    stop = min(start + _chunk3_limit, blocks[block].shape[0])
    return numpy.arange(offset + start, offset + stop)


def _block_of(blocks, cell):
    """(block, cell within it) of an absolute cell index; (None, 0) past the end."""
    for k, b in enumerate(blocks):
        if cell < b.shape[0]:
            return k, cell
        cell -= b.shape[0]
    return None, 0


def to_corners3(list, nj, nk):  # noqa: A002 - pygist's name
    """to_corners3(list, nj, nk): the len(list)-by-2-by-2-by-2 node indices of
    the corners of the cells `list` of an (ni-1)-by-(nj-1)-by-(nk-1) grid of
    cells, in the ni-by-nj-by-nk nodes (C order)."""
    cells = numpy.asarray(list, dtype=numpy.int64)
    k = cells % (nk - 1)
    j = (cells // (nk - 1)) % (nj - 1)
    i = cells // ((nk - 1) * (nj - 1))
    base = (i * nj + j) * nk + k
    adder = numpy.array([[[0, 1], [nk, nk + 1]], [[nj * nk, nj * nk + 1], [nk + nj * nk, nk + nj * nk + 1]]])
    return base[:, None, None, None] + adder[None]


def xyz3(m3, chunk):
    """xyz3(m3, chunk): node coordinates of a chunk (3-by-ni-by-nj-by-nk for
    an iterator3 chunk, ncells-by-3-by-2-by-2-by-2 for a cell list)."""
    return m3[0][0](m3, chunk)


def _is_cell_list(chunk):
    a = numpy.asarray(chunk)
    return a.ndim == 1


def xyz3_rect(m3, chunk):
    xyz = m3[1][1]
    if _is_cell_list(chunk):
        nj, nk = xyz.shape[2], xyz.shape[3]
        corners = to_corners3(chunk, nj, nk)
        return numpy.stack([xyz[a].ravel()[corners] for a in range(3)], axis=1)
    c = numpy.asarray(chunk)
    return xyz[:, c[0, 0] - 1:c[1, 0] + 1, c[0, 1] - 1:c[1, 1] + 1, c[0, 2] - 1:c[1, 2] + 1]


def xyz3_unif(m3, chunk):
    nodes = [d + 1 for d in m3[1][0]]
    if m3.kind == "uniform":
        size, origin = m3[1][1]
        axes = [origin[a] + size[a] * numpy.arange(nodes[a]) for a in range(3)]
    else:
        axes = m3[1][1]
    grid = numpy.array(numpy.meshgrid(*axes, indexing="ij"))
    if _is_cell_list(chunk):
        corners = to_corners3(chunk, nodes[1], nodes[2])
        return numpy.stack([grid[a].ravel()[corners] for a in range(3)], axis=1)
    c = numpy.asarray(chunk)
    return grid[:, c[0, 0] - 1:c[1, 0] + 1, c[0, 1] - 1:c[1, 1] + 1, c[0, 2] - 1:c[1, 2] + 1]


def xyz3_irreg(m3, chunk):
    corners = _irreg_corners(m3, chunk)
    xyz = m3[1][1]
    return numpy.stack([xyz[a][corners] for a in range(3)], axis=1)


def _irreg_corners(m3, chunk):
    """The node indices (ncells-by-n) of a list of cells of one shape."""
    cells = numpy.asarray(chunk, dtype=numpy.int64)
    blocks = m3[1][0]
    block, first = _block_of(blocks, int(cells[0]))
    if block is None:
        raise IndexError("xyz3: cell index past the mesh")
    offset = int(cells[0]) - first
    return blocks[block][cells - offset]


def getv3(i, m3, chunk):
    """getv3(i, m3, chunk): the node values of function i (1-based) on a
    chunk (ni-by-nj-by-nk) or a cell list (ncells-by-2-by-2-by-2)."""
    return m3[0][1](i, m3, chunk)


def _func(m3, i):
    if not 1 <= int(i) <= len(m3[2]):
        raise IndexError(f"no such mesh function as F{i}")
    return m3[2][int(i) - 1]


def getv3_rect(i, m3, chunk):
    f = _func(m3, i)
    nodes = tuple(d + 1 for d in m3[1][0])
    if f.shape != nodes:
        raise ValueError(f"getv3: mesh function F{i} is not vertex-centered")
    if _is_cell_list(chunk):
        return f.ravel()[to_corners3(chunk, nodes[1], nodes[2])]
    c = numpy.asarray(chunk)
    return f[c[0, 0] - 1:c[1, 0] + 1, c[0, 1] - 1:c[1, 1] + 1, c[0, 2] - 1:c[1, 2] + 1]


def getv3_irreg(i, m3, chunk):
    f = _func(m3, i)
    if f.size != m3[1][1].shape[1]:
        raise ValueError(f"getv3: mesh function F{i} is not vertex-centered")
    return f[_irreg_corners(m3, chunk)]


def getc3(i, m3, chunk, *args):
    """getc3(i, m3, chunk) or getc3(i, m3, clist, l, u, fsl, fsu, cells):
    cell values of function i on a chunk or a cell list; a node-centred
    function is averaged over the corners, or with the edge coefficients
    l, u, fsl, fsu interpolated on the cut edges and averaged per polygon
    (cells: the polygon of each vertex)."""
    return m3[0][2](i, m3, chunk, *args)


def _interpolated(corners, l, u, fsl, fsu, cells):
    edge = (corners[l] * fsu - corners[u] * fsl) / (fsu - fsl)
    cells = numpy.asarray(cells)
    return numpy.bincount(cells, weights=edge) / numpy.bincount(cells)


def getc3_rect(i, m3, chunk, l=None, u=None, fsl=None, fsu=None, cells=None):
    f = _func(m3, i)
    dims = tuple(m3[1][0])
    nodes = tuple(d + 1 for d in dims)
    if f.shape == dims:  # cell-centred
        if _is_cell_list(chunk):
            return f.ravel()[numpy.asarray(chunk)]
        c = numpy.asarray(chunk)
        return f[c[0, 0] - 1:c[1, 0], c[0, 1] - 1:c[1, 1], c[0, 2] - 1:c[1, 2]]
    if _is_cell_list(chunk):
        corners = f.ravel()[to_corners3(chunk, nodes[1], nodes[2])].reshape(-1)
        if l is None:
            return corners.reshape(-1, 8).mean(axis=1)
        return _interpolated(corners, l, u, fsl, fsu, cells)
    v = getv3_rect(i, m3, chunk)
    for axis in range(3):
        lo = [slice(None)] * 3
        hi = [slice(None)] * 3
        lo[axis], hi[axis] = slice(0, -1), slice(1, None)
        v = 0.5 * (v[tuple(lo)] + v[tuple(hi)])
    return v


def getc3_irreg(i, m3, chunk, l=None, u=None, fsl=None, fsu=None, cells=None):
    f = _func(m3, i)
    nodes = m3[1][1].shape[1]
    cell_index = numpy.asarray(chunk, dtype=numpy.int64)
    if f.size != nodes:
        return f[cell_index]
    corners = f[_irreg_corners(m3, chunk)]
    if l is None:
        return corners.mean(axis=1)
    return _interpolated(corners.reshape(-1), l, u, fsl, fsu, cells)


# ------------------------------------------------------------ drawing

def _fill_of(values, nverts):
    """('shade'|'values'|'colors'|'background', data) of pl3surf/pl3tree values."""
    if values is None:
        return "shade", None
    if isinstance(values, str):
        if values in ("bg", "background"):
            return "background", None
        raise ValueError(f"pl3tree: values must be an array or 'bg', got {values!r}")
    v = numpy.asarray(values)
    if v.dtype == numpy.uint8:
        return "colors", v
    return "values", numpy.asarray(v, dtype=float)


def _poly_list(nverts, xyzverts, what):
    nverts = numpy.asarray(nverts)
    if nverts.dtype.kind not in "iu" or nverts.ndim != 1:
        raise ValueError(f"{what}: illegal or inconsistent polygon list (nverts must be integers)")
    xyzverts = numpy.ascontiguousarray(xyzverts, dtype=float)
    if xyzverts.ndim != 2 or xyzverts.shape[1] != 3 or xyzverts.shape[0] != int(nverts.sum()) or \
            (nverts < 3).any():
        raise ValueError(f"{what}: illegal or inconsistent polygon list")
    return nverts.astype(numpy.int64), xyzverts


def pl3surf(nverts, xyzverts=None, values=None, cmin=None, cmax=None, lim=None, edges=0):
    """pl3surf(nverts, xyzverts[, values], cmin=, cmax=, edges=): the polygons
    of slice3 (or slice2, slice3mesh) drawn back to front, coloured by
    values (one per polygon) or shaded by the light3 lighting. lim=1
    returns the largest |x| or |y| of the view."""
    if isinstance(nverts, _Draw):
        nverts, xyz, values, cmin, cmax, _lim, edges = nverts.args
        fill, data = _fill_of(values, nverts)
        polys = (nverts, xyz, fill, data, cmin, cmax, False, bool(edges))
        return _extent(_core.pl3_add_surface(_view(), _light(), True, polys))
    nverts, xyzverts = _poly_list(nverts, xyzverts, "pl3surf")
    if values is not None:
        values = numpy.asarray(values, dtype=float)
        if values.size != nverts.size:
            raise ValueError("pl3surf: illegal or inconsistent polygon color values")
    clear3()
    set3_object(pl3surf, _Draw([nverts, xyzverts, values, cmin, cmax, lim, edges]))
    if get_draw3_():
        call_idler()
    if lim:
        return float(numpy.max(numpy.abs(pl3d.get3_xy(xyzverts, 1)[:, 0:2])))
    return None


def pl3tree(nverts, xyzverts=None, values=None, plane=None, cmin=None, cmax=None, split=1, edges=0):
    """pl3tree(nverts, xyzverts, values=, plane=, cmin=, cmax=, split=1,
    edges=0): add a polygon list to the 3-D b-tree: an isosurface (no
    values: shaded, colours 100-199 of a split palette) or polygons with
    values (colours 0-99; uint8 values are colours as they are; 'bg' the
    background) lying in plane, which then slices the tree. Drawn from any
    view back to front: each plane's far side, the plane, its near side."""
    if isinstance(nverts, _Draw):
        tree, _minmax = nverts.args
        return _extent(_core.pl3_add_tree(_view(), _light(), True, bool(has_multiple_components()),
                                          _tree_nodes(tree)))
    if nverts is None:  # the empty result of slice3 or slice2 (e.g. other ranks)
        return None
    nverts, xyzverts = _poly_list(nverts, xyzverts, "pl3tree")
    if isinstance(values, str):
        values = "bg" if values in ("bg", "background") else values
        if values != "bg":
            raise ValueError("pl3tree: values must be an array or 'bg'")
    elif values is not None:
        values = numpy.array(values)
        if values.size == nverts.sum() and values.size != nverts.size:
            # node-centred: averaged over each polygon
            owner = numpy.repeat(numpy.arange(nverts.size), nverts)
            values = (numpy.bincount(owner, weights=values.astype(float)) / nverts).astype(values.dtype)
        if values.size != nverts.size:
            raise ValueError("pl3tree: illegal or inconsistent polygon color values")
    if plane is not None:
        plane = numpy.asarray(plane, dtype=float)
        if plane.shape != (4,):
            raise ValueError("pl3tree: illegal plane format, try plane3 function")
    leaf = [[nverts, xyzverts, values, cmin, cmax, split, edges]]
    minmax = numpy.array([xyzverts[:, 0].min(), xyzverts[:, 0].max(), xyzverts[:, 1].min(),
                          xyzverts[:, 1].max(), xyzverts[:, 2].min(), xyzverts[:, 2].max()])
    items = get_draw3_list_()[get_draw3_n_():]
    if not items or items[0] is not pl3tree:
        tree = [plane, [], leaf, []]
    else:
        tree, old = items[1].args
        minmax = numpy.array([min(minmax[0], old[0]), max(minmax[1], old[1]), min(minmax[2], old[2]),
                              max(minmax[3], old[3]), min(minmax[4], old[4]), max(minmax[5], old[5])])
        _pl3tree_add(leaf, plane, tree)
        set_multiple_components(1)
    multiple = has_multiple_components()
    clear3()
    set_multiple_components(multiple)
    set3_object(pl3tree, _Draw([tree, minmax]))
    if get_draw3_():
        call_idler()
    return None


def _tree_nodes(tree):
    """The b-tree as the node list pl3_add_tree takes (root first)."""
    nodes = []

    def add(t):
        if not t:
            return -1
        index = len(nodes)
        nodes.append(None)
        back = add(t[1])
        front = add(t[3])
        items = []
        for nv, xyz, values, cmin, cmax, split, edges in t[2]:
            fill, data = _fill_of(values, nv)
            items.append((nv, xyz, fill, data, cmin, cmax, bool(split), bool(edges)))
        nodes[index] = (t[0], back, front, items)
        return index

    add(tree)
    return nodes


def _pl3tree_add(leaf, plane, tree):
    if tree[0] is not None:
        # a node: slice the new leaf (or plane) by its plane and go down both sides
        back, front = _pl3tree_slice(tree[0], leaf)
        if back:
            if tree[1]:
                _pl3tree_add(back, plane, tree[1])
            else:
                tree[1] = [None, [], back, []]
        if front:
            if tree[3]:
                _pl3tree_add(front, plane, tree[3])
            else:
                tree[3] = [None, [], front, []]
    elif plane is not None:
        # a leaf that the new plane slices: the plane takes its place
        tree[0] = plane
        old, tree[2] = tree[2], leaf
        back, front = _pl3tree_slice(plane, old)
        if back:
            tree[1] = [None, [], back, []]
        if front:
            tree[3] = [None, [], front, []]
    else:
        # a leaf gets another surface
        tree[2] = leaf + tree[2]


def _pl3tree_slice(plane, leaf):
    back, front = [], []
    for nv, xyz, values, cmin, cmax, split, edges in leaf:
        vals = None if isinstance(values, str) else values
        nvf, xyzf, valf, nvb, xyzb, valb = slice2x(plane, nv, xyz, vals)
        if isinstance(values, str):
            valf = valb = values
        if nvf is not None:
            front.insert(0, [nvf, xyzf, valf, cmin, cmax, split, edges])
        if nvb is not None:
            back.insert(0, [nvb, xyzb, valb, cmin, cmax, split, edges])
    return back, front


def split_palette(*name):
    """split_palette() or split_palette('name.gp'): the palette (or that
    one) squeezed into colours 0-99, and a gray scale in 100-199, for
    pl3tree (values in the first half, shaded surfaces in the second)."""
    if name:
        gist.palette(name[0])
    if not is_root():
        return
    r, g, b = gist.palette(query=1)
    if len(r) < 100:
        _core.palette_name("earth.gp")  # rank 0's state; built in: cannot fail (palette() is collective)
        r, g, b = gist.palette(query=1)
    n = len(r)
    at = numpy.linspace(0, n - 1, 100)
    lower = [numpy.interp(at, numpy.arange(n), numpy.asarray(c, dtype=float)).astype(numpy.uint8) for c in (r, g, b)]
    gray = numpy.linspace(0, 255, 100).astype(numpy.uint8)
    gist.palette(*(numpy.concatenate([c, gray]) for c in lower))


def split_bytscl(x, upper, cmin=None, cmax=None):
    """split_bytscl(x, 0) or split_bytscl(x, 1): x byte-scaled onto 0-99 (the
    colours of a split palette) or onto 100-199 (its gray scale)."""
    x = numpy.asarray(x, dtype=float)
    out = _core.bytscl(x.ravel(), cmin, cmax, 99).reshape(x.shape)
    return out + numpy.uint8(100) if upper else out


def _pl3tree_prt(tree, depth):
    if not tree:
        return
    indent = (" " * (1 + 2 * depth))[0:-1]
    print(indent + "+DEPTH= " + repr(depth))
    if len(tree) != 4:
        print(indent + "***error - not a tree")
    print(indent + "plane= " + repr(tree[0]))
    if tree[1]:
        _pl3tree_prt(tree[1], depth + 1)
    else:
        print(indent + "back = []")
    for leaf in tree[2]:
        print(indent + "leaf length= " + repr(len(leaf)))
        print(indent + "npolys= " + repr(len(leaf[0])) + ", nverts= " + repr(int(numpy.sum(leaf[0]))) +
              ", max= " + repr(int(numpy.max(leaf[0]))))
        nvals = 0 if leaf[2] is None or isinstance(leaf[2], str) else len(leaf[2])
        print(indent + "nverts= " + repr(numpy.shape(leaf[1])[0]) + ", nvals= " + repr(nvals))
    if tree[3]:
        _pl3tree_prt(tree[3], depth + 1)
    else:
        print(indent + "frnt = []")
    print(indent + "+DEPTH= " + repr(depth))


def pl3tree_prt():
    """Print the structure of the current pl3tree b-tree."""
    items = get_draw3_list_()[get_draw3_n_():]
    if not items or items[0] is not pl3tree:
        print("<current 3D display not a pl3tree>")
        return
    _pl3tree_prt(items[1].args[0], 0)


def pl3_other_prt(tree=None):
    """Print a b-tree (the current pl3tree's by default)."""
    if tree is None:
        pl3tree_prt()
    elif not tree:
        print("<current 3D display not a pl3tree>")
    else:
        _pl3tree_prt(tree, 0)


# ------------------------------------------------------------ contours

def _levels(contours, scale, data, cmin, cmax, what):
    data = numpy.asarray(data, dtype=float)
    if isinstance(contours, (int, numpy.integer)) and not isinstance(contours, bool):
        n = int(contours)
        if n < 1:
            raise ValueError(f"{what}: contours must be at least 1")
        minz, maxz = float(data.min()), float(data.max())
        vcmin = minz if cmin is None else float(cmin)
        vcmax = maxz if cmax is None else float(cmax)
        if scale == "lin":
            vc = vcmin + numpy.arange(1, n + 1) * (vcmax - vcmin) / (n + 1)
        elif scale == "log":
            vc = vcmin + numpy.exp(numpy.arange(1, n + 1) * numpy.log(vcmax - vcmin) / (n + 1))
        elif scale == "normal":
            zbar = data.mean()
            zs = numpy.sqrt(max((numpy.sum(data ** 2) - data.size * zbar ** 2) / max(data.size - 1, 1), 0.0))
            z1, z2 = zbar - 2.0 * zs, zbar + 2.0 * zs
            vc = z1 + numpy.arange(n) * (z2 - z1) / max(n - 1, 1)
        else:
            raise ValueError(f"{what}: incomprehensible scale parameter {scale!r} (lin, log, normal)")
        return vc, minz, maxz
    vc = numpy.sort(numpy.asarray(contours, dtype=float).ravel())
    if vc.size == 0:
        raise ValueError(f"{what}: incorrect contour specification")
    return vc, float(data.min()), float(data.max())


def _contour_bands(nverts, xyzverts, values, vc, minz, maxz, color, edges, split, axis_min, axis_max, clear, by_z):
    n = len(vc)
    colors = (numpy.arange(n + 1) * ((99.0 if split else 199.0) / n)).astype(numpy.uint8)
    nv, xyzv = numpy.array(nverts), numpy.array(xyzverts, dtype=float)
    vals = None if values is None else numpy.array(values, dtype=float)
    if clear:
        clear3()
    imin = imax = 0
    for i in range(n):
        if vc[i] <= minz:
            imin = i + 1
        if vc[i] >= maxz:
            imax = i
            break
        if i == n - 1:
            imax = n
    vc = numpy.array(vc)
    if axis_min is not None and imin < n and axis_min > vc[imin]:
        while imin + 1 < imax and axis_min > vc[imin + 1]:
            imin += 1
        vc[imin] = axis_min
    if axis_max is not None and imax > 0 and axis_max < vc[imax - 1]:
        while imax - 2 >= imin and axis_max < vc[imax - 2]:
            imax -= 1
        vc[imax - 1] = axis_max

    def send(nvs, xyzs, level):
        if nvs is None:
            return
        if color is None:
            pl3tree(nvs, xyzs, numpy.full(len(nvs), colors[level], dtype=numpy.uint8), split=0, edges=edges)
        else:
            pl3tree(nvs, xyzs, "bg", split=0, edges=1)   # edges only: the surface would be empty

    last = imin
    for i in range(imin, imax):
        plane = numpy.array([0.0, 0.0, 1.0, vc[i]]) if by_z else float(vc[i])
        nv, xyzv, vals, nvb, xyzvb, _ = slice2x(plane, nv, xyzv, vals)
        last = i
        if not (i == imin and axis_min is not None and axis_min == vc[i]):
            send(nvb, xyzvb, i)
        if nv is None:
            break
    if axis_max is None or (imax > 0 and vc[imax - 1] < axis_max):
        send(nv, xyzv, min(last + 1, n) if imax > imin else imin)


def plzcont(nverts, xyzverts, contours=8, scale="lin", clear=1, edges=0, color=None, cmin=None, cmax=None,
            zaxis_min=None, zaxis_max=None, split=0):
    """plzcont(nverts, xyzverts, contours=8, scale='lin', ...): filled bands
    of z on a surface: contours levels (lin, log or normal scale between
    cmin and cmax) or the given levels; each band one colour of the
    palette (color='bg': the band edges only). zaxis_min/zaxis_max leave out
    what lies below/above."""
    if nverts is None:
        return
    nverts, xyzverts = _poly_list(nverts, xyzverts, "plzcont")
    vc, minz, maxz = _levels(contours, scale, xyzverts[:, 2], cmin, cmax, "plzcont")
    _contour_bands(nverts, xyzverts, None, vc, minz, maxz, color, edges, split, zaxis_min, zaxis_max, clear, True)


def pl4cont(nverts, xyzverts, values, contours=8, scale="lin", clear=1, edges=0, color=None, cmin=None,
            cmax=None, caxis_min=None, caxis_max=None, split=0):
    """pl4cont(nverts, xyzverts, values, contours=8, ...): as plzcont, bands
    of values given at every vertex (len(values) == sum(nverts))."""
    if nverts is None:
        return
    nverts, xyzverts = _poly_list(nverts, xyzverts, "pl4cont")
    values = numpy.asarray(values, dtype=float)
    if values.size != xyzverts.shape[0]:
        raise ValueError("pl4cont: values must be given at every vertex")
    vc, minz, maxz = _levels(contours, scale, values, cmin, cmax, "pl4cont")
    _contour_bands(nverts, xyzverts, values, vc, minz, maxz, color, edges, split, caxis_min, caxis_max, clear, False)
