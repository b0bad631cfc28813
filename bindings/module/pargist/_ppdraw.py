"""Drawing a Warp plot on rank 0 from reduced data only, in Warp's order:
filled contours, the cell array, the particles (plain, or coloured in
bands), contour lines, hash marks, the colour bar, titles, the frame's
limits. Grids are Warp's node grids: grid[ix, iy] at (xmin + ix dx,
ymin + iy dy)."""

import numpy

from . import _core, gist, session

# Warp's named colours for ppco(usepalette=0) and multi-species plots.
COLORS = ["red", "green", "blue", "cyan", "magenta", "yellow"]


def mesh(o, ext, nx, ny, dx, dy):
    """The node mesh xmesh[ix, iy], ymesh[ix, iy] (user's, or the grid's + offsets)."""
    xmin, ymin = ext[0], ext[2]
    xmesh, ymesh = o["xmesh"], o["ymesh"]
    if xmesh is None:
        xmesh = xmin + dx * numpy.arange(nx + 1)[:, None] * numpy.ones(ny + 1) + o["xcoffset"]
    elif xmesh.ndim == 1:
        xmesh = xmesh[:, None] * numpy.ones(ny + 1)
    if ymesh is None:
        ycoff = numpy.asarray(o["ycoffset"], dtype=float)
        ycoff = ycoff[:, None] if ycoff.ndim == 1 else ycoff
        ymesh = ymin + dy * numpy.arange(ny + 1) * numpy.ones(nx + 1)[:, None] + ycoff
    elif ymesh.ndim == 1:
        ymesh = ymesh * numpy.ones(nx + 1)[:, None]
    return numpy.asarray(xmesh, dtype=float), numpy.asarray(ymesh, dtype=float)


def levels(contours, cmin, cmax):
    """Warp's plotc levels: n levels strictly inside cmin..cmax, or the list."""
    if numpy.ndim(contours):
        return numpy.asarray(contours, dtype=float)
    n = int(contours)
    return cmin + numpy.arange(1, n + 1) * (cmax - cmin) / (n + 1)


def palette_top(o, cmin, cmax):
    """cmax so that cmax takes palette colour ctop (Warp's top=ctop)."""
    ncol = max(int(_core.palette_size()), 2)
    top = min(int(o["ctop"]), ncol - 1)
    if top >= ncol - 1 or cmax == cmin:
        return cmax
    return cmin + (cmax - cmin) * (ncol - 1) / top


def grid_layers(o, grid, ext, dx, dy, cmin, cmax, when):
    """The grid's layers drawn before ('under') or after ('over') the particles."""
    nx, ny = grid.shape[0] - 1, grid.shape[1] - 1
    drawn = []
    needs_mesh = o["contours"] is not None or o["hash"] or o["xmesh"] is not None or o["ymesh"] is not None
    xmesh = ymesh = None
    if needs_mesh:
        xmesh, ymesh = mesh(o, ext, nx, ny, dx, dy)
    ireg = None if o["ireg"] is None else numpy.ascontiguousarray(numpy.asarray(o["ireg"]).T)
    big_enough = nx > 1 and ny > 1
    if when == "under":
        if o["contours"] is not None and o["filled"] and big_enough and cmax != cmin:
            levs = levels(o["contours"], cmin, cmax)
            session.plotc(grid.T, ymesh.T, xmesh.T, ireg, contours=levs, filled=1,
                          leveloverlap=o["leveloverlap"])
            drawn.append("filled-contours")
        if o["cellarray"] and big_enough:
            if o["xmesh"] is None and o["ymesh"] is None:
                xmin, xmax, ymin, ymax = ext
                if o["centering"] == "node":
                    box = (xmin, ymin, xmax + dx, ymax + dy)
                elif o["centering"] == "cell":
                    box = (xmin - dx / 2, ymin - dy / 2, xmax + dx / 2, ymax + dy / 2)
                else:
                    box = (xmin, ymin, xmax, ymax)
                gist.pli(numpy.ascontiguousarray(grid.T), *box, cmin=cmin, cmax=palette_top(o, cmin, cmax))
            else:
                gist.plf(numpy.ascontiguousarray(grid), ymesh, xmesh, cmin=cmin, cmax=palette_top(o, cmin, cmax))
            drawn.append("cellarray")
    else:
        if o["contours"] is not None and not o["filled"] and big_enough and cmax != cmin:
            levs = levels(o["contours"], cmin, cmax)
            gist.plc(numpy.ascontiguousarray(grid.T), numpy.ascontiguousarray(ymesh.T),
                     numpy.ascontiguousarray(xmesh.T), ireg, levs=levs, color=o["ccolor"])
            drawn.append("contours")
        if o["hash"]:
            xmin, xmax = ext[0], ext[1]
            scale = o["line_scale"] * (xmax - xmin) / nx / (cmax - cmin) if nx and cmax != cmin else 1.0
            x0, y0 = xmesh.ravel(), ymesh.ravel()
            gist.pldj(x0, y0, x0 + scale * grid.ravel(), y0, color=o["hcolor"], width=o["width"])
            drawn.append("hash")
    return drawn


