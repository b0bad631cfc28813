"""`cmake --install` of the Python module: pargist imports from the installed
site-packages (not from the build tree) and draws."""

import os
import subprocess
import sys

import pytest

from pargist import parallel

BINARY = os.environ.get("PARGIST_BINARY_DIR")


@pytest.mark.skipif(parallel.npes > 1 or not BINARY, reason="serial run inside a CMake build only")
def test_installed_package_imports_and_draws(tmp_path):
    script = os.path.join(BINARY, "bindings", "module", "cmake_install.cmake")
    subprocess.run(["cmake", f"-DCMAKE_INSTALL_PREFIX={tmp_path}", "-P", script], check=True,
                   capture_output=True, timeout=120)
    site = tmp_path / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "site-packages"
    code = ("import numpy, pargist as pg; "
            "pg.window(0, display=''); "
            "r = pg.ppzx(z=numpy.arange(10.0), x=numpy.arange(10.0)); "
            "pg.png(%r); print(pg.__file__, r['drawn'])" % str(tmp_path / "x.png"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(site)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env=env, cwd=str(tmp_path))
    assert run.returncode == 0, run.stderr
    path, drawn = run.stdout.split()
    assert path.startswith(str(site)) and drawn == "scatter"
    assert (tmp_path / "x.png").stat().st_size > 100
