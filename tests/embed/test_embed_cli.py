"""pargist-python from the outside: a serial pytest (plain python3) that
starts `mpirun -n P pargist-python ...` and checks sys.argv, exit statuses,
the failure modes (divergent imports, a missing module, a syntax error, an
exception on one rank), the console through a pseudo-terminal, and with
strace that only rank 0 touches the module search path. Every subprocess
has a timeout, so a hang fails the test instead of blocking CI."""

import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'support'))
sys.path.insert(0, HERE)
from strace_counts import module_path_calls  # noqa: E402

from cli_support import BINARY_DIR, MPIRUN, PARGIST_PYTHON, TIMEOUT, env_for_tests, run, script_writer  # noqa: E402


@pytest.fixture
def scripts(tmp_path):
    return script_writer(tmp_path)


# ------------------------------------------------------------------ basics

def test_program_exists():
    assert os.access(PARGIST_PYTHON, os.X_OK), PARGIST_PYTHON


def test_script_argv_and_exit_status(scripts):
    path = scripts('show.py', 'import sys, _pargist_embed as e\n'
                              'sys.stdout.write("argv %d %r %s\\n" % (e.rank(), sys.argv, __file__ == sys.argv[0]))\n'
                              'sys.exit(3)\n')
    proc = run(2, path, 'a', 'b c')
    assert proc.returncode == 3, proc.stderr
    for r in (0, 1):
        assert "argv %d [%r, 'a', 'b c'] True" % (r, path) in proc.stdout


