// The browser view of a pargist window: shows the newest frame the run
// serves, and takes the mouse as Gist's window does. The zoom itself is
// computed by the server (the same code as the X window); this page only
// shows at once what the gesture will do, until the re-rendered frame
// comes back.
"use strict";

(() => {
  const token = new URLSearchParams(location.search).get("token") || "";
  const canvas = document.getElementById("plot");
  const ctx = canvas.getContext("2d");
  const where = document.getElementById("where");
  const status = document.getElementById("status");

  // What tests and benchmarks read: the frame shown and when it was painted,
  // and the geometry of the frame the last press was made on.
  const stats = { seq: 0, frame: 0, frames: 0, latencies: [], view: null, pressedView: null };
  window.pargist = stats;

  let image = null;    // ImageBitmap of the newest frame
  let view = null;     // its geometry: transform, systems (see browser_view.cpp)
  let preview = null;  // {system, sx, tx, sy, ty}: the gesture's effect, drawn until the next frame
  let band = null;     // rubber band of a box zoom: [x0, y0, x1, y1]
  let gesture = null;  // the press under way

  const url = (path, params) => {
    const q = new URLSearchParams(params || {});
    q.set("token", token);
    return `${path}?${q}`;
  };
  const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
  const painted = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));

  // ---- geometry, as viewer/src/geometry.cpp ---------------------------
  const toPx = (x, y) => [view.transform[1] + view.transform[0] * x, view.transform[2] - view.transform[0] * y];
  const toNdc = (px, py) => [(px - view.transform[1]) / view.transform[0], (view.transform[2] - py) / view.transform[0]];
  const worldOf = (ndc, v0, v1, w0, w1, log) => {
    const a0 = log ? Math.log10(w0) : w0, a1 = log ? Math.log10(w1) : w1;
    const a = a0 + (ndc - v0) * (a1 - a0) / (v1 - v0);
    return log ? Math.pow(10, a) : a;
  };

  // The system under a pixel: the smallest viewport containing it, else the
  // one whose edge faces it nearest; axes: 1 x only, 2 y only, 3 both.
  function locate(px, py) {
    if (!view) return null;
    const [x, y] = toNdc(px, py);
    let best = null, bestArea = Infinity;
    for (const s of view.systems) {
      const [x0, x1, y0, y1] = s.viewport;
      if (x >= x0 && x <= x1 && y >= y0 && y <= y1) {
        const area = Math.abs((x1 - x0) * (y1 - y0));
        if (area < bestArea) { bestArea = area; best = s; }
      }
    }
    if (!best) {
      let gapBest = Infinity;
      const consider = (gap, s) => { if (gap > 0 && gap < gapBest) { gapBest = gap; best = s; } };
      for (const s of view.systems) {
        const [x0, x1, y0, y1] = s.viewport;
        if (y >= y0 && y <= y1) { consider(x - x1, s); consider(x0 - x, s); }
        if (x >= x0 && x <= x1) { consider(y - y1, s); consider(y0 - y, s); }
      }
    }
    if (!best) return null;
    const [x0, x1, y0, y1] = best.viewport;
    const beside = x < x0 || x > x1, aboveBelow = y < y0 || y > y1;
    const cx = Math.min(Math.max(x, x0), x1), cy = Math.min(Math.max(y, y0), y1);
    return {
      system: best,
      x: worldOf(cx, x0, x1, best.limits[0], best.limits[1], best.logx),
      y: worldOf(cy, y0, y1, best.limits[2], best.limits[3], best.logy),
      axes: beside && !aboveBelow ? 2 : aboveBelow && !beside ? 1 : 3,
    };
  }

  function coordinate(w, lo, hi) {
    const big = Math.max(Math.abs(lo), Math.abs(hi)), span = Math.abs(hi - lo);
    if (big >= 1e4 || big < 1e-3) return w.toExponential(3 + Math.max(0, Math.round(Math.log10(big / (span || big) + 0.5))));
    return w.toFixed(Math.min(12, Math.max(1, span > 0 && span < 0.1 ? 3 - Math.floor(Math.log10(span)) : 4)));
  }

  // ---- drawing ----------------------------------------------------------
  function draw() {
    if (!image) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(image, 0, 0);
    if (preview) {
      const [x0, x1, y0, y1] = preview.system.viewport;
      const [ax, ay] = toPx(x0, y1), [bx, by] = toPx(x1, y0);
      ctx.save();
      ctx.beginPath();
      ctx.rect(ax, ay, bx - ax, by - ay);
      ctx.clip();
      ctx.fillStyle = "#fff";
      ctx.fillRect(ax, ay, bx - ax, by - ay);
      ctx.setTransform(preview.sx, 0, 0, preview.sy, preview.tx, preview.ty);
      ctx.drawImage(image, 0, 0);
      ctx.restore();
    }
    if (band) {
      ctx.save();
      ctx.strokeStyle = "#c00";
      ctx.setLineDash([4, 3]);
      ctx.strokeRect(band[0] + 0.5, band[1] + 0.5, band[2] - band[0], band[3] - band[1]);
      ctx.restore();
    }
  }

  // The picture of a gesture from press P to pointer R: the pressed point
  // follows the pointer, scaled by s (Gist's zoom about the pointer).
  function previewOf(g, rx, ry) {
    const s = g.kind === "in" ? g.factor : g.kind === "out" ? 1 / g.factor : 1;
    const p = { system: g.at.system, sx: 1, tx: 0, sy: 1, ty: 0 };
    if (g.kind === "box") {
      const [x0, x1, y0, y1] = g.at.system.viewport;
      const [ax, ay] = toPx(x0, y1), [bx, by] = toPx(x1, y0);
      const w = Math.abs(rx - g.px), h = Math.abs(ry - g.py);
      if (w < 2 || h < 2) return null;
      p.sx = (bx - ax) / w; p.tx = ax - p.sx * Math.min(rx, g.px);
      p.sy = (by - ay) / h; p.ty = ay - p.sy * Math.min(ry, g.py);
      return p;
    }
    if (g.at.axes & 1) { p.sx = s; p.tx = rx - s * g.px; }
    if (g.at.axes & 2) { p.sy = s; p.ty = ry - s * g.py; }
    return p;
  }

  // ---- frames -----------------------------------------------------------
  async function follow() {
    for (;;) {
      let r;
      try {
        r = await fetch(url("frame", { after: stats.seq }), { cache: "no-store" });
      } catch (e) {
        status.textContent = "no connection to the run; trying again";
        await sleep(1000);
        continue;
      }
      if (r.status === 204) continue;  // nothing new within the server's wait
      if (r.status === 403) { status.textContent = "forbidden: open the address with its token"; return; }
      if (!r.ok) { status.textContent = `the run answered ${r.status}`; await sleep(1000); continue; }
      const v = JSON.parse(r.headers.get("X-Pargist-View"));
      const bitmap = await createImageBitmap(await r.blob());
      if (canvas.width !== v.width || canvas.height !== v.height) {
        canvas.width = v.width;
        canvas.height = v.height;
      }
      if (image) image.close();
      image = bitmap;
      // The frame shown and the geometry a press maps through change
      // together, in this task: a gesture names the frame it was made on.
      view = v;
      stats.seq = v.seq;
      stats.frame = v.frame;
      stats.view = v;
      if (preview && v.seq > preview.until) preview = null;  // drawn at the new limits: the sketch goes
      band = gesture && gesture.kind === "box" ? band : null;
      draw();
      status.textContent = `frame ${v.frame}` + (v.zoomed ? " (zoomed)" : "");
      await painted();
      stats.latencies.push(Date.now() - v.time);
      stats.frames += 1;
    }
  }

  // ---- mouse and keys ---------------------------------------------------
  const pixel = (e) => {
    const r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) * canvas.width / r.width, (e.clientY - r.top) * canvas.height / r.height];
  };
  const modifiers = (e) => (e.shiftKey ? 1 : 0) | (e.ctrlKey ? 4 : 0) | (e.altKey ? 8 : 0);

  canvas.addEventListener("contextmenu", (e) => e.preventDefault());
  canvas.addEventListener("pointerdown", (e) => {
    e.preventDefault();
    canvas.focus();
    if (gesture) { gesture = null; preview = band = null; draw(); return; }  // a second button cancels
    const [px, py] = pixel(e);
    const at = locate(px, py);
    if (!at) return;
    const button = e.button === 1 ? 2 : e.button === 2 ? 3 : 1;
    const mods = modifiers(e);
    const effective = button === 1 && (mods & 1) ? 2 : button === 1 && (mods & 8) ? 3 : button;
    const kind = effective === 1 ? (mods & 4 ? "box" : "in") : effective === 2 ? "pan" : "out";
    gesture = { button, mods, px, py, at, kind, factor: 1.5, seq: stats.seq };
    stats.pressedView = view;
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener("pointermove", (e) => {
    const [px, py] = pixel(e);
    const at = locate(px, py);
    where.textContent = at
      ? `:${at.system.id} (${coordinate(at.x, at.system.limits[0], at.system.limits[1])}, ` +
        `${coordinate(at.y, at.system.limits[2], at.system.limits[3])})`
      : "\u00a0";
    if (!gesture) return;
    if (gesture.kind === "box") band = [gesture.px, gesture.py, px, py];
    else if (gesture.kind === "pan") preview = previewOf(gesture, px, py);
    draw();
  });
  canvas.addEventListener("pointerup", async (e) => {
    if (!gesture) return;
    const g = gesture;
    gesture = null;
    const [px, py] = pixel(e);
    band = null;
    preview = previewOf(g, px, py);  // at once; the run's re-render follows
    if (preview) preview.until = Infinity;
    draw();
    status.textContent = "zooming";
    const sketch = preview;
    const r = await fetch(url("gesture", {
      seq: g.seq, button: g.button, mods: g.mods,
      x0: g.px.toFixed(2), y0: g.py.toFixed(2), x1: px.toFixed(2), y1: py.toFixed(2),
    }), { method: "POST" });
    // The answer names the last frame drawn before the zoom: later ones show it.
    const text = await r.text();
    if (sketch) sketch.until = r.ok ? parseInt(text.split(" ")[0], 10) || 0 : 0;
    if (!r.ok) status.textContent = `zoom refused (${r.status})`;
    if (sketch && sketch.until < stats.seq && preview === sketch) { preview = null; draw(); }
  });
  canvas.addEventListener("keydown", async (e) => {
    if (!["u", "l", "g"].includes(e.key) || e.ctrlKey || e.altKey || e.metaKey) return;
    e.preventDefault();
    await fetch(url("key", { k: e.key }), { method: "POST" });
  });

  follow();
})();
