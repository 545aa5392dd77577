#!/usr/bin/python3
"""Writes NWB fixtures the way a real writer does: through pynwb, so the files hold what pynwb
puts there (groups without neurodata_type, empty groups, soft links, object references,
variable-length strings, uint8 indices, specifications cached in /specifications) and not what
our reader expects. make_fixtures.py writes the hand-made ones.

Versions: pynwb 2.3.1 (the last line that accepts hdmf 3.5.1), its nwb-schema submodule commit
b4f8838 (tag 2.6.0, namespace "2.6.0-alpha"), Debian's python3-hdmf 3.5.1, python3-h5py 3.7 and
numpy 1.24. Debian has no pynwb; neither pynwb nor the schema is kept in this repository:

    git clone --branch 2.3.1 https://github.com/NeurodataWithoutBorders/pynwb /tmp/nwbgen/pynwb
    git clone https://github.com/NeurodataWithoutBorders/nwb-schema /tmp/nwbgen/schema
    git -C /tmp/nwbgen/schema checkout b4f8838cbfbb7f8a117bd7e0aad19133d26868b4
    cp -r /tmp/nwbgen/schema/core /tmp/nwbgen/pynwb/src/pynwb/nwb-schema/
    PYTHONPATH=/tmp/nwbgen/pynwb/src /usr/bin/python3 make_pynwb_fixtures.py

Both files are written with cache_spec=False, which leaves out /specifications (145 KB of schema
JSON) to keep each under 200 KB; the real files in ../shared/data/nwb hold it. Everything else is
as pynwb writes it.

The answers are not taken from pynwb's objects: after each file is written, it is read back with
h5py alone (expected() below) and the window means are computed from the raw datasets: the
samples of a series at times t with onset + latency <= t < onset + latency + window, averaged
(numpy, float64). They are stored beside each fixture as <name>.expected.json:
  {"latency": s, "window": s, "images": [template names in index order],
   "series": {path: {"rois": [ids], "roi_x": [...], "roi_y": [...],
                      "means": [image][repeat][roi]}}}
where an image's repeats are its presentations in time order, and roi_x / roi_y are the centroid
of each ROI's mask (weighted mean column and row of its image_mask, or of the x, y of its pixel_mask).

pynwb-2p.nwb: 5 GrayscaleImages (9 x 12) in stimulus/templates/natural_images with order_of_images
  (deliberately not in name order), beside stimulus/templates/gratings (not presented), an IndexSeries (indexed_images) of 15 presentations about 1 s
  apart, an ImagingPlane, processing/ophys with ImageSegmentation/PlaneSegmentation (4 ROIs,
  image_mask on a 16 x 20 plane, ids 40..43, a ragged `labels` column, reference_images holding a
  mean image), DfOverF/
  RoiResponseSeries at 30 Hz (starting_time + rate, values around 0, many negative), Fluorescence/
  RoiResponseSeries (timestamps) and Fluorescence/Deconvolved (non-negative events; its timestamps
  and rois soft links to the other series'), a TwoPhotonSeries
  in acquisition (links to the plane), a trials table with a text column, a units table (3 units).
pynwb-names.nwb: templates named bird, cat, tree (no order_of_images), an intervals table
  `presentations` whose `image_name` column holds those names as text (and `image_typo`, the same
  with one name, 'dgo', that has no template), and one DfOverF series for 3 ROIs at 10 Hz whose
  PlaneSegmentation holds pixel_mask (compound x, y, weight, ragged) instead of image_mask.
"""
import json
import os
from datetime import datetime, timezone

import h5py
import numpy as np
from pynwb import NWBFile, NWBHDF5IO, TimeSeries
from pynwb.base import Images, ImageReferences
from pynwb.image import GrayscaleImage, IndexSeries, ImageSeries
from pynwb.ophys import (DfOverF, Fluorescence, ImageSegmentation, OpticalChannel, RoiResponseSeries,
                         TwoPhotonSeries)

