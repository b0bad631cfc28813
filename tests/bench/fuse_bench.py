#!/usr/bin/python3
"""Start-up on a shared file system: pargist-python against python3 + mpi4py.

A model of a parallel file system's metadata server (fuse_metadata_server,
built from tests/bench/fuse_metadata_server.cpp): a FUSE file system that
passes / through, serves every request one at a time after a fixed service
time (50 and 200 microseconds), with the kernel's caches off, so that every
rank asks the server as if it were alone on its node. Python's whole
installation (PYTHONHOME: its standard library, numpy, mpi4py) and a
generated 300-module package are read through it; the interpreter's binary
and MPI stay local. Under `mpirun -n P`, P = 1, 2, 4, 8, 16:

    python3 + mpi4py:  from mpi4py import MPI; import numpy, pynbench.everything
    pargist-python:    import numpy, pynbench.everything

Reported: the job's wall time (best of --reps, the peers taking turns), the
slowest rank's import time, and the requests the server served.

    fuse_bench.py [--build build] [--service-us 50,200] [--ranks 1,2,4,8,16] [--reps 3]
Writes tests/bench/results/fuse.md. Needs /dev/fuse and fusermount3.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import embed_bench  # noqa: E402  (the generated package, the driver, run_job)


class Server:
    """The metadata server mounted over `mountpoint`, passing / through."""

    def __init__(self, binary, mountpoint, service_us):
        self.mountpoint = mountpoint
        self.proc = subprocess.Popen([binary, '/', mountpoint, str(service_us)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(100):
            if os.path.exists(os.path.join(mountpoint, '.server_requests')):
                return
            if self.proc.poll() is not None:
                raise RuntimeError('fuse_metadata_server failed: ' + self.proc.stderr.read().decode())
            time.sleep(0.05)
        raise RuntimeError('fuse_metadata_server did not mount ' + mountpoint)

    def requests(self):
        with open(os.path.join(self.mountpoint, '.server_requests')) as f:
            return {k: int(v) for k, v in (line.split() for line in f)}

    def close(self):
        subprocess.run(['fusermount3', '-u', self.mountpoint], check=False)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--build', default=os.path.join(ROOT, 'build'))
    ap.add_argument('--service-us', default='50,200')
    ap.add_argument('--ranks', default='1,2,4,8,16')
    ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('--output', default=os.path.join(HERE, 'results', 'fuse.md'))
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    server_bin = os.path.join(build, 'bin', 'fuse_metadata_server')
    pargist_python = os.path.join(build, 'bin', 'pargist-python')
    extension = [f for f in os.listdir(os.path.join(build, 'tests', 'embed')) if f.startswith('_cext')]
    if not (os.access(server_bin, os.X_OK) and os.access(pargist_python, os.X_OK) and extension):
        sys.exit('build fuse_metadata_server, pargist-python and pargist_embed_test_ext into %s first' % build)
    ranks = [int(r) for r in args.ranks.split(',')]

    workdir = tempfile.mkdtemp(prefix='pargist-fuse-bench-')
    mountpoint = tempfile.mkdtemp(prefix='pargist-fuse-mnt-')
    rows = []
    try:
        n_modules = embed_bench.make_package(workdir, os.path.join(build, 'tests', 'embed', extension[0]))
        with open(os.path.join(workdir, 'driver.py'), 'w') as f:
            f.write(embed_bench.DRIVER)
        # Bytecode cached beforehand, locally (the mount is read-only).
        local_env = embed_bench.env_for(workdir, build)
        subprocess.run(['/usr/bin/python3', 'driver.py'], cwd=workdir, env=local_env, check=True,
                       capture_output=True, timeout=300)
        # Through the mount: the installation and the package (pargist's own
        # Python files stay local: the driver does not import them).
        env = dict(local_env, PYTHONHOME=mountpoint + '/usr',
                   PYTHONPATH=mountpoint + workdir + ':' + os.path.join(build, 'python'))
        remote_dir = mountpoint + workdir
        peers = [('python3 + mpi4py', ['/usr/bin/python3', 'driver.py'], {'BENCH_MPI4PY': '1'}),
                 ('pargist-python', [pargist_python, 'driver.py'], {})]
        for service in [int(s) for s in args.service_us.split(',')]:
            server = Server(server_bin, mountpoint, service)
            try:
                for p in ranks:
                    row = {'service': service, 'P': p}
                    runs = {name: [] for name, _, _ in peers}
                    for _ in range(args.reps):
                        for name, cmd, extra in peers:
                            before = server.requests()['total']
                            wall, imports = embed_bench.run_job(cmd, p, remote_dir, dict(env, **extra))
                            runs[name].append((wall, imports, server.requests()['total'] - before))
                    for name, _, _ in peers:
                        row[name] = min(runs[name])
                        print(service, p, name, '%.2f s (imports %.2f s), %d requests' % row[name], flush=True)
                    rows.append(row)
            finally:
                server.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        os.rmdir(mountpoint)

    lines = [
        '# Start-up on a shared file system (a model of its metadata server)',
        '',
        'Generated by `tests/bench/fuse_bench.py` on %s (%d cores, shared; ranks oversubscribed past '
        'the core count). A FUSE file system passes / through and serves every request one at a time '
        'after a fixed service time, kernel caches off (entries, attributes and data asked for every '
        'time). Python\'s installation (PYTHONHOME: standard library, numpy, mpi4py) and a generated '
        'package of %d Python modules and %d C extensions are read through it; the interpreter\'s '
        'binary and MPI are local. Workload: `import numpy` and the package (python3 also imports '
        'mpi4py first, for MPI_Init, as pargist-python initialises MPI). Wall time of the job '
        '(mpirun to exit), best of %d runs with the peers taking turns, the slowest rank\'s import '
        'time in brackets; requests: served by the server during that run.'
        % (time.strftime('%Y-%m-%d %H:%M'), os.cpu_count(), n_modules, embed_bench.N_EXTENSIONS, args.reps),
        '',
        '| service time | P | python3 + mpi4py wall (imports) s | requests | pargist-python wall (imports) s '
        '| requests | speed-up |',
        '|---:|---:|---|---:|---|---:|---:|',
    ]
    for row in rows:
        a, b = row['python3 + mpi4py'], row['pargist-python']
        lines.append('| %d us | %d | %.2f (%.2f) | %d | %.2f (%.2f) | %d | %.1fx |' % (
            row['service'], row['P'], a[0], a[1], a[2], b[0], b[1], b[2], a[0] / b[0]))
    lines.append('')
    with open(args.output, 'w') as f:
        f.write('\n'.join(lines))
    print('\n'.join(lines))


if __name__ == '__main__':
    main()
