#!/usr/bin/env bash
# Starts an installed RouteDesk once with -XX:AOTMode=on and checks that its window appeared.
# AOTMode=on makes the JVM refuse to start unless it can use the package's AOT cache, so a cache
# that no longer matches the installed runtime and jars (for example because the installer changed
# the jars' modification times) fails here instead of silently making every start slower.
# The app quits by itself 3 s after its window shows (-Droutedesk.exitAfterReadyMs), and keeps its
# settings, data and logs in a throwaway folder (-Droutedesk.home).
#
# Usage: .ci/start-installed.sh <installed launcher>
# Runs on the CI runners of macOS and Windows (Git Bash); Linux uses .ci/installer-smoke.sh, which
# also does this under Xvfb.
set -euo pipefail

readonly TIMEOUT_S=180
fail() {
  echo "start-installed: FAIL: $*" >&2
  exit 1
}

[[ $# -eq 1 ]] || fail "usage: $0 <installed launcher>"
launcher=$1
[[ -x "$launcher" ]] || fail "no launcher at $launcher"

scratch=$(mktemp -d)
home=$scratch/home
# Paths handed to the JVM must be native ones on Windows.
native_path() { if command -v cygpath >/dev/null; then cygpath -w "$1"; else echo "$1"; fi; }
export JAVA_TOOL_OPTIONS="-XX:AOTMode=on -Droutedesk.exitAfterReadyMs=3000 -Droutedesk.home=$(native_path "$home")"

echo "start-installed: starting $launcher with -XX:AOTMode=on"
"$launcher" >"$scratch/out.log" 2>&1 &
app=$!
deadline=$((SECONDS + TIMEOUT_S))
while kill -0 "$app" 2>/dev/null; do
  if ((SECONDS >= deadline)); then
    kill -9 "$app" 2>/dev/null || true
    cat "$scratch/out.log" >&2 || true
    fail "the app did not quit within $TIMEOUT_S s"
  fi
  sleep 1
done
wait "$app" && status=0 || status=$?

log=$home/logs/routedesk.log
if ((status != 0)) || ! grep -q 'READY main window shown' "$log" 2>/dev/null; then
  echo "--- launcher output" >&2
  cat "$scratch/out.log" >&2 || true
  echo "--- app log" >&2
  tail -n 40 "$log" >&2 2>/dev/null || true
  fail "exit status $status, or no 'READY main window shown' in the app's log"
fi
echo "start-installed: $(grep -m1 'READY main window shown' "$log")"
rm -rf "$scratch"
