"""Keyword checking shared by the Gist and pp* front ends.

Gist and Warp scripts pass options as keywords; a misspelt keyword must fail
loudly (TypeError, as Python does for a plain function) rather than be
ignored, because a silently ignored ``cmin=`` produces a plausible but wrong
picture.
"""


def check_keywords(func_name, given, allowed):
    """Raise TypeError naming the first keyword of ``given`` not in ``allowed``."""
    for name in given:
        if name not in allowed:
            raise TypeError(f"{func_name}() got an unexpected keyword argument {name!r}")