def test_command_and_module_modes(scripts, tmp_path):
    proc = run(2, '-c', 'import sys; sys.stdout.write("c-argv %r %r\\n" % (sys.argv, sys.path[0]))', 'x')
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("c-argv ['-c', 'x'] ''") == 2
    scripts('pkgmain/__init__.py', '')
    mod = scripts('pkgmain/tool.py', 'import sys\nsys.stdout.write("m-argv %r %s\\n" % (sys.argv[1:], __name__))\n')
    proc = run(2, '-m', 'pkgmain.tool', 'y', cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("m-argv ['y'] __main__") == 2
    del mod


def test_directory_and_zip_archive_run_as_python3_runs_them(scripts, tmp_path):
    # `python3 dir` and `python3 app.pyz` run the __main__.py inside, with
    # the directory or archive first on sys.path.
    show = ('import sys\nsys.stdout.write("main %r %r %r %s\\n" % '
            '(sys.path[0], sys.argv, __file__, __name__))\n')
    scripts('app/__main__.py', show)
    subprocess.run([sys.executable, '-m', 'zipapp', str(tmp_path / 'app'), '-o', str(tmp_path / 'app.pyz')],
                   check=True, timeout=60)
    for target in ('app', 'app.pyz'):
        plain = subprocess.run(['/usr/bin/python3', target, 'x'], cwd=str(tmp_path), capture_output=True,
                               text=True, timeout=60)
        assert plain.returncode == 0, plain.stderr
        proc = run(2, target, 'x', cwd=str(tmp_path))
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.splitlines() == [plain.stdout.strip()] * 2, (proc.stdout, plain.stdout)


def test_script_from_stdin(scripts):
    path = scripts('in.py', 'import sys, _pargist_embed as e\nsys.stdout.write("stdin-rank %d\\n" % e.rank())\n')
    with open(path) as f:
        proc = run(2, '-', stdin=f)
    assert proc.returncode == 0, proc.stderr
    assert 'stdin-rank 0' in proc.stdout and 'stdin-rank 1' in proc.stdout


def test_missing_script_is_status_2():
    proc = run(2, '/nonexistent/script.py')
    assert proc.returncode == 2
    assert "can't open file" in proc.stderr


def test_uncaught_exception_same_on_all_ranks_printed_once(scripts):
    path = scripts('fail.py', 'def f():\n    raise KeyError("everyone")\nf()\n')
    proc = run(4, path)
    assert proc.returncode == 1
    assert proc.stderr.count("KeyError: 'everyone'") == 1, proc.stderr
    assert 'line 2, in f' in proc.stderr


def test_stats_and_plain_imports_switch():
    proc = run(2, '-c', 'import json', env=env_for_tests(PARGIST_IMPORT_STATS='1'))
    assert proc.returncode == 0, proc.stderr
    m = re.search(r'(\d+) modules broadcast .* (\d+) bytes broadcast, ([\d.]+) s', proc.stderr)
    assert m and int(m.group(1)) > 0 and int(m.group(2)) > 0, proc.stderr
    proc = run(2, '-c', 'import json, sys, _pargist_embed as e; sys.stdout.write("finder %s\\n" % (e.BroadcastFinder in sys.meta_path))',
               env=env_for_tests(PARGIST_BCAST_IMPORT='0', PARGIST_IMPORT_STATS='1'))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count('finder False') == 2
    assert '0 modules broadcast' in proc.stderr


# -------------------------------------------------------------- failures

def test_divergent_imports_name_modules_and_ranks(scripts):
    path = scripts('diverge.py', 'import _pargist_embed as e\n'
                                 'if e.rank() == 1:\n    import json\n'
                                 'else:\n    import email\n')
    start = time.monotonic()
    proc = run(4, path)
    assert proc.returncode != 0
    assert time.monotonic() - start < 60
    assert "rank 1 imports 'json' where rank 0 imports 'email'" in proc.stderr, proc.stderr


def test_import_on_one_rank_only_while_others_finish(scripts):
    path = scripts('late.py', 'import _pargist_embed as e\n'
                              'if e.rank() == 2:\n    import wave\n')
    proc = run(4, path)
    assert proc.returncode != 0
    assert "rank 2 imports 'wave' where rank 0 has finished the program" in proc.stderr, proc.stderr


def test_missing_module_same_error_everywhere(scripts):
    path = scripts('missing.py', 'import no_such_module_anywhere\n')
    proc = run(4, path)
    assert proc.returncode == 1
    assert proc.stderr.count("ModuleNotFoundError: No module named 'no_such_module_anywhere'") == 1, proc.stderr


def test_syntax_error_in_module(scripts, tmp_path):
    scripts('badmod.py', 'x = 1\nif x ==:\n    pass\n')
    path = scripts('usebad.py', 'import badmod\n')
    proc = run(4, path)
    assert proc.returncode == 1
    assert 'badmod.py", line 2' in proc.stderr and 'SyntaxError' in proc.stderr, proc.stderr
    assert proc.stderr.count('SyntaxError') == 1


def test_exception_on_rank_2_while_others_wait(scripts):
    """Others block in a collective of their own (mpi4py barrier): rank 2
    gives up after PARGIST_ABORT_TIMEOUT, prints its traceback, aborts."""
    path = scripts('rank2.py', 'from mpi4py import MPI\n'
                               'if MPI.COMM_WORLD.rank == 2:\n'
                               '    raise ValueError("boom on rank 2")\n'
                               'MPI.COMM_WORLD.barrier()\n')
    start = time.monotonic()
    proc = run(4, path, env=env_for_tests(PARGIST_ABORT_TIMEOUT='1'))
    assert proc.returncode != 0
    assert time.monotonic() - start < 60
    assert 'ValueError: boom on rank 2' in proc.stderr
    assert 'rank 2 of 4 failed' in proc.stderr, proc.stderr


def test_node_directory_removed_when_rank_0_is_killed(scripts):
    """SIGKILL runs no handler (OpenMPI's launcher sends it a moment after
    SIGTERM): the node directory's watcher removes it all the same."""
    path = scripts('killed.py', (
        'import os, signal, sys, time, zoneinfo, _pargist_embed as e\n'
        'copies = {l.split()[5] for l in open("/proc/self/maps") if "pargist-python-" in l and l.rstrip().endswith(".so")}\n'
        'sys.stdout.write("COPIES %s\\n" % " ".join(sorted(copies)))\n'
        'sys.stdout.flush()\n'
        'time.sleep(0.5)\n'
        'if e.rank() == 0:\n'
        '    os.kill(os.getpid(), signal.SIGKILL)\n'
        'time.sleep(30)\n'))
    proc = run(2, path)
    assert proc.returncode != 0
    dirs = {os.path.dirname(p) for line in proc.stdout.splitlines() if line.startswith('COPIES ')
            for p in line.split()[1:]}
    assert len(dirs) == 1, proc.stdout
    directory = dirs.pop()
    deadline = time.monotonic() + 10
    while os.path.exists(directory) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not os.path.exists(directory), directory


@pytest.fixture
def small_tmpfs(tmp_path):
    """A 1 MiB tmpfs (as a container's small /dev/shm): needs the right to
    mount, else the test is skipped."""
    where = tmp_path / 'small'
    where.mkdir()
    if os.geteuid() != 0 or subprocess.run(['mount', '-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', str(where)],
                                           capture_output=True).returncode != 0:
        pytest.skip('cannot mount a tmpfs here')
    try:
        yield str(where)
    finally:
        subprocess.run(['umount', str(where)], capture_output=True)


def test_node_directory_full_is_the_same_import_error_everywhere(small_tmpfs):
    """numpy's largest extension module does not fit: every rank raises the
    same ImportError (one traceback, no pargist-python frames in it), the
    job ends with status 1, nothing is left behind."""
    proc = run(2, '-c', 'import numpy', env=env_for_tests(PARGIST_NODE_TMPDIR=small_tmpfs))
    assert proc.returncode == 1, proc.stderr
    assert "cannot stage the extension module 'numpy.core._multiarray_umath'" in proc.stderr
    assert 'No space left on device' in proc.stderr
    assert '<pargist-boot>' not in proc.stderr
    assert 'rank 0 of 2' not in proc.stderr  # the same traceback on both ranks: printed once
    assert os.listdir(small_tmpfs) == []


def test_exception_on_rank_2_while_others_finish(scripts):
    path = scripts('rank2b.py', 'import _pargist_embed as e\n'
                                'if e.rank() == 2:\n    raise ValueError("only two")\n')
    proc = run(4, path)
    assert proc.returncode == 1
    assert 'pargist-python: rank 2 of 4:' in proc.stderr
    assert proc.stderr.count('ValueError: only two') == 1


# ------------------------------------------------------------- console

def test_pythoninspect_set_by_the_script_opens_the_console(scripts):
    # A debugging habit: os.environ['PYTHONINSPECT'] = '1' in the script,
    # and the console follows it, with the script's variables.
    path = scripts('inspect_me.py', 'import os\nx = 41\nos.environ["PYTHONINSPECT"] = "1"\n')
    proc = subprocess.run([MPIRUN, '-n', '2', '--oversubscribe', PARGIST_PYTHON, path],
                          input='print("console", x + 1)\n', env=env_for_tests(),
                          capture_output=True, text=True, timeout=TIMEOUT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count('console 42') == 1, proc.stdout


@pytest.mark.parametrize('line, status, message', [
    ('exit(3)', 3, None),
    ('import sys; sys.exit("bye")', 1, 'bye'),
    ('raise SystemExit', 0, None),
])
def test_console_exit_ends_the_job_as_python3_does(line, status, message):
    # At the prompt as in a script: the status python3 gives, the message
    # once, every rank through the job's exit (MPI_Finalize included).
    proc = subprocess.run([MPIRUN, '-n', '2', '--oversubscribe', PARGIST_PYTHON, '-q'],
                          input=line + '\nprint("not reached")\n', env=env_for_tests(),
                          capture_output=True, text=True, timeout=TIMEOUT)
    assert proc.returncode == status, proc.stderr
    assert 'not reached' not in proc.stdout
    assert 'Traceback' not in proc.stderr
    if message:
        assert proc.stderr.count(message) == 1, proc.stderr


class Terminal:
    """The master side of a pseudo-terminal, read with a deadline."""

    def __init__(self, fd, timeout):
        self.fd, self.text, self.mark = fd, '', 0
        self.deadline = time.monotonic() + timeout

    def expect(self, pattern):
        """Waits for `pattern` after the previous match; False on timeout/EOF."""
        regex = re.compile(pattern)
        while True:
            m = regex.search(self.text, self.mark)
            if m:
                self.mark = m.end()
                return True
            left = self.deadline - time.monotonic()
            if left <= 0:
                return False
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.2))
            if ready:
                try:
                    data = os.read(self.fd, 4096)
                except OSError:
                    data = b''
                if not data:
                    return bool(regex.search(self.text, self.mark))
                self.text += data.decode('utf-8', 'replace')

    def send(self, data):
        os.write(self.fd, data)


