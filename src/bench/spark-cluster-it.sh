#!/usr/bin/env bash
# Integration check of the workbench on a Spark standalone cluster of separate JVMs (opt-in; see
# docs/spark-cluster.md): starts src/bench/spark-cluster.sh's master and 2 workers, then
#   1. a small benchmark, plain and on the cluster: the per-neuron CSVs must be identical;
#   2. a small sweep, plain and on the cluster: its tables must be identical (but for seconds);
#   3. the benchmark on the cluster again, with worker 2 and its executor killed (kill -9) after
#      the first fit finished: its fits rerun on worker 1, and the CSV must still be identical;
#   4. a small benchmark --transfer (the same data as two sessions of 6 neurons), plain and on the
#      cluster (the cores in a first job, sent to the driver as bytes, then the fits on them):
#      PREFIX-transfer.csv and .md must be identical;
# and stops the cluster (also on failure). Needs target/v1-workbench.jar (mvn package -DskipTests).
# Exits non-zero on any difference. WORK (default target/spark-it) keeps the files.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
CLUSTER=src/bench/spark-cluster.sh
WORK=${WORK:-$ROOT/target/spark-it}
MASTER=spark://127.0.0.1:${MASTER_PORT:-7077}
rm -rf "$WORK" && mkdir -p "$WORK"
[[ -f target/v1-workbench.jar ]] || mvn -B -q package -DskipTests
start=$(date +%s)
trap '"$CLUSTER" stop' EXIT INT TERM

# A small simulated dataset (the sample's kind, smaller) so that the check takes about 2 minutes.
java -jar target/v1-workbench.jar simulate --out "$WORK/ds" --images 300 --neurons 12 --repeats 4 --size 32 --seed 3 > /dev/null
BENCH=(benchmark --data "$WORK/ds" --models ridge,ln,core-readout --folds 3 --seed 4 --set max_epochs=2 --set filters=4
       --set layers=1 --threads 1)
SWEEP=(sweep --data "$WORK/ds" --model ln --grid lr=0.001,0.01 --folds 3 --seed 2 --set max_epochs=2 --threads 1)
# The same data as two sessions (n001-n006 and n007-n012), for leaving one out.
cp -r "$WORK/ds" "$WORK/ds2"
python3 - "$WORK/ds2" <<'EOF'
import csv, json, sys
d = sys.argv[1]
rows = list(csv.reader(open(d + "/neurons.csv")))
for i, r in enumerate(rows[1:]): r[1] = "s1" if i < (len(rows) - 1) // 2 else "s2"
csv.writer(open(d + "/neurons.csv", "w", newline="")).writerows(rows)
m = json.load(open(d + "/dataset.json")); m["sessions"] = ["s1", "s2"]; json.dump(m, open(d + "/dataset.json", "w"), indent=2)
EOF
TRANSFER=(benchmark --transfer --data "$WORK/ds2" --models core-readout --folds 3 --seed 5 --set max_epochs=2 --set filters=4
          --set layers=1 --threads 1)

java -jar target/v1-workbench.jar "${BENCH[@]}" --out "$WORK/bench-plain" > "$WORK/bench-plain.log" 2>&1
java -jar target/v1-workbench.jar "${SWEEP[@]}" --out "$WORK/sweep-plain" > "$WORK/sweep-plain.log" 2>&1
java -jar target/v1-workbench.jar "${TRANSFER[@]}" --out "$WORK/transfer-plain" > "$WORK/transfer-plain.log" 2>&1
plain=$(date +%s)

"$CLUSTER" start
same() { # the CSV $1 and $2, without the seconds column (the fits' own times)
  python3 - "$1" "$2" <<'EOF'
import csv, sys
def rows(p):
    r = list(csv.reader(open(p)))
    keep = [i for i, c in enumerate(r[0]) if c != "seconds"]
    return [[row[i] for i in keep] for row in r]
a, b = rows(sys.argv[1]), rows(sys.argv[2])
print(("same: " if a == b else "DIFFERENT: ") + sys.argv[1] + " " + sys.argv[2] + " (%d rows)" % (len(a) - 1))
sys.exit(0 if a == b else 1)
EOF
}

"$CLUSTER" driver "${BENCH[@]}" --spark "$MASTER" --out "$WORK/bench-cluster" > "$WORK/bench-cluster.log" 2>&1
grep '^spark:' "$WORK/bench-cluster.log"
cmp "$WORK/bench-plain-neurons.csv" "$WORK/bench-cluster-neurons.csv" && echo "same: bench-plain-neurons.csv bench-cluster-neurons.csv (byte for byte)"
same "$WORK/bench-plain.csv" "$WORK/bench-cluster.csv"

"$CLUSTER" driver "${SWEEP[@]}" --spark "$MASTER" --out "$WORK/sweep-cluster" > "$WORK/sweep-cluster.log" 2>&1
grep '^spark:' "$WORK/sweep-cluster.log"
for f in "$WORK"/sweep-plain*.csv; do same "$f" "${f/sweep-plain/sweep-cluster}"; done

# A lost worker: kill worker 2 (and its executor) once the first fit is done.
"$CLUSTER" driver "${BENCH[@]}" --spark "$MASTER" --out "$WORK/bench-lost" > "$WORK/bench-lost.log" 2>&1 &
driver=$!
until grep -q 'spark: fit 1/' "$WORK/bench-lost.log"; do
  kill -0 "$driver" 2>/dev/null || { echo "the driver ended before its first fit" >&2; tail "$WORK/bench-lost.log" >&2; exit 1; }
  sleep 0.5
done
"$CLUSTER" kill-worker 2
wait "$driver"
grep '^spark:' "$WORK/bench-lost.log"
grep -q 'did not finish' "$WORK/bench-lost.log" || echo "(no task was running on worker 2 when it was killed)"
cmp "$WORK/bench-plain-neurons.csv" "$WORK/bench-lost-neurons.csv" && echo "same: bench-plain-neurons.csv bench-lost-neurons.csv (byte for byte, a worker lost)"

# A transfer benchmark: 6 cores, then 6 fits from scratch (in the first job too) and 6 on the cores.
"$CLUSTER" driver "${TRANSFER[@]}" --spark "$MASTER" --out "$WORK/transfer-cluster" > "$WORK/transfer-cluster.log" 2>&1
grep '^spark:' "$WORK/transfer-cluster.log"
for f in transfer.csv transfer.md; do
  cmp "$WORK/transfer-plain-$f" "$WORK/transfer-cluster-$f" && echo "same: transfer-plain-$f transfer-cluster-$f (byte for byte)"
done
end=$(date +%s)
echo "spark-cluster-it: passed in $((end - start)) s (plain runs $((plain - start)) s, cluster $((end - plain)) s)"
