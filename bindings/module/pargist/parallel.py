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
import os
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
           "globalave", "globalvar", "globalop", "parallelmin", "parallelmax", "parallelsum",
           "parallelop", "parallelnonzeroarray", "pprint", "aprint", "setdefaultcomm_world",
           "mpisend", "mpirecv", "getarray", "gatherlist", "gatherlog", "number_of_PE", "get_rank",
           "self_address", "EnableAll", "DisableAll", "mpibcast", "mpiallgather", "mpiallreduce",
           "mpiscatter", "get_comm", "read_file", "local_imports", "output"]


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


# --- the rest of Warp's parallel.py -------------------------------------------

def number_of_PE(comm=None):
    """The number of ranks of ``comm``."""
    return get_comm(comm).size


def get_rank(comm=None):
    """This rank's number in ``comm``."""
    return get_comm(comm).rank


self_address = get_rank


def _dumps(obj):
    return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


def mpisend(data=None, dest=0, tag=0, comm=None, pe=None, obj=None):
    """Send ``data`` (any picklable object) to rank ``dest`` (Warp's older
    spelling: mpisend(obj, pe, tag)). Only the two ranks take part."""
    if obj is not None:
        data = obj
    if pe is not None:
        dest = pe
    _core.send_bytes(get_comm(comm), _dumps(data), int(dest), int(tag))


def mpirecv(source=0, tag=0, comm=None, pe=None):
    """The object rank ``source`` sent with ``tag`` (mpirecv(pe, tag) too)."""
    if pe is not None:
        source = pe
    return pickle.loads(_core.recv_bytes(get_comm(comm), int(source), int(tag)))


def getarray(src, v, dest=0, comm=None):
    """Rank src's ``v`` on rank dest (others get their own ``v`` back)."""
    c = get_comm(comm)
    if c.size == 1 or src == dest:
        return v
    if c.rank == src:
        mpisend(v, dest, comm=comm)
    elif c.rank == dest:
        return mpirecv(src, comm=comm)
    return v


def gatherlist(obj, dest=0, procs=None, bcast=0, comm=None):
    """The list of ``obj`` from the ranks in procs (default all), in that
    order, on rank dest; [] elsewhere, or the list everywhere with bcast=1
    (then every rank calls). Only procs and dest take part otherwise."""
    c = get_comm(comm)
    if c.size == 1:
        return [obj]
    procs = list(range(c.size)) if procs is None else [int(p) for p in procs]
    result = []
    if c.rank == dest:
        result = [obj if p == dest else mpirecv(p, comm=comm) for p in procs]
    elif c.rank in procs:
        mpisend(obj, dest, comm=comm)
    if bcast:
        result = broadcast(result, root=dest, comm=comm)
    return result


def gatherlog(obj, dest=0, procs=None, bcast=0, comm=None):
    """gatherlist in log2(n) rounds of sends between pairs of ranks: the list
    in procs' order reaches procs[0] (then dest); the other ranks keep the
    part they collected, or everything with bcast=1."""
    c = get_comm(comm)
    if c.size == 1:
        return [obj]
    procs = list(range(c.size)) if procs is None else [int(p) for p in procs]
    rounds = int(numpy.ceil(numpy.log2(len(procs)))) if len(procs) > 1 else 0
    out = [obj]
    for i in range(rounds):
        senders = procs[2 ** i::2 ** (i + 1)]
        receivers = procs[::2 ** (i + 1)][:len(senders)]
        if c.rank in senders:
            mpisend(out, receivers[senders.index(c.rank)], comm=comm)
        if c.rank in receivers:
            out += mpirecv(senders[receivers.index(c.rank)], comm=comm)
    if bcast:
        return broadcast(out, root=procs[0], comm=comm)
    if dest != procs[0]:
        if c.rank == procs[0]:
            mpisend(out, dest, comm=comm)
        if c.rank == dest:
            out = mpirecv(procs[0], comm=comm)
    return out


