"""The PEP 517 build backend behind `pip install .`: CMake builds the module
and pargist-python, `cmake --install` stages them, this file packs a wheel.

Debian has no scikit-build-core and pip may have no network, so the backend
lives in the tree (pyproject.toml: backend-path) and needs nothing but the
standard library, CMake and the Debian packages the README lists.

- The build directory is build-pip/ in the source tree (kept, so a second
  `pip install .` rebuilds only what changed), or the one given with
  `pip install --config-settings build-dir=DIR .`; an existing, configured one is used as it
  is configured (the tests pass the build tree they already built).
- The target interpreter is the one running this backend (the venv's
  python3). CMake asks it for numpy's headers with the environment pip
  isolated the backend from (PYTHONPATH, PYTHONNOUSERSITE): numpy is the
  target's package, not one pip could fetch offline.
- The wheel holds the package (pargist/, with _core's extension) and
  pargist-python (as a script, pargist-<version>.data/scripts/).
"""
import base64
import csv
import hashlib
import io
import os
import pathlib
import re
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import zipfile

SOURCE = pathlib.Path(__file__).resolve().parents[2]
NAME = "pargist"


# ----------------------------------------------------------------- metadata
def _version():
    """The version, from the one place it is set: project(VERSION) in CMake."""
    text = (SOURCE / "CMakeLists.txt").read_text()
    match = re.search(r"project\(\s*pargist\s+VERSION\s+([0-9][0-9.]*)", text)
    if not match:
        raise RuntimeError("no project(pargist VERSION ...) in CMakeLists.txt")
    return match.group(1)


def _project_table():
    import tomllib  # Python 3.11+: Debian 12's python3

    with open(SOURCE / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]


def _metadata():
    project = _project_table()
    lines = ["Metadata-Version: 2.1", f"Name: {NAME}", f"Version: {_version()}",
             f"Summary: {project.get('description', '')}"]
    if "requires-python" in project:
        lines.append(f"Requires-Python: {project['requires-python']}")
    lines += [f"Requires-Dist: {d}" for d in project.get("dependencies", [])]
    for label, url in project.get("urls", {}).items():
        lines.append(f"Project-URL: {label}, {url}")
    return "\n".join(lines) + "\n"


def _wheel_tag():
    """cp311-cp311-linux_x86_64: the extension is built for this interpreter."""
    interpreter = f"cp{sys.version_info.major}{sys.version_info.minor}"
    platform = re.sub(r"[-.]", "_", sysconfig.get_platform())
    return f"{interpreter}-{interpreter}-{platform}"


def _dist_info():
    return f"{NAME}-{_version()}.dist-info"


# -------------------------------------------------------------------- build
def _cmake_env():
    env = dict(os.environ)
    for var in ("PYTHONPATH", "PYTHONNOUSERSITE"):
        env.pop(var, None)
    return env


