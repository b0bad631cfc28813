#!/usr/bin/env bash
# histogram2d through Python against C++: builds the C++ side (target
# histogram_bench) and the Python module in build-bench/ unless BUILD_DIR
# says otherwise, then runs the driver, which writes results/histogram.md.
#   tests/bench/histogram_bench.sh [--sizes 1e4,1e6] [--bins 64,512] [--rounds 3]
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
build=${BUILD_DIR:-$PARGIST_ROOT/build-bench}
cmake -S "$PARGIST_ROOT" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE="$PARGIST_PYTHON" >/dev/null
cmake --build "$build" --target histogram_bench pargist_python_ext pargist_python_package -j 2 >/dev/null
PYTHONPATH="$build/python${PYTHONPATH:+:$PYTHONPATH}" \
  exec "$PARGIST_PYTHON" "$PARGIST_ROOT/tests/bench/histogram_bench.py" --binary "$build/bin/histogram_bench" "$@"
