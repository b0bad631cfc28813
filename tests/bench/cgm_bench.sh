#!/usr/bin/env bash
# The CGM writing benchmark: FRAMES frames (default 1000) of a 1e4-point
# scatter plus a 256x256 cell array, written by pargist to CGM (with and
# without the world-coordinate record) and to PNG, and by Yorick (Gist's
# hcp, the peer a Gist user has) to CGM, in the same invocation; writes
# results/cgm.md. Builds the C++ side (target cgm_bench) in build-bench/
# unless BUILD_DIR says otherwise.
#   tests/bench/cgm_bench.sh [FRAMES] [OUTDIR]
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
frames=${1:-1000}
out=${2:-/tmp/pargist-cgm-bench}
build=${BUILD_DIR:-$PARGIST_ROOT/build-bench}
cmake -S "$PARGIST_ROOT" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE="$PARGIST_PYTHON" >/dev/null
cmake --build "$build" --target cgm_bench -j 2 >/dev/null
mkdir -p "$out/yorick"
rm -f "$out"/yorick/*

ours=$("$build/bin/cgm_bench" "$out" "$frames")
yorick_line=$(cd "$out/yorick" && yorick -batch "$PARGIST_ROOT/tests/bench/cgm_bench.i" "$out/yorick/bench.cgm" "$frames" | grep yorick_cgm)
y_cpu=$(echo "$yorick_line" | awk '{print $2}')
y_bytes=$(du -cb "$out"/yorick/*.cgm | tail -1 | awk '{print $1}')

row() {  # name label
  local line cpu bytes
  line=$(echo "$ours" | grep "^$1 ")
  cpu=$(echo "$line" | awk '{print $2}')
  bytes=$(echo "$line" | awk '{print $3}')
  awk -v l="$2" -v c="$cpu" -v b="$bytes" -v n="$frames" -v yc="$y_cpu" -v yb="$y_bytes" 'BEGIN {
    printf "| %s | %.0f | %.0f | %.0f | %.0f | %.2fx | %.2fx |\n", l, n / c, b / n, n / yc, yb / n, (n / c) / (n / yc), (b / n) / (yb / n) }'
}
{
  echo "# CGM writing benchmark"
  echo
  echo "$frames frames, each a 1e4-point scatter (markers) plus a 256x256 cell array, written by"
  echo "pargist and, in the same invocation, by Yorick's Gist (\`hcp\` to CGM, the only file Gist"
  echo "writes without a display). CPU seconds of each process (both single-threaded), frame data"
  echo "made before the timed loop on both sides (\`tests/bench/cgm_bench.sh\`)."
  echo
  echo "| pargist output | pargist frames/s | pargist bytes/frame | Yorick CGM frames/s | Yorick bytes/frame | speed ratio (pargist/Yorick) | size ratio (pargist/Yorick) |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  row cgm "CGM with world-coordinate record (default)"
  row cgm_plain "CGM, Gist part only (world_record = false)"
  row png "PNG, 600x600 window view (one file per frame)"
  echo
  echo "Machine: $(uname -m), $(nproc) CPUs, yorick $(dpkg-query -W -f='${Version}' yorick 2>/dev/null). Files of the last run: \`$out\`."
} > "$PARGIST_ROOT/tests/bench/results/cgm.md"
cat "$PARGIST_ROOT/tests/bench/results/cgm.md"
