#!/usr/bin/env bash
# Memory of an installed RouteDesk with a large account loaded (issue 13, part 4).
# Starts the launcher under Xvfb (no graphics options: the app finds no GPU and renders in
# software without loading OpenGL, as on a user's virtual machine; --extra "-Dprism.order=es2,sw"
# gives the start before that choice, OpenGL probed and dropped) on a first
# start with the built-in sandbox holding --numbers numbers, waits until the account is loaded and
# saved ("SAVED account copy" in the app's log), lets it sit idle for --settle seconds, then reads:
#   RSS            /proc/PID/smaps_rollup
#   heap           committed and used, from jcmd GC.heap_info
#   non-heap       NMT (-XX:NativeMemoryTracking=summary): committed minus the Java heap, with
#                  its largest parts (GC, class metadata with the AOT cache's classes, code,
#                  threads, the rest)
#   RSS - NMT      RSS minus NMT's committed total: roughly the native libraries' pages (GL, GTK,
#                  SQLite, the JVM's own) and malloc of native code; negative when much committed
#                  heap was never touched
#   by mapping     the largest resident parts by mapping (/proc/PID/smaps): [anon] (heap, malloc,
#                  stacks, code) and files (the AOT cache, libLLVM of Mesa's software OpenGL, libjvm)
# Each round starts the app twice, in the same minutes: as installed, and with the JVM's heap
# defaults put back (_JAVA_OPTIONS, which wins over the launcher's options), so the figures of the
# memory options in packaging/app.args come with their baseline; ratios are installed/defaults.
# -XX:AOTMode=on: a start that cannot use the package's AOT cache fails instead of measuring
# something else.
#
# Usage: .ci/memory-report.sh [--rounds N] [--numbers N] [--settle S] [--extra "JVM options"] LAUNCHER
#   --extra  a third start per round, as installed plus these options (to try options out)
# Needs: xvfb-run, a JDK 25 jcmd (JCMD, default /usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd).
set -euo pipefail

readonly SAVED_PATTERN='SAVED account copy'
readonly LOAD_TIMEOUT_S=240
readonly JVM_DEFAULTS="-XX:G1PeriodicGCInterval=0 -XX:+G1PeriodicGCInvokesConcurrent -XX:MaxHeapFreeRatio=70 -XX:MinHeapFreeRatio=40"
jcmd=${JCMD:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd}

fail() {
  echo "memory-report: FAIL: $*" >&2
  exit 1
}

# --- Inside Xvfb: one start, measured. Prints "rss_mb heap_committed_mb heap_used_mb nmt_mb
#     gc_mb class_mb code_mb thread_mb other_mb". ----------------------------------------------
if [[ "${1:-}" == "__measure" ]]; then
  launcher=$2 numbers=$3 settle=$4 override=$5 out=$6
  home=$(mktemp -d)
  export JAVA_TOOL_OPTIONS="-XX:AOTMode=on -XX:NativeMemoryTracking=summary -Droutedesk.home=$home -Droutedesk.sandbox.numbers=$numbers"
  if [[ -n "$override" ]]; then export _JAVA_OPTIONS="$override"; else unset _JAVA_OPTIONS; fi
  export NO_AT_BRIDGE=1
  "$launcher" >"$out.out" 2>&1 &
  app=$!
  deadline=$((SECONDS + LOAD_TIMEOUT_S))
  until grep -q "$SAVED_PATTERN" "$home/logs/routedesk.log" 2>/dev/null; do
    kill -0 "$app" 2>/dev/null || { tail -n 20 "$out.out" >&2; echo "the app exited before loading" >&2; exit 1; }
    ((SECONDS < deadline)) || { kill -9 "$app"; echo "not loaded within $LOAD_TIMEOUT_S s" >&2; exit 1; }
    sleep 0.5
  done
  sleep "$settle"
  rss_kb=$(awk '/^Rss:/ {print $2}' "/proc/$app/smaps_rollup")
  # Resident pages by mapping (file name, or [anon]): NMT counts committed memory, and committed is
  # not resident (much of G1's own committed structures are never touched).
  awk '/^[0-9a-f]+-[0-9a-f]+ / {n = split($0, f, " "); name = (n >= 6) ? f[6] : "[anon]"; sub(/.*\//, "", name); next}
       /^Rss:/ {rss[name] += $2} END {for (m in rss) printf "%d %s\n", rss[m] / 1024, m}' "/proc/$app/smaps" |
    sort -rn | head -8 >"$out.mappings"
  "$jcmd" "$app" GC.heap_info >"$out.heap"
  "$jcmd" "$app" VM.native_memory summary scale=KB >"$out.nmt"
  kill -TERM "$app"
  for _ in $(seq 1 100); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$app" 2>/dev/null || true
  cp "$home/logs/routedesk.log" "$out.log" 2>/dev/null || true
  rm -rf "$home"
  # G1: "garbage-first heap   total reserved 6291456K, committed 94208K, used 61234K"; Serial: one
  # line per generation, "DefNew      total 116224K, used 28165K [..." and "Tenured ...".
  read -r committed used < <(
    sed -nE 's/.*heap +total reserved [0-9]+K, committed ([0-9]+)K, used ([0-9]+)K.*/\1 \2/p' "$out.heap" | head -1
  ) || true
  if [[ -z "${committed:-}" ]]; then
    read -r committed used < <(sed -nE 's/^(DefNew|Tenured) +total ([0-9]+)K, used ([0-9]+)K.*/\2 \3/p' "$out.heap" |
      awk '{c += $1; u += $2} END {if (NR) print c, u}')
  fi
  nmt() { sed -nE "s/^-? *$1 \(reserved=[0-9]+KB, committed=([0-9]+)KB.*/\1/p" "$out.nmt" | head -1; }
  total=$(sed -nE 's/^Total: reserved=[0-9]+KB, committed=([0-9]+)KB.*/\1/p' "$out.nmt")
  heap=$(nmt 'Java Heap')
  # Class metadata: Metaspace, plus the classes mapped from the AOT cache ("Shared class space").
  gc=$(nmt GC) code=$(nmt Code) thread=$(nmt Thread)
  class=$(($(nmt Class) + $(nmt Metaspace) + $(nmt 'Shared class space')))
  awk -v r="$rss_kb" -v c="$committed" -v u="$used" -v t="$total" -v h="$heap" -v g="$gc" \
    -v k="$class" -v d="$code" -v th="$thread" 'BEGIN {
      m = 1024; printf "%.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f\n",
        r/m, c/m, u/m, (t-h)/m, g/m, k/m, d/m, th/m, (t-h-g-k-d-th)/m }'
  exit 0