HERE = os.path.dirname(os.path.abspath(__file__))
START = datetime(2024, 1, 1, tzinfo=timezone.utc)
LATENCY, WINDOW = 0.0, 0.5


def image(h, w, seed):
    return ((np.arange(h * w).reshape(h, w) * 5 + seed * 37) % 256).astype(np.uint8)


def plane(nwb, rate):
    device = nwb.create_device(name="Microscope", description="two-photon microscope")
    channel = OpticalChannel(name="OpticalChannel", description="green", emission_lambda=510.0)
    return nwb.create_imaging_plane(name="ImagingPlane", optical_channel=channel, imaging_rate=rate,
                                    description="V1 L2/3", device=device, excitation_lambda=920.0,
                                    indicator="GCaMP6s", location="V1", grid_spacing=[1.0, 1.0],
                                    grid_spacing_unit="micrometers")


def masks(rois, h, w, rng):
    """Blob-shaped image masks with weights, one per ROI, at known places."""
    out = []
    yy, xx = np.mgrid[0:h, 0:w]
    for r in range(rois):
        cy, cx = 3 + 3 * r, 4 + 4 * r
        m = np.exp(-((yy - cy) ** 2 + (xx - cx - 0.5 * r) ** 2) / 3.0)
        m[m < 0.05] = 0
        out.append(m.astype(np.float32))
    return out


def two_photon():
    rng = np.random.default_rng(26)
    nwb = NWBFile(session_description="pynwb-shaped two-photon fixture", identifier="v1wb-pynwb-2p",
                  session_start_time=START, experimenter=["V1 Workbench"], lab="test")
    nwb.add_trial_column(name="condition", description="block name (text)")
    for k, c in enumerate(["scenes_a", "scenes_b", "scenes_c"]):
        nwb.add_trial(start_time=1.0 + 5 * k, stop_time=6.0 + 5 * k, condition=c)

    names = ["scene_%02d" % i for i in range(5)]
    imgs = [GrayscaleImage(name=n, data=image(9, 12, i), description="natural scene " + n) for i, n in enumerate(names)]
    order = [imgs[i] for i in (3, 0, 4, 1, 2)]  # index k of the IndexSeries is order[k], not name order
    templates = Images(name="natural_images", images=imgs, description="five scenes",
                       order_of_images=ImageReferences(name="order_of_images", data=order))
    nwb.add_stimulus_template(templates)
    # A second set of templates that nothing indexes: the IndexSeries' indexed_images link says which is meant.
    nwb.add_stimulus_template(Images(name="gratings", description="two gratings, not presented",
                                     images=[GrayscaleImage(name="g%d" % i, data=image(9, 12, 10 + i)) for i in range(2)]))
    index = [0, 1, 2, 3, 4, 2, 0, 4, 1, 3, 1, 4, 3, 2, 0]
    onsets = 1.0137 + np.arange(len(index)) * 1.0 + rng.uniform(0, 0.05, len(index))
    nwb.add_stimulus(IndexSeries(name="natural_image_index", data=np.array(index, dtype=np.uint32),
                                 indexed_images=templates, unit="N/A", timestamps=onsets,
                                 description="which scene (index into order_of_images)"))

    rate = 30.0
    ip = plane(nwb, rate)
    h, w = 16, 20
    nwb.add_acquisition(TwoPhotonSeries(name="TwoPhotonSeries", imaging_plane=ip, data=rng.random((3, h, w)).astype(np.float32),
                                        rate=rate, unit="a.u.", starting_time=0.0))
    ophys = nwb.create_processing_module(name="ophys", description="optical physiology")
    mean = ImageSeries(name="mean_image", data=rng.random((1, h, w)).astype(np.float32), unit="a.u.", rate=1.0)
    seg = ImageSegmentation(name="ImageSegmentation")
    ophys.add(seg)
    ps = seg.create_plane_segmentation(name="PlaneSegmentation", description="suite2p ROIs", imaging_plane=ip,
                                       reference_images=mean)
    ps.add_column(name="depth_um", description="depth below pia")
    ps.add_column(name="labels", description="ragged text labels (a reader leaves it out, saying why)", index=True)
    for r, m in enumerate(masks(4, h, w, rng)):
        ps.add_roi(image_mask=m, id=40 + r, depth_um=150.0 + 10 * r, labels=["soma"] + ["bright"] * (r % 2))
    region = ps.create_roi_table_region(region=[0, 1, 2, 3], description="all ROIs")

    n = int((onsets[-1] + 2.0) * rate)
    t = np.arange(n) / rate
    drive = np.zeros((n, 4))
    for k, on in enumerate(onsets):
        for r in range(4):
            amp = 0.2 * ((index[k] + r) % 5) - 0.3
            drive[:, r] += amp * np.exp(-np.clip(t - on, 0, None) / 0.4) * (t >= on)
    dff = drive + rng.normal(0, 0.05, (n, 4))
    ophys.add(DfOverF(name="DfOverF", roi_response_series=RoiResponseSeries(
        name="RoiResponseSeries", data=dff.astype(np.float32), rois=region, unit="n.a.", rate=rate,
        starting_time=0.0, description="dF/F")))
    ts = 0.004 + np.arange(n) / rate + rng.uniform(-0.002, 0.002, n)  # a jittered clock: timestamps
    fl = 100 + 40 * drive + rng.normal(0, 2, (n, 4))
    spks = np.clip(drive + rng.normal(0, 0.05, (n, 4)), 0, None)
    raw = RoiResponseSeries(name="RoiResponseSeries", data=fl, rois=region, unit="a.u.", timestamps=ts,
                            description="raw fluorescence")
    # timestamps=<a series>: pynwb writes a soft link to that series' timestamps, as it does for the shared rois.
    ophys.add(Fluorescence(name="Fluorescence", roi_response_series=[raw, RoiResponseSeries(
        name="Deconvolved", data=spks, rois=region, unit="a.u.", timestamps=raw, description="deconvolved events (OASIS)")]))

    nwb.add_unit_column(name="quality", description="sorting quality")
    for u in range(3):
        spikes = np.sort(rng.uniform(0, onsets[-1] + 1, 40 + 10 * u))
        nwb.add_unit(spike_times=spikes, quality=["good", "mua", "good"][u], id=7 + u)
    write(nwb, "pynwb-2p.nwb")


