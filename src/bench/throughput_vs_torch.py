#!/usr/bin/env python3
"""Training throughput of V1 Workbench against PyTorch on this CPU, side by side.

Runs `benchmark --throughput --json` (our jar) and `torch_reference.py --json` alternately, ROUNDS
times, so that both see the same machine conditions, and prints each round's images per second
and ratio (ours / PyTorch) per model, then the median ratio. Shared machines are noisy: read the
median, not one round.

Run (after `mvn -B -q package -DskipTests`; PyTorch from Debian: apt-get install -y python3-torch):
  /usr/bin/python3 src/bench/throughput_vs_torch.py [--rounds 3] [--reference ../shared/bench/torch_reference.py]

Debian's PyTorch does its matrix products through the system BLAS, whichever libblas.so.3 the
alternatives system points to: the reference (netlib) BLAS that python3-torch pulls in alone, or
OpenBLAS once something installs it (python3-scipy does). OpenBLAS made core-readout 3 times faster
on a 2-core Xeon (80 -> 260 img/s). The first line printed says which one PyTorch used: compare
only figures measured with the same one.
"""
import argparse, json, os, statistics, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))


def system_blas():
    """The BLAS library Debian's PyTorch loads (libblas.so.3 through the alternatives system)."""
    for lib in ("/usr/lib/x86_64-linux-gnu/libblas.so.3", "/usr/lib/aarch64-linux-gnu/libblas.so.3"):
        if os.path.exists(lib):
            real = os.path.realpath(lib)
            kind = "OpenBLAS" if "openblas" in real else "reference BLAS (netlib)" if "/blas/" in real else "other"
            return f"{kind}: {real}"
    return "unknown (no libblas.so.3 found)"


def run(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"failed ({out.returncode}): {' '.join(cmd)}\n{out.stderr[-2000:]}")
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    return {r["model"]: r for r in rows}


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=4, help="our epochs per model (torch_reference.py runs 4)")
    ap.add_argument("--jar", default=os.path.join(root, "target", "v1-workbench.jar"))
    ap.add_argument("--reference", default=os.path.join(root, "..", "shared", "bench", "torch_reference.py"))
    ap.add_argument("--models", default="", help="only these (comma-separated: kindel2019, core-readout, sensorium; default the first two)")
    ap.add_argument("--preset-defaults", action="store_true", help="our presets as `train` runs them (not the reference's exact networks)")
    a = ap.parse_args()
    if not os.path.isfile(a.reference):
        sys.exit(f"{a.reference}: not found (the PyTorch reference; pass --reference)")
    ours_cmd = ["java", "-jar", a.jar, "benchmark", "--throughput", "--json", "--epochs", str(a.epochs)] + (["--models", a.models] if a.models else [])
    if a.preset_defaults:
        ours_cmd.append("--preset-defaults")
    print(f"PyTorch's BLAS: {system_blas()}", flush=True)
    ratios = {}
    for k in range(a.rounds):
        torch = run(["/usr/bin/python3", a.reference, "--json"] + (["--models", a.models] if a.models else []))
        ours = run(ours_cmd)
        for model in [m for m in ("kindel2019", "core-readout", "sensorium") if m in ours and m in torch]:
            t, o = torch[model]["images_per_s"], ours[model]["images_per_s"]
            ratios.setdefault(model, []).append(o / t)
            whole = ""
            if "images_per_s_whole" in torch[model] and "images_per_s_whole" in ours[model]:
                tw, ow = torch[model]["images_per_s_whole"], ours[model]["images_per_s_whole"]
                ratios.setdefault(model + " (whole run)", []).append(ow / tw)
                whole = f"  whole run ours {ow:8.1f} torch {tw:8.1f} ratio {ow / tw:5.2f}"
            print(f"round {k + 1} {model:13s} ours {o:8.1f} img/s  torch {t:8.1f} img/s  ratio {o / t:5.2f}{whole}  "
                  f"(our peak RSS {ours[model]['peak_rss_mb']} MB)", flush=True)
    for model, r in ratios.items():
        print(f"{model:13s} median ratio {statistics.median(r):.2f} over {len(r)} rounds (min {min(r):.2f}, max {max(r):.2f})")
