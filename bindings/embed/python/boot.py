# The Python half of pargist-python, compiled into the program and executed
# inside the builtin module _pargist_embed, next to its MPI primitives
# (rank, size, node_size, post_bytes, receive_bytes, bcast_bytes, agree,
# allreduce_min, gather_bytes, copy_node_file_here, stage_node_file, abort;
# see src/embed_module.cpp).
#
# It runs before `encodings` and `site` exist, so until _main() it may only
# use builtin and frozen modules: sys, _imp, marshal, posix, _io, _thread,
# time and the frozen importlib bootstrap.
#
# The broadcast importer: for every import, rank 0 finds the module with
# the normal machinery and reads its code; one broadcast carries the name
# asked for, the spec and the code; every other rank checks the name against
# its own (a rank importing something the others do not is reported, and the
# job aborted, instead of deadlocking) and builds the module from memory.
# Rank 0 posts and goes on: it never waits for the other ranks.

import sys
import _imp
import _io
import _thread
import marshal
import posix
import time as _time
import _frozen_importlib as _bootstrap

_RANK = rank()
_SIZE = size()
_ONE_NODE = node_size() == _SIZE
_MAIN_THREAD = _thread.get_ident()
_BOOT_FILE = '<pargist-boot>'
_DEBUG = posix.environ.get(b'PARGIST_EMBED_DEBUG', b'').decode()


def _debug_write(text):
    """PARGIST_EMBED_DEBUG=dir: each rank logs its collective steps to
    dir/rank-N.log (a tool for finding where ranks parted ways)."""
    fd = posix.open('%s/rank-%d.log' % (_DEBUG, _RANK), posix.O_WRONLY | posix.O_CREAT | posix.O_APPEND, 0o644)
    try:
        posix.write(fd, text.encode('utf-8', 'replace'))
    finally:
        posix.close(fd)


class _Stats:
    enabled = False
    modules = 0          # modules whose code or file went through a broadcast
    extensions = 0
    local = 0            # imports left to each rank (fallback kinds)
    nbytes = 0
    seconds = 0.0
    files = 0            # read_file() calls


# ---------------------------------------------------------------- collectives

def _describe_ranks(ranks):
    """[0, 1, 2, 5] -> '0-2,5'"""
    parts, start, prev = [], None, None
    for r in sorted(ranks):
        if start is None:
            start = prev = r
        elif r == prev + 1:
            prev = r
        else:
            parts.append(str(start) if start == prev else '%d-%d' % (start, prev))
            start = prev = r
    if start is not None:
        parts.append(str(start) if start == prev else '%d-%d' % (start, prev))
    return ','.join(parts)


def _tag_words(tag):
    """'import:json' -> "imports 'json'" (for error messages)."""
    kind, _, arg = tag.partition(':')
    if kind == 'import':
        return 'imports %r' % arg
    if kind == 'read_file':
        return 'calls read_file(%r)' % arg
    if kind == 'exit':
        return 'has finished the program'
    if kind == 'console':
        return 'waits at the console prompt'
    return 'runs %s %r' % (kind, arg)


def _divergence_message(mine, rank0s):
    return ('pargist-python: rank %d %s where rank 0 %s: imports and read_file() must be '
            'made by all ranks in the same order; aborting the job (imports made by some '
            'ranks only, e.g. under `if rank == 0:`, go in `with pargist.parallel.local_imports():`)\n' % (
                _RANK, _tag_words(mine), _tag_words(rank0s)))


class _Mismatch(Exception):
    def __init__(self, rank0_tag):
        super().__init__(rank0_tag)
        self.rank0_tag = rank0_tag


def _exchange(tag, obj=None, timeout=-1.0, payload=None):
    """One step of the importer, named `tag` on every rank: returns rank 0's
    (`obj`, `payload`) on every rank. Rank 0 posts them and goes on without
    waiting; each other rank checks that rank 0's tag is its own. A rank
    whose tag differs (a rank importing something the others do not, or in
    another order) says which and aborts the job: its state no longer
    matches rank 0's. `payload` (bytes-like, e.g. code read from a .pyc)
    travels as it is, after the marshalled head; it arrives as a memoryview."""
    if _SIZE == 1:
        return obj, payload
    if _forked:
        raise RuntimeError('pargist-python: a process forked from a rank takes no part in '
                           "the job's collective steps")
    if _DEBUG:
        _debug_write('%s\n' % tag)
    if _RANK == 0:
        head = marshal.dumps((tag, obj, payload is not None))
        _Stats.nbytes += len(head) + (len(payload) if payload is not None else 0)
        post_bytes(len(head).to_bytes(4, 'little') + head, b'' if payload is None else payload)
        return obj, payload
    data = receive_bytes(timeout)
    if data is None:
        raise TimeoutError('rank 0 did not arrive in time')
    size = int.from_bytes(data[:4], 'little')
    view = memoryview(data)
    rank0_tag, obj, has_payload = marshal.loads(view[4:4 + size])
    if rank0_tag != tag:
        raise _Mismatch(rank0_tag)
    return obj, (view[4 + size:] if has_payload else None)


