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

row() {  # our case, label[, Gist's case]
  local o t
  o=$(echo "$ours" | grep "^$1 ")
  t=$(echo "$theirs" | grep "^${3:-$1} ")
  awk -v l="$2" -v om="$(echo "$o" | awk '{print $2}')" -v tm="$(echo "$t" | awk '{print $2}')" \
      -v omin="$(echo "$o" | awk '{print $3}')" -v tmin="$(echo "$t" | awk '{print $3}')" 'BEGIN {
    printf "| %s | %.1f | %.1f | %.1f | %.1f | %.2fx |\n", l, om, omin, tm, tmin, tm / om }'
}
{
  echo "# Live window redraw benchmark"
  echo
  echo "Redraw of a whole frame in a 600x600 window (Gist's 100 dpi size) under Xvfb, median of"
  echo "$repeats. *re-render* (a zoom, a step of a drag, a new frame): pargist re-renders the display"
  echo "list with Cairo into its back buffer and copies it to the window (timed from the hand-over"
  echo "to XSync). *expose* (the window uncovered, XClearArea from a second connection): pargist"
  echo "copies its back buffer, timed from the request to the copy done. Yorick's Gist window"
  echo "redraws its display list for both (\`redraw\` then \`rgb_read\`, minus the median"
  echo "\`rgb_read\` alone). Same X server, same invocation (\`tests/bench/viewer_bench.sh\`)."
  echo "Speedup > 1 means pargist is faster. Run on $(nproc) shared cores: times are noisy."
  echo
  echo "| frame | pargist median ms | pargist min ms | Yorick Gist median ms | Yorick Gist min ms | speedup (Yorick/pargist) |"
  echo "|---|---|---|---|---|---|"
  row curve1e5 "re-render: plg, one smooth curve of 1e5 points"
  row scatter1e5 "re-render: plg type=0, 1e5 point markers"
  row cells1e6 "re-render: pli, 1000x1000 cells"
  row curve1e5_expose "expose: plg, one smooth curve of 1e5 points" curve1e5
  row scatter1e5_expose "expose: plg type=0, 1e5 point markers" scatter1e5
  row cells1e6_expose "expose: pli, 1000x1000 cells" cells1e6
} > "$PARGIST_ROOT/tests/bench/results/viewer.md"
cat "$PARGIST_ROOT/tests/bench/results/viewer.md"
