#!/usr/bin/env python3
"""The fault matrix: real MPI jobs (fault_job.py) under mpirun python3 and
mpirun pargist-python, broken from the outside, every outcome checked.

    fault_matrix.py files   --ranks N --launcher python3|pargist-python
    fault_matrix.py display --ranks N --launcher ...
    fault_matrix.py signals --ranks N          (both launchers: their exit statuses are compared)
    fault_matrix.py long    --ranks N --launcher ...

For every case: no hang (each job has a timeout; a hung job is killed and
the case fails), every rank's outcome (the same exception, or the same
warning, at the same call on every rank), every file readable by
pargist-view and by Yorick's gist without a warning, no temporary file.

Needs the build tree (PARGIST_BINARY_DIR, default ./build); a full disk is
a small tmpfs this script mounts when it runs as root (skipped, with a
message, otherwise).
"""

import argparse
import ctypes
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bad_numbers  # noqa: E402
import file_checks  # noqa: E402

BINARY_DIR = os.path.abspath(os.environ.get("PARGIST_BINARY_DIR", os.path.join(HERE, "..", "..", "build")))
VIEW = os.path.join(BINARY_DIR, "bin", "pargist-view")
LAUNCHERS = {"python3": [os.environ.get("PARGIST_PYTHON", "/usr/bin/python3")],
             "pargist-python": [os.path.join(BINARY_DIR, "bin", "pargist-python")]}
JOB = os.path.join(HERE, "fault_job.py")
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print(f"FAIL: {what}", flush=True)
    return condition


def log(text):
    print(text, flush=True)


# ------------------------------------------------------------------ jobs

