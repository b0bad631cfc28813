"""This rank's particle quantities for one plot, as Warp's getters define them.

A quantity comes from, in order: an array keyword of the call (pargist's
``ppzx(z=z, x=x)``), the species' own getter (``getvr()`` of a Warp species
is Warp's definition), or a derivation from other quantities with Warp's
formulas (vx = ux*gaminv, xp = ux/uz, vr = ux cos(theta) + uy sin(theta)
times gaminv...). Each is computed once per call.
"""

import numpy

from .sources import ParticleArrays, call_getter, run

CLIGHT = 2.99792458e8      # m/s
ECHARGE = 1.602176634e-19  # C

# Axis labels of Warp's plots (the titles settitles() gives).
LABELS = {"x": "X", "y": "Y", "z": "Z", "r": "R", "theta": "Theta", "vx": "Vx", "vy": "Vy",
          "vz": "Vz", "ux": "Ux", "uy": "Uy", "uz": "Uz", "vr": "Vr", "vtheta": "Vtheta",
          "vperp": "Vperp", "xp": "X'", "yp": "Y'", "rp": "R'", "tp": "Theta'", "ke": "KE",
          "ex": "Ex", "ey": "Ey", "ez": "Ez", "bx": "Bx", "by": "By", "bz": "Bz",
          "er": "Er", "etheta": "Etheta", "br": "Br", "btheta": "Btheta", "gaminv": "1/gamma"}

# Quantities a call may pass as this rank's arrays (pargist's keywords).
ARRAY_KEYWORDS = ("x", "y", "z", "vx", "vy", "vz", "ux", "uy", "uz", "xp", "yp", "r", "rp",
                  "vperp", "vr", "vtheta", "tp", "ke", "ex", "ey", "ez", "bx", "by", "bz")


class Quantities:
    """Quantities of one species (or of the call's arrays) on this rank."""

    def __init__(self, func, given=None, source=None, lost=False, suffix=""):
        self.func = func
        self.given = {k: v for k, v in (given or {}).items() if v is not None}
        self.source = source
        self.lost, self.suffix = lost, suffix
        self.cache = {}

    @property
    def mass(self):
        """The species' mass (the kinetic energy's): its mass attribute, else
        Warp's sm; read when a plot needs it, not at every call."""
        src = self.source
        mass = getattr(src, "mass", None) if src is not None else None
        if mass is None and src is not None and hasattr(src, "sm"):
            mass = numpy.asarray(src.sm).ravel()[0]
        return mass

    def get(self, name):
        if name not in self.cache:
            self.cache[name] = self._find(name)
        return self.cache[name]

    def has(self, name):
        return name in self.given or (self.source is not None and hasattr(self.source, "get" + name))

    def length(self):
        for name in ("x", "y", "z", "ux", "vx", "uz", "vz"):
            if self.has(name):
                return numpy.shape(self.get(name))[0] if numpy.ndim(self.get(name)) else 1
        return 0

    def _find(self, name):
        if name in self.given:
            return _numbers(self.given[name], name, self.func)
        src = self.source
        if type(src) is ParticleArrays and name in src.arrays:
            # Its get<name>() (an attribute exactly then), without the getter's call: read every frame.
            return _numbers(src.held(name, self.lost, self.suffix), name, self.func)
        if src is not None and hasattr(src, "get" + name):
            return _numbers(call_getter(src, name, self.lost, self.suffix), name, self.func)
        derive = _DERIVED.get(name)
        if derive is None:
            raise TypeError(f"{self.func}: needs {name}: pass {name}= (this rank's array) or "
                            f"register a species with get{name}()")
        try:
            return derive(self)
        except _Missing as missing:
            raise TypeError(f"{self.func}: needs {name}, which comes from {missing.args[0]}: pass "
                            f"{name}= or register a species with get{name}() or "
                            f"get{missing.args[0].split()[0]}()") from None

    def need(self, *names):
        """The quantities a derived one is computed from, as float64 (a
        float32 particle array gives the numbers float64 gives, as Warp's
        own arrays do), or _Missing naming the first one unavailable."""
        out = []
        for n in names:
            if not self.has(n) and n not in _DERIVED:
                raise _Missing(" and ".join(names))
            try:
                out.append(numpy.asarray(self.get(n), dtype=numpy.float64))
            except TypeError:
                raise _Missing(" and ".join(names)) from None
        return out

    def angle(self):
        if "theta" not in self.cache:
            if self.has("theta"):
                self.cache["theta"] = self.get("theta")
            else:
                x, y = self.need("x", "y")
                self.cache["theta"] = numpy.arctan2(y, x)
        return self.cache["theta"]

    def gamma_inverse(self):
        if self.has("gaminv"):
            return self.get("gaminv")
        if self.has("ux") and self.has("uy") and self.has("uz"):
            ux, uy, uz = self.need("ux", "uy", "uz")
            return 1.0 / numpy.sqrt(1.0 + (ux * ux + uy * uy + uz * uz) / CLIGHT ** 2)
        vx, vy, vz = self.need("vx", "vy", "vz")
        return numpy.sqrt(numpy.maximum(0.0, 1.0 - (vx * vx + vy * vy + vz * vz) / CLIGHT ** 2))


