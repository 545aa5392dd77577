#!/usr/bin/env bash
# Native packaging with the JDK's jpackage: a self-contained application image (its own Java
# runtime) under target/installer/V1Workbench, and, where the packaging tools exist (dpkg-deb for
# a .deb, rpmbuild for an .rpm), an installer. Run from the project root after the build:
#   mvn -B -q package -DskipTests && bash installer/package.sh [app-image|deb|rpm]
set -euo pipefail
cd "$(dirname "$0")/.."
type="${1:-app-image}"
[ -f target/v1-workbench.jar ] || { echo "error: target/v1-workbench.jar not found: build first (mvn -B -q package -DskipTests)" >&2; exit 2; }
version=$(sed -n 's:.*<version>\([0-9][0-9.]*\)</version>.*:\1:p' pom.xml | head -1)
input=target/installer-input
rm -rf "$input" target/installer
mkdir -p "$input"
cp target/v1-workbench.jar "$input/"
cp -r target/lib "$input/lib"
jpackage --type "$type" --name V1Workbench --app-version "$version" \
  --input "$input" --main-jar v1-workbench.jar --main-class org.v1workbench.cli.Main \
  --java-options "-Xmx8g -XX:+ExplicitGCInvokesConcurrent -XX:MaxGCPauseMillis=20 -XX:MetaspaceSize=256m" \
  --description "Deep networks that predict V1 neurons' responses to natural images" \
  --vendor "V1 Workbench" --dest target/installer \
  $( [ -f assets/icons/v1-workbench.png ] && echo --icon assets/icons/v1-workbench.png )
echo "packaged ($type) in target/installer"
