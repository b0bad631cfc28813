"""Processes for the live-view tests (pargist-view --follow, the browser
view): a private X server, a job under mpiexec, and programs whose output
lines are read as they come. Every test starts its own, on free display
numbers and ports, so that they run beside the rest of the suite."""

import os
import re
import shutil
import signal
import subprocess
import threading
import time
import queue

BINARY_DIR = os.environ.get("PARGIST_BINARY_DIR", os.path.join(os.path.dirname(__file__), "../../build"))
MPIEXEC = os.environ.get("PARGIST_MPIEXEC") or shutil.which("mpiexec") or "mpiexec"


def binary(*parts):
    path = os.path.join(BINARY_DIR, *parts)
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path} is not built")
    return path


class Program:
    """A child process in its own process group whose stdout lines (and,
    merged or not, stderr) are collected by a thread as they arrive."""

    def __init__(self, argv, env=None, merge_stderr=False, cwd=None):
        self.argv = argv
        self.proc = subprocess.Popen(
            argv, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT if merge_stderr else subprocess.PIPE,
            env=env, cwd=cwd, text=True, bufsize=1, start_new_session=True)
        self.lines = []          # (arrival time, text), every line so far
        self._new = queue.Queue()
        self._ended = threading.Event()  # stdout closed: no more lines
        self._threads = [threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True)]
        if not merge_stderr:
            self.errors = []
            self._threads.append(threading.Thread(target=self._read_errors, daemon=True))
        for t in self._threads:
            t.start()

    def _read(self, stream):
        for line in stream:
            item = (time.time(), line.rstrip("\n"))
            self.lines.append(item)
            self._new.put(item)
        self._ended.set()
        self._new.put(None)

    def _read_errors(self):
        for line in self.proc.stderr:
            self.errors.append(line.rstrip("\n"))

    def wait_for(self, pattern, timeout, after=0):
        """The first line (from index `after` on) matching `pattern`, as
        (index, arrival time, match); raises TimeoutError with the output."""
        rx = re.compile(pattern)
        deadline = time.time() + timeout
        index = after
        while True:
            while index < len(self.lines):
                t, text = self.lines[index]
                m = rx.search(text)
                if m:
                    return index, t, m
                index += 1
            left = deadline - time.time()
            if left <= 0 or (self._ended.is_set() and index >= len(self.lines)):
                raise TimeoutError(f"{self.argv[0]}: no line matching {pattern!r} in {timeout} s; "
                                   f"output:\n" + self.output())
            try:
                self._new.get(timeout=min(left, 0.2))
            except queue.Empty:
                pass

    def output(self):
        text = "\n".join(line for _, line in self.lines[-60:])
        if getattr(self, "errors", None):
            text += "\n[stderr]\n" + "\n".join(self.errors[-30:])
        return text

    def stop(self, sig=signal.SIGTERM, timeout=10):
        """Ends the process group (the program and anything it started)."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        for t in self._threads:
            t.join(2)


class Xvfb:
    """A private X server on a display number it picks itself."""

    def __init__(self, size="1280x1024x24"):
        read_fd, write_fd = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", size, "-nolisten", "tcp"],
            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        os.close(write_fd)
        with os.fdopen(read_fd) as f:
            number = f.readline().strip()
        if not number:
            self.proc.kill()
            raise RuntimeError("Xvfb did not start")
        self.display = ":" + number

    def env(self, base=None):
        env = dict(base or os.environ)
        env["DISPLAY"] = self.display
        return env

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def mpirun(ranks, argv):
    return [MPIEXEC, "-n", str(ranks), "--oversubscribe"] + list(argv)


def xdotool(display, *args, timeout=20):
    env = dict(os.environ, DISPLAY=display)
    return subprocess.run(["xdotool", *args], env=env, check=True, timeout=timeout,
                          capture_output=True, text=True).stdout
