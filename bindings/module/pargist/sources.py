"""What the simulation registers so that Warp's plots need no arguments.

pargist cannot know the host code's particles or fields; the host tells it,
once (the objects stay registered, so every later ``ppzx()`` plots the
particles as they are at that moment):

    register_species(beam)               # any object with Warp's getters:
                                         # getx(), getvz(), getux(), getw()...
    register_species(x=x, y=y, z=z,      # or this rank's arrays
                     ux=ux, uy=uy, uz=uz, w=w, mass=m)
    register_run(runid="fodo", zbeam=zb, zwindows=zw, it=step)
    register_field("phi", phi_block, FieldGrid(nx, ny, nz, xmmin=..., lower=(ix, iy, iz)))
    register_solver(solver)              # an object with Warp's solver names

Species are numbered js = 0, 1... in the order registered (Warp's js).
Every getter is asked for this rank's particles only: Warp's own species
objects take ``gather=0`` (their default would gather every rank's).
``register_run`` holds what Warp keeps in its ``top`` package (run name,
step, z windows for ``iw``, plot limits, subset sizes); Warp's ``top``
object itself can be given as is.

C++ host codes register the same things through ``pargist/pp/sources.hpp``
(pp::register_species, pp::register_field); the plots see those too, as
numpy views of the host's memory.
"""

import inspect
import types

import numpy

from . import _core

__all__ = ["ParticleArrays", "FieldGrid", "register_species", "unregister_species",
           "registered_species", "register_run", "run", "register_field", "register_solver",
           "unregister_fields", "registered_fields", "clear_sources",
           "dirichlet", "neumann", "periodic"]

# Warp's boundary-condition codes (ppgeneric's xbound=, ybound=).
dirichlet, neumann, periodic = 0, 1, 2

# The particle quantities a species can hold as arrays; every other
# quantity (xp, r, vr, ke...) is derived from these when plotted.
ARRAY_QUANTITIES = ("x", "y", "z", "ux", "uy", "uz", "vx", "vy", "vz", "gaminv", "w", "pid",
                    "ex", "ey", "ez", "bx", "by", "bz")


class ParticleArrays:
    """This rank's particles of one species as arrays, with Warp's getter
    names: ``getx()``, ``getuz()``, ``getw()``... for the arrays given.

    Give positions x, y, z; momenta per mass ux, uy, uz (Warp's) and/or
    velocities vx, vy, vz; gaminv (1/gamma); weights w; ids pid (one column
    per id, or 1-D); fields at the particles ex..bz. ``mass`` (kg) and
    ``charge`` (C) serve the kinetic energy. ``lost=`` is another
    ParticleArrays (or a dict of arrays) holding the lost particles, what
    Warp's ``lost=1`` selects; ``suffixes={'0': ParticleArrays(...)}`` holds
    Warp's suffixed variants (``suffix='0'``). Arrays are kept, not copied:
    update them in place, or register again."""

    def __init__(self, mass=None, charge=None, lost=None, suffixes=None, name=None, **arrays):
        unknown = set(arrays) - set(ARRAY_QUANTITIES)
        if unknown:
            raise TypeError(f"ParticleArrays: unknown quantity {sorted(unknown)[0]!r} "
                            f"(known: {', '.join(ARRAY_QUANTITIES)})")
        self.arrays = {}
        n = None
        for key, value in arrays.items():
            if value is None:
                continue
            a = numpy.asarray(value)
            if a.dtype.kind not in "biuf":
                raise TypeError(f"ParticleArrays: {key} must hold numbers, got dtype {a.dtype}")
            length = a.shape[0] if a.ndim else 1
            if n is not None and length != n:
                raise ValueError(f"ParticleArrays: {key} has {length} particles, the others {n}")
            n = length
            self.arrays[key] = a
        self.mass, self.charge, self.name = mass, charge, name
        self.lost = lost if lost is None or isinstance(lost, ParticleArrays) else ParticleArrays(**lost)
        self.suffixes = dict(suffixes or {})

    def __repr__(self):
        return f"ParticleArrays({self.name or ''} {sorted(self.arrays)}, {self.getn(gather=0)} particles here)"

    def _variant(self, lost, suffix):
        src = self
        if suffix:
            if suffix not in self.suffixes:
                raise KeyError(f"no particles registered with suffix {suffix!r}")
            src = self.suffixes[suffix]
        if lost:
            if src.lost is None:
                raise KeyError("no lost particles registered for this species")
            src = src.lost
        return src

    def held(self, key, lost=0, suffix=""):
        """This rank's array of quantity key (of the lost or suffixed
        particles): what get<key>(gather=0, lost=, suffix=) returns."""
        a = self._variant(lost, suffix).arrays.get(key)
        if a is None:
            raise KeyError(f"the {'lost ' if lost else ''}particles have no {key}")
        return a

    def getn(self, gather=1, lost=0, suffix="", **_selection):
        src = self._variant(lost, suffix)
        n = next((a.shape[0] for a in src.arrays.values()), 0)
        if gather:
            from . import parallel
            return int(parallel.globalsum(n))
        return n