def _step_with(tag, obj=None, payload=None):
    """_exchange() for steps made from running code: a mismatch ends the
    job. Returns (obj, payload)."""
    try:
        return _exchange(tag, obj, payload=payload)
    except _Mismatch as m:
        _write_fd2(_divergence_message(tag, m.rank0_tag))
        abort(1)


def _step(tag, obj=None):
    """_step_with() without a payload: returns obj."""
    return _step_with(tag, obj)[0]


def _bcast_obj(obj=None):
    """Rank 0's obj on every rank (for steps already known to be in step)."""
    if _SIZE == 1:
        return obj
    return marshal.loads(bcast_bytes(marshal.dumps(obj) if _RANK == 0 else None))


# ---------------------------------------------------------------- local mode

_local_depth = 0


class local_imports:
    """`with local_imports():` imports made inside are plain per-rank imports
    (each rank searches the file system itself; no collective)."""

    def __enter__(self):
        global _local_depth
        _local_depth += 1
        return self

    def __exit__(self, *exc):
        global _local_depth
        _local_depth -= 1
        return False


def _is_local():
    return _forked or _local_depth > 0 or _thread.get_ident() != _MAIN_THREAD


# ------------------------------------------------------------ forked children

_forked = False


def _after_fork_in_child():
    """A child the script forks (os.fork, multiprocessing's default start
    method) is no rank of the job: from here on it imports and reads files
    on its own, as under python3, and ends without the job's exit step (its
    parent rank still holds MPI and the node-local directory)."""
    global _forked
    _forked = True


# -------------------------------------------------------------------- loaders

def _external():
    return sys.modules['_frozen_importlib_external']


_loader_classes = {}


def _same_exception(exc_name, text):
    """The exception rank 0 raised, rebuilt from its name and text: the same
    builtin type (so that `except ImportError:` and the like take the same
    branch on every rank), else ImportError."""
    exc_type = getattr(sys.modules['builtins'], exc_name, None)
    if not (isinstance(exc_type, type) and issubclass(exc_type, Exception)):
        exc_type = ImportError
    return exc_type(text)


def _staging_error(name, error):
    """A failure to put an extension module where the other ranks load it
    (node-local directory full or gone): an ImportError on every rank."""
    why = str(error)
    if why.startswith('pargist-python: '):
        why = why[len('pargist-python: '):]
    return ImportError('pargist-python: cannot stage the extension module %r for the other ranks: %s'
                       % (name, why), name=name)


class _MemoryCode:
    """Mixed into the standard file loaders: get_code() returns what rank 0
    sent (marshalled code, source that did not compile, or an error to
    raise) instead of reading the file. _pargist_kind says which."""
    _pargist_kind = None
    _pargist_payload = None

    def get_code(self, fullname):
        kind, payload = self._pargist_kind, self._pargist_payload
        if fullname != self.name or kind is None:
            return super().get_code(fullname)
        self._pargist_kind = self._pargist_payload = None  # used once
        if kind == 'error':
            raise _same_exception(*payload)
        if kind in ('source', 'bytecode') and not isinstance(payload, (bytes, memoryview)):
            return payload  # rank 0's own code object
        if kind == 'source-text':
            # Rank 0 could not compile it: every rank compiles, so the same
            # SyntaxError is raised everywhere, from the module's exec.
            return self.source_to_code(payload, self.path)
        return marshal.loads(payload)