_OPS = {"MAX": "max", "MIN": "min", "SUM": "sum", "max": "max", "min": "min", "sum": "sum"}


def _op_name(mpiop):
    if _MPI is not None and isinstance(mpiop, _MPI.Op):
        for name in ("MAX", "MIN", "SUM"):
            if mpiop == getattr(_MPI, name):
                return _OPS[name]
    if isinstance(mpiop, str) and mpiop in _OPS:
        return _OPS[mpiop]
    raise ValueError(f"expected the operation 'MAX', 'MIN' or 'SUM' (or mpi4py's), got {mpiop!r}")


def globalop(a, localop, mpiop, defaultval, comm=None):
    """Warp's generic reduction: localop(a) on each rank (defaultval for an
    empty array or when localop fails), combined with mpiop over the ranks."""
    op = _op_name(mpiop)
    if numpy.ndim(a) == 0:
        local = a
    elif len(a) > 0:
        try:
            local = localop(a)
        except Exception:
            local = defaultval
    else:
        local = defaultval
    return _scalar(_reduce_array(local, op, comm))


def globalvar(x, comm=None):
    """The sample variance (n - 1) of every rank's elements together."""
    x = numpy.atleast_1d(numpy.asarray(x, dtype=numpy.float64))
    n = globalsum(x.size, comm=comm)
    if n < 1:
        return 0.0
    mean = globalsum(x, comm=comm) / n
    return globalsum(((x - mean) ** 2).sum(), comm=comm) / (n - 1.0 if n > 1 else 1.0)


def parallelop(a, mpiop, comm=None):
    """Element-wise reduction of ``a`` over the ranks with mpiop ('MAX'...)."""
    return _scalar(_reduce_array(a, _op_name(mpiop), comm))


def parallelnonzeroarray(a, comm=None):
    """Per element, the nonzero value some rank holds (0 where none does)."""
    dmax = numpy.asarray(parallelmax(a, comm=comm))
    dmin = numpy.asarray(parallelmin(a, comm=comm))
    return _scalar(numpy.where(dmax != 0, dmax, dmin))


def aprint(obj, comm=None):
    """pprint of an array or list (Warp's)."""
    pprint(obj, comm=comm)


def mpibcast(data=None, root=0, comm=None):
    """broadcast (Warp's mpi4py spelling)."""
    return broadcast(data, root=root, comm=comm)


def mpiallgather(data=None, comm=None):
    """gatherall (Warp's mpi4py spelling)."""
    return gatherall(data, comm=comm)


def mpiallreduce(data=None, op="SUM", comm=None):
    """Element-wise reduction on every rank (op 'SUM', 'MAX', 'MIN' or mpi4py's)."""
    return parallelop(data, op, comm=comm)


def mpiscatter(data=None, root=0, comm=None):
    """Rank root's sequence of npes items: item k to rank k (each rank
    receives its own item only)."""
    from ._collective import agreement
    c = get_comm(comm)
    items = None
    with agreement(c):
        if c.rank == root:
            items = list(data)
            if len(items) != c.size:
                raise ValueError(f"mpiscatter: {len(items)} items for {c.size} ranks")
    if c.size == 1:
        return items[0]
    if c.rank == root:
        for k, item in enumerate(items):
            if k != root:
                mpisend(item, k, tag=1, comm=comm)
        return items[root]
    return mpirecv(root, tag=1, comm=comm)


_saved_stdout = []


def DisableAll():
    """Only rank 0 prints (Warp's default under MPI)."""
    if _embed is not None and hasattr(_embed, "output"):
        _embed.output("0")
    elif me != 0 and not _saved_stdout:
        _saved_stdout.append(sys.stdout)
        sys.stdout = open(os.devnull, "w")


def EnableAll():
    """Every rank prints again."""
    if _embed is not None and hasattr(_embed, "output"):
        _embed.output("all")
    elif _saved_stdout:
        sys.stdout.close()
        sys.stdout = _saved_stdout.pop()


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
