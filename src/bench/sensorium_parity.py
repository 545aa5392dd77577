#!/usr/bin/env python3
"""Reference numbers for the `sensorium` preset: the Sensorium 2022 baseline, built and trained by
neuralpredictors' and sensorium's OWN code, on the SAME folds as our Java benchmark.

What runs (see docs/sensorium-spec.md for every detail and its source line):
  - model: sensorium.models.stacked_core_full_gauss_readout (Stacked2dCore + MultipleFullGaussian2d
    + FiringRateEncoder, elu(x)+1), with the Sensorium 2022 notebook's model_config
    (notebooks/model_tutorial/1a_model_training_sensorium.ipynb, cell 7) minus the cortex
    grid_mean_predictor (our datasets have no cortical coordinates: free per-neuron means instead);
  - training: sensorium.training.standard_trainer with the notebook's trainer_config (cell 9):
    Adam lr 0.009, PoissonLoss summed and scaled by sqrt(N / batch), ReduceLROnPlateau x0.3,
    patience 5, 4 early-stopping rounds each restoring the best state, max 200 epochs;
  - data as sensorium's static_loaders(normalize=True) treat it, batch 128 (cell 5), with the
    statistics taken from the fold's training images instead of the whole recording;
  - folds: our benchmark's (src/bench/java_folds.py, checked against the jar), per session; fold k
    tests, fold k+1 (mod k) early-stops, the rest trains; the fit of fold k is seeded seed + k.

The code is imported from snapshots of the upstream repositories (not vendored here): git archive of
  neuralpredictors at 711ffee (2022-06-22, the v0.3.0 release sensorium pins: neuralpredictors==0.3.0),
  sensorium at HEAD (c433fed), nnfabrik at HEAD (only nnfabrik/utility/nn_helpers.py),
extracted under --src-cache. Three shims, each only to get the modules to import on Python 3.11
without optional dependencies, none changing a computation:
  1. collections.Iterable etc. aliased to collections.abc (neuralpredictors 0.3.0 imports
     `from collections import Iterable`, removed in Python 3.10);
  2. the packages sensorium, sensorium.*, nnfabrik, nnfabrik.utility are registered bare, so that
     their __init__ files (which import datajoint, nnfabrik.builder, the submission tools) are not
     run; sensorium.utility.submission is a stub (only get_signal_correlations/get_fev use it);
  3. sensorium.training.trainers.tqdm is replaced by a pass-through (progress bars only).

Run (Debian packages: apt-get install -y python3-torch python3-torchvision python3-tqdm
python3-pandas python3-scipy; use /usr/bin/python3):
  /usr/bin/python3 src/bench/sensorium_parity.py --data ../shared/data/pvc8-processed/01mean50ms_smallim_d2_crop.mat \
      --folds 7 --seed 0 --out /tmp/sensorium-s01-neurons.csv
  /usr/bin/python3 src/bench/sensorium_parity.py --data SAMPLE_FOLDER --folds 3 --max-epochs 200 --out ...
--data: one pvc-8 processed .mat file, a folder of them (all sessions, as our importer reads it),
or a dataset folder (dataset.json, stimuli.npy, responses.npy, neurons.csv).

Output: a CSV with the columns of our benchmark's PREFIX-neurons.csv
(model, neuron, session, mean_rate_hz, cc_abs, cc_norm), scored on the pooled out-of-fold
predictions exactly as org.v1workbench.metrics.Scoring does, so the two join on `neuron`;
and per-session mean Pearson r (cc_abs) printed.
"""
import argparse, collections, collections.abc, csv, glob, importlib, json, logging, math, os, platform, re
import subprocess, sys, tempfile, time, types, warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import java_folds  # noqa: E402

NP_REV = "711ffee"  # neuralpredictors v0.3.0 release commit (2022-06-22), as sensorium's setup.py pins it
MIRROR = "/work/.mirror"

