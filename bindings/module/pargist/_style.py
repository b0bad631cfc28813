"""Gist's attribute vocabulary: colours, line types, markers and units.

Everything here is plain Python: it turns Gist's many spellings of an
attribute into one canonical value that the compiled core takes.

Colours (as in Gist): a name ('fg', 'bg', 'black', 'white', 'red', 'green',
'blue', 'cyan', 'magenta', 'yellow'), Gist's negative codes -1..-10 (or the
equivalent bytes 255..246), a palette index 0..n-1 given as an int, or an RGB
triple of ints 0..255 (or floats 0..1), or '#rrggbb'.
"""

import numbers

# Gist's named colours and their codes: bg=-1 ... yellow=-10 (FG_COLOR etc.
# in gist.h); as unsigned bytes these are 255 ... 246.
NAMED_COLORS = {
    "bg": -1, "fg": -2, "black": -3, "white": -4, "red": -5,
    "green": -6, "blue": -7, "cyan": -8, "magenta": -9, "yellow": -10,
}
_CODE_TO_NAME = {code: name for name, code in NAMED_COLORS.items()}

# Gist's line types; 0 ('none') hides the line but keeps markers.
LINE_TYPES = {"none": 0, "solid": 1, "dash": 2, "dot": 3, "dashdot": 4, "dashdotdot": 5}

# Gist's marker numbers 1..5: point, plus, asterisk, circle, cross.
MARKER_NAMES = {"dot": 1, "point": 1, "plus": 2, "star": 3, "asterisk": 3,
                "circle": 4, "cross": 5, "x": 5}


def parse_color(value, what="color"):
    """Return ('named', code), ('index', i) or ('rgb', (r, g, b)) for a Gist colour."""
    if isinstance(value, str):
        key = value.strip().lower()
        if key in NAMED_COLORS:
            return ("named", NAMED_COLORS[key])
        if key.startswith("#") and len(key) == 7:
            try:
                return ("rgb", tuple(int(key[i:i + 2], 16) for i in (1, 3, 5)))
            except ValueError:
                pass
        raise ValueError(f"{what}: unknown colour {value!r} (names: {', '.join(NAMED_COLORS)})")
    if isinstance(value, bool):
        raise TypeError(f"{what}: a colour cannot be a bool")
    if isinstance(value, numbers.Integral):
        code = int(value)
        if -10 <= code <= -1:
            return ("named", code)
        if 246 <= code <= 255:           # Gist's codes as unsigned chars
            return ("named", code - 256)
        if 0 <= code < 246:
            return ("index", code)
        raise ValueError(f"{what}: colour code {code} outside -10..255")
    try:
        parts = list(value)
    except TypeError:
        raise TypeError(f"{what}: expected a colour name, a code or an (r, g, b) triple, "
                        f"got {type(value).__name__}") from None
    if len(parts) != 3:
        raise ValueError(f"{what}: an RGB colour needs 3 components, got {len(parts)}")
    if all(isinstance(p, numbers.Integral) for p in parts):
        rgb = tuple(int(p) for p in parts)
    else:
        rgb = tuple(int(round(float(p) * 255)) for p in parts)
    if any(c < 0 or c > 255 for c in rgb):
        raise ValueError(f"{what}: RGB components must be 0..255 (or 0..1 floats), got {value!r}")
    return ("rgb", rgb)


def color_name(kind_value):
    """Inverse of parse_color for named colours (used by plq and reprs)."""
    kind, value = kind_value
    if kind == "named":
        return _CODE_TO_NAME[value]
    return value


def parse_line_type(value):
    """Gist line type from a name or 0..5."""
    if isinstance(value, str):
        try:
            return LINE_TYPES[value.strip().lower()]
        except KeyError:
            raise ValueError(f"type: unknown line type {value!r} "
                             f"(one of {', '.join(LINE_TYPES)})") from None
    if isinstance(value, numbers.Integral) and 0 <= int(value) <= 5:
        return int(value)
    raise ValueError(f"type: line type must be 0..5 or a name, got {value!r}")


def parse_marker(value):
    """Gist marker: 1..5 (or '\\1'..'\\5', or a name) or a printable ASCII letter.

    Returns an int: 1..5 for Gist's markers, otherwise the character code of
    the letter drawn as the marker (Gist draws e.g. marker='A' as the letter A).
    """
    if isinstance(value, str):
        if len(value) == 1:
            code = ord(value)
            if 1 <= code <= 5:
                return code
            if 33 <= code <= 126:
                return code
        key = value.strip().lower()
        if key in MARKER_NAMES:
            return MARKER_NAMES[key]
        raise ValueError(f"marker: expected '\\1'..'\\5', a printable character or a name, got {value!r}")
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        code = int(value)
        if 1 <= code <= 5 or 33 <= code <= 126:
            return code
    raise ValueError(f"marker: expected 1..5 or a character, got {value!r}")


def parse_justify(value):
    """Gist text justification: two letters, horizontal N/L/C/R then vertical N/T/C/H/A/B."""
    if value is None:
        return "NN"
    if not isinstance(value, str) or not 1 <= len(value) <= 2:
        raise ValueError(f"justify: expected e.g. 'LA', 'CC', 'RT', got {value!r}")
    j = value.upper()
    h = j[0]
    v = j[1] if len(j) == 2 else "N"
    if h not in "NLCR" or v not in "NTCHAB":
        raise ValueError(f"justify: expected horizontal N/L/C/R and vertical N/T/C/H/A/B, got {value!r}")
    return h + v


def positive_number(value, what):
    """A finite number > 0 (widths, sizes, heights)."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{what}: expected a number, got {type(value).__name__}") from None
    if not (x > 0 and x < float("inf")):
        raise ValueError(f"{what}: must be a positive finite number, got {value!r}")
    return x
