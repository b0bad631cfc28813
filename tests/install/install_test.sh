#!/usr/bin/env bash
# Installs of pargist used as a user uses them, one case per CTest entry:
#   install_test.sh destdir           cmake --install of the build tree into
#                                     DESTDIR=<out>/root (the fixture of the rest)
#   install_test.sh cmake-installed   a C++-only CMake project, find_package(pargist)
#                                     from that install
#   install_test.sh cmake-build-tree  the same project against the build tree
#                                     (-Dpargist_DIR=<build>, export())
#   install_test.sh pkg-config        the same program built by g++ with pkg-config,
#                                     and a window program with pargist-view's flags
#   install_test.sh python-prefix     the installed Python package is where the
#                                     target python3 looks for the prefix; it and
#                                     the installed pargist-python draw a PNG
#   install_test.sh pip-venv          `pip install .` (the in-tree PEP 517 backend,
#                                     no index) into a venv; its python3 and its
#                                     pargist-python draw a PNG
# The C++ consumer runs on 2 ranks and writes a PNG that is read back.
# Environment (from CTest): PARGIST_SOURCE_DIR, PARGIST_BINARY_DIR,
# PARGIST_INSTALL_PREFIX, PARGIST_INSTALL_LIBDIR, PARGIST_PYTHON, PARGIST_MPIEXEC,
# PARGIST_HAVE_VIEW (1 when the window library is built).
set -euo pipefail
case_name=$1
src=$PARGIST_SOURCE_DIR
build=$PARGIST_BINARY_DIR
out=$build/test-output/install
root=$out/root                      # DESTDIR
prefix=$root$PARGIST_INSTALL_PREFIX # the install as it lands under DESTDIR
python=$PARGIST_PYTHON
unset DISPLAY                       # no window: the programs write files only
unset PYTHONPATH                    # what is found, is found as a user finds it
mkdir -p "$out"

fail() { echo "FAIL: $*" >&2; exit 1; }

# A PNG written by one of the consumers, read back: its size, and ink on it.
check_png() {
  "$python" - "$1" <<'PY'
import sys
from PIL import Image
image = Image.open(sys.argv[1]).convert("RGB")
inked = sum(1 for p in image.getdata() if p != (255, 255, 255))
print(f"{sys.argv[1]}: {image.size[0]}x{image.size[1]}, {inked} pixels not white")
assert image.size[0] > 100 and image.size[1] > 100, image.size
assert inked > 1000, "nothing drawn"
PY
}

# Runs the consumer program $1 on 2 ranks; checks what it reports and draws.
run_consumer() {
  local program=$1 png=$2
  rm -f "$png"
  local report
  report=$("$PARGIST_MPIEXEC" -n 2 --oversubscribe "$program" "$png")
  echo "$report"
  # 1000 particles a rank on rings of radius 1 and 2: all selected, xmax = 2.
  [[ $report == "ranks 2 count 2000 xmax 2 drawn cellarray selected 2000" ]] \
    || fail "unexpected report from $program: $report"
  check_png "$png"
}

# A CMake configure + build of tests/install/consumer with extra arguments.
build_consumer() {
  local dir=$1; shift
  rm -rf "$dir"
  cmake -S "$src/tests/install/consumer" -B "$dir" -DCMAKE_BUILD_TYPE=Release "$@" >"$dir.log" 2>&1 \
    || { cat "$dir.log"; fail "configure of the consumer"; }
  grep -q 'CMAKE_C_COMPILER' "$dir/CMakeCache.txt" && fail "the consumer enabled C"
  cmake --build "$dir" >>"$dir.log" 2>&1 || { cat "$dir.log"; fail "build of the consumer"; }
}

