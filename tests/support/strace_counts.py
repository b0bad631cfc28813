"""Counting, from an `strace -f -v -e trace=execve,%file` log of an mpirun
job, the file-system calls each MPI rank makes on the module search path.
Shared by tests/embed/test_embed_cli.py and tests/bench/embed_bench.py."""

import re

_CALL = re.compile(r'^(\d+)\s+(open|openat|stat|lstat|newfstatat|statx|access|faccessat2?|'
                   r'readlink|readlinkat)\((?:AT_FDCWD, )?"([^"]*)"')
_RANK_EXEC = re.compile(r'(\d+)\s+execve\("[^"]*".*OMPI_COMM_WORLD_RANK=(\d+)')


def module_path_calls(trace_file, roots):
    """{rank: open/stat-family calls on a path under one of `roots`}. A rank
    is known by the OMPI_COMM_WORLD_RANK of its execve; calls inside the
    node-local directory of pargist-python (/pargist-python-*) are left out."""
    pid_rank, counts = {}, {}
    with open(trace_file) as f:
        lines = f.read().splitlines()
    for line in lines:
        m = _RANK_EXEC.match(line)
        if m:
            pid_rank[m.group(1)] = int(m.group(2))
    for line in lines:
        m = _CALL.match(line)
        if not m or m.group(1) not in pid_rank or '/pargist-python-' in m.group(3):
            continue
        path = m.group(3)
        if any(path == r or path.startswith(r.rstrip('/') + '/') for r in roots):
            rank = pid_rank[m.group(1)]
            counts[rank] = counts.get(rank, 0) + 1
    return counts
