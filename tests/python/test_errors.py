"""The collective error contract: bad input on any one rank raises the same
exception on every rank, promptly (the conftest watchdog ends a hung run)."""

import os
import subprocess
import sys
import time

import numpy
import pytest

import pargist as pg
from pargist import parallel, reduce

from conftest import raised_everywhere

last = parallel.npes - 1  # the rank that misbehaves (rank 0 when serial)


def particles(n=1000):
    rng = numpy.random.default_rng(parallel.me)
    return rng.normal(size=n), rng.normal(size=n)


def test_wrong_length_on_one_rank():
    z, x = particles()
    x_bad = x[:10] if parallel.me == last else x
    msg = raised_everywhere(lambda: pg.ppzx(z=z, x=x_bad), ValueError)
    assert f"(rank {last})" in msg
    raised_everywhere(lambda: reduce.histogram2d(z, x_bad, bins=4), ValueError)
    raised_everywhere(lambda: pg.plg(z, x_bad, local=0), ValueError)
    w = numpy.ones(5) if parallel.me == last else numpy.ones(z.size)
    raised_everywhere(lambda: pg.ppzx(z=z, x=x, weights=w, cellarray=1), ValueError)


def test_unknown_keyword_on_one_rank():
    z, x = particles()
    kw = {"colr": "red"} if parallel.me == last else {}
    msg = raised_everywhere(lambda: pg.ppzx(z=z, x=x, **kw), TypeError)
    assert "unexpected keyword argument 'colr'" in msg
    raised_everywhere(lambda: pg.plg(z, local=0, **kw), TypeError)
    raised_everywhere(lambda: pg.ppzx(z=z, x=x, nonsense=1), TypeError)


def test_wrong_dtype_on_one_rank():
    z, x = particles()
    x_bad = x.astype(numpy.int64) if parallel.me == last else x
    msg = raised_everywhere(lambda: pg.ppzx(z=z, x=x_bad), TypeError)
    assert "float32 or float64" in msg
    raised_everywhere(lambda: reduce.moments(z, x_bad), TypeError)
    raised_everywhere(lambda: reduce.limits(x_bad.astype(complex)), TypeError)


def test_inconsistent_options_and_bad_values():
    z, x = particles()
    nx = 50 if parallel.me == last and parallel.npes > 1 else 100
    if parallel.npes > 1:
        raised_everywhere(lambda: pg.ppzx(z=z, x=x, nx=nx, cellarray=1), ValueError)
    raised_everywhere(lambda: pg.ppzx(z=z, x=x, pplimits=(0, numpy.nan, 0, 1)), ValueError)
    raised_everywhere(lambda: pg.ppzx(z=z, x=x, iw=3), ValueError)
    raised_everywhere(lambda: pg.ppzx(z=z, x=x, pplimits=(1, 0, 0, 1)), ValueError)
    ii = numpy.array([0, 10 ** 9]) if parallel.me == last else numpy.array([0, 1])
    raised_everywhere(lambda: pg.ppzx(z=z, x=x, ii=ii), IndexError)


def test_bad_field_block_on_one_rank():
    full = numpy.zeros((4, 4, 4 * parallel.npes))
    lo = (0, 0, 4 * parallel.me)
    hi = (3, 3, 4 * parallel.me + 3)
    block = full[:, :, lo[2]:hi[2] + 1]
    bad = block[:, :, :2] if parallel.me == last else block
    raised_everywhere(lambda: pg.pcslice(bad, lo, hi, normal="x", index=1), ValueError)
    raised_everywhere(lambda: pg.pcslice(block, lo, hi, normal="z", index=10 ** 6), IndexError)
    raised_everywhere(lambda: pg.pcslice(block.astype(numpy.int32), lo, hi), TypeError)


def test_agreement_carries_type_message_and_rank():
    """An error only one rank saw (a file it could not write) reaches every
    rank with its type, its message and the rank, worded as reduce's C++
    errors are (one rule: pargist/reduce/agreement.hpp)."""
    from pargist._collective import agreement
    comm = parallel.get_comm()

    def step(exc):
        with agreement(comm):
            if parallel.me == last:
                raise exc

    msg = raised_everywhere(lambda: step(FileNotFoundError("cannot open out/x.png")), FileNotFoundError)
    assert msg == f"cannot open out/x.png (rank {last})"
    msg = raised_everywhere(lambda: step(KeyError("colr")), KeyError)
    assert msg == repr(f"colr (rank {last})")

    class SolverDiverged(Exception):
        pass
    if parallel.npes == 1:  # the failing rank alone keeps its own class
        raised_everywhere(lambda: step(SolverDiverged("dt too large")), SolverDiverged)
    else:  # the others cannot build it: a RuntimeError naming it
        msg = raised_everywhere(lambda: step(SolverDiverged("dt too large")), RuntimeError)
        assert msg == f"SolverDiverged: dt too large (rank {last})"
    with agreement(comm):
        pass  # no error anywhere: nothing raised


def test_calls_still_work_after_errors():
    z, x = particles()
    r = pg.ppzx(z=z, x=x)
    assert r["selected"] == z.size * parallel.npes


@pytest.mark.skipif(parallel.npes > 1, reason="spawns its own mpirun from the serial run")
def test_mpirun_job_with_bad_rank_ends_quickly(tmp_path):
    """A whole job: rank 1 passes a short array; every rank catches the same
    error and the job exits, well within the timeout."""
    script = tmp_path / "bad.py"
    # Each rank writes what it caught to its own file: mpirun's merged stdout
    # may interleave the ranks' lines byte by byte.
    script.write_text(
        "import sys, numpy, pargist as pg\n"
        "from pargist import parallel\n"
        "z = numpy.zeros(100); x = numpy.zeros(5 if parallel.me == 1 else 100)\n"
        "try:\n"
        "    pg.ppzx(z=z, x=x)\n"
        "except ValueError as e:\n"
        "    open(sys.argv[1] + '/rank%d.txt' % parallel.me, 'w').write('ValueError: %s' % e)\n")
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    t0 = time.perf_counter()
    out = subprocess.run(["mpirun", "-n", "3", "--oversubscribe", sys.executable, str(script), str(tmp_path)],
                         capture_output=True, text=True, timeout=120, env=env)
    elapsed = time.perf_counter() - t0
    assert out.returncode == 0, out.stderr
    caught = [(tmp_path / f"rank{r}.txt").read_text() for r in range(3)]
    assert len(set(caught)) == 1, caught
    assert "(rank 1)" in caught[0]
    assert elapsed < 60
