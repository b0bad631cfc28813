"""pargist-view --follow against a running job (mpiexec -n 2) that writes a
CGM family in small files, under a private Xvfb, with real mouse and key
events (xdotool): pages show as they land, across the roll-over to the next
file; a zoom reaches the job's next ppzx call through the request file and
stays on the pages that arrive; 'p' leaves the live page, 'f' comes back."""

import os
import statistics

import pytest

from live_support import Program, Xvfb, binary, mpirun, xdotool

# Small files: the family rolls over every couple of pages.
FILE_BYTES = 60000
PERIOD_MS = 150


def frame_lines(job):
    """{frame number: (view tuple, unix time written)} from the job's lines."""
    out = {}
    for _, text in job.lines:
        w = text.split()
        if len(w) == 9 and w[0] == "frame" and w[2] == "view" and w[7] == "t":
            out[int(w[1])] = (tuple(float(v) for v in w[3:7]), float(w[8]))
    return out


def read_request(path):
    systems = {}
    with open(path) as f:
        lines = f.read().splitlines()
    assert lines[0] == "pargist view request 1"
    for line in lines[1:]:
        w = line.split()
        if w and w[0] == "system":
            systems[int(w[1])] = tuple(float(v) for v in w[2:6])
    return systems


def close(a, b, rel=2e-5):
    return all(abs(x - y) <= rel * max(1.0, abs(x), abs(y)) for x, y in zip(a, b))


@pytest.fixture
def xserver():
    x = Xvfb()
    yield x
    x.stop()


def test_follow_a_running_job(tmp_path, xserver):
    family = str(tmp_path / "run00.cgm")  # Gist counts up its digits: run01.cgm, run02.cgm...
    # The viewer starts first: it waits for the family to appear.
    view = Program([binary("bin", "pargist-view"), "--follow", family], env=xserver.env())
    job = Program(mpirun(2, [binary("tests", "follow_job"), family, str(FILE_BYTES), str(PERIOD_MS), "2000"]))
    try:
        view.wait_for(r"^following .*run00\.cgm; zooms go to .*run\.limits$", 20)
        job.wait_for(r"^frame 1 ", 60)  # (fails at once if the job cannot start)

        # New pages show live, within a fraction of a second of being written.
        i, _, _ = view.wait_for(r"^page (\d+)/\1 live: .*run00\.cgm", 30)
        i, _, _ = view.wait_for(r"^page (\d+)/\1 live: .*run01\.cgm", 30, after=i)  # the roll-over
        view.wait_for(r"^page (\d+)/\1 live: .*run02\.cgm", 30, after=i)

        # A click in the middle of the plot zooms in (Gist: by 1.5 about the
        # pointer); the viewer asks the job for those limits.
        window = xdotool(xserver.display, "search", "--sync", "--name", "pargist-view --follow").split()[0]
        xdotool(xserver.display, "mousemove", "--sync", "--window", window, "225", "245")
        xdotool(xserver.display, "click", "1")
        asked, _, _ = view.wait_for(r"^asked the job for system 1 limits", 20)
        requested = read_request(str(tmp_path / "run.limits"))[1]
        shown = [text for _, text in view.lines[:asked] if text.startswith("page ")][-1]
        before = tuple(float(v) for v in shown.split("drawn at ")[1].split())
        assert (requested[1] - requested[0]) == pytest.approx((before[1] - before[0]) / 1.5, rel=0.05)

        # The job's next ppzx calls deposit over exactly the limits asked for.
        j, _, m = job.wait_for(r"^frame (\d+) view " + " ".join("%.17g" % v for v in requested).replace(".", r"\.")
                               .replace("+", r"\+"), 20)
        zoomed_frame = int(m.group(1))
        assert all(frame_lines(job)[k][0] == requested for k in range(zoomed_frame, max(frame_lines(job)) + 1))
        # ... and every page the viewer shows after the click is drawn at them.
        k, _, _ = view.wait_for(r"^page \d+/\d+ live", 20, after=asked)
        later = [text for _, text in view.lines[k:] if text.startswith("page ")]
        assert later
        for text in later:
            drawn = tuple(float(v) for v in text.split("drawn at ")[1].split())
            assert close(drawn, requested), text

        # History: 'p' leaves the live page and stays while pages arrive.
        n = len(view.lines)
        live = int([text for _, text in view.lines[:n] if text.startswith("page ")][-1].split()[1].split("/")[0])
        xdotool(xserver.display, "key", "p")
        i, _, m = view.wait_for(r"^page (\d+)/(\d+): ", 20, after=n)
        held, count = int(m.group(1)), int(m.group(2))
        assert live - 1 <= held <= live  # (a page may land between the line and the key)
        i, _, m = view.wait_for(r"^page (\d+)/(\d+)", 20, after=i + 1)
        assert int(m.group(1)) == held and int(m.group(2)) > count
        # 'f' goes back to live, and live it stays.
        xdotool(xserver.display, "key", "f")
        i, _, _ = view.wait_for(r"^page (\d+)/\1 live", 20, after=i + 1)
        view.wait_for(r"^page (\d+)/\1 live", 20, after=i + 1)

        # How long after the job wrote a page the viewer showed it (printed,
        # not asserted: tests/bench has the figures).
        written = {k: t for k, (_, t) in frame_lines(job).items()}
        seen = {}
        for t_seen, text in view.lines:
            w = text.split()
            if len(w) > 2 and w[0] == "page" and w[2] == "live:":
                seen.setdefault(int(w[1].split("/")[0]), t_seen)
        delays = [t - written[page] for page, t in seen.items() if page in written]
        assert delays
        print(f"follow: {len(delays)} pages, new page to screen median "
              f"{1000 * statistics.median(delays):.0f} ms, max {1000 * max(delays):.0f} ms")

        # The job ends; the viewer keeps the pages until 'q'.
        open(str(tmp_path / "stop"), "w").close()
        assert job.proc.wait(30) == 0
        xdotool(xserver.display, "key", "q")
        assert view.proc.wait(20) == 0
    finally:
        job.stop()
        view.stop()
        if job.proc.returncode not in (0, None):
            print(job.output())


def test_follow_refuses_a_missing_folder_and_other_options(tmp_path):
    import subprocess
    view = binary("bin", "pargist-view")
    r = subprocess.run([view, "--follow", str(tmp_path / "no/such/run.cgm")], capture_output=True, text=True,
                       timeout=30, env=dict(os.environ, DISPLAY=""))
    assert r.returncode != 0 and "no folder" in r.stderr
    r = subprocess.run([view, "--follow", str(tmp_path / "run.cgm"), "--png", "x.png"], capture_output=True,
                       text=True, timeout=30)
    assert r.returncode == 1 and "--follow" in r.stderr
