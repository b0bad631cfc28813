#!/usr/bin/env bash
# The libplot rendering benchmark: builds the C++ side (target plot_bench)
# in build-bench/ unless BUILD_DIR says otherwise, then runs the driver, which
# times matplotlib (Agg) on the same plots in the same invocation and writes
# results/plot.md.
#   tests/bench/plot_bench.sh [--reps 3] [--out DIR]
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
build=${BUILD_DIR:-$PARGIST_ROOT/build-bench}
cmake -S "$PARGIST_ROOT" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE="$PARGIST_PYTHON" >/dev/null
cmake --build "$build" --target plot_bench -j 2 >/dev/null
exec "$PARGIST_PYTHON" "$PARGIST_ROOT/tests/bench/plot_bench.py" --binary "$build/bin/plot_bench" "$@"
