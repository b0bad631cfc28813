#!/bin/bash
# The drawing model needs no MPI: libpargist_plot.a calls no MPI function,
# and the programs built on it alone (pargist-view, pargist-gallery, the
# plot tests) load no MPI library; pargist::pp is the layer that adds MPI.
# Controls show that both checks see MPI where it is: the pp library calls
# reduce's collectives and a reduce program loads libmpi.
# Usage: no_mpi.sh LIBPLOT.a LIBPP.a MPI_PROGRAM PROGRAM...
set -u
lib=$1 pp=$2 control=$3; shift 3
status=0
fail() { echo "FAIL: $*"; status=1; }

calls=$(nm -u "$lib" | grep ' U MPI_' | sort -u)
[ -z "$calls" ] || fail "$lib calls MPI: $calls"
nm -C -u "$pp" | grep -q 'pargist::reduce::Comm' || fail "control: $pp calls no reduce collective"
ldd "$control" | grep -q 'libmpi' || fail "control: ldd shows no libmpi in $control"
for exe in "$@"; do
  if ldd "$exe" | grep 'libmpi'; then fail "$exe loads MPI"; else echo "ok: $exe loads no MPI library"; fi
done
exit $status
