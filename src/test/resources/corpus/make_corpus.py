#!/usr/bin/python3
"""Writes the hand-made bad inputs that BadFileCorpusTest feeds to every loader (numpy only).

Each case is a file or a folder named for what is wrong with it; the test expects a
BadInputException (exit 2 in the CLI) whose first line names the file. Run: python3 make_corpus.py
"""
import json, os, shutil, struct
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

def npy_bytes(descr, shape, data=b"", version=1, header_len=None):
    d = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape)
    d += " " * ((64 - (10 + len(d) + 1) % 64) % 64) + "\n"
    h = d.encode("latin1")
    n = len(h) if header_len is None else header_len
    if version == 1:
        return b"\x93NUMPY\x01\x00" + struct.pack("<H", n) + h + data
    return b"\x93NUMPY" + bytes([version, 0]) + struct.pack("<I", n) + h + data

def write(path, b):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(b)

def good_folder(path, images=4, h=3, w=3, repeats=2, neurons=2):
    if os.path.exists(path):
        shutil.rmtree(path)
    os.makedirs(path)
    rng = np.random.default_rng(1)
    np.save(os.path.join(path, "stimuli.npy"), rng.integers(0, 255, (images, h, w)).astype(np.float32))
    np.save(os.path.join(path, "responses.npy"), rng.poisson(2, (images, repeats, neurons)).astype(np.float32))
    with open(os.path.join(path, "dataset.json"), "w") as f:
        json.dump({"name": os.path.basename(path), "window_s": 0.1}, f)
    with open(os.path.join(path, "neurons.csv"), "w") as f:
        f.write("id,session\n" + "".join("n%d,1\n" % i for i in range(neurons)))

