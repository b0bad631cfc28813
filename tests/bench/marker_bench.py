#!/usr/bin/python3
"""Markers through the Python API, PNG written: pargist against matplotlib.

Each Gist marker kind against the matching matplotlib marker, on the same
points (Gaussian x, y), 600x600 pixels, PNG written, in one run:

    pargist:     fma(); plg(y, x, type=0, marker=M); png(file, dpi=100)
    matplotlib:  figure 6x6 in at 100 dpi; plot(x, y, M', linestyle='none',
                 markersize=S); savefig(file)

CPU seconds of the process (both draw in one thread), best of --reps. The
floor is one read of the points: a pass summing x and y (numpy), next to
pargist's own fixed cost (an empty frame written).

    marker_bench.py [--sizes 1e4,1e5,1e6,1e7] [--reps 3] [--out DIR]
Writes tests/bench/results/markers.md.
"""
import argparse
import os
import sys
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import benchlib  # noqa: E402
import pargist as pg  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

# (name, Gist marker, matplotlib marker, matplotlib keywords). Gist's
# markers are 6 points wide at msize 1 (letters 10 points high); the
# matplotlib markers are sized alike, the circle hollow as Gist's.
KINDS = [
    ("point", "\1", ",", {}),
    ("plus", "\2", "+", {"markersize": 6}),
    ("asterisk", "\3", "*", {"markersize": 6}),
    ("circle", "\4", "o", {"markersize": 6, "markerfacecolor": "none"}),
    ("cross", "\5", "x", {"markersize": 6}),
    ("letter A", "A", "$A$", {"markersize": 10}),
]


def pargist_frame(x, y, marker, path):
    def run():
        pg.fma()
        pg.plg(y, x, type=0, marker=marker)
        pg.png(path, dpi=100)
    return run


def matplotlib_frame(x, y, marker, kw, path):
    def run():
        fig, ax = plt.subplots(figsize=(6, 6), dpi=100)
        ax.plot(x, y, linestyle="none", marker=marker, color="k", **kw)
        fig.savefig(path)
        plt.close(fig)
    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1e4,1e5,1e6,1e7")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--kinds", default=",".join(k[0] for k in KINDS))
    ap.add_argument("--out", default=None, help="where the pictures go (default: a temporary folder)")
    ap.add_argument("--results", default=os.path.join(HERE, "results", "markers.md"))
    args = ap.parse_args()
    out = args.out or tempfile.mkdtemp(prefix="marker_bench_")
    os.makedirs(out, exist_ok=True)
    sizes = [int(float(s)) for s in args.sizes.split(",")]
    kinds = [k for k in KINDS if k[0] in args.kinds.split(",")]

    pg.window(0, display="", dpi=100)
    empty = benchlib.best_of(args.reps, lambda: (pg.fma(), pg.png(os.path.join(out, "empty.png"), dpi=100)))
    rows = []
    for n in sizes:
        rng = np.random.default_rng(1)
        x, y = rng.standard_normal(n), rng.standard_normal(n)
        floor = benchlib.best_of(args.reps, lambda: (x.sum(), y.sum()))
        for name, gist, mpl, kw in kinds:
            tag = f"{name.replace(' ', '_')}_{n:.0e}"
            ours = benchlib.best_of(args.reps, pargist_frame(x, y, gist, os.path.join(out, f"pargist_{tag}.png")))
            theirs = benchlib.best_of(args.reps, matplotlib_frame(x, y, mpl, kw, os.path.join(out, f"mpl_{tag}.png")))
            rows.append((n, name, mpl, ours, theirs, floor))
            print(f"{n:8.0e} {name:9s} pargist {ours:8.4f} s  matplotlib {theirs:8.4f} s  "
                  f"{theirs / ours:6.1f}x  floor {floor:.4f} s", flush=True)

    text = [
        "# Markers through Python, PNG written: pargist against matplotlib",
        "",
        f"Written by `tests/bench/marker_bench.py` on {benchlib.stamp()} "
        f"({os.cpu_count()} cores, shared). Gaussian x, y (float64); 600x600 pixels; the PNG written "
        "inside the timed frame. pargist: `fma(); plg(y, x, type=0, marker=M); png(file, dpi=100)`; "
        "matplotlib (Agg): a 6x6 in figure at 100 dpi, `plot(x, y, linestyle='none', marker=M, ...)`, "
        f"`savefig`. CPU seconds of the process, best of {args.reps}. Floor: one read of the points "
        "(`x.sum(); y.sum()`). pargist's fixed cost, an empty frame written: "
        f"{empty:.4f} s.",
        "",
    ]
    text += benchlib.table(
        ["points", "Gist marker", "matplotlib marker", "pargist s", "matplotlib s", "speed-up",
         "pargist / floor", "pargist beyond the empty frame / floor"], "r l l r r r r r",
        [(f"{n:.0e}", name, f"`{mpl}`", f"{ours:.4f}", f"{theirs:.4f}", f"{theirs / ours:.1f}x",
          f"{ours / floor:.0f}", f"{max(ours - empty, 0) / floor:.0f}") for n, name, mpl, ours, theirs, floor in rows])
    text += ["", benchlib.machine(matplotlib=matplotlib.__version__, numpy=np.__version__)[:-1] +
             f". Pictures of the last run: `{out}`."]
    benchlib.write_results(args.results, "\n".join(text))


if __name__ == "__main__":
    sys.exit(main())
