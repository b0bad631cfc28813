"""Run by pargist-python itself under mpirun -n 1, 2 and 4 (see
CMakeLists.txt): the broadcast importer must give every rank exactly what
plain python3 gives, for real packages, a generated package tree, a
namespace package, bytecode-only and C extension modules, and errors."""

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

import pytest

import _pargist_embed as embed
import embed_probe

RANK, SIZE = embed.rank(), embed.size()
BINARY_DIR = os.environ.get('PARGIST_BINARY_DIR', '')
PLAIN_PYTHON = os.environ.get('PARGIST_PLAIN_PYTHON', '/usr/bin/python3')


def bcast_json(value=None):
    return json.loads(embed.bcast_bytes(json.dumps(value).encode() if RANK == 0 else None))


def barrier():
    assert embed.agree('test-barrier:') == []


@pytest.fixture(scope='module')
def tree():
    """Rank 0 writes the generated packages, then tells the others where."""
    root = None
    if RANK == 0:
        exts = glob.glob(os.path.join(BINARY_DIR, 'tests', 'embed', '_cext*.so'))
        assert exts, 'the test extension _cext was not built in ' + BINARY_DIR
        root = tempfile.mkdtemp(prefix='pargist-embed-test-')
        embed_probe.make_tree(root, exts[0])
    root = bcast_json(root)
    yield root
    barrier()
    if RANK == 0:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope='module')
def expected(tree):
    """What plain python3 reports for the same imports (run by rank 0)."""
    result = None
    if RANK == 0:
        env = dict(os.environ)
        env['PYTHONPATH'] = os.path.dirname(os.path.abspath(__file__))
        proc = subprocess.run([PLAIN_PYTHON, embed_probe.__file__, tree], env=env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        result = json.loads(proc.stdout)
    return bcast_json(result)


@pytest.fixture(scope='module')
def actual(tree):
    return json.loads(json.dumps(embed_probe.probe(tree)))


SECTIONS = ['numpy', 'email', 'json', 'gentree', 'relative', 'resource', 'getsource',
            'bytecode', 'extension', 'namespace', 'broken', 'syntax', 'missing', 'finder_raises',
            'find_spec']


@pytest.mark.parametrize('section', SECTIONS)
def test_same_as_plain_python(section, expected, actual):
    assert actual[section] == expected[section]


def test_the_importer_did_the_work(actual):
    """The modules above came through the broadcast importer."""
    import gentree.sub
    assert type(gentree.sub.__loader__).__name__ == 'BroadcastSourceLoader'
    assert embed.BroadcastFinder in sys.meta_path
    assert all(f is not embed._path_finder for f in sys.meta_path)


def test_extension_loaded_from_node_copy_reports_original(actual, tree):
    import gentree._cext
    assert gentree._cext.__file__.startswith(tree)
    assert gentree._cext.answer() == 42


def test_read_file_same_on_every_rank(tree):
    path = os.path.join(tree, 'gentree', 'data.txt')
    assert embed.read_file(path) == 'hello data\n'
    assert embed.read_file(path, 'rb') == b'hello data\n'
    texts = embed.gather_bytes(embed.read_file(path, 'rb'))
    if RANK == 0:
        assert texts == [b'hello data\n'] * SIZE


def test_read_file_missing_raises_everywhere(tree):
    with pytest.raises(FileNotFoundError) as info:
        embed.read_file(os.path.join(tree, 'no-such-file.txt'))
    assert info.value.filename.endswith('no-such-file.txt')


def test_local_imports_are_per_rank(tree):
    # A module only some ranks import is fine inside local_imports().
    if RANK == SIZE - 1:
        with embed.local_imports():
            import gentree.sub.deep
            import csv  # noqa: F401  (only this rank)
    barrier()


def test_output_all_prefixes_lines(capfd):
    embed.output('all')
    try:
        print('hello from', RANK)
        sys.stdout.flush()
    finally:
        embed.output('raw')
    out = capfd.readouterr().out
    assert ('[%d] hello from %d' % (RANK, RANK) if SIZE > 1 else 'hello from 0') in out


def test_builtin_pargist_core_when_linked():
    try:
        import pargist._core as core
    except ImportError:
        pytest.skip('pargist._core not linked into this pargist-python')
    assert core.__spec__.origin == 'built-in'
    assert core.__name__ == 'pargist._core'
