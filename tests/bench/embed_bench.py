#!/usr/bin/env python3
"""Import cost of pargist-python's broadcast importer against plain python3.

A Pynamic-like generated package (300 Python modules in nested subpackages,
plus a few C extension modules) and `import numpy`, imported by
`mpirun -n P` at P = 1, 2, 4, 8, 16 (oversubscribed), in one run:

- wall time of the whole job (what the user waits for) and the slowest
  rank's time inside the script for the imports, best of --reps runs;
- file-system calls on the module search path (open/stat/access/readlink
  family, from `strace -f`), total over ranks and per rank.

The peers: `mpirun python3 driver.py` (each rank imports on its own), and
the same with `from mpi4py import MPI` first (what an MPI script pays for
MPI_Init, as pargist-python does). Writes tests/bench/results/embed.md.

Usage: /usr/bin/python3 tests/bench/embed_bench.py [--build build] [--ranks 1,2,4,8,16]
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'support'))
from strace_counts import module_path_calls  # noqa: E402

N_PACKAGES = 12          # subpackages pynbench.pkgNN
MODULES_PER_PACKAGE = 24  # + __init__ = 25 files each; 12 * 25 = 300 modules
N_EXTENSIONS = 3


def module_source(pkg, i):
    """A module of a few dozen functions and a class, importing a sibling."""
    lines = ['"""Generated module %d of package %d."""' % (i, pkg), 'import math', '']
    if i > 0:
        lines.append('from . import mod%02d as _prev' % (i - 1))
    for f in range(30):
        lines += ['def func%02d(x, y=%d):' % (f, f),
                  '    """Function %d."""' % f,
                  '    total = 0',
                  '    for k in range(%d):' % (f % 7 + 1),
                  '        total += math.sqrt(x * k + y)',
                  '    return total', '']
    lines += ['class Thing%02d:' % i,
              '    def __init__(self, v):',
              '        self.v = v',
              '    def value(self):',
              '        return func00(self.v) + func01(self.v)', '',
              'CONSTANT = %d' % (pkg * 1000 + i)]
    return '\n'.join(lines) + '\n'


def make_package(root, extension):
    base = os.path.join(root, 'pynbench')
    os.makedirs(base)
    with open(os.path.join(base, '__init__.py'), 'w') as f:
        f.write('"""Pynamic-like benchmark package."""\n')
    imports = []
    for p in range(N_PACKAGES):
        pkg = os.path.join(base, 'pkg%02d' % p)
        os.makedirs(pkg)
        mods = ['mod%02d' % i for i in range(MODULES_PER_PACKAGE)]
        with open(os.path.join(pkg, '__init__.py'), 'w') as f:
            f.write('from . import %s\n' % ', '.join(mods))
        for i in range(MODULES_PER_PACKAGE):
            with open(os.path.join(pkg, 'mod%02d.py' % i), 'w') as f:
                f.write(module_source(p, i))
        imports.append('pynbench.pkg%02d' % p)
        if p < N_EXTENSIONS:
            shutil.copy(extension, os.path.join(pkg, os.path.basename(extension)))
            imports.append('pynbench.pkg%02d._cext' % p)
    with open(os.path.join(base, 'everything.py'), 'w') as f:
        f.write(''.join('import %s\n' % m for m in imports))
    count = len(glob.glob(os.path.join(base, '**', '*.py'), recursive=True)) - 2
    return count


DRIVER = '''
import os, sys, time
if os.environ.get("BENCH_MPI4PY") == "1":
    from mpi4py import MPI
t0 = time.perf_counter()
import numpy
import pynbench.everything
dt = time.perf_counter() - t0
rank = os.environ.get("OMPI_COMM_WORLD_RANK", "0")
print("IMPORT_SECONDS %s %.6f" % (rank, dt))
'''


def env_for(workdir, build):
    """Every peer sees the same sys.path: the generated package and the
    build tree's pargist (which pargist-python puts on its path anyway)."""
    env = dict(os.environ)
    env.update(OMPI_ALLOW_RUN_AS_ROOT='1', OMPI_ALLOW_RUN_AS_ROOT_CONFIRM='1',
               OMPI_MCA_rmaps_base_oversubscribe='1',
               OMPI_MCA_btl_vader_single_copy_mechanism='none',
               PYTHONPATH=workdir + ':' + os.path.join(build, 'python'))
    env.pop('PYTHONDONTWRITEBYTECODE', None)
    env.pop('PARGIST_IMPORT_STATS', None)
    return env


def run_job(cmd, ranks, workdir, env, strace_out=None):
    full = ['mpirun', '-n', str(ranks), '--oversubscribe'] + cmd
    if strace_out:
        full = ['strace', '-f', '-v', '-s', '512', '-o', strace_out, '-e',
                'trace=execve,%file'] + full
    start = time.monotonic()
    proc = subprocess.run(full, cwd=workdir, env=env, capture_output=True, text=True,
                          timeout=600)
    wall = time.monotonic() - start
    if proc.returncode != 0:
        raise RuntimeError('%s failed:\n%s' % (' '.join(full), proc.stderr[-3000:]))
    times = [float(t) for t in re.findall(r'IMPORT_SECONDS \d+ ([\d.]+)', proc.stdout)]
    assert len(times) == ranks, proc.stdout
    return wall, max(times)


