#!/usr/bin/env bash
# Build pargist and run every test: Catch2 (C++), pytest (Python API),
# MPI runs at 1, 2 and 4 ranks, the X11 window under Xvfb; then the C++
# tests once more under AddressSanitizer + UndefinedBehaviorSanitizer.
# Installs missing Debian packages first (apt-get; sudo when not root).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PARGIST_ROOT"

pargist_install_packages $PARGIST_BUILD_PACKAGES $PARGIST_TEST_PACKAGES

pargist_build build
pargist_start_xvfb
trap '[ -n "${PARGIST_XVFB_PID:-}" ] && kill $PARGIST_XVFB_PID 2>/dev/null || true' EXIT

status=0
pargist_log "tests (build/)"
ctest --test-dir build --output-on-failure --timeout 300 -j 2 || status=1

# The sanitizer build covers the C++ layers; the Python interpreter itself is
# not built with ASan, so the bindings stay out of it.
pargist_log "C++ tests under ASan + UBSan (build-asan/)"
PARGIST_BUILD_TYPE=Debug pargist_build build-asan -DPARGIST_SANITIZE=ON -DPARGIST_PYTHON=OFF
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure --timeout 600 -j 2 -L cxx || status=1

if [ $status -eq 0 ]; then pargist_log "all tests passed"; else pargist_log "FAILURES above"; fi
exit $status
