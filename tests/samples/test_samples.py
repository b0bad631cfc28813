"""Every sample runs in its short mode at 1 and 4 ranks, under
pargist-python when it is built (else Debian's python3 with mpi4py), and
what it writes is whole: PNGs that decode, CGM files that pargist-view lists
and that Yorick's own gist converts without complaint."""

import os
import shutil
import subprocess
import sys
import zlib

import pytest

SOURCE = os.environ.get("PARGIST_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("PARGIST_BINARY_DIR", os.path.join(SOURCE, "build"))
SAMPLES = os.path.join(SOURCE, "samples")
PARGIST_PYTHON = os.path.join(BINARY, "bin", "pargist-python")
PARGIST_VIEW = os.path.join(BINARY, "bin", "pargist-view")

# (script, extra arguments, CGM family it writes, PNG files it writes)
CASES = [
    ("beam.py", ["--short", "--quiet", "--no-window"], "beam00.cgm", ["beam000.png", "beam002.png"]),
    ("field.py", ["--short"], "field00.cgm", ["field000.png", "field002.png"]),
    ("field3d.py", ["--short"], "field3d00.cgm", ["field3d000.png", "field3d002.png"]),
    ("gallery.py", [], "gallery00.cgm", ["gallery.png"]),
    ("pygist_port.py", [], "demo.cgm", []),
]


def launcher(ranks):
    interpreter = PARGIST_PYTHON if os.access(PARGIST_PYTHON, os.X_OK) else sys.executable
    return ["mpiexec", "-n", str(ranks), "--oversubscribe", interpreter]


def png_is_whole(path):
    """Decode every IDAT chunk: a truncated file fails here."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, seen_end = 8, b"", False
    while pos < len(data):
        n = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + n]
        seen_end = kind == b"IEND"
        pos += 12 + n
    assert seen_end, f"{path}: no IEND chunk"
    assert len(zlib.decompress(idat)) > 0


@pytest.mark.parametrize("ranks", [1, 4])
@pytest.mark.parametrize("script,args,cgm,pngs", CASES, ids=[c[0] for c in CASES])
def test_sample(tmp_path, ranks, script, args, cgm, pngs):
    env = dict(os.environ, PYTHONPATH=os.path.join(BINARY, "python"), DISPLAY="")
    cmd = launcher(ranks) + [os.path.join(SAMPLES, script)] + args
    # pygist's scripts take their output folder as a plain argument.
    cmd += [str(tmp_path)] if script == "pygist_port.py" else ["--out", str(tmp_path)]
    run = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"{script} at {ranks} ranks failed:\n{run.stdout}\n{run.stderr}"
    for name in pngs:
        png_is_whole(tmp_path / name)
    family = tmp_path / cgm
    listing = subprocess.run([PARGIST_VIEW, str(family), "--list"], capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0, listing.stderr
    assert "page" in listing.stdout
    if shutil.which("gist"):
        ps = tmp_path / "gist.ps"
        conv = subprocess.run(["gist", str(family), "-b", "-ps", str(ps)], capture_output=True, text=True,
                              timeout=120, env=dict(os.environ, DISPLAY=""))
        assert conv.returncode == 0, conv.stderr
        assert ps.stat().st_size > 1000
        problems = [l for l in (conv.stdout + conv.stderr).splitlines()
                    if "WARNING" in l and "X server" not in l and l.strip() != "gist: (WARNING)"]
        assert not problems, problems