def names():
    rng = np.random.default_rng(27)
    nwb = NWBFile(session_description="presentations by image name", identifier="v1wb-pynwb-names",
                  session_start_time=START)
    labels = ["tree", "bird", "cat"]
    nwb.add_stimulus_template(Images(name="scenes", description="three named images",
                                     images=[GrayscaleImage(name=n, data=image(6, 7, i)) for i, n in enumerate(labels)]))
    shown = ["cat", "bird", "tree", "bird", "cat", "tree", "tree", "cat", "bird"]
    typo = list(shown)
    typo[4] = "dgo"
    onsets = 0.5137 + np.arange(len(shown)) * 0.8
    table = nwb.create_time_intervals(name="presentations", description="natural images by name")
    table.add_column(name="image_name", description="the template's name")
    table.add_column(name="image_typo", description="the same, one name misspelt")
    for k, on in enumerate(onsets):
        table.add_row(start_time=on, stop_time=on + 0.5, image_name=shown[k], image_typo=typo[k])
    rate = 10.0
    ip = plane(nwb, rate)
    ophys = nwb.create_processing_module(name="ophys", description="optical physiology")
    seg = ImageSegmentation()
    ophys.add(seg)
    ps = seg.create_plane_segmentation(description="ROIs", imaging_plane=ip)
    for m in masks(3, 12, 14, rng):  # as pixel masks (x, y, weight): pynwb's compound, ragged column
        ys, xs = np.nonzero(m)
        ps.add_roi(pixel_mask=[(int(x), int(y), float(m[y, x])) for y, x in zip(ys, xs)])
    region = ps.create_roi_table_region(region=[0, 1, 2], description="all")
    n = int((onsets[-1] + 2) * rate)
    dff = rng.normal(0, 0.3, (n, 3)).astype(np.float32)
    ophys.add(DfOverF(roi_response_series=RoiResponseSeries(name="dff", data=dff, rois=region, unit="n.a.",
                                                            rate=rate, starting_time=0.25)))
    write(nwb, "pynwb-names.nwb")


