#!/usr/bin/env bash
# Builds the application image (installer/package.sh app-image) and checks its launcher:
# --version prints the jar's version and nothing else, a training command uses the Java
# kernels and prints only its output, `info` runs headless on the sample data, the trimmed
# runtime and libraries are what they should be. Skipped, with a message and exit 0, where
# jpackage is missing. About 1 minute on 2 cores (jlink and copying ~340 MB of jars; the
# sample data are generated into the user's cache on first use, about 5 s).
#   bash installer/test-app-image.sh            (mvn -B verify -Pinstaller runs it too)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v jpackage >/dev/null; then
  echo "SKIPPED installer/test-app-image.sh: jpackage not found (it comes with a full JDK 17 or later)"
  exit 0
fi
fail() { echo "FAILED installer/test-app-image.sh: $*" >&2; exit 1; }
t0=$(date +%s)
bash installer/package.sh app-image
image=target/installer/v1-workbench
launcher="$image/bin/v1-workbench"
[ -x "$launcher" ] || fail "no launcher $launcher"
version=$(unzip -p target/v1-workbench.jar META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *\([^[:space:]]*\).*/\1/p')

# --version prints its two lines and nothing else, on either stream (no JVM notice before them).
errfile=$(mktemp)
out=$("$launcher" --version 2>"$errfile") || fail "--version exited $?"
err=$(cat "$errfile"); rm -f "$errfile"
echo "$out"
[ -z "$err" ] || fail "--version wrote to standard error: '$err'"
[ "$(wc -l <<<"$out")" = 2 ] || fail "--version printed $(wc -l <<<"$out") lines, not 2: '$out'"
[ "$(head -1 <<<"$out")" = "V1 Workbench $version" ] || fail "--version printed '$(head -1 <<<"$out")', not 'V1 Workbench $version' first"
grep -qxE "Java [0-9][0-9.+a-z-]*, Linux amd64" <<<"$(tail -1 <<<"$out")" || fail "--version's second line is '$(tail -1 <<<"$out")'"

# A command that trains runs with the Java kernels (the Vector API, in a second JVM) and prints
# nothing but its own output: JSON on stdout, nothing on stderr.
errfile=$(mktemp)
out=$("$launcher" benchmark --throughput --models kindel2019 --epochs 2 --json 2>"$errfile") || fail "benchmark --throughput exited $?: $(cat "$errfile")"
err=$(cat "$errfile"); rm -f "$errfile"
echo "$out"
grep -q '"java_kernels" *: *"Java Vector API' <<<"$out" || fail "the benchmark did not run the Java kernels: $out"
[ -z "$err" ] || fail "benchmark --throughput --json wrote to standard error: '$err'"

out=$("$launcher" info 2>&1) || fail "info exited $?: $out"
echo "$out"
for want in "neurons:   100" "images:    2000 of 64 x 64 pixels" "repeats:   10" "data: the sample dataset"; do
  grep -qF "$want" <<<"$out" || fail "info on the sample data did not print '$want'"
done

set +e
out=$("$launcher" no-such-dataset-or-command 2>&1); status=$?
set -e
[ "$status" = 2 ] || fail "an unknown command exited $status, not 2: $out"

# Spark is not in the image (a provided dependency: spark-submit brings it); --spark says so, status 2.
ls "$image/lib/app/lib" | grep -qE '^(spark-|scala-library)' && fail "Spark is in the image"
set +e
out=$("$launcher" benchmark --models ridge --spark 'local[2]' --out "$(mktemp -d)/b" 2>&1); status=$?
set -e
[ "$status" = 2 ] && grep -qF "Apache Spark is not on the class path" <<<"$out" || fail "--spark without Spark exited $status: $out"

# Only what the program loads: no plain nd4j-native build, the three oneDNN builds Backend picks from.
ls "$image/lib/app/lib" | grep -qE '^nd4j-native-[0-9.M-]+-linux-x86_64\.jar$' && fail "the plain nd4j-native build is in the image"
for v in onednn onednn-avx2 onednn-avx512; do
  ls "$image/lib/app/lib" | grep -q -- "-linux-x86_64-$v\.jar$" || fail "nd4j-native $v is missing from the image"
done
# A trimmed runtime: the modules it needs and not, e.g., the compiler or the JShell.
modules=$(cat "$image/lib/runtime/release" | sed -n 's/^MODULES="\(.*\)"/\1/p')
for m in java.desktop jdk.management jdk.unsupported jdk.incubator.vector; do grep -qw "$m" <<<"$modules" || fail "runtime lacks $m"; done
for m in jdk.compiler jdk.jshell; do grep -qw "$m" <<<"$modules" && fail "runtime holds $m"; done

[ -x "$image/lib/runtime/bin/java" ] || fail "the runtime has no bin/java, which starts the training JVM"
echo "app image: $(du -sh "$image" | cut -f1) (runtime $(du -sh "$image/lib/runtime" | cut -f1), jars $(du -sh "$image/lib/app" | cut -f1))"
echo "PASSED installer/test-app-image.sh in $(( $(date +%s) - t0 )) s"
