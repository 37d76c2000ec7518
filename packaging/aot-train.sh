#!/usr/bin/env bash
# Gives the app image made by `jpackage --type app-image` an AOT cache (JDK 25, JEPs 483, 514 and
# 515): the classes the app loads and links on its way to the main window, already parsed and
# linked, with early method profiles. With it, the installed app reaches its window in about 60% of
# the time (docs/benchmarks.md, "Installer").
#
# How: one training run of the image's own launcher on the built-in sandbox, with
# -XX:AOTCacheOutput, quitting by itself 3 s after its window shows (-Droutedesk.exitAfterReadyMs;
# the JVM writes the cache when it exits normally). Then the launcher's configuration is told to use
# the cache. A cache only fits the runtime and jars it was recorded with, which is why it is made
# from the finished image; the JVM accepts it after the image is installed elsewhere.
#
# Usage: packaging/aot-train.sh <folder holding the app image>
# Runs on Linux, macOS and Windows (Git Bash). The training run opens the window: on Linux it runs
# under Xvfb (xvfb-run) when that is installed, else on $DISPLAY.
set -euo pipefail

fail() {
  echo "aot-train: FAIL: $*" >&2
  exit 1
}

[[ $# -eq 1 ]] || fail "usage: $0 <folder holding the app image>"
images=$1
case "$(uname -s)" in
  Linux*)
    launcher="$images/RouteDesk/bin/RouteDesk"
    app_dir="$images/RouteDesk/lib/app"
    ;;
  Darwin*)
    launcher="$images/RouteDesk.app/Contents/MacOS/RouteDesk"
    app_dir="$images/RouteDesk.app/Contents/app"
    ;;
  MINGW* | MSYS* | CYGWIN*)
    launcher="$images/RouteDesk/RouteDesk.exe"
    app_dir="$images/RouteDesk/app"
    ;;
  *) fail "unknown system $(uname -s)" ;;
esac
[[ -x "$launcher" ]] || fail "no launcher at $launcher"
config="$app_dir/RouteDesk.cfg"
[[ -f "$config" ]] || fail "no launcher configuration at $config"
cache="$app_dir/routedesk.aot"
rm -f "$cache"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# Paths handed to the JVM must be native ones on Windows.
native_path() { if command -v cygpath >/dev/null; then cygpath -w "$1"; else echo "$1"; fi; }

# The launcher passes JAVA_TOOL_OPTIONS to its JVM like any java command. routedesk.home keeps the
# run's settings, data and logs out of the builder's own folders.
options="-XX:AOTCacheOutput=$(native_path "$cache") -Droutedesk.home=$(native_path "$scratch/home")"
options+=" -Droutedesk.exitAfterReadyMs=3000"
run=("$launcher")
if [[ "$(uname -s)" == Linux* ]]; then
  if command -v xvfb-run >/dev/null; then
    run=(xvfb-run -a -s "-screen 0 1600x1000x24" "$launcher")
    options+=" -Dprism.order=sw" # Xvfb has no GPU
  elif [[ -z "${DISPLAY:-}" ]]; then
    fail "the training run needs a display: install xvfb (apt-get install xvfb xauth) or set DISPLAY"
  fi
fi
export JAVA_TOOL_OPTIONS="$options"
export NO_AT_BRIDGE=1 # no accessibility bus daemons left behind by GTK

# macOS has no timeout command unless coreutils are installed.
if command -v timeout >/dev/null; then run=(timeout 300 "${run[@]}"); fi

echo "aot-train: training run of $launcher"
if ! "${run[@]}" >"$scratch/training.log" 2>&1; then
  tail -n 40 "$scratch/training.log" >&2
  fail "the training run did not end normally (log above)"
fi
[[ -s "$cache" ]] || {
  tail -n 40 "$scratch/training.log" >&2
  fail "the training run wrote no AOT cache (log above)"
}

# The launcher's JVM options are the [JavaOptions] lines; $APPDIR is the folder of the cfg file.
# The new line keeps the file's line ending (CRLF on Windows).
awk '{ print }
  /^\[JavaOptions\]\r?$/ { print "java-options=-XX:AOTCache=$APPDIR/routedesk.aot" (/\r$/ ? "\r" : "") }' \
  "$config" >"$scratch/RouteDesk.cfg"
grep -q 'AOTCache=' "$scratch/RouteDesk.cfg" || fail "no [JavaOptions] section in $config"
cp "$scratch/RouteDesk.cfg" "$config"
echo "aot-train: $(wc -c <"$cache" | tr -d ' ') bytes of AOT cache in $cache"
