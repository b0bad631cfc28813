#!/usr/bin/env python3
"""Rendering benchmark: pargist (C++, plot_bench) against matplotlib's Agg on
the same plots, in the same invocation; writes results/plot.md.

Each case builds the plot, renders 600x600 pixels and writes a PNG; the
figure is the best of --reps runs on each side, in CPU seconds of the
process (both sides are single-threaded; CPU time keeps the ratio honest on
a machine shared with other jobs).

  plot_bench.py --binary build-bench/bin/plot_bench [--reps 3] [--out DIR]
"""
import argparse
import os
import subprocess
import sys
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import benchlib  # noqa: E402

CASES = [
    ("markers_1e5", "1e5 markers (plg type=0 / plot '+')"),
    ("markers_1e6", "1e6 markers (plg type=0 / plot '+')"),
    ("curve_1e5", "noisy curve of 1e5 points (plg / plot)"),
    ("cells_1000", "1000x1000 cell array (pli / imshow nearest)"),
    ("contour_200", "200x200 contour plot, 10 levels (plc / contour)"),
]


def normals(n, seed):
    return np.random.default_rng(seed).standard_normal(n)


def mpl_markers(n):
    x, y = normals(n, 1), normals(n, 2)

    def run(path):
        fig, ax = plt.subplots(figsize=(6, 6), dpi=100)
        ax.plot(x, y, "+", markersize=3, linestyle="none", color="k")
        fig.savefig(path)
        plt.close(fig)
    return run


def mpl_curve(n):
    x = np.arange(n) / n
    y = np.sin(40.0 * x) + 0.2 * normals(n, 3)

    def run(path):
        fig, ax = plt.subplots(figsize=(6, 6), dpi=100)
        ax.plot(x, y, "-", color="k", linewidth=0.7)
        fig.savefig(path)
        plt.close(fig)
    return run


def mpl_cells():
    i = np.arange(1000)
    z = np.cos(0.013 * i)[:, None] * np.sin(0.02 * i)[None, :]

    def run(path):
        fig, ax = plt.subplots(figsize=(6, 6), dpi=100)
        ax.imshow(z, interpolation="nearest", origin="lower", aspect="auto")
        fig.savefig(path)
        plt.close(fig)
    return run


def mpl_contour():
    s = np.linspace(-3, 3, 200)
    x, y = np.meshgrid(s, s)
    z = np.sin(1.3 * x) * np.cos(y) + 0.1 * x * y

    def run(path):
        fig, ax = plt.subplots(figsize=(6, 6), dpi=100)
        ax.contour(x, y, z, levels=10, colors="k")
        fig.savefig(path)
        plt.close(fig)
    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--binary", required=True)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--out", default=None, help="where the PNGs go (default: a temporary folder)")
    ap.add_argument("--results", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "results", "plot.md"))
    args = ap.parse_args()
    out = args.out or tempfile.mkdtemp(prefix="plot_bench_")
    os.makedirs(out, exist_ok=True)

    proc = subprocess.run([args.binary, out, str(args.reps)], check=True, capture_output=True, text=True)
    ours = {}
    for line in proc.stdout.splitlines():
        key, value = line.split()
        ours[key] = float(value)

    peers = {
        "markers_1e5": mpl_markers(100_000),
        "markers_1e6": mpl_markers(1_000_000),
        "curve_1e5": mpl_curve(100_000),
        "cells_1000": mpl_cells(),
        "contour_200": mpl_contour(),
    }
    theirs = {key: benchlib.best_of(args.reps, fn, os.path.join(out, f"mpl_{key}.png")) for key, fn in peers.items()}

    lines = [
        "# libplot rendering benchmark",
        "",
        "Build the plot, render 600x600 pixels, write the PNG; best of "
        f"{args.reps} runs each, in CPU seconds (both single-threaded), both "
        "measured in the same invocation (`tests/bench/plot_bench.sh`).",
        "",
    ]
    lines += benchlib.table(["case", "pargist (CPU s)", "matplotlib Agg (CPU s)", "speed-up"], "l r r r",
                            [(label, f"{ours[key]:.4f}", f"{theirs[key]:.4f}", f"{theirs[key] / ours[key]:.1f}x")
                             for key, label in CASES])
    lines += [
        "",
        benchlib.machine(matplotlib=matplotlib.__version__, numpy=np.__version__) +
        f" Pictures of the last run: `{out}`.",
    ]
    benchlib.write_results(args.results, "\n".join(lines))
    slow = [key for key, _ in CASES if theirs[key] / ours[key] < 3.0]
    if slow:
        print(f"below the 3x goal: {', '.join(slow)}", file=sys.stderr)


if __name__ == "__main__":
    main()