class Job:
    """mpirun -n N LAUNCHER fault_job.py GROUP OUT, in its own session.

    Jobs still running when the harness ends (an exception, ctest's
    timeout's SIGTERM) are killed with their whole session: no job outlives
    its harness."""

    running = []

    def __init__(self, group, ranks, launcher, out, env=None, cwd=None, watchdog=300):
        self.out = out
        os.makedirs(os.path.join(out, "sync"), exist_ok=True)
        full_env = dict(os.environ)
        full_env["PYTHONPATH"] = os.path.join(BINARY_DIR, "python")
        full_env["PYTHONDONTWRITEBYTECODE"] = "1"
        full_env.pop("DISPLAY", None)
        # Ranks waiting in a collective give their core away: the jobs run
        # oversubscribed next to other tests (as on a busy login node).
        full_env.setdefault("OMPI_MCA_mpi_yield_when_idle", "1")
        # Each rank dumps its stacks and exits past this (seconds): a job
        # hung by a bug shows where, and never outlives the case.
        full_env["FAULT_JOB_WATCHDOG"] = str(watchdog)
        full_env.update(env or {})
        cmd = ["mpiexec", "-n", str(ranks), "--oversubscribe"] + LAUNCHERS[launcher] + [JOB, group, out]
        self.log_path = os.path.join(out, "job.log")
        self.log_file = open(self.log_path, "w")
        self.started = time.monotonic()
        # SIGINT as a terminal gives it, even when this harness was started
        # with SIGINT ignored (a background job of a non-interactive shell).
        self.proc = subprocess.Popen(cmd, env=full_env, cwd=cwd or out, stdout=self.log_file,
                                     stderr=subprocess.STDOUT, start_new_session=True,
                                     preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        Job.running.append(self)

    def wait(self, timeout):
        """The exit status, or None after killing a job that hung."""
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return None
        finally:
            self.log_file.close()
            self.seconds = time.monotonic() - self.started
            if self in Job.running:
                Job.running.remove(self)

    def kill(self):
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()

    @staticmethod
    def kill_all():
        for job in list(Job.running):
            job.kill()
        Job.running.clear()

    def output(self):
        with open(self.log_path) as f:
            return f.read()

    def sync(self, name):
        return os.path.join(self.out, "sync", name)

    def answer(self, name):
        with open(self.sync(name), "w") as f:
            f.write("done")

    def wait_for(self, name, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if os.path.exists(self.sync(name)):
                return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.02)
        return False


def run_job(group, ranks, launcher, out, timeout, env=None):
    # Just before the timeout, a hung job dumps its stacks into its log.
    job = Job(group, ranks, launcher, out, env, watchdog=max(timeout - 15, 30))
    status = job.wait(timeout)
    ok = check(status is not None, f"{launcher} -n {ranks} {group}: no hang (ended within {timeout} s)")
    ok = check(status == 0, f"{launcher} -n {ranks} {group}: exit status 0 (got {status})") and ok
    if not ok:
        log(job.output()[-4000:])
    log(f"{launcher} -n {ranks} {group}: {job.seconds:.1f} s")
    return job


def outcomes(out, ranks):
    per_rank = []
    for r in range(ranks):
        path = os.path.join(out, f"outcome-{r}.json")
        # A job that failed before the end wrote none: that failure is checked already.
        assert os.path.exists(path), f"rank {r} recorded no outcome (the job did not finish)"
        with open(path) as f:
            per_rank.append(json.load(f))
    return per_rank


def same_everywhere(per_rank, case):
    """The case ended the same way on every rank; returns rank 0's outcome."""
    first = per_rank[0].get(case)
    check(first is not None, f"{case}: recorded on rank 0")
    for r, o in enumerate(per_rank[1:], 1):
        got = o.get(case)
        if got is None or first is None:
            check(False, f"{case}: recorded on rank {r}")
            continue
        # Values are compared where every rank returns one (pp* results);
        # Gist's calls return theirs on rank 0 only.
        keys = ("ok", "type", "message", "errno", "warnings") + (("value",) if case.startswith("bad/") else ())
        check(all(got.get(k) == first.get(k) for k in keys),
              f"{case}: rank {r} ended as {short(got)}, rank 0 as {short(first)}")
    return first or {}


def short(o):
    if o.get("ok"):
        return f"ok{' warned ' + repr(o['warnings']) if o.get('warnings') else ''}"
    return f"{o.get('type')}: {o.get('message')}"


def expect_error(per_rank, case, types, words=()):
    o = same_everywhere(per_rank, case)
    check(not o.get("ok", True) and o.get("type") in types,
          f"{case}: raises {'/'.join(types)} on every rank (got {short(o)})")
    for w in words:
        check(w in o.get("message", ""), f"{case}: the message says {w!r} (got {o.get('message')!r})")
    check("(rank 0)" in o.get("message", ""), f"{case}: the message names rank 0")
    return o


def expect_ok(per_rank, case):
    o = same_everywhere(per_rank, case)
    check(o.get("ok"), f"{case}: succeeds on every rank (got {short(o)})")
    return o


def warned_once(per_rank, words):
    """Exactly one OutputWarning containing `words` in the whole run, at the
    same call on every rank (same_everywhere compares the warnings)."""
    where = []
    for case in sorted(per_rank[0]):
        if isinstance(per_rank[0][case], dict):
            same_everywhere(per_rank, case)
            where += [case for w in per_rank[0][case].get("warnings", []) if words in w]
    check(len(where) == 1, f"one warning with {words!r} on every rank (got it at {where})")
    return where[0] if where else None


# ----------------------------------------------------------------- mounts

def mount_tmpfs(path, size, read_only=False):
    os.makedirs(path, exist_ok=True)
    opts = f"size={size}" + (",ro" if read_only else "")
    return subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", path],
                          capture_output=True, text=True).returncode == 0


def unmount(path):
    subprocess.run(["umount", "-l", path], capture_output=True)


# ------------------------------------------------------------ the groups

def files_group(ranks, launcher, out):
    scratch = os.path.join(out, "files")
    os.makedirs(os.path.join(scratch, "in-the-way.png"))
    os.makedirs(os.path.join(scratch, "in-the-way00.cgm"))
    env = {}
    mounts = []
    if os.geteuid() == 0:
        full, ro = os.path.join(out, "full"), os.path.join(out, "readonly")
        if mount_tmpfs(full, "4m"):
            mounts.append(full)
            env["FAULT_FULL_DIR"] = full
        if mount_tmpfs(ro, "64k", read_only=True):
            mounts.append(ro)
            env["FAULT_READONLY_DIR"] = ro
    if "FAULT_FULL_DIR" not in env:
        log("SKIPPED: the full disk and the read-only file system need root to mount a tmpfs")
    if os.geteuid() != 0:
        locked = os.path.join(scratch, "locked.png")
        open(locked, "w").close()
        os.chmod(locked, 0o444)
        env["FAULT_LOCKED_FILE"] = locked
    try:
        run_job("files", ranks, launcher, out, timeout=240, env=env)
        per_rank = outcomes(out, ranks)
        check_files_outcomes(per_rank, env)
        check_bad_numbers(per_rank)
        for folder in [scratch] + [m for m in mounts if "full" in m]:
            checked = file_checks.check_folder(VIEW, folder, out)
            log(f"{len(checked)} files read back under {folder}")
        if "FAULT_FULL_DIR" in env:
            check_full_disk_files(per_rank, env["FAULT_FULL_DIR"], out)
    finally:
        for m in mounts:
            unmount(m)