def _loader_class(kind):
    """Subclasses of the standard loaders, made on first use because the
    standard classes exist only once _frozen_importlib_external is in."""
    group = 'extension' if kind == 'extension' else 'bytecode' if kind == 'bytecode' else 'source'
    cls = _loader_classes.get(group)
    if cls is not None:
        return cls
    ext = _external()
    if group == 'source':
        cls = type('BroadcastSourceLoader', (_MemoryCode, ext.SourceFileLoader), {})
    elif group == 'bytecode':
        cls = type('BroadcastSourcelessLoader', (_MemoryCode, ext.SourcelessFileLoader), {})
    else:
        class BroadcastExtensionLoader(ext.ExtensionFileLoader):
            """Loads this node's copy of the file, reports the original path."""
            _pargist_load_path = None

            def create_module(self, spec):
                load_path, self._pargist_load_path = self._pargist_load_path, None
                if load_path is None or load_path == spec.origin:
                    return super().create_module(spec)
                module = _imp.create_dynamic(_bootstrap.ModuleSpec(spec.name, self, origin=load_path))
                try:
                    module.__file__ = spec.origin
                except AttributeError:
                    pass
                return module
        cls = BroadcastExtensionLoader
    cls.__module__ = '_pargist_embed'
    _loader_classes[group] = cls
    return cls


# -------------------------------------------------------------------- finder

_path_finder = None


def _take_path_finder():
    """PathFinder leaves sys.meta_path: only rank 0 may search sys.path, and
    it does so on everybody's behalf through BroadcastFinder."""
    global _path_finder
    ext = sys.modules.get('_frozen_importlib_external')
    if ext is None:
        return None
    if _path_finder is None:
        _path_finder = ext.PathFinder
    while _path_finder in sys.meta_path:
        sys.meta_path.remove(_path_finder)
    return _path_finder


def _normal_find(name, path, target):
    """What plain Python would find: PathFinder, then the other finders."""
    pf = _take_path_finder()
    if pf is not None:
        spec = pf.find_spec(name, path, target)
        if spec is not None:
            return spec
    seen_self = False
    for finder in list(sys.meta_path):
        if finder is BroadcastFinder:
            seen_self = True
            continue
        if not seen_self or finder in (_bootstrap.BuiltinImporter, _bootstrap.FrozenImporter):
            continue
        find = getattr(finder, 'find_spec', None)
        if find is not None:
            spec = find(name, path, target)
            if spec is not None:
                return spec
    return None


def _read_file_bytes(path):
    with _io.open(path, 'rb') as f:
        return f.read()


def _read_code(loader, name):
    """Rank 0: (marshalled code for the others, code object for itself).
    A valid cached .pyc is sent as read, without marshalling it again."""
    reads = []
    real_get_data = loader.get_data

    def get_data(path):
        data = real_get_data(path)
        reads.append((path, data))
        return data

    loader.get_data = get_data  # an instance attribute shadows the method
    try:
        code = loader.get_code(name)
    finally:
        del loader.get_data
    if reads and reads[-1][0].endswith('.pyc'):
        return memoryview(reads[-1][1])[16:], code
    return (marshal.dumps(code) if _SIZE > 1 else b''), code


def _message_for(name, spec):
    """Rank 0: ((kind, origin, cached, search_locations, payload), what
    rank 0 itself uses instead of the payload)."""
    if spec is None:
        return ('none', None, None, None, None), None
    ext = _external()
    loader = spec.loader
    locations = spec.submodule_search_locations
    locations = list(locations) if locations is not None else None
    if loader is None and locations is not None:
        return ('namespace', None, None, locations, None), None
    ltype = type(loader)
    if ltype in (ext.SourceFileLoader, ext.SourcelessFileLoader) and spec.has_location:
        kind = 'source' if ltype is ext.SourceFileLoader else 'bytecode'
        try:
            payload, own = _read_code(loader, name)
        except SyntaxError:
            kind = 'source-text'
            payload = own = loader.get_data(spec.origin)
        except Exception as e:
            kind = 'error'
            payload = own = (type(e).__name__, str(e))
        return (kind, spec.origin, spec.cached, locations, payload), own
    if ltype is ext.ExtensionFileLoader and spec.has_location:
        staged = None
        if _SIZE > 1 and _ONE_NODE:
            # Every rank is on this node: write the copy now and send its
            # path with the spec (no extra collective step).
            try:
                staged, size = copy_node_file_here(spec.origin, _node_file_name(name, spec.origin))
            except RuntimeError as e:
                raise _staging_error(name, e) from None
            _Stats.nbytes += size
        return ('extension', spec.origin, spec.cached, locations, staged), None
    return ('local', None, None, None, None), None


def _node_file_name(name, origin):
    return name + '-' + origin.rpartition('/')[2]


