#!/usr/bin/env python3
"""The benchmark's cross-validation folds, exactly as the Java code draws them.

Mirrors, bit for bit:
  - org.v1workbench.data.Tiers.permutation(n, seed): Fisher-Yates from i = n-1 down to 1 with
    j = new java.util.Random(seed).nextInt(i + 1)  (java.util.Random, the 48-bit LCG; NOT
    SplittableRandom);
  - org.v1workbench.train.CrossValidation.folds(images, k, seed): the permutation cut into k
    consecutive parts of numpy.array_split sizes (the first images % k parts one longer), each
    sorted; fold f tests part f, early-stops on part (f+1) % k, trains on the rest (sorted).

java.util.Random (OpenJDK 17, java/util/Random.java):
  seed0      = (seed ^ 0x5DEECE66D) & (2^48 - 1)
  next(bits) : seed = (seed * 0x5DEECE66D + 0xB) & (2^48 - 1);  return (int)(seed >>> (48 - bits))
  nextInt(bound):
      r = next(31); m = bound - 1
      if bound is a power of 2: r = (int)((bound * (long) r) >> 31)
      else: u = r; while (u - (r = u % bound) + m < 0  [32-bit int overflow]) u = next(31)

Check against the jar:  /usr/bin/python3 src/bench/java_folds.py --check [--jar target/v1-workbench.jar]
(compiles nothing: runs a single-file Java program against the jar's CrossValidation.folds).
"""
import argparse, os, subprocess, sys, tempfile

_MULT = 0x5DEECE66D
_ADD = 0xB
_MASK = (1 << 48) - 1


def _int32(x):
    x &= 0xFFFFFFFF
    return x - (1 << 32) if x >= (1 << 31) else x


class JavaRandom:
    """java.util.Random, the parts the folds use."""

    def __init__(self, seed):
        self.seed = (seed ^ _MULT) & _MASK

    def next(self, bits):
        self.seed = (self.seed * _MULT + _ADD) & _MASK
        return _int32(self.seed >> (48 - bits))

    def next_int(self, bound):
        if bound <= 0:
            raise ValueError("bound must be positive")
        r = self.next(31)
        m = bound - 1
        if bound & m == 0:
            return _int32((bound * r) >> 31)
        u = r
        while True:
            r = u % bound
            if _int32(u - r + m) >= 0:
                return r
            u = self.next(31)


def permutation(n, seed):
    """Tiers.permutation(n, seed)."""
    p = list(range(n))
    rnd = JavaRandom(seed)
    for i in range(n - 1, 0, -1):
        j = rnd.next_int(i + 1)
        p[i], p[j] = p[j], p[i]
    return p


def folds(images, k, seed):
    """CrossValidation.folds(images, k, seed): list of dicts index, train, validation, test (sorted lists)."""
    if k < 3:
        raise ValueError(f"at least 3 folds are needed (test, validation, train), not {k}")
    if images < k:
        raise ValueError(f"{images} images cannot make {k} folds")
    order = permutation(images, seed)
    parts, start = [], 0
    for f in range(k):
        size = images // k + (1 if f < images % k else 0)
        parts.append(sorted(order[start:start + size]))
        start += size
    out = []
    for f in range(k):
        v = (f + 1) % k
        train = sorted(i for g in range(k) if g not in (f, v) for i in parts[g])
        out.append(dict(index=f, train=train, validation=parts[v], test=parts[f]))
    return out


_JAVA_CHECK = r"""
import org.v1workbench.train.CrossValidation;
import org.v1workbench.data.Tiers;
public class FoldsCheck {
    public static void main(String[] a) {
        for (int i = 0; i + 2 < a.length; i += 3) {
            int n = Integer.parseInt(a[i]), k = Integer.parseInt(a[i + 1]);
            long seed = Long.parseLong(a[i + 2]);
            StringBuilder sb = new StringBuilder("perm " + n + " " + k + " " + seed + ":");
            for (int x : Tiers.permutation(n, seed)) sb.append(' ').append(x);
            System.out.println(sb);
            for (CrossValidation.Fold f : CrossValidation.folds(n, k, seed)) {
                sb = new StringBuilder("fold " + n + " " + k + " " + seed + " " + f.index() + ":");
                sb.append(" T"); for (int x : f.train()) sb.append(' ').append(x);
                sb.append(" V"); for (int x : f.validation()) sb.append(' ').append(x);
                sb.append(" E"); for (int x : f.test()) sb.append(' ').append(x);
                System.out.println(sb);
            }
        }
    }
}
"""


def python_lines(cases):
    lines = []
    for n, k, seed in cases:
        lines.append(f"perm {n} {k} {seed}: " + " ".join(map(str, permutation(n, seed))))
        for f in folds(n, k, seed):
            lines.append(f"fold {n} {k} {seed} {f['index']}: T " + " ".join(map(str, f["train"]))
                         + " V " + " ".join(map(str, f["validation"])) + " E " + " ".join(map(str, f["test"])))
    return lines


def check(jar, cases):
    """Runs the jar's own Tiers.permutation / CrossValidation.folds and compares line by line."""
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "FoldsCheck.java")
        with open(src, "w") as fh:
            fh.write(_JAVA_CHECK)
        args = [str(x) for c in cases for x in c]
        out = subprocess.run(["java", "-cp", jar, src] + args, capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit("java check failed:\n" + out.stderr[-3000:])
    java = [l.strip() for l in out.stdout.splitlines() if l.strip()]
    py = [l.strip() for l in python_lines(cases)]
    bad = 0
    for n, k, seed in cases:
        jp = next(l for l in java if l.startswith(f"perm {n} {k} {seed}:"))
        pp = next(l for l in py if l.startswith(f"perm {n} {k} {seed}:"))
        same = jp == pp and all(
            (next(l for l in java if l.startswith(f"fold {n} {k} {seed} {f}:"))
             == next(l for l in py if l.startswith(f"fold {n} {k} {seed} {f}:"))) for f in range(k))
        bad += not same
        head = lambda l: " ".join(l.split(":")[1].split()[:12])
        print(f"n={n:5d} k={k} seed={seed:>20d}  {'SAME' if same else 'DIFFERENT'}   java: {head(jp)} ...")
        print(f"{'':37s}python: {head(pp)} ...")
    print(f"{len(cases) - bad} of {len(cases)} cases identical (permutation and every fold's train/validation/test)")
    return bad == 0


DEFAULT_CASES = [(270, 7, 0), (270, 3, 0), (270, 7, 1), (2000, 3, 0), (2000, 7, 42), (10, 3, 5),
                 (1000, 5, -1), (123457, 4, 987654321987654321), (65, 3, 1 << 40), (37, 7, 7)]

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with the jar's folds")
    ap.add_argument("--jar", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "target", "v1-workbench.jar"))
    ap.add_argument("--images", type=int, default=270)
    ap.add_argument("--folds", type=int, default=7)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    if a.check:
        sys.exit(0 if check(a.jar, DEFAULT_CASES) else 1)
    for f in folds(a.images, a.folds, a.seed):
        print(f"fold {f['index']}: train {len(f['train'])}, validation {len(f['validation'])} {f['validation'][:10]}..., test {len(f['test'])} {f['test'][:10]}...")
