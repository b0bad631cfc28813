#!/usr/bin/env python3
"""ppzx density and scatter frames to PNG with pargist, against matplotlib +
mpi4py doing the same plot, at 1e6 and 1e7 particles per rank on 1, 2 and 4
ranks: time per frame (PNG written inside the timed frame), bytes that reach
rank 0, and rank 0's peak memory growth during the frames.

    python3 tests/bench/python_bench.py            # the whole table (driver)
    mpirun -n P python3 tests/bench/python_bench.py --case pg-density --n 1e6

The driver runs every (ranks, particles, method) case in its own mpirun, so
each peak-memory figure is that case's alone, and writes
tests/bench/results/python.md.

The matplotlib way, as a user would write it:
  scatter: Gatherv every rank's z, x to rank 0, ax.plot(z, x, ',') (pixel
           markers, matplotlib's fastest scatter), savefig.
  density: global limits (allreduce), numpy.histogram2d per rank, Reduce
           to rank 0, imshow + colorbar, savefig.
pargist: ppzx(z=, x=, cellarray=1) (density) and ppzx(z=, x=, iw=-100000)
(scatter of a fair 1e5 sample, pargist's cap), then png().
"""

import argparse
import json
import os
import subprocess
import sys
import time

from benchlib import reset_peak, status_kb, write_results

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BINS = 200
SAMPLE = 100000


def worker(args):
    import numpy
    from mpi4py import MPI
    comm = MPI.COMM_WORLD
    me, npes = comm.Get_rank(), comm.Get_size()
    n = int(float(args.n))
    rng = numpy.random.default_rng(1234 + me)
    z = rng.normal(0.0, 1.0, n)
    x = rng.normal(0.0, 0.5, n)
    out = os.path.join(args.out, f"{args.case}-np{npes}-n{n}")
    if me == 0:
        os.makedirs(out, exist_ok=True)

    if args.case.startswith("pg"):
        import pargist as pg
        pg.window(0, display="")

        def frame(k, zz, xx):
            pg.fma()
            if args.case == "pg-density":
                r = pg.ppzx(z=zz, x=xx, cellarray=1, nx=BINS, ny=BINS)
            else:
                r = pg.ppzx(z=zz, x=xx, iw=-SAMPLE)
            pg.png(os.path.join(out, f"frame{k}.png"))
            return r["bytes_to_root"]
    else:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        def frame(k, zz, xx):
            path = os.path.join(out, f"frame{k}.png")
            if args.case == "mpl-scatter":
                counts = comm.gather(zz.size, root=0)
                if me == 0:
                    total = sum(counts)
                    gz, gx = numpy.empty(total), numpy.empty(total)
                    comm.Gatherv(zz, (gz, counts), root=0)
                    comm.Gatherv(xx, (gx, counts), root=0)
                    fig = plt.figure(figsize=(6, 6), dpi=75)
                    ax = fig.add_subplot()
                    ax.plot(gz, gx, ",", color="k")
                    ax.set_title("X vs Z"), ax.set_xlabel("Z"), ax.set_ylabel("X")
                    fig.savefig(path)
                    plt.close(fig)
                    return total * 16
                comm.Gatherv(zz, None, root=0)
                comm.Gatherv(xx, None, root=0)
                return 0
            lo = numpy.array([zz.min(), xx.min()])
            hi = numpy.array([zz.max(), xx.max()])
            comm.Allreduce(MPI.IN_PLACE, lo, op=MPI.MIN)
            comm.Allreduce(MPI.IN_PLACE, hi, op=MPI.MAX)
            h, _, _ = numpy.histogram2d(zz, xx, bins=BINS, range=[[lo[0], hi[0]], [lo[1], hi[1]]])
            h = numpy.ascontiguousarray(h)
            total = numpy.empty_like(h) if me == 0 else None
            comm.Reduce(h, total, op=MPI.SUM, root=0)
            if me == 0:
                fig = plt.figure(figsize=(6, 6), dpi=75)
                ax = fig.add_subplot()
                im = ax.imshow(total.T, origin="lower", extent=(lo[0], hi[0], lo[1], hi[1]), aspect="auto")
                fig.colorbar(im)
                ax.set_title("X vs Z"), ax.set_xlabel("Z"), ax.set_ylabel("X")
                fig.savefig(path)
                plt.close(fig)
                return h.nbytes
            return 0

    # Warm up on a few particles (fonts, caches, imports), not timed.
    frame("warm", z[:1000].copy(), x[:1000].copy())
    comm.Barrier()
    base = status_kb("VmRSS")
    reset_peak()
    times = []
    nbytes = 0
    for k in range(args.frames):
        comm.Barrier()
        t0 = time.perf_counter()
        nbytes = frame(k, z, x)
        comm.Barrier()
        times.append(time.perf_counter() - t0)
    peak = status_kb("VmHWM")
    if me == 0:
        times.sort()
        print(json.dumps({"case": args.case, "ranks": npes, "n": n, "time": times[len(times) // 2],
                          "bytes": nbytes, "peak_mb": max(peak - base, 0) / 1024.0}), flush=True)


def run_case(case, ranks, n, frames, out):
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1")
    cmd = ["mpirun", "-n", str(ranks), "--oversubscribe", sys.executable, os.path.abspath(__file__),
           "--case", case, "--n", str(n), "--frames", str(frames), "--out", out]
    run = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800,
                         stdin=subprocess.DEVNULL)
    for line in run.stdout.splitlines():
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"{' '.join(cmd)} failed:\n{run.stdout}\n{run.stderr}")


