"""The browser view against a running job: mpiexec -n 2 of an unchanged
script, served because $PARGIST_HTTP is set, watched by headless Chromium
(Selenium): the page shows frame N; a drag zooms and the next ppzx frame
deposits over the zoomed limits; the other gestures of Gist's window; two
browsers at once; requests without the token get 403; malformed, huge,
slow and stalled clients end in a closed connection while the run goes on."""

import os
import shutil
import socket
import sys
import threading
import time

import pytest

from browser_support import (WHERE_RX, Page, chromium, frames_of, ndc_to_px, profile_dir, px_to_world, raw,
                             request, split_url, start_job, wait_until)

OUTPUT = os.path.join(os.environ.get("PARGIST_BINARY_DIR", "."), "test-output")


@pytest.fixture(scope="module")
def job(tmp_path_factory):
    tmp = str(tmp_path_factory.mktemp("browser"))
    program, url = start_job(tmp)
    program.wait_for(r"^frame 2 ", 60)
    yield program, url
    open(os.path.join(tmp, "stop"), "w").close()
    try:
        assert program.proc.wait(60) == 0, program.output()
    finally:
        program.stop()


@pytest.fixture(scope="module")
def driver():
    profile = profile_dir()
    d = chromium(profile)
    yield d
    d.quit()
    shutil.rmtree(profile, ignore_errors=True)


def frames_now(job):
    return len(frames_of(job))


def base(url):
    host, port, _ = split_url(url)
    return f"http://{host}:{port}"


def test_every_request_needs_the_token(job):
    _, url = job
    host, port, token = split_url(url)
    b = base(url)
    for path in ["/", "/frame", "/viewer.js", "/index.html", "/no/such/thing", "/../../etc/passwd",
                 f"/?token={token[:-1]}", f"/?token={token.upper()}", f"/?token={token}x", "/?token="]:
        status, _, _ = request(b + path)
        assert status == 403, path
    for path in ["/gesture", "/key?k=u"]:
        assert request(b + path, "POST")[0] == 403, path
    # With it: the page, its script and style, nothing else.
    status, headers, body = request(url)
    assert status == 200 and b"viewer.js?token=" + token.encode() in body
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "no-referrer"
    assert request(f"{b}/viewer.js?token={token}")[0] == 200
    for path in ["/etc/passwd", "/../CMakeLists.txt", "/src", "/viewer.js.map"]:
        assert request(f"{b}{path}?token={token}")[0] == 404, path
    assert request(f"{b}/?token={token}", "PUT")[0] == 405


def refused(answer):
    """Closed without a word, or with a 4xx."""
    return answer == b"" or (answer.startswith(b"HTTP/1.") and answer[9:10] == b"4")


def test_bad_requests_cost_a_closed_connection(job):
    program, url = job
    host, port, token = split_url(url)
    before = frames_now(program)

    # Slow clients, more than the server has workers: each sends a byte of
    # its request now and then and is cut off by the request deadline.
    def slow():
        s = socket.create_connection((host, port), timeout=30)
        start = time.time()
        closed_after = None
        try:
            for ch in b"GET /frame?token=" + token.encode():
                s.sendall(bytes([ch]))
                time.sleep(0.5)
        except OSError:
            closed_after = time.time() - start
        s.close()
        slow_results.append(closed_after)

    slow_results = []
    threads = [threading.Thread(target=slow) for _ in range(30)]
    for t in threads:
        t.start()

    garbage, _ = raw(host, port, b"\x16\x03\x01 this is no HTTP\r\n\r\n")
    assert refused(garbage)
    huge, _ = raw(host, port, b"GET /?token=" + token.encode() + b" HTTP/1.1\r\nX: " + b"a" * 100000 + b"\r\n\r\n")
    assert refused(huge)
    body, _ = raw(host, port, (f"POST /key?k=u&token={token} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n"
                               ).encode() + b"x" * 1000)
    assert body.startswith(b"HTTP/1.1 413")

    for t in threads:
        t.join(60)
    # Every slow client was cut off (by the 5 s deadline, or waiting in the queue).
    assert len(slow_results) == 30 and all(r is not None and r < 25 for r in slow_results), slow_results
    # The run never waited for any of them.
    assert frames_now(program) > before + 10
    assert request(url)[0] == 200


def test_a_stalled_client_gets_no_queue(job):
    """A client that asks for frames and never reads: the server fills the
    socket once, then gives up on it; the run and other clients go on."""
    program, url = job
    host, port, token = split_url(url)
    s = socket.create_connection((host, port))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    ask = (f"GET /frame?after=0&token={token} HTTP/1.1\r\nHost: x\r\n\r\n").encode()
    for _ in range(40):
        try:
            s.sendall(ask)
        except OSError:
            break
    before = frames_now(program)
    time.sleep(3)
    assert frames_now(program) >= before + 2  # the run goes on (its pace: tests/bench)
    status, headers, png = request(f"{base(url)}/frame?after=0&token={token}")
    assert status == 200 and png[:8] == b"\x89PNG\r\n\x1a\n"
    s.close()


