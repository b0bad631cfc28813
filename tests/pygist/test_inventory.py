"""The inventory of pygist 2.2's public API: every function of gistCmodule.c's
method table and of gist.py, colorbar.py and yorick.py, with every keyword
of their keyword lists. The test fails when a function is missing, when a
keyword is refused, or when a keyword changes nothing where Gist changes the
picture (the page is rendered with and without it: the pixels must differ;
for keywords whose effect is not in the pixels, the observable they change
is checked instead). A keyword pargist cannot honour yet must raise
NotImplementedError naming it; the few that change nothing in Gist either
(X colormap hints on a true-colour display) are listed with the reason.
"""
import io
import os

import numpy
import pytest
from PIL import Image

import pargist as pg
import pargist.yorick

# ---------------------------------------------------------------- the API

# gistCmodule.c's method table (48 functions)...
GISTC = ["animate", "bytscl", "contour", "current_window", "debug_array", "fma", "gridxy",
         "get_slice2_precision", "hcp", "hcp_file", "hcp_finish", "hcpoff", "hcpon", "limits",
         "logxy", "mesh_loc", "mfit", "mouse", "palette", "pause", "plc", "pldefault", "pldj",
         "pledit", "plf", "plfp", "plg", "pli", "plm", "plmesh", "plq", "plremove", "plsys", "plt",
         "plv", "redraw", "set_slice2_precision", "slice2", "unzoom", "viewport", "window",
         "zoom_factor", "pyg_unhook", "pyg_idler", "pyg_pending", "pyg_register", "get_style",
         "set_style"]
# ...gist.py's helpers (12), colorbar.py's (2): all in pargist itself...
GIST_PY = ["winkill", "pltitle", "ylimits", "moush", "eps", "xytitles", "plmk", "plmk_default",
           "span", "spann", "plfc", "plh"]
COLORBAR_PY = ["nice_levels", "color_bar"]
# ...and yorick.py's, in pargist.yorick.
YORICK_PY = ["zcen_", "dif_", "maxelt_", "minelt_", "rem_0_", "avg_", "sign_", "timer_", "timer_print"]

# The keyword lists of gistCmodule.c (and the keywords of gist.py's helpers).
KEYWORDS = {
    "contour": ["triangle", "region"],
    "bytscl": ["top", "cmin", "cmax"],
    "gridxy": ["color", "type", "width", "base60", "degrees", "hhmm"],
    "hcp_file": ["dump", "ps"],
    "limits": ["square", "nice", "restrict"],
    "palette": ["ntsc", "query"],
    "plc": ["legend", "hide", "region", "color", "type", "width", "marks", "mcolor", "marker", "msize",
            "mspace", "mphase", "smooth", "triangle", "levs"],
    "pldefault": ["color", "type", "width", "marks", "mcolor", "marker", "msize", "mspace", "mphase", "rays",
                  "arrowl", "arroww", "rspace", "rphase", "font", "height", "orient", "justify", "opaque",
                  "hollow", "aspect", "dpi", "style", "legends", "palette", "maxcolors", "edges", "ecolor",
                  "ewidth", "cgmfilesize"],
    "pldj": ["legend", "hide", "color", "type", "width"],
    "pledit": ["legend", "hide", "color", "type", "width", "marks", "mcolor", "marker", "msize", "mspace",
               "mphase", "rays", "arrowl", "arroww", "rspace", "rphase", "closed", "smooth", "font", "height",
               "orient", "justify", "opaque", "hollow", "aspect", "region", "boundary", "levs", "scale",
               "scalem", "dx", "dy", "edges", "ecolor", "ewidth", "inhibit"],
    "plf": ["legend", "hide", "region", "top", "cmin", "cmax", "edges", "ecolor", "ewidth"],
    "plfp": ["legend", "hide", "top", "cmin", "cmax", "edges", "ecolor", "ewidth"],
    "plg": ["legend", "hide", "color", "type", "width", "marks", "mcolor", "marker", "msize", "mspace",
            "mphase", "rays", "arrowl", "arroww", "rspace", "rphase", "closed", "smooth", "n"],
    "pli": ["legend", "hide", "top", "cmin", "cmax"],
    "plm": ["legend", "hide", "color", "type", "width", "region", "boundary", "inhibit"],
    "plmesh": ["triangle"],
    "plt": ["legend", "hide", "color", "font", "height", "orient", "justify", "opaque", "tosys"],
    "plv": ["legend", "hide", "region", "color", "hollow", "width", "aspect", "scale"],
    "window": ["display", "dpi", "private", "hcp", "legends", "dump", "style", "wait", "width", "height",
               "rgb"],
    "xytitles": ["delta"],
    "plmk": ["marker", "width", "color", "msize"],
    "plmk_default": ["color", "msize", "width"],
    "span": ["nn"],
    "spann": ["n", "fudge", "force"],
    "plfc": ["contours", "colors", "region", "triangle", "scale", "leveloverlap"],
    "plh": ["width", "hide", "color", "labels", "height"],
    "color_bar": ["split", "ncol"],
}

