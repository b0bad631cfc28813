"""Processes a rank's script starts, from the outside (a serial pytest that
runs `mpirun -n P pargist-python script.py` with timeouts): children forked
by multiprocessing or os.fork, children started through sys.executable
(subprocess, multiprocessing's spawn). Under python3 these just work; a
child must not take part in the job's collective steps, remove the node
directory its parent still loads from, or join MPI as its parent's rank
(which once left the whole job hanging)."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_support import env_for_tests, run, script_writer  # noqa: E402


@pytest.fixture
def scripts(tmp_path):
    return script_writer(tmp_path)

FORK_POOL = '''
import multiprocessing as mp, sys, _pargist_embed as e
import zoneinfo          # an extension module (_zoneinfo): the node directory is in use
def work(x):
    import fractions     # the workers' own import, from the disk
    return str(fractions.Fraction(x, 3))
if __name__ == "__main__":
    with mp.get_context("fork").Pool(2) as pool:   # leaving it terminates the workers (SIGTERM)
        out = pool.map(work, range(4))
    import uuid, _uuid   # a module and an extension module staged after the workers ended
    import statistics
    sys.stdout.write("rank %d %s %s %s\\n" % (e.rank(), out, statistics.mean([1, 2]), _uuid.__name__))
'''


@pytest.mark.parametrize('ranks', [2, 4])
def test_fork_pool_workers_import_alone_and_leave_the_node_directory(scripts, ranks):
    proc = run(ranks, scripts('fork_pool.py', FORK_POOL))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for r in range(ranks):
        assert "rank %d ['0', '1/3', '2/3', '1'] 1.5 _uuid" % r in proc.stdout, proc.stdout + proc.stderr


OS_FORK = '''
import os, sys, _pargist_embed as e
statuses = []
for how in ("exit", "raise"):
    pid = os.fork()
    if pid == 0:
        import colorsys  # the child's own import
        if how == "raise":
            raise ValueError("boom in the child of rank %d" % e.rank())
        sys.exit(3)      # a normal exit through the interpreter, not os._exit
    statuses.append(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
import textwrap          # the ranks still import together afterwards
sys.stdout.write("rank %d children %s\\n" % (e.rank(), statuses))
'''


def test_os_fork_children_end_on_their_own(scripts):
    proc = run(2, scripts('os_fork.py', OS_FORK))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for r in (0, 1):
        assert 'rank %d children [3, 1]' % r in proc.stdout, proc.stdout + proc.stderr
        assert 'ValueError: boom in the child of rank %d' % r in proc.stderr


EXECUTABLE_CHILDREN = '''
import multiprocessing as mp, os, subprocess, sys, _pargist_embed as e
def work(x):
    import _pargist_embed as c
    return (c.size(), "OMPI_COMM_WORLD_RANK" in os.environ, x * x)
if __name__ == "__main__":
    with mp.get_context("spawn").Pool(2) as pool:
        out = pool.map(work, range(3))
    # pargist's collectives in the child: it initialises MPI on its own, a
    # job of one process, not its parent's rank.
    child = subprocess.run([sys.executable, "-c",
        "import numpy, os, pargist, _pargist_embed as c; "
        "print(c.size(), 'PMIX_RANK' in os.environ, pargist.parallel.parallelmin(numpy.arange(3.0) + 2))"],
        capture_output=True, text=True, timeout=120)
    sys.stdout.write("rank %d %s %d %s %s\\n" % (e.rank(), out, child.returncode, child.stdout.strip(), child.stderr[-2000:]))
'''


def test_spawned_and_subprocess_children_run_as_a_job_of_their_own(scripts):
    proc = run(2, scripts('children.py', EXECUTABLE_CHILDREN), timeout=180)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for r in (0, 1):
        assert 'rank %d [(1, False, 0), (1, False, 1), (1, False, 4)] 0 1 False [2. 3. 4.]' % r in proc.stdout, \
            proc.stdout + proc.stderr


def test_a_job_with_a_mark_from_elsewhere_is_a_job(scripts):
    # A job launched where some ancestor was a rank (the mark is in the
    # environment; OpenMPI's mpirun refuses to run inside a rank itself, a
    # batch system's launcher need not): its ranks have an identity of their
    # own and must form a real job, not mistake themselves for children.
    path = scripts('size.py', 'import sys, _pargist_embed as e\nsys.stdout.write("rank %d of %d\\n" % (e.rank(), e.size()))\n')
    proc = run(2, path, env=env_for_tests(PARGIST_PYTHON_RANK='PMIX_NAMESPACE=1234;PMIX_RANK=0;'))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert sorted(proc.stdout.split()) == sorted('rank 0 of 2 rank 1 of 2'.split()), proc.stdout
