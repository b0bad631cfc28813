"""What an import set looks like from inside: __file__, __path__,
__cached__, __spec__, results and errors, as JSON-able data.

Run the same probe in plain python3 (`python3 embed_probe.py ROOT1 ROOT2`
prints JSON) and inside pargist-python; the two must be equal. make_tree()
writes the generated packages the probe imports."""

import importlib
import importlib.machinery
import importlib.resources
import importlib.util
import inspect
import json
import os
import py_compile
import shutil
import sys

# name -> source; directories are created on the way.
TREE = {
    'gentree/__init__.py': 'VALUE = 1\nfrom . import sub\n',
    'gentree/data.txt': 'hello data\n',
    'gentree/helpers.py': 'def helper():\n    return "helped"\n',
    'gentree/sub/__init__.py': 'from .sibling import SIB\nfrom ..helpers import helper\n',
    'gentree/sub/sibling.py': 'SIB = "sib"\n',
    'gentree/sub/deep/__init__.py': '',
    'gentree/sub/deep/leaf.py': ('from ... import VALUE\nfrom ..sibling import SIB\n'
                                 'RESULT = [VALUE, SIB, __name__, __package__]\n'),
    'gentree/broken.py': 'import json\nraise ValueError("broken on purpose")\n',
    'gentree/badsyntax.py': 'x = 1\ndef f(:\n    pass\n',
    'gentree/legacy_src.py': 'LEGACY = "from bytecode only"\n',
    'nsroot1/nspkg/alpha.py': 'NAME = "alpha"\n',
    'nsroot2/nspkg/beta.py': 'NAME = "beta"\n',
}


def make_tree(root, extension):
    """Writes TREE under root, a bytecode-only module, and the C extension
    `extension` as gentree/_cext<suffix>."""
    for rel, text in TREE.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as f:
            f.write(text)
    src = os.path.join(root, 'gentree/legacy_src.py')
    py_compile.compile(src, cfile=os.path.join(root, 'gentree/legacy.pyc'), doraise=True)
    os.remove(src)
    shutil.copy(extension, os.path.join(root, 'gentree', os.path.basename(extension)))


def search_roots(root):
    return [root, os.path.join(root, 'nsroot1'), os.path.join(root, 'nsroot2')]


LOADERS = ('SourceFileLoader', 'SourcelessFileLoader', 'ExtensionFileLoader')


def describe(mod):
    spec = mod.__spec__
    path = getattr(mod, '__path__', None)
    loader_kind = None
    for name in LOADERS:
        if isinstance(mod.__loader__, getattr(importlib.machinery, name)):
            loader_kind = name
    return {
        'name': mod.__name__,
        'file': getattr(mod, '__file__', 'unset'),
        'cached': getattr(mod, '__cached__', 'unset'),
        'path': list(path) if path is not None else None,
        'path_type': type(path).__name__,
        'package': mod.__package__,
        'spec': [spec.name, spec.origin, spec.parent, spec.has_location, spec.cached,
                 list(spec.submodule_search_locations)
                 if spec.submodule_search_locations is not None else None],
        'loader': loader_kind,
    }


def error_of(fn):
    try:
        fn()
    except BaseException as e:
        out = {'type': type(e).__name__, 'str': str(e)}
        if isinstance(e, ImportError):
            out['name'] = e.name
        if isinstance(e, SyntaxError):
            out['syntax'] = [os.path.basename(e.filename or ''), e.lineno, e.msg]
        return out
    return None


class RaisingFinder:
    """A finder that fails instead of answering (e.g. a broken remote index)."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.startswith('remote_only'):
            raise LookupError('no index entry for %s' % name)
        return None


def probe(root):
    """Imports everything and reports; the caller has a fresh interpreter."""
    sys.path[:0] = search_roots(root)
    sys.meta_path.append(RaisingFinder)
    out = {}

    import numpy
    import numpy.core._multiarray_umath as umath
    out['numpy'] = [describe(numpy), describe(umath), int(numpy.arange(10).sum())]

    import email.mime.text
    out['email'] = [describe(email), describe(email.mime), describe(email.mime.text),
                    email.mime.text.MIMEText('hi').as_string()]

    import json.decoder
    out['json'] = [describe(json), describe(json.decoder), json.dumps({'a': [1, 2]})]

    import gentree
    import gentree.sub.deep.leaf
    out['gentree'] = [describe(m) for m in (gentree, gentree.sub, gentree.sub.sibling,
                                            gentree.helpers, gentree.sub.deep,
                                            gentree.sub.deep.leaf)]
    out['relative'] = gentree.sub.deep.leaf.RESULT + [gentree.sub.helper()]
    out['resource'] = importlib.resources.files('gentree').joinpath('data.txt').read_text()
    out['getsource'] = inspect.getsource(gentree.helpers.helper)

    import gentree.legacy
    out['bytecode'] = [describe(gentree.legacy), gentree.legacy.LEGACY]

    import gentree._cext
    out['extension'] = [describe(gentree._cext), gentree._cext.answer()]

    import nspkg.alpha
    import nspkg.beta
    out['namespace'] = [describe(nspkg), describe(nspkg.alpha), describe(nspkg.beta),
                        nspkg.alpha.NAME + nspkg.beta.NAME]

    out['broken'] = [error_of(lambda: importlib.import_module('gentree.broken')),
                     'gentree.broken' in sys.modules,
                     error_of(lambda: importlib.import_module('gentree.broken'))]
    out['syntax'] = error_of(lambda: importlib.import_module('gentree.badsyntax'))
    out['missing'] = [error_of(lambda: importlib.import_module('gentree.missing')),
                      error_of(lambda: importlib.import_module('definitely_missing_pkg')),
                      error_of(lambda: importlib.import_module('gentree.helpers.x')),
                      error_of(lambda: importlib.import_module('json.nonexistent'))]
    out['finder_raises'] = error_of(lambda: importlib.import_module('remote_only.thing'))
    out['find_spec'] = [importlib.util.find_spec('definitely_missing_pkg') is None,
                        importlib.util.find_spec('gentree.sub').origin]
    return out


if __name__ == '__main__':
    print(json.dumps(probe(sys.argv[1])))