def test_the_page_shows_the_frames_and_the_mouse_steers_the_run(job, driver):
    program, url = job
    page = Page(driver, url)
    s = page.wait_frames(2)
    # The page shows frame N: the strip names it, and the job drew it.
    assert s["status"] == f"frame {s['frame']}"
    assert s["frame"] in [f[0] for f in frames_of(program)]
    view = s["view"]
    assert view["zoomed"] is False and len(view["systems"]) == 1
    system = view["systems"][0]
    os.makedirs(OUTPUT, exist_ok=True)
    driver.save_screenshot(os.path.join(OUTPUT, "browser_view_first.png"))

    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    canvas = page.canvas()
    vx0, vx1, vy0, vy1 = system["viewport"]
    left, top = ndc_to_px(view, vx0, vy1)
    right, bottom = ndc_to_px(view, vx1, vy0)

    def offset(px, py):
        ox, oy, _, _ = page.to_offset(view, px, py)
        return ox, oy

    # Coordinates under the pointer, as Gist's strip shows them.
    px, py = left + 0.3 * (right - left), top + 0.6 * (bottom - top)
    ActionChains(driver).move_to_element_with_offset(canvas, *offset(px, py)).perform()
    m = wait_until(lambda: WHERE_RX.search(page.where()), 5, "pointer coordinates")
    wx, wy = px_to_world(view, system, px, py)
    span_x, span_y = system["limits"][1] - system["limits"][0], system["limits"][3] - system["limits"][2]
    assert m.group(1) == "1"
    # (loosely: the data's extremes, hence the limits, move from frame to frame)
    assert abs(float(m.group(2)) - wx) < 0.08 * span_x and abs(float(m.group(3)) - wy) < 0.08 * span_y

    def zoomed_after(seq, changed, what):
        try:
            st = wait_until(lambda: (lambda s: s if s["seq"] > seq and changed(s["view"]["systems"][0]["limits"])
                                     else None)(page.stats()), 10, what)
        except TimeoutError:
            print("page:", page.status(), page.stats()["view"])
            raise
        return st["view"]["systems"][0]["limits"], st["seq"]

    # A ctrl+left drag zooms to the box: 35% of the width, 40% of the height
    # of the viewport, of the frame the press was made on (the data's
    # extremes, hence the limits, move from frame to frame); within a pixel
    # or two, Selenium's offsets being whole CSS pixels.
    a = (left + 0.25 * (right - left), top + 0.3 * (bottom - top))
    b = (left + 0.6 * (right - left), top + 0.7 * (bottom - top))
    seq = page.stats()["seq"]
    (ActionChains(driver).move_to_element_with_offset(canvas, *offset(*a)).key_down(Keys.CONTROL).click_and_hold()
     .move_to_element_with_offset(canvas, *offset(*b)).release().key_up(Keys.CONTROL).perform())
    pressed = driver.execute_script("return pargist.pressedView")["systems"][0]["limits"]
    span_x, span_y = pressed[1] - pressed[0], pressed[3] - pressed[2]
    box, seq = zoomed_after(seq, lambda l: abs((l[1] - l[0]) - 0.35 * span_x) < 0.02 * span_x,
                            "the box zoom")
    assert box == pytest.approx((pressed[0] + 0.25 * span_x, pressed[0] + 0.6 * span_x,
                                 pressed[3] - 0.7 * span_y, pressed[3] - 0.3 * span_y), abs=0.02 * span_x)
    # ... the page shows it at once, and the run's next ppzx frames deposit
    # over exactly those limits.
    _, _, m = program.wait_for(r"^frame (\d+) view " + " ".join(
        r"%s" % repr(v).replace(".", r"\.").replace("+", r"\+") for v in box) + " ", 20)
    zoomed_frame = int(m.group(1))
    assert zoomed_frame > s["frame"]
    # The README's picture: a frame the run deposited over the zoomed view.
    wait_until(lambda: page.stats()["frame"] >= zoomed_frame, 10, "the zoomed frame in the page")
    driver.save_screenshot(os.path.join(OUTPUT, "browser_view.png"))

    # Left click: zoom in by 1.5 about the pointer (both axes).
    cx, cy = (left + right) / 2, (top + bottom) / 2
    ActionChains(driver).move_to_element_with_offset(canvas, *offset(cx, cy)).click().perform()
    clicked, seq = zoomed_after(seq, lambda l: abs((l[1] - l[0]) * 1.5 - (box[1] - box[0])) < 1e-6 * span_x,
                                "the click zoom")
    assert (clicked[3] - clicked[2]) * 1.5 == pytest.approx(box[3] - box[2], rel=1e-6)

    # Right click: zoom out by 1.5.
    ActionChains(driver).move_to_element_with_offset(canvas, *offset(cx, cy)).context_click().perform()
    out, seq = zoomed_after(seq, lambda l: (l[1] - l[0]) == pytest.approx(box[1] - box[0], rel=1e-6),
                            "the right-click zoom out")

    # Shift+left drag pans: same widths, moved.
    (ActionChains(driver).move_to_element_with_offset(canvas, *offset(cx, cy)).key_down(Keys.SHIFT).click_and_hold()
     .move_to_element_with_offset(canvas, *offset(cx + 60, cy)).release().key_up(Keys.SHIFT).perform())
    panned, seq = zoomed_after(seq, lambda l: l[0] < out[0] - 1e-9, "the pan")
    assert panned[1] - panned[0] == pytest.approx(out[1] - out[0], rel=1e-9)
    assert panned[2:] == pytest.approx(out[2:], rel=1e-9)

    # A click below the viewport, over the x ticks: x only.
    ActionChains(driver).move_to_element_with_offset(canvas, *offset(cx, bottom + 12)).click().perform()
    x_only, seq = zoomed_after(seq, lambda l: (l[1] - l[0]) < (panned[1] - panned[0]) * 0.9, "the x-axis zoom")
    assert x_only[2:] == pytest.approx(panned[2:], rel=1e-9)

    # 'u' unzooms: back to the data's extremes, in the page and in the run.
    canvas.send_keys("u")
    zoomed_after(seq, lambda l: l[0] < box[0] - 0.5 and l[1] > box[1] + 0.5, "the unzoom")
    before = frames_now(program)
    wait_until(lambda: frames_now(program) > before + 2, 10, "frames after the unzoom")
    last = frames_of(program)[-1][1]
    assert last[0] < box[0] - 0.5 and last[1] > box[1] + 0.5  # automatic again: wider than any zoom

    latencies = page.stats()["latencies"]
    print(f"browser: {len(latencies)} frames, new frame to pixels median {sorted(latencies)[len(latencies) // 2]:.0f} ms")