class _ArrayGetter:
    """ParticleArrays' get<key>() (Warp's getter of one quantity): an
    attribute only of the particles given that array (hasattr tells which).
    Found on the class, so an access makes a bound method and no failed
    lookup, and every key's getter shares one code object (call_getter's
    cache of the keywords taken): a registered species is read every frame."""

    def __init__(self, key):
        self.key = key

        def getter(particles, gather=1, bcast=1, lost=0, suffix="", **_selection):
            a = particles.held(key, lost, suffix)
            if gather:
                from . import parallel
                return parallel.gatherarray(a, bcast=bcast)
            return a
        getter.__name__, getter.__qualname__ = "get" + key, "ParticleArrays.get" + key
        self.getter = getter

    def __get__(self, particles, owner=None):
        if particles is None:
            return self
        if self.key not in particles.__dict__.get("arrays", ()):
            raise AttributeError(f"get{self.key}")
        return types.MethodType(self.getter, particles)


for _key in ARRAY_QUANTITIES:
    setattr(ParticleArrays, "get" + _key, _ArrayGetter(_key))


def _as_species(obj):
    if isinstance(obj, dict):
        return ParticleArrays(**obj)
    return obj


_species = {}
_run_defaults = {
    # Warp's top package defaults (top.v) for what the plots read.
    "runid": "pargist", "zbeam": 0.0, "zwindows": numpy.array([[-99.0], [99.0]]),
    "npplot": (50000, 20000, 5000), "ncolor": 5, "nskipcol": 5, "nstepcol": 10,
    "it": 0, "time": 0.0, "pline1": "", "pline2": "", "pline3": "", "runmaker": "", "runtime": "",
    "vbeam": 0.0, "xpplmin": -0.04, "xpplmax": 0.04, "ypplmin": -0.04, "ypplmax": 0.04,
    "ssnpid": 0, "wpid": None,
}
_run = {"object": None, "values": {}, "version": 0}


def register_species(species=None, js=None, **arrays):
    """Register this rank's particles of one species; returns its number js.

    ``species`` is any object with Warp's getter names (Warp's Species, a
    ParticleArrays, your own class), or a dict of arrays; or give the arrays
    as keywords (see ParticleArrays). ``js`` replaces species js (default:
    the next number). Every rank registers its own part (possibly empty)."""
    if species is None:
        if not arrays:
            raise TypeError("register_species: give an object with getters or the arrays (x=, y=, z=...)")
        species = ParticleArrays(**arrays)
    elif arrays:
        raise TypeError("register_species: give an object or arrays, not both")
    species = _as_species(species)
    if not any(hasattr(species, "get" + q) for q in ("x", "y", "z")):
        raise TypeError(f"register_species: {type(species).__name__} has none of getx(), gety(), getz()")
    if js is None:
        js = max(registered_species(), default=-1) + 1
    if isinstance(js, bool) or not isinstance(js, (int, numpy.integer)) or js < 0:
        raise ValueError(f"register_species: js must be an integer >= 0, got {js!r}")
    _species[int(js)] = species
    return int(js)


def unregister_species(js=None):
    """Forget species js (all species without an argument)."""
    if js is None:
        _species.clear()
    else:
        _species.pop(int(js), None)