def _spec_from_message(name, msg, own=None):
    """Every rank: the spec rank 0 described; `own` (rank 0 only) replaces
    the payload, e.g. the code object the payload was marshalled from."""
    kind, origin, cached, locations, payload = msg
    if own is not None:
        payload = own
    if kind == 'none':
        return None
    if kind == 'namespace':
        spec = _bootstrap.ModuleSpec(name, None, is_package=True)
        spec.submodule_search_locations = _external()._NamespacePath(
            name, list(locations), _path_finder._get_spec)
        return spec
    loader = _loader_class(kind)(name, origin)
    if kind == 'extension':
        load_path = payload or origin
        if _SIZE > 1 and not _ONE_NODE:
            # One rank per node writes rank 0's bytes to its node-local
            # directory; the other ranks of the node load that copy.
            data = _read_file_bytes(origin) if _RANK == 0 else None
            if _RANK == 0:
                _Stats.nbytes += len(data)
            # Rank 0 loads the copy as well: its read replaces the open
            # the dynamic loader would make of the original.
            try:
                load_path = stage_node_file(data, _node_file_name(name, origin))
            except RuntimeError as e:  # on every rank: the step is collective
                raise _staging_error(name, e) from None
        loader._pargist_load_path = load_path
        _Stats.extensions += 1
    else:
        loader._pargist_kind, loader._pargist_payload = kind, payload
    spec = _bootstrap.ModuleSpec(name, loader, origin=origin, is_package=locations is not None)
    spec.has_location = True
    spec.cached = cached
    if locations is not None:
        spec.submodule_search_locations = list(locations)
    return spec


def _broadcast_find(name, path, target, find):
    """The collective step of one import: agree on the name, rank 0 calls
    find(name, path, target) and reads the code, one broadcast, every rank
    builds the same spec."""
    global _local_depth
    if _is_local():
        return find(name, path, target)
    start = _time.perf_counter()
    try:
        if _RANK == 0:
            # Rank 0 searches first; the same step then checks that every
            # rank asked for this name and hands out the result.
            _local_depth += 1  # a finder that imports must not start a collective
            try:
                msg, own = _message_for(name, find(name, path, target))
            except Exception as e:
                msg, own = ('find-error', None, None, None, (type(e).__name__, str(e))), None
                failure = e
            finally:
                _local_depth -= 1
        else:
            msg = own = None
        # The code travels as a raw payload after the head (no copy into it).
        code = msg[4] if _RANK == 0 and msg[0] in ('source', 'bytecode') else None
        head, code = _step_with('import:' + name, msg if code is None else msg[:4] + (None,), code)
        msg = head if code is None else head[:4] + (code,)
        if msg[0] == 'find-error':
            if _RANK == 0:
                raise failure
            exc = _same_exception(*msg[4])  # same text: tracebacks group as one
            if isinstance(exc, ImportError):
                exc.name = name
            raise exc
        if msg[0] == 'local':
            _Stats.local += 1
            with local_imports():
                return find(name, path, target)
        if msg[0] != 'none':
            _Stats.modules += 1
        return _spec_from_message(name, msg, own)
    finally:
        _Stats.seconds += _time.perf_counter() - start


