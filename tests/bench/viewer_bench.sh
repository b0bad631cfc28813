#!/usr/bin/env bash
# The live window's redraw benchmark: a 1e5-point curve and a 1000x1000 cell
# array in a 600x600 window (100 dpi), pargist's window against Yorick's
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

row() {  # case label
  local o t
  o=$(echo "$ours" | grep "^$1 ")
  t=$(echo "$theirs" | grep "^$1 ")
  awk -v l="$2" -v om="$(echo "$o" | awk '{print $2}')" -v tm="$(echo "$t" | awk '{print $2}')" \
      -v omin="$(echo "$o" | awk '{print $3}')" -v tmin="$(echo "$t" | awk '{print $3}')" 'BEGIN {
    printf "| %s | %.1f | %.1f | %.1f | %.1f | %.2fx |\n", l, om, omin, tm, tmin, tm / om }'
}
{
  echo "# Live window redraw benchmark"
  echo
  echo "Redraw of a whole frame in a 600x600 window (Gist's 100 dpi size) under Xvfb, median of"
  echo "$repeats: pargist re-renders the display list with Cairo off screen and copies it to the"
  echo "server (timed from the hand-over to XSync); Yorick's Gist window redraws the same frame"
  echo "(\`redraw\` then \`rgb_read\`, minus the median \`rgb_read\` alone). Same X server, same"
  echo "invocation (\`tests/bench/viewer_bench.sh\`). Speedup > 1 means pargist is faster."
  echo
  echo "| frame | pargist median ms | pargist min ms | Yorick Gist median ms | Yorick Gist min ms | speedup (Yorick/pargist) |"
  echo "|---|---|---|---|---|---|"
  row curve1e5 "plg, one smooth curve of 1e5 points"
  row scatter1e5 "plg type=0, 1e5 point markers"
  row cells1e6 "pli, 1000x1000 cells"
} > "$PARGIST_ROOT/tests/bench/results/viewer.md"
cat "$PARGIST_ROOT/tests/bench/results/viewer.md"