def check_files_outcomes(per_rank, env):
    for name in ("x.cgm", "x.pdf", "x.png", "x.eps", "x.svg"):
        expect_error(per_rank, f"missing/hcp_file {name}", ["FileNotFoundError"], ["no-such-folder"])
    for writer in ("png", "pdf", "eps", "svg"):
        expect_error(per_rank, f"missing/{writer}", ["FileNotFoundError"], ["cannot write"])
    expect_error(per_rank, "missing/window hcp=", ["FileNotFoundError"])
    expect_error(per_rank, "missing/palette file", ["ValueError", "FileNotFoundError", "RuntimeError"],
                 ["none.gp"])
    for case in ("missing/then hcp_file", "missing/then hcp", "missing/then hcp_finish"):
        expect_ok(per_rank, case)
    expect_error(per_rank, "unwritable/png over a folder", ["IsADirectoryError"])
    expect_error(per_rank, "unwritable/hcp_file over a folder", ["IsADirectoryError"])
    if "FAULT_READONLY_DIR" in env:
        for case in ("png", "hcp_file", "pdf"):
            o = expect_error(per_rank, f"unwritable/{case} read-only fs", ["OSError"])
            check(o.get("errno") == 30, f"unwritable/{case}: errno EROFS (got {o.get('errno')})")
    if "FAULT_LOCKED_FILE" in env:
        expect_error(per_rank, "unwritable/png read-only file", ["PermissionError"])
    if "FAULT_FULL_DIR" in env:
        first = per_rank[0]
        n = first["full/frames before the disk filled"]
        check(0 < n < 59, f"full: the disk filled after some frames (after {n})")
        for k in range(1, n + 1):
            expect_ok(per_rank, f"full/fma {k}")
        o = expect_error(per_rank, f"full/fma {n + 1}", ["OSError"], ["No space left on device"])
        check(o.get("errno") == 28, f"full/fma: errno ENOSPC (got {o.get('errno')})")
        for writer in ("png", "pdf", "eps", "svg", "hcp"):
            expect_error(per_rank, f"full/{writer}", ["OSError"], ["No space left on device"])
        for k in range(3):
            expect_ok(per_rank, f"full/after fma {k}")
        expect_ok(per_rank, "full/after hcp_finish")
        expect_ok(per_rank, "full/hcp_file pdf")
        # The multi-page PDF fails at a page or when completed; either way on every rank.
        pdf_cases = [c for c in first if c.startswith("full/pdf ")]
        errors = [c for c in pdf_cases if not first[c]["ok"]]
        for c in pdf_cases:
            same_everywhere(per_rank, c)
        check(errors, "full/pdf: the PDF on a full disk fails on every rank")
        for case in ("full/then another hcp_file", "full/then fma", "full/then hcp_finish"):
            expect_ok(per_rank, case)


def check_full_disk_files(per_rank, full, scratch):
    n = per_rank[0]["full/frames before the disk filled"]
    pages, _files = file_checks.check_cgm_family(VIEW, os.path.join(full, "run00.cgm"), scratch)
    check(pages == n + 3, f"full: run00.cgm holds the {n} frames before the disk filled and the "
                          f"3 after (got {pages})")
    for name in ("frame.png", "frame.pdf", "frame.eps", "frame.svg", "pages.pdf"):
        check(not os.path.exists(os.path.join(full, name)), f"full: no partial {name}")
    pages, _ = file_checks.check_cgm_family(VIEW, os.path.join(full, "again00.cgm"), scratch)
    check(pages == 1, f"full: again00.cgm holds its frame (got {pages})")


