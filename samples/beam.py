"""A space-charge-dominated beam in a FODO lattice, plotted in situ.

The particles are split over the MPI ranks; every rank pushes its own. Each
step drifts the beam, applies the thin quadrupoles of a FODO lattice and a
space-charge kick: the transverse charge density is deposited on a grid and
summed over all ranks (pargist.reduce.histogram2d), the field comes from an
open-boundary Poisson solve (Hockney's FFT convolution) that every rank does
on the same small grid, and it is interpolated back to the particles (the
same cloud-in-cell weights as the deposition). The line density along the
bunch scales the kick, so the middle of the bunch is fatter than its ends.

Every few steps the sample plots, as Warp users do: ppzx (the bunch, side
view), ppxxp (the x-x' phase space, density mode) and the history of the rms
size and emittance (reduced moments). Frames go to the live window when there
is a display, and always to a CGM family and numbered PNGs in --out.

    python3 samples/beam.py                        # serial
    mpirun -n 4 build/bin/pargist-python samples/beam.py --out out
"""

import argparse
import os
import sys
import time

import numpy as np

import pargist as pg
from pargist import parallel, reduce


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--particles", type=float, default=2e6, help="macro-particles in total")
    p.add_argument("--steps", type=int, default=240, help="steps (20 per FODO cell)")
    p.add_argument("--plot-every", type=int, default=10, help="steps between frames")
    p.add_argument("--out", default="out", help="folder for the CGM family and PNGs")
    p.add_argument("--grid", type=int, default=64, help="space-charge grid cells per axis")
    p.add_argument("--short", action="store_true", help="a few steps, for the tests")
    p.add_argument("--quiet", action="store_true", help="no progress line")
    p.add_argument("--no-window", action="store_true", help="files only, even with a display")
    args = p.parse_args(argv)
    if args.short:
        args.particles, args.steps, args.plot_every = min(args.particles, 2e5), 20, 10
    return args


# --- the lattice -----------------------------------------------------------

class FODO:
    """Thin-lens FODO cell: focusing quad at s=0, defocusing at s=L/2.

    The focal length gives a zero-current phase advance sigma0 per cell:
    sin(sigma0/2) = L / (4 f).
    """

    def __init__(self, length=1.0, sigma0_deg=72.0, steps_per_cell=20):
        self.length = length
        self.steps_per_cell = steps_per_cell
        self.ds = length / steps_per_cell
        self.focal = length / (4.0 * np.sin(np.radians(sigma0_deg) / 2.0))

    def twiss(self, plane):
        """(beta, alpha) at s=0, before the first quad, from the cell's map."""
        m = np.eye(2)
        sign = 1.0 if plane == 0 else -1.0
        for k in range(self.steps_per_cell):
            if k == 0:
                m = np.array([[1.0, 0.0], [-sign / self.focal, 1.0]]) @ m
            elif k == self.steps_per_cell // 2:
                m = np.array([[1.0, 0.0], [sign / self.focal, 1.0]]) @ m
            m = np.array([[1.0, self.ds], [0.0, 1.0]]) @ m
        cos_mu = 0.5 * np.trace(m)
        sin_mu = np.sign(m[0, 1]) * np.sqrt(1.0 - cos_mu ** 2)
        return m[0, 1] / sin_mu, (m[0, 0] - m[1, 1]) / (2.0 * sin_mu)

    def kick(self, step, x, xp, y, yp):
        """Apply the quad that sits at the start of this step, if any."""
        k = step % self.steps_per_cell
        if k == 0:
            sign = 1.0           # focusing in x, defocusing in y
        elif k == self.steps_per_cell // 2:
            sign = -1.0
        else:
            return
        xp -= sign * x / self.focal
        yp += sign * y / self.focal


# --- space charge ------------------------------------------------------------