class BroadcastFinder:
    """First on sys.meta_path: rank 0 finds and reads, everybody receives."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        global _local_depth
        if _path_finder is None:
            _take_path_finder()  # first import after the main initialisation
        if _imp.is_builtin(name):
            if path is None:
                return None  # BuiltinImporter, next on sys.meta_path
            # pargist._core is a builtin with a dotted name, which
            # BuiltinImporter ignores inside a package.
            return _bootstrap.spec_from_loader(name, _bootstrap.BuiltinImporter, origin='built-in')
        if _imp.find_frozen(name) is not None:
            return None  # FrozenImporter
        if _is_local():
            pf = _take_path_finder()
            return pf.find_spec(name, path, target) if pf is not None else None

        return _broadcast_find(name, path, target, _normal_find)

    @classmethod
    def invalidate_caches(cls):
        if _path_finder is not None:
            _path_finder.invalidate_caches()


# ------------------------------------------------- site with rank 0's file view

class _Rank0FileView:
    """While `site` runs, the handful of file-system calls it makes (stat,
    lstat, listdir, open_code on the site directories and .pth files) are
    made by rank 0 and their results broadcast, so that the other ranks
    touch nothing on the module path and still run the same .pth lines."""

    def __init__(self, os_module, io_module):
        self.os, self.io = os_module, io_module

    def _call(self, what, func, arg, wrap):
        msg = None
        if _RANK == 0:
            try:
                msg = ('ok', wrap(func(arg)))
            except OSError as e:
                msg = ('err', (e.errno, e.strerror, e.filename))
        msg = _step('site:%s:%s' % (what, arg), msg)
        if msg[0] == 'err':
            raise OSError(*msg[1])
        return msg[1]

    def __enter__(self):
        os_, io_ = self.os, self.io
        self.saved = (os_.stat, os_.lstat, os_.listdir, io_.open_code)
        real_stat, real_lstat, real_listdir, real_open_code = self.saved
        stat_result = os_.stat_result

        def stat(p, *a, **k):
            if a or k or not isinstance(p, str):
                return real_stat(p, *a, **k)
            return stat_result(self._call('stat', real_stat, p, tuple))

        def lstat(p, *a, **k):
            if a or k or not isinstance(p, str):
                return real_lstat(p, *a, **k)
            return stat_result(self._call('lstat', real_lstat, p, tuple))

        def listdir(p='.'):
            if not isinstance(p, str):
                return real_listdir(p)
            return self._call('listdir', real_listdir, p, list)

        def open_code(p):
            return _io.BytesIO(self._call('open', _read_file_bytes, p, bytes))

        os_.stat, os_.lstat, os_.listdir, io_.open_code = stat, lstat, listdir, open_code

        # .pth lines that call PathFinder.find_spec themselves (the
        # *-nspkg.pth of namespace packages) go through the broadcast too.
        self.path_finder = _take_path_finder()
        if self.path_finder is not None:
            real_find = self.path_finder.find_spec
            self.saved_find = self.path_finder.__dict__['find_spec']
            self.path_finder.find_spec = classmethod(
                lambda cls, name, path=None, target=None: _broadcast_find(name, path, target, real_find))
        return self

    def __exit__(self, *exc):
        self.os.stat, self.os.lstat, self.os.listdir, self.io.open_code = self.saved
        if self.path_finder is not None:
            self.path_finder.find_spec = self.saved_find
        return False


class _SiteLoader(_bootstrap.FrozenImporter):
    """Runs the frozen `site` at start-up inside _Rank0FileView."""

    @staticmethod
    def exec_module(module):
        import os
        import io
        try:
            with _Rank0FileView(os, io):
                _bootstrap.FrozenImporter.exec_module(module)
        finally:
            module.__loader__ = _bootstrap.FrozenImporter
            module.__spec__.loader = _bootstrap.FrozenImporter


class _SiteHook:
    """Just before BroadcastFinder: hands the start-up `site` to _SiteLoader."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name != 'site' or path is not None:
            return None
        sys.meta_path.remove(cls)
        spec = _bootstrap.FrozenImporter.find_spec(name)
        if spec is not None:
            spec.loader = _SiteLoader
        return spec


# --------------------------------------------------------------- read_file

def read_file(path, mode='r', encoding=None):
    """Collective: rank 0 reads the file and broadcasts it; every rank gets
    the content (str for mode 'r', bytes for 'rb') or the same OSError."""
    if mode not in ('r', 'rb'):
        raise ValueError("read_file: mode must be 'r' or 'rb', not %r" % (mode,))
    path = posix.fspath(path)
    if isinstance(path, bytes):
        path = path.decode(sys.getfilesystemencoding(), 'surrogateescape')
    if _forked:
        data = _read_file_bytes(path)
        return data if mode == 'rb' else _io.TextIOWrapper(_io.BytesIO(data), encoding=encoding).read()
    msg = None
    if _RANK == 0:
        try:
            msg = ('ok', _read_file_bytes(path))
        except OSError as e:
            msg = ('err', (e.errno, e.strerror, e.filename))
    msg = _step('read_file:' + path, msg)
    _Stats.files += 1
    if msg[0] == 'err':
        raise OSError(*msg[1])
    data = msg[1]
    if mode == 'rb':
        return data
    return _io.TextIOWrapper(_io.BytesIO(data), encoding=encoding).read()


# ------------------------------------------------------------------ output

class _RankStream:
    """sys.stdout / sys.stderr of a rank: passes through, drops, or prefixes
    each line with the rank, as output() says."""

    def __init__(self, stream, is_stdout):
        self._stream = stream
        self._is_stdout = is_stdout
        self._pending = ''

    def write(self, text):
        mode = _output_mode
        if mode == 'root' and _RANK != 0 and self._is_stdout:
            return len(text)
        if mode != 'all' or _SIZE == 1:
            return self._stream.write(text)
        self._pending += text
        lines = self._pending.split('\n')
        self._pending = lines.pop()
        if lines:
            self._stream.write(''.join('[%d] %s\n' % (_RANK, line) for line in lines))
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        if self._pending:
            self._stream.write('[%d] %s' % (_RANK, self._pending))
            self._pending = ''
        return self._stream.flush()

    def __getattr__(self, name):
        return getattr(self._stream, name)


