"""Who draws: the rank that owns the Gist state (rank 0 of the default
communicator). Every other rank skips the drawing calls, so plain Gist
primitives cost them nothing."""

from . import parallel


def is_root():
    # parallel.me is the default communicator's rank, kept by
    # setdefaultcomm_world: no call into the core (every drawing call asks).
    return parallel.me == 0
