"""Prints where `cmake --install` puts the pargist package for an install
prefix, relative to that prefix, as the target interpreter (the one running
this) sees it.

The answer is the directory this interpreter searches that belongs to the
prefix itself: of its site directories under the prefix, the one fewest
levels below it, so that /usr gets /usr/lib/python3/dist-packages and not
the /usr/local one nested in it. Debian's python3 gives
lib/python3.11/dist-packages for /usr/local and lib/python3/dist-packages
for /usr; a virtual environment gives its lib/python3.X/site-packages.
For a prefix the interpreter does not search (/opt/pargist, $HOME/.local
with another layout...) the interpreter's own layout for a prefix is used,
and the second line of output says that PYTHONPATH must name it.

usage: python3 site_packages_dir.py PREFIX
"""
import os
import site
import sys
import sysconfig


def searched_dirs():
    """The site directories of this interpreter, in its search order."""
    dirs = list(site.getsitepackages())
    if site.ENABLE_USER_SITE:
        dirs.append(site.getusersitepackages())
    return [os.path.normpath(d) for d in dirs]


def relative_site_dir(prefix):
    prefix = os.path.normpath(os.path.abspath(prefix))
    below = []
    for order, path in enumerate(searched_dirs()):
        rel = os.path.relpath(path, prefix)
        if not rel.startswith(os.pardir):
            below.append((rel.count(os.sep), order, rel))
    if below:
        return min(below)[2], True
    layout = sysconfig.get_path("platlib", "posix_prefix", vars={"base": prefix, "platbase": prefix})
    return os.path.relpath(layout, prefix), False


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("usage: ")[1])
    rel, searched = relative_site_dir(sys.argv[1])
    print(rel)
    if not searched:
        print("not searched by this interpreter: PYTHONPATH must name it")


if __name__ == "__main__":
    main()
