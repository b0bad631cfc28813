#!/usr/bin/python3
"""Floors of a lossless world-coordinate record, for cgm_bench.sh: the
fewest bytes any lossless record of a frame's data can take.

    cgm_floor.py KIND COORDS.BIN   prints "XZ_BYTES SOURCE_BYTES"

XZ_BYTES: the frame's coordinates (COORDS.BIN, float64, written by
cgm_bench) compressed as hard as xz can (LZMA preset 9e, as stored or by
byte planes, whichever is smaller): what a strong general coder achieves.

SOURCE_BYTES: the Shannon entropy of the process that made the data, where
the data come from one (0 where they are a formula: curve, contour):
  scatter  every coordinate is a Box-Muller normal made from 53-bit uniform
           deviates, one-to-one, so it carries 53 random bits: no lossless
           coder averages below 53/8 bytes a coordinate;
  density  0: the colours are the frame's only data, and the CGM body's CELL
           ARRAY already holds them exactly; a record (version 6 and later)
           names that cell array and need not hold them again. (A record
           holding its own copy could not go below the entropy of the
           counts of 2e5 Gaussian particles per cell, a Poisson law per
           cell: `density_copy_bytes`, 8.1 kB, 1.19x Gist's file.)
"""
import lzma
import math
import sys

import numpy as np


def xz_bytes(path):
    data = np.fromfile(path, dtype=np.uint8)
    if data.size == 0:
        return 0
    planes = data.reshape(-1, 8).T.copy().tobytes()
    return min(len(lzma.compress(b, preset=9 | lzma.PRESET_EXTREME)) for b in (data.tobytes(), planes))


def poisson_entropy_bits(lam):
    """Entropy in bits of Poisson laws of means lam (an array), summed."""
    lam = np.asarray(lam, dtype=float)
    top = int(lam.max() + 12 * math.sqrt(lam.max()) + 30)
    k = np.arange(top)[:, None]
    lgk = np.array([math.lgamma(v + 1) for v in range(top)])[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        logp = np.where(lam > 0, k * np.log(np.where(lam > 0, lam, 1)) - lam - lgk, np.where(k == 0, 0.0, -np.inf))
    p = np.exp(logp)
    return float(-(p * np.where(p > 0, logp, 0)).sum() / math.log(2))


def source_bytes(kind, path):
    if kind == "scatter":
        return np.fromfile(path, dtype=np.float64).size * 53 / 8
    return 0


def density_copy_bytes():
    """The entropy of a density frame's colours: what a record holding its
    own copy of them would take at least."""
    edges = np.linspace(-4, 4, 201)
    mass = np.diff([0.5 * math.erfc(-e / math.sqrt(2)) for e in edges])
    return poisson_entropy_bits(2e5 * np.outer(mass, mass).ravel()) / 8


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    print(xz_bytes(path), round(source_bytes(kind, path)))