# Keywords Gist accepts that change nothing in its picture on a true-colour
# display, which is what pargist's outputs all are.
GIST_CHANGES_NOTHING = {
    ("window", "private"): "a private X colormap: true-colour windows have none",
    ("window", "rgb"): "the true-colour hint: pargist's windows are true-colour always",
    ("window", "wait"): "wait for the window to be mapped: pargist's window() always returns mapped",
    ("palette", "ntsc"): "gray levels for monochrome devices: pargist has none",
}

# ---------------------------------------------------------------- helpers

x = numpy.linspace(0, 2, 40)
mx, my = numpy.meshgrid(numpy.linspace(0, 1, 6), numpy.linspace(0, 1, 5))
mz = numpy.sin(3 * mx) * numpy.cos(2 * my)
ireg2 = numpy.ones(mx.shape, int)
ireg2[:, 3:] = 2


def fresh():
    pg._core.reset_all()
    pg.window(0, display="")


def page():
    """The current frame rendered as a whole page, 30 dpi, as pixels."""
    return numpy.asarray(Image.open(io.BytesIO(pg._core.frame_png_bytes(30.0, True))).convert("RGB"))


def picture_of(draw):
    fresh()
    draw()
    return page()


def changes_picture(draw_without, draw_with):
    a, b = picture_of(draw_without), picture_of(draw_with)
    return a.shape != b.shape or bool(numpy.any(a != b))


# One case per (function, keyword): the drawing without the keyword and
# with it (a value that makes a difference in Gist).
def curve(**kw):
    return lambda: pg.plg(numpy.sin(3 * x), x, **kw)


def mesh_plot(func, **kw):
    return lambda: getattr(pg, func)(mz if func != "plm" else my, *((my, mx) if func != "plm" else (mx,)), **kw)


