"""pargist: in-situ parallel graphics in the Gist tradition.

Gist's plotting API with pygist's names (``window``, ``plg``, ``pli``,
``limits``, ``hcp_file``...), Warp's collective particle plots (``ppzx``,
``ppxxp``...), slices of domain-decomposed fields (``pcslice``...), and two
submodules: ``pargist.parallel`` (Warp's me, npes, broadcast, gather...)
and ``pargist.reduce`` (collective numpy-style limits, histograms, moments,
samples, slices).

A pygist script ports by changing ``from gist import *`` to
``from pargist import *``. Run it serially, under ``mpirun python3`` or
under ``mpirun pargist-python``: only rank 0 draws; pp* and field calls are
collective and send rank 0 only the reduced plot.
"""

from . import _core, parallel, reduce  # noqa: F401
from .fields import *  # noqa: F401,F403
from .fields import __all__ as _fields_all
from .gist import *  # noqa: F401,F403
from .gist import range  # noqa: F401,A004 - Gist's range; not star-exported (it would hide the builtin)
from .gist import __all__ as _gist_all
from .pp import *  # noqa: F401,F403
from .pp import __all__ as _pp_all

__version__ = "0.1.0"
__all__ = list(_gist_all) + list(_pp_all) + list(_fields_all) + ["parallel", "reduce"]
