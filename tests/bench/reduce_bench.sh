#!/usr/bin/env bash
# The reduce deposition benchmark: builds the C++ side (target reduce_bench)
# in build-bench/ unless BUILD_DIR says otherwise, then runs the driver, which
# times numpy's ways in the same invocation and writes results/reduce.md.
#   tests/bench/reduce_bench.sh [--sizes 1e6,1e7,1e8] [--reps 3]
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
build=${BUILD_DIR:-$PARGIST_ROOT/build-bench}
cmake -S "$PARGIST_ROOT" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE="$PARGIST_PYTHON" >/dev/null
cmake --build "$build" --target reduce_bench -j 2 >/dev/null
exec "$PARGIST_PYTHON" "$PARGIST_ROOT/tests/bench/reduce_bench.py" --binary "$build/bin/reduce_bench" "$@"