# The Sensorium 2022 baseline (notebooks/model_tutorial/1a_model_training_sensorium.ipynb, cells 5, 7, 9)
MODEL_CONFIG = dict(
    pad_input=False, stack=-1, layers=4, input_kern=9, gamma_input=6.3831, gamma_readout=0.0076,
    hidden_kern=7, hidden_channels=64, depth_separable=True,
    grid_mean_predictor=None,  # notebook: cortex coordinates (MLP 2->30->2, tanh); we have none
    init_sigma=0.1, init_mu_range=0.3, gauss_type="full", shifter=False,
    # defaults of stacked_core_full_gauss_readout made explicit (sensorium/models/models.py:17-54):
    momentum=0.9, batch_norm=True, hidden_dilation=1, laplace_padding=None,
    input_regularizer="LaplaceL2norm", use_avg_reg=False, readout_bias=True, elu_offset=0,
    linear=False, final_nonlinearity=True, skip=0, hidden_padding=None,
    core_bias=False,  # the 2022 default (bccffb2); HEAD's True only adds biases to the depth-separable convs under 0.3.0
)
TRAINER_CONFIG = dict(max_iter=200, verbose=False, lr_decay_steps=4, avg_loss=False, lr_init=0.009)
BATCH_SIZE = 128


# ----------------------------------------------------------------------------- upstream code
def extract(git_dir, rev, paths, dest):
    if os.path.isdir(dest) and os.path.exists(os.path.join(dest, ".complete")):
        return dest
    os.makedirs(dest, exist_ok=True)
    arc = subprocess.run(["git", f"--git-dir={git_dir}", "archive", rev] + paths, capture_output=True, check=True).stdout
    subprocess.run(["tar", "x", "-C", dest], input=arc, check=True)
    open(os.path.join(dest, ".complete"), "w").close()
    return dest


def import_upstream(cache, np_rev):
    for name in ("Iterable", "Mapping", "Sequence", "MutableMapping"):  # shim 1
        if not hasattr(collections, name):
            setattr(collections, name, getattr(collections.abc, name))
    revs = {}
    for repo in ("neuralpredictors", "sensorium", "nnfabrik"):
        g = os.path.join(MIRROR, f"sinzlab+{repo}", "repo")
        rev = np_rev if repo == "neuralpredictors" else "HEAD"
        revs[repo] = subprocess.run(["git", f"--git-dir={g}", "rev-parse", rev], capture_output=True, text=True, check=True).stdout.strip()
    npd = extract(os.path.join(MIRROR, "sinzlab+neuralpredictors", "repo"), revs["neuralpredictors"], ["neuralpredictors"],
                  os.path.join(cache, "neuralpredictors-" + revs["neuralpredictors"][:10]))
    sd = extract(os.path.join(MIRROR, "sinzlab+sensorium", "repo"), revs["sensorium"], ["sensorium"],
                 os.path.join(cache, "sensorium-" + revs["sensorium"][:10]))
    fd = extract(os.path.join(MIRROR, "sinzlab+nnfabrik", "repo"), revs["nnfabrik"], ["nnfabrik/utility/nn_helpers.py"],
                 os.path.join(cache, "nnfabrik-" + revs["nnfabrik"][:10]))
    sys.path.insert(0, npd)

    def bare(name, path):  # shim 2
        m = types.ModuleType(name)
        m.__path__ = [path]
        sys.modules[name] = m

    bare("nnfabrik", os.path.join(fd, "nnfabrik"))
    bare("nnfabrik.utility", os.path.join(fd, "nnfabrik", "utility"))
    for p in ("sensorium", "sensorium.models", "sensorium.training", "sensorium.utility"):
        bare(p, os.path.join(sd, *p.split(".")))
    stub = types.ModuleType("sensorium.utility.submission")
    stub.get_data_filetree_loader = None
    sys.modules[stub.__name__] = stub
    models = importlib.import_module("sensorium.models.models")
    trainers = importlib.import_module("sensorium.training.trainers")
    trainers.tqdm = lambda it, **kw: it  # shim 3
    samplers = importlib.import_module("neuralpredictors.data.samplers")
    return models, trainers, samplers, revs