# ---- single .npy files
npy = os.path.join(HERE, "npy")
write(os.path.join(npy, "empty.npy"), b"")
write(os.path.join(npy, "wrong-magic.npy"), b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
write(os.path.join(npy, "truncated.npy"), npy_bytes("<f4", "(10, 10)", b"\0" * 100))
write(os.path.join(npy, "complex-dtype.npy"), npy_bytes("<c8", "(2,)", b"\0" * 16))
write(os.path.join(npy, "object-dtype.npy"), npy_bytes("|O", "(2,)", b"\0" * 16))
write(os.path.join(npy, "claims-3e11-elements.npy"), npy_bytes("<f4", "(300000000000,)", b"\0" * 16))
write(os.path.join(npy, "claims-1e9-elements.npy"), npy_bytes("<f4", "(1000, 1000, 1000)", b"\0" * 16))
write(os.path.join(npy, "shape-overflows-to-zero.npy"), npy_bytes("<f4", "(4294967296, 4294967296)", b""))
write(os.path.join(npy, "huge-itemsize.npy"), npy_bytes("<f99999999999", "(1,)", b"\0" * 8))
write(os.path.join(npy, "header-longer-than-file.npy"), npy_bytes("<f4", "(1,)", b"\0" * 4, version=2, header_len=0x7fffffff))
write(os.path.join(npy, "negative-header-length.npy"), npy_bytes("<f4", "(1,)", b"\0" * 4, version=2, header_len=0xffffffff))
write(os.path.join(npy, "version-9.npy"), b"\x93NUMPY\x09\x00" + b"\0" * 64)
write(os.path.join(npy, "data-beyond-shape.npy"), npy_bytes("<f4", "(1,)", b"\0" * 40))
write(os.path.join(npy, "garbage-header.npy"), npy_bytes("<f4", "(1,)", b"\0" * 4).replace(b"'shape'", b"'shap\xff'"))
write(os.path.join(npy, "negative-dimension.npy"), npy_bytes("<f4", "(-1, 4)", b"\0" * 16))

# ---- dataset folders
ds = os.path.join(HERE, "dataset")
def case(name, change):
    p = os.path.join(ds, name)
    good_folder(p)
    change(p)

def put(p, name, arr):
    np.save(os.path.join(p, name), arr)

def text(p, name, s):
    with open(os.path.join(p, name), "w") as f:
        f.write(s)

case("shapes-disagree", lambda p: put(p, "responses.npy", np.ones((5, 2, 2), np.float32)))
case("inf-responses", lambda p: put(p, "responses.npy", np.full((4, 2, 2), np.inf, np.float32)))
case("nan-stimuli", lambda p: put(p, "stimuli.npy", np.full((4, 3, 3), np.nan, np.float32)))
case("complex-stimuli", lambda p: put(p, "stimuli.npy", np.ones((4, 3, 3), np.complex64)))
case("stimuli-claim-3e11", lambda p: write(os.path.join(p, "stimuli.npy"), npy_bytes("<f4", "(300000000000, 1, 1)", b"\0" * 16)))
case("stimuli-2d", lambda p: put(p, "stimuli.npy", np.ones((4, 9), np.float32)))
# Negative values are a signal's (read as one where dataset.json names no kind), never counts it declares.
case("negative-counts", lambda p: (put(p, "responses.npy", -np.ones((4, 2, 2), np.float32)),
                                   text(p, "dataset.json", '{"name": "x", "window_s": 0.1, "responses": "spike_counts"}')))
case("responses-kind-unknown", lambda p: text(p, "dataset.json", '{"name": "x", "window_s": 0.1, "responses": "volts"}'))
case("unit-not-text", lambda p: text(p, "dataset.json", '{"name": "x", "window_s": 0.1, "responses": "dff", "unit": 3}'))
case("broken-json", lambda p: text(p, "dataset.json", '{"name": "x", "window_s": 0.1,'))
case("json-not-an-object", lambda p: text(p, "dataset.json", '[1, 2, 3]'))
case("json-empty", lambda p: text(p, "dataset.json", ''))
case("no-window", lambda p: text(p, "dataset.json", '{"name": "x"}'))
case("window-infinite", lambda p: text(p, "dataset.json", '{"window_s": 1e400}'))
case("tiers-out-of-range", lambda p: text(p, "dataset.json", '{"window_s": 0.1, "tiers": {"train": [0, 1], "test": [2, 99]}}'))
case("tiers-unknown", lambda p: text(p, "dataset.json", '{"window_s": 0.1, "tiers": {"holdout": [0, 1, 2, 3]}}'))
case("path-leaves-folder", lambda p: text(p, "dataset.json", '{"window_s": 0.1, "stimuli": "../../../../etc/passwd", "tiers": {"../train": [0]}}'))
case("neurons-count-disagrees", lambda p: text(p, "neurons.csv", "id,session\nn0,1\n"))
case("neurons-csv-ragged", lambda p: text(p, "neurons.csv", "id,session\nn0,1,extra\nn1\n"))
case("neurons-csv-empty", lambda p: text(p, "neurons.csv", ""))
case("neurons-csv-binary", lambda p: write(os.path.join(p, "neurons.csv"), bytes(range(256))))
case("responses-missing", lambda p: os.remove(os.path.join(p, "responses.npy")))
case("responses-truncated", lambda p: write(os.path.join(p, "responses.npy"), open(os.path.join(p, "responses.npy"), "rb").read()[:100]))
case("responses-4d", lambda p: put(p, "responses.npy", np.ones((4, 2, 2, 1), np.float32)))
case("zero-images", lambda p: (put(p, "stimuli.npy", np.ones((0, 3, 3), np.float32)), put(p, "responses.npy", np.ones((0, 2, 2), np.float32))))

# ---- MAT files (pvc8-processed folders)
mat = os.path.join(HERE, "mat")
write(os.path.join(mat, "empty", "01mean50ms_x.mat"), b"")
write(os.path.join(mat, "wrong-magic", "01mean50ms_x.mat"), b"\x93NUMPY" + b"\0" * 200)
write(os.path.join(mat, "v73-hdf5", "01mean50ms_x.mat"), b"MATLAB 7.3 MAT-file, Platform: GLNXA64".ljust(116, b" ") + b"\0" * 8 + b"\x00\x02IM" + b"\0" * 384 + b"\x89HDF\r\n\x1a\n" + b"\0" * 64)
# a v5 header then a matrix element that claims 2^31-1 bytes
hdr = b"MATLAB 5.0 MAT-file".ljust(116, b" ") + b"\0" * 8 + struct.pack("<H", 0x0100) + b"IM"
write(os.path.join(mat, "element-claims-2gb", "01mean50ms_x.mat"), hdr + struct.pack("<II", 14, 0x7fffffff) + b"\0" * 64)
write(os.path.join(mat, "header-only", "01mean50ms_x.mat"), hdr)
write(os.path.join(mat, "truncated-header", "01mean50ms_x.mat"), hdr[:60])

# ---- image folders
img = os.path.join(HERE, "images")
png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010800000000"
                    "3a7e9b550000000a49444154789c6360000000020001e221bc330000000049454e44ae426082")
def img_case(name, files, csv):
    p = os.path.join(img, name)
    if os.path.exists(p):
        shutil.rmtree(p)
    for f, b in files.items():
        write(os.path.join(p, f), b)
    text(p, "responses.csv", csv)
img_case("text-file-named-png", {"a.png": png, "b.png": b"this is not an image\n"}, "image,n1\na.png,1\nb.png,2\n")
img_case("truncated-png", {"a.png": png, "b.png": png[:30]}, "image,n1\na.png,1\nb.png,2\n")
img_case("png-claims-huge-size", {"a.png": png, "b.png": png[:16] + struct.pack(">II", 0x7fffffff, 0x7fffffff) + png[24:]}, "image,n1\na.png,1\nb.png,2\n")
img_case("empty-image-file", {"a.png": png, "b.png": b""}, "image,n1\na.png,1\nb.png,2\n")
img_case("csv-names-path-outside", {"a.png": png}, "image,n1\na.png,1\n../../etc/passwd,2\n")
img_case("csv-infinite-response", {"a.png": png}, "image,n1\na.png,1e400\n")
img_case("csv-broken-quotes", {"a.png": png}, 'image,n1\n"a.png,1\n')

# ---- JSON of experiments and networks: written by the test from a real experiment
print("corpus written under", HERE)
