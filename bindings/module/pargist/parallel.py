"""Warp's parallel helpers over the communicator pargist plots on.

``me`` and ``npes`` are this process's rank and the number of ranks of the
default communicator; ``comm_world`` is that communicator: an mpi4py
communicator when mpi4py is importable (accepted wherever a communicator is),
otherwise pargist's own handle (MPI then initialised by pargist's C++ core).
Every function taking ``comm=`` accepts either kind; None means the default.

Under ``pargist-python`` the interpreter's ``read_file``, ``local_imports``
and ``output`` are re-exported; under plain Python ``read_file`` reads the
file on every rank, ``local_imports`` does nothing and ``output`` only
accepts its defaults.
"""

import contextlib
import pickle
import sys

import numpy

try:
    from mpi4py import MPI as _MPI  # initialises MPI first, as mpi4py users expect
except ImportError:  # pragma: no cover - Debian ships mpi4py
    _MPI = None

from . import _core

__all__ = ["me", "npes", "comm_world", "lparallel", "barrier", "broadcast", "gather",
           "gatherall", "gatherarray", "globalmin", "globalmax", "globalsum",
           "globalave", "parallelmin", "parallelmax", "parallelsum", "pprint",
           "setdefaultcomm_world", "get_comm", "read_file", "local_imports", "output"]


def get_comm(comm=None):
    """The core handle (pargist._core.Comm) for ``comm``: None, mpi4py or core."""
    if comm is None:
        return _default_core
    if isinstance(comm, _core.Comm):
        return comm
    if _MPI is not None and isinstance(comm, _MPI.Comm):
        if comm == _MPI.COMM_NULL:
            raise ValueError("communicator: MPI.COMM_NULL is not a communicator to plot on")
        return _core.Comm.from_fortran(comm.py2f())
    raise TypeError(f"communicator: expected an mpi4py communicator or pargist's, "
                    f"got {type(comm).__name__}")


def setdefaultcomm_world(comm):
    """Make ``comm`` (e.g. a sub-communicator) the default for pargist's collectives."""
    global comm_world, _default_core, me, npes, lparallel
    core = get_comm(comm) if comm is not None else _core.Comm.world()
    comm_world = comm if comm is not None else _world_user
    _default_core = core
    me, npes = core.rank, core.size
    lparallel = npes > 1


_world_core = _core.Comm.world()
_world_user = _MPI.COMM_WORLD if _MPI is not None else _world_core
comm_world = _world_user
_default_core = _world_core
me = _world_core.rank
npes = _world_core.size
lparallel = npes > 1


def barrier(comm=None):
    """Wait until every rank of ``comm`` gets here."""
    get_comm(comm).barrier()


def broadcast(obj, root=0, comm=None):
    """``obj`` from rank ``root``, on every rank (any picklable object)."""
    c = get_comm(comm)
    if c.size == 1:
        return obj
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL) if c.rank == root else b""
    return pickle.loads(c.bcast_bytes(data, root))


def gather(obj, dest=0, comm=None):
    """The list of every rank's ``obj`` on rank ``dest``, None elsewhere."""
    c = get_comm(comm)
    if c.size == 1:
        return [obj]
    parts = c.gather_bytes(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL), dest)
    return None if parts is None else [pickle.loads(p) for p in parts]


def gatherall(obj, comm=None):
    """The list of every rank's ``obj``, on every rank."""
    c = get_comm(comm)
    if c.size == 1:
        return [obj]
    return [pickle.loads(p) for p in c.allgather_bytes(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))]


def gatherarray(a, root=0, othersempty=0, bcast=0, comm=None):
    """Every rank's array concatenated (along the first axis) on ``root``.

    Other ranks get their own ``a`` back (an empty array with
    ``othersempty=1``), or the whole result with ``bcast=1``.
    """
    a = numpy.asarray(a)
    c = get_comm(comm)
    if bcast:
        parts = gatherall(a, comm=comm)
    else:
        parts = gather(a, dest=root, comm=comm)
    if parts is None:
        return a[:0] if othersempty else a
    parts = [numpy.atleast_1d(p) for p in parts]
    return numpy.concatenate(parts) if c.size > 1 else numpy.atleast_1d(a).copy()