# ----------------------------------------------------------------------------- data
class Data:
    """images [I,h,w] float32 (raw grey levels), repeats [I,R,N] float (NaN where missing),
    neuron ids and sessions, window_s, firing (spike counts: mean_rate_hz = mean / window)."""

    def __init__(self, images, repeats, ids, sessions, window_s, firing=True, name=""):
        self.images, self.repeats, self.ids, self.sessions = images, repeats, ids, sessions
        self.window_s, self.firing, self.name = window_s, firing, name

    def session_order(self):
        seen = []
        for s in self.sessions:
            if s not in seen:
                seen.append(s)
        return seen


def load_mat_files(files):
    from scipy.io import loadmat
    images, acts, ids, sess = None, [], [], []
    for f in sorted(files):
        m = loadmat(f)
        a, im = np.asarray(m["activity"], dtype=np.float64), np.asarray(m["images"])
        if images is None:
            images = im
        elif not np.array_equal(images, im):
            sys.exit(f"{f}: holds other images than the first file (every session must show the same images)")
        s = re.sub(r"^(\d+).*$", r"\1", os.path.basename(f))
        acts.append(a)
        for n in range(a.shape[1]):
            ids.append("s%s-n%02d" % (s, n + 1))
            sess.append(s)
    act = np.concatenate(acts, axis=1)
    # Pvc8ProcessedImporter: one repeat (the trial mean over 20), 50 ms window, spike counts
    return Data(images.astype(np.float32), act[:, None, :], ids, sess, 0.05, True, "pvc8-processed")


def load_folder(folder):
    meta = json.load(open(os.path.join(folder, "dataset.json")))
    stim = np.load(os.path.join(folder, "stimuli.npy")).astype(np.float32)
    resp = np.load(os.path.join(folder, "responses.npy")).astype(np.float64)
    if resp.ndim == 2:
        resp = resp[:, None, :]
    ids, sess = [], []
    with open(os.path.join(folder, "neurons.csv")) as fh:
        for row in csv.DictReader(fh):
            ids.append(row["id"])
            sess.append(row.get("session") or "1")
    kind = str(meta.get("responses", "spike_counts")).lower().replace("-", "_")
    return Data(stim, resp, ids, sess, float(meta["window_s"]), kind in ("spike_counts", "counts"), meta.get("name", folder))


def load(path):
    if os.path.isdir(path) and os.path.exists(os.path.join(path, "dataset.json")):
        return load_folder(path)
    if os.path.isdir(path):
        files = sorted(glob.glob(os.path.join(path, "[0-9]*mean50ms*.mat")))
        if not files:
            sys.exit(f"{path}: no dataset.json and no NNmean50ms_*.mat files")
        return load_mat_files(files)
    return load_mat_files([path])


# ----------------------------------------------------------------------------- scoring (as org.v1workbench.metrics)
def pearson(a, b):
    ok = ~(np.isnan(a) | np.isnan(b))
    if ok.sum() < 2:
        return math.nan
    da, db = a[ok] - a[ok].mean(), b[ok] - b[ok].mean()
    caa, cbb = (da * da).sum(), (db * db).sum()
    return math.nan if caa == 0 or cbb == 0 else float((da * db).sum() / math.sqrt(caa * cbb))


def signal_power(rep):
    """Metrics.signalPower over the images given (rows), Schoppe et al. 2016 / per-image when incomplete."""
    t, n = rep.shape
    if t < 2 or n < 2:
        return math.nan
    if not np.isnan(rep).any():
        return float((np.var(rep.sum(1), ddof=1) - sum(np.var(rep[:, r], ddof=1) for r in range(n))) / (n * (n - 1)))
    y, noise = [], 0.0
    for row in rep:
        v = row[~np.isnan(row)]
        y.append(v.mean())
        if len(v) >= 2:
            noise += v.var(ddof=1) / len(v)
    return float(np.var(y, ddof=1) - noise / t)