class SpaceCharge:
    """Transverse self-field of the beam, from the reduced charge density.

    Units: with the density n normalised to 1 over the plane, div E = 4 pi n,
    so a uniform round beam of radius a has E_r = 2 r / a^2 inside and the
    kick x'' = Q E_x is the one of the envelope equation with perveance Q.
    """

    def __init__(self, ncell, perveance):
        self.n = ncell
        self.Q = perveance
        self._green_hat = None
        self._green_h = None

    def _green(self, h):
        # Hockney: the 2-D Green's function -2 ln r of div E = 4 pi n, on the
        # doubled grid, transformed once per cell size.
        if self._green_h == h:
            return self._green_hat
        n2 = 2 * self.n
        i = np.arange(n2)
        i = np.minimum(i, n2 - i) * h
        r2 = i[:, None] ** 2 + i[None, :] ** 2
        r2[0, 0] = 0.25 * h * h  # the self cell: a quarter-cell radius
        g = -np.log(r2)          # -2 ln r
        self._green_hat = np.fft.rfft2(g)
        self._green_h = h
        return self._green_hat

    def field(self, x, y, half_width):
        """Deposit, reduce over all ranks, solve; return (Ex, Ey) grids."""
        n = self.n
        h = 2.0 * half_width / n
        rng = [[-half_width, half_width], [-half_width, half_width]]
        rho = reduce.histogram2d(x, y, bins=n, range=rng, method="cic", allranks=True)
        rho = np.asarray(rho, dtype=np.float64)
        total = rho.sum()
        if total > 0:
            rho /= total * h * h   # a density normalised to one
        padded = np.zeros((2 * n, 2 * n))
        padded[:n, :n] = rho
        phi = np.fft.irfft2(np.fft.rfft2(padded) * self._green(h), s=padded.shape)[:n, :n] * h * h
        ex, ey = np.gradient(-phi, h, h)  # histogram2d's axis 0 is x, axis 1 is y
        return ex, ey, h

    def kick(self, x, xp, y, yp, weight, ds):
        half = 4.0 * max(np.sqrt(parallel.globalave(x * x)), np.sqrt(parallel.globalave(y * y)), 1e-6)
        ex, ey, h = self.field(x, y, half)
        # Cloud-in-cell interpolation back to the particles (cell centres).
        fx = (x + half) / h - 0.5
        fy = (y + half) / h - 0.5
        ix = np.clip(np.floor(fx).astype(np.int64), 0, self.n - 2)
        iy = np.clip(np.floor(fy).astype(np.int64), 0, self.n - 2)
        wx = np.clip(fx - ix, 0.0, 1.0)
        wy = np.clip(fy - iy, 0.0, 1.0)
        for grid, p in ((ex, xp), (ey, yp)):
            e = ((1 - wx) * (1 - wy) * grid[ix, iy] + wx * (1 - wy) * grid[ix + 1, iy]
                 + (1 - wx) * wy * grid[ix, iy + 1] + wx * wy * grid[ix + 1, iy + 1])
            p += (self.Q * ds) * weight * e


# --- the beam ----------------------------------------------------------------

def initial_beam(n_local, seed, lattice, bunch_length=2.0, emittance=5e-6):
    """A Gaussian bunch matched to the lattice: z along the bunch, and in x
    and y the ellipse that the FODO cell maps onto itself (zero current)."""
    rng = np.random.default_rng(seed)
    sz = bunch_length / 4.0
    z = rng.normal(0.0, sz, n_local)
    planes = []
    for plane in (0, 1):
        beta, alpha = lattice.twiss(plane)
        u, v = rng.normal(size=n_local), rng.normal(size=n_local)
        x = np.sqrt(emittance * beta) * u
        xp = np.sqrt(emittance / beta) * (v - alpha * u)
        planes += [x, xp]
    # The kick scales with the local line density: largest at the centre.
    weight = np.exp(-0.5 * (z / sz) ** 2)
    return (z, *planes, weight)


