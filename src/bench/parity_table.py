#!/usr/bin/env python3
"""Parity table: our benchmark's per-neuron CSVs (PREFIX-neurons.csv) against sensorium_parity.py's,
joined on neuron, per session: mean r (cc_abs) of each, the difference, and a paired Wilcoxon test.

  python3 src/bench/parity_table.py JAVA_NEURONS.csv:TORCH_NEURONS.csv [...]
"""
import csv, math, sys


def read(path, model=None):
    rows = {}
    with open(path) as f:
        for r in csv.DictReader(f):
            if model and r["model"] != model:
                continue
            rows[r["neuron"]] = (r["session"], float(r["cc_abs"]) if r["cc_abs"] not in ("", "NaN") else float("nan"))
    return rows


def wilcoxon(d):
    try:
        from scipy.stats import wilcoxon as w
        return w(d).pvalue
    except Exception:
        return float("nan")


def main():
    print("| session | neurons | ours (Java `sensorium`) | neuralpredictors | ours - theirs | Wilcoxon p |")
    print("|---|---|---|---|---|---|")
    alla, allb = [], []
    for pair in sys.argv[1:]:
        ja, tb = pair.split(":")
        a, b = read(ja, "sensorium"), read(tb)
        common = sorted(set(a) & set(b))
        x = [a[k][1] for k in common if not math.isnan(a[k][1]) and not math.isnan(b[k][1])]
        y = [b[k][1] for k in common if not math.isnan(a[k][1]) and not math.isnan(b[k][1])]
        alla += x; allb += y
        s = a[common[0]][0] if common else "?"
        mx, my = sum(x) / len(x), sum(y) / len(y)
        print(f"| {s} | {len(x)} | {mx:.3f} | {my:.3f} | {mx - my:+.3f} | {wilcoxon([p - q for p, q in zip(x, y)]):.2g} |")
    if len(sys.argv) > 2:
        mx, my = sum(alla) / len(alla), sum(allb) / len(allb)
        print(f"| all | {len(alla)} | {mx:.3f} | {my:.3f} | {mx - my:+.3f} | {wilcoxon([p - q for p, q in zip(alla, allb)]):.2g} |")


if __name__ == "__main__":
    main()
