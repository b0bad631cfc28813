"""Shared fixtures of the pargist pytest suite.

The same files run serially and under mpirun (every rank runs every test in
the same order). A test that hangs in a collective would block the whole
job, so each test arms a watchdog that dumps the stacks and ends the process
(mpirun then ends the other ranks) after PARGIST_TEST_TIMEOUT seconds.
"""

import faulthandler
import os
import sys

import numpy
import numpy.testing  # noqa: F401
import pytest

# Modules some tests use on rank 0 only are imported here by every rank: under
# pargist-python's broadcast importer all ranks must import the same modules.
import matplotlib  # noqa: E402
matplotlib.use("Agg")
import matplotlib.image  # noqa: E402,F401
import tempfile  # noqa: E402,F401

import pargist
from pargist import parallel

TIMEOUT = float(os.environ.get("PARGIST_TEST_TIMEOUT", "150"))


@pytest.fixture(autouse=True)
def watchdog():
    faulthandler.dump_traceback_later(TIMEOUT, exit=True, file=sys.stderr)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture(autouse=True)
def fresh_gist_state():
    """Every test starts with no windows and default settings (rank 0 draws)."""
    if parallel.me == 0:
        pargist._core.reset_all()
        pargist._core.window(0, {"display": ""})  # rank 0's state only: no collective
    parallel.barrier()
    yield
    parallel.barrier()


@pytest.fixture
def outdir():
    """A folder for this test's files, the same path on every rank."""
    base = os.environ.get("PARGIST_BINARY_DIR")
    name = os.environ.get("PYTEST_CURRENT_TEST", "test").split(":")[-1].split(" ")[0]
    if base:
        path = os.path.join(base, "test-output", f"python-np{parallel.npes}", name)
    else:
        import tempfile
        path = os.path.join(tempfile.gettempdir(), "pargist-test-output", f"np{parallel.npes}", name)
    if parallel.me == 0:
        os.makedirs(path, exist_ok=True)
        for f in os.listdir(path):
            os.remove(os.path.join(path, f))
    parallel.barrier()
    return path


@pytest.fixture
def rng():
    """A generator seeded by rank: every rank has different particles."""
    return numpy.random.default_rng(1000 + parallel.me)


def gathered(a):
    """Every rank's array concatenated on rank 0 (None elsewhere)."""
    parts = parallel.gather(numpy.asarray(a))
    return None if parts is None else numpy.concatenate(parts)


def raised_everywhere(func, exc_type):
    """Call func on every rank; return this rank's exception message after
    checking that every rank raised exc_type with the same message."""
    try:
        func()
    except exc_type as e:
        message = str(e)
    else:
        message = None
    messages = parallel.gatherall(message)
    assert all(m is not None for m in messages), f"not raised on every rank: {messages}"
    assert len(set(messages)) == 1, f"different messages on different ranks: {messages}"
    return message