def cc_norm(pred, rep):
    use = (~np.isnan(rep)).any(1) & ~np.isnan(pred)
    r = rep[use]
    sp = signal_power(r)
    if not sp > 0:
        return math.nan
    y, yh = np.nanmean(r, 1), pred[use]
    v = yh.var()
    return math.nan if v == 0 else float(((y - y.mean()) * (yh - yh.mean())).mean() / math.sqrt(sp * v))


def score(d, pooled, model_name):
    rows = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        means = np.nanmean(d.repeats, 1)
    for n, nid in enumerate(d.ids):
        rep = d.repeats[:, :, n]
        vals = rep[~np.isnan(rep)]
        rate = vals.mean() / d.window_s if d.firing and len(vals) else math.nan
        p = pooled[:, n]
        cc = pearson(p, means[:, n])
        ccn = cc_norm(p, rep) if d.repeats.shape[1] >= 2 else math.nan
        pv, mv = p[~np.isnan(p)], means[:, n][~np.isnan(means[:, n])]
        if math.isnan(cc) and len(pv) and np.all(pv == pv[0]) and not (len(mv) and np.all(mv == mv[0])):
            cc, ccn = 0.0, (math.nan if d.repeats.shape[1] < 2 else 0.0)  # Benchmark.scored: constant prediction counts r = 0
        rows.append(dict(model=model_name, neuron=nid, session=d.sessions[n], mean_rate_hz=rate, cc_abs=cc, cc_norm=ccn))
    return rows


def num(v):
    return "" if v is None or (isinstance(v, float) and math.isnan(v)) else repr(float(v))