_output_mode = 'raw'
_OUTPUT_MODES = ('raw', 'root', 'all')


def output(mode=None):
    """Which ranks print: 'root' or '0' (rank 0 only; the console default),
    'all' (every rank, lines prefixed with [rank]) or 'raw' (every rank,
    unchanged; the default for scripts). Returns the mode in force."""
    global _output_mode
    if mode is None:
        return _output_mode
    if mode in (0, '0'):
        mode = 'root'  # pargist.parallel's spelling: rank 0 only
    if mode not in _OUTPUT_MODES:
        raise ValueError('output(): mode must be one of %s, not %r' % (', '.join(_OUTPUT_MODES), mode))
    for name in ('stdout', 'stderr'):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, _RankStream):
            setattr(sys, name, _RankStream(stream, name == 'stdout'))
        elif stream is not None:
            stream.flush()
    _output_mode = mode
    return mode


# ------------------------------------------------------------ running code

_abort_timeout = 10.0


def _ranks_by_text(texts):
    """[(text, ranks)] for the non-empty texts gathered from every rank: each
    text once, with the ranks that sent it, in the order of their first rank."""
    groups = {}
    for r, t in enumerate(texts):
        if t:
            groups.setdefault(t, []).append(r)
    return sorted(groups.items(), key=lambda kv: kv[1][0])


def _without_boot_frames(tb):
    """The traceback chain minus pargist-python's frames (running the
    program, finding a module), as python3 hides importlib's own."""
    frames = []
    while tb is not None:
        if tb.tb_frame.f_code.co_filename != _BOOT_FILE:
            frames.append(tb)
        tb = tb.tb_next
    out = None
    for t in reversed(frames):
        out = type(t)(out, t.tb_frame, t.tb_lasti, t.tb_lineno)
    return out


def _format_exception(exc):
    """The traceback as plain Python prints it (through sys.excepthook),
    without pargist-python's own frames (in chained exceptions too)."""
    seen = set()
    e = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        e.__traceback__ = _without_boot_frames(e.__traceback__)
        e = e.__cause__ or e.__context__
    tb = exc.__traceback__
    buf = _io.StringIO()
    saved = sys.stderr
    sys.stderr = buf
    try:
        with local_imports():
            sys.excepthook(type(exc), exc, tb)
    except BaseException:
        buf.write('%s: %s\n' % (type(exc).__name__, exc))
    finally:
        sys.stderr = saved
    return buf.getvalue()


def _exit_status(exc):
    """(status, text) for an exception that ended the program."""
    if isinstance(exc, SystemExit):
        code = exc.code
        if code is None:
            return 0, ''
        if isinstance(code, int):
            return code & 0xff if code >= 0 else code & 0xff, ''
        return 1, '%s\n' % (code,)
    if isinstance(exc, KeyboardInterrupt):
        return 130, _format_exception(exc)
    return 1, _format_exception(exc)


def _write_fd2(text):
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    data = text.encode('utf-8', 'replace')
    while data:
        n = posix.write(2, data)
        data = data[n:]


def _finish(status, text):
    """Every rank ends here. Waits for the others; a failed rank waits at
    most PARGIST_ABORT_TIMEOUT seconds, then prints its own traceback and
    aborts the job. When all arrive: rank 0 prints each distinct traceback
    once, naming the ranks, and every rank returns the largest status."""
    if _forked:
        _write_fd2(text)
        return status
    timeout = -1.0 if status == 0 else _abort_timeout

    def give_up(why):
        prefix = ''
        if _SIZE > 1:
            prefix = 'pargist-python: rank %d of %d %s; aborting the job\n' % (_RANK, _SIZE, why)
        _write_fd2(text + prefix)
        abort(status or 1)

    try:
        # Rank 0's exit message: the others must be finishing too.
        _exchange('exit:', None, timeout)
        # Everybody is here: one more step (bounded for a failed rank).
        agree('exit:', timeout)
    except TimeoutError:
        give_up('failed; the other ranks did not finish within %gs' % _abort_timeout)
    except _Mismatch as m:
        text += _divergence_message('exit:', m.rank0_tag)
        status = status or 1
        give_up('finished while rank 0 had not')

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    status = -allreduce_min([-status])[0]
    texts = gather_bytes(text.encode('utf-8', 'replace'))
    if _RANK == 0:
        out = []
        for t, ranks in _ranks_by_text(texts):
            if _SIZE > 1 and len(ranks) != _SIZE:
                out.append('pargist-python: rank%s %s of %d:\n' % (
                    's' if len(ranks) > 1 else '', _describe_ranks(ranks), _SIZE))
            out.append(t.decode('utf-8', 'replace'))
        if _Stats.enabled:
            out.append(_stats_text())
        if out:
            _write_fd2(''.join(out))
    return status


