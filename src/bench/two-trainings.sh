#!/usr/bin/env bash
# Two trainings at once on one machine: a training (the window's code path, JobRunner, as `train`
# runs it) alone, then beside a `benchmark` in another process, with the cores shared
# (CoreShare, the default) and without (-Dv1workbench.shareCores=false, each process sized to the
# whole machine as before). Prints the training's wall time in each case and the ratios.
# Usage: src/bench/two-trainings.sh [EPOCHS]   (run from the repository root after `mvn package`;
# run it alone: anything else on the machine changes the figures)
set -euo pipefail
EPOCHS=${1:-3}
JAR=target/v1-workbench.jar
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

train() { # $1: extra JVM options
    local t0 t1
    t0=$(date +%s.%N)
    java $1 -jar "$JAR" train --model core-readout --max-epochs "$EPOCHS" --patience 100 --out "$WORK/exp-$RANDOM" >/dev/null 2>&1
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc
}

beside() { # $1: extra JVM options of both processes; a benchmark runs while the training does
    java $1 -jar "$JAR" benchmark --models kindel2019 --folds 7 --out "$WORK/bench-$RANDOM" >/dev/null 2>&1 &
    local bench=$!
    sleep 15   # the benchmark past its start-up, training
    train "$1"
    kill $bench 2>/dev/null || true
    wait $bench 2>/dev/null || true
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(grep -o -m1 'avx512f' /proc/cpuinfo || echo 'no AVX-512'), load $(cut -d' ' -f1-3 /proc/loadavg)"
alone=$(train "")
echo "training alone:                           ${alone} s"
before=$(beside "-Dv1workbench.shareCores=false")
echo "beside a benchmark, cores not shared:     ${before} s  ($(echo "scale=2; $before / $alone" | bc) x alone)"
after=$(beside "")
echo "beside a benchmark, cores shared:         ${after} s  ($(echo "scale=2; $after / $alone" | bc) x alone)"
