"""Warp's field plots pc*, with Warp's signature, from the registered fields.

    register_field("phi", phi_block, FieldGrid(...))   # or register_solver(s)
    pcphizx()                   # the z-x plane through y = 0, 20 contour lines
    pcphizx(iy=10, cellarray=1, contours=None)
    pcselfexy(comp='E', iz=40)  # |E| in the x-y plane at z index 40
    pcrhozr()                   # r-z geometry: the whole plane

Quantities: rho, phi (scalars), selfe, j, b, a (vectors: comp='x', 'y',
'z', or the magnitude 'E', 'J', 'B', 'A'; vec=1 draws arrows). Planes:
zy (at x index ix), zx (at y index iy), xy (at z index iz), zr (r-z: the
field itself). Each call gathers the one plane it draws to rank 0, only
from the ranks whose block meets it, and draws it with ppgeneric's grid
keywords (contours, cellarray, cmin, uselog...); fullplane=1 mirrors it
into the symmetric quadrants (Warp's l2symtry / l4symtry, r-z); xplmin,
xplmax, yplmin, yplmax set the limits and the colour scale to the part
shown. z is in the lab frame (z + zbeam) unless lbeamframe=1.
"""

import numpy

from . import _core, gist, parallel, session
from . import _ppoptions as options
from ._collective import agreement
from ._ppgeneric import PlotResult
from ._ppgeneric import ppgeneric as _engine
from .pp import ppvector
from .sources import registered_fields, run, _solver_grid, _SOLVER_GETTERS, _VECTOR_FIELDS

__all__ = []

_QUANTITY = {  # pc name -> (registered field, title, magnitude name)
    "rho": ("rho", "Charge density", None), "phi": ("phi", "Electrostatic potential", None),
    "selfe": ("E", "E", "E"), "j": ("J", "Current Density J", "J"),
    "b": ("B", "Magnetic Field B", "B"), "a": ("A", "Magnetic Vector Potential A", "A"),
}
_PC_KEYWORDS = ("ix", "iy", "iz", "fullplane", "lbeamframe", "solver", "local", "comp", "vec", "sx", "sy",
                "sz", "sr", "xplmin", "xplmax", "yplmin", "yplmax")
_PLV_KEYWORDS = ("color", "width", "type", "hollow", "aspect", "scale", "legend", "hide", "marks", "marker",
                 "mspace", "mphase", "smooth", "triangle", "region")


def _field(name, solver):
    """(components, grid) of a registered field (or of solver=)."""
    if solver is not None:
        getter = _SOLVER_GETTERS[name]
        if not hasattr(solver, getter):
            raise LookupError(f"solver=: {type(solver).__name__} has no {getter}()")
        arr = numpy.asarray(getattr(solver, getter)())
        return (tuple(arr) if name in _VECTOR_FIELDS else (arr,)), _solver_grid(solver)
    fields = registered_fields()
    if name not in fields:
        raise LookupError(f"no field {name!r} registered: pargist.register_field({name!r}, block, FieldGrid(...)) "
                          "or register_solver(solver)")
    comps, grid = fields[name]
    return comps, grid


def _index(grid, axis, given, solver):
    """Warp's default plane: the node of coordinate 0 (iz: the solver's iz_axis)."""
    if given is not None:
        return int(given)
    if axis == "z" and solver is not None and hasattr(solver, "iz_axis"):
        return int(solver.iz_axis)
    mmin, d = getattr(grid, axis + "mmin"), getattr(grid, "d" + axis)
    return int(numpy.rint(-mmin / d))


