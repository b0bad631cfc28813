"""pargist: in-situ parallel graphics in the Gist tradition.

Gist's plotting API with pygist's names (``window``, ``plg``, ``pli``,
``limits``, ``hcp_file``...), Warp's collective particle plots (``ppzx``,
``ppxxp``... all 60 of them) and field plots (``pcphizx``...) of what the
simulation registered (``register_species``, ``register_field``), Warp's
plotting session (``setup``, ``winon``, ``fma(legend=)``, ``ptitles``...),
slices of domain-decomposed fields (``pcslice``...), and two submodules:
``pargist.parallel`` (Warp's me, npes, broadcast, gather, mpisend...) and
``pargist.reduce`` (collective numpy-style limits, histograms, moments,
samples, slices). pygist's 3-D layer is here too, with its module names:
``pargist.pl3d`` (views, lighting, draw3, gnomon, spin3), ``pargist.plwf``
(wire frames), ``pargist.slice3`` (mesh3, slice3, slice2, pl3surf,
pl3tree...), ``pargist.movie`` and ``pargist.yorick``; slice3 and plwf also
take a field decomposed over the ranks (only polygons reach rank 0).

A pygist script ports by changing ``from gist import *`` to
``from pargist import *`` (pygist's ``from colorbar import *`` too; ``from
yorick import *`` becomes ``from pargist.yorick import *``); a Warp script by
using ``from pargist import *`` for its plotting and registering its
species. Run it serially, under ``mpirun python3`` or under ``mpirun
pargist-python``: only rank 0 draws; pp* and field calls are collective and
send rank 0 only the reduced plot.
"""

from . import _core, parallel, reduce, sources, yorick  # noqa: F401
from .fields import *  # noqa: F401,F403
from .fields import __all__ as _fields_all
from .gist import *  # noqa: F401,F403
from .gist import range  # noqa: F401,A004 - Gist's range; not star-exported (it would hide the builtin)
from .gist import __all__ as _gist_all
from .pcplots import *  # noqa: F401,F403
from .pcplots import __all__ as _pc_all
from ._output import OutputWarning  # noqa: F401 - rank 0's windows reporting, on every rank
from .pp import *  # noqa: F401,F403
from .pp import __all__ as _pp_all
from .yorick import *  # noqa: F401,F403
from .yorick import __all__ as _yorick_all
from .pl3d import *  # noqa: F401,F403
from .pl3d import __all__ as _pl3d_all
from .plwf import *  # noqa: F401,F403
from .plwf import __all__ as _plwf_all
from .slice3 import *  # noqa: F401,F403
from .slice3 import __all__ as _slice3_all
from .movie import *  # noqa: F401,F403
from .movie import __all__ as _movie_all
# Warp's session: fma(legend=), hcp(legend=) and colorbar with Warp's
# keywords, supersets of Gist's (the same as Gist's when not used).
from .session import *  # noqa: F401,F403
from .session import __all__ as _session_all
from .sources import *  # noqa: F401,F403
from .sources import __all__ as _sources_all

from ._version import __version__  # noqa: F401 - written by CMake from project(VERSION)

__all__ = sorted(set(_gist_all) | set(_pp_all) | set(_fields_all) | set(_pc_all) | set(_session_all)
                 | set(_sources_all) | set(_yorick_all) | set(_pl3d_all) | set(_plwf_all) | set(_slice3_all)
                 | set(_movie_all) | {"parallel", "reduce", "sources"})
