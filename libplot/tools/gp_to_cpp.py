#!/usr/bin/env python3
"""Turns Gist's standard palette files (*.gp) into libplot/src/palette_data.cpp.

Run once by hand (the output is committed): python3 gp_to_cpp.py DIR > OUT
The palettes are facts (colour tables); this script only reformats them.
"""
import os
import sys

NAMES = ["earth", "gray", "yarg", "heat", "stern", "rainbow", "ncar"]


def read_gp(path):
    rows = []
    for line in open(path):
        line = line.split("#", 1)[0].strip()
        if not line or "=" in line:
            continue
        rows.append(tuple(int(v) for v in line.split()))
    return rows


def main(folder):
    print("// Gist's standard palettes, generated from Yorick's g/*.gp by")
    print("// libplot/tools/gp_to_cpp.py. Do not edit by hand.")
    print('#include "palette_data.hpp"\n')
    print("namespace pargist::plot::detail {\n")
    for name in NAMES:
        rows = read_gp(os.path.join(folder, name + ".gp"))
        print(f"static const unsigned char k_{name}[] = {{")
        for i in range(0, len(rows), 6):
            print("  " + ", ".join(f"{r},{g},{b}" for r, g, b in rows[i:i + 6]) + ",")
        print("};\n")
    print("const BuiltinPalette kBuiltinPalettes[] = {")
    for name in NAMES:
        print(f'  {{"{name}", k_{name}, sizeof(k_{name}) / 3}},')
    print("};\n")
    print(f"const int kBuiltinPaletteCount = {len(NAMES)};\n")
    print("}  // namespace pargist::plot::detail")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/yorick/g")