PICTURE = {
    # plg
    ("plg", "legend"): (curve(), curve(legend="a curve")),
    ("plg", "hide"): (curve(), curve(hide=1)),
    ("plg", "color"): (curve(), curve(color="red")),
    ("plg", "type"): (curve(), curve(type="dash")),
    ("plg", "width"): (curve(), curve(width=8)),
    ("plg", "marks"): (curve(), curve(marks=0)),
    ("plg", "mcolor"): (curve(), curve(mcolor="red")),
    ("plg", "marker"): (curve(), curve(marker="Z")),
    ("plg", "msize"): (curve(), curve(msize=3)),
    ("plg", "mspace"): (curve(), curve(mspace=0.05)),
    ("plg", "mphase"): (curve(marker="A"), curve(marker="A", mphase=0.07)),
    ("plg", "rays"): (curve(), curve(rays=1)),
    ("plg", "arrowl"): (curve(rays=1), curve(rays=1, arrowl=3)),
    ("plg", "arroww"): (curve(rays=1), curve(rays=1, arroww=3)),
    ("plg", "rspace"): (curve(rays=1), curve(rays=1, rspace=0.04)),
    # (with an automatic marker Gist sets the phases itself: a marker is given)
    ("plg", "rphase"): (curve(rays=1, marker="A"), curve(rays=1, marker="A", rphase=0.06)),
    ("plg", "closed"): (curve(), curve(closed=1)),
    ("plg", "smooth"): (lambda: pg.plg([0, 1, 0, 1], [0, 1, 2, 3], marks=0),
                        lambda: pg.plg([0, 1, 0, 1], [0, 1, 2, 3], marks=0, smooth=1)),
    ("plg", "n"): (lambda: pg.plg([0, 1, 0, 1], [0, 1, 2, 3]), lambda: pg.plg([0, 1, 0, 1], [0, 1, 2, 3], n=[2, 2])),
    # pldj
    ("pldj", "legend"): (lambda: pg.pldj([0], [0], [1], [1]), lambda: pg.pldj([0], [0], [1], [1], legend="seg")),
    ("pldj", "hide"): (lambda: pg.pldj([0], [0], [1], [1]), lambda: pg.pldj([0], [0], [1], [1], hide=1)),
    ("pldj", "color"): (lambda: pg.pldj([0], [0], [1], [1]), lambda: pg.pldj([0], [0], [1], [1], color="red")),
    ("pldj", "type"): (lambda: pg.pldj([0], [0], [1], [1]), lambda: pg.pldj([0], [0], [1], [1], type="dot")),
    ("pldj", "width"): (lambda: pg.pldj([0], [0], [1], [1]), lambda: pg.pldj([0], [0], [1], [1], width=9)),
    # plm
    ("plm", "legend"): (mesh_plot("plm"), mesh_plot("plm", legend="mesh")),
    ("plm", "hide"): (mesh_plot("plm"), mesh_plot("plm", hide=1)),
    ("plm", "color"): (mesh_plot("plm"), mesh_plot("plm", color="blue")),
    ("plm", "type"): (mesh_plot("plm"), mesh_plot("plm", type="dash")),
    ("plm", "width"): (mesh_plot("plm"), mesh_plot("plm", width=6)),
    ("plm", "region"): (lambda: pg.plm(my, mx, ireg2), lambda: pg.plm(my, mx, ireg2, region=2)),
    ("plm", "boundary"): (mesh_plot("plm"), mesh_plot("plm", boundary=1)),
    ("plm", "inhibit"): (mesh_plot("plm"), mesh_plot("plm", inhibit=1)),
    # plc
    ("plc", "legend"): (mesh_plot("plc"), mesh_plot("plc", legend="levels")),
    ("plc", "hide"): (mesh_plot("plc"), mesh_plot("plc", hide=1)),
    ("plc", "region"): (lambda: pg.plc(mz, my, mx, ireg2), lambda: pg.plc(mz, my, mx, ireg2, region=2)),
    ("plc", "color"): (mesh_plot("plc"), mesh_plot("plc", color="red")),
    ("plc", "type"): (mesh_plot("plc"), mesh_plot("plc", type="dash")),
    ("plc", "width"): (mesh_plot("plc"), mesh_plot("plc", width=6)),
    ("plc", "marks"): (mesh_plot("plc"), mesh_plot("plc", marks=0)),
    ("plc", "mcolor"): (mesh_plot("plc"), mesh_plot("plc", mcolor="red")),
    ("plc", "marker"): (mesh_plot("plc"), mesh_plot("plc", marker="Q")),
    ("plc", "msize"): (mesh_plot("plc"), mesh_plot("plc", msize=2.5)),
    ("plc", "mspace"): (mesh_plot("plc"), mesh_plot("plc", mspace=0.03)),
    ("plc", "mphase"): (mesh_plot("plc", marker="A"), mesh_plot("plc", marker="A", mphase=0.1)),
    ("plc", "smooth"): (mesh_plot("plc", marks=0), mesh_plot("plc", marks=0, smooth=4)),
    ("plc", "levs"): (mesh_plot("plc"), mesh_plot("plc", levs=[0.1])),
    # plf
    ("plf", "legend"): (mesh_plot("plf"), mesh_plot("plf", legend="filled")),
    ("plf", "hide"): (mesh_plot("plf"), mesh_plot("plf", hide=1)),
    ("plf", "region"): (lambda: pg.plf(mz, my, mx, ireg2), lambda: pg.plf(mz, my, mx, ireg2, region=2)),
    ("plf", "top"): (mesh_plot("plf"), mesh_plot("plf", top=40)),
    ("plf", "cmin"): (mesh_plot("plf"), mesh_plot("plf", cmin=0.5)),
    ("plf", "cmax"): (mesh_plot("plf"), mesh_plot("plf", cmax=0.2)),
    ("plf", "edges"): (mesh_plot("plf"), mesh_plot("plf", edges=1)),
    ("plf", "ecolor"): (mesh_plot("plf", edges=1), mesh_plot("plf", edges=1, ecolor="red")),
    ("plf", "ewidth"): (mesh_plot("plf", edges=1), mesh_plot("plf", edges=1, ewidth=6)),
}
POLYS = (numpy.array([1.0, 2.0]), numpy.array([0, 1, 0, 1, 2, 1]), numpy.array([0, 0, 1, 1, 1, 2]), numpy.array([3, 3]))
for key, value in {"legend": "polys", "hide": 1, "top": 30, "cmin": 0.0, "cmax": 3.0, "edges": 1}.items():
    PICTURE[("plfp", key)] = (lambda: pg.plfp(*POLYS), lambda k=key, v=value: pg.plfp(*POLYS, **{k: v}))
