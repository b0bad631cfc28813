#!/usr/bin/env python3
"""What the agreement on rank 0's output costs a frame: fma() with a CGM
hardcopy on, at 1, 2 and 4 ranks, with the collective that makes a failed
write raise on every rank, against the same frame without it (rank 0 alone,
as before: a full disk then left the other ranks waiting forever), and
against the guard an mpi4py user would write by hand around rank 0's work
(try/except on rank 0, then comm.bcast of the outcome).

    python3 tests/bench/agreement_bench.py          # the table (driver)
    mpirun -n P python3 tests/bench/agreement_bench.py --worker

The frame is small on purpose (a 100-point curve; a ppzx frame costs a
hundred times more), so that the collective's share is the largest a
script will meet. Rounds of each way alternate; per-frame time is rank 0's
wall time, the median over rounds. Writes tests/bench/results/agreement.md.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import benchlib  # noqa: E402


def worker(frames, rounds):
    import numpy
    from mpi4py import MPI

    import pargist as pg
    from pargist import _core, _output

    comm = MPI.COMM_WORLD
    me = comm.Get_rank()
    folder = tempfile.mkdtemp(prefix="pargist-agree-", dir="/dev/shm") if me == 0 else None
    folder = comm.bcast(folder)
    pg.window(0, display="", hcp=os.path.join(folder, "bench.cgm"))
    pg.hcpon()
    t = numpy.linspace(0, 6, 100)
    y = numpy.sin(t)

    def agreed():
        pg.plg(y, t)
        pg.fma()

    def rank0_alone():
        pg.plg(y, t)
        if me == 0:
            _core.fma()

    def mpi4py_guard():
        pg.plg(y, t)
        failure = None
        if me == 0:
            try:
                _core.fma()
            except Exception as exc:  # noqa: BLE001
                failure = exc
        failure = comm.bcast(failure)
        if failure is not None:
            raise failure

    def agreement_alone():
        _output.on_root(lambda: None)

    ways = {"agreed": agreed, "rank0_alone": rank0_alone, "mpi4py_guard": mpi4py_guard,
            "agreement_alone": agreement_alone}
    per_frame = {name: [] for name in ways}
    for _ in range(rounds):
        for name, frame in ways.items():
            comm.Barrier()
            start = time.perf_counter()
            for _ in range(frames):
                frame()
            comm.Barrier()  # the ranks that raced ahead wait here: the whole job's time
            per_frame[name].append((time.perf_counter() - start) / frames)
    pg.hcp_finish()
    if me == 0:
        for f in os.listdir(folder):
            os.remove(os.path.join(folder, f))
        os.rmdir(folder)
        print(json.dumps({name: statistics.median(v) for name, v in per_frame.items()}))


def driver(args):
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "build", "python"),
               OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    rows = []
    for ranks in (1, 2, 4):
        cmd = ["mpirun", "-n", str(ranks), "--oversubscribe", sys.executable, __file__, "--worker",
               "--frames", str(args.frames), "--rounds", str(args.rounds)]
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        rows.append((ranks, r))
        print(ranks, r, flush=True)
    lines = [
        "# The agreement on rank 0's output, per frame",
        "",
        "Written by `tests/bench/agreement_bench.py`. A frame: a 100-point plg, then fma() with a CGM",
        "hardcopy on (`/dev/shm`). Per-frame wall time of the whole job (a barrier ends each round),",
        f"median of {args.rounds} rounds of {args.frames} frames, the ways taking turns.",
        "",
        "- *rank 0 alone*: the frame as before this change (no collective; a failed write raised on",
        "  rank 0 only and the other ranks waited forever in their next collective);",
        "- *pargist*: `fma()` as now: one broadcast of a 128-byte block from rank 0 (its outcome);",
        "- *mpi4py guard*: what a user would write around rank 0's work with mpi4py: try/except on",
        "  rank 0, then `comm.bcast` of the outcome;",
        "- *agreement alone*: the collective step with no work (`pargist._output.on_root`).",
        "",
        "Machine: 2 cores shared with other work (4 ranks are oversubscribed): absolute times are noisy.",
        "",
        "| ranks | rank 0 alone | pargist | added per frame | mpi4py guard | its added cost | pargist / mpi4py guard (added) | agreement alone |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for ranks, r in rows:
        base = r["rank0_alone"]
        ours, peer = r["agreed"] - base, r["mpi4py_guard"] - base
        ratio = f"{ours / peer:.2f}" if peer > 0 else "n/a"
        lines.append(f"| {ranks} | {base * 1e6:.0f} µs | {r['agreed'] * 1e6:.0f} µs | {ours * 1e6:.0f} µs "
                     f"| {r['mpi4py_guard'] * 1e6:.0f} µs | {peer * 1e6:.0f} µs | {ratio} "
                     f"| {r['agreement_alone'] * 1e6:.1f} µs |")
    lines += ["", benchlib.machine()]
    benchlib.write_results(os.path.join(HERE, "results", "agreement.md"), "\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--frames", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    if args.worker:
        worker(args.frames, args.rounds)
    else:
        driver(args)


if __name__ == "__main__":
    main()