def check_bad_numbers(per_rank):
    first = per_rank[0]
    table = {}
    for case in sorted(c for c in first if c.startswith("bad/") and not c.endswith(" fma")
                      ):
        o = same_everywhere(per_rank, case)
        fma = same_everywhere(per_rank, case + " fma")
        call, kind = case[len("bad/"):].rsplit("/", 1)
        table.setdefault(call, {})[kind] = o
        if o.get("ok"):
            check(fma.get("ok") or fma.get("type") in ("ValueError", "OSError"),
                  f"{case}: the frame renders, or fails the same way everywhere (got {short(fma)})")
        else:
            check(o.get("type") in ("ValueError", "TypeError"),
                  f"{case}: a clear ValueError or TypeError (got {short(o)})")
    expect_ok(per_rank, "bad-numbers hcp_finish")
    for call, kinds in table.items():
        base = kinds.get("float64", {})
        check(base.get("ok"), f"bad/{call}/float64 draws (got {short(base)})")
        for kind in bad_numbers.STORAGE_KINDS[1:]:
            o = kinds.get(kind, {})
            if o.get("ok"):
                check(o.get("value") == base.get("value") and o.get("frame") == base.get("frame"),
                      f"bad/{call}/{kind} draws what float64 draws")
    rows = sum(len(k) for k in table.values())
    refused = sorted(f"{c}/{k}" for c, ks in table.items() for k, o in ks.items() if not o.get("ok"))
    log(f"bad numbers: {rows} cases, {len(refused)} refused the same way on every rank")


def x_server():
    """A private Xvfb on a free display (it picks the number itself)."""
    r, w = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
                            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    number = b""
    while not number.endswith(b"\n"):
        chunk = os.read(r, 16)
        if not chunk:
            break
        number += chunk
    os.close(r)
    return proc, ":" + number.decode().strip()


def find_window(display, title, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ids = subprocess.run(["xdotool", "search", "--name", f"^{title}$"], capture_output=True, text=True,
                             env=dict(os.environ, DISPLAY=display)).stdout.split()
        if ids:
            return int(ids[-1])
        time.sleep(0.05)
    raise AssertionError(f"window {title!r} did not appear on {display}")


def window_gone(display, title, timeout=10):
    """Wait until the window has left the server (the window's thread posts
    its notice right after destroying it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ids = subprocess.run(["xdotool", "search", "--name", f"^{title}$"], capture_output=True, text=True,
                             env=dict(os.environ, DISPLAY=display)).stdout.split()
        if not ids:
            time.sleep(0.1)
            return
        time.sleep(0.02)


def close_like_a_window_manager(display, window):
    """Send WM_DELETE_WINDOW, as a window manager's close button does."""
    x = ctypes.CDLL("libX11.so.6")
    x.XOpenDisplay.restype = ctypes.c_void_p
    x.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x.XInternAtom.restype = ctypes.c_ulong
    x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
    x.XFlush.argtypes = [ctypes.c_void_p]
    x.XCloseDisplay.argtypes = [ctypes.c_void_p]

    class ClientMessage(ctypes.Structure):
        _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                    ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                    ("format", ctypes.c_int), ("data", ctypes.c_long * 5), ("pad", ctypes.c_long * 12)]

    dpy = x.XOpenDisplay(display.encode())
    assert dpy, f"cannot open {display}"
    e = ClientMessage()
    e.type = 33  # ClientMessage
    e.window = window
    e.message_type = x.XInternAtom(dpy, b"WM_PROTOCOLS", 0)
    e.format = 32
    e.data[0] = x.XInternAtom(dpy, b"WM_DELETE_WINDOW", 0)
    x.XSendEvent(dpy, window, 0, 0, ctypes.byref(e))
    x.XFlush(dpy)
    x.XCloseDisplay(dpy)


