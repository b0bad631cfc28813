#!/usr/bin/env python3
"""An isosurface of a decomposed 256^3 field on 4 ranks, one per step:
pargist's slice3 on the decomposed mesh (each rank cuts its slab, only
polygons reach rank 0) against what a pygist user does otherwise -- gather
the field to rank 0 (mpi4py Gatherv) and slice it there -- in the same run,
on the same field, drawn the same way (pl3surf, draw3, a PNG).

    python3 tests/bench/slice3_bench.py                 # driver: mpirun -n 4, writes results/slice3.md
    mpirun -n 4 python3 tests/bench/slice3_bench.py --worker --n 256 --steps 4

The field: three Gaussian hot spots drifting from step to step plus a
rippled background, so the isosurface has a few hundred thousand polygons;
float64, slabs of x on the ranks. Timed per frame on rank 0 (barriers
around): the cut (collective, or gather + serial cut) and the drawing.
"""

import argparse
import json
import os
import subprocess
import sys
import time

from benchlib import median, write_results

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LEVEL = 0.3
CAP = 40000   # below the surface's polygons, so that the cap acts (the default is 200000)


def field_block(n, lo, hi, step):
    import numpy
    s = numpy.linspace(0.0, 1.0, n)
    x = s[lo:hi + 1, None, None]
    y, z = s[None, :, None], s[None, None, :]
    f = 0.15 * numpy.sin(9 * x + step) * numpy.sin(9 * y) * numpy.sin(9 * z)
    for cx, cy, cz, w in ((0.3, 0.4, 0.35, 0.12), (0.65, 0.6, 0.5, 0.16), (0.45, 0.3, 0.75, 0.1)):
        cx += 0.03 * step
        f = f + numpy.exp(-((x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2) / (w * w))
    return f


def worker(args):
    import numpy
    from mpi4py import MPI
    import pargist as pg
    comm = MPI.COMM_WORLD
    me, npes, n = comm.Get_rank(), comm.Get_size(), args.n
    lo = n * me // npes
    hi = n * (me + 1) // npes - 1
    counts = [(n * (r + 1) // npes - n * r // npes) * n * n for r in range(npes)]
    pg.window3(display="")
    pg.orient3()
    pg.light3(diffuse=0.5, specular=1.0)
    cells = numpy.array([n - 1, n - 1, n - 1])
    out = args.out
    if me == 0:
        os.makedirs(out, exist_ok=True)
    rows = []

    def draw(nv, xyz, name):
        t = time.perf_counter()
        pg.fma()
        pg.pl3surf(nv, xyz)
        lims = pg.draw3(1)
        pg.limits(*lims)
        pg.png(os.path.join(out, name))
        return time.perf_counter() - t

    for step in range(args.steps):
        block = field_block(n, lo, hi, step)
        row = {"step": step}
        for method in ("pargist", "pargist-cap", "gather"):
            comm.Barrier()
            t0, c0 = time.perf_counter(), time.process_time()
            if method.startswith("pargist"):
                cap = 0 if method == "pargist" else CAP
                m3 = pg.mesh3(cells, numpy.ones(3), numpy.zeros(3), funcs=[block], lo=[lo, 0, 0],
                              hi=[hi, n - 1, n - 1], maxpolys=cap)
                nv, xyz, _ = pg.slice3(m3, 1, None, None, value=LEVEL)
                info = m3.last_info
                nbytes, npoly, stride = info["bytes_to_root"], info["polygons"], info["stride"]
            else:
                whole = numpy.empty((n, n, n)) if me == 0 else None
                comm.Gatherv(numpy.ascontiguousarray(block), [whole, counts] if me == 0 else None, root=0)
                nv = xyz = None
                if me == 0:
                    m3 = pg.mesh3(cells, numpy.ones(3), numpy.zeros(3), funcs=[whole])
                    nv, xyz, _ = pg.slice3(m3, 1, None, None, value=LEVEL)
                nbytes, npoly, stride = sum(counts[1:]) * 8, 0 if nv is None else len(nv), 1
            t_cut, c_cut = time.perf_counter() - t0, time.process_time() - c0
            cpu = comm.gather(c_cut, root=0)
            t_draw = draw(nv, xyz, f"{method}-{step}.png") if me == 0 else 0.0
            comm.Barrier()
            total = time.perf_counter() - t0
            row[method] = {"cut": t_cut, "draw": t_draw, "frame": total, "bytes": nbytes, "polygons": npoly,
                           "stride": stride, "cpu0": cpu[0] if me == 0 else 0.0,
                           "cpumax": max(cpu) if me == 0 else 0.0}
            del nv, xyz
        if me == 0:
            import matplotlib.image
            a = matplotlib.image.imread(os.path.join(out, f"pargist-{step}.png"))
            b = matplotlib.image.imread(os.path.join(out, f"gather-{step}.png"))
            row["same_picture"] = bool(numpy.array_equal(a, b))
            rows.append(row)
    if me == 0:
        print(json.dumps(rows))


def driver(args):
    cmd = ["mpiexec", "-n", "4", "--oversubscribe", sys.executable, os.path.abspath(__file__), "--worker",
           "--n", str(args.n), "--steps", str(args.steps), "--out", args.out]
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "build", "python"),
               OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    run = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    rows = json.loads(run.stdout.strip().splitlines()[-1])
    frames = rows[1:] if len(rows) > 1 else rows   # the first frame warms caches and imports
    med = {m: {k: median([r[m][k] for r in frames]) for k in ("cut", "draw", "frame", "bytes", "polygons",
                                                               "stride", "cpu0", "cpumax")}
           for m in ("pargist", "pargist-cap", "gather")}
    same = all(r["same_picture"] for r in rows)

    def mb(b):
        return f"{b / 1e6:.1f} MB" if b >= 1e6 else f"{b / 1e3:.0f} kB"

    g = med["gather"]
    lines = [
        "# slice3 on a decomposed field vs gather + slice on rank 0",
        "",
        f"Written by `tests/bench/slice3_bench.py` (one run of `mpirun -n 4`, {args.steps} steps, "
        f"median of steps 2..{args.steps}). Field: {args.n}^3 float64 nodes, x-slabs on 4 ranks; an "
        f"isosurface at {LEVEL} of three drifting Gaussian hot spots on a rippled background. "
        "Each frame: the cut, then pl3surf + draw3 + a PNG on rank 0 (timed on rank 0 between barriers). "
        "Gather: mpi4py Gatherv of the slabs to rank 0, then pargist's serial slice3 there (the same cutter). "
        "pargist: slice3 on mesh3(..., lo=, hi=), every rank cutting its slab; `maxpolys=0` (no cap: the same "
        f"picture as the gather) and a cap of {CAP} polygons, below this surface's count, so that every rank "
        "cuts on the same coarser lattice (the default cap is 200000).",
        f"Same picture (PNG pixels) for pargist without cap and gather + slice: {'yes' if same else 'NO'} "
        f"({len(rows)} frames).",
        "Machine: 2 cores shared by 4 ranks (oversubscribed) and by other work (load average "
        f"{os.getloadavg()[0]:.0f} when written), so the 4 ranks cut no faster than one process does and "
        "the wall times are noisy; the bytes are exact, and the CPU seconds of the cut (process time: the "
        "cutting, packing, sending and receiving of each rank) say what each rank's work is, which is what "
        "sets the time on a machine with a core per rank. Rank 0 holds the whole field (the gather) or only "
        "the polygons (pargist).",
        "",
        "| method | polygons to rank 0 | bytes to rank 0 | cut CPU s, rank 0 | cut CPU s, busiest rank | "
        "cut s | draw s | frame s | frame speed-up |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m, label in (("gather", "gather field + slice3 on rank 0"), ("pargist", "pargist slice3, no cap"),
                     ("pargist-cap", f"pargist slice3, cap {CAP}")):
        r = med[m]
        stride = f" (stride {int(r['stride'])})" if r["stride"] > 1 else ""
        lines.append(f"| {label} | {int(r['polygons'])}{stride} | {mb(r['bytes'])} | {r['cpu0']:.3f} | "
                     f"{r['cpumax']:.3f} | {r['cut']:.3f} | {r['draw']:.3f} | {r['frame']:.3f} | "
                     f"{g['frame'] / r['frame']:.1f}x |")
    lines.append("")
    write_results(os.path.join(HERE, "results", "slice3.md"), "\n".join(lines))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--worker", action="store_true")
    p.add_argument("--n", type=int, default=256)
    p.add_argument("--steps", type=int, default=4)
    p.add_argument("--out", default=os.path.join("/tmp", f"pargist-slice3-bench-{os.getpid()}"))
    args = p.parse_args()
    if args.worker:
        worker(args)
    else:
        driver(args)


if __name__ == "__main__":
    main()