def search_roots(python, workdir, env):
    out = subprocess.run([python, '-c', 'import sys, json; print(json.dumps(sys.path))'],
                         cwd=workdir, env=env, capture_output=True, text=True, timeout=60,
                         check=True).stdout
    return {os.path.abspath(p or workdir).rstrip('/') for p in json.loads(out)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--build', default=os.path.join(ROOT, 'build'))
    ap.add_argument('--ranks', default='1,2,4,8,16')
    ap.add_argument('--reps', type=int, default=5)
    ap.add_argument('--output', default=os.path.join(HERE, 'results', 'embed.md'))
    args = ap.parse_args()
    ranks = [int(r) for r in args.ranks.split(',')]
    args.build = os.path.abspath(args.build)
    pargist_python = os.path.join(args.build, 'bin', 'pargist-python')
    extension = glob.glob(os.path.join(args.build, 'tests', 'embed', '_cext*.so'))
    if not os.access(pargist_python, os.X_OK) or not extension:
        sys.exit('build pargist-python and pargist_embed_test_ext into %s first' % args.build)
    plain = '/usr/bin/python3'

    workdir = tempfile.mkdtemp(prefix='pargist-embed-bench-')
    try:
        n_modules = make_package(workdir, extension[0])
        with open(os.path.join(workdir, 'driver.py'), 'w') as f:
            f.write(DRIVER)
        env = env_for(workdir, args.build)
        # Warm the .pyc caches and the page cache once, serially.
        subprocess.run([plain, 'driver.py'], cwd=workdir, env=env, check=True,
                       capture_output=True, timeout=300)
        roots = search_roots(plain, workdir, env) | search_roots(pargist_python, workdir, env)

        peers = [('python3', [plain, 'driver.py'], {}),
                 ('python3 + mpi4py', [plain, 'driver.py'], {'BENCH_MPI4PY': '1'}),
                 ('pargist-python', [pargist_python, 'driver.py'], {})]
        rows = []
        for p in ranks:
            row = {'P': p}
            # The peers take turns, one run each per round, so that a slow
            # spell of the shared machine hits them alike.
            runs = {name: [] for name, _, _ in peers}
            for _ in range(args.reps):
                for name, cmd, extra in peers:
                    runs[name].append(run_job(cmd, p, workdir, dict(env, **extra)))
            for name, cmd, extra in peers:
                e = dict(env, **extra)
                row[name] = min(runs[name], key=lambda t: t[0])
                if name != 'python3 + mpi4py':
                    trace = os.path.join(workdir, 'trace-%s-%d.txt' % (name, p))
                    row[name + ' calls'] = module_path_calls(trace, roots) if run_job(
                        cmd, p, workdir, e, strace_out=trace) else {}
                    os.remove(trace)
                print(p, name, row[name], row.get(name + ' calls'), flush=True)
            rows.append(row)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    def calls_text(c, p):
        total = sum(c.values())
        others = [c.get(r, 0) for r in range(1, p)]
        return '%d (rank 0: %d, others: %s)' % (total, c.get(0, 0),
                                                 '-' if not others else '%d-%d' % (min(others), max(others)))

    lines = [
        '# pargist-python: broadcast imports',
        '',
        'Generated by `tests/bench/embed_bench.py` on %s (%d cores, shared machine; '
        'ranks oversubscribed past the core count).' % (time.strftime('%Y-%m-%d %H:%M'), os.cpu_count()),
        'Workload: `import numpy` plus a generated Pynamic-like package of %d Python modules '
        'and %d C extension modules (cached bytecode). Times are the best of %d runs, the peers taking turns: the job\'s '
        'wall time (mpirun start to end) and, in brackets, the slowest rank\'s time inside the '
        'script for the imports. File-system calls: open/stat/access/readlink-family calls on '
        'paths in sys.path, from `strace -f`, summed over ranks.' % (n_modules, N_EXTENSIONS, args.reps),
        '',
        '| P | python3 wall (imports) s | python3 + mpi4py wall (imports) s | pargist-python wall (imports) s '
        '| wall ratio pargist / python3 + mpi4py | fs calls python3 | fs calls pargist-python | calls ratio |',
        '|---|---|---|---|---|---|---|---|',
    ]
    for row in rows:
        p = row['P']
        a, m, b = row['python3'], row['python3 + mpi4py'], row['pargist-python']
        ca, cb = row['python3 calls'], row['pargist-python calls']
        lines.append('| %d | %.2f (%.2f) | %.2f (%.2f) | %.2f (%.2f) | %.2f | %s | %s | %.3f |' % (
            p, a[0], a[1], m[0], m[1], b[0], b[1], b[0] / m[0], calls_text(ca, p),
            calls_text(cb, p), sum(cb.values()) / max(1, sum(ca.values()))))
    lines += ['',
              'pargist-python pays MPI_Init like any MPI program (compare with the mpi4py column); '
              'its file-system calls stay those of one rank whatever P, where plain python3 '
              'makes them on every rank.', '']
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, 'w') as f:
        f.write('\n'.join(lines))
    print('\n'.join(lines))


if __name__ == '__main__':
    main()
