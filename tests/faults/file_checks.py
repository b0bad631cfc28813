"""Every output file a fault left behind, read back by a second reader.

CGM families: pargist-view --list (no warning, the page count) and Yorick's
gist (gist FILE -b -ps: no output at all, i.e. no warning); PNG: Pillow
decodes every pixel; PDF and EPS: ghostscript renders every page without an
error; SVG: parsed as XML. And no temporary file anywhere: nothing whose
name pargist's writers could have left (".name.tmpPID-N", "*.part").
"""

import os
import re
import subprocess
import xml.etree.ElementTree

from PIL import Image

_TEMP = re.compile(r"(^\..*\.tmp\d+-\d+$)|(\.tmp\d+(-\d+)?$)|(\.part$)")


def temporary_files(folder):
    """Names under folder that look like a writer's temporary file."""
    found = []
    for root, _dirs, files in os.walk(folder):
        found += [os.path.join(root, f) for f in files if _TEMP.search(f)]
    return found


def run(cmd, timeout=60, cwd=None):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=cwd)
    return p.returncode, p.stdout + p.stderr


def cgm_pages(view, path):
    """Pages of the CGM family starting at path, read by pargist-view; raises
    AssertionError with pargist-view's words on any warning or error."""
    p = subprocess.run([view, path, "--list"], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0 and not p.stderr.strip(), f"pargist-view {path}: {p.stderr.strip()}"
    m = re.match(r"(\d+) pages? in (\d+) files?", p.stdout)
    assert m, f"pargist-view {path} --list: unexpected output {p.stdout[:200]!r}"
    return int(m.group(1)), int(m.group(2))


def gist_reads(path, scratch):
    """Yorick's gist converts a CGM file, and the rest of its family after
    it, to PostScript (thrown away), saying nothing."""
    # Run from scratch: a read-only or full folder of the CGM must not matter.
    code, said = run(["gist", os.path.abspath(path), "-b", "-ps", "/dev/null"], cwd=scratch, timeout=300)
    assert code == 0 and not said.strip(), f"gist {path}: {said.strip()[:500]}"


def check_cgm_family(view, first, scratch):
    """pargist-view and gist read the family from its first file (both go on
    through the rest of it); pargist-view sees every file Gist's naming
    gives. Returns (pages, files)."""
    pages, nfiles = cgm_pages(view, first)
    names = family_files(first)
    assert len(names) == nfiles, f"{first}: pargist-view saw {nfiles} files, Gist's naming gives {len(names)}"
    gist_reads(first, scratch)
    return pages, nfiles


def next_family_name(path):
    """Gist's rule: the last character before .cgm counts up, 9 carrying
    into the one before (run09 -> run10, run99 -> ruo00)."""
    folder, base = os.path.split(path)
    stem, ext = base[:-4], base[-4:]
    chars = list(stem)
    for i in reversed(range(len(chars))):
        if chars[i] == "9":
            chars[i] = "0"
            continue
        chars[i] = "0" if chars[i] == "Z" or chars[i] >= "z" else chr(ord(chars[i]) + 1)
        break
    return os.path.join(folder, "".join(chars) + ext)


def family_files(first):
    """The files of the family that starts at first, while they exist."""
    names = []
    name = first
    while os.path.exists(name) and name not in names:
        names.append(name)
        name = next_family_name(name)
    return names


def check_png(path):
    with Image.open(path) as im:
        im.load()  # decodes every row: a truncated file raises
        assert im.size[0] > 0 and im.size[1] > 0


def check_ghostscript(path):
    code, said = run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", path])
    assert code == 0 and "Error" not in said, f"ghostscript {path}: {said.strip()[:300]}"


def check_svg(path):
    xml.etree.ElementTree.parse(path)


def check_file(view, path, scratch):
    """Any output file by its extension."""
    ext = os.path.splitext(path)[1].lower()
    if ext == ".cgm":
        gist_reads(path, scratch)
        cgm_pages(view, path)
    elif ext == ".png":
        check_png(path)
    elif ext in (".pdf", ".eps", ".ps"):
        check_ghostscript(path)
    elif ext == ".svg":
        check_svg(path)


def check_folder(view, folder, scratch):
    """Every output file under folder readable; no temporary file. Returns
    the files checked."""
    temps = temporary_files(folder)
    assert not temps, f"temporary files left behind: {temps}"
    checked = []
    for root, _dirs, files in os.walk(folder):
        for f in sorted(files):
            path = os.path.join(root, f)
            if os.path.splitext(f)[1].lower() in (".cgm", ".png", ".pdf", ".eps", ".svg"):
                check_file(view, path, scratch)
                checked.append(path)
    return checked
