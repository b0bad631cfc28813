"""pygist's movie module: animated sequences drawn frame by frame.

movie(draw_frame) calls draw_frame(i) for i = 1, 2, ... until it returns 0
(or the time limit passes), finishing each frame with fma() in animation
mode, so a live window shows only finished frames and a hardcopy file with
hcpon() gets every one of them.
"""

import time

import numpy

from . import gist
from .yorick import timer_

__all__ = ["movie", "movie_stats"]

movie_timing = None


def movie(draw_frame, time_limit=120.0, min_interframe=0.0, bracket_time=(2.0, 2.0), lims=None, timing=0):
    """movie(draw_frame, time_limit=120., min_interframe=0.0,
    bracket_time=[2., 2.], lims=None, timing=0): run a movie of the frames
    draw_frame(i) draws (i = 1, 2, ...; a zero return ends it; draw_frame
    must not call fma). lims= fixes every frame's limits (square automatic
    limits otherwise). With timing=1 the movie keeps min_interframe
    seconds between frames, holds the first and last frames bracket_time
    seconds and prints movie_stats()."""
    global movie_timing
    bracket = numpy.atleast_1d(numpy.asarray(bracket_time, dtype=float))
    if bracket.size == 1:
        bracket = numpy.array([bracket[0], bracket[0]])
    if lims is not None and len(lims) != 4:
        raise ValueError("movie: lims must be [xmin, xmax, ymin, ymax]")
    gist.fma()
    gist.animate(1)
    elapsed = timer_(numpy.zeros(3))
    elapsed0 = numpy.array(elapsed, copy=True)
    waited = waited0 = 0.0
    i = 0
    try:
        more = 1
        while more:
            this_frame = numpy.zeros(3)
            i += 1
            more = draw_frame(i)
            if lims is not None:
                gist.limits(lims[0], lims[1], lims[2], lims[3])
            else:
                gist.limits(square=1)
            gist.fma()
            elapsed, this_frame = timer_(elapsed, this_frame)
            if not more or (timing and elapsed[2] - elapsed0[2] > time_limit):
                break
            if timing:
                pause = (bracket[0] if i == 1 else min_interframe) - this_frame[2]
                if pause > 0:
                    time.sleep(pause)
                    if i == 1:
                        waited0 += pause
                    else:
                        waited += pause
        if timing:
            pause = bracket[1] - this_frame[2]
            if pause > 0:
                time.sleep(pause)
                waited0 += pause
            elapsed = timer_(elapsed)
            e = elapsed - elapsed0
            movie_timing = [e[0], e[1], e[2], i, waited, waited0]
            movie_stats()
    finally:
        gist.animate(0)


def movie_stats(*timing):
    """movie_stats() or movie_stats(timing): the timing of the last movie
    (or of the movie_timing value given): wall, waited and CPU seconds."""
    t = timing[0] if timing else movie_timing
    if t is None:
        raise ValueError("movie_stats: no movie has been timed (movie(..., timing=1))")
    cpu = t[0] + t[1]
    wall, nframes, waited, wait = t[2], t[3], t[4] + t[5], t[5]
    print("  Wall(sec)  Wait(sec)  CPU(sec)")
    print("  %9.3f  %9.3f  %8.3f   %ld frames" % (wall, waited, cpu, nframes))
    print("  %9.3f  %9.3f  %8.3f   per frame" % ((wall - waited) / nframes, wait / max(nframes - 1, 1),
                                                 cpu / nframes))
