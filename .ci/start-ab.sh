#!/usr/bin/env bash
# Start-up A/B on one machine: alternates starts of two or more builds of the app and prints, per
# build, medians and ranges (and ratios to the first build) of
#   READY   the app's "READY main window shown <ms> ms after JVM start",
#   CPU     the JVM's user+sys CPU time at the moment READY was logged,
#   ONLINE  ms after JVM start to "Connection to Flowroute: ... -> ONLINE" (the first refresh is
#           done: the window shows the account's rows).
# Each start is a first start (fresh XDG folders: the built-in sandbox opens) under a private
# Xvfb with software rendering, and is stopped once ONLINE is logged. HOME is shared by all starts
# of a run, so JavaFX unpacks its native libraries once (the installed app never does); one
# untimed start per build comes first.
#
# Usage: .ci/start-ab.sh [--rounds N] [--boost NICE] DIR...
#   DIR           a build: a folder with routedesk.jar, lib/ and javafx/ as
#                 `./mvnw -DskipTests package` leaves them in target/; copy them away between
#                 builds, e.g. `mkdir /tmp/a && cp -r target/{routedesk.jar,lib,javafx} /tmp/a`
#   --rounds N    starts per build (default 5), alternating builds so they share the same minutes
#   --boost NICE  run each start in a session of its own whose autogroup gets that nice value
#                 (e.g. -10, needs root): on a busy shared machine the app then gets most of the
#                 CPU for the few seconds of a start, close to an idle desktop. Without it, figures
#                 follow whatever else the machine is doing.
# Needs: xvfb (Xvfb), a Temurin 25 java (JAVA, default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java).
set -euo pipefail

rounds=5 boost="" dirs=()
while (($#)); do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --boost) boost=$2; shift 2 ;;
    -h | --help) sed -n '2,25p' "$0"; exit 0 ;;
    *) dirs+=("$(cd "$1" && pwd)"); shift ;;
  esac
done
((${#dirs[@]} >= 1)) || { echo "start-ab: give at least one build folder (see --help)" >&2; exit 2; }
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
for d in "${dirs[@]}"; do
  [[ -f "$d/routedesk.jar" && -d "$d/lib" && -d "$d/javafx" ]] ||
    { echo "start-ab: $d has no routedesk.jar, lib/ and javafx/" >&2; exit 2; }
done

scratch=$(mktemp -d)
display=":$((200 + RANDOM % 500))"
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >"$scratch/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$scratch"' EXIT
sleep 1
mkdir -p "$scratch/home"
results="$scratch/results.txt"

# One start of build $1 (number $2): prints "READY CPU ONLINE", "-" for what did not come in 60 s.
start_once() {
  local dir=$1 n=$2 run="$scratch/run-$2"
  mkdir -p "$run"
  local log="$run/state/routedesk/logs/routedesk.log"
  (
    cd "$dir"
    export DISPLAY=$display HOME="$scratch/home" NO_AT_BRIDGE=1
    export XDG_CONFIG_HOME="$run/config" XDG_DATA_HOME="$run/data" XDG_STATE_HOME="$run/state"
    export XDG_CACHE_HOME="$run/cache"
    exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$run/pid" "$java" -Dprism.order=sw \
      --enable-native-access=javafx.graphics,ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
      --module-path=javafx --add-modules=javafx.controls -jar routedesk.jar >"$run/out.txt" 2>&1
  ) &
  local i pid="" cpu="-"
  for ((i = 0; i < 200; i++)); do [[ -s "$run/pid" ]] && break; sleep 0.01; done
  pid=$(cat "$run/pid")
  [[ -n "$boost" ]] && echo "$boost" >"/proc/$pid/autogroup"
  for ((i = 0; i < 1200; i++)); do grep -q 'READY main window shown' "$log" 2>/dev/null && break; sleep 0.05; done
  # utime + stime in clock ticks (100 per second on Linux).
  [[ -r "/proc/$pid/stat" ]] && cpu=$(awk '{print ($14 + $15) * 10}' "/proc/$pid/stat")
  for ((i = 0; i < 400; i++)); do grep -q -- '-> ONLINE' "$log" 2>/dev/null && break; sleep 0.05; done
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  local ready online
  ready=$(grep -o 'READY main window shown [0-9]* ms' "$log" 2>/dev/null | grep -o '[0-9][0-9]*' || true)
  online=$(awk -v ready="${ready:-0}" '
    function ms(line) { split(substr(line, 12, 12), t, /[:,]/); return ((t[1] * 60 + t[2]) * 60 + t[3]) * 1000 + t[4] }
    /READY main window shown/ { start = ms($0) - ready }
    /-> ONLINE/ && !seen { on = ms($0); seen = 1 }
    END { if (seen && start) print on - start; else print "-" }' "$log" 2>/dev/null || echo "-")
  echo "${ready:--} $cpu $online"
}

# One untimed start per build first: fills JavaFX's native library cache and the file cache.
n=0
for d in "${dirs[@]}"; do
  n=$((n + 1))
  start_once "$d" "$n" >/dev/null
done
for ((r = 1; r <= rounds; r++)); do
  for d in "${dirs[@]}"; do
    n=$((n + 1))
    figures=$(start_once "$d" "$n")
    echo "$d $figures" | tee -a "$results"
  done
done

# Median, range and ratio to the first build, per figure.
summary() {
  local col=$1 name=$2 first=""
  for d in "${dirs[@]}"; do
    local values median
    values=$(awk -v d="$d" -v c="$col" '$1 == d && $c != "-" { print $c }' "$results" | sort -n)
    [[ -n "$values" ]] || { printf '  %-6s %s: no value\n' "$name" "$d"; continue; }
    median=$(echo "$values" | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
    first=${first:-$median}
    printf '  %-6s median %6.0f ms  [%s-%s]  %.2fx  (n=%s)  %s\n' "$name" "$median" \
      "$(echo "$values" | head -1)" "$(echo "$values" | tail -1)" \
      "$(awk -v a="$median" -v b="$first" 'BEGIN { print a / b }')" "$(echo "$values" | wc -l)" "$d"
  done
}
echo "start-ab: $rounds alternating rounds, boost ${boost:-none}, load average now $(cut -d' ' -f1-3 /proc/loadavg)"
summary 2 READY
summary 3 CPU
summary 4 ONLINE