def test_several_browsers_watch_one_run(job, driver):
    _, url = job
    profile = profile_dir()
    second = chromium(profile)
    try:
        one, two = Page(driver, url), Page(second, url)
        a, b = one.wait_frames(1), two.wait_frames(1)
        one.wait_frames(a["frames"] + 3)
        two.wait_frames(b["frames"] + 3)
    finally:
        second.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_http_keyword_refuses_bad_addresses():
    pg = pytest.importorskip("pargist")
    if not getattr(pg._core, "has_viewer", False):
        pytest.skip("no viewer in this build")
    for bad in ["http", "70000", "-1", "1.2.3:80", "localhost:80", "1.2.3.4.5:80", 3.5]:
        with pytest.raises((ValueError, TypeError)):
            pg.window(0, display="", http=bad)


def test_http_keyword_serves_and_stops(tmp_path):
    """window(0, http=0) in a plain serial script: the address is printed
    once, a frame is served, http=False stops serving (port closed)."""
    script = tmp_path / "serve.py"
    script.write_text(
        "import sys, urllib.request, pargist as pg\n"
        "pg.window(0, display='', http=0)\n"
        "pg.window(0, http=0)  # the same address: the same server, nothing printed\n"
        "pg.plg([0, 1, 4], [0, 1, 2]); pg.fma()\n"
        "url = sys.stdin.readline().strip()\n"
        "host = url.split('/?')[0]; token = url.split('token=')[1]\n"
        "png = urllib.request.urlopen(f'{host}/frame?after=0&token={token}', timeout=10).read()\n"
        "print('png', png[:4] == b'\\x89PNG', flush=True)\n"
        "pg.window(0, http=False)\n"
        "try:\n"
        "    urllib.request.urlopen(url, timeout=5)\n"
        "    print('still serving')\n"
        "except OSError:\n"
        "    print('stopped', flush=True)\n")
    import subprocess
    p = subprocess.Popen([sys.executable, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    line = p.stderr.readline()
    assert "window 0 in a browser: http://127.0.0.1:" in line
    url = line.split("browser: ")[1].strip()
    out, err = p.communicate(url + "\n", timeout=60)
    assert p.returncode == 0, err
    assert out.split() == ["png", "True", "stopped"]
    assert "in a browser" not in err  # printed once