for key, value in {"ecolor": "red", "ewidth": 6}.items():
    PICTURE[("plfp", key)] = (lambda: pg.plfp(*POLYS, edges=1), lambda k=key, v=value: pg.plfp(*POLYS, edges=1, **{k: v}))
for key, value in {"legend": "image", "hide": 1, "top": 30, "cmin": 0.5, "cmax": 0.2}.items():
    PICTURE[("pli", key)] = (lambda: pg.pli(mz), lambda k=key, v=value: pg.pli(mz, **{k: v}))
VEC = (mz, numpy.cos(mz), my, mx)
for key, value in {"legend": "darts", "hide": 1, "color": "red", "hollow": 1, "aspect": 0.5, "scale": 0.3}.items():
    PICTURE[("plv", key)] = (lambda: pg.plv(*VEC), lambda k=key, v=value: pg.plv(*VEC, **{k: v}))
PICTURE[("plv", "region")] = (lambda: pg.plv(*VEC, ireg2), lambda: pg.plv(*VEC, ireg2, region=2))
PICTURE[("plv", "width")] = (lambda: pg.plv(*VEC, hollow=1), lambda: pg.plv(*VEC, hollow=1, width=6))


def text(**kw):
    return lambda: pg.plt("Some text!a", 0.4, 0.7, **kw)


def world_text(image=False):
    """A text in the current system, where pledit finds it (as in Gist)."""
    return lambda: (pg.pli(mz) if image else pg.plg([0, 5]), pg.plt("Some text", 1.3, 2.5, tosys=1))


def text_on_image(**kw):
    return lambda: (pg.pli(mz), pg.plt("Some text!a", 0.4, 0.7, **kw))


for key, value in {"hide": 1, "color": "red", "font": "symbol", "height": 30, "orient": 1, "justify": "RT"}.items():
    PICTURE[("plt", key)] = (text(), text(**{key: value}))
PICTURE[("plt", "opaque")] = (text_on_image(), text_on_image(opaque=1))
PICTURE[("plt", "legend")] = (lambda: (pg.plg([0, 1]), pg.plt("t", 1, 1, tosys=1)),
                              lambda: (pg.plg([0, 1]), pg.plt("t", 1, 1, tosys=1, legend="text")))
PICTURE[("plt", "tosys")] = (lambda: (pg.plg([0, 10]), pg.plt("T", 0.5, 0.5)),
                             lambda: (pg.plg([0, 10]), pg.plt("T", 0.5, 0.5, tosys=1)))


# pldefault: the same plot drawn after it, or not.
def after_default(key, value, draw):
    return (draw, lambda: (pg.pldefault(**{key: value}), draw()))


for key, value in {"color": "red", "type": "dash", "width": 6, "marks": 0, "mcolor": "red", "marker": "Q",
                   "msize": 3, "mspace": 0.04, "rays": 1}.items():
    PICTURE[("pldefault", key)] = after_default(key, value, curve())
PICTURE[("pldefault", "mphase")] = after_default("mphase", 0.07, curve(marker="A"))
for key, value in {"arrowl": 3, "arroww": 3, "rspace": 0.04, "rphase": 0.06}.items():
    PICTURE[("pldefault", key)] = after_default(key, value, curve(rays=1, marker="A"))
for key, value in {"font": "timesB", "height": 30, "orient": 1, "justify": "CC"}.items():
    PICTURE[("pldefault", key)] = after_default(key, value, text())
PICTURE[("pldefault", "opaque")] = after_default("opaque", 1, text_on_image())
for key, value in {"hollow": 1, "aspect": 0.5}.items():
    PICTURE[("pldefault", key)] = after_default(key, value, lambda: pg.plv(*VEC))
for key, value in {"edges": 1}.items():
    PICTURE[("pldefault", key)] = after_default(key, value, mesh_plot("plf"))
for key, value in {"ecolor": "red", "ewidth": 6}.items():
    PICTURE[("pldefault", key)] = after_default(key, value, mesh_plot("plf", edges=1))
