#!/usr/bin/env bash
# Build the CGM reader's libFuzzer target with clang-14 into $1 (a build
# folder) and fuzz it for $2 seconds (default 60) from the seed corpus of
# real files (pargist's and Yorick's). Prints the executions done; fails on
# any crash, hang (> 10 s per input), leak or sanitizer report.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?build folder}
seconds=${2:-60}
clangxx=$(command -v clang++-14 || command -v clang++)
mkdir -p "$out"
cmake -S "$here" -B "$out/build" -DCMAKE_CXX_COMPILER="$clangxx" -DCMAKE_BUILD_TYPE=Debug >"$out/configure.log" 2>&1 \
  || { cat "$out/configure.log"; exit 1; }
cmake --build "$out/build" -j 2 >"$out/build.log" 2>&1 || { tail -50 "$out/build.log"; exit 1; }
# The corpus grows in a scratch copy; the committed seeds stay as they are.
rm -rf "$out/corpus" && mkdir -p "$out/corpus" && cp "$here"/corpus/* "$out/corpus/"
cd "$out"
ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
  ./build/fuzz_cgm_reader corpus -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=200000 -print_final_stats=1 >fuzz.log 2>&1 && status=0 || status=$?
grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs" fuzz.log || true
execs=$(grep -oE "stat::number_of_executed_units: *[0-9]+" fuzz.log | grep -oE "[0-9]+$" || echo 0)
echo "cgm reader fuzzing: $execs executions in ${seconds} s, exit status $status"
[ $status -eq 0 ] || tail -60 fuzz.log
exit $status
