#!/usr/bin/python3
"""ppzx density frames through Python against the C++ pp kernel, in one run.

For each rank count and particle count, the C++ program (pp_bench, built
from tests/bench/pp_bench.cpp) and this script's worker take turns, each in
its own mpirun, on the same grids, doing the same work: every frame is
fma() then a ppzx density cell array of nx = ny = BINS cells on Warp's node
grid ((BINS+1)^2 nodes, CIC), deposited on every rank, reduced to rank 0
and drawn there with Warp's colour bar and ppzx's titles (no file written,
no window), timed from barrier to barrier; the median of the frames.
Python, two ways (--ways): `arrays`, the call on this rank's arrays,
`pargist.ppzx(z=z, x=x, cellarray=1, nx=B, ny=B)`; `species`, Warp's own
way: the arrays registered once as species 0 (`register_species(z=z,
x=x)`), then `pargist.ppzx(cellarray=1, nx=B, ny=B)` every frame. C++: the pp
calls that frame is made of (pp::node_density_cellarray, pp::warp_colorbar,
three plt). After the timed frames each layer writes its last frame to a
PNG (untimed) and the driver checks that the two pictures are the same
bytes. Both layers make the same particles (near_gaussian below: z of
sigma 1, x of sigma 0.5, each rank its own slice of one global sequence).

    pp_bench.py --binary build/bin/pp_bench [--ranks 1,4] [--sizes 1e4,1e6,1e7]
                [--bins 64,256,1024,2048] [--frames 5] [--rounds 2] [--ways arrays,species]
    mpirun -n P python3 pp_bench.py --worker WAY N FRAMES BINS...   (one layer's turn)
Writes tests/bench/results/pp.md.
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

import benchlib

HERE = os.path.dirname(os.path.abspath(__file__))


def near_gaussian(g, stream):
    """Particles g (global indices, uint64) of stream 0 (z) or 1 (x): the sum
    of four SplitMix64 uniforms, centred, unit variance; the same doubles as
    pp_bench.cpp's near_gaussian (integer and exact float steps only)."""
    import numpy as np
    u64 = np.uint64
    s = None
    for k in range(4):
        c = g * u64(8) + u64(4 * stream + k)
        c = c * u64(0x9E3779B97F4A7C15)
        c = (c ^ (c >> u64(30))) * u64(0xBF58476D1CE4E5B9)
        c = (c ^ (c >> u64(27))) * u64(0x94D049BB133111EB)
        c ^= c >> u64(31)
        u = (c >> u64(11)).astype(np.float64) * 2.0 ** -53
        s = u if s is None else s + u
    return (s - 2.0) * 1.7320508075688772


def worker(way, n, frames, sides):
    import numpy as np
    from mpi4py import MPI

    import pargist as pg
    comm = MPI.COMM_WORLD
    z, x = np.empty(n), np.empty(n)
    step = 1 << 22
    for b in range(0, n, step):  # in pieces: the temporaries of 1e8 at once would not fit beside the arrays
        g = np.arange(comm.rank * n + b, comm.rank * n + min(b + step, n), dtype=np.uint64)
        z[b:b + len(g)] = near_gaussian(g, 0)
        x[b:b + len(g)] = 0.5 * near_gaussian(g, 1)
    pg.window(0, display="")  # collective in Python, as every pargist call
    if way == "species":
        pg.register_species(z=z, x=x)
        arrays = {}
    else:
        arrays = dict(z=z, x=x)
    for side in sides:
        times = []
        for k in range(-1, frames):  # frame -1 warms up, untimed
            comm.Barrier()
            t0 = MPI.Wtime()
            pg.fma()
            pg.ppzx(cellarray=1, nx=side, ny=side, **arrays)
            comm.Barrier()
            if k >= 0:
                times.append(MPI.Wtime() - t0)
        if os.environ.get("PP_BENCH_PNG"):
            pg.png(f"{os.environ['PP_BENCH_PNG']}-py-{way}-{side}.png")  # untimed: the picture the C++ side must match
        if comm.rank == 0:
            print(side, " ".join(f"{t:.6g}" for t in times), flush=True)


def run_layer(cmd, ranks, png):
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1", PP_BENCH_PNG=png)
    full = ["mpirun", "-n", str(ranks), "--oversubscribe"] + cmd
    run = subprocess.run(full, capture_output=True, text=True, env=env, timeout=3600, stdin=subprocess.DEVNULL)
    if run.returncode != 0:
        raise RuntimeError(f"{' '.join(full)} failed:\n{run.stdout}\n{run.stderr}")
    times = {}
    for line in run.stdout.splitlines():
        side, *ts = line.split()
        times[int(side)] = [float(t) for t in ts]
    return times


def picture_md5(path):
    """md5 of a PNG's critical chunks (header, palette, pixels): the picture,
    without the text chunks (a creation time) that differ between runs."""
    with open(path, "rb") as f:
        data = f.read()
    h, at = hashlib.md5(), 8
    while at + 8 <= len(data):
        size = int.from_bytes(data[at:at + 4], "big")
        kind = data[at + 4:at + 8]
        if kind[:1].isupper():
            h.update(data[at + 4:at + 8 + size])
        at += 12 + size
    return h.hexdigest()


