#!/usr/bin/env bash
# Replaces jpackage's native launcher in the Linux app image with packaging/linux/launcher.sh, which
# starts the same JVM from the same lib/app/RouteDesk.cfg without first asking rpm and dpkg which
# package it belongs to (0.2 to 0.4 s of every start; see launcher.sh). Runs before the AOT training
# run (packaging/AotTrain.java), so the cache is recorded through the launcher that ships.
#
# Usage: packaging/linux/use-script-launcher.sh <folder holding the app image>
set -euo pipefail

fail() {
  echo "use-script-launcher: FAIL: $*" >&2
  exit 1
}

[[ $# -eq 1 ]] || fail "usage: $0 <folder holding the app image>"
image=$1/RouteDesk
[[ -x "$image/bin/RouteDesk" ]] || fail "no launcher at $image/bin/RouteDesk"
[[ -f "$image/lib/app/RouteDesk.cfg" ]] || fail "no launcher configuration in $image/lib/app"
[[ -x "$image/lib/runtime/bin/java" ]] || fail "the runtime has no bin/java (jlink --strip-native-commands?)"

here=$(dirname "$0")
install -m 755 "$here/launcher.sh" "$image/bin/RouteDesk"
# The JVM's process: named RouteDesk (ps, top, system monitors), as under jpackage's launcher.
install -m 755 "$image/lib/runtime/bin/java" "$image/lib/runtime/bin/RouteDesk"
# Only jpackage's native launcher loads this library.
rm -f "$image/lib/libapplauncher.so"
echo "use-script-launcher: $image/bin/RouteDesk is packaging/linux/launcher.sh"