def registered_species():
    """{js: species} of everything registered, in Python and (C++) by the host."""
    found = {js: _from_cxx_species(d) for js, d in _core.cxx_species().items()}
    found.update(_species)
    return dict(sorted(found.items()))


def species(js):
    """Species js, or None: registered_species().get(js) without making the
    others (a registered species is looked up every frame)."""
    found = _species.get(js)
    if found is None:
        d = _core.cxx_species().get(js)
        found = None if d is None else _from_cxx_species(d)
    return found


def any_species():
    """Whether any species is registered (registered_species() without building it)."""
    return bool(_species) or bool(_core.cxx_species())


def _from_cxx_species(d):
    lost = ParticleArrays(**d["lost"]) if d["lost"] else None
    return ParticleArrays(mass=d["mass"], charge=d["charge"], lost=lost, name=d["name"] or None, **d["arrays"])


_ABSENT = object()


class _Run:
    """Warp's ``top`` values the plots read: a registered object's attributes
    first, then values given to register_run, then Warp's defaults."""

    def get(self, name, default=None):
        if name in _run["values"]:
            return _run["values"][name]
        obj = _run["object"]
        value = _ABSENT if obj is None else getattr(obj, name, _ABSENT)  # one lookup: plans read top every frame
        if value is not _ABSENT:
            if isinstance(value, bytes) or (isinstance(value, numpy.ndarray) and value.dtype.kind == "S"):
                value = numpy.asarray(value).tobytes().decode(errors="replace").strip()
            return value
        return _run_defaults.get(name, default)

    def has(self, name):
        return name in _run["values"] or (_run["object"] is not None and hasattr(_run["object"], name))

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return self.get(name)


run = _Run()


def run_version():
    """A number that changes whenever the run's values may have: what was
    worked out from them may be kept while it stays the same. None while
    an object is registered (Warp's top: its attributes change unseen)."""
    return _run["version"] if _run["object"] is None else None


def register_run(top=None, **values):
    """What Warp keeps in ``top``: runid, it (step), time, zbeam, zwindows
    (shape (2, nw): z window iw is zwindows[:, iw] + zbeam), npplot (subset
    sizes for iw < 0), plot limits (zplmin, zplmax, xplmin..., xpplmin...),
    vbeam, ncolor, nskipcol, nstepcol, pline1..3, runmaker, runtime, wpid.
    ``top`` may be Warp's top object itself; keywords override it. Calling
    again updates the values given (e.g. register_run(it=step))."""
    if top is not None:
        _run["object"] = top
    _run["values"].update(values)
    _run["version"] += 1


class FieldGrid:
    """A domain-decomposed mesh (Warp's w3d and fsdecomp in one object).

    Global nodes 0..nx along x (nx + 1 of them) from xmmin to xmmax, the
    same for y and z; geometry 'xyz' (3-D), 'rz' (2-D: x is r, y absent) or
    'xz'. ``lower`` is where this rank's block starts in global node indices
    (its shape gives the rest; blocks may overlap by guard nodes).
    l2symtry / l4symtry: Warp's transverse symmetries (fullplane= mirrors
    the data)."""

    def __init__(self, nx, nz, ny=0, xmmin=0.0, xmmax=None, ymmin=0.0, ymmax=None, zmmin=0.0, zmmax=None,
                 lower=None, geometry="xyz", l2symtry=False, l4symtry=False):
        if geometry not in ("xyz", "rz", "xz"):
            raise ValueError(f"FieldGrid: geometry must be 'xyz', 'rz' or 'xz', got {geometry!r}")
        self.geometry = geometry
        self.nx, self.ny, self.nz = int(nx), int(ny) if geometry == "xyz" else 0, int(nz)
        if min(self.nx, self.nz) < 1 or (geometry == "xyz" and self.ny < 1):
            raise ValueError("FieldGrid: nx, nz (and ny in 3-D) must be >= 1 cells")
        self.xmmin, self.ymmin, self.zmmin = float(xmmin), float(ymmin), float(zmmin)
        self.xmmax = float(xmmax) if xmmax is not None else self.xmmin + self.nx
        self.ymmax = float(ymmax) if ymmax is not None else self.ymmin + max(self.ny, 1)
        self.zmmax = float(zmmax) if zmmax is not None else self.zmmin + self.nz
        self.dx = (self.xmmax - self.xmmin) / self.nx
        self.dy = (self.ymmax - self.ymmin) / self.ny if self.ny else 1.0
        self.dz = (self.zmmax - self.zmmin) / self.nz
        ndim = 3 if geometry == "xyz" else 2
        self.lower = tuple(int(v) for v in (lower if lower is not None else (0,) * ndim))
        if len(self.lower) != ndim:
            raise ValueError(f"FieldGrid: lower needs {ndim} indices in {geometry} geometry")
        self.l2symtry, self.l4symtry = bool(l2symtry), bool(l4symtry)

    @property
    def ndim(self):
        return 3 if self.geometry == "xyz" else 2

    @property
    def global_shape(self):
        if self.ndim == 3:
            return (self.nx + 1, self.ny + 1, self.nz + 1)
        return (self.nx + 1, self.nz + 1)

    # Warp's names, for selectparticles' ix=, iz= and the pc* plots.
    @property
    def solvergeom(self):
        return {"xyz": "XYZgeom", "rz": "RZgeom", "xz": "XZgeom"}[self.geometry]

    def __repr__(self):
        return (f"FieldGrid({self.geometry}, n={self.global_shape}, x {self.xmmin}..{self.xmmax}, "
                f"z {self.zmmin}..{self.zmmax}, lower={self.lower})")