def driver(args):
    rows = []
    sides = [int(b) for b in args.bins.split(",")]
    ways = args.ways.split(",")
    scratch = tempfile.mkdtemp(prefix="pp_bench-")
    for ranks in [int(r) for r in args.ranks.split(",")]:
        for total in [int(float(s)) for s in args.sizes.split(",")]:
            n = total // ranks
            frames = args.frames if total <= 10**7 else max(2, args.frames // 2)
            cxx = {s: [] for s in sides}
            py = {(w, s): [] for w in ways for s in sides}
            load = []
            png = os.path.join(scratch, f"{ranks}-{total}")
            for _ in range(args.rounds):  # the layers take turns
                load.append(os.getloadavg()[0])
                for s, ts in run_layer([args.binary, str(n), str(frames)] + [str(s) for s in sides], ranks,
                                       png).items():
                    cxx[s] += ts
                for way in ways:
                    for s, ts in run_layer([sys.executable, os.path.abspath(__file__), "--worker", way, str(n),
                                            str(frames)] + [str(s) for s in sides], ranks, png).items():
                        py[way, s] += ts
            load.append(os.getloadavg()[0])
            for way in ways:
                for s in sides:
                    c, q = benchlib.median(cxx[s]), benchlib.median(py[way, s])
                    # Registered particles get Warp's right title (the z window) too: not C++'s picture.
                    same = picture_md5(f"{png}-cxx-{s}.png") == picture_md5(f"{png}-py-{way}-{s}.png") \
                        if way == "arrays" else None
                    loads = f"{min(load):.1f}-{max(load):.1f}"
                    rows.append((ranks, total, way, s, len(cxx[s]), c, q, loads, same))
                    print(f"P={ranks} N={total:.0e} {way:7s} {s:5d}^2  C++ {c * 1e3:9.2f} ms  Python {q * 1e3:9.2f} "
                          f"ms  ratio {q / c:5.2f}  load {loads}  same picture {same}", flush=True)
    shutil.rmtree(scratch)
    worst = max(rows, key=lambda r: r[6] / r[5])
    text = [
        "# ppzx density frames through Python against the same frame from C++",
        "",
        f"Written by `tests/bench/pp_bench.py` on {benchlib.stamp()} ({os.cpu_count()} cores, shared; ranks "
        "past 2 are oversubscribed: 4 ranks take turns on 2 cores). Each frame: `fma()` then a ppzx density "
        "cell array, Warp's node grid of (B+1)^2 nodes (CIC, ppzx's default), deposited on every rank, "
        "reduced to rank 0 and drawn there with Warp's colour bar and ppzx's titles (no file, no window), "
        "timed from barrier to barrier, wall seconds; the median frame of "
        f"{args.rounds} turns of each layer, each turn its own mpirun. Python, by *way*: `arrays`, "
        "`pargist.ppzx(z=z, x=x, cellarray=1, nx=B, ny=B)` on this rank's arrays; `species`, Warp's way, "
        "the arrays registered once (`register_species(z=z, x=x)`) and `pargist.ppzx(cellarray=1, nx=B, "
        "ny=B)` every frame. C++: the pp calls that frame is made of (`pp::node_density_cellarray`, "
        "`pp::warp_colorbar`, three `plt`). Particles: near-Gaussian z (sigma 1), x (sigma 0.5), the same "
        "numbers in both layers, the total split evenly over the ranks, float64. *Same picture*: the last "
        "frame of each layer written to PNG (untimed), header and pixels compared byte for byte (arrays only: "
        "registered particles also get Warp's right title, the z window). *Load*: the 1-minute load "
        "average before and after each turn. Ratio = Python / C++.",
        "",
    ]
    text += benchlib.table(["ranks", "particles (total)", "way", "grid", "frames", "C++ ms/frame",
                            "Python ms/frame", "Python / C++", "load", "same picture"], "r r l r r r r r r l",
                           [(r, f"{t:.0e}", w, f"{s}x{s}", k, f"{c * 1e3:.4g}", f"{q * 1e3:.4g}", f"{q / c:.2f}",
                             ld, "-" if same is None else "yes" if same else "NO")
                            for r, t, w, s, k, c, q, ld, same in rows])
    text += ["", f"Worst ratio: {worst[6] / worst[5]:.2f} ({worst[0]} ranks, {worst[1]:.0e} particles, "
             f"{worst[2]}, {worst[3]}x{worst[3]}).", "", benchlib.machine()]
    benchlib.write_results(args.out, "\n".join(text))


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), [int(s) for s in sys.argv[5:]])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True)
    ap.add_argument("--ranks", default="1,4")
    ap.add_argument("--sizes", default="1e4,1e6,1e7")
    ap.add_argument("--bins", default="64,256,1024,2048")
    ap.add_argument("--frames", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--ways", default="arrays,species", help="Python's ways: arrays, species (see above)")
    ap.add_argument("--out", default=os.path.join(HERE, "results", "pp.md"))
    driver(ap.parse_args())


if __name__ == "__main__":
    main()
