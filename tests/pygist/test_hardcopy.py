"""Gist's hardcopy files, as pygist scripts use them: hcp_file("x.cgm")
writes x.cgm itself (not x00.cgm), Yorick's gist reads it, and past the
size limit the family continues under Gist's IncrementName rule (x.cgm,
y.cgm, z.cgm, 0.cgm...) which gist follows; hcp() with no file opens the
first free Aa00.ps (Aa00.cgm with ps=0); an empty frame writes no page."""
import os
import re
import shutil
import subprocess

import numpy
import pytest

import pargist as pg

needs_gist = pytest.mark.skipif(not shutil.which("gist"), reason="needs Yorick's gist")


@pytest.fixture(autouse=True)
def fresh(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pg._core.reset_all()
    pg.window(0, display="")
    yield
    pg._core.reset_all()


def frames(n, points=2000):
    x = numpy.linspace(0, 10, points)
    for k in range(n):
        pg.plg(numpy.sin(x + k), x, color="red")
        pg.pltitle(f"frame {k + 1}")
        pg.fma()


def gist_pages(path, cwd):
    done = subprocess.run(["gist", path, "-b", "-ps", "out.ps"], cwd=cwd, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and "ERROR" not in done.stdout + done.stderr, done.stdout + done.stderr
    with open(os.path.join(cwd, "out.ps"), "rb") as f:
        return len(re.findall(rb"^%%Page:", f.read(), re.M))


@needs_gist
def test_the_first_file_is_the_name_given(tmp_path):
    pg.hcp_file("x.cgm")
    pg.hcpon()
    frames(3)
    assert pg.hcp_finish(-1) == "x.cgm"
    assert sorted(os.listdir(tmp_path)) == ["x.cgm"]
    assert gist_pages("x.cgm", tmp_path) == 3


@needs_gist
def test_roll_over_by_gists_rule_and_gist_follows(tmp_path):
    pg.pldefault(cgmfilesize=0.06)  # MB: two of these frames (37 kB each, record version 5) a file
    pg.hcp_file("x.cgm")
    pg.hcpon()
    frames(10, points=4000)
    last = pg.hcp_finish(-1)
    files = sorted(f for f in os.listdir(tmp_path) if f.endswith(".cgm"))
    # Gist's IncrementName: the last character counts up; z wraps to 0.
    expected = ["x.cgm", "y.cgm", "z.cgm", "0.cgm", "1.cgm"]
    assert sorted(files) == sorted(expected)
    assert last == "1.cgm"
    # Gist reads the whole family from its first file. (Its batch mode
    # skips a family's last file when it holds one picture, for Yorick's own
    # files too: here every file holds two.)
    assert gist_pages("x.cgm", tmp_path) == 10


def test_default_hardcopy_file_and_empty_frames(tmp_path):
    pg.fma()
    pg.hcp()  # nothing drawn: Gist writes no page, and opens no file
    assert os.listdir(tmp_path) == []
    pg.plg([0, 1])
    pg.hcp()
    assert pg.hcp_finish(-1) == "Aa00.ps"
    with open(tmp_path / "Aa00.ps", "rb") as f:
        assert f.read(4) == b"%!PS"
    pg.hcp()  # Aa00.ps exists: the next free name (the second letter counts first)
    assert pg.hcp_finish(-1) == "Ab00.ps"
    pg.hcp_file(ps=0)
    pg.hcp()
    assert pg.hcp_finish(-1) == "Aa00.cgm"


def test_window_and_default_files(tmp_path):
    # A window's own file (window(hcp=)) takes its frames; others use hcp_file's.
    pg.hcp_file("default.cgm")
    pg.window(1, display="", hcp="own.cgm")
    pg.plg([0, 1])
    pg.hcp()
    pg.window(0)
    pg.plg([1, 0])
    pg.hcp()
    assert pg.hcp_finish(1) == "own.cgm"
    assert pg.hcp_finish(-1) == "default.cgm"
    assert os.path.getsize(tmp_path / "own.cgm") > 0 and os.path.getsize(tmp_path / "default.cgm") > 0
