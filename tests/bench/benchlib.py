"""What the Python benchmarks share: timing a case, reading the process's
memory, writing a results table and the machine line under it.

    import benchlib
    t = benchlib.best_of(3, run)                  # CPU seconds, best of 3
    lines = benchlib.table(["case", "s"], "l r", [("markers", "0.018")])
    benchlib.write_results(path, "# title\n\n" + "\n".join(lines) + "\n" + benchlib.machine())
"""
import os
import platform
import time


def best_of(reps, fn, *args, clock=time.process_time):
    """The shortest of `reps` runs of fn(*args), by `clock` (CPU time of the
    process by default: a busy shared machine does not lengthen it much)."""
    best = float("inf")
    for _ in range(reps):
        t0 = clock()
        fn(*args)
        best = min(best, clock() - t0)
    return best


def median(values):
    """The middle value (the mean of the two middle ones for an even count)."""
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else 0.5 * (v[n // 2 - 1] + v[n // 2])


def status_kb(field):
    """A field of /proc/self/status in kB (VmRSS, VmHWM...), -1 if absent."""
    field = field.rstrip(":") + ":"
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1])
    return -1


def reset_peak():
    """Linux: writing 5 to clear_refs resets VmHWM to the current RSS."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def peak_growth(fn):
    """Peak RSS growth (bytes) while fn() runs, from the RSS before it."""
    base = status_kb("VmRSS")
    reset_peak()
    fn()
    return (status_kb("VmHWM") - base) * 1024


def table(header, aligns, rows):
    """A Markdown table as a list of lines. aligns: one letter a column,
    'l' or 'r' (space-separated); cells are written as given (str())."""
    marks = {"l": "---", "r": "---:"}
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join(marks[a] for a in aligns.split()) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def machine(**versions):
    """The line that says where a table was measured, e.g.
    machine(numpy=np.__version__) -> 'Machine: x86_64, 2 CPUs, Python 3.11.2, numpy 1.24.2.'"""
    parts = [platform.machine(), f"{os.cpu_count()} CPUs", f"Python {platform.python_version()}"]
    parts += [f"{name} {v}" for name, v in versions.items()]
    return "Machine: " + ", ".join(parts) + "."


def stamp():
    """The date and time a table was written, as the results files give it."""
    return time.strftime("%Y-%m-%d %H:%M")


def write_results(path, text):
    """Writes a results file (its folder made if needed) and prints it."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        f.write(text if text.endswith("\n") else text + "\n")
    print(text)