for key, value in {"style": "boxed.gs", "legends": 0, "palette": "heat.gp", "maxcolors": 20}.items():
    # Defaults of the windows made after it.
    PICTURE[("pldefault", key)] = (lambda: (pg.winkill(0), pg.window(0, display=""), mesh_plot("plf", legend="L")()),
                                   lambda k=key, v=value: (pg.winkill(0), pg.pldefault(**{k: v}),
                                                           pg.window(0, display=""), mesh_plot("plf", legend="L")()))
# gridxy and limits
for key, value in {"color": "red", "type": "solid", "width": 5}.items():
    PICTURE[("gridxy", key)] = (lambda: (curve()(), pg.gridxy(1)), lambda k=key, v=value: (curve()(), pg.gridxy(1, **{k: v})))
for key in ("base60", "degrees", "hhmm"):
    PICTURE[("gridxy", key)] = (lambda: pg.plg([0, 1], [90, 600]), lambda k=key: (pg.plg([0, 1], [90, 600]), pg.gridxy(**{k: 1})))
PICTURE[("limits", "square")] = (curve(), lambda: (curve()(), pg.limits(square=1)))
PICTURE[("limits", "nice")] = (lambda: pg.plg([0.13, 0.91], [0.07, 9.3]), lambda: (pg.plg([0.13, 0.91], [0.07, 9.3]), pg.limits(nice=1)))
PICTURE[("limits", "restrict")] = (lambda: (pg.plg(x ** 3, x), pg.limits(0, 1)),
                                   lambda: (pg.plg(x ** 3, x), pg.limits(0, 1, restrict=1)))
# window
PICTURE[("window", "legends")] = (curve(legend="L"), lambda: (pg.window(0, legends=0), curve(legend="L")()))
PICTURE[("window", "style")] = (curve(), lambda: (pg.window(0, style="vg.gs"), curve()()))
# pygist's helpers that draw
PICTURE[("xytitles", "delta")] = (lambda: pg.xytitles("x", "y"), lambda: pg.xytitles("x", "y", delta=(0.05, 0.05)))
MARKS = (numpy.array([0.2, 0.5, 0.8]), numpy.array([0.1, 0.5, 0.9]))
for key, value in {"marker": 4, "width": 10, "color": "red", "msize": 3}.items():
    PICTURE[("plmk", key)] = (lambda: pg.plmk(*MARKS, marker=1), lambda k=key, v=value: pg.plmk(*MARKS, **{"marker": 1, k: v}))
    if key != "marker":
        PICTURE[("plmk_default", key)] = (lambda: pg.plmk(*MARKS, marker=1),
                                          lambda k=key, v=value: (pg.plmk_default(**{k: v}), pg.plmk(*MARKS, marker=1),
                                                                  pg.plmk_default()))
IREG = numpy.ones(mz.shape, int)
IREG[0, :] = IREG[:, 0] = 0
for key, value in {"contours": 3, "colors": numpy.array([0, 50, 100, 150, 199, 20, 60, 90, 120], numpy.uint8),
                   "region": 2, "scale": "log"}.items():
    reg = ireg2 * IREG if key == "region" else IREG
    PICTURE[("plfc", key)] = (lambda r=reg: pg.plfc(mz, my, mx, r),
                              lambda k=key, v=value, r=reg: pg.plfc(mz, my, mx, r, **{k: v}))
BARS = numpy.array([3.0, 1.0, 2.0])
for key, value in {"width": 6, "hide": 1, "color": "red", "labels": ["a", "b", "c"]}.items():
    PICTURE[("plh", key)] = (lambda: pg.plh(BARS), lambda k=key, v=value: pg.plh(BARS, **{k: v}))
PICTURE[("plh", "height")] = (lambda: pg.plh(BARS, labels=["a", "b", "c"]),
                              lambda: pg.plh(BARS, labels=["a", "b", "c"], height=30))
for key, value in {"split": 1, "ncol": 5}.items():
    PICTURE[("color_bar", key)] = (lambda: (curve()(), pg.color_bar(0.0, 1.0)),
                                   lambda k=key, v=value: (curve()(), pg.color_bar(0.0, 1.0, **{k: v})))

