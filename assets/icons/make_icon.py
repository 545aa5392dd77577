#!/usr/bin/env python3
"""Writes the application icon: a Gabor-like receptive field (an oriented grating under a Gaussian
envelope, ON subregions light, OFF dark) on a rounded grey tile. v1-workbench.svg is the same
drawing in vector form (a repeating gradient under a radial mask). Needs only NumPy.
    python3 assets/icons/make_icon.py      # writes assets/icons/v1-workbench.png (256 x 256)
"""
import struct
import zlib
from pathlib import Path

import numpy as np

SIZE = 256
THETA = np.deg2rad(30)   # orientation of the bars, counter-clockwise from horizontal
PERIOD = 0.42            # wavelength, in units of the tile's half-width
SIGMA = 0.36             # envelope sd, same units
CORNER = 0.22            # corner radius of the tile, same units


def icon(size=SIZE):
    c = (np.arange(size) + 0.5) / size * 2 - 1
    x, y = np.meshgrid(c, -c)
    across = -x * np.sin(THETA) + y * np.cos(THETA)          # distance across the bars
    gabor = np.cos(2 * np.pi * across / PERIOD) * np.exp(-(x ** 2 + y ** 2) / (2 * SIGMA ** 2))
    grey = 0.5 + 0.5 * gabor                                 # 0 black .. 1 white, mean grey 0.5
    # a faint blue tint so the icon is not colourless on a grey desktop
    rgb = np.stack([grey * 0.92 + 0.02, grey * 0.95 + 0.03, grey * 0.98 + 0.06], axis=-1)
    # rounded tile, antialiased by distance
    q = np.maximum(np.abs(np.stack([x, y])) - (0.96 - CORNER), 0)
    dist = np.sqrt((q ** 2).sum(0)) - CORNER
    alpha = np.clip(0.5 - dist * size / 2, 0, 1)
    rgba = np.concatenate([rgb, alpha[..., None]], axis=-1)
    return (np.clip(rgba, 0, 1) * 255 + 0.5).astype(np.uint8)


def write_png(path, rgba):
    h, w, _ = rgba.shape
    raw = b"".join(b"\x00" + rgba[i].tobytes() for i in range(h))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    Path(path).write_bytes(png)


if __name__ == "__main__":
    write_png(Path(__file__).with_name("v1-workbench.png"), icon())
