#!/usr/bin/python3
"""Writes the small NWB 2 fixtures that NwbImporterTest reads, each with a known answer.

Run with Debian's h5py (apt-get install python3-h5py):  /usr/bin/python3 make_fixtures.py
The files are written by hand in the NWB 2 layout (no pynwb), only as much of it as the importer
reads: root attributes, neurodata_type / namespace / colnames, ragged columns, links.

The planted numbers (NwbImporterTest asserts them):
- every spike count is count(unit u, presentation p) = (u + 2 p) % 5, for u = 0, 1, 2 and p in
  presentation order; spikes that fall before the latency or after the window are decoys;
- latency 0.05 s, window 0.3 s, onsets 0.5 s apart (so a window of 0.6 s is too long);
- the DfOverF values of ROI r at presentation p are constant over the window: 1 + r + 0.1 p,
  with 9.0 (a decoy) in the samples outside it.
"""
import h5py
import numpy as np
import os

HERE = os.path.dirname(os.path.abspath(__file__))
STR = h5py.string_dtype()
LATENCY, WINDOW, GAP = 0.05, 0.3, 0.5


def nwb_file(name, version="2.5.0"):
    f = h5py.File(os.path.join(HERE, name), "w")
    f.attrs["namespace"] = "core"
    f.attrs["neurodata_type"] = "NWBFile"
    f.attrs["nwb_version"] = version
    f.attrs["object_id"] = "fixture-" + name
    f.create_dataset("identifier", data=name, dtype=STR)
    f.create_dataset("session_description", data="V1 Workbench test fixture", dtype=STR)
    f.create_dataset("session_start_time", data="2024-01-01T00:00:00+00:00", dtype=STR)
    for g in ("acquisition", "analysis", "intervals", "processing", "stimulus/presentation", "stimulus/templates", "general"):
        f.require_group(g)
    return f


def typed(obj, ndtype, namespace="core"):
    obj.attrs["namespace"] = namespace
    obj.attrs["neurodata_type"] = ndtype
    return obj


def column(group, name, data, dtype=None, ndtype="VectorData"):
    d = group.create_dataset(name, data=data, dtype=dtype)
    d.attrs["description"] = name
    return typed(d, ndtype, "hdmf-common")


def counts(units, presentations):
    return [[(u + 2 * p) % 5 for p in range(presentations)] for u in range(units)]


def spike_trains(onsets, units):
    """Spike times with the planted counts in [onset + latency, onset + latency + window), plus decoys."""
    c = counts(units, len(onsets))
    trains = []
    for u in range(units):
        t = []
        for p, on in enumerate(onsets):
            t.append(on + 0.01)                          # before the latency: not counted
            k = c[u][p]
            for j in range(k):
                t.append(on + LATENCY + 0.01 + j * (WINDOW - 0.02) / max(k, 1))
            t.append(on + LATENCY + WINDOW + 0.02)       # after the window: not counted
        trains.append(sorted(t))
    return trains


def units_table(f, ids, trains, extra=True):
    u = typed(f.create_group("units"), "Units")
    u.attrs["description"] = "units"
    cols = ["spike_times"] + (["quality", "snr"] if extra else [])
    u.attrs["colnames"] = np.array(cols, dtype=object)
    column(u, "id", np.array(ids, dtype=np.int64), ndtype="ElementIdentifiers")
    column(u, "spike_times", np.concatenate([np.array(t) for t in trains]))
    column(u, "spike_times_index", np.cumsum([len(t) for t in trains]).astype(np.uint32), ndtype="VectorIndex")
    u["spike_times_index"].attrs["target"] = u["spike_times"].ref
    if extra:
        column(u, "quality", np.array(["good", "good", "noise"][:len(ids)], dtype=object), dtype=STR)
        column(u, "snr", np.array([3.5, 2.25, 0.5][:len(ids)]))
    return u


def image(h, w, seed):
    return ((np.arange(h * w).reshape(h, w) * 7 + seed * 40) % 256).astype(np.uint8)


def templates_indexseries_units():
    """4 images (Images: 3 GrayscaleImage, 1 RGBImage), an IndexSeries of 12 presentations (3 repeats), 3 units."""
    f = nwb_file("templates-units.nwb")
    imgs = typed(f["stimulus/templates"].create_group("natural_images"), "Images")
    imgs.attrs["description"] = "four 6 x 8 test images"
    refs = []
    for i in range(4):
        if i == 2:
            g = image(6, 8, i)
            rgb = np.stack([g, g, g], axis=-1)  # grey in RGB: luminance equals g exactly
            d = typed(imgs.create_dataset("img_%03d" % i, data=rgb), "RGBImage")
        else:
            d = typed(imgs.create_dataset("img_%03d" % i, data=image(6, 8, i)), "GrayscaleImage")
        refs.append(d.ref)
    typed(imgs.create_dataset("order_of_images", data=np.array(refs, dtype=h5py.ref_dtype)), "ImageReferences")
    order = [0, 1, 2, 3, 1, 0, 3, 2, 2, 3, 0, 1]
    onsets = [1.0 + GAP * p for p in range(len(order))]
    s = typed(f["stimulus/presentation"].create_group("image_index"), "IndexSeries")
    s.attrs["description"] = "which image"
    s.create_dataset("data", data=np.array(order, dtype=np.uint32))
    s.create_dataset("timestamps", data=np.array(onsets))
    s["indexed_images"] = h5py.SoftLink("/stimulus/templates/natural_images")
    units_table(f, [11, 12, 13], spike_trains(onsets, 3))
    f.close()