# pledit: each keyword on an element that has it.
EDIT = {
    "legend": (curve(), "new legend"), "hide": (curve(), 1), "color": (curve(), "red"),
    "type": (curve(), "dash"), "width": (curve(), 7), "marks": (curve(), 0), "mcolor": (curve(), "red"),
    "marker": (curve(), "Z"), "msize": (curve(), 3), "mspace": (curve(), 0.04),
    "mphase": (curve(marker="A"), 0.07), "rays": (curve(), 1), "arrowl": (curve(rays=1), 3),
    "arroww": (curve(rays=1), 3), "rspace": (curve(rays=1), 0.04), "rphase": (curve(rays=1), 0.06),
    "closed": (curve(), 1), "smooth": (lambda: pg.plg([0, 1, 0, 1], [0, 1, 2, 3], marks=0), 1),
    "font": (world_text(), "courierB"), "height": (world_text(), 30), "orient": (world_text(), 1),
    "justify": (world_text(), "RT"), "opaque": (world_text(image=True), 1), "dx": (world_text(), 0.1),
    "dy": (world_text(), 0.1),
    "hollow": (lambda: pg.plv(*VEC), 1), "aspect": (lambda: pg.plv(*VEC), 0.5),
    "scale": (lambda: pg.plv(*VEC), 0.3), "scalem": (lambda: pg.plv(*VEC), 3),
    "region": (lambda: pg.plm(my, mx, ireg2), 2), "boundary": (mesh_plot("plm"), 1),
    "inhibit": (mesh_plot("plm"), 2), "levs": (mesh_plot("plc"), [0.2]),
    "edges": (mesh_plot("plf"), 1), "ecolor": (mesh_plot("plf", edges=1), "red"),
    "ewidth": (mesh_plot("plf", edges=1), 6),
}
for key, (draw, value) in EDIT.items():
    PICTURE[("pledit", key)] = (draw, lambda d=draw, k=key, v=value: (d(), pg.pledit(**{k: v})))