# A Python script that draws with pargist (run by $1, args after it): says
# where the package came from and which prefix the interpreter runs in.
draw_with_python() {
  local png=$1; shift
  rm -f "$png"
  (cd "$out" && "$@" -c '
import sys, pargist
pargist.window(0, display="")
pargist.plg([0, 1, 0, 1, 0], [0, 1, 2, 3, 4], width=4)
pargist.png(sys.argv[1])
print(pargist.__file__, sys.prefix)' "$png")
}

# Fails unless the path $1 lies under the folder $2.
expect_under() {
  [[ $1 == "$2"/* ]] || fail "$1 is not under $2"
}

case $case_name in
destdir)
  rm -rf "$root"
  DESTDIR=$root cmake --install "$build" >"$out/install.log" 2>&1 \
    || { cat "$out/install.log"; fail "cmake --install"; }
  ls "$prefix/lib/cmake/pargist" "$prefix/include/pargist"
  ;;
cmake-installed)
  build_consumer "$out/consumer-installed" -DCMAKE_PREFIX_PATH="$prefix"
  grep -q "pargist_DIR:PATH=$prefix/" "$out/consumer-installed/CMakeCache.txt" \
    || fail "pargist not found in the install"
  run_consumer "$out/consumer-installed/consumer" "$out/consumer-installed.png"
  ;;
cmake-build-tree)
  build_consumer "$out/consumer-build-tree" -Dpargist_DIR="$build"
  run_consumer "$out/consumer-build-tree/consumer" "$out/consumer-build-tree.png"
  ;;
pkg-config)
  export PKG_CONFIG_PATH=$prefix/$PARGIST_INSTALL_LIBDIR/pkgconfig
  # The drawing library alone links no MPI.
  pkg-config --libs pargist | grep -q mpi && fail "pargist.pc links MPI: $(pkg-config --libs pargist)"
  flags=$(pkg-config --cflags --libs pargist-pp)
  echo "pkg-config --cflags --libs pargist-pp: $flags"
  # shellcheck disable=SC2086  # the flags are words
  g++ -std=c++17 -O1 "$src/tests/install/consumer/consumer.cpp" -o "$out/consumer-pkg-config" $flags \
    || fail "g++ with pkg-config's flags"
  run_consumer "$out/consumer-pkg-config" "$out/consumer-pkg-config.png"
  # The window library: its flags build a program that draws, without MPI.
  if [[ ${PARGIST_HAVE_VIEW:-} == 1 ]]; then
    # shellcheck disable=SC2046  # the flags are words
    g++ -std=c++17 -O1 "$src/tests/install/consumer/view_consumer.cpp" -o "$out/view-pkg-config" \
      $(pkg-config --cflags --libs pargist-view) || fail "g++ with pkg-config pargist-view's flags"
    ldd "$out/view-pkg-config" | grep -q libmpi && fail "pargist-view.pc brings MPI in"
    "$out/view-pkg-config" "$out/view-pkg-config.png"
    check_png "$out/view-pkg-config.png"
  fi
  ;;
python-prefix)
  # Where the package went, under DESTDIR, is a directory the target python3
  # searches for the build's prefix: no PYTHONPATH once installed for real.
  init=$(cd "$root" && find . -path '*/pargist/__init__.py' | head -n 2)
  [[ $(wc -l <<<"$init") == 1 ]] || fail "not one installed package: $init"
  site_dir=$(dirname "$(dirname "${init#.}")")
  echo "installed into $site_dir"
  "$python" -c 'import site, sys; sys.exit(sys.argv[1] not in site.getsitepackages())' "$site_dir" \
    || fail "$python does not search $site_dir: $("$python" -c 'import site; print(site.getsitepackages())')"
  # The copy under DESTDIR imports and draws (PYTHONPATH only for DESTDIR).
  report=$(PYTHONPATH=$root$site_dir draw_with_python "$out/python-prefix.png" "$python")
  echo "$report"; expect_under "$report" "$root$site_dir"
  check_png "$out/python-prefix.png"
  # The installed pargist-python finds the package beside itself.
  report=$(draw_with_python "$out/pargist-python-prefix.png" "$prefix/bin/pargist-python")
  echo "$report"; expect_under "$report" "$root$site_dir"
  check_png "$out/pargist-python-prefix.png"
  ;;
pip-venv)
  venv=$out/venv
  rm -rf "$venv"
  "$python" -m venv --system-site-packages "$venv"
  # The build tree's artefacts (-C build-dir): pip packs what is built.
  "$venv/bin/python" -m pip install --no-index --no-cache-dir --config-settings "build-dir=$build" "$src" \
    >"$out/pip.log" 2>&1 || { cat "$out/pip.log"; fail "pip install"; }
  report=$(draw_with_python "$out/pip-venv.png" "$venv/bin/python")
  echo "$report"; expect_under "$report" "$venv/lib"
  check_png "$out/pip-venv.png"
  # pip installed pargist-python in the venv's bin; it runs in the venv.
  report=$(draw_with_python "$out/pip-venv-pargist-python.png" "$venv/bin/pargist-python")
  echo "$report"; expect_under "$report" "$venv/lib"
  [[ ${report#* } == "$venv" ]] || fail "pargist-python's sys.prefix is not the venv: $report"
  check_png "$out/pip-venv-pargist-python.png"
  ;;
*) fail "unknown case $case_name" ;;
esac
echo "PASS: $case_name"
