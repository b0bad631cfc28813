"""A running job for the browser-view tests and benchmark, written as a user
writes one: nothing in it asks for the browser view (the test sets
$PARGIST_HTTP, as one would for an unchanged script). Every rank holds its
own particles; each frame is one collective ppzx density plot; rank 0
prints one line per frame:

    frame <n> view <xmin> <xmax> <ymin> <ymax> t <unix s> fma_ms <ms> png_ms <ms> cpu_ms <ms>

fma_ms is the main thread's wall time ending the frame (what the displays
cost the run, plus any time the thread was not scheduled), cpu_ms the CPU
time the main thread spent in it; png_ms that of png() when asked for
(--png), else 0.

    browser_job.py PERIOD_S MAX_FRAMES STOP_FILE [--png DIR]
"""

import os
import sys
import time

import numpy as np

import pargist as pg
from pargist import parallel

period, max_frames, stop = float(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
png_dir = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--png" else None

rng = np.random.default_rng(1000 + parallel.me)
n = 50000
pg.window(0, display="")
for frame in range(1, max_frames + 1):
    start = time.time()
    z = rng.normal(size=n) + 0.01 * frame
    x = 0.5 * rng.normal(size=n) + 0.3 * z
    result = pg.ppzx(z=z, x=x, cellarray=1, nx=100, ny=100)
    png_ms = 0.0
    if png_dir:  # png() is collective: every rank calls it, rank 0 writes
        t0 = time.perf_counter()
        pg.png(os.path.join(png_dir, "frame.png"))
        png_ms = 1000 * (time.perf_counter() - t0)
    t0, c0 = time.perf_counter(), time.thread_time()
    pg.fma()
    fma_ms, cpu_ms = 1000 * (time.perf_counter() - t0), 1000 * (time.thread_time() - c0)
    done = False
    if parallel.me == 0:
        v = result["view"]
        print(f"frame {frame} view {v[0]!r} {v[1]!r} {v[2]!r} {v[3]!r} t {time.time():.6f} "
              f"fma_ms {fma_ms:.4f} png_ms {png_ms:.4f} cpu_ms {cpu_ms:.4f}", flush=True)
        done = os.path.exists(stop)
    if parallel.broadcast(done):
        break
    time.sleep(max(0.0, period - (time.time() - start)))