def write(nwb, name):
    path = os.path.join(HERE, name)
    with NWBHDF5IO(path, "w") as io:
        io.write(nwb, cache_spec=False)  # the cached schema is 145 KB of JSON text; see the docstring
    with open(path + ".expected.json", "w") as f:
        json.dump(expected(path), f, indent=1)
    print(name, os.path.getsize(path), "bytes")


# ------------------------------------------------------------------------ independent answers (h5py only)

def sample_times(g, n):
    if "timestamps" in g:
        return g["timestamps"][()].astype(np.float64)
    st = g["starting_time"]
    return float(st[()]) + np.arange(n) / float(st.attrs["rate"])


def text(a):
    return [x.decode() if isinstance(x, bytes) else str(x) for x in a]


def expected(path):
    with h5py.File(path, "r") as f:
        s = next(iter(f["stimulus/presentation"].values()), None)
        tpl = s["indexed_images"] if s is not None else next(iter(f["stimulus/templates"].values()))
        if "order_of_images" in tpl:
            image_names = [f[r].name.split("/")[-1] for r in tpl["order_of_images"][()]]
        else:
            image_names = sorted(k for k in tpl.keys())
        if s is not None:
            shown = s["data"][()].astype(int)
            onsets = s["timestamps"][()]
        else:
            t = f["intervals/presentations"]
            shown = np.array([image_names.index(n) for n in text(t["image_name"][()])])
            onsets = t["start_time"][()]
        order = np.argsort(onsets, kind="stable")
        shown, onsets = shown[order], onsets[order]
        used = sorted(set(shown.tolist()))
        out = {"latency": LATENCY, "window": WINDOW, "images": [image_names[i] for i in used], "series": {}}
        series = []
        f["processing"].visititems(lambda name, o: series.append("processing/" + name)
                                   if isinstance(o, h5py.Group) and o.attrs.get("neurodata_type") == "RoiResponseSeries" else None)
        for p in series:
            g = f[p]
            data = g["data"][()].astype(np.float64)
            t = sample_times(g, data.shape[0])
            table = f[g["rois"].attrs["table"]]
            rows = g["rois"][()]
            ids = table["id"][()][rows].tolist()
            if "image_mask" in table:
                m = table["image_mask"][()][rows].astype(np.float64)
                yy, xx = np.mgrid[0:m.shape[1], 0:m.shape[2]]
                roi_x = [(mk * xx).sum() / mk.sum() for mk in m]
                roi_y = [(mk * yy).sum() / mk.sum() for mk in m]
            else:  # pixel_mask: x is the column, y the row (pynwb's pixel_to_image)
                px, ends = table["pixel_mask"][()], table["pixel_mask_index"][()]
                starts = np.concatenate([[0], ends[:-1]])
                rx, ry = [], []
                for a, b in zip(starts, ends):
                    w = px["weight"][a:b].astype(np.float64)
                    rx.append((w * px["x"][a:b]).sum() / w.sum())
                    ry.append((w * px["y"][a:b]).sum() / w.sum())
                roi_x, roi_y = [rx[r] for r in rows], [ry[r] for r in rows]
            means = [[None] * int((shown == i).sum()) for i in used]
            seen = {i: 0 for i in used}
            for on, i in zip(onsets, shown):
                inside = (t >= on + LATENCY) & (t < on + LATENCY + WINDOW)
                means[used.index(i)][seen[i]] = data[inside].mean(axis=0).tolist()
                seen[i] += 1
            out["series"][p] = {"rois": ids, "roi_x": roi_x, "roi_y": roi_y, "means": means}
        return out


if __name__ == "__main__":
    two_photon()
    names()