def _reduce_array(values, op, comm):
    c = get_comm(comm)
    arr = numpy.asarray(values)
    if arr.dtype.kind in "biu":
        buf = numpy.array(arr, dtype=numpy.int64, order="C")
    elif arr.dtype.kind == "f":
        buf = numpy.array(arr, dtype=numpy.float64, order="C")
    else:
        raise TypeError(f"parallel{op}: expected numbers, got dtype {arr.dtype}")
    if c.size == 1:
        return buf
    return c.allreduce(buf, op).reshape(buf.shape)


def _scalar(x):
    return x.item() if isinstance(x, numpy.ndarray) and x.ndim == 0 else x


def parallelmin(a, comm=None):
    """Element-wise minimum of ``a`` over the ranks (same shape on each), on every rank."""
    return _scalar(_reduce_array(a, "min", comm))


def parallelmax(a, comm=None):
    """Element-wise maximum of ``a`` over the ranks, on every rank."""
    return _scalar(_reduce_array(a, "max", comm))


def parallelsum(a, comm=None):
    """Element-wise sum of ``a`` over the ranks, on every rank."""
    return _scalar(_reduce_array(a, "sum", comm))


def _local(a, func, empty):
    arr = numpy.asarray(a)
    if arr.size == 0:
        return numpy.asarray(empty, dtype=arr.dtype if arr.dtype.kind == "f" else numpy.float64)
    return func(arr)


def globalmin(a, comm=None):
    """Minimum of all elements of ``a`` on all ranks (empty ranks allowed)."""
    return parallelmin(_local(a, numpy.min, numpy.inf), comm=comm)


def globalmax(a, comm=None):
    """Maximum of all elements of ``a`` on all ranks."""
    return parallelmax(_local(a, numpy.max, -numpy.inf), comm=comm)


def globalsum(a, comm=None):
    """Sum of all elements of ``a`` on all ranks."""
    return parallelsum(numpy.sum(numpy.asarray(a)), comm=comm)


def globalave(a, comm=None):
    """Mean of all elements of ``a`` over all ranks (weighted by each rank's count)."""
    arr = numpy.asarray(a, dtype=numpy.float64)
    total, count = parallelsum(numpy.array([arr.sum(), arr.size], dtype=numpy.float64), comm=comm)
    if count == 0:
        raise ValueError("globalave: no elements on any rank")
    return total / count


def pprint(*args, sep=" ", end="\n", file=None, comm=None):
    """print() on every rank, written by rank 0 in rank order, each line prefixed [rank]."""
    c = get_comm(comm)
    text = sep.join(str(a) for a in args) + end
    if c.size == 1:
        print(text, end="", file=file or sys.stdout)
        return
    parts = gather(text, dest=0, comm=comm)
    if parts is not None:
        out = file or sys.stdout
        for rank, part in enumerate(parts):
            for line in part.splitlines(keepends=True):
                out.write(f"[{rank}] {line}")
        out.flush()


# --- the embedded interpreter's helpers, or plain fallbacks ------------------
try:
    import _pargist_embed as _embed  # only under pargist-python
except ImportError:
    _embed = None

if _embed is not None and hasattr(_embed, "read_file"):
    read_file = _embed.read_file
    local_imports = _embed.local_imports
    output = _embed.output
else:
    def read_file(path, mode="r"):
        """The contents of ``path`` (text, or bytes with mode='rb').

        Under pargist-python rank 0 reads and broadcasts; here every rank reads.
        """
        if mode not in ("r", "rb"):
            raise ValueError(f"read_file: mode must be 'r' or 'rb', got {mode!r}")
        with open(path, mode) as f:
            return f.read()

    @contextlib.contextmanager
    def local_imports():
        """Per-rank imports (a no-op outside pargist-python, where imports are local anyway)."""
        yield

    def output(which="0"):
        """Which ranks print: only meaningful under pargist-python."""
        if str(which) not in ("0", "all"):
            raise ValueError(f"output: expected '0' or 'all', got {which!r}")