def _stats_text():
    return ('pargist-python: import statistics (rank 0 of %d): %d modules broadcast '
            '(%d extension modules), %d local imports, %d read_file() calls, '
            '%d bytes broadcast, %.3f s in the importer\n' % (
                _SIZE, _Stats.modules, _Stats.extensions, _Stats.local, _Stats.files,
                _Stats.nbytes, _Stats.seconds))


def _main_module():
    return sys.modules['__main__']


def _run_code(code):
    exec(code, _main_module().__dict__)


def _has_main_importer(path):
    """Whether python3 would run `path` as a directory or zip archive holding
    __main__.py (the script argument then goes on sys.path)."""
    try:
        st = posix.stat(path)
    except OSError:
        return False
    if st.st_mode & 0o170000 == 0o040000:
        return True
    try:
        sys.modules['zipimport'].zipimporter(path)
        return True
    except Exception:
        return False


def _read_script(path):
    """Rank 0 reads the script; (ok, bytes or message, sys.path[0], __file__).
    ok is 'main' for a directory or zip archive to run as python3 runs it,
    'err' when it cannot be read."""
    if _RANK == 0:
        import os
        try:
            if _has_main_importer(path):
                return _bcast_obj(('main', None, os.path.abspath(path), None))
            data = _read_file_bytes(path)
            full = os.path.abspath(path)
            msg = ('ok', data, os.path.dirname(os.path.realpath(full)), full)
        except OSError as e:
            msg = ('err', "%s: can't open file %r: [Errno %d] %s\n" % (
                sys.executable or 'pargist-python', os.path.abspath(path), e.errno, e.strerror), None, None)
        return _bcast_obj(msg)
    return _bcast_obj()


def _run(mode, target):
    """Runs the program; returns (status, text to print)."""
    main_dict = _main_module().__dict__
    try:
        if mode == 'script':
            ok, data, path0, full = _read_script(target)
            if ok == 'main':
                # As python3: the directory or archive first on sys.path,
                # its __main__ run as the main module.
                sys.path.insert(0, path0)
                import runpy
                runpy._run_module_as_main('__main__', False)
                return 0, ''
            if ok != 'ok':
                return 2, data
            if not sys.flags.safe_path:
                sys.path.insert(0, path0)
            main_dict['__file__'] = full
            main_dict['__cached__'] = None
            main_dict['__loader__'] = _external().SourceFileLoader('__main__', full)
            _run_code(compile(data, full, 'exec'))
        elif mode == 'command':
            if not sys.flags.safe_path:
                sys.path.insert(0, '')
            _run_code(compile(target, '<string>', 'exec'))
        elif mode == 'module':
            if not sys.flags.safe_path:
                sys.path.insert(0, posix.getcwd())
            import runpy
            runpy._run_module_as_main(target, True)
        return 0, ''
    except BaseException as e:
        return _exit_status(e)


def _stdin_is_tty():
    try:
        return posix.isatty(0)
    except OSError:
        return False


def _main(mode, target, inspect, quiet):
    """Called by the C++ main once the interpreter is fully initialised."""
    global _abort_timeout
    import os
    try:
        _abort_timeout = float(os.environ.get('PARGIST_ABORT_TIMEOUT', '10'))
    except ValueError:
        _abort_timeout = 10.0
    _Stats.enabled = os.environ.get('PARGIST_IMPORT_STATS', '0') not in ('', '0')

    # Under mpirun rank 0's stdin is a pipe from mpirun even at a terminal,
    # so no argument means the console; `-` means a program on stdin, read
    # whole (unless rank 0 really has a terminal).
    if mode == 'stdin' and target == '-' and not inspect and not _bcast_obj(
            _stdin_is_tty() if _RANK == 0 else None):
        data = _bcast_obj(sys.stdin.buffer.read() if _RANK == 0 else None)
        if not sys.flags.safe_path:
            sys.path.insert(0, '')
        try:
            _run_code(compile(data, '<stdin>', 'exec'))
            status, text = 0, ''
        except BaseException as e:
            status, text = _exit_status(e)
    elif mode == 'stdin':
        if not sys.flags.safe_path:
            sys.path.insert(0, '')
        status, text = _console(quiet)
    else:
        status, text = _run(mode, target)
        # python3 also goes to the console when PYTHONINSPECT is set, even by
        # the script itself (os.environ['PYTHONINSPECT'] = '1', a debugging
        # habit). Each rank decides alone: no collective here, where a
        # failed rank must still reach the bounded wait of _finish.
        if not sys.flags.ignore_environment and os.environ.get('PYTHONINSPECT'):
            inspect = True
        if inspect:
            # -i: like python3 -i, show what ended the script, then the console.
            if text:
                sys.stderr.write(text if _SIZE == 1 else '[rank %d] %s' % (_RANK, text))
                sys.stderr.flush()
            status, text = _console(True)
    return _finish(status, text)


