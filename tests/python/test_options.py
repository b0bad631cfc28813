"""Gist's vocabulary and the options of the core cross the binding once:
the names are the core's (pargist/libplot/vocabulary.hpp), and every options
dict is read through one keyword table (keywords.cpp) that the Python layer
checks against too, so a keyword unknown to it is an error on both sides."""

import numpy
import pytest

import pargist as pg
from pargist import _core, parallel
from pargist._style import parse_color, parse_font, parse_line_type, parse_marker

root = parallel.me == 0
TABLES = ("plg", "pldj", "plm", "plc", "plf", "pli", "plfp", "plv", "plt", "pldefault", "pledit", "window",
          "limits", "gridxy", "colorbar", "ppgeneric")


def test_the_names_are_the_cores():
    names = _core.gist_names()
    assert names["colors"]["red"] == -5 and names["colors"]["yellow"] == -10
    for name, code in names["colors"].items():
        assert parse_color(name) == parse_color(name.upper()) == ("named", code)
    assert parse_color("#ff8000") == ("rgb", (255, 128, 0)) == parse_color((1.0, 128 / 255, 0.0))
    for name, code in names["line_types"].items():
        assert parse_line_type(name) == code == parse_line_type(code)
    for name, code in names["markers"].items():
        assert parse_marker(name) == code
    assert parse_marker("A") == ord("A")
    # Both bold-italic spellings, as Yorick's gist takes them.
    for family, code in names["fonts"].items():
        assert parse_font(family) == code
        assert parse_font(family + "BI") == parse_font(family + "IB") == code + 3
    with pytest.raises(ValueError, match="unknown colour"):
        parse_color("reddish")
    with pytest.raises(ValueError, match="unknown style"):
        parse_font("timesX")


def test_an_unknown_key_is_an_error_on_both_sides():
    for func in TABLES:
        assert _core.options_keywords(func)
        with pytest.raises(TypeError, match=rf"{func}\(\) got an unexpected keyword argument 'colour'"):
            _core.check_options(func, {"colour": 1})
    # The Python layer's keywords are the table's: a documented one passes...
    _core.check_options("plc", {"levs": [0.5], "color": "red", "type": "dash"})
    # ...and the core reads through the same table: a key renamed on the
    # Python side would be refused by the core, not ignored.
    z = numpy.arange(9.0).reshape(3, 3)
    y, x = numpy.mgrid[0:3, 0:3].astype(float)
    if root:
        with pytest.raises(TypeError, match="unexpected keyword argument 'levels'"):
            _core.plc(z, y, x, {"levels": [0.5]})
        with pytest.raises(ValueError, match="color: unknown colour"):
            _core.plg(numpy.arange(3.0), None, {"color": "reddish"})
    comm = _core.Comm.self_comm()
    with pytest.raises(TypeError, match=r"ppgeneric\(\) got an unexpected keyword argument 'colour'"):
        _core.ppgeneric(comm, numpy.zeros(3), numpy.zeros(3), options={"colour": ("named", -5)})


def test_keywords_reach_the_frame():
    pg.plg([0.0, 1.0, 0.5], color="Red", type="dash", width=3, marker="circle", marks=1)
    pg.window(0, display="", xpos=10, ypos=10)  # placement: for the live window when there is one
    if root:
        e = pg.current_frame().elements()[-1]
        assert (e["type"], e["marker"]) == (2, 4)
    with pytest.raises(TypeError, match="unexpected keyword argument 'colr'"):
        pg.plg([0.0, 1.0], colr="red")


def test_font_suffixes_are_one_rule_on_both_sides():
    # The Python layer has no font table of its own: plt's font= is read by
    # the core's parser, which takes both bold-italic spellings (as Yorick's
    # gist) and nothing else.
    pg.fma()
    for n, spelling in enumerate(("timesBI", "timesIB"), start=1):
        pg.plt("x", 0.3, 0.5, font=spelling, tosys=1)  # in system 1, where plq looks
        if root:
            assert _core.element_properties(n)["font"] == parse_font("times") + 3
    with pytest.raises(ValueError, match="unknown style"):
        pg.plt("x", 0.3, 0.5, font="timesBB")


def test_pldefault_and_pledit_read_one_line_style():
    # pldefault and pledit share the line/marks/rays keywords (one
    # LineStyleUpdate, one reader): the same names, checked the same way.
    line = {"color", "type", "width", "marks", "mcolor", "marker", "msize", "mspace", "mphase",
            "rays", "arrowl", "arroww", "rspace", "rphase"}
    assert line <= set(_core.options_keywords("pldefault"))
    assert line <= set(_core.options_keywords("pledit"))
    for func in ("pldefault", "pledit"):
        with pytest.raises(ValueError, match="msize: must be a positive"):
            _core.check_options(func, {"msize": 0})
        with pytest.raises(ValueError, match="width: must be a finite number >= 0"):
            _core.check_options(func, {"width": -1})
    pg.fma()
    pg.plg([0.0, 1.0, 0.5], type="dash")
    pg.pledit(color="blue", type="dot", width=4, msize=2)
    if root:
        e = _core.element_properties(1)
        assert (e["type"], e["width"], e["msize"]) == (3, 4.0, 2.0)
        assert e["color"] == e["mcolor"] == 256 + _core.gist_names()["colors"]["blue"]
    pg.fma()
