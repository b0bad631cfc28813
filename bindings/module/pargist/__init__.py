"""pargist: in-situ parallel graphics in the Gist tradition (placeholder, filled below)."""
from . import _core  # noqa: F401
