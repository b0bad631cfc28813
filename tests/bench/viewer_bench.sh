#!/usr/bin/env bash
# The live window's redraw benchmark: a 1e5-point curve, 1e5 markers and a
# 1000x1000 cell array in a 600x600 window (100 dpi), after an expose, a
# zoom and during a drag, pargist's window against Yorick's
# Gist window (the peer a Gist user has), both under the same X server (an
# Xvfb started here unless DISPLAY works), in the same invocation; writes
# results/viewer.md. Builds the C++ side (target viewer_bench) in
# build-bench/ unless BUILD_DIR says otherwise.
#   tests/bench/viewer_bench.sh [REPEATS]
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
repeats=${1:-15}
build=${BUILD_DIR:-$PARGIST_ROOT/build-bench}
cmake -S "$PARGIST_ROOT" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE="$PARGIST_PYTHON" >/dev/null
cmake --build "$build" --target viewer_bench -j 2 >/dev/null
pargist_start_xvfb
trap '[ -n "${PARGIST_XVFB_PID:-}" ] && kill $PARGIST_XVFB_PID 2>/dev/null || true' EXIT

ours=$("$build/bin/viewer_bench" "$repeats")
theirs=$(yorick -batch "$PARGIST_ROOT/tests/bench/viewer_bench.i" "$repeats" | grep -E '^(curve|scatter|cells)')

row() {  # our case, label[, Gist's case]
  local o t
  o=$(echo "$ours" | grep "^$1 ")
  t=$(echo "$theirs" | grep "^${3:-$1} ")
  awk -v l="$2" -v om="$(echo "$o" | awk '{print $2}')" -v tm="$(echo "$t" | awk '{print $2}')" \
      -v omin="$(echo "$o" | awk '{print $3}')" -v tmin="$(echo "$t" | awk '{print $3}')" 'BEGIN {
    printf "| %s | %.1f | %.1f | %.1f | %.1f | %.2fx | %.2fx |\n", l, om, omin, tm, tmin, tm / om, tmin / omin }'
}
{
  echo "# Live window redraw benchmark"
  echo
  echo "A whole frame redrawn in a 600x600 window (Gist's 100 dpi size) under Xvfb, median of"
  echo "$repeats, for three frames: a 1e5-point curve (plg), 1e5 point markers (plg type=0), a"
  echo "1000x1000 cell array (pli). pargist's window renders with Cairo into a client-side image"
  echo "(in memory shared with the X server: MIT-SHM) and puts it on the screen; a long thin curve's"
  echo "antialiased line is rasterised by pargist's own coverage code (libplot/src/thin_line_mask.cpp),"
  echo "not Cairo's stroker. Times run from the"
  echo "request to the picture on the screen (XSync). A new page or view whose exact, antialiased"
  echo "picture took 2 ms or more last time (and whose drafts take under 3/4 of that) is first"
  echo "shown as a draft (no antialiasing, as Gist draws), and the exact picture follows as soon as"
  echo "no other event waits: *first look* rows"
  echo "time the first picture shown (that draft, or the exact picture when no draft was drawn),"
  echo "*exact* rows the antialiased picture, which is what stays on the screen."
  echo
  echo "- *expose*: the window uncovered (XClearArea from a second connection); pargist puts its"
  echo "  kept picture again, Gist redraws its display list."
  echo "- *zoom*: a left click (zoom in 1.5x about the pointer), then a right click (back out),"
  echo "  alternately, sent as X events; a re-render at the new limits."
  echo "- *drag*: the middle button held and the pointer moved 4 pixels a step (five drags); pargist's page"
  echo "  follows the pointer with a draft per step, and draws the exact picture once at the release"
  echo "  (*release* row)."
  echo "- *new frame*: a new page of the frame handed over, as after fma(): its first render, which"
  echo "  also prepares the page for later zooms (cell values scaled to colours once)."
  echo
  echo "Yorick's Gist window (\`tests/bench/viewer_bench.i\`) redraws its display list for each: expose"
  echo "= \`redraw\`; zoom = \`limits\` 1.5x in about the middle / back out then \`redraw\`; drag ="
  echo "\`limits\` moved by 4 pixels' worth then \`redraw\` (Gist's window does not follow a drag, so"
  echo "this is what each step would cost it); each followed by \`rgb_read\` (the pixels back, so the"
  echo "drawing is done), minus the median \`rgb_read\` alone. Same X server, same invocation"
  echo "(\`tests/bench/viewer_bench.sh\`). Speedup > 1 means pargist is faster (Yorick's time / pargist's)."
  echo "On $(nproc) cores shared with other jobs (load average $(cut -d' ' -f1 /proc/loadavg) as the table was written): the"
  echo "minima are the steadier figures."
  echo
  echo "| frame | pargist median ms | pargist min ms | Yorick Gist median ms | Yorick Gist min ms | speedup of medians | speedup of minima |"
  echo "|---|---|---|---|---|---|---|"
  for c in "curve1e5:plg, one smooth curve of 1e5 points" "scatter1e5:plg type=0, 1e5 point markers" \
           "cells1e6:pli, 1000x1000 cells"; do
    local_case=${c%%:*} label=${c#*:}
    row "${local_case}_expose" "expose: $label" "$local_case"
    row "${local_case}_zoom" "zoom, first look: $label"
    row "${local_case}_zoom_exact" "zoom, exact: $label" "${local_case}_zoom"
    row "${local_case}_drag" "drag step: $label"
    row "${local_case}_release" "drag release (exact): $label" "${local_case}_zoom"
    row "${local_case}_look" "new frame, first look: $label" "$local_case"
    row "$local_case" "new frame, exact: $label"
  done
} > "$PARGIST_ROOT/tests/bench/results/viewer.md"
cat "$PARGIST_ROOT/tests/bench/results/viewer.md"