def display_group(ranks, launcher, out):
    server, display = x_server()
    for k in range(40):  # the snapshot's names are taken by folders: 's' must fail
        os.makedirs(os.path.join(out, f"pargist-w1-{k:04d}.png"))
    job = Job("display", ranks, launcher, out, env={"DISPLAY": display})
    try:
        def close_window():
            window = find_window(display, "Gist 0")
            close_like_a_window_manager(display, window)
            window_gone(display, "Gist 0")

        steps = [("close-window", close_window, "window-closed"),
                 ("press-s", lambda: subprocess.run(
                     ["xdotool", "key", "--window", str(find_window(display, "Gist 1")), "s"],
                     env=dict(os.environ, DISPLAY=display), check=True, capture_output=True), "s-pressed"),
                 ("kill-x", lambda: (server.kill(), server.wait()), "x-killed")]
        for ask, act, answer in steps:
            if not check(job.wait_for(ask, 60), f"{launcher} -n {ranks} display: the job asks {ask!r}"):
                break
            act()
            job.answer(answer)
    finally:
        status = job.wait(120)
        server.kill()
        server.wait()
    check(status == 0, f"{launcher} -n {ranks} display: exit status 0, no hang (got {status})")
    log(f"{launcher} -n {ranks} display: {job.seconds:.1f} s")
    if status != 0:
        log(job.output()[-4000:])
        return
    per_rank = outcomes(out, ranks)
    for case in sorted(per_rank[0]):
        expect_ok(per_rank, case)  # a lost display or a closed window never raises
    # Each notice reaches every rank once, at the same call (the window's
    # thread posts it when it gets to the event; the next call carries it).
    warned_once(per_rank, "closed by the user")
    warned_once(per_rank, "snapshot")
    warned_once(per_rank, "X server")
    pages, _ = file_checks.check_cgm_family(VIEW, os.path.join(out, "closed00.cgm"), out)
    check(pages == 8, f"display: the closed window's CGM holds its 8 frames (got {pages})")
    pages, _ = file_checks.check_cgm_family(VIEW, os.path.join(out, "snapshot00.cgm"), out)
    check(pages == 9, f"display: the lost display's CGM holds its 9 frames (got {pages})")
    file_checks.check_png(os.path.join(out, "after-lost.png"))
    temps = file_checks.temporary_files(out)
    check(not temps, f"display: no temporary file ({temps})")


def signals_group(ranks, out):
    """SIGTERM and SIGINT to mpirun, kill -9 of a non-root rank, under both
    launchers; the exit statuses must agree between them."""
    statuses = {}
    for how in ("SIGTERM", "SIGINT", "kill -9 rank 1"):
        if how.startswith("kill") and ranks < 2:
            log("SKIPPED: kill -9 of a non-root rank needs 2 ranks or more")
            continue
        for launcher in LAUNCHERS:
            case_out = os.path.join(out, f"{launcher}-{how.replace(' ', '-')}")
            os.makedirs(case_out)
            statuses[(how, launcher)] = one_signal(ranks, launcher, how, case_out)
        a, b = (statuses.get((how, L)) for L in LAUNCHERS)
        check(a == b, f"{how}: mpirun's exit status is python3's (python3 {a}, pargist-python {b})")


def one_signal(ranks, launcher, how, out):
    node_tmp = os.path.join(out, "node-tmp")
    os.makedirs(node_tmp)
    job = Job("signals", ranks, launcher, out, env={"PARGIST_NODE_TMPDIR": node_tmp})
    frames = job.sync("frames")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and job.proc.poll() is None:
        if os.path.exists(frames) and int(open(frames).read() or 0) >= 3:
            break
        time.sleep(0.02)
    if not check(job.proc.poll() is None, f"{launcher} {how}: the job runs until the fault"):
        log(job.output()[-3000:])
        return None
    pids = [int(open(os.path.join(out, f"pid-{r}")).read()) for r in range(ranks)]
    if how == "SIGTERM":
        job.proc.send_signal(signal.SIGTERM)
    elif how == "SIGINT":
        job.proc.send_signal(signal.SIGINT)
    else:
        os.kill(pids[1], signal.SIGKILL)
    status = job.wait(60)
    check(status is not None, f"{launcher} -n {ranks} {how}: the job ends (no hang)")
    log(f"{launcher} -n {ranks} {how}: exit status {status}, {job.seconds:.1f} s")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and (alive(pids) or os.listdir(node_tmp)):
        time.sleep(0.05)
    check(not alive(pids), f"{launcher} {how}: no rank left behind (alive: {alive(pids)})")
    check(not os.listdir(node_tmp), f"{launcher} {how}: the node-local import folder is removed "
                                    f"({os.listdir(node_tmp)})")
    done = int(open(frames).read())
    pages, _ = file_checks.check_cgm_family(VIEW, os.path.join(out, "run00.cgm"), out)
    check(pages >= done, f"{launcher} {how}: every finished frame is in the CGM ({done} finished, {pages} read)")
    pngs = sorted(f for f in os.listdir(out) if f.startswith("frame") and f.endswith(".png"))
    check(len(pngs) >= done, f"{launcher} {how}: a PNG per finished frame ({len(pngs)} for {done})")
    for f in pngs:
        file_checks.check_png(os.path.join(out, f))
    check(not os.path.exists(os.path.join(out, "pages.pdf")), f"{launcher} {how}: no partial PDF")
    temps = file_checks.temporary_files(out)
    check(not temps, f"{launcher} {how}: no temporary file ({temps})")
    return status