class _Missing(Exception):
    pass


_FLOATS = (numpy.dtype(numpy.float64), numpy.dtype(numpy.float32))


def _numbers(a, name, func):
    arr = numpy.asarray(a)
    if arr.dtype not in _FLOATS:
        raise TypeError(f"{func}: {name} must be float32 or float64 (this rank's particles), got dtype {arr.dtype}")
    return arr


def _velocity(axis):
    def derive(q):
        if q.has("u" + axis):
            return q.get("u" + axis) * q.gamma_inverse()
        raise _Missing("u" + axis)
    return derive


def _momentum(axis):
    def derive(q):
        if q.has("v" + axis):
            return q.get("v" + axis) / q.gamma_inverse()
        raise _Missing("v" + axis)
    return derive


def _slope(axis):
    def derive(q):
        with numpy.errstate(divide="ignore", invalid="ignore"):
            if q.has("u" + axis) and q.has("uz"):
                return q.get("u" + axis) / q.get("uz")
            vt, vz = q.need("v" + axis, "vz")
            return vt / vz
    return derive


def _polar(a, radial, per_uz=False):
    """The radial (a_x cos t + a_y sin t) or azimuthal (-a_x sin t + a_y cos t)
    component of the vector a at angle t = atan2(y, x), Warp's way;
    per_uz: of the momentum divided by uz (R', Theta')."""
    def derive(q):
        t = q.angle()
        cos, sin = numpy.cos(t), numpy.sin(t)
        if per_uz:
            cx, cy, uz = q.need("ux", "uy", "uz") if q.has("ux") else q.need("vx", "vy", "vz")
        else:
            cx, cy = q.need(a + "x", a + "y")
            uz = 1.0
        with numpy.errstate(divide="ignore", invalid="ignore"):
            return ((cx * cos + cy * sin) if radial else (-cx * sin + cy * cos)) / uz
    return derive


def _kinetic_energy(q):
    """KE in eV: (gamma - 1) m c^2 / e, written m u^2 / (gamma + 1) / e so
    that slow particles keep their precision; Warp's non-relativistic
    0.5 m u^2 / e when the registered run says lrelativ=0."""
    mass = q.mass
    if mass is None:
        raise TypeError(f"{q.func}: the kinetic energy needs the species' mass "
                        "(ParticleArrays(mass=...), or a species with a mass attribute)")
    if q.has("ux"):
        ux, uy, uz = q.need("ux", "uy", "uz")
    else:
        vx, vy, vz = q.need("vx", "vy", "vz")
        gi = q.gamma_inverse()
        ux, uy, uz = vx / gi, vy / gi, vz / gi
    usq = ux * ux + uy * uy + uz * uz
    if run.has("lrelativ") and not run.get("lrelativ"):
        return 0.5 * mass * usq / ECHARGE
    gamma = numpy.sqrt(1.0 + usq / CLIGHT ** 2)
    return mass * usq / (gamma + 1.0) / ECHARGE


_DERIVED = {
    "vx": _velocity("x"), "vy": _velocity("y"), "vz": _velocity("z"),
    "ux": _momentum("x"), "uy": _momentum("y"), "uz": _momentum("z"),
    "xp": _slope("x"), "yp": _slope("y"),
    "r": lambda q: numpy.hypot(*q.need("x", "y")),
    "theta": lambda q: q.angle(),
    "vr": _polar("v", True), "vtheta": _polar("v", False),
    "rp": _polar("u", True, per_uz=True), "tp": _polar("u", False, per_uz=True),
    "vperp": lambda q: numpy.hypot(*q.need("vx", "vy")),
    "er": _polar("e", True), "etheta": _polar("e", False),
    "br": _polar("b", True), "btheta": _polar("b", False),
    "gaminv": lambda q: q.gamma_inverse(),
    "ke": _kinetic_energy,
}
