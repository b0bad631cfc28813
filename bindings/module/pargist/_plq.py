"""What plq prints, in pygist's words and layout: the numbered legends of
the current system, or the properties of one element as the keywords that
would set them. Lines are at most 79 characters; a longer one continues on
the next with a trailing backslash, as pygist's printer does."""

from ._style import LINE_TYPES, NAMED_COLORS

_LINE_TYPES = {code: name for name, code in LINE_TYPES.items()}
_NAMED = {256 + code: name for name, code in NAMED_COLORS.items()}  # Gist's codes as bytes
_SHAPES = ".+*ox"  # Gist's markers 1..5 as plq shows them
_WIDTH = 79


class _Printer:
    """pygist's plq printer: pieces gather on a line, newline() prints it."""

    def __init__(self):
        self.line = ""

    def put(self, text):
        self.line += text
        while len(self.line) > _WIDTH:
            print(self.line[:_WIDTH - 1] + "\\")
            self.line = self.line[_WIDTH - 1:]

    def newline(self):
        if self.line:
            print(self.line)
        self.line = ""


def _safe(x):
    return max(-1000.0, min(1000.0, float(x)))


def _marker_char(marker):
    if 1 <= marker <= 5:
        return _SHAPES[marker - 1]
    if 32 <= marker < 127:
        return chr(marker)
    return "?"


def _legend_text(legend, props):
    # A legend starting with \001 shows the curve's marker there.
    if legend.startswith("\001") and props is not None and props["kind"] in ("plg", "plc"):
        return _marker_char(props["marker"]) + legend[1:]
    return legend


def print_legends(items, properties):
    """plq(): one line per element: "(H)" if hidden, its number, its legend."""
    printer = _Printer()
    for item in items:
        n = item["index"]
        printer.put("%s%2d: " % ("(H)" if item["hide"] else "", n))
        printer.put(_legend_text(item["legend"], properties(n)))
        printer.newline()


def _suffix(printer, suffix):
    if suffix == 1:
        printer.put(",  ")
    elif suffix == 3:
        printer.put(",")
    if suffix & 2:
        printer.newline()


def _color(printer, color, suffix):
    if isinstance(color, tuple):
        printer.put("color= (%d, %d, %d)" % color)
    elif color < 242:
        printer.put("color= %d," % color)
    else:
        printer.put('color= "%s"' % _NAMED.get(color, "<unknown>"))
    _suffix(printer, suffix)


def _type_width(printer, props, suffix):
    printer.put('type= "%s"' % _LINE_TYPES[props["type"]])
    printer.put(",  width= %.2f" % _safe(props["width"]))
    _suffix(printer, suffix)


def _marked_line(printer, props):
    """A curve's colour, type, width and marks (plg and plc print them alike)."""
    _color(printer, props["color"], 1)
    _type_width(printer, props, 3)
    _marks(printer, props, 3)


def _marks(printer, props, suffix):
    mcolor = props["mcolor"]
    code = mcolor if isinstance(mcolor, int) else 0
    printer.put("marks= %d,  mcolor= 0x%02x,  " % (props["marks"], code))
    marker = props["marker"]
    if marker <= 32 or marker >= 0xff:
        printer.put("marker= '\\%o'," % marker)
    else:
        printer.put("marker= '%c'," % marker)
    printer.newline()
    printer.put("  msize= %.2f, mspace= %.5f, mphase= %.5f"
                % (_safe(props["msize"]), _safe(props["mspace"]), _safe(props["mphase"])))
    _suffix(printer, suffix)


def _hide_legend(printer, props):
    printer.put("hide= %d," % props["hide"])
    printer.newline()
    legend = props["legend"]
    marker = ""
    if props["kind"] in ("plg", "plc") and legend.startswith("\001"):
        marker, legend = "\\001", legend[1:]
    printer.put('legend= "%s%.104s",' % (marker, legend))
    printer.newline()


def _region(printer, props, suffix):
    printer.put("region= %d" % props["region"])
    _suffix(printer, suffix)


def print_element(n, contour, props):
    """plq(n) or plq(n, c): the element's properties, as pygist prints them."""
    printer = _Printer()
    kind = None if props is None else props["kind"]
    if props is None or (contour is not None and kind != "plc"):
        printer.put("<no such object>  element# %d" % n)
        if contour is not None:
            printer.put("  contour# %d" % contour)
        printer.newline()
        return
    if kind == "plc" and contour is not None:
        levels = props["levs"]
        if not 1 <= contour <= len(levels):
            printer.put("<no such object>  element# %d  contour# %d" % (n, contour))
            printer.newline()
            return
        printer.put("plg  element# %d" % n)
        printer.put("  contour# %d" % contour)
        printer.newline()
        printer.put("  at level value %g" % levels[contour - 1])
        printer.newline()
        props = dict(props, rays=0, arrowl=1.0, arroww=1.0, rspace=0.13, rphase=0.0, closed=0,
                     marker=props["marker"] + contour - 1 if props["marker"] > 32 else props["marker"])
        kind = "plg"
    else:
        printer.put("%s  element# %d" % (kind, n))
        printer.newline()
    _hide_legend(printer, props)
    if kind == "plg":
        _marked_line(printer, props)
        printer.put("rays= %d," % props["rays"])
        printer.newline()
        printer.put("  arrowl= %.2f, arroww= %.2f, rspace= %.5f, rphase= %.5f,"
                    % (_safe(props["arrowl"]), _safe(props["arroww"]), _safe(props["rspace"]),
                       _safe(props["rphase"])))
        printer.newline()
        printer.put("smooth= %d,  closed= %d" % (props["smooth"], props["closed"]))
        printer.newline()
    elif kind == "pldj":
        _color(printer, props["color"], 1)
        _type_width(printer, props, 2)
    elif kind == "plt":
        _color(printer, props["color"], 3)
        printer.put("text= %.80s" % props["text"])
        printer.newline()
    elif kind == "plm":
        _color(printer, props["color"], 1)
        _type_width(printer, props, 2)
        _region(printer, props, 1)
        printer.put("boundary= %d, inhibit= %d" % (props["boundary"], props["inhibit"]))
        printer.newline()
    elif kind == "plf":
        printer.put("edges= %d, e" % props["edges"])
        _color(printer, props["ecolor"], 1)
        printer.put("ewidth= %.2f" % _safe(props["ewidth"]))
        printer.newline()
        _region(printer, props, 2)
    elif kind == "plv":
        _color(printer, props["color"], 1)
        printer.put("width= %.2f," % _safe(props["width"]))
        printer.newline()
        printer.put("hollow= %d,  aspect= %.4f," % (props["hollow"], _safe(props["aspect"])))
        printer.newline()
        _region(printer, props, 3)
        printer.put("scale= %g" % props["scale"])
        printer.newline()
    elif kind == "plc":
        _marked_line(printer, props)
        printer.put("smooth= %d," % props["smooth"])
        printer.newline()
        _region(printer, props, 2)
        levels = props["levs"]
        printer.put("%d contour levels, levs=" % len(levels))
        printer.newline()
        printer.put("[" + ",".join("%g" % v for v in levels) + "]")
        printer.newline()
    elif kind == "pli":
        printer.put("x0= %g,  y0= %g,  x1= %g,  y1= %g" % (props["x0"], props["y0"], props["x1"], props["y1"]))
        printer.newline()
    elif kind == "plfp":
        printer.put("%d polygons" % props["n"])
        printer.newline()
