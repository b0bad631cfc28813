#!/usr/bin/python3
"""histogram2d through Python against the same call from C++, in one run.

For each particle count, the C++ reference (histogram_bench, built from
tests/bench/histogram_bench.cpp) and pargist.reduce.histogram2d here take
turns, case by case: the same grid sizes, the same number of calls, the same
pattern of results (each dropped once the next call has returned, "free", or
all kept alive, "keep"), one rank, the wall time of the call alone (a
user-space clock in both layers: the thread CPU clock is a system call that
costs more than a small call and lands inside every timed interval). The
table (results/histogram.md) gives the median call in each layer and their
ratio: 1.00 means Python adds nothing.

    histogram_bench.py --binary build/bin/histogram_bench [--sizes 1e4,1e6]
                       [--bins 64,512] [--rounds 3] [--out results/histogram.md]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

import benchlib

HERE = os.path.dirname(os.path.abspath(__file__))
LIM = 4.0


def calls_for(n, bins, pattern):
    """Calls of one case in one round: about 0.1 s, at most 1 GB kept."""
    estimate = n / 3e8 + bins * bins * 6e-9 + 5e-6
    calls = int(min(2000, max(5, 0.1 / estimate)))
    if pattern == "keep":
        calls = min(calls, max(3, int(1e9 / (bins * bins * 8))))
    return calls


def python_case(x, y, bins, calls, pattern, method):
    from pargist import reduce
    rng = [[-LIM, LIM], [-LIM, LIM]]
    kept, last, times = [], None, []
    clock = time.perf_counter_ns
    for _ in range(calls):
        t0 = clock()
        h = reduce.histogram2d(x, y, bins=bins, range=rng, method=method)
        times.append((clock() - t0) * 1e-9)
        if pattern == "keep":
            kept.append(h)
        else:
            last = h
    assert h.deposited + h.outside == len(x)
    del kept, last
    return times


def cxx_cases(binary, particles, method, cases):
    spec = [f"{bins}:{calls}:{pattern}" for bins, calls, pattern in cases]
    out = subprocess.run([binary, particles, method] + spec, check=True, capture_output=True, text=True).stdout
    times = {}
    for line in out.splitlines():
        bins, pattern, *ts = line.split()
        times[(int(bins), pattern)] = [float(t) for t in ts]
    return times


def write_particles(x, y):
    """The particles for the C++ side: a file of x then y (in memory when
    /dev/shm exists); the caller removes it."""
    fd, path = tempfile.mkstemp(prefix="histogram_bench_", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    with os.fdopen(fd, "wb") as f:
        x.tofile(f)
        y.tofile(f)
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True)
    ap.add_argument("--sizes", default="1e4,1e5,1e6,1e7,1e8")
    ap.add_argument("--bins", default="64,256,512,1024,2048")
    ap.add_argument("--methods", default="ngp,cic")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--out", default=os.path.join(HERE, "results", "histogram.md"))
    args = ap.parse_args()
    sizes = [int(float(s)) for s in args.sizes.split(",")]
    grid_sides = [int(b) for b in args.bins.split(",")]
    methods = args.methods.split(",")

    # The fixed cost of a call: no particle, one cell.
    fixed_cases = [(1, 2000, "free")]
    fixed_cxx, fixed_py = [], []
    empty = np.zeros(0)
    particles = write_particles(empty, empty)
    for _ in range(args.rounds):
        fixed_cxx += cxx_cases(args.binary, particles, "ngp", fixed_cases)[(1, "free")]
        fixed_py += python_case(empty, empty, 1, 2000, "free", "ngp")
    os.unlink(particles)
    fixed = (float(np.median(fixed_cxx)), float(np.median(fixed_py)))
    print(f"fixed cost per call: C++ {fixed[0] * 1e6:.2f} us, Python {fixed[1] * 1e6:.2f} us", flush=True)

    rows = []
    for n in sizes:
        rng = np.random.default_rng(1)
        x = rng.standard_normal(n)
        y = rng.standard_normal(n)
        particles = write_particles(x, y)
        for method in methods:
            cases = [(b, calls_for(n, b, p), p) for b in grid_sides for p in ("free", "keep")]
            py = {(b, p): [] for b, _, p in cases}
            cxx = {(b, p): [] for b, _, p in cases}
            load = [os.getloadavg()[0]]  # wall clocks: the machine's load goes with the figures
            for _ in range(args.rounds):  # the layers take turns
                for key, ts in cxx_cases(args.binary, particles, method, cases).items():
                    cxx[key] += ts
                for b, calls, p in cases:
                    py[(b, p)] += python_case(x, y, b, calls, p, method)
                load.append(os.getloadavg()[0])
            loads = f"{min(load):.1f}-{max(load):.1f}"
            for b, calls, p in cases:
                c, q = float(np.median(cxx[(b, p)])), float(np.median(py[(b, p)]))
                rows.append((n, method, b, p, calls * args.rounds, c, q, loads))
                print(f"{n:9.0e} {method} {b:5d}^2 {p:4s}  C++ {c * 1e3:9.3f} ms  Python {q * 1e3:9.3f} ms  "
                      f"ratio {q / c:5.2f}  load {loads}", flush=True)
        del x, y
        os.unlink(particles)

    worst = max(rows, key=lambda r: r[6] / r[5])
    text = [
        "# histogram2d through Python against C++",
        "",
        f"Generated by `tests/bench/histogram_bench.py` on {benchlib.stamp()} "
        f"({os.cpu_count()} cores, shared). One rank. The same Gaussian particles (float64) in both layers, on a "
        "square grid over [-4, 4]^2. The two layers take turns, case by case, in the same run: the C++ program calls "
        "`pargist::reduce::histogram2d`, Python calls `pargist.reduce.histogram2d(x, y, bins=, range=, "
        "method=)`, the same number of times, with the same pattern of results: *free* (each result "
        "dropped once the next call has returned, a plotting loop) or *keep* (every result kept alive, "
        "so each call faults in fresh memory). Wall time of the call alone, read with a user-space clock in "
        "both layers (`CLOCK_MONOTONIC`, `time.perf_counter_ns`); the median call of "
        f"{args.rounds} rounds. Ratio = Python / C++ (1.00: Python adds nothing). *Load*: the 1-minute "
        "load average before and after each round of a particle count and method.",
        "",
    ]
    text += benchlib.table(
        ["particles", "method", "grid", "results", "calls", "C++ ms/call", "Python ms/call", "Python / C++", "load"],
        "r l r l r r r r r",
        [(f"{n:.0e}", method, f"{b}x{b}", p, calls, f"{c * 1e3:.4g}", f"{q * 1e3:.4g}", f"{q / c:.2f}", loads)
         for n, method, b, p, calls, c, q, loads in rows])
    text += [
        "",
        f"The fixed cost of a call (no particle, one cell, median of {len(fixed_py)}): C++ "
        f"{fixed[0] * 1e6:.2f} us, Python {fixed[1] * 1e6:.2f} us, so Python adds "
        f"{(fixed[1] - fixed[0]) * 1e6:.2f} us per call whatever the size: 10% of the C++ time once a "
        f"call takes {(fixed[1] - fixed[0]) * 1e7:.0f} us or more.",
        "",
        f"Worst ratio: {worst[6] / worst[5]:.2f} ({worst[0]:.0e} particles, {worst[1]}, "
        f"{worst[2]}x{worst[2]}, {worst[3]}).",
        "",
        benchlib.machine(numpy=np.__version__),
    ]
    benchlib.write_results(args.out, "\n".join(text))


if __name__ == "__main__":
    sys.exit(main())