def human_bytes(b):
    for unit in ("B", "KB", "MB", "GB"):
        if b < 1024 or unit == "GB":
            return f"{b:.0f} {unit}" if unit == "B" else f"{b:.1f} {unit}"
        b /= 1024.0


def driver(args):
    out = args.out
    rows = []
    for ranks in args.ranks:
        for n in args.sizes:
            for plot in ("density", "scatter"):
                pg = run_case("pg-" + plot, ranks, n, 5, out)
                mpl = run_case("mpl-" + plot, ranks, n, 3 if n <= 1e6 else 1, out)
                rows.append((ranks, n, plot, pg, mpl))
                print(f"P={ranks} N={n:.0e} {plot:8s} pargist {pg['time'] * 1e3:8.1f} ms  "
                      f"matplotlib {mpl['time'] * 1e3:9.1f} ms  x{mpl['time'] / pg['time']:6.1f}", flush=True)
    lines = [
        "# pargist vs matplotlib + mpi4py: ppzx frames to PNG",
        "",
        "Written by `tests/bench/python_bench.py` (one run; each case its own mpirun).",
        f"Particles: float64 z, x per rank (Gaussian). Density: {BINS}x{BINS} cells. pargist "
        f"scatter: a fair sample of {SAMPLE} markers (`iw=-{SAMPLE}`); matplotlib scatter: every "
        "particle gathered to rank 0 and drawn with `ax.plot(z, x, ',')`. Both write a 450x450 "
        "PNG inside the timed frame (median of 5 pargist frames; matplotlib: 3 frames at 1e6, 1 at 1e7).",
        "Bytes to rank 0: the reduced payload rank 0 assembles (the gathered arrays; one grid; "
        "the sample). Peak: growth of rank 0's peak RSS during the timed frames.",
        "Machine: 2 cores shared (4 ranks are oversubscribed), so absolute times are noisy.",
        "",
        "| ranks | particles/rank | plot | pargist s/frame | matplotlib s/frame | speed-up | "
        "bytes to rank 0 (pargist / mpl) | rank 0 peak growth MB (pargist / mpl) |",
        "|---:|---:|---|---:|---:|---:|---|---|",
    ]
    for ranks, n, plot, pg, mpl in rows:
        lines.append(f"| {ranks} | {n:.0e} | {plot} | {pg['time']:.3f} | {mpl['time']:.3f} | "
                     f"{mpl['time'] / pg['time']:.1f}x | {human_bytes(pg['bytes'])} / {human_bytes(mpl['bytes'])} | "
                     f"{pg['peak_mb']:.1f} / {mpl['peak_mb']:.1f} |")
    write_results(os.path.join(HERE, "results", "python.md"), "\n".join(lines))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--case", choices=["pg-density", "pg-scatter", "mpl-density", "mpl-scatter"])
    p.add_argument("--n", default="1e6")
    p.add_argument("--frames", type=int, default=3)
    p.add_argument("--out", default=os.path.join(ROOT, "build", "bench-output", "python"))
    p.add_argument("--ranks", type=int, nargs="+", default=[1, 2, 4])
    p.add_argument("--sizes", type=float, nargs="+", default=[1e6, 1e7])
    args = p.parse_args()
    if args.case:
        try:
            worker(args)
        except BaseException:
            import traceback
            from mpi4py import MPI
            traceback.print_exc()
            MPI.COMM_WORLD.Abort(1)  # never leave the other ranks waiting
    else:
        driver(args)


if __name__ == "__main__":
    main()
