#!/usr/bin/python3
"""ppzx density frames through Python against the C++ pp kernel, in one run.

For each rank count and particle count, the C++ program (pp_bench, built
from tests/bench/pp_bench.cpp) and this script's worker take turns, each in
its own mpirun, on the same grids: every frame is fma() then a ppzx density
cell array of nx = ny = BINS cells, deposited on every rank, reduced to rank
0 and drawn there (colour bar and titles; no file written, no window), timed
from barrier to barrier; the median of the frames. Python:
`pargist.ppzx(z=z, x=x, cellarray=1, nx=B, ny=B)` (Warp's ppgeneric, node
grid); C++: `pargist::plot::pp::ppgeneric` with `cellarray`, nx = ny = B.
Both layers draw the same particles' distribution (Gaussian z of sigma 1, x of
sigma 0.5, each rank its own, made by each layer's own generator).

    pp_bench.py --binary build/bin/pp_bench [--ranks 1,4] [--sizes 1e4,1e6,1e7]
                [--bins 64,256,1024,2048] [--frames 5] [--rounds 2]
    mpirun -n P python3 pp_bench.py --worker N FRAMES BINS...   (one layer's turn)
Writes tests/bench/results/pp.md.
"""
import argparse
import os
import subprocess
import sys

import benchlib

HERE = os.path.dirname(os.path.abspath(__file__))


def worker(n, frames, sides):
    import numpy as np
    from mpi4py import MPI

    import pargist as pg
    comm = MPI.COMM_WORLD
    rng = np.random.default_rng(1234 + comm.rank)
    z = rng.standard_normal(n)
    x = 0.5 * rng.standard_normal(n)
    pg.window(0, display="")  # collective in Python, as every pargist call
    for side in sides:
        times = []
        for k in range(-1, frames):  # frame -1 warms up, untimed
            comm.Barrier()
            t0 = MPI.Wtime()
            pg.fma()
            pg.ppzx(z=z, x=x, cellarray=1, nx=side, ny=side)
            comm.Barrier()
            if k >= 0:
                times.append(MPI.Wtime() - t0)
        if comm.rank == 0:
            print(side, " ".join(f"{t:.6g}" for t in times), flush=True)


def run_layer(cmd, ranks):
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1")
    full = ["mpirun", "-n", str(ranks), "--oversubscribe"] + cmd
    run = subprocess.run(full, capture_output=True, text=True, env=env, timeout=3600, stdin=subprocess.DEVNULL)
    if run.returncode != 0:
        raise RuntimeError(f"{' '.join(full)} failed:\n{run.stdout}\n{run.stderr}")
    times = {}
    for line in run.stdout.splitlines():
        side, *ts = line.split()
        times[int(side)] = [float(t) for t in ts]
    return times


def driver(args):
    rows = []
    sides = [int(b) for b in args.bins.split(",")]
    for ranks in [int(r) for r in args.ranks.split(",")]:
        for total in [int(float(s)) for s in args.sizes.split(",")]:
            n = total // ranks
            frames = args.frames if total <= 10**7 else max(2, args.frames // 2)
            cxx = {s: [] for s in sides}
            py = {s: [] for s in sides}
            for _ in range(args.rounds):  # the layers take turns
                for s, ts in run_layer([args.binary, str(n), str(frames)] + [str(s) for s in sides], ranks).items():
                    cxx[s] += ts
                for s, ts in run_layer([sys.executable, os.path.abspath(__file__), "--worker", str(n), str(frames)] +
                                       [str(s) for s in sides], ranks).items():
                    py[s] += ts
            for s in sides:
                c, q = benchlib.median(cxx[s]), benchlib.median(py[s])
                rows.append((ranks, total, s, len(cxx[s]), c, q))
                print(f"P={ranks} N={total:.0e} {s:5d}^2  C++ {c * 1e3:9.2f} ms  Python {q * 1e3:9.2f} ms  "
                      f"ratio {q / c:5.2f}", flush=True)
    worst = max(rows, key=lambda r: r[5] / r[4])
    text = [
        "# ppzx density frames through Python against the C++ pp kernel",
        "",
        f"Written by `tests/bench/pp_bench.py` on {benchlib.stamp()} ({os.cpu_count()} cores, shared; ranks "
        "past 2 are oversubscribed). Each frame: `fma()` then a density cell array of the particles, "
        "deposited on every rank, reduced to rank 0 and drawn there with its colour bar and titles (no "
        "file, no window), timed from barrier to barrier, wall seconds; the median frame of "
        f"{args.rounds} turns of each layer, each turn its own mpirun. Python: `pargist.ppzx(z=z, x=x, "
        "cellarray=1, nx=B, ny=B)` (Warp's ppgeneric: a node grid of (B+1)^2 nodes); C++: "
        "`pargist::plot::pp::ppgeneric` with `cellarray`, nx = ny = B (a cell grid). Particles: "
        "Gaussian z (sigma 1), x (sigma 0.5), the total split evenly over the ranks, float64. "
        "Ratio = Python / C++.",
        "",
    ]
    text += benchlib.table(["ranks", "particles (total)", "grid", "frames", "C++ ms/frame", "Python ms/frame",
                            "Python / C++"], "r r r r r r r",
                           [(r, f"{t:.0e}", f"{s}x{s}", k, f"{c * 1e3:.4g}", f"{q * 1e3:.4g}", f"{q / c:.2f}")
                            for r, t, s, k, c, q in rows])
    text += ["", f"Worst ratio: {worst[5] / worst[4]:.2f} ({worst[0]} ranks, {worst[1]:.0e} particles, "
             f"{worst[2]}x{worst[2]}).", "", benchlib.machine()]
    benchlib.write_results(args.out, "\n".join(text))


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(int(sys.argv[2]), int(sys.argv[3]), [int(s) for s in sys.argv[4:]])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True)
    ap.add_argument("--ranks", default="1,4")
    ap.add_argument("--sizes", default="1e4,1e6,1e7")
    ap.add_argument("--bins", default="64,256,1024,2048")
    ap.add_argument("--frames", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--out", default=os.path.join(HERE, "results", "pp.md"))
    driver(ap.parse_args())


if __name__ == "__main__":
    main()
