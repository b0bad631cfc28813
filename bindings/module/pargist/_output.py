"""Calls in which rank 0 works alone on everybody's behalf: files and windows.

Every rank makes the call (SPMD); rank 0 does the work (renders, writes the
file, opens the window); then one small collective tells every rank how it
went, so that every rank leaves the call the same way:

- rank 0's work failed: every rank raises the same exception, type and
  message, ending with "(rank 0)". File errors are OSError with their errno
  (FileNotFoundError for a missing folder, PermissionError, IsADirectoryError,
  OSError with errno ENOSPC for a full disk...).
- rank 0's windows reported something on their own since the last such
  call (closed by the user, the X server gone, a snapshot that could not be
  saved): every rank gets the same OutputWarning, once. Those never raise.

The collective is one broadcast of rank 0's outcome (reduce's Comm::on_root):
its error, or the notices (usually none).
"""

import atexit
import functools
import sys
import warnings

from . import _core, parallel


class OutputWarning(RuntimeWarning):
    """Something happened to rank 0's windows that is not an error of the
    call that reports it: the run goes on (with files)."""


def on_root(work, *args):
    """Run ``work(*args)`` on rank 0 of the default communicator and share
    how it went (pargist._core.Comm.on_root_work: one broadcast).

    Returns work's result on rank 0, None elsewhere; raises rank 0's
    exception on every rank; warns every rank of the displays' notices."""
    if args:
        work = functools.partial(work, *args)
    # Notices of a failed work stay queued for the next call.
    result, notices = parallel.get_comm().on_root_work(work)
    for text in notices.decode().split("\n") if notices else ():
        warnings.warn(text, OutputWarning, stacklevel=3)
    return result


def _print_left_over_notices():
    # Notices that no output call took before the end: said once, on rank 0.
    try:
        if parallel.get_comm().rank != 0:
            return
        for text in _core.take_notices():
            print(f"pargist: warning: {text}", file=sys.stderr)
    except Exception:  # noqa: BLE001 - never fail at exit
        pass


atexit.register(_print_left_over_notices)