_fields = {}
_solver = {"object": None}

# The components of Warp's vector fields: (name, component) -> index.
_VECTOR_FIELDS = ("E", "B", "J", "A")


def register_field(name, block, grid):
    """Register this rank's block of a field on ``grid`` (a FieldGrid):
    'phi', 'rho' (scalars) or 'E', 'B', 'J', 'A' (vectors: a block of shape
    (3, ...) as Warp's selfe, or a tuple of the three component blocks).
    The block is kept, not copied."""
    if not isinstance(grid, FieldGrid):
        raise TypeError("register_field: grid must be a FieldGrid")
    if name in ("phi", "rho"):
        arr = numpy.asarray(block)
        if arr.ndim != grid.ndim:
            raise ValueError(f"register_field: {name} needs a {grid.ndim}-D block, got {arr.ndim}-D")
        comps = (arr,)
    elif name in _VECTOR_FIELDS:
        comps = tuple(numpy.asarray(c) for c in (block if isinstance(block, (tuple, list)) else numpy.asarray(block)))
        if len(comps) != 3 or any(c.ndim != grid.ndim for c in comps):
            raise ValueError(f"register_field: {name} needs three {grid.ndim}-D component blocks")
    else:
        raise ValueError(f"register_field: unknown field {name!r} (phi, rho, E, B, J, A)")
    for c in comps:
        if c.dtype.kind not in "biuf":
            raise TypeError(f"register_field: {name} must hold numbers, got dtype {c.dtype}")
        if c.shape != comps[0].shape:
            raise ValueError(f"register_field: the components of {name} differ in shape")
    _fields[name] = (comps, grid)


def register_solver(solver):
    """Register an object with Warp's field-solver names: getphi(), getrho(),
    getselfe() (shape (3, ...)), getj(), getb(), geta() give this rank's
    blocks; nx, ny, nz, xmmin..zmmax the mesh; fsdecomp (ix, iy, iz,
    ixproc...) or ixlocal.. where the block sits; solvergeom, l2symtry,
    l4symtry. Fields registered with register_field take precedence."""
    _solver["object"] = solver


def unregister_fields():
    _fields.clear()
    _solver["object"] = None


def clear_sources():
    """Forget every registered species, field, solver and run value (also
    those registered in C++)."""
    _core.cxx_clear()
    _species.clear()
    unregister_fields()
    _run["object"] = None
    _run["values"].clear()
    _run["version"] += 1


