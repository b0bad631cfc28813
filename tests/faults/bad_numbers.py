"""The bad-number table: every pp* call and every primitive, fed every kind
of awkward numbers, on every rank at once.

Kinds that only change how the same numbers are stored (int, float32,
big-endian, non-contiguous, object) must draw exactly what float64 draws,
or raise the same clear exception on every rank. Kinds with no drawable
number (all-NaN, all-Inf, no particle anywhere) and numbers near the top
of double's range (1e308: their span overflows) must give a correct,
possibly empty, plot or the same exception on every rank, and the frame
must still render into the CGM file (the fma after each case).

The base numbers are small integers, so that every storage kind holds
exactly the same values as float64.
"""

import hashlib
import json

import importlib

import numpy

N = 48  # particles (or points) per rank
STORAGE_KINDS = ("float64", "int", "float32", "big-endian", "non-contiguous", "object")
VALUE_KINDS = ("all-NaN", "all-Inf", "empty", "near-1e308")
KINDS = STORAGE_KINDS + VALUE_KINDS

PP_FUNCS = ("ppgeneric", "ppzx", "ppzy", "ppzr", "ppxy", "ppzxy", "ppzxp", "ppzyp", "ppzvx", "ppzvy",
            "ppzvz", "ppxxp", "ppyyp", "ppxpyp", "ppxvx", "ppyvy", "ppvxvy", "ppvzvperp", "pprrp")
PP_MODES = {"scatter": {}, "density": {"color": "density"}, "cellarray": {"cellarray": 1},
            "contours": {"contours": 5}}
PRIMITIVES = ("plg", "plg local=0", "pldj", "plm", "plc", "plf", "plfc", "pli", "pli local=0", "plfp",
              "plv", "plt")


def stored(a, kind):
    """The base numbers `a` (float64) in the storage or value kind."""
    a = numpy.asarray(a, dtype=numpy.float64)
    if kind == "float64":
        return a.copy()
    if kind == "int":
        return a.astype(numpy.int64)
    if kind == "float32":
        return a.astype(numpy.float32)
    if kind == "big-endian":
        return a.astype(">f8")
    if kind == "non-contiguous":
        wide = numpy.repeat(a[..., numpy.newaxis], 2, axis=-1)
        return wide[..., 0]  # every other element of a twice-as-long buffer
    if kind == "object":
        return a.astype(object)
    if kind == "all-NaN":
        return numpy.full_like(a, numpy.nan)
    if kind == "all-Inf":
        return numpy.where(numpy.arange(a.size).reshape(a.shape) % 2 == 0, numpy.inf, -numpy.inf)
    if kind == "empty":
        return a.reshape(-1)[:0]
    if kind == "near-1e308":
        return a * 1.1e307  # up to about 1.8e308 apart: the span overflows
    raise ValueError(kind)


def _pargist():
    # Imported when a case runs (in the MPI job), not by the harness that
    # reads the kinds: importing pargist starts MPI.
    return importlib.import_module("pargist")


def base_particles(me):
    rng = numpy.random.default_rng(7 + me)
    return {q: rng.integers(-16, 17, size=N).astype(numpy.float64)
            for q in ("x", "y", "z", "vx", "vy", "vz", "xp", "yp")}


def pp_call(func, mode, kind, me):
    base = base_particles(me)
    data = {q: stored(v, kind) for q, v in base.items()}
    if kind == "empty":
        data = {q: numpy.zeros(0) for q in base}
    kw = dict(PP_MODES[mode])
    pg = _pargist()

    def call():
        if func == "ppgeneric":
            result = pg.ppgeneric(data["y"], data["x"], **kw)
        else:
            result = getattr(pg, func)(**data, **kw)
        return json.dumps(_plain(result), sort_keys=True)
    return call


def _plain(obj):
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, numpy.generic):
        return obj.item()
    if isinstance(obj, float) and obj != obj:
        return "nan"
    return obj


def primitive_call(name, kind):
    """One primitive with its arrays in `kind` (this rank's data; local=1
    draws rank 0's, local=0 every rank's)."""
    func, _, local = name.partition(" ")
    local_kw = {"local": 0} if local else {}
    s = lambda a: stored(a, kind)  # noqa: E731
    i = numpy.arange(6, dtype=numpy.float64)
    y2, x2 = numpy.meshgrid(i, i * 2, indexing="ij")  # a 6x6 mesh
    z2 = (x2 - y2)
    zone = z2[1:, 1:]
    pg = _pargist()

    def call():
        if func == "plg":
            pg.plg(s(i * i), s(i), **local_kw)
        elif func == "pldj":
            pg.pldj(s(i), s(i), s(i + 1), s(i * 2))
        elif func == "plm":
            pg.plm(s(y2), s(x2))
        elif func == "plc":
            pg.plc(s(z2), s(y2), s(x2))
        elif func == "plf":
            pg.plf(s(zone), s(y2), s(x2))
        elif func == "plfc":
            ireg = numpy.ones(z2.shape, dtype=numpy.int32)  # pygist's: row 0 and column 0 are no zone
            ireg[0, :] = ireg[:, 0] = 0
            pg.plfc(s(z2), s(y2), s(x2), ireg)
        elif func == "pli":
            pg.pli(s(z2), **local_kw)
        elif func == "plfp":
            pg.plfp(s(numpy.array([1.0, 2.0])), s(numpy.array([0, 1, 1, 0, 2, 3, 2.0])),
                    s(numpy.array([0, 0, 1, 1, 0, 1, 2.0])), numpy.array([4, 3]))
        elif func == "plv":
            pg.plv(s(i), s(i + 1), s(i), s(i * 2))
        elif func == "plt":
            x = s(numpy.array([0.3, 0.5]))
            pg.plt("bad numbers", x[0] if x.size else float("nan"), x[-1] if x.size else float("nan"))
        return ""
    return call


def cases(me, npes):
    """(name, call) for every function, mode and kind, the same list on every rank."""
    out = []
    for func in PP_FUNCS:
        modes = PP_MODES if func in ("ppzx", "ppxy", "ppgeneric") else {"scatter": {}}
        for mode in modes:
            for kind in KINDS:
                out.append((f"{func} {mode}/{kind}", pp_call(func, mode, kind, me)))
    for name in PRIMITIVES:
        for kind in KINDS:
            out.append((f"{name}/{kind}", primitive_call(name, kind)))
    return out


def frame_summary():
    """What the current frame holds (rank 0): every element's kind and a
    digest of its numbers, system by system; None on other ranks."""
    pg = _pargist()
    if pg.parallel.me != 0:
        return None
    h = hashlib.sha1()
    kinds = []
    systems = pg._core.frame_info()["systems"]
    for s in range(systems):
        for e in pg._core.frame_elements(s):
            kinds.append(f"{s}:{e['kind']}")
            for key in sorted(e):
                v = e[key]
                if isinstance(v, numpy.ndarray):
                    h.update(key.encode())
                    h.update(numpy.ascontiguousarray(v, dtype=numpy.float64).tobytes())
    return " ".join(kinds) + " " + h.hexdigest()[:16]