def test_console_through_a_pty_and_ctrl_d():
    """Lines typed at rank 0's terminal run on both ranks; a failure on rank
    1 only is shown and both ranks return to the prompt; Ctrl-D ends all."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(MPIRUN, [MPIRUN, '-n', '2', '--oversubscribe', PARGIST_PYTHON, '-q'],
                   env_for_tests())
    term = Terminal(fd, TIMEOUT)
    try:
        assert term.expect(r'>>> '), term.text
        term.send(b'import _pargist_embed as e\n')
        assert term.expect(r'>>> '), term.text
        term.send(b'print("sum", 6 * 7 + e.size())\n')
        assert term.expect(r'sum 44'), term.text
        assert term.expect(r'>>> '), term.text
        term.send(b'1 / (e.rank() - 1)\n')
        # stdout (the prompt) and stderr (the report) reach the terminal
        # through separate pipes: their order is not fixed.
        assert term.expect(r'\[rank 1\]\s+Traceback'), term.text
        assert term.expect(r'ZeroDivisionError'), term.text
        term.send(b'print("back", e.rank())\n')
        assert term.expect(r'back 0'), term.text
        assert term.expect(r'>>> '), term.text
        term.send(b'\x04')
        term.expect(r'$^')  # drain until EOF or the deadline
        _, status = os.waitpid(pid, 0)
        pid = 0
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, term.text
    finally:
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
    assert 'back 1' not in term.text  # rank 0 only prints by default


# -------------------------------------------------------------- strace

@pytest.mark.skipif(shutil.which('strace') is None, reason='strace not installed')
def test_strace_only_rank_0_touches_module_paths(tmp_path):
    probe = ('import sys, json, os; print("SYSPATH" + json.dumps([os.path.abspath(p or ".") '
             'for p in sys.path]))')
    env = env_for_tests(PYTHONPATH=os.path.join(BINARY_DIR, 'python'))
    plain = subprocess.run([sys.executable, '-c', probe], env=env, cwd=str(tmp_path),
                           capture_output=True, text=True, timeout=TIMEOUT)
    roots = set(__import__('json').loads(plain.stdout.split('SYSPATH', 1)[1]))
    proc = run(1, '-c', probe, env=env, cwd=str(tmp_path))
    roots |= set(__import__('json').loads(proc.stdout.split('SYSPATH', 1)[1]))

    def traced(*cmd):
        out = str(tmp_path / ('trace-%d.txt' % len(os.listdir(tmp_path))))
        subprocess.run(['strace', '-f', '-v', '-s', '512', '-o', out, '-e', 'trace=execve,%file',
                        MPIRUN, '-n', '4', '--oversubscribe', *cmd, '-c', 'import numpy'],
                       env=env, cwd=str(tmp_path), check=True, capture_output=True,
                       timeout=TIMEOUT * 2)
        return module_path_calls(out, roots)

    ours = traced(PARGIST_PYTHON)
    theirs = traced(sys.executable)
    report = 'pargist-python %s, python3 %s' % (ours, theirs)
    print(report)
    assert theirs.get(1, 0) > 300, report  # the probe sees plain python's searches
    for rank in (1, 2, 3):
        assert ours.get(rank, 0) <= 10, report
    assert ours.get(0, 0) <= theirs.get(0, 0), report
