# Shared by tests/run.sh and samples/demo.sh: install what is missing, build.
# Sourced, not run. Everything here works on a fresh Debian 12 machine.

PARGIST_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian's interpreter has numpy, mpi4py and pytest; the one first on PATH
# (pyenv, conda...) may not. The project targets it on purpose.
PARGIST_PYTHON=${PARGIST_PYTHON:-/usr/bin/python3}

# Packages to build and run the library, and the extra ones its tests use.
PARGIST_BUILD_PACKAGES="cmake g++ make pkg-config libcairo2-dev libpng-dev zlib1g-dev
  libx11-dev libxext-dev libopenmpi-dev openmpi-bin pybind11-dev python3-dev python3-numpy
  python3-mpi4py catch2 libcivetweb-dev"
PARGIST_TEST_PACKAGES="python3-pytest python3-matplotlib python3-pil xvfb xdotool
  x11-apps x11-utils imagemagick yorick ghostscript strace tmux
  libclang-rt-14-dev clang-14 libxtst-dev chromium chromium-driver python3-selenium
  python3-venv python3-pip"

# OpenMPI refuses to run as root unless told; containers and CI run as root.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# No network fabric here: keep OpenMPI on shared memory and loopback, quietly.
export OMPI_MCA_btl_vader_single_copy_mechanism=${OMPI_MCA_btl_vader_single_copy_mechanism:-none}
export OMPI_MCA_rmaps_base_oversubscribe=${OMPI_MCA_rmaps_base_oversubscribe:-1}

pargist_log() { printf '\033[1m[pargist]\033[0m %s\n' "$*" >&2; }

# Install the Debian packages named in "$@" that are not installed yet.
pargist_install_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' \
      || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { pargist_log "need root or sudo to install: ${missing[*]}"; return 1; }
    sudo=sudo
  fi
  pargist_log "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Configure and build into build dir $1 (default build/), extra CMake args after.
pargist_build() {
  local dir=${1:-build}; shift || true
  pargist_log "building into $dir/"
  cmake -S "$PARGIST_ROOT" -B "$PARGIST_ROOT/$dir" -DCMAKE_BUILD_TYPE=${PARGIST_BUILD_TYPE:-Release} \
        -DPython3_EXECUTABLE="$PARGIST_PYTHON" "$@" >"$PARGIST_ROOT/$dir.configure.log" 2>&1 \
    || { cat "$PARGIST_ROOT/$dir.configure.log"; return 1; }
  # PARGIST_TARGETS (space-separated) builds only those targets.
  local targets=()
  for t in ${PARGIST_TARGETS:-}; do targets+=(--target "$t"); done
  cmake --build "$PARGIST_ROOT/$dir" -j "$(nproc)" "${targets[@]}"
}

# Start a virtual X server for the window tests unless one is reachable.
pargist_start_xvfb() {
  if [ -n "${DISPLAY:-}" ] && xdpyinfo >/dev/null 2>&1; then return 0; fi
  local n
  for n in 99 98 97 96; do
    if [ ! -e /tmp/.X$n-lock ]; then
      Xvfb :$n -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
      PARGIST_XVFB_PID=$!
      export DISPLAY=:$n
      for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && return 0; sleep 0.1; done
    fi
  done
  pargist_log "could not start Xvfb"; return 1
}
