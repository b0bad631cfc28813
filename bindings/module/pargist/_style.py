"""Gist's attribute vocabulary for the Python layer: colours, line types,
markers, fonts and justification, as the compiled core defines them once
(pargist/libplot/vocabulary.hpp). Each parser checks a value in any of
Gist's spellings and returns it in canonical form; the core accepts both.

Colours: a name ('fg', 'bg', 'black', 'white', 'red', 'green', 'blue',
'cyan', 'magenta', 'yellow'), Gist's negative codes -1..-10 (or the
equivalent bytes 255..246), a palette index 0..n-1 given as an int, an RGB
triple of ints 0..255 (or floats 0..1), or '#rrggbb'; canonical form
('named', code) | ('index', i) | ('rgb', (r, g, b)).
"""

from . import _core

_NAMES = _core.gist_names()
NAMED_COLORS = _NAMES["colors"]          # name -> Gist code (-1..-10)
LINE_TYPES = _NAMES["line_types"]        # name -> 0..5
MARKER_NAMES = _NAMES["markers"]         # name -> 1..5
FONT_FAMILIES = _NAMES["fonts"]          # family -> code (+1 bold, +2 italic)


def parse_color(value, what="color"):
    """('named', code), ('index', i) or ('rgb', (r, g, b)) for a Gist colour."""
    return _core.gist_color(value, what)


def color_name(kind_value):
    """The name of a ('named', code) colour (plq and reprs); other colours as they are."""
    kind, value = kind_value
    if kind == "named":
        return next(name for name, code in NAMED_COLORS.items() if code == value)
    return value


def parse_line_type(value):
    """Gist line type 0..5 from a name or a number."""
    return _core.gist_line_type(value)


def parse_marker(value):
    """Gist marker: 1..5 (or '\\1'..'\\5', or a name) or a printable ASCII
    letter, returned as an int (1..5, or the letter's code: Gist draws e.g.
    marker='A' as the letter A)."""
    return _core.gist_marker(value)


def parse_font(value):
    """Gist font code: a family name plus 'B', 'I', 'BI' (or 'IB'), or 0..19."""
    return _core.gist_font(value)


def parse_justify(value):
    """Gist text justification: horizontal N/L/C/R then vertical N/T/C/H/A/B."""
    return "NN" if value is None else _core.gist_justify(value)


def positive_number(value, what):
    """A finite number > 0 (widths, sizes, heights)."""
    return _core.gist_positive(value, what)