def _plane(comm, block, grid, normal, index, local):
    """The plane normal to `normal` (0, 1, 2 = x, y, z; None: the 2-D field
    itself) at global node index, as Warp returns it ([u, v], u the lower
    axis); on rank 0, None elsewhere."""
    block = numpy.asarray(block)
    if block.dtype.kind != "f":
        block = block.astype(float)
    if grid.ndim == 2:
        # r-z / x-z: the field is the plane; as a 3-D field one node thick.
        block3 = block[:, None, :]
        lower = [grid.lower[0], 0, grid.lower[1]]
        shape = [grid.nx + 1, 1, grid.nz + 1]
        normal, index = 1, 0
    else:
        block3, lower, shape = block, list(grid.lower), list(grid.global_shape)
    upper = [lo + n for lo, n in zip(lower, block3.shape)]
    c = _core.Comm.self_comm() if local else comm
    if local and comm.rank != 0:
        return None
    if local:
        # This rank's block only: its own plane, in local indices.
        index -= lower[normal]
        shape = list(block3.shape)
        lower = [0, 0, 0]
        upper = shape
        if not 0 <= index < shape[normal]:
            raise IndexError(f"local=1: index {index + grid.lower[normal]} is outside rank 0's block")
    values, _axes, _missing = _core.slice_plane(c, block3, lower, upper, shape, normal, int(index), 0)
    if values is None:
        return None
    return numpy.ascontiguousarray(numpy.asarray(values).T)


def _local_extent(grid, shape, uaxes, shift):
    """Warp's local=1 extents: this rank's block (xmminlocal...)."""
    axes = ("x", "y", "z") if grid.ndim == 3 else ("x", "z")
    out = []
    for k, a in enumerate(uaxes):
        i = axes.index(a)
        lo = getattr(grid, a + "mmin") + grid.lower[i] * getattr(grid, "d" + a)
        hi = lo + (shape[i] - 1) * getattr(grid, "d" + a)
        out += [lo + (shift if k == 0 else 0.0), hi + (shift if k == 0 else 0.0)]
    return out


def _set_cmin_cmax(grid, kw, ext):
    """Warp's setcmincmaxfromarray: xplmin.. set the limits, and cmin/cmax
    (unless given) from the part of the grid inside them."""
    pl = [kw.pop(k, None) for k in ("xplmin", "xplmax", "yplmin", "yplmax")]
    if all(v is None for v in pl):
        return None
    lims = [ext[k] if pl[k] in (None, "e") else float(pl[k]) for k in range(4)]
    if "cmin" in kw and "cmax" in kw or grid is None:
        return lims
    nx, ny = grid.shape[0] - 1, grid.shape[1] - 1
    dx, dy = (ext[1] - ext[0]) / nx, (ext[3] - ext[2]) / ny
    ix0 = max(0, int((lims[0] - ext[0]) / dx))
    ix1 = min(nx, int((lims[1] - ext[0]) / dx) + 1)
    iy0 = max(0, int((lims[2] - ext[2]) / dy))
    iy1 = min(nx, int((lims[3] - ext[2]) / dy) + 1)
    if ix0 <= ix1 and iy0 <= iy1:
        sub = grid[ix0:ix1 + 1, iy0:iy1 + 1]
        kw.setdefault("cmin", float(sub.min()))
        kw.setdefault("cmax", float(sub.max()))
    return lims


