"""The collective error contract, in one place.

Every collective call first checks its input locally, then all ranks agree on
success with one small allreduce; if any rank failed, the lowest failing
rank's exception (type and message) is broadcast and raised on every rank.
No rank is left waiting in a later collective, and every rank reports the
same error, naming the rank that caused it.
"""

import pickle

# Exceptions re-raised by name on the other ranks; anything else becomes a
# RuntimeError carrying the original type's name.
_REPLAYABLE = {cls.__name__: cls for cls in (
    TypeError, ValueError, IndexError, KeyError, LookupError, RuntimeError,
    OverflowError, ZeroDivisionError, MemoryError, NotImplementedError,
    OSError, FileNotFoundError, PermissionError, AttributeError, AssertionError,
)}


class agreement:
    """Context manager: run local checks, then agree on success across ``comm``.

    ``comm`` is a ``pargist._core.Comm``. Use as::

        with agreement(comm):
            check_local_input(...)

    If the block raises on any rank, every rank raises the same exception,
    its message suffixed with the failing rank; otherwise nothing happens.
    """

    def __init__(self, comm):
        self.comm = comm

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and not issubclass(exc_type, Exception):
            return False  # KeyboardInterrupt, SystemExit: not ours to replay
        if self.comm.size == 1:
            if exc is None:
                return False
            raise _decorate(exc, 0)
        payload = b""
        if exc is not None:
            payload = pickle.dumps((exc_type.__name__, _message(exc)))
        failing_rank, failing_payload = self.comm.agree(exc is None, payload)
        if failing_rank < 0:
            return False
        name, message = pickle.loads(failing_payload)
        cls = _REPLAYABLE.get(name)
        if cls is None:
            cls, message = RuntimeError, f"{name}: {message}"
        err = cls(f"{message} (rank {failing_rank})")
        if exc is not None:
            raise err from exc
        raise err


def _message(exc):
    # KeyError quotes its argument; keep the text readable.
    if isinstance(exc, KeyError) and len(exc.args) == 1:
        return str(exc.args[0])
    return str(exc)


def _decorate(exc, rank):
    try:
        err = type(exc)(f"{_message(exc)} (rank {rank})")
    except Exception:
        return exc
    err.__cause__ = exc
    return err
