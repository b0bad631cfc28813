"""What rank 0 draws after a plain density's cells, as the core draws it.

_ppgeneric._decorate draws Warp's colour bar, the titles and lframe's limits
with a dozen Python and core calls after the frame's collective, and then
needs an agreement of its own so that a failure there reaches every rank.
For the plain density frame (the one pp* plans keep), the same drawing is
described once as a _core.WarpDecoration, handed to node_density_cellarray,
and drawn by the core on root inside the broadcast that ends that call:
no Python per frame and no extra collective.

The description is made on rank 0 from the options and from the window's
state (its Warp style, the current system, its viewport, the title colours);
a Decoration kept with a plan makes it again whenever that state changed.
"""

from . import _core, session

# Rank 0's title colours, window, style... that a description was made from.
_NO_KEY = object()


def drawn_by_core(o):
    """Whether the core can draw this frame's decoration: Warp's colour bar
    of a linear cell array at a fixed top colour, no lframe limits (their
    'u' sides keep a limit, which the core's description has no word for).
    Options only: the answer is the same on every rank."""
    return o["ctop"] is not None and o["uselog"] is None and not o["lframe"]


class Decoration:
    """A frame's description, kept with a plan (one per plan: its options
    are fixed) and made again when what it was made from changed."""

    __slots__ = ("key", "text", "colors", "made")

    def __init__(self):
        self.key, self.text, self.colors, self.made = _NO_KEY, None, None, None

    def of(self, o, text, view):
        """Rank 0: the description for options o, titles text, system view
        (None: the current one)."""
        key = _context(o, view)
        # The titles: a call's text is made once and never changed (its
        # object is enough); the colours are settitlecolors()' dict, compared.
        if key != self.key or text is not self.text or session._title_colors != self.colors:
            self.made = describe(o, text, view, key[1])
            self.key, self.text, self.colors = key, text, dict(session._title_colors)
        return self.made


def _context(o, view):
    n = session._window()
    system = _core.plsys(None) if view is None else view
    style = session._warp_style.get(n)
    # Without Warp's fixed places the titles and the bar follow the system's viewport.
    viewport = _core.system_viewport(max(system, 1)) if style is None or not 1 <= system <= 16 else None
    return (n, system, style, viewport, o["ncolor"])


def describe(o, text, view, system):
    """Rank 0: the _core.WarpDecoration of _ppgeneric._decorate for a plain
    density frame (drawn_by_core(o)) in system `system`."""
    bar = None
    if o["lcolorbar"]:
        place, fontsize = session.colorbar_place(system)
        bands = session.colorbar_bands(o["ncolor"] if o["color"] == "density" else o["ctop"])
        bar = (tuple(float(v) for v in place), float(fontsize), bands, int(o["ctop"]), "")
    titles = []
    if o["titles"]:
        titles = session.title_strokes(text, session.title_colors(), system, o["height"])
    return _core.WarpDecoration(bar, bool(o["colbarunitless"]), view, titles, None)
