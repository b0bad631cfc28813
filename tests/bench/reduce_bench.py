#!/usr/bin/python3
"""Deposition benchmark of pargist.reduce against the numpy ways, in one run.

Runs the C++ side (reduce_bench, built from tests/bench/reduce_bench.cpp) and
times the numpy peers here, on the same kind of data (Gaussian x, y, 512x512
grid over [-4, 4]^2), then the bytes rank 0 receives per plot at 1, 2 and 4
ranks (OpenMPI's pml monitoring counts what really crosses the wire), and
writes tests/bench/results/reduce.md. Times are CPU time of the working
thread (best of a few), so a busy machine skews them less.

    reduce_bench.py --binary build/bin/reduce_bench [--sizes 1e6,1e7,1e8]
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

import benchlib

GRID = 512
LIM = 4.0


def best_of(reps, fn):
    return benchlib.best_of(reps, fn, clock=time.thread_time)


def numpy_peers(n, reps):
    rng = np.random.default_rng(1)
    x = rng.standard_normal(n)
    y = rng.standard_normal(n)
    scale = GRID / (2 * LIM)

    def histogram2d():
        return np.histogram2d(x, y, bins=GRID, range=[[-LIM, LIM], [-LIM, LIM]])

    def bincount_ngp():
        # The fastest plain-numpy way: flat cell index, then one bincount.
        ix = ((x + LIM) * scale).astype(np.intp)
        iy = ((y + LIM) * scale).astype(np.intp)
        ok = (ix >= 0) & (ix < GRID) & (iy >= 0) & (iy < GRID)
        return np.bincount((iy * GRID + ix)[ok], minlength=GRID * GRID)

    def bincount_cic():
        # Linear weights with four weighted bincounts (edges clamped).
        px = (x + LIM) * scale - 0.5
        py = (y + LIM) * scale - 0.5
        ok = (px >= -0.5) & (px <= GRID - 0.5) & (py >= -0.5) & (py <= GRID - 0.5)
        px, py = px[ok], py[ok]
        fx0 = np.floor(px)
        fy0 = np.floor(py)
        fx, fy = px - fx0, py - fy0
        ix0 = np.clip(fx0.astype(np.intp), 0, GRID - 1)
        iy0 = np.clip(fy0.astype(np.intp), 0, GRID - 1)
        ix1 = np.clip(ix0 + 1, 0, GRID - 1)
        iy1 = np.clip(iy0 + 1, 0, GRID - 1)
        h = np.bincount(iy0 * GRID + ix0, (1 - fx) * (1 - fy), GRID * GRID)
        h += np.bincount(iy0 * GRID + ix1, fx * (1 - fy), GRID * GRID)
        h += np.bincount(iy1 * GRID + ix0, (1 - fx) * fy, GRID * GRID)
        h += np.bincount(iy1 * GRID + ix1, fx * fy, GRID * GRID)
        return h

    out = {
        "np_sum_s": best_of(reps, lambda: x.sum() + y.sum()),
        "np_bincount_s": best_of(reps, bincount_ngp),
        "np_bincount_cic_s": best_of(max(1, reps - 1), bincount_cic),
        "np_histogram2d_s": best_of(1, histogram2d),
        "np_bincount_rss": benchlib.peak_growth(bincount_ngp),
    }
    # The bincount way counts what histogram2d counts (up to the rare particle
    # within rounding of a bin edge, which a flat index may put next door).
    ref = np.histogram2d(x[:100000], y[:100000], bins=GRID, range=[[-LIM, LIM], [-LIM, LIM]])[0]
    x, y = x[:100000], y[:100000]
    assert np.abs(bincount_ngp().reshape(GRID, GRID).T - ref).sum() <= 10
    return out


def cxx_throughput(binary, n, reps):
    res = subprocess.run([binary, "throughput", str(n), str(reps)], check=True, capture_output=True, text=True)
    out = {}
    for line in res.stdout.split("\n"):
        if line.strip():
            k, v = line.split()
            out[k] = float(v)
    return out


def bytes_to_root(binary, ranks, n, plots, mpiexec):
    """Bytes that the other ranks sent to rank 0 per plot (monitoring)."""
    def run(count):
        with tempfile.TemporaryDirectory() as tmp:
            prefix = os.path.join(tmp, "mon")
            subprocess.run([mpiexec, "-n", str(ranks), "--oversubscribe",
                            "--mca", "pml_monitoring_enable", "2",
                            "--mca", "pml_monitoring_enable_output", "3",
                            "--mca", "pml_monitoring_filename", prefix,
                            binary, "plots", str(n), str(count)], check=True, capture_output=True)
            total = 0
            for path in glob.glob(prefix + ".*.prof"):
                for line in open(path):
                    f = line.split()
                    if len(f) > 3 and f[0] in ("I", "C", "E") and f[2] == "0" and f[1] != "0":
                        total += int(f[3])
            return total
    return (run(plots) - run(0)) / plots


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True)
    ap.add_argument("--sizes", default="1e6,1e7,1e8")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--mpiexec", default="mpiexec")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "results", "reduce.md"))
    args = ap.parse_args()

    rows = []
    for n in [int(float(s)) for s in args.sizes.split(",")]:
        reps = args.reps if n <= 10**7 else min(args.reps, 2)
        c = cxx_throughput(args.binary, n, reps)
        p = numpy_peers(n, reps)
        rows.append((n, c, p))
        print(f"n={n:.0e}: ngp {c['ngp_s']:.4g}s cic {c['cic_s']:.4g}s sum {c['sum_s']:.4g}s | "
              f"bincount {p['np_bincount_s']:.4g}s histogram2d {p['np_histogram2d_s']:.4g}s", file=sys.stderr)

    grid_bytes = (GRID * GRID + 3) * 8
    traffic = []
    for ranks in (1, 2, 4):
        for n in (10**5, 10**6):
            traffic.append((ranks, n, bytes_to_root(args.binary, ranks, n, 4, args.mpiexec)))

    def mps(n, s):
        return f"{n / s / 1e6:.0f}"

    lines = [
        "# reduce: deposition benchmark",
        "",
        f"Generated by `tests/bench/reduce_bench.sh` on {time.strftime('%Y-%m-%d %H:%M')} "
        f"({os.cpu_count()} cores, shared). One rank, one thread; Gaussian particles on a {GRID}x{GRID} grid; "
        "best of a few runs in thread CPU time. M/s = million particles per second per core.",
        "",
        "## Throughput",
        "",
        "| particles | NGP M/s | CIC M/s | NGP (limits found) M/s | plain sum M/s | numpy bincount M/s "
        "| numpy CIC bincount M/s | numpy histogram2d M/s | NGP / bincount | NGP / plain sum, from memory "
        "| NGP / plain sum, warm caches | CIC / bincount | bincount / histogram2d |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n, c, p in rows:
        lines.append(
            f"| {n:.0e} | {mps(n, c['ngp_s'])} | {mps(n, c['cic_s'])} | {mps(n, c['ngp_auto_s'])} | {mps(n, c['sum_s'])} "
            f"| {mps(n, p['np_bincount_s'])} | {mps(n, p['np_bincount_cic_s'])} | {mps(n, p['np_histogram2d_s'])} "
            f"| {p['np_bincount_s'] / c['ngp_s']:.1f}x | {c['sum_cold_s'] / c['ngp_cold_s']:.0%} | {c['sum_s'] / c['ngp_s']:.0%} "
            f"| {p['np_bincount_s'] / c['cic_s']:.1f}x | {p['np_histogram2d_s'] / p['np_bincount_s']:.1f}x |")
    lines += [
        "",
        "Goals: NGP >= 2x the bincount way and >= 40% of the plain sum; CIC >= 1x the bincount way.",
        "",
        "The plain sum over the same two arrays is the memory-bandwidth reference. \"From memory\": the caches are "
        "evicted before each timed pass of either, so both read the arrays from memory; at 1e6 particles (16 MB) "
        "the arrays otherwise stay in this machine's 32 MB L3 and the warm sum measures the cache. The kinds are "
        "timed in turns, so that a slow spell of the shared machine hits them alike. The other columns are warm.",
        "",
        "## Memory during a deposition",
        "",
        "| particles | array bytes (x, y) | peak RSS growth, pargist (NGP + CIC) | share | "
        "growth beyond the returned grid | share | peak RSS growth, numpy bincount way |",
        "|---|---|---|---|---|---|---|",
    ]
    for n, c, p in rows:
        extra = max(0.0, c['rss_growth_bytes'] - c['result_bytes'])
        lines.append(f"| {n:.0e} | {c['array_bytes'] / 1e6:.0f} MB | {c['rss_growth_bytes'] / 1e6:.1f} MB "
                     f"| {c['rss_growth_bytes'] / c['array_bytes']:.1%} | {extra / 1e6:.2f} MB "
                     f"| {extra / c['array_bytes']:.1%} | {p['np_bincount_rss'] / 1e6:.0f} MB |")
    lines += [
        "",
        "Goal: growth < 5% of the array size (no copy of the particle arrays). The growth includes the returned "
        f"{GRID}x{GRID} grid of doubles ({GRID * GRID * 8 / 1e6:.1f} MB), the plot itself, which at 1e6 particles "
        "is 13% of the arrays by itself; beyond it, a deposition takes only the 8-bit counts of a dense NGP deposition (kept from call to call).",
        "",
        "## Bytes received by rank 0 per plot",
        "",
        f"512x512 histogram, counted by OpenMPI's pml monitoring (all traffic into rank 0). One grid = {grid_bytes} bytes "
        "(8-byte cells and 3 tallies). At 1 rank nothing crosses the wire.",
        "",
        "| ranks | particles (total) | bytes to rank 0 per plot | grids |",
        "|---|---|---|---|",
    ]
    for ranks, n, b in traffic:
        lines.append(f"| {ranks} | {n:.0e} | {b:.0f} | {b / grid_bytes:.2f} |")
    lines.append("")
    benchlib.write_results(args.out, "\n".join(lines))


if __name__ == "__main__":
    main()