def interpolate(grid, ext, x, y):
    """Warp's getgrid2d: the node grid bilinearly at (x, y), 0 outside."""
    nx, ny = grid.shape[0] - 1, grid.shape[1] - 1
    xmin, xmax, ymin, ymax = ext
    gx = (numpy.asarray(x) - xmin) * (nx / (xmax - xmin))
    gy = (numpy.asarray(y) - ymin) * (ny / (ymax - ymin))
    inside = (gx >= 0) & (gx <= nx) & (gy >= 0) & (gy <= ny)
    ix = numpy.clip(numpy.floor(gx), 0, max(nx - 1, 0)).astype(numpy.intp)
    iy = numpy.clip(numpy.floor(gy), 0, max(ny - 1, 0)).astype(numpy.intp)
    wx, wy = gx - ix, gy - iy
    ix1, iy1 = numpy.minimum(ix + 1, nx), numpy.minimum(iy + 1, ny)
    out = (grid[ix, iy] * (1 - wx) * (1 - wy) + grid[ix1, iy] * wx * (1 - wy) +
           grid[ix, iy1] * (1 - wx) * wy + grid[ix1, iy1] * wx * wy)
    return numpy.where(inside, out, 0.0)


def bands(z, zmin, zmax, ncolor):
    """ppco's colour bands: band ic holds zmin + ic dd < z < zmin + (ic+1) dd."""
    dd = (zmax - zmin) / ncolor
    out = []
    for ic in range(ncolor):
        lo, hi = zmin + ic * dd, zmin + (ic + 1) * dd
        out.append((lo < z) & (z < hi))
    return out


def band_color(ic, ncolor, usepalette, npalette):
    if usepalette:
        top = min(int(npalette), int(_core.palette_size())) - 1
        return int(numpy.rint(top * ic / max(ncolor - 1.0, 1.0)))
    return COLORS[ic % len(COLORS)]


def colored_markers(y, x, z, zmin, zmax, ncolor, usepalette, npalette, marker, msize):
    """ppco on rank 0: markers in ncolor bands of z."""
    if zmin is None or zmax is None or x.size == 0:
        return 0
    drawn = 0
    for ic, keep in enumerate(bands(z, zmin, zmax, ncolor)):
        if keep.any():
            session.plp(y[keep], x[keep], color=band_color(ic, ncolor, usepalette, npalette),
                        marker=marker, msize=msize)
            drawn += int(keep.sum())
    return drawn


def colorbar(o, cmin, cmax, view):
    """Warp's colour bar of a ppgeneric plot, when it shows colours."""
    filled = o["contours"] is not None and o["filled"]
    if not (o["lcolorbar"] and (filled or o["color"] == "density" or o["cellarray"])):
        return False
    if filled and numpy.ndim(o["contours"]):
        nc, levs = len(o["contours"]) + 1, o["contours"]
    elif filled:
        nc, levs = o["contours"] + 1, None
    elif o["color"] == "density":
        nc, levs = o["ncolor"], None
    else:
        nc, levs = o["ctop"], None
    dmin, dmax = (0.0, 1.0) if o["colbarunitless"] else (cmin, cmax)
    if dmin is None or dmax is None:
        return False
    session.colorbar(dmin, dmax, uselog=o["uselog"], ncolor=nc, view=view, levs=levs,
                     colbarlinear=o["colbarlinear"], ctop=o["ctop"])
    return True