def alive(pids):
    out = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().split(") ")[-1].split()[0] != "Z":
                    out.append(pid)
        except FileNotFoundError:
            pass
    return out


def long_group(ranks, launcher, out):
    frames = int(os.environ.get("FAULT_LONG_FRAMES", "10000"))
    env = {"FAULT_LONG_FRAMES": str(frames)}
    run_job("long", ranks, launcher, out, timeout=600, env=env)
    result = outcomes(out, 1)[0]["long"]
    cpu, wall, rss = result["fma_cpu"], result["wall"], result["rss"]
    block = max(1, len(cpu) // 10)
    first, last = statistics.median(cpu[:block]), statistics.median(cpu[-block:])
    growth = rss[-1][1] - rss[0][1]
    log(f"long: {frames} frames; rank 0's fma (render + CGM write), median CPU {first * 1e3:.3f} ms in the "
        f"first tenth, {last * 1e3:.3f} ms in the last; wall time per frame by 500s "
        f"{' '.join(f'{w * 1e3:.2f}' for w in wall)} ms; rank 0 RSS {rss[0][1] / 2**20:.1f} MB at frame "
        f"{rss[0][0]}, {rss[-1][1] / 2**20:.1f} MB at the end (growth {growth / 2**20:.2f} MB)")
    check(growth < 10 * 2**20, f"long: rank 0's memory grows by less than 10 MB (grew {growth / 2**20:.1f} MB)")
    # Flat: a cost that grew with the frames or files written (say, re-reading
    # the family) would multiply it; noise stays well under 2x.
    check(last < 2.0 * first + 0.0005, f"long: time per frame stays flat ({first * 1e3:.3f} -> {last * 1e3:.3f} ms)")
    pages, files = file_checks.check_cgm_family(VIEW, os.path.join(out, "long00.cgm"), out)
    check(pages == frames, f"long: the family holds every frame ({pages} of {frames})")
    check(files > 3, f"long: the family rolled over ({files} files)")
    temps = file_checks.temporary_files(out)
    check(not temps, f"long: no temporary file ({temps})")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("group", choices=("files", "display", "signals", "long"))
    parser.add_argument("--ranks", type=int, default=2)
    parser.add_argument("--launcher", choices=tuple(LAUNCHERS), default="python3")
    parser.add_argument("--keep", action="store_true", help="keep the output folder")
    args = parser.parse_args()
    out = tempfile.mkdtemp(prefix=f"pargist-faults-{args.group}-np{args.ranks}-")
    os.chmod(out, 0o755)
    started = time.monotonic()
    # ctest's timeout ends this harness with SIGTERM: its jobs end with it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        if args.group == "signals":
            signals_group(args.ranks, out)
        else:
            {"files": files_group, "display": display_group, "long": long_group}[args.group](
                args.ranks, args.launcher, out)
    except AssertionError as e:
        check(False, str(e))
    finally:
        Job.kill_all()
        log(f"{args.group} np{args.ranks}: {time.monotonic() - started:.1f} s, "
            f"{'output kept in ' + out if args.keep or failures else 'ok'}")
        if not args.keep and not failures:
            shutil.rmtree(out, ignore_errors=True)
    if failures:
        log(f"{len(failures)} checks failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