def state_changes():
    """Keywords whose effect is not in the pixels, with what they change."""
    out = {}

    def hcp_dump(tmp):
        sizes = []
        for dump in (1, 0):
            fresh()
            pg.hcp_file(os.path.join(tmp, f"d{dump}.cgm"), dump=dump)
            mesh_plot("plf")()
            pg.hcp()
            sizes.append(os.path.getsize(pg.hcp_finish(-1)))
        return sizes[0] != sizes[1]

    def hcp_ps(tmp):
        fresh()
        os.chdir(tmp)
        pg.hcp_file(ps=0)
        curve()()
        pg.hcp()
        return pg.hcp_finish(-1) == "Aa00.cgm"

    def window_hcp(tmp):
        fresh()
        pg.window(0, hcp=os.path.join(tmp, "w.cgm"))
        curve()()
        pg.hcp()
        return pg.hcp_finish(0).endswith("w.cgm") and os.path.exists(os.path.join(tmp, "w.cgm"))

    def window_dump(tmp):
        sizes = []
        for dump in (1, 0):
            fresh()
            pg.window(0, hcp=os.path.join(tmp, f"w{dump}.cgm"), dump=dump)
            mesh_plot("plf")()
            pg.hcp()
            sizes.append(os.path.getsize(pg.hcp_finish(0)))
        return sizes[0] != sizes[1]

    def window_size(tmp):
        fresh()
        pg.window(0, width=300, height=300)
        curve()()
        path = os.path.join(tmp, "s.png")
        pg.png(path)
        return Image.open(path).size == (300, 300)

    def cgmfilesize(tmp):
        fresh()
        pg.pldefault(cgmfilesize=0.001)
        pg.hcp_file(os.path.join(tmp, "r00.cgm"))
        for _ in range(2):
            curve()()
            pg.hcp()
            pg.fma()
        pg.hcp_finish(-1)
        return os.path.exists(os.path.join(tmp, "r01.cgm"))

    def window_dpi(tmp):
        fresh()
        pg.window(0, dpi=100)
        curve()()
        path = os.path.join(tmp, "w.png")
        pg.png(path)
        return Image.open(path).size == (600, 600)

    def plfc_overlap(tmp):
        # Each band stretches into the next: more polygons, drawn under the
        # next band (the picture is the same; a PDF viewer shows no seams).
        counts = []
        for overlap in (0.0, 0.5):
            fresh()
            pg.plfc(mz, my, mx, IREG, leveloverlap=overlap)
            counts.append(sum(len(e["n"]) for e in pg.current_frame().elements() if e["kind"] == "plfp"))
        return counts[1] > counts[0]

    def pldefault_dpi(tmp):
        fresh()
        pg.pldefault(dpi=100)
        pg.winkill(0)
        pg.window(0, display="")
        curve()()
        path = os.path.join(tmp, "d.png")
        pg.png(path)
        return Image.open(path).size == (600, 600)

    def palette_query(tmp):
        fresh()
        r, g, b = pg.palette(query=1)
        pg.palette("heat.gp")
        return len(r) == 200 and not numpy.array_equal(pg.palette(query=1)[0], r)

    def display(tmp):
        fresh()
        pg.window(1, display="")
        return pg.current_window() == 1  # a window without a screen; screens: tests/viewer

    def plmesh_triangle(tmp):
        fresh()
        pg.plmesh(my, mx, triangle=numpy.zeros(mx.shape, int))
        pg.plc(mz)
        with pytest.raises(NotImplementedError, match="triangle"):
            pg.plmesh(my, mx, triangle=numpy.ones(mx.shape, int))
        return True

    def triangle(func):
        def check(tmp):
            fresh()
            getattr(pg, func)(mz, my, mx, triangle=numpy.zeros(mx.shape, int))
            with pytest.raises(NotImplementedError, match="triangle"):
                getattr(pg, func)(mz, my, mx, triangle=numpy.ones(mx.shape, int))
            return True
        return check

    def plfc_triangle(tmp):
        fresh()
        pg.plfc(mz, my, mx, IREG, triangle=numpy.zeros(mx.shape, int))
        with pytest.raises(NotImplementedError, match="triangle"):
            pg.plfc(mz, my, mx, IREG, triangle=numpy.ones(mx.shape, int))
        return True

    def contour_keywords(key):
        def check(tmp):
            fresh()
            if key == "region":
                a = pg.contour(0.0, mz, my, mx, ireg2)
                b = pg.contour(0.0, mz, my, mx, ireg2, region=2)
                return len(a[1]) != len(b[1])
            pg.contour(0.0, mz, my, mx, triangle=numpy.zeros(mx.shape, int))
            with pytest.raises(NotImplementedError, match="triangle"):
                pg.contour(0.0, mz, my, mx, triangle=numpy.ones(mx.shape, int))
            return True
        return check

    def bytscl_keyword(key, value):
        def check(tmp):
            fresh()
            return not numpy.array_equal(pg.bytscl(mz), pg.bytscl(mz, **{key: value}))
        return check

    def span_nn(tmp):
        return pg.span(0, 1, 5, nn=3).shape == (5, 3)

    def spann_keyword(key, value):
        def check(tmp):
            return not numpy.array_equal(pg.spann(0.1, 0.93), pg.spann(0.1, 0.93, **{key: value}))
        return check

    out.update({("hcp_file", "dump"): hcp_dump, ("hcp_file", "ps"): hcp_ps, ("window", "hcp"): window_hcp,
                ("window", "dump"): window_dump, ("window", "width"): window_size,
                ("window", "height"): window_size, ("pldefault", "cgmfilesize"): cgmfilesize,
                ("pldefault", "dpi"): pldefault_dpi, ("window", "dpi"): window_dpi,
                ("plfc", "leveloverlap"): plfc_overlap, ("palette", "query"): palette_query,
                ("window", "display"): display, ("plmesh", "triangle"): plmesh_triangle,
                ("plc", "triangle"): triangle("plc"), ("plfc", "triangle"): plfc_triangle,
                ("contour", "region"): contour_keywords("region"),
                ("contour", "triangle"): contour_keywords("triangle"),
                ("bytscl", "top"): bytscl_keyword("top", 50), ("bytscl", "cmin"): bytscl_keyword("cmin", 0.5),
                ("bytscl", "cmax"): bytscl_keyword("cmax", 0.5), ("span", "nn"): span_nn,
                ("spann", "n"): spann_keyword("n", 3), ("spann", "fudge"): spann_keyword("fudge", 0.5),
                ("spann", "force"): spann_keyword("force", 1)})
    return out


STATE = state_changes()
ALL_KEYWORDS = [(f, k) for f, keys in KEYWORDS.items() for k in keys]


# ---------------------------------------------------------------- the tests

