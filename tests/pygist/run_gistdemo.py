"""Runs pygist's demo (gistdemolow.py, ported) to the end, non-interactively:
each time the demo stops to show a frame (its quitnow prompt), the frame goes
to the CGM file given, as a pygist user would save it with hcp().

    python3 run_gistdemo.py OUT.cgm

Prints what the demo prints (plq's listings included), then
"pages-shown N" (the number of stops).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.pop("DISPLAY", None)  # windows draw offscreen: the test needs no screen

import gistdemolow  # noqa: E402
import pargist  # noqa: E402

stops = []


def quitnow(prompt=""):
    pargist.hcp()
    stops.append(len(stops) + 1)
    return 0


gistdemolow.quitnow = quitnow
pargist.hcp_file(sys.argv[1], ps=0)
gistdemolow.run()
print("pages-shown", len(stops))
print("hcp_finish", pargist.hcp_finish(-1))