def _solver_grid(s):
    geom = getattr(s, "solvergeom", "XYZgeom")
    geom = {0: "xyz", 1: "rz"}.get(geom, geom) if not isinstance(geom, str) else geom
    geometry = {"XYZgeom": "xyz", "RZgeom": "rz", "XZgeom": "xz"}.get(geom, geom)
    decomp = getattr(s, "fsdecomp", None)
    axes = ("x", "y", "z") if geometry == "xyz" else ("x", "z")
    lower = []
    for a in axes:
        if decomp is not None and hasattr(decomp, "i" + a):
            proc = getattr(decomp, "i" + a + "proc", 0)
            lower.append(int(numpy.asarray(getattr(decomp, "i" + a))[proc]))
        else:
            lower.append(int(getattr(s, "i" + a + "local", 0) or 0))
    return FieldGrid(s.nx, s.nz, ny=getattr(s, "ny", 0), xmmin=s.xmmin, xmmax=s.xmmax,
                     ymmin=getattr(s, "ymmin", 0.0), ymmax=getattr(s, "ymmax", None),
                     zmmin=s.zmmin, zmmax=s.zmmax, lower=lower, geometry=geometry,
                     l2symtry=getattr(s, "l2symtry", False), l4symtry=getattr(s, "l4symtry", False))


_SOLVER_GETTERS = {"phi": "getphi", "rho": "getrho", "E": "getselfe", "J": "getj", "B": "getb", "A": "geta"}


def registered_fields():
    """{name: (components, FieldGrid)} registered here, by a solver, or in C++."""
    found = {name: _from_cxx_field(name, blocks, mesh) for name, (blocks, mesh) in _core.cxx_fields().items()}
    s = _solver["object"]
    if s is not None:
        grid = _solver_grid(s)
        for name, getter in _SOLVER_GETTERS.items():
            if hasattr(s, getter):
                found[name] = _SolverField(s, getter, grid, name)
    found.update(_fields)
    return found


def _from_cxx_field(name, blocks, mesh):
    n, lo, hi = mesh["n"], mesh["min"], mesh["max"]
    grid = FieldGrid(n[0], n[2], ny=n[1], xmmin=lo[0], xmmax=hi[0], ymmin=lo[1], ymmax=hi[1], zmmin=lo[2],
                     zmmax=hi[2], lower=blocks[0][1], geometry=mesh["geometry"], l2symtry=mesh["l2symtry"],
                     l4symtry=mesh["l4symtry"])
    return tuple(b for b, _lower in blocks), grid


class _SolverField(tuple):
    """(components, grid) of a solver's field, fetched when used."""

    def __new__(cls, solver, getter, grid, name):
        return super().__new__(cls, (None, grid))

    def __init__(self, solver, getter, grid, name):
        self._solver, self._getter, self._name = solver, getter, name

    def __getitem__(self, k):
        if k == 0:
            arr = numpy.asarray(getattr(self._solver, self._getter)())
            return tuple(arr) if self._name in _VECTOR_FIELDS else (arr,)
        return super().__getitem__(k)

    def __iter__(self):
        yield self[0]
        yield self[1]


def call_getter(obj, name, lost=False, suffix=""):
    """obj.get<name>() for this rank's particles: Warp's getters are asked
    for gather=0 (and lost=, suffix= when given); plain ones are called bare."""
    getter = getattr(obj, "get" + name)
    gather, takes_lost, takes_suffix = _keywords_taken(getter)
    kw = {"gather": 0} if gather else {}
    if lost:
        if not takes_lost:
            raise TypeError(f"lost=1: {type(obj).__name__}.get{name}() takes no lost= keyword")
        kw["lost"] = 1
    if suffix:
        if not takes_suffix:
            raise TypeError(f"suffix=: {type(obj).__name__}.get{name}() takes no suffix= keyword")
        kw["suffix"] = suffix
    return getter(**kw)


_keywords_cache = {}


def _keywords_taken(func):
    """Whether func takes gather=, lost= and suffix=, worked out once per
    code object (a registered species' getters are called every frame)."""
    code = getattr(getattr(func, "__func__", func), "__code__", None)
    key = code if code is not None else func
    taken = _keywords_cache.get(key)
    if taken is None:
        try:
            params = inspect.signature(func).parameters
        except (TypeError, ValueError):
            taken = (False, False, False)
        else:
            anything = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
            taken = tuple(anything or name in params for name in ("gather", "lost", "suffix"))
        _keywords_cache[key] = taken
    return taken
