"""The browser side of the browser-view tests and benchmark: the job under
mpiexec with $PARGIST_HTTP, headless Chromium driven by Selenium (Debian's
chromium, chromium-driver, python3-selenium), and raw HTTP clients."""

import http.client
import os
import re
import shutil
import socket
import sys
import tempfile
import time
import urllib.parse

from live_support import Program, mpirun

HERE = os.path.dirname(os.path.abspath(__file__))
JOB = os.path.join(HERE, "browser_job.py")
PYTHON = os.environ.get("PARGIST_TEST_PYTHON", sys.executable)


def start_job(tmp, period=0.25, frames=2000, ranks=2, png=False, http="0"):
    """The job under mpiexec; returns (Program, url) once rank 0 printed its address."""
    env = dict(os.environ, PARGIST_HTTP=http)
    argv = [PYTHON, JOB, str(period), str(frames), os.path.join(tmp, "stop")]
    if png:
        argv += ["--png", tmp]
    job = Program(mpirun(ranks, argv), env=env, merge_stderr=True)
    _, _, m = job.wait_for(r"window 0 in a browser: (http://\S+)", 60)
    return job, m.group(1)


def frames_of(job):
    """[(frame, view tuple, unix time, fma_ms, png_ms, cpu_ms)] from the job's lines."""
    out = []
    for _, text in job.lines:
        w = text.split()
        if len(w) == 15 and w[0] == "frame" and w[2] == "view":
            out.append((int(w[1]), tuple(float(v) for v in w[3:7]), float(w[8]), float(w[10]), float(w[12]),
                        float(w[14])))
    return out


def split_url(url):
    u = urllib.parse.urlsplit(url)
    return u.hostname, u.port, urllib.parse.parse_qs(u.query)["token"][0]


def request(url, method="GET", timeout=10):
    """(status, headers, body) of one plain HTTP request."""
    u = urllib.parse.urlsplit(url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        c.request(method, u.path + ("?" + u.query if u.query else ""))
        r = c.getresponse()
        return r.status, dict(r.getheaders()), r.read()
    finally:
        c.close()


def raw(host, port, data, read_timeout=15):
    """Sends raw bytes; returns what the server answered until it closed the
    connection (b"" if it closed without a word) and how long that took."""
    s = socket.create_connection((host, port), timeout=read_timeout)
    start = time.time()
    try:
        if data:
            s.sendall(data)
        got = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
    except (ConnectionResetError, BrokenPipeError):
        pass
    finally:
        s.close()
    return got, time.time() - start


def chromium(profile_dir, width=820, height=760):
    """A headless Chromium under Selenium, with a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--window-size={width},{height}",
                 f"--user-data-dir={profile_dir}"):
        options.add_argument(flag)
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=options)


def wait_until(predicate, timeout, what, poll=0.05):
    deadline = time.time() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.time() > deadline:
            raise TimeoutError(f"timed out ({timeout} s) waiting for {what}")
        time.sleep(poll)


class Page:
    """The browser page of the view, with the geometry it reports."""

    def __init__(self, driver, url):
        self.driver = driver
        driver.get(url)

    def stats(self):
        return self.driver.execute_script("return window.pargist ? {seq: pargist.seq, frame: pargist.frame, "
                                          "frames: pargist.frames, view: pargist.view, "
                                          "latencies: pargist.latencies, "
                                          "status: document.getElementById('status').textContent} : null")

    def wait_frames(self, count, timeout=30, after_seq=0):
        return wait_until(lambda: (lambda s: s if s and s["frames"] >= count and s["seq"] > after_seq else None)(
            self.stats()), timeout, f"{count} frames in the page")

    def status(self):
        return self.driver.find_element("id", "status").text

    def where(self):
        return self.driver.find_element("id", "where").text

    def canvas(self):
        return self.driver.find_element("id", "plot")

    def to_offset(self, view, px, py):
        """Image pixel -> offset from the canvas centre in CSS pixels (Selenium's origin)."""
        rect = self.driver.execute_script(
            "const r = document.getElementById('plot').getBoundingClientRect(); return [r.width, r.height];")
        sx, sy = rect[0] / view["width"], rect[1] / view["height"]
        return round((px - view["width"] / 2) * sx), round((py - view["height"] / 2) * sy), sx, sy


def ndc_to_px(view, x, y):
    scale, x0, y0 = view["transform"]
    return x0 + scale * x, y0 - scale * y


def px_to_world(view, system, px, py):
    scale, x0, y0 = view["transform"]
    vx0, vx1, vy0, vy1 = system["viewport"]
    lx0, lx1, ly0, ly1 = system["limits"]
    xn, yn = (px - x0) / scale, (y0 - py) / scale
    return (lx0 + (xn - vx0) * (lx1 - lx0) / (vx1 - vx0), ly0 + (yn - vy0) * (ly1 - ly0) / (vy1 - vy0))


def profile_dir():
    return tempfile.mkdtemp(prefix="pargist-chromium-")


WHERE_RX = re.compile(r":\s*(\d+) \(([-+0-9.eE]+), ([-+0-9.eE]+)\)")