# ----------------------------------------------------------------------------- one fit
class EarlyStoppingLog(logging.Handler):
    """Counts epochs and best-state restores from neuralpredictors' early_stopping log messages
    ("[012|01/05] ---> r", "Restoring best model after lr decay!"); reading only, nothing changed."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.epochs, self.restores = 0, 0
        self.logger = logging.getLogger("neuralpredictors.training.early_stopping")
        self.old_level = self.logger.level
        self.logger.setLevel(logging.INFO)
        self.logger.addHandler(self)
        self.logger.propagate = False

    def emit(self, record):
        msg = record.getMessage()
        m = re.match(r"\[(\d+)\|", msg)
        if m:
            self.epochs = max(self.epochs, int(m.group(1)))
        elif msg.startswith("Restoring best model after lr decay"):
            self.restores += 1

    def close(self):
        self.logger.removeHandler(self)
        self.logger.setLevel(self.old_level)
        super().close()


def fit_fold(torch, models, trainers, samplers, d, neurons, fold, seed, max_epochs, batch_size, log):
    from torch.utils.data import DataLoader, Dataset
    from torch.utils.data.sampler import SubsetRandomSampler

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        y_all = np.nanmean(d.repeats[:, :, neurons], 1)  # trial means, images x session neurons (JobRunner.responses)
    has = ~np.isnan(y_all).all(1)  # JobRunner.withResponses: images with some response of these neurons
    train = np.array([i for i in fold["train"] if has[i]], dtype=np.int64)
    val = np.array([i for i in fold["validation"] if has[i]], dtype=np.int64)
    test = np.array(fold["test"], dtype=np.int64)
    if np.isnan(y_all[np.concatenate([train, val])]).any():
        raise SystemExit("missing responses among training/validation images: sensorium's PoissonLoss has no mask")

    # NeuroNormalizer (neuralpredictors/data/transforms.py:304-345 at 0.3.0), statistics of the fold's training images
    x_mean = float(d.images[train].astype(np.float64).mean())
    x_std = float(d.images[train].astype(np.float64).std())
    if not x_std > 0:
        x_std = 1.0
    s = y_all[train].std(0)
    thr = 0.01 * s.mean()
    precision = np.ones_like(s) / thr
    precision[s > thr] = 1 / s[s > thr]
    x = torch.from_numpy(((d.images - x_mean) / x_std).astype(np.float32))[:, None]
    y = torch.from_numpy(np.nan_to_num(y_all * precision).astype(np.float32))

    Batch = collections.namedtuple("DefaultDataPoint", ["images", "responses"])

    class Images(Dataset):  # all of the session's images, as sensorium's loaders index one dataset through samplers
        def __len__(self):
            return x.shape[0]

        def __getitem__(self, i):
            return Batch(x[i], y[i])

    ds, key = Images(), "s"
    loaders = {
        "train": {key: DataLoader(ds, sampler=SubsetRandomSampler(train.tolist()), batch_size=batch_size)},
        "validation": {key: DataLoader(ds, sampler=samplers.SubsetSequentialSampler(val.tolist()), batch_size=batch_size)},
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = models.stacked_core_full_gauss_readout(loaders, seed, **MODEL_CONFIG)
        cfg = dict(TRAINER_CONFIG, max_iter=max_epochs)
        es_log = EarlyStoppingLog()
        t0 = time.time()
        try:
            val_score, out, _ = trainers.standard_trainer(model, loaders, seed, device="cpu", **cfg)
        finally:
            es_log.close()
        secs = time.time() - t0
    model.eval()
    with torch.no_grad():
        p = np.concatenate([model(x[test[i:i + batch_size]], data_key=key).numpy() for i in range(0, len(test), batch_size)])
    p = p / precision[None, :]  # back to the responses' units (NeuroNormalizer.inv)
    log(f"  fold {fold['index'] + 1}: train {len(train)}, validation {len(val)}, test {len(test)}; "
        f"{es_log.epochs} epochs (best validation r {val_score:.4f}, best-state restores after patience {es_log.restores}); {secs:.1f} s")
    return p.astype(np.float64), secs


def write_fixture(torch, models, trainers, samplers, d, fold, seed, batch, out_dir):
    """One forward and backward pass of the untrained baseline on `batch` training images of the
    first session's fold, with the readout's noise recorded, for an op-by-op test of the Java
    preset: every parameter and BatchNorm buffer before and after, the input, the noise z, the
    outputs (train mode with z, eval mode), the loss terms and every gradient, as .npy files
    (float32, C order, PyTorch's shapes) and fixture.json."""
    from torch.utils.data import DataLoader, Dataset
    os.makedirs(out_dir, exist_ok=True)
    s0 = d.session_order()[0]
    neurons = [i for i, x in enumerate(d.sessions) if x == s0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        y_all = np.nanmean(d.repeats[:, :, neurons], 1)
    train = np.array(fold["train"], dtype=np.int64)
    x_mean, x_std = float(d.images[train].astype(np.float64).mean()), float(d.images[train].astype(np.float64).std())
    s = y_all[train].std(0)
    thr = 0.01 * s.mean()
    precision = np.ones_like(s) / thr
    precision[s > thr] = 1 / s[s > thr]
    idx = train[:batch]
    x = torch.from_numpy(((d.images[idx] - x_mean) / x_std).astype(np.float32))[:, None]
    y = torch.from_numpy((y_all[idx] * precision).astype(np.float32))
    Batch = collections.namedtuple("DefaultDataPoint", ["images", "responses"])

    class One(Dataset):
        def __len__(self):
            return len(idx)

        def __getitem__(self, i):
            return Batch(x[i], y[i])

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = models.stacked_core_full_gauss_readout({"train": {"s": DataLoader(One(), batch_size=batch)}}, seed, **MODEL_CONFIG)
    save = lambda name, t: np.save(os.path.join(out_dir, name + ".npy"), t.detach().cpu().numpy().astype(np.float32))
    for n, p in model.state_dict().items():
        if p.dtype.is_floating_point:
            save("before." + n, p)
    save("input", x)
    save("target", y)
    model.train()
    n_all = d.images.shape[0]
    grid_shape = (len(idx), len(neurons), 1, 2)
    torch.manual_seed(seed + 1000)
    z = torch.empty(grid_shape).normal_()  # the draw FullGaussian2d.sample_grid makes next, from the same stream
    torch.manual_seed(seed + 1000)
    rate = model(x, data_key="s")
    from neuralpredictors.measures import modules
    poisson = modules.PoissonLoss(avg=False)(rate, y)
    scale = math.sqrt(n_all / len(idx))
    core_reg, readout_reg = model.core.regularizer(), model.readout.regularizer("s")
    loss = scale * poisson + core_reg + readout_reg
    loss.backward()
    save("noise_z", z)
    save("rate_train", rate)
    for n, p in model.named_parameters():
        save("grad." + n, p.grad)
    for n, p in model.state_dict().items():
        if p.dtype.is_floating_point:
            save("after_train_forward." + n, p)  # the BatchNorm running statistics moved; the parameters did not
    model.eval()
    with torch.no_grad():
        save("rate_eval", model(x, data_key="s"))
    info = dict(seed=seed, session=s0, images=[int(i) for i in idx], pixel_mean=x_mean, pixel_sd=x_std,
                response_precision=[float(v) for v in precision], dataset_images=n_all, loss_scale=scale,
                poisson_sum=float(poisson), laplace_l2norm=float(model.core.laplace()),
                core_regulariser=float(core_reg), readout_regulariser=float(readout_reg), loss=float(loss),
                note="rate_train uses noise_z (batch x neurons x 1 x 2; last axis x, y); eval reads at mu; "
                     "after_train_forward.* = state after the one train-mode forward (BatchNorm running stats, momentum 0.9)")
    with open(os.path.join(out_dir, "fixture.json"), "w") as fh:
        json.dump(info, fh, indent=1)
    print(f"fixture: {len(idx)} images, {len(neurons)} neurons, loss {float(loss):.6f} -> {out_dir}")


def check_fixture(torch, fixture_dir):
    """Recomputes a fixture from docs/sensorium-spec.md alone (torch.nn.functional, no
    neuralpredictors, bilinear read written out by hand) and prints the largest differences: the
    spec's op order, noise, grid mapping, BatchNorm momentum and penalties against the real classes."""
    import torch.nn.functional as F
    D = fixture_dir
    L = lambda n: torch.from_numpy(np.load(os.path.join(D, n + ".npy")))
    info = json.load(open(os.path.join(D, "fixture.json")))
    x, z, p = L("input"), L("noise_z"), "before.core.features."
    stats = {}

    def bn(h, l):
        m, v = h.mean((0, 2, 3)), h.var((0, 2, 3), unbiased=False)
        stats[l] = (0.1 * 0 + 0.9 * m, 0.1 * 1 + 0.9 * h.var((0, 2, 3), unbiased=True))  # momentum 0.9: 0.1 old + 0.9 new
        g, b = L(p + f"layer{l}.norm.weight"), L(p + f"layer{l}.norm.bias")
        return (h - m.view(1, -1, 1, 1)) / torch.sqrt(v.view(1, -1, 1, 1) + 1e-5) * g.view(1, -1, 1, 1) + b.view(1, -1, 1, 1)

    h = F.elu(bn(F.conv2d(x, L(p + "layer0.conv.weight")), 0))
    for l in (1, 2, 3):
        q = p + f"layer{l}.ds_conv."
        h = F.conv2d(h, L(q + "in_depth_conv.weight"))
        h = F.conv2d(h, L(q + "spatial_conv.weight"), padding=3, groups=h.shape[1])
        h = F.elu(bn(F.conv2d(h, L(q + "out_depth_conv.weight")), l))
    mu, sig = L("before.readout.s._mu")[0, :, 0, :], L("before.readout.s.sigma")[0]
    feat, bias = L("before.readout.s._features")[0, :, 0, :], L("before.readout.s.bias")
    B, C, H, W = h.shape
    N = mu.shape[0]
    pos = torch.clamp(mu[None] + torch.einsum("ncd,bnd->bnc", sig, z[:, :, 0, :]), -1, 1)  # B x N x (x, y)
    px, py = (pos[..., 0] + 1) / 2 * (W - 1), (pos[..., 1] + 1) / 2 * (H - 1)
    drive = torch.zeros(B, N)
    for bi in range(B):
        for n in range(N):
            X, Y = float(px[bi, n]), float(py[bi, n])
            x0, y0 = int(math.floor(X)), int(math.floor(Y))
            v = torch.zeros(C)
            for xx, yy in ((x0, y0), (x0 + 1, y0), (x0, y0 + 1), (x0 + 1, y0 + 1)):
                w = max(0.0, 1 - abs(X - xx)) * max(0.0, 1 - abs(Y - yy))
                if w > 0 and 0 <= xx < W and 0 <= yy < H:
                    v += w * h[bi, :, yy, xx]
            drive[bi, n] = (v * feat[:, n]).sum() + bias[n]
    rate = F.elu(drive) + 1
    y = L("target")
    poisson = float((rate - y * torch.log(rate + 1e-12)).sum())
    w0 = L(p + "layer0.conv.weight")
    lap = torch.tensor([[0, -1, 0], [-1, 4, -1], [0, -1, 0]], dtype=torch.float32).view(1, 1, 3, 3)
    laplace = float(F.conv2d(w0.reshape(-1, 1, *w0.shape[2:]), lap, padding=1).pow(2).sum() / w0.pow(2).sum())
    loss = math.sqrt(info["dataset_images"] / B) * poisson + 6.3831 * laplace + 0.0076 * float(feat.abs().sum())
    print(f"spec vs neuralpredictors on {D}:")
    print(f"  rate (train mode, recorded noise): max |diff| {float((rate - L('rate_train')).abs().max()):.3g} (rates {float(rate.min()):.4f} .. {float(rate.max()):.4f})")
    for l in range(4):
        rm, rv = stats[l]
        print(f"  layer {l} BatchNorm running mean / var after one forward: max |diff| "
              f"{float((rm - L(f'after_train_forward.core.features.layer{l}.norm.running_mean')).abs().max()):.3g} / "
              f"{float((rv - L(f'after_train_forward.core.features.layer{l}.norm.running_var')).abs().max()):.3g}")
    print(f"  poisson sum {poisson:.6f} vs {info['poisson_sum']:.6f}; laplace_l2norm {laplace:.6f} vs {info['laplace_l2norm']:.6f}; "
          f"loss {loss:.6f} vs {info['loss']:.6f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="")
    ap.add_argument("--folds", type=int, default=7)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-epochs", type=int, default=TRAINER_CONFIG["max_iter"])
    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    ap.add_argument("--sessions", default="", help="comma-separated sessions to fit (default: all)")
    ap.add_argument("--only-folds", default="", help="comma-separated 1-based folds to fit (others left NaN; for timing)")
    ap.add_argument("--out", default="", help="per-neuron CSV (PREFIX-neurons.csv columns)")
    ap.add_argument("--fixture", default="", help="instead of cross-validating: write one forward/backward pass as .npy files to this folder")
    ap.add_argument("--fixture-batch", type=int, default=8)
    ap.add_argument("--check-fixture", default="", help="recompute a --fixture folder from the spec alone and compare (needs no --data)")
    ap.add_argument("--predictions", default="", help="also save the pooled predictions (images x neurons) as .npy")
    ap.add_argument("--model-name", default="sensorium-reference")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--np-rev", default=NP_REV, help="neuralpredictors commit (default the v0.3.0 release)")
    ap.add_argument("--src-cache", default=os.path.join(tempfile.gettempdir(), "sensorium-parity-src"))
    a = ap.parse_args()

    import torch
    torch.set_num_threads(a.threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    if a.check_fixture:
        check_fixture(torch, a.check_fixture)
        return
    if not a.data:
        sys.exit("--data is required")
    models, trainers, samplers, revs = import_upstream(a.src_cache, a.np_rev)
    d = load(a.data)
    n_img = d.images.shape[0]
    print(f"data {d.name}: {n_img} images {d.images.shape[1]}x{d.images.shape[2]}, {len(d.ids)} neurons, "
          f"{d.repeats.shape[1]} repeat(s), sessions {','.join(d.session_order())}")
    print(f"upstream: neuralpredictors {revs['neuralpredictors'][:10]}, sensorium {revs['sensorium'][:10]}, "
          f"nnfabrik {revs['nnfabrik'][:10]}; torch {torch.__version__}, {a.threads} thread(s), python {platform.python_version()}")
    print(f"{a.folds}-fold cross-validation over images, seed {a.seed} (fold k seeded {a.seed}+k), batch {a.batch_size}, "
          f"max {a.max_epochs} epochs")
    folds = java_folds.folds(n_img, a.folds, a.seed)
    if a.fixture:
        write_fixture(torch, models, trainers, samplers, d, folds[0], a.seed, a.fixture_batch, a.fixture)
        return
    if not a.out:
        sys.exit("--out is required")
    only = {int(f) - 1 for f in a.only_folds.split(",") if f}
    wanted = [s for s in a.sessions.split(",") if s]
    pooled = np.full((n_img, len(d.ids)), np.nan)
    t_all = time.time()
    fit_seconds = 0.0
    for s in d.session_order():
        if wanted and s not in wanted:
            continue
        neurons = [i for i, x in enumerate(d.sessions) if x == s]
        print(f"session {s}: {len(neurons)} neurons", flush=True)
        for f in folds:
            if only and f["index"] not in only:
                continue
            p, secs = fit_fold(torch, models, trainers, samplers, d, neurons, f, a.seed + f["index"], a.max_epochs,
                               a.batch_size, lambda m: print(m, flush=True))
            fit_seconds += secs
            for t, img in enumerate(f["test"]):
                pooled[img, neurons] = p[t]
    rows = score(d, pooled, a.model_name)
    if wanted:
        rows = [r for r in rows if r["session"] in wanted]
    with open(a.out, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["model", "neuron", "session", "mean_rate_hz", "cc_abs", "cc_norm"])
        for r in rows:
            w.writerow([r["model"], r["neuron"], r["session"], num(r["mean_rate_hz"]), num(r["cc_abs"]), num(r["cc_norm"])])
    if a.predictions:
        np.save(a.predictions, pooled)
    print("per-session mean Pearson r (cc_abs) of the pooled out-of-fold predictions:")
    for s in d.session_order():
        cc = [r["cc_abs"] for r in rows if r["session"] == s and not math.isnan(r["cc_abs"])]
        ccn = [r["cc_norm"] for r in rows if r["session"] == s and not math.isnan(r["cc_norm"])]
        if cc:
            extra = f", cc_norm {np.mean(ccn):.4f}" if ccn else ""
            print(f"  session {s}: {len(cc)} neurons, cc_abs {np.mean(cc):.4f} +- {np.std(cc, ddof=1) / math.sqrt(len(cc)) if len(cc) > 1 else 0:.4f} (sem){extra}")
    allcc = [r["cc_abs"] for r in rows if not math.isnan(r["cc_abs"])]
    print(f"all: {len(allcc)} neurons, cc_abs {np.mean(allcc):.4f}; fits {fit_seconds:.0f} s, wall {time.time() - t_all:.0f} s -> {a.out}")


if __name__ == "__main__":
    main()