fi

rounds=1 numbers=10000 settle=25 extra=""
while (($#)); do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --numbers) numbers=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --extra) extra=$2; shift 2 ;;
    -h | --help) sed -n '2,23p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
(($# == 1)) || fail "give the installed launcher, e.g. /opt/routedesk/bin/RouteDesk (see --help)"
launcher=$(realpath "$1")
[[ -x "$launcher" ]] || fail "no launcher at $launcher"
[[ -x "$jcmd" ]] || fail "no jcmd at $jcmd (set JCMD)"
command -v xvfb-run >/dev/null || fail "needs xvfb-run"

out=$(realpath -m target/memory-report)
mkdir -p "$out"
variants=(installed defaults)
[[ -z "$extra" ]] || variants+=(extra)
for r in $(seq 1 "$rounds"); do
  for v in "${variants[@]}"; do
    case $v in
      installed) override="" ;;
      defaults) override=$JVM_DEFAULTS ;;
      extra) override=$extra ;;
    esac
    figures=$(xvfb-run -a -s "-screen 0 1280x800x24" bash "$0" __measure "$launcher" "$numbers" "$settle" "$override" "$out/$v-$r") ||
      fail "round $r, $v: no measurement (see $out/$v-$r.out)"
    echo "$figures" >"$out/$v-$r.figures"
    read -r rss hc hu nonheap gc class code thread other <<<"$figures"
    echo "memory-report: round $r $v: RSS ${rss} MB; heap committed ${hc} MB (used ${hu} MB);" \
      "non-heap (NMT) ${nonheap} MB = GC ${gc} + class ${class} + code ${code} + threads ${thread} + other ${other};" \
      "RSS - NMT $((rss - hc - nonheap)) MB; resident MB by mapping: $(tr '\n' ' ' <"$out/$v-$r.mappings")"
  done
done

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
column_median() { cut -d' ' -f"$2" "$out"/"$1"-*.figures | median; }
for v in "${variants[@]}"; do
  echo "memory-report: median of $rounds, $v: RSS $(column_median "$v" 1) MB," \
    "heap committed $(column_median "$v" 2) MB (used $(column_median "$v" 3) MB), non-heap $(column_median "$v" 4) MB"
done
ratio() { awk -v a="$(column_median installed "$1")" -v b="$(column_median defaults "$1")" 'BEGIN {printf "%.2f", a/b}'; }
echo "RESULT rss_mb=$(column_median installed 1) rss_ratio=$(ratio 1) heap_committed_ratio=$(ratio 2) nonheap_ratio=$(ratio 4)"
