"""Who draws: the rank that owns the Gist state (rank 0 of the default
communicator). Every other rank skips the drawing calls, so plain Gist
primitives cost them nothing."""

from . import parallel


def is_root():
    return parallel.get_comm().rank == 0
