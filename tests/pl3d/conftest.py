"""The fixtures of tests/python (watchdog, a fresh Gist state on every
rank, outdir), shared rather than copied."""

import importlib.util
import os

_spec = importlib.util.spec_from_file_location(
    "pargist_python_conftest", os.path.join(os.path.dirname(__file__), "..", "python", "conftest.py"))
_shared = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_shared)

watchdog = _shared.watchdog
fresh_gist_state = _shared.fresh_gist_state
outdir = _shared.outdir