def _pc(qname, plane, comp=None, index=None, fullplane=1, lbeamframe=0, solver=None, local=0, vec=0,
        steps=(1, 1), **kw):
    comm = parallel.get_comm(kw.pop("comm", None))
    if local and comm.size > 1:
        # Warp's local=1: rank 0 plots its own block; the others do nothing.
        if comm.rank != 0:
            return None
        comm = _core.Comm.self_comm()
    field, title, magnitude = _QUANTITY[qname]
    func = f"pc{qname}{plane}"
    with agreement(comm):
        comps, grid = _field(field, solver)
        if field in _VECTOR_FIELDS:
            valid = ("x", "y", "z", magnitude) + (("r",) if plane == "zr" else ())
            if comp not in valid:
                raise ValueError(f"{func}: comp must be one of {', '.join(map(repr, valid))}, got {comp!r}")
            if comp == "r":
                comp = "x"
        if grid.ndim == 2 and plane in ("zy", "xy"):
            raise ValueError(f"{func}: the registered {field} is {grid.geometry} (2-D); use pc{qname}zx or "
                             f"pc{qname}zr")
        if plane == "zr" and grid.ndim == 3:
            plane_axis, default_axis = 1, "y"
        else:
            plane_axis, default_axis = {"zy": (0, "x"), "zx": (1, "y"), "zr": (1, "y"), "xy": (2, "z")}[plane]
        if plane == "zr":
            index = 0
        index = _index(grid, default_axis, index, solver) if grid.ndim == 3 else 0
        if vec:
            bad = set(kw) - set(_PLV_KEYWORDS) - {"titles", "titlet", "titleb", "titlel", "titler", "view",
                                                  "xmin", "xmax", "ymin", "ymax", "pplimits"}
            if bad:
                raise TypeError(f"{func}(vec=1) got an unexpected keyword argument {sorted(bad)[0]!r}")
        else:
            q = dict(kw)
            for k in ("xplmin", "xplmax", "yplmin", "yplmax"):
                q.pop(k, None)
            options.resolve(func, dict(q, local=1), extra=())
        zb = 0.0 if lbeamframe else float(run.zbeam)
        if plane in ("zy", "zx", "zr"):
            other = "y" if plane == "zy" else "x"
            ext = [grid.zmmin + zb, grid.zmmax + zb, getattr(grid, other + "mmin"), getattr(grid, other + "mmax")]
            uaxes = ("z", other)
        else:
            ext = [grid.xmmin, grid.xmmax, grid.ymmin, grid.ymmax]
            uaxes = ("x", "y")
        if local:
            ext = _local_extent(grid, numpy.shape(comps[0]), uaxes, zb if uaxes[0] == "z" else 0.0)
        label = {"zy": "ix", "zx": "iy", "zr": "iy", "xy": "iz"}[plane]
        what = f"{plane[0]}-{plane[1]}"
        if magnitude is None:
            titlet = f"{title} in {what} plane"
        elif comp == magnitude:
            titlet = f"{title}magnitude in {what} plane" if field != "E" else f"Emagnitude in {what} plane"
        else:
            titlet = f"{title}{comp} in {what} plane" if field != "E" else f"E{comp} in {what} plane"
        session.settitles(titlet, uaxes[0].upper(), uaxes[1].upper(), f"{label} = {index}")
        symmetric_u = plane in ("zx", "zr") and (grid.l4symtry or grid.geometry == "rz") or \
            plane == "zy" and (grid.l2symtry or grid.l4symtry)
        if plane == "zr":
            symmetric_u = False if not fullplane else symmetric_u
    # Gather the plane(s) drawn: one component, three for a magnitude, two arrows.
    if field in _VECTOR_FIELDS:
        wanted = {"x": 0, "y": 1, "z": 2}
        if vec:
            names = [uaxes[1], uaxes[0]]
        elif comp == magnitude:
            names = ["x", "y", "z"]
        else:
            names = [comp]
        planes = [_plane(comm, comps[wanted[n]], grid, plane_axis, index, local) for n in names]
    else:
        planes = [_plane(comm, comps[0], grid, plane_axis, index, local)]
    result = None

    def draw():
        if plane in ("zy", "zx", "zr"):
            grids = [p.T for p in planes]   # [z, other]
        else:
            grids = list(planes)            # [x, y]
        if vec:
            return _vectors(grids, ext, kw, steps, fullplane, grid, plane)
        g = numpy.sqrt(sum(p * p for p in grids)) if len(grids) == 3 else grids[0]
        q = dict(kw)
        q.setdefault("xmin", ext[0]), q.setdefault("xmax", ext[1])
        q.setdefault("ymin", ext[2]), q.setdefault("ymax", ext[3])
        if q.get("cellarray", 1):
            q.setdefault("contours", 20)
        lims = _set_cmin_cmax(g, q, [q["xmin"], q["xmax"], q["ymin"], q["ymax"]])
        if lims is not None:
            gist.limits(*lims)
        o = options.resolve(func, dict(q, grid=g, local=1))
        if "pplimits" in kw:
            o["lframe"] = True
        self_comm = _core.Comm.self_comm()
        out = _engine(self_comm, func, None, o)
        mirrored = []
        if fullplane:
            if plane == "xy" and grid.l4symtry:
                mirrored = [(1, 0), (0, 1), (1, 1)]
            elif plane == "xy" and grid.l2symtry:
                mirrored = [(0, 1)]
            elif plane != "xy" and symmetric_u:
                mirrored = [(0, 1)]
        for fx, fy in mirrored:
            _engine(self_comm, func, None, dict(o, flipxaxis=fx, flipyaxis=fy))
        return dict(out, mirrored=len(mirrored))
    with agreement(comm):
        if comm.rank == 0:
            result = draw()
    result = parallel.broadcast(result, comm=comm)
    if isinstance(result, dict):
        result = PlotResult(result, plane_bytes=sum(p.size * 8 for p in planes if p is not None) if
                            comm.rank == 0 else None)
    return result