def rms_and_emittance(x, xp):
    """Global rms size and rms emittance sqrt(<x^2><x'^2> - <x x'>^2)."""
    m = reduce.moments(x, xp)
    return float(m.std[0]), m.emittance(0, 1)


# --- plotting ----------------------------------------------------------------

def plot_frame(step, s, z, x, xp, history):
    """One frame: the bunch, its x-x' phase space, the history of the rms
    sizes and of the emittances (x red, y blue)."""
    pg.fma()
    pg.plsys(1)
    pg.ppzx(z=z, x=x, color="density", lcolorbar=0,
            titlet="bunch at s = %.2f m" % s, titleb="z (m)", titlel="x (m)")
    pg.plsys(2)
    pg.ppxxp(x=x, xp=xp, color="density", lcolorbar=0,
             titlet="x-x' phase space", titleb="x (m)", titlel="x' (rad)")
    hs = np.array(history["s"])
    pg.plsys(3)
    pg.plg(1e3 * np.array(history["xrms"]), hs, color="red")
    pg.plg(1e3 * np.array(history["yrms"]), hs, color="blue")
    pg.pltitle("rms size (mm)")
    pg.xytitles("s (m)")
    pg.plsys(4)
    pg.plg(1e6 * np.array(history["emitx"]), hs, color="red")
    pg.plg(1e6 * np.array(history["emity"]), hs, color="blue")
    pg.pltitle("rms emittance (mm mrad)")
    pg.xytitles("s (m)")
    pg.redraw()


def main(argv):
    args = parse_args(argv)
    me, npes = parallel.me, parallel.npes
    n_local = int(args.particles) // npes + (1 if me < int(args.particles) % npes else 0)

    lattice = FODO()
    sc = SpaceCharge(args.grid, perveance=2e-6)
    z, x, xp, y, yp, weight = initial_beam(n_local, 1234 + me, lattice)

    if me == 0:
        os.makedirs(args.out, exist_ok=True)
    pg.window(0, style="2x2", display="" if args.no_window else None)
    pg.hcp_file(os.path.join(args.out, "beam00.cgm"))
    history = {"s": [], "xrms": [], "yrms": [], "emitx": [], "emity": []}

    t0 = time.perf_counter()
    t_plot = 0.0
    for step in range(args.steps + 1):
        s = step * lattice.ds
        xr, ex = rms_and_emittance(x, xp)
        yr, ey = rms_and_emittance(y, yp)
        for key, v in zip(("s", "xrms", "yrms", "emitx", "emity"), (s, xr, yr, ex, ey)):
            history[key].append(v)

        if step % args.plot_every == 0:
            tp = time.perf_counter()
            plot_frame(step, s, z, x, xp, history)
            pg.hcp()
            pg.png(os.path.join(args.out, "beam%03d.png" % (step // args.plot_every)))
            t_plot += time.perf_counter() - tp

        if step == args.steps:
            break
        lattice.kick(step, x, xp, y, yp)
        sc.kick(x, xp, y, yp, weight, lattice.ds)
        x += xp * lattice.ds
        y += yp * lattice.ds

        if me == 0 and not args.quiet:
            wall = time.perf_counter() - t0
            sys.stdout.write("\rstep %4d/%d  %6.1f ms/step  plotting %4.1f%% of %.1f s"
                             % (step + 1, args.steps, 1e3 * wall / (step + 1), 100 * t_plot / wall, wall))
            sys.stdout.flush()

    pg.hcp_finish()
    wall = time.perf_counter() - t0
    if me == 0:
        print("\nbeam: %d particles on %d ranks, %d steps in %.1f s; plotting %.1f s (%.1f%% of the run)"
              % (int(args.particles), npes, args.steps, wall, t_plot, 100.0 * t_plot / wall))
        print("final rms x %.3g mm, emittance x %.3g mm mrad" % (1e3 * xr, 1e6 * ex))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
