"""What the serial tests of pargist-python share: where the program is, the
environment for mpirun on this machine, and a runner with a timeout (a hang
fails the test instead of blocking CI)."""

import os
import shutil
import subprocess

BINARY_DIR = os.environ.get('PARGIST_BINARY_DIR') or os.path.join(
    os.path.dirname(__file__), '..', '..', 'build')
PARGIST_PYTHON = os.path.join(BINARY_DIR, 'bin', 'pargist-python')
MPIRUN = shutil.which('mpirun') or 'mpirun'
TIMEOUT = 90


def env_for_tests(**extra):
    env = dict(os.environ)
    env.update(OMPI_ALLOW_RUN_AS_ROOT='1', OMPI_ALLOW_RUN_AS_ROOT_CONFIRM='1',
               OMPI_MCA_rmaps_base_oversubscribe='1',
               OMPI_MCA_btl_vader_single_copy_mechanism='none',
               # A loaded CI machine may start ranks seconds apart: only the
               # abort test wants a short wait.
               PARGIST_ABORT_TIMEOUT='60')
    env.update(extra)
    return env


def run(ranks, *args, cwd=None, env=None, timeout=TIMEOUT, stdin=subprocess.DEVNULL):
    cmd = [MPIRUN, '-n', str(ranks), '--oversubscribe', PARGIST_PYTHON, *args]
    return subprocess.run(cmd, cwd=cwd, env=env or env_for_tests(), capture_output=True,
                          text=True, timeout=timeout, stdin=stdin)


def script_writer(tmp_path):
    """write(name, text) -> path of the file written under tmp_path."""
    def write(name, text):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return str(path)
    return write