def _vectors(grids, ext, kw, steps, fullplane, grid, plane):
    """vec=1: the two in-plane components as arrows (Warp passes them to ppvector)."""
    gv, gu = grids  # [u, v] arrays of the v and u components
    su, sv = steps
    q = {k: v for k, v in kw.items() if k in _PLV_KEYWORDS}
    xmin, xmax, ymin, ymax = (kw.get(k, e) for k, e in zip(("xmin", "xmax", "ymin", "ymax"), ext))
    out = ppvector(gv[::su, ::sv], gu[::su, ::sv], xmin=xmin, xmax=xmax, ymin=ymin, ymax=ymax,
                   comm=_core.Comm.self_comm(), **q)
    if kw.get("titles", 1):
        session.ptitles(kw.get("titlet", ""), kw.get("titleb", ""), kw.get("titlel", ""), kw.get("titler", ""))
    return dict(out)


def _make(qname, plane):
    name = f"pc{qname}{plane}"
    vector = _QUANTITY[qname][2] is not None
    index_name = {"zy": "ix", "zx": "iy", "xy": "iz", "zr": None}[plane]
    step_names = {"zy": ("sz", "sy"), "zx": ("sz", "sx"), "xy": ("sx", "sy"), "zr": ("sz", "sr")}[plane]

    def plot(*args, **kw):
        if args and numpy.ndim(args[0]) >= 2 and qname == "phi" and plane != "zr":
            from . import fields
            return getattr(fields, {"zy": "pczy", "zx": "pczx", "xy": "pcxy"}[plane])(*args, **kw)
        pos = list(args)
        call = {}
        if vector:
            call["comp"] = pos.pop(0) if pos else kw.pop("comp", None)
        if index_name is not None:
            call["index"] = pos.pop(0) if pos else kw.pop(index_name, None)
        if pos:
            raise TypeError(f"{name}() takes at most {1 + vector} positional arguments")
        for key in ("fullplane", "lbeamframe", "solver", "local", "vec"):
            if key in kw:
                call[key] = kw.pop(key)
        steps = tuple(int(kw.pop(s, 1)) for s in step_names)
        for s in ("sx", "sy", "sz", "sr"):
            if s in kw:
                raise TypeError(f"{name}() got an unexpected keyword argument {s!r}")
        if plane == "zr":
            call["fullplane"] = 0
        return _pc(qname, plane, steps=steps, **call, **kw)
    plot.__name__ = plot.__qualname__ = name
    args = ("comp=None, " if vector else "") + (f"{index_name}=None, " if index_name else "")
    plot.__doc__ = (f"{name}({args}fullplane=1, lbeamframe=0, solver=None, local=0, **kw): "
                    f"{_QUANTITY[qname][1]} in the {plane[0]}-{plane[1]} plane (Warp's; collective; "
                    "see pargist.pcplots).")
    return plot


for _q in _QUANTITY:
    for _p in ("zy", "zx", "zr", "xy") if _q in ("rho", "phi", "selfe") else ("zy", "zx", "xy"):
        globals()[f"pc{_q}{_p}"] = _make(_q, _p)
        __all__.append(f"pc{_q}{_p}")
