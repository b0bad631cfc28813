#!/usr/bin/env bash
# The first thing to run: installs what is missing (Debian packages), builds
# pargist into build/, runs the beam sample on 4 MPI ranks under
# pargist-python, and prints where its pictures are and how to browse them.
set -euo pipefail
source "$(dirname "$0")/../tests/lib.sh"
cd "$PARGIST_ROOT"

pargist_install_packages $PARGIST_BUILD_PACKAGES
# Only what the demo runs: the interpreter, the module and the CGM browser.
PARGIST_TARGETS="pargist-python pargist_python_ext pargist-view" pargist_build build

out="$PARGIST_ROOT/out"
mkdir -p "$out"
if [ -x build/bin/pargist-python ] && [ -f samples/beam.py ]; then
  pargist_log "running the beam sample on 4 ranks (samples/beam.py)"
  mpiexec -n 4 --oversubscribe build/bin/pargist-python samples/beam.py --out "$out" "$@"
  pargist_log "pictures: $out/beam*.png   CGM family: $out/beam00.cgm ..."
  pargist_log "browse:   build/bin/pargist-view $out/beam00.cgm   (convert: --page 3 --png page3.png)"
else
  # Until the beam sample exists: a gallery of every primitive.
  pargist_log "drawing the gallery of every primitive"
  build/bin/pargist-gallery "$out"
fi