# ------------------------------------------------------------- interactive

def _console(quiet):
    """The console until it ends: (status, text) as for a script, so that
    exit(3) or sys.exit('bye') at the prompt ends the job the same way."""
    try:
        return _interact(quiet), ''
    except BaseException as e:
        return _exit_status(e)


def _interact(quiet):
    """The console: rank 0 reads each line (readline editing and history
    when it has a terminal) and broadcasts it; every rank executes it; rank
    0 prints the output, plus the tracebacks of any rank that failed, and
    all ranks come back to the prompt together."""
    import code
    output('root')

    class Console(code.InteractiveConsole):
        def __init__(self):
            super().__init__(locals=_main_module().__dict__, filename='<stdin>')
            self.errors = []

        def raw_input(self, prompt=''):
            msg = None
            if _RANK == 0:
                try:
                    msg = ('line', input(prompt))
                except EOFError:
                    msg = ('eof', None)
                except KeyboardInterrupt:
                    msg = ('interrupt', None)
            msg = _step('console:', msg)
            if msg[0] == 'eof':
                raise EOFError
            if msg[0] == 'interrupt':
                raise KeyboardInterrupt
            return msg[1]

        def write(self, data):
            self.errors.append(data)

        def push(self, line):
            more = super().push(line)
            self._report()
            return more

        def _report(self):
            text = ''.join(self.errors)
            self.errors = []
            texts = gather_bytes(text.encode('utf-8', 'replace'))
            if _RANK != 0:
                return
            out = []
            for t, ranks in _ranks_by_text(texts):
                if _SIZE > 1 and len(ranks) != _SIZE:
                    out.append('[rank%s %s]\n' % ('s' if len(ranks) > 1 else '', _describe_ranks(ranks)))
                out.append(t.decode('utf-8', 'replace'))
            if out:
                sys.stderr.write(''.join(out))
                sys.stderr.flush()

        def interact_loop(self, banner):
            if _RANK == 0 and banner:
                sys.stderr.write(banner + '\n')
            sys.ps1 = getattr(sys, 'ps1', '>>> ')
            sys.ps2 = getattr(sys, 'ps2', '... ')
            more = False
            while True:
                try:
                    line = self.raw_input(sys.ps2 if more else sys.ps1)
                except EOFError:
                    if _RANK == 0:
                        sys.stdout.write('\n')
                    break
                except KeyboardInterrupt:
                    if _RANK == 0:
                        sys.stderr.write('\nKeyboardInterrupt\n')
                    self.resetbuffer()
                    more = False
                    continue
                more = self.push(line)

    if _RANK == 0:
        hook = getattr(sys, '__interactivehook__', None)
        if hook is not None:
            with local_imports():  # readline is rank 0's business
                try:
                    hook()
                except Exception as e:
                    sys.stderr.write('Failed calling sys.__interactivehook__: %s\n' % (e,))
    banner = None
    if not quiet:
        banner = 'Python %s on %s (pargist-python, %d rank%s)\n' % (
            sys.version, sys.platform, _SIZE, '' if _SIZE == 1 else 's')
        banner += 'Rank 0 reads each line and every rank runs it; output from rank 0 ' \
                  '(pargist.parallel.output("all") for all ranks).'
    Console().interact_loop(banner)
    return 0


# -------------------------------------------------------------- installation

def _install(bcast_imports):
    """Called between the core and the main initialisation."""
    posix.register_at_fork(after_in_child=_after_fork_in_child)
    if not bcast_imports:
        return
    sys.meta_path.insert(0, BroadcastFinder)
    sys.meta_path.insert(0, _SiteHook)
