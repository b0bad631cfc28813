"""pargist.parallel: Warp's helpers, against what mpi4py (or arithmetic) says."""

import io
import os

import numpy
import pytest

from pargist import _core, parallel


def test_rank_and_size_match_mpi4py():
    from mpi4py import MPI
    assert parallel.me == MPI.COMM_WORLD.Get_rank()
    assert parallel.npes == MPI.COMM_WORLD.Get_size()
    assert isinstance(parallel.comm_world, MPI.Comm)
    assert parallel.lparallel == (parallel.npes > 1)


def test_communicators_of_both_kinds_are_accepted():
    from mpi4py import MPI
    core = parallel.get_comm(MPI.COMM_WORLD)
    assert (core.rank, core.size) == (parallel.me, parallel.npes)
    same = parallel.get_comm(_core.Comm.world())
    assert same.size == parallel.npes
    with pytest.raises(TypeError):
        parallel.get_comm("world")


def test_broadcast_gather_gatherall():
    obj = {"rank": parallel.me, "data": [1, 2, 3]} if parallel.me == 0 else None
    assert parallel.broadcast(obj) == {"rank": 0, "data": [1, 2, 3]}
    everyone = parallel.gather(("r", parallel.me))
    if parallel.me == 0:
        assert everyone == [("r", r) for r in range(parallel.npes)]
    else:
        assert everyone is None
    assert parallel.gatherall(parallel.me * 10) == [r * 10 for r in range(parallel.npes)]
    parallel.barrier()


def test_gatherarray_concatenates_in_rank_order():
    mine = numpy.arange(parallel.me + 1, dtype=float) + 100 * parallel.me
    expected = numpy.concatenate([numpy.arange(r + 1, dtype=float) + 100 * r for r in range(parallel.npes)])
    got = parallel.gatherarray(mine)
    if parallel.me == 0:
        numpy.testing.assert_array_equal(got, expected)
    else:
        numpy.testing.assert_array_equal(got, mine)
    numpy.testing.assert_array_equal(parallel.gatherarray(mine, bcast=1), expected)
    empty = parallel.gatherarray(mine, othersempty=1)
    if parallel.me != 0:
        assert empty.size == 0


def test_global_reductions():
    a = numpy.arange(5.0) + parallel.me  # empty ranks are covered below
    n = parallel.npes
    assert parallel.globalmin(a) == 0.0
    assert parallel.globalmax(a) == 4.0 + n - 1
    assert parallel.globalsum(a) == sum((numpy.arange(5.0) + r).sum() for r in range(n))
    assert parallel.globalave(a) == pytest.approx(2.0 + (n - 1) / 2.0)
    # A rank with nothing is normal.
    b = numpy.array([]) if parallel.me == 0 else numpy.array([float(parallel.me)])
    if n > 1:
        assert parallel.globalmin(b) == 1.0
        assert parallel.globalmax(b) == float(n - 1)
    assert parallel.globalsum(numpy.arange(3)) == 3 * n  # integers stay integers
    assert isinstance(parallel.globalsum(numpy.arange(3)), int)


def test_elementwise_parallel_reductions():
    v = numpy.array([parallel.me, -parallel.me, 1.5])
    n = parallel.npes
    numpy.testing.assert_array_equal(parallel.parallelmax(v), [n - 1, 0, 1.5])
    numpy.testing.assert_array_equal(parallel.parallelmin(v), [0, -(n - 1), 1.5])
    numpy.testing.assert_array_equal(parallel.parallelsum(v), [n * (n - 1) / 2, -n * (n - 1) / 2, 1.5 * n])
    assert parallel.parallelsum(2.0) == 2.0 * n


def test_pprint_orders_ranks_on_rank0():
    out = io.StringIO()
    parallel.pprint("hello from", parallel.me, file=out)
    text = out.getvalue()
    if parallel.npes == 1:
        assert text == "hello from 0\n"
    elif parallel.me == 0:
        assert text.splitlines() == [f"[{r}] hello from {r}" for r in range(parallel.npes)]
    else:
        assert text == ""


def test_sub_communicator_becomes_the_default():
    from mpi4py import MPI
    color = parallel.me % 2
    sub = MPI.COMM_WORLD.Split(color, parallel.me)
    try:
        parallel.setdefaultcomm_world(sub)
        assert parallel.comm_world is sub
        assert parallel.npes == sub.Get_size()
        assert parallel.me == sub.Get_rank()
        assert parallel.gatherall(color) == [color] * sub.Get_size()
    finally:
        parallel.setdefaultcomm_world(None)
        sub.Free()
    assert parallel.npes == MPI.COMM_WORLD.Get_size()


def test_read_file_and_local_imports():
    path = os.path.join(os.path.dirname(__file__), "conftest.py")
    text = parallel.read_file(path)
    assert "watchdog" in text
    assert parallel.read_file(path, "rb") == text.encode()
    with parallel.local_imports():
        import json  # noqa: F401
    with pytest.raises(ValueError):
        parallel.read_file(path, "w")


def test_allreduce_of_different_sizes_raises_on_every_rank():
    c = parallel.get_comm()
    total = c.allreduce(numpy.arange(3, dtype=numpy.int64) + parallel.me, "sum")
    numpy.testing.assert_array_equal(total, numpy.arange(3) * parallel.npes + parallel.npes * (parallel.npes - 1) // 2)
    if parallel.npes == 1:
        return
    # The last rank passes one element more: every rank raises, none hangs.
    n = 4 if parallel.me == parallel.npes - 1 else 3
    with pytest.raises(Exception, match="different sizes"):
        c.allreduce(numpy.zeros(n), "sum")
    # The communicator still works afterwards.
    assert c.allreduce(numpy.ones(2), "max").tolist() == [1.0, 1.0]
