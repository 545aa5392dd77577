#!/usr/bin/env bash
# Installs like an application: builds, with the JDK's jpackage, a self-contained application
# image (a launcher, the jars, and a Java runtime trimmed by jlink to the modules the program
# uses) and, with `deb`, a Debian package of it. Run from anywhere in a clone:
#   bash installer/package.sh [app-image|deb]      (default app-image)
# It builds target/v1-workbench.jar first where it is missing or older than the sources
# (mvn -B -q package -DskipTests). Needs a JDK 17 with jpackage; a .deb also needs fakeroot and
# dpkg-dev (Debian/Ubuntu: sudo apt-get install fakeroot dpkg-dev).
# Writes target/installer/v1-workbench/ (the app image; bin/v1-workbench is the launcher) and
# target/installer/v1-workbench_VERSION_amd64.deb.
set -euo pipefail
cd "$(dirname "$0")/.."
type="${1:-app-image}"
case "$type" in app-image|deb) ;; *) echo "usage: bash installer/package.sh [app-image|deb]" >&2; exit 2 ;; esac
command -v jpackage >/dev/null || { echo "error: jpackage not found: it comes with a full JDK 17 or later (Debian: openjdk-17-jdk)" >&2; exit 2; }
if [ "$type" = deb ]; then
  for tool in fakeroot dpkg-deb dpkg-shlibdeps; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found: a .deb needs the Debian packages fakeroot and dpkg-dev" >&2; exit 2; }
  done
fi

# 1. The jar and its libraries.
if [ ! -f target/v1-workbench.jar ] || [ -n "$(find pom.xml src/main -newer target/v1-workbench.jar -print -quit)" ]; then
  echo "building target/v1-workbench.jar (mvn -B -q package -DskipTests)" >&2
  mvn -B -q package -DskipTests
fi
version=$(unzip -p target/v1-workbench.jar META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *\([^[:space:]]*\).*/\1/p')
[ -n "$version" ] || { echo "error: no Implementation-Version in target/v1-workbench.jar" >&2; exit 1; }

# 2. Only the libraries the program can load. org.v1workbench.model.Backend chooses among the
#    three oneDNN builds of nd4j-native (generic x86-64, AVX2, AVX-512) and never the plain
#    build, which Maven brings along as nd4j-native's default classifier (91 MB).
out=target/installer
input="$out/input"
rm -rf "$out"
mkdir -p "$input/lib"
cp target/v1-workbench.jar "$input/"
for jar in target/lib/*.jar; do
  case "$(basename "$jar")" in
    nd4j-native-[0-9]*-linux-x86_64.jar) echo "left out (never loaded): $(basename "$jar")" >&2 ;;
    *) cp "$jar" "$input/lib/" ;;
  esac
done

# 3. The Java modules the program and its libraries use (jdeps over every class, see
#    installer/README.md); jlink keeps only these, compressed, without debug data, man pages,
#    headers. The java command stays (bin/java, ~12 kB): the commands that train, and the window,
#    run in a second JVM started with it (see below).
#    jdk.incubator.vector: the Java Vector API, which training's Java kernels use (model/JavaKernels.java).
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.prefs,java.sql,java.xml,jdk.jfr,jdk.management,jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs,jdk.charsets,jdk.incubator.vector

# The window's collector options (cli/WorkbenchLauncher.WINDOW_JVM_OPTIONS) but not the Vector
# API module: a JVM that loads an incubator module prints "WARNING: Using incubator modules:
# jdk.incubator.vector" on standard error before any of the program runs, so every command's
# output, --version's included, would start with it. Without it the launcher's JVM runs the
# commands that do not train; those that train (train, benchmark, sweep), and the window, which
# trains too, run in a second JVM with the module, started with lib/runtime/bin/java, whose
# notice is not passed on (cli/WorkbenchLauncher.relaunchToTrain, relaunchIfNeeded): the same
# as with java -jar.
java_options="-XX:+ExplicitGCInvokesConcurrent -XX:MaxGCPauseMillis=20 -XX:MetaspaceSize=256m -XX:MaxRAMPercentage=75"
description="Train deep networks to predict V1 neurons' responses to natural images, score them against the noise ceiling and probe what each neuron encodes"

echo "jpackage: application image" >&2
jpackage --type app-image --name v1-workbench --app-version "$version" \
  --input "$input" --main-jar v1-workbench.jar --main-class org.v1workbench.cli.Main \
  --java-options "$java_options" \
  --add-modules "$modules" --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=2" \
  --icon assets/icons/v1-workbench.png \
  --description "$description" --vendor "V1 Workbench" --copyright "V1 Workbench contributors" \
  --dest "$out"
rm -rf "$input"
echo "app image: $out/v1-workbench ($(du -sh "$out/v1-workbench" | cut -f1)); launcher $out/v1-workbench/bin/v1-workbench" >&2

if [ "$type" = deb ]; then
  # installer/linux holds the desktop entry (category Science, opens a dataset folder) and the
  # maintainer scripts that also put /usr/bin/v1-workbench on the path and take it off again.
  echo "jpackage: Debian package" >&2
  jpackage --type deb --app-image "$out/v1-workbench" --name v1-workbench --app-version "$version" \
    --description "$description" --vendor "V1 Workbench" --copyright "V1 Workbench contributors" \
    --linux-package-name v1-workbench --linux-app-category science --linux-menu-group Science \
    --linux-shortcut --linux-deb-maintainer "v1-workbench@users.noreply.github.com" \
    --resource-dir installer/linux --icon assets/icons/v1-workbench.png \
    --dest "$out"
  deb=$(ls "$out"/v1-workbench_*.deb)
  echo "deb: $deb ($(du -h "$deb" | cut -f1)); install with: sudo apt-get install ./$deb" >&2
fi