@pytest.fixture(autouse=True)
def clean(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fresh()
    yield
    pg._core.reset_all()


@pytest.mark.parametrize("name", GISTC + GIST_PY + COLORBAR_PY)
def test_every_pygist_function_exists(name):
    assert callable(getattr(pg, name, None)), f"pargist has no {name}"


@pytest.mark.parametrize("name", YORICK_PY)
def test_every_yorick_py_function_exists(name):
    assert callable(getattr(pargist.yorick, name, None)), f"pargist.yorick has no {name}"


def test_the_inventory_is_pygists():
    assert len(GISTC) == 48 and len(GIST_PY) == 12 and len(COLORBAR_PY) == 2 and len(YORICK_PY) == 9
    covered = set(PICTURE) | set(STATE) | set(GIST_CHANGES_NOTHING)
    missing = [fk for fk in ALL_KEYWORDS if fk not in covered]
    assert not missing, f"keywords without a check: {missing}"


@pytest.mark.parametrize("func,key", sorted(PICTURE), ids=[f"{f}-{k}" for f, k in sorted(PICTURE)])
def test_keyword_changes_the_picture(func, key):
    without, with_it = PICTURE[(func, key)]
    assert changes_picture(without, with_it), f"{func}({key}=...) changed nothing in the picture"


@pytest.mark.parametrize("func,key", sorted(STATE), ids=[f"{f}-{k}" for f, k in sorted(STATE)])
def test_keyword_changes_what_it_should(func, key, tmp_path):
    assert STATE[(func, key)](str(tmp_path))


@pytest.mark.parametrize("func,key", sorted(GIST_CHANGES_NOTHING))
def test_keywords_gist_ignores_on_true_colour_are_accepted(func, key):
    if func == "window":
        pg.window(0, **{key: 1})
    else:
        pg.palette("earth.gp", **{key: 1})
    doc = getattr(pg, func).__doc__
    assert key in doc  # the docstring says why it changes nothing


def test_functions_without_keywords_do_their_job(tmp_path, capsys):
    pg.plg([0, 1])
    assert pg.plsys(1) == 1
    assert pg.current_window() == 0
    assert pg.viewport() == pytest.approx([0.19, 0.60, 0.44, 0.85])
    pg.logxy(1, 0)
    pg.logxy(0, 0)
    pg.ylimits(0.2, 0.8)
    assert pg.limits()[2:4] == pytest.approx((0.2, 0.8))
    pg.redraw()
    pg.animate(1)
    pg.animate(0)
    pg.pause(1)
    pg.unzoom()
    assert pg.zoom_factor(2.0) == 1.5
    assert pg.mouse() is None  # no live window here
    assert pg.moush(my, mx) is None
    style = pg.get_style()
    style["systems"][0]["viewport"] = [0.2, 0.5, 0.5, 0.8]
    assert pg.set_style(style) == 1
    assert pg.viewport() == pytest.approx([0.2, 0.5, 0.5, 0.8])
    pg.plq()
    assert " 1: " in capsys.readouterr().out
    pg.plremove(1)  # plq() leaves no current element, as pygist's
    pg.fma()
    pg.hcpon()
    pg.hcpoff()
    pg.pltitle("title")
    pg.set_slice2_precision(0.1)
    assert pg.get_slice2_precision() == 0.1
    pg.set_slice2_precision(0)
    nv, xyz, _ = pg.slice2([0.0, 0.0, 1.0, 0.5], [3], [[0, 0, 0], [1, 0, 1], [0, 1, 1]])
    assert list(nv) == [4] and numpy.all(numpy.asarray(xyz)[:, 2] >= 0.5)
    assert pg.mesh_loc(0.5, 0.5, my, mx) > 0 and pg.mesh_loc(5.0, 5.0, my, mx) == 0
    assert pg.mfit([1.0], [0.0], [0.0, 1.0], [0.0], [0.0], 0.0).shape == (2, 1)
    assert pg.nice_levels([0.0, 1.0]).size > 3
    assert pg.pyg_register(None, None) is None and pg.pyg_pending() is None and pg.pyg_unhook() is None
    pg.pyg_idler()
    pg.debug_array(numpy.arange(3))
    pg.plg([0, 1])
    pg.eps(os.path.join(str(tmp_path), "fig"))
    assert os.path.exists(os.path.join(str(tmp_path), "fig.epsi"))
    pg.winkill()
    assert pg.current_window() == -1
    y = pargist.yorick
    assert list(y.zcen_([0.0, 2.0, 4.0])) == [1.0, 3.0] and list(y.dif_([0.0, 2.0, 5.0])) == [2.0, 3.0]
    assert y.maxelt_([1, 5], 3) == 5 and y.minelt_([1, 5], 3) == 1 and y.avg_([1.0, 3.0]) == 2.0
    assert y.sign_(-2) == -1
    a = numpy.array([0.0, 1.0])
    y.rem_0_(a)
    assert a[0] == 1e-35
    t = y.timer_(y.timer_(0))
    y.timer_print("split", t)
