"""The MPI side of the fault matrix: a small simulation that plots while the
harness (fault_matrix.py) breaks things around it.

    mpirun -n N LAUNCHER fault_job.py GROUP OUTDIR

GROUP is one of:
  files    missing folders, unwritable files, a full disk, then the
           bad-number table; every case in this one job, one after the other
  display  a live window closed by the user, then the X server killed
  signals  frames until the harness kills the job (SIGTERM, SIGINT, kill -9)
  long     10 000 frames to a CGM family with a small size limit

Every rank writes what happened to it, case by case, to
OUTDIR/outcome-<rank>.json (the harness compares the ranks); rank 0 talks
to the harness through files in OUTDIR/sync.
"""

import faulthandler
import json
import os
import sys
import time
import warnings

import numpy

import pargist as pg
from pargist import parallel

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bad_numbers  # noqa: E402

me, npes = parallel.me, parallel.npes
GROUP, OUT = sys.argv[1], sys.argv[2]
SYNC = os.path.join(OUT, "sync")
outcomes = {}


def attempt(case, call):
    """Run call() on this rank; record its result or exception and the
    OutputWarnings it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pg.OutputWarning)
        try:
            value = call()
            got = {"ok": True, "value": value if isinstance(value, (int, float, str, type(None))) else None}
        except Exception as exc:  # noqa: BLE001 - recording every kind is the point
            got = {"ok": False, "type": type(exc).__name__, "message": str(exc),
                   "errno": getattr(exc, "errno", None)}
    got["warnings"] = [str(w.message) for w in caught if issubclass(w.category, pg.OutputWarning)]
    outcomes[case] = got
    return got


def write_whole(path, text):
    # The harness's own files, renamed into place ("*.new": not a name
    # pargist's writers use, so the temporary-file checks never see them).
    with open(path + ".new", "w") as f:
        f.write(text)
    os.replace(path + ".new", path)


def save():
    write_whole(os.path.join(OUT, f"outcome-{me}.json"), json.dumps(outcomes, indent=1, sort_keys=True))


def tell(name, text=""):
    """Rank 0 tells the harness something (a file in OUT/sync)."""
    if me == 0:
        write_whole(os.path.join(SYNC, name), text)


def wait_for(name, timeout=30.0):
    """Rank 0 waits until the harness has done something (the others wait
    in the next collective, as they would behind a slow rank 0)."""
    if me != 0:
        return
    deadline = time.monotonic() + timeout
    while not os.path.exists(os.path.join(SYNC, name)):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the harness did not answer {name!r}")
        time.sleep(0.02)


def particles(n=2000, seed=0):
    rng = numpy.random.default_rng(seed * 100 + me)
    return rng.normal(size=n), rng.normal(size=n)


def a_frame(k, heavy=False):
    """Draw frame k: a collective density plot and a local curve."""
    z, x = particles(seed=k)
    pg.ppzx(z=z, x=x, color="density" if heavy else "fg", nx=120 if heavy else 50, ny=120 if heavy else 50)
    t = numpy.linspace(0, 6, 200)
    pg.plg(numpy.sin(t + k), t, color="red")
    if heavy:
        rng = numpy.random.default_rng(k)
        pg.pli(rng.random((160, 160)), -3, -3, 3, 3)  # incompressible: fills a disk quickly


# ---------------------------------------------------------------- files

def files_group():
    scratch = os.path.join(OUT, "files")
    missing = os.path.join(OUT, "no-such-folder", "deeper")
    pg.window(0, display="")
    a_frame(0)
    # A folder that does not exist: every writer, every kind, every rank.
    for name in ("x.cgm", "x.pdf", "x.png", "x.eps", "x.svg"):
        attempt(f"missing/hcp_file {name}", lambda: pg.hcp_file(os.path.join(missing, name)))
    for writer in ("png", "pdf", "eps", "svg"):
        attempt(f"missing/{writer}", lambda: getattr(pg, writer)(os.path.join(missing, "x." + writer)))
    attempt("missing/window hcp=", lambda: pg.window(1, display="", hcp=os.path.join(missing, "w.cgm")))
    pg.window(0)
    attempt("missing/palette file", lambda: pg.palette(os.path.join(missing, "none.gp")))
    # ...and the job goes on: another hcp_file works.
    attempt("missing/then hcp_file", lambda: pg.hcp_file(os.path.join(scratch, "after-missing.cgm")))
    attempt("missing/then hcp", pg.hcp)
    attempt("missing/then hcp_finish", pg.hcp_finish)

    # Files that cannot be written: a folder in the way, a read-only file
    # system (mounted by the harness when it runs as root).
    in_the_way = os.path.join(scratch, "in-the-way.png")
    attempt("unwritable/png over a folder", lambda: pg.png(in_the_way))
    attempt("unwritable/hcp_file over a folder", lambda: pg.hcp_file(os.path.join(scratch, "in-the-way00.cgm")))
    readonly = os.environ.get("FAULT_READONLY_DIR")
    if readonly:
        attempt("unwritable/png read-only fs", lambda: pg.png(os.path.join(readonly, "x.png")))
        attempt("unwritable/hcp_file read-only fs", lambda: pg.hcp_file(os.path.join(readonly, "x.cgm")))
        attempt("unwritable/pdf read-only fs", lambda: pg.pdf(os.path.join(readonly, "x.pdf")))
    locked = os.environ.get("FAULT_LOCKED_FILE")  # a file without write permission (not root)
    if locked:
        attempt("unwritable/png read-only file", lambda: pg.png(locked))

    full = os.environ.get("FAULT_FULL_DIR")
    if full:
        disk_full(full)
    bad_number_table(scratch)
    save()


def fill(folder, leave, name="filler"):
    """Rank 0 fills folder's file system but `leave` bytes (a filler file;
    leave=0: to the last byte)."""
    if me != 0:
        return
    st = os.statvfs(folder)
    free = st.f_bavail * st.f_frsize
    with open(os.path.join(folder, name), "wb", buffering=0) as f:
        try:
            f.write(b"\0" * max(0, free - leave))
            while leave == 0:
                f.write(b"\0" * 4096)
        except OSError:
            pass  # full


def unfill(folder):
    if me == 0:
        for name in os.listdir(folder):
            if name.startswith("filler"):
                os.remove(os.path.join(folder, name))


def disk_full(full):
    """Frames into a CGM family, PNGs and a PDF on a small file system until
    it is full; then space is freed and the same files go on."""
    fill(full, 1_500_000)
    pg.window(2, display="", hcp=os.path.join(full, "run00.cgm"))
    pg.hcpon()
    frames_before = 0
    for k in range(1, 60):  # a heavy frame is ~100 kB of CGM
        a_frame(k, heavy=True)
        got = attempt(f"full/fma {k}", pg.fma)
        if not got["ok"]:
            break
        frames_before += 1
    outcomes["full/frames before the disk filled"] = frames_before
    fill(full, 0, "filler-rest")  # not a byte left, even for a small file
    parallel.barrier()
    a_frame(99, heavy=True)
    for writer in ("png", "pdf", "eps", "svg"):
        attempt(f"full/{writer}", lambda: getattr(pg, writer)(os.path.join(full, "frame." + writer)))
    attempt("full/hcp", pg.hcp)
    # Space comes back: the same family takes the next frames.
    unfill(full)
    parallel.barrier()
    for k in range(3):
        a_frame(100 + k)
        attempt(f"full/after fma {k}", pg.fma)
    attempt("full/after hcp_finish", pg.hcp_finish)
    # A multi-page PDF hardcopy on a full disk: all or nothing.
    fill(full, 20_000)
    attempt("full/hcp_file pdf", lambda: pg.hcp_file(os.path.join(full, "pages.pdf")))
    for k in range(12):
        a_frame(200 + k, heavy=True)
        if not attempt(f"full/pdf fma {k}", pg.fma)["ok"]:
            break
    attempt("full/pdf hcp_finish", pg.hcp_finish)
    unfill(full)
    parallel.barrier()
    attempt("full/then another hcp_file", lambda: pg.hcp_file(os.path.join(full, "again00.cgm")))
    a_frame(300)
    attempt("full/then fma", pg.fma)
    attempt("full/then hcp_finish", pg.hcp_finish)
    pg.hcpoff()
    pg.winkill(2)
    pg.window(0)


def bad_number_table(scratch):
    """Every pp* and every primitive with every kind of bad numbers: a
    correct (possibly empty) plot, or the same exception on every rank."""
    pg.window(3, display="", hcp=os.path.join(scratch, "bad-numbers.cgm"))
    pg.hcpon()
    for case, call in bad_numbers.cases(me, npes):
        got = attempt("bad/" + case, call)
        if got["ok"]:
            got["frame"] = bad_numbers.frame_summary()
        attempt("bad/" + case + " fma", pg.fma)
    attempt("bad-numbers hcp_finish", pg.hcp_finish)
    pg.winkill(3)


# -------------------------------------------------------------- display

def display_group():
    """A live window the user closes, then one whose X server dies; the
    run goes on with its files."""
    pg.window(0, hcp=os.path.join(OUT, "closed00.cgm"))
    pg.hcpon()
    for k in range(8):
        if k == 3:
            tell("close-window", "Gist 0")
            wait_for("window-closed")
        a_frame(k)
        attempt(f"closed/fma {k}", pg.fma)
    attempt("closed/hcp_finish", pg.hcp_finish)
    pg.winkill(0)

    # The snapshot key 's' with the file name taken by a folder: a notice.
    pg.window(1, hcp=os.path.join(OUT, "snapshot00.cgm"))
    pg.hcpon()
    a_frame(0)
    attempt("snapshot/fma 0", pg.fma)
    tell("press-s", "Gist 1")
    wait_for("s-pressed")
    for k in range(1, 3):
        a_frame(k)
        attempt(f"snapshot/fma {k}", pg.fma)

    # The X server goes away (window 1 is on it).
    tell("kill-x")
    wait_for("x-killed")
    for k in range(3, 9):
        a_frame(k)
        attempt(f"lost/fma {k}", pg.fma)
        attempt(f"lost/redraw {k}", pg.redraw)
    attempt("lost/png", lambda: pg.png(os.path.join(OUT, "after-lost.png")))
    attempt("lost/hcp_finish", pg.hcp_finish)
    # A new window on the dead display: a notice, not an error.
    attempt("lost/window again", lambda: pg.window(2, hcp=os.path.join(OUT, "again00.cgm")))
    a_frame(0)
    attempt("lost/window again fma", pg.fma)
    attempt("lost/window again hcp_finish", pg.hcp_finish)
    save()


# -------------------------------------------------------------- signals

def signals_group():
    """Frames to a CGM family (window 0), a multi-page PDF (window 1) and
    one PNG per frame, until the job is killed; rank 0 reports each frame
    finished in OUT/sync/frames."""
    with open(os.path.join(OUT, f"pid-{me}"), "w") as f:
        f.write(str(os.getpid()))
    pg.window(1, display="", hcp=os.path.join(OUT, "pages.pdf"))
    pg.hcpon()
    pg.window(0, display="", hcp=os.path.join(OUT, "run00.cgm"))
    pg.hcpon()
    k = 0
    while True:
        k += 1
        for w in (0, 1):
            pg.window(w)
            a_frame(k)
            if w == 0:
                pg.png(os.path.join(OUT, f"frame{k:04d}.png"))
            pg.fma()
        tell("frames", str(k))
        if k > 100000:
            break


# ----------------------------------------------------------------- long

def rss_bytes():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def long_group():
    """10 000 frames to a CGM family of 1 MB files (pldefault(cgmfilesize=1))."""
    frames = int(os.environ.get("FAULT_LONG_FRAMES", "10000"))
    pg.pldefault(cgmfilesize=1)
    pg.window(0, display="", hcp=os.path.join(OUT, "long00.cgm"))
    pg.hcpon()
    rng = numpy.random.default_rng(me)
    z, x = rng.normal(size=200), rng.normal(size=200)
    t = numpy.linspace(0, 6, 100)
    fma_cpu, wall, rss = [], [], []
    start = time.perf_counter()
    for k in range(frames):
        if k % 10 == 0:  # a collective plot now and then; every frame is written
            pg.ppzx(z=z + 0.001 * k, x=x, nx=40, ny=40)
        pg.plg(numpy.sin(t + 0.01 * k), t)
        # Rank 0's own work of the frame (render, CGM write; it sends the
        # outcome and waits for nobody): CPU time, which the load of a
        # shared machine does not stretch as it stretches wall time.
        cpu = time.process_time()
        pg.fma()
        fma_cpu.append(time.process_time() - cpu)
        if k % 500 == 499:
            wall.append((time.perf_counter() - start) / 500)
            start = time.perf_counter()
            rss.append((k + 1, rss_bytes()))
    name = pg.hcp_finish()
    outcomes["long"] = {"frames": frames, "fma_cpu": fma_cpu, "wall": wall, "rss": rss, "last file": name}
    save()


if __name__ == "__main__":
    # Never a hang, even if this job itself goes wrong: past the harness's
    # time limit every rank prints where it waits (all threads) and exits.
    faulthandler.dump_traceback_later(float(os.environ.get("FAULT_JOB_WATCHDOG", "300")), exit=True)
    os.makedirs(SYNC, exist_ok=True)
    {"files": files_group, "display": display_group, "signals": signals_group, "long": long_group}[GROUP]()
