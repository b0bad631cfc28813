#!/usr/bin/env bash
# The CGM writing benchmark: FRAMES frames (default 1000) of each kind
# (scatter: a 1e4-point scatter plus a 256x256 cell array; density: a
# 200x200 cell array of a particle density; curve: a smooth 1e4-point
# curve; contour: 10 levels of a smooth field on a 200x200 mesh), written by pargist to CGM (with and without the world-coordinate
# record) and to PNG, and by Yorick (Gist's hcp, the peer a Gist user has) to
# CGM, in the same invocation; writes results/cgm.md. Builds the C++ side
# (target cgm_bench) in build-bench/ unless BUILD_DIR says otherwise.
#   tests/bench/cgm_bench.sh [FRAMES] [OUTDIR]
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
frames=${1:-1000}
out=${2:-/tmp/pargist-cgm-bench}
build=${BUILD_DIR:-$PARGIST_ROOT/build-bench}
cmake -S "$PARGIST_ROOT" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE="$PARGIST_PYTHON" >/dev/null
cmake --build "$build" --target cgm_bench -j 2 >/dev/null

# The floors of a lossless record of a frame's data (tests/bench/cgm_floor.py):
# xz's best on the coordinates, and the entropy of the process that made them.
floor_bytes() {
  "$PARGIST_PYTHON" "$PARGIST_ROOT/tests/bench/cgm_floor.py" "$1" "$2"
}

rows=""
for kind in scatter density curve contour; do
  dir="$out/$kind"
  mkdir -p "$dir/yorick"
  rm -f "$dir"/yorick/*
  ours=$("$build/bin/cgm_bench" "$dir" "$frames" "$kind")
  yorick_line=$(cd "$dir/yorick" && yorick -batch "$PARGIST_ROOT/tests/bench/cgm_bench.i" "$dir/yorick/bench.cgm" "$frames" "$kind" | grep yorick_cgm)
  y_cpu=$(echo "$yorick_line" | awk '{print $2}')
  y_bytes=$(du -cb "$dir"/yorick/*.cgm | tail -1 | awk '{print $1}')
  floor=$(floor_bytes "$kind" "$dir/coords.bin" | tr ' ' ,)
  for way in cgm cgm_plain png; do
    line=$(echo "$ours" | grep "^$way ")
    rows+="$kind $way $(echo "$line" | awk '{print $2, $3}') $y_cpu $y_bytes $floor"$'\n'
  done
done

{
  echo "# CGM writing benchmark"
  echo
  echo "$frames frames of each kind, written by pargist and, in the same invocation, by Yorick's Gist"
  echo "(\`hcp\` to CGM, the only file Gist writes without a display). Kinds: *scatter*, a 1e4-point"
  echo "scatter (markers, Gaussian) plus a 256x256 cell array; *density*, a 200x200 cell array of the"
  echo "density of 2e5 particles (as \`ppzx(cellarray=1)\` draws it); *curve*, a smooth 1e4-point curve."
  echo "*contour*, 10 levels of a smooth field on a 200x200 mesh (\`plc\`; the record holds the field,"
  echo "40 000 doubles, and the mesh, a meshgrid: one row and one column of it, 400 doubles; Gist's file"
  echo "holds the level curves only; the xz floor is taken on the whole mesh and field, 3 x 40 000 doubles)."
  echo "CPU seconds of each process (both single-threaded), frame data made before the timed loop on"
  echo "both sides (\`tests/bench/cgm_bench.sh\`). The record is lossless: every double as given."
  echo "Floors of the size ratio, the CGM's Gist part plus the least a lossless record of the frame's"
  echo "data can take (\`tests/bench/cgm_floor.py\`): *xz*, the coordinates compressed as hard as xz can"
  echo "(LZMA preset 9e, as stored or by byte planes); *entropy*, the Shannon entropy of the process"
  echo "that made the data (scatter: 53 random bits a coordinate, each a normal deviate made one-to-one"
  echo "from 53-bit uniforms; curve and contour are formulas, no random source; density: none, the"
  echo "colours are in the CGM body's CELL ARRAY already, which the record names): no lossless coder"
  echo "averages below it."
  echo
  echo "| frames | pargist output | pargist frames/s | pargist bytes/frame | Yorick CGM frames/s | Yorick bytes/frame | speed ratio (pargist/Yorick) | size ratio (pargist/Yorick) | floor of the size ratio, xz | floor of the size ratio, entropy |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  plain_bytes=""
  while read -r kind way cpu bytes ycpu ybytes floor; do
    [ -z "$kind" ] && continue
    case $way in
      cgm) label="CGM with world-coordinate record (default)" ;;
      cgm_plain) label="CGM, Gist part only (world_record = false)" ;;
      png) label="PNG, 600x600 window view (one file per frame)" ;;
    esac
    if [ "$way" = cgm ]; then
      plain_bytes=$(echo "$rows" | awk -v k="$kind" '$1 == k && $2 == "cgm_plain" {print $4}')
    fi
    awk -v k="$kind" -v w="$way" -v l="$label" -v c="$cpu" -v b="$bytes" -v n="$frames" -v yc="$ycpu" -v yb="$ybytes" \
        -v fl="$floor" -v pb="$plain_bytes" 'BEGIN {
      split(fl, parts, ",");
      f = (w == "cgm" && parts[1] > 0) ? sprintf("%.2fx", (pb / n + parts[1]) / (yb / n)) : "";
      e = (w == "cgm" && parts[2] > 0) ? sprintf("%.2fx", (pb / n + parts[2]) / (yb / n)) : "";
      printf "| %s | %s | %.0f | %.0f | %.0f | %.0f | %.2fx | %.2fx | %s | %s |\n", k, l, n / c, b / n, n / yc, yb / n,
             (n / c) / (n / yc), (b / n) / (yb / n), f, e }'
  done <<< "$rows"
  echo
  echo "Machine: $(uname -m), $(nproc) CPUs, yorick $(dpkg-query -W -f='${Version}' yorick 2>/dev/null). Files of the last run: \`$out\`."
} > "$PARGIST_ROOT/tests/bench/results/cgm.md"
cat "$PARGIST_ROOT/tests/bench/results/cgm.md"