def intervals_external():
    """Allen's layout: no templates, intervals/natural_scenes_presentations with `frame` (-1 = blank), 2 units."""
    f = nwb_file("intervals-external.nwb", "2.2.2")
    frames = [2, 0, -1, 1, 2, 0, 1, -1, 0, 1, 2]
    onsets = [10.0 + GAP * p for p in range(len(frames))]
    t = typed(f["intervals"].create_group("natural_scenes_presentations"), "TimeIntervals")
    t.attrs["description"] = "natural scenes"
    t.attrs["colnames"] = np.array(["start_time", "stop_time", "frame"], dtype=object)
    column(t, "id", np.arange(len(frames), dtype=np.int64), ndtype="ElementIdentifiers")
    column(t, "start_time", np.array(onsets))
    column(t, "stop_time", np.array(onsets) + 0.25)
    column(t, "frame", np.array(frames, dtype=np.float64))
    # A second table with `frame` (Allen's movies): the scenes table is still chosen by its name.
    m = typed(f["intervals"].create_group("natural_movie_one_presentations"), "TimeIntervals")
    m.attrs["colnames"] = np.array(["start_time", "stop_time", "frame"], dtype=object)
    column(m, "id", np.arange(3, dtype=np.int64), ndtype="ElementIdentifiers")
    column(m, "start_time", np.array([100.0, 100.1, 100.2]))
    column(m, "stop_time", np.array([100.1, 100.2, 100.3]))
    column(m, "frame", np.array([0.0, 1.0, 2.0]))
    units_table(f, [7, 9], spike_trains(onsets, 2), extra=False)
    f.close()


def dff():
    """Templates as an ImageSeries (3 frames), an IndexSeries, and DfOverF for 2 ROIs sampled at 20 Hz."""
    f = nwb_file("dff.nwb")
    frames = np.stack([image(5, 5, i) for i in range(3)])
    s = typed(f["stimulus/templates"].create_group("scenes"), "ImageSeries")
    s.create_dataset("data", data=frames)
    s.create_dataset("starting_time", data=0.0)
    order = [1, 0, 2, 1, 2, 0]
    onsets = [2.0 + GAP * p for p in range(len(order))]
    x = typed(f["stimulus/presentation"].create_group("scene_index"), "IndexSeries")
    x.create_dataset("data", data=np.array(order, dtype=np.int64))
    x.create_dataset("timestamps", data=np.array(onsets))
    x["indexed_timeseries"] = h5py.SoftLink("/stimulus/templates/scenes")

    ophys = typed(f["processing"].create_group("ophys"), "ProcessingModule")
    seg = typed(ophys.create_group("ImageSegmentation"), "ImageSegmentation")
    ps = typed(seg.create_group("PlaneSegmentation"), "PlaneSegmentation")
    ps.attrs["colnames"] = np.array(["image_mask", "depth_um"], dtype=object)
    column(ps, "id", np.array([100, 101], dtype=np.int64), ndtype="ElementIdentifiers")
    column(ps, "image_mask", np.zeros((2, 4, 4)))
    column(ps, "depth_um", np.array([150.0, 210.0]))
    rate = 20.0
    times = 0.025 + np.arange(0, onsets[-1] + 1.0, 1 / rate)  # samples never on a window edge
    data = np.full((len(times), 2), 9.0)
    for p, on in enumerate(onsets):
        inside = (times >= on + LATENCY) & (times < on + LATENCY + WINDOW)
        for r in range(2):
            data[inside, r] = 1 + r + 0.1 * p
    d = typed(ophys.create_group("DfOverF"), "DfOverF")
    rrs = typed(d.create_group("RoiResponseSeries"), "RoiResponseSeries")
    rrs.create_dataset("data", data=data)
    st = rrs.create_dataset("starting_time", data=0.025)
    st.attrs["rate"] = rate
    st.attrs["unit"] = "seconds"
    rois = column(rrs, "rois", np.array([0, 1], dtype=np.int64), ndtype="DynamicTableRegion")
    rois.attrs["table"] = ps.ref
    f.close()


def ragged():
    """A units table whose spike_times_index points past spike_times (as the real aibs.nwb does)."""
    f = nwb_file("ragged.nwb")
    imgs = typed(f["stimulus/templates"].create_group("images"), "Images")
    typed(imgs.create_dataset("a", data=image(4, 4, 0)), "GrayscaleImage")
    s = typed(f["stimulus/presentation"].create_group("index"), "IndexSeries")
    s.create_dataset("data", data=np.array([0, 0], dtype=np.int32))
    s.create_dataset("timestamps", data=np.array([1.0, 2.0]))
    u = typed(f.create_group("units"), "Units")
    u.attrs["colnames"] = np.array(["spike_times"], dtype=object)
    column(u, "id", np.array([0, 1], dtype=np.int64), ndtype="ElementIdentifiers")
    column(u, "spike_times", np.array([1.1, 1.2, 2.1]))
    column(u, "spike_times_index", np.array([2, 500], dtype=np.int64), ndtype="VectorIndex")
    f.close()


def nwb1():
    """An NWB 1 file: no nwb_version attribute on the root, a /nwb_version dataset instead."""
    f = h5py.File(os.path.join(HERE, "nwb1.nwb"), "w")
    f.create_dataset("nwb_version", data="NWB-1.0.6", dtype=STR)
    f.create_dataset("identifier", data="old", dtype=STR)
    f.create_group("stimulus/templates")
    f.close()


if __name__ == "__main__":
    templates_indexseries_units()
    intervals_external()
    dff()
    ragged()
    nwb1()