def _run(command, log):
    print("pargist:", " ".join(str(c) for c in command), file=sys.stderr)
    result = subprocess.run([str(c) for c in command], env=_cmake_env(),
                            stdout=log, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed (exit {result.returncode}); see {log.name}")


def _layout():
    """Where this interpreter's default scheme puts scripts and packages,
    relative to its data root: pargist-python finds the package from there."""
    paths = sysconfig.get_paths()
    data = paths["data"]
    return (os.path.relpath(paths["scripts"], data), os.path.relpath(paths["platlib"], data))


def _build_dir(config_settings):
    given = (config_settings or {}).get("build-dir")
    return pathlib.Path(given).resolve() if given else SOURCE / "build-pip"


def _stage(config_settings, staging):
    """Configures (unless already configured), builds and installs the
    Python component into `staging`; returns the build directory."""
    build = _build_dir(config_settings)
    build.mkdir(parents=True, exist_ok=True)
    with open(build / "pip-backend.log", "a") as log:
        if not (build / "CMakeCache.txt").exists():
            bindir, pythondir = _layout()
            _run(["cmake", "-S", SOURCE, "-B", build, "-DCMAKE_BUILD_TYPE=Release",
                  f"-DPython3_EXECUTABLE={sys.executable}", "-DPARGIST_TESTS=OFF",
                  f"-DCMAKE_INSTALL_BINDIR={bindir}", f"-DPARGIST_INSTALL_PYTHONDIR={pythondir}"], log)
        _run(["cmake", "--build", build, "-j", str(os.cpu_count() or 1),
              "--target", "pargist_python_ext", "pargist-python"], log)
        _run(["cmake", "--install", build, "--component", "python", "--prefix", staging], log)
    return build


def _collect(staging):
    """(path in the wheel, file) for the package and pargist-python."""
    inits = list(staging.rglob("pargist/__init__.py"))
    if len(inits) != 1:
        raise RuntimeError(f"expected one staged pargist package, found {inits}")
    package = inits[0].parent
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    if not (package / f"_core{suffix}").exists():
        raise RuntimeError(f"no _core{suffix} for {sys.executable}: the build directory "
                           "was configured for another Python")
    files = [(f"pargist/{p.relative_to(package)}", p) for p in sorted(package.rglob("*"))
             if p.is_file() and "__pycache__" not in p.parts]
    scripts = f"{NAME}-{_version()}.data/scripts"
    files += [(f"{scripts}/{p.name}", p) for p in sorted(staging.rglob("bin/pargist-python"))]
    return files


def _record_line(arcname, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return [arcname, f"sha256={digest}", str(len(data))]


def _write_wheel(wheel_directory, files):
    tag = _wheel_tag()
    wheel_name = f"{NAME}-{_version()}-{tag}.whl"
    dist_info = _dist_info()
    generated = {
        f"{dist_info}/METADATA": _metadata(),
        f"{dist_info}/WHEEL": ("Wheel-Version: 1.0\nGenerator: pargist_pip_backend\n"
                               f"Root-Is-Purelib: false\nTag: {tag}\n"),
    }
    records = []
    with zipfile.ZipFile(pathlib.Path(wheel_directory) / wheel_name, "w", zipfile.ZIP_DEFLATED) as whl:
        for arcname, path in files:
            data = path.read_bytes()
            info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = (path.stat().st_mode & 0o777 | 0o100000) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            whl.writestr(info, data)
            records.append(_record_line(arcname, data))
        for arcname, text in generated.items():
            whl.writestr(arcname, text)
            records.append(_record_line(arcname, text.encode()))
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(records + [[f"{dist_info}/RECORD", "", ""]])
        whl.writestr(f"{dist_info}/RECORD", out.getvalue())
    return wheel_name


# ------------------------------------------------------------ PEP 517 hooks
def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    target = pathlib.Path(metadata_directory) / _dist_info()
    target.mkdir(parents=True, exist_ok=True)
    (target / "METADATA").write_text(_metadata())
    return _dist_info()


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    with tempfile.TemporaryDirectory(prefix="pargist-wheel-") as staging:
        _stage(config_settings, pathlib.Path(staging))
        return _write_wheel(wheel_directory, _collect(pathlib.Path(staging)))


def build_sdist(sdist_directory, config_settings=None):
    """The tracked files of the source tree (git ls-files), or every file but
    build directories when the tree is not a git checkout."""
    try:
        listed = subprocess.run(["git", "-C", SOURCE, "ls-files", "-z"], check=True,
                                capture_output=True).stdout.decode().split("\0")
        names = [n for n in listed if n and (SOURCE / n).is_file()]
    except (OSError, subprocess.CalledProcessError):
        names = [str(p.relative_to(SOURCE)) for p in SOURCE.rglob("*")
                 if p.is_file() and not p.relative_to(SOURCE).parts[0].startswith(("build", "out", "."))]
    base = f"{NAME}-{_version()}"
    sdist = f"{base}.tar.gz"
    with tarfile.open(pathlib.Path(sdist_directory) / sdist, "w:gz") as tar:
        for name in sorted(names):
            tar.add(SOURCE / name, arcname=f"{base}/{name}", recursive=False)
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        data = _metadata().encode()
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return sdist
