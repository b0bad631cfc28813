"""The collective error contract for Python code: reduce's rule, through
``Comm.agree`` of the compiled core (pargist/reduce/agreement.hpp).

Every collective call first checks its input locally, then all ranks agree on
success with one small allreduce; if any rank failed, the lowest failing
rank's exception (type and message) is broadcast and raised on every rank,
its message followed by " (rank N)". No rank is left waiting in a later
collective, and every rank reports the same error.
"""


class agreement:
    """Context manager: run local checks, then agree on success across ``comm``.

    ``comm`` is a ``pargist._core.Comm``. Use as::

        with agreement(comm):
            check_local_input(...)

    If the block raises on any rank, every rank raises the same exception
    (see ``Comm.agree``); otherwise nothing happens.
    """

    def __init__(self, comm):
        self.comm = comm

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and not issubclass(exc_type, Exception):
            return False  # KeyboardInterrupt, SystemExit: not ours to replay
        self.comm.agree(exc)
        return False
