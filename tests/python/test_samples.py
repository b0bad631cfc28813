"""samples/pygist_port.py: a pygist script changed only in its import line,
run as a whole program serially and under mpirun."""

import os
import re
import subprocess
import sys

import pytest

from pargist import parallel

SOURCE = os.environ.get("PARGIST_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
SCRIPT = os.path.join(SOURCE, "samples", "pygist_port.py")
serial_only = pytest.mark.skipif(parallel.npes > 1, reason="spawns its own processes from the serial run")


def test_only_the_import_line_names_pargist():
    with open(SCRIPT) as f:
        code = [l for l in f if not l.lstrip().startswith("#")]
    mentions = [l for l in code if "pargist" in l]
    assert mentions == ["from pargist import *\n"]


@serial_only
@pytest.mark.parametrize("ranks", [0, 2])
def test_pygist_port_runs(ranks, tmp_path):
    out = tmp_path / "out"
    out.mkdir()  # the script makes it on every rank otherwise (a race under mpirun)
    cmd = [sys.executable, SCRIPT, str(out)]
    if ranks:
        cmd = ["mpirun", "-n", str(ranks), "--oversubscribe"] + cmd
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env, cwd=str(tmp_path))
    assert run.returncode == 0, run.stderr
    # Every rank prints (the script is not MPI-aware); only rank 0 wrote a file.
    # Found in the stream, not line by line: mpirun may glue two ranks'
    # chunks into one line ("...demo.cgmpygist port: wrote None").
    wrote = re.findall(r"pygist port: wrote (None|\S+?\.cgm)", run.stdout)
    assert len(wrote) == max(ranks, 1), run.stdout
    assert sum(w.endswith(".cgm") for w in wrote) == 1, run.stdout
    names = sorted(os.listdir(out))
    for page in ("curves", "mesh", "image", "loglog", "vectors"):
        assert page + ".png" in names
        with open(out / (page + ".png"), "rb") as f:
            assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    cgm = [n for n in names if n.endswith(".cgm")]
    assert cgm and all(os.path.getsize(out / n) > 1000 for n in cgm)
