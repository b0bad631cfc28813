#!/usr/bin/env python3
"""ppzx() through a registered source against ppzx(z=, x=) with the arrays
passed, in the same run: what Warp's call form costs.

    python3 tests/bench/warp_bench.py            # the table (driver), 1, 2, 4 ranks
    mpirun -n P python3 tests/bench/warp_bench.py --worker --n 1e6

Each rank holds n particles. Three ways to the same plot, timed in turns
(best of 9 each, so that the machine's noise hits all of them alike):
  arrays:       ppzx(z=z, x=x, ...)                      (this rank's arrays)
  ParticleArrays: register_species(z=z, x=x, ...); ppzx(...)
  Warp object:  register_species(obj) where obj has Warp's getters
                getz(gather=1, **kw), getx(...) (asked for gather=0)
and three plots: density (cellarray=1, nx=ny=200), Warp's default ppzx()
(the density fallback above maxpoints) and a scatter of Warp's subset
iw=-1 (npplot[0] = 50 000 particles). The frame is cleared between calls;
no file is written (the plot's own cost). Writes tests/bench/results/warp.md.
"""

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REPEATS = 9


class WarpLike:
    """Warp's Species getter style: gather=1 by default, selection keywords."""

    def __init__(self, z, x):
        self.zp, self.xp = z, x

    def getz(self, gather=1, bcast=None, **kw):
        assert not gather
        return self.zp

    def getx(self, gather=1, bcast=None, **kw):
        assert not gather
        return self.xp


def worker(args):
    import numpy
    import pargist as pg
    from pargist import parallel
    n = int(float(args.n))
    rng = numpy.random.default_rng(7 + parallel.me)
    z, x = rng.normal(0.0, 1.0, n), rng.normal(0.0, 1e-3, n)
    pg.window(0, display="")  # collective, as fma()
    plots = {"density": dict(cellarray=1, nx=200, ny=200), "default": {}, "subset": dict(iw=-1)}
    repeats = REPEATS if n >= 1e5 else 15 * REPEATS
    sources = {"arrays": None, "ParticleArrays": pg.ParticleArrays(z=z, x=x), "Warp object": WarpLike(z, x)}
    best = {(p, s): float("inf") for p in plots for s in sources}
    for _ in range(repeats):
        for pname, kw in plots.items():
            for sname, src in sources.items():
                pg.clear_sources()
                if src is not None:
                    pg.register_species(src)
                parallel.barrier()
                t0 = time.perf_counter()
                if src is None:
                    pg.ppzx(z=z, x=x, **kw)
                else:
                    pg.ppzx(**kw)
                dt = parallel.globalmax(time.perf_counter() - t0)
                best[(pname, sname)] = min(best[(pname, sname)], dt)
                pg.fma()
    if parallel.me == 0:
        print(json.dumps({f"{p}|{s}": t for (p, s), t in best.items()}))


def driver(args):
    rows = []
    # The last case, 1e3 particles on one rank, shows the fixed cost of the
    # call form itself (finding the species, Warp's titles).
    for ranks, n in ((1, args.n), (2, args.n), (4, args.n), (1, "1e3")):
        cmd = ["mpirun", "-n", str(ranks), "--oversubscribe", sys.executable, os.path.abspath(__file__),
               "--worker", "--n", n]
        env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
                   PYTHONPATH=os.path.join(ROOT, "build", "python") + os.pathsep + os.environ.get("PYTHONPATH", ""))
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout
        t = json.loads(out.strip().splitlines()[-1])
        for plot in ("density", "default", "subset"):
            a = t[f"{plot}|arrays"]
            rows.append((ranks, n, plot, a, t[f"{plot}|ParticleArrays"], t[f"{plot}|Warp object"]))
        print(f"{ranks} ranks done", file=sys.stderr)
    lines = ["# ppzx() through a registered source vs the arrays passed (same run)", "",
             f"Best of {REPEATS} calls each, the slowest rank's time; ratio = source / arrays "
             "(1.00: the same cost).", "",
             "| ranks | particles/rank | plot | arrays | ParticleArrays | ratio | Warp object | ratio |",
             "|---:|---:|---|---:|---:|---:|---:|---:|"]
    for ranks, n, plot, a, p, w in rows:
        lines.append(f"| {ranks} | {n} | {plot} | {a * 1e3:.2f} ms | {p * 1e3:.2f} ms | {p / a:.2f} | "
                     f"{w * 1e3:.2f} ms | {w / a:.2f} |")
    text = "\n".join(lines) + "\n"
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "warp.md"), "w") as f:
        f.write(text)
    print(text)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--worker", action="store_true")
    p.add_argument("--n", default="1e6")
    args = p.parse_args()
    (worker if args.worker else driver)(args)


if __name__ == "__main__":
    main()
