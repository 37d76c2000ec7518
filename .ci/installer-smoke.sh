#!/usr/bin/env bash
# Installer smoke test (Debian/Ubuntu, as root, no display needed):
#   1. builds the .deb with the documented command (./mvnw -Pinstaller -DskipTests package),
#   2. installs it with apt-get, as a user would,
#   3. starts the installed launcher under Xvfb, inside a private D-Bus session, with throwaway
#      HOME and XDG folders, and waits (at most 60 s) for "READY main window shown" in the app's
#      log file,
#   4. takes a screenshot and checks it is not blank,
#   5. stops the app, purges the package and checks nothing is left in /opt/routedesk.
# Exits non-zero with a "FAIL:" message on the first failure.
#
# Options:
#   --no-build   reuse target/installer/*.deb instead of building it
#   --starts N   start the installed app N times (default 1), each with fresh HOME/XDG folders,
#                and print start-up figures per start and their median (docs/benchmarks.md)
#   --cold       empty the kernel's file cache before each start (as after a reboot), so every
#                start reads the runtime and jars from disk; slows other work on the machine
#   --compare-aot  each start is followed by one with the AOT cache switched off
#                (-XX:AOTMode=off), and the medians of both are printed: the cache's gain,
#                measured in the same minutes
# Output: target/installer-smoke/ (screenshot-<n>.png, app-<n>.log, the app's log files).
set -euo pipefail
cd "$(dirname "$0")/.."

readonly LAUNCHER=/opt/routedesk/bin/RouteDesk
readonly PACKAGE=routedesk
readonly READY_PATTERN='READY main window shown'
readonly READY_TIMEOUT_S=60
readonly MIN_SCREENSHOT_COLOURS=16

fail() {
  echo "installer-smoke: FAIL: $*" >&2
  exit 1
}
info() { echo "installer-smoke: $*"; }

# --- Inside Xvfb + D-Bus: start the app once, wait for READY, screenshot, stop it. -------------
# Called as: installer-smoke.sh __run-app <scratch folder> <output folder> <start name> <aot mode>
if [[ "${1:-}" == "__run-app" ]]; then
  scratch=$2 out=$3 n=$4 aot_mode=$5
  export HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data"
  export XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache"
  export XDG_RUNTIME_DIR="$scratch/run"
  mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
  # No graphics options: Xvfb has no GPU, and the app (RenderingPipeline, launcher.sh) must find
  # that out on its own, as on a user's virtual machine; its "Graphics:" log line is printed below.
  # AOTMode=on: the JVM refuses to start unless it can use the package's AOT cache, so a cache
  # that does not fit the installed runtime and jars fails this test instead of going unnoticed.
  export JAVA_TOOL_OPTIONS="-XX:AOTMode=$aot_mode"
  # No accessibility bus: GTK would start at-spi daemons that outlive the app (as in .ci/run).
  export NO_AT_BRIDGE=1
  log="$XDG_STATE_HOME/routedesk/logs/routedesk.log"

  launched_ms=$(date +%s%3N)
  "$LAUNCHER" >"$out/app-$n.log" 2>&1 &
  app=$!
  deadline=$((SECONDS + READY_TIMEOUT_S))
  ready=""
  while [[ -z "$ready" ]]; do
    if ! kill -0 "$app" 2>/dev/null; then
      wait "$app" && status=0 || status=$?
      echo "the app exited (status $status) before its window was shown; output:" >&2
      tail -n 30 "$out/app-$n.log" >&2
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      kill -9 "$app" 2>/dev/null || true
      echo "no '$READY_PATTERN' line in $log within $READY_TIMEOUT_S s; app output:" >&2
      tail -n 30 "$out/app-$n.log" >&2
      exit 1
    fi
    ready=$(grep -m1 "$READY_PATTERN" "$log" 2>/dev/null || true)
    [[ -n "$ready" ]] || sleep 0.05
  done

  # READY comes when the first frame is laid out; on a busy machine it can take a while longer to
  # reach the X server, so a blank screenshot is taken again (for at most 10 s).
  for _ in $(seq 1 10); do
    sleep 1
    import -window root "$out/screenshot-$n.png"
    (($(identify -format '%k' "$out/screenshot-$n.png") >= MIN_SCREENSHOT_COLOURS)) && break
  done
  # The window icon (AppIcons) as the X server sees it: JavaFX hands GTK one of the sizes.
  # The main window's title is "RouteDesk" or "RouteDesk — <account>".
  window=$(xwininfo -root -tree | awk '/"RouteDesk( [^"]*)?":/ {print $1; exit}')
  icon=""
  [[ -z "$window" ]] || icon=$(xprop -id "$window" _NET_WM_ICON | grep -o -m1 'Icon ([0-9]* x [0-9]*)' || true)
  echo "${icon:-none}" >"$out/icon-$n"

  kill -TERM "$app"
  for _ in $(seq 1 100); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$app" 2>/dev/null; then
    kill -KILL "$app"
    echo "warning: the app ignored SIGTERM for 10 s and was killed" >&2
  fi
  wait "$app" 2>/dev/null || true
  cp -r "$XDG_STATE_HOME/routedesk/logs" "$out/logs-$n"

  # "2026-11-27 13:37:05,939 INFO ... READY main window shown 1102 ms after JVM start"
  logged_at=$(cut -c1-23 <<<"$ready" | tr ',' '.')
  ready_ms=$(($(date -d "$logged_at" +%s%3N) - launched_ms))
  jvm_ms=$(sed -E 's/.*READY main window shown ([0-9]+) ms.*/\1/' <<<"$ready")
  echo "$jvm_ms $ready_ms" >"$out/timing-$n"
  grep -m1 -o 'Graphics: .*' "$log" >"$out/graphics-$n" || echo "no Graphics line (OpenGL probed)" >"$out/graphics-$n"
  exit 0
fi

# --- Outside: build, install, run, check, purge. ----------------------------------------------
build=1
starts=1
cold=0
compare_aot=0
while (($#)); do
  case "$1" in
    --no-build) build=0 ;;
    --cold) cold=1 ;;
    --compare-aot) compare_aot=1 ;;
    --starts)
      starts=${2:?--starts needs a number}
      shift
      ;;
    *) fail "unknown option $1 (use --no-build, --starts N, --cold, --compare-aot)" ;;
  esac
  shift
done
[[ "$starts" =~ ^[1-9][0-9]*$ ]] || fail "--starts needs a positive number, got '$starts'"
[[ $EUID -eq 0 ]] || fail "run as root: it installs and purges a system package"
command -v apt-get >/dev/null || fail "needs apt-get (Debian or Ubuntu)"

# Tools of this test (not of the app: apt-get pulls the app's own dependencies from the .deb).
missing=()
for tool_pkg in xvfb-run:xvfb xauth:xauth dbus-run-session:dbus import:imagemagick \
  identify:imagemagick xprop:x11-utils xwininfo:x11-utils fakeroot:fakeroot objcopy:binutils; do
  command -v "${tool_pkg%%:*}" >/dev/null || missing+=("${tool_pkg#*:}")
done
if ((${#missing[@]})); then
  info "installing test tools: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    fail "could not install ${missing[*]}"
fi

out=target/installer-smoke
rm -rf "$out"
mkdir -p "$out"
out=$(realpath "$out")

if ((build)); then
  info "building the .deb: ./mvnw -Pinstaller -DskipTests package"
  ./mvnw -B -ntp -q -Pinstaller -DskipTests package || fail "the installer build failed"
fi
shopt -s nullglob
debs=(target/installer/*.deb)
shopt -u nullglob
((${#debs[@]} == 1)) || fail "expected one .deb in target/installer, found ${#debs[@]}"
deb=$(realpath "${debs[0]}")
info "package: $deb ($(du -h "$deb" | cut -f1))"

if dpkg -s "$PACKAGE" >/dev/null 2>&1; then
  info "removing the $PACKAGE package left by an earlier run"
  apt-get purge -y -qq "$PACKAGE" >/dev/null || fail "could not purge the earlier $PACKAGE"
fi

info "installing with apt-get"
DEBIAN_FRONTEND=noninteractive apt-get install -y "$deb" >"$out/apt-install.log" 2>&1 ||
  fail "apt-get install failed; see $out/apt-install.log"
dpkg -s "$PACKAGE" | grep -q '^Status: install ok installed' ||
  fail "dpkg does not report $PACKAGE as installed"
[[ -x "$LAUNCHER" ]] || fail "the launcher $LAUNCHER is missing after install"
installed_kb=$(dpkg-query -W -f='${Installed-Size}' "$PACKAGE")
info "installed: $(du -sh /opt/routedesk | cut -f1) in /opt/routedesk (Installed-Size ${installed_kb} KiB)"
[[ -s /opt/routedesk/lib/app/routedesk.aot ]] || fail "the package has no AOT cache (packaging/AotTrain.java)"
grep -q '^java-options=-XX:AOTCache=\$APPDIR/routedesk.aot$' /opt/routedesk/lib/app/RouteDesk.cfg ||
  fail "the launcher's configuration does not use the AOT cache"
info "AOT cache: $(du -h /opt/routedesk/lib/app/routedesk.aot | cut -f1)"

# One start: fresh HOME/XDG folders, inside Xvfb and a private D-Bus session.
start_app() { # <start name> <aot mode>
  local scratch
  scratch=$(mktemp -d)
  if ((cold)); then
    sync
    echo 3 >/proc/sys/vm/drop_caches || fail "--cold: cannot drop the file cache (/proc/sys/vm/drop_caches)"
  fi
  xvfb-run -a -s "-screen 0 1280x800x24" \
    dbus-run-session -- bash "$0" __run-app "$scratch" "$out" "$1" "$2" 2> >(grep -v 'dbus-daemon' >&2) ||
    fail "start $1: the app did not show its window (see $out/app-$1.log)"
  rm -rf "$scratch"
}

for n in $(seq 1 "$starts"); do
  start_app "$n" on

  shot="$out/screenshot-$n.png"
  [[ -s "$shot" ]] || fail "start $n: no screenshot was taken"
  colours=$(identify -format '%k' "$shot")
  spread=$(identify -format '%[fx:standard_deviation]' "$shot")
  ((colours >= MIN_SCREENSHOT_COLOURS)) ||
    fail "start $n: the screenshot looks blank ($colours colours, standard deviation $spread): $shot"
  icon=$(cat "$out/icon-$n")
  [[ "$icon" == Icon* ]] || fail "start $n: the RouteDesk window has no window icon (_NET_WM_ICON)"
  read -r jvm_ms ready_ms <"$out/timing-$n"
  info "start $n: READY ${jvm_ms} ms after JVM start, ${ready_ms} ms after launch;" \
    "screenshot $colours colours ($shot); window icon: $icon"
  info "start $n: $(cat "$out/graphics-$n")"
  if ((compare_aot)); then
    start_app "no-aot-$n" off
    read -r jvm_ms ready_ms <"$out/timing-no-aot-$n"
    info "start $n without the AOT cache: READY ${jvm_ms} ms after JVM start, ${ready_ms} ms after launch"
  fi
done

if ((starts > 1 || compare_aot)); then
  median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
  kind=$( ((cold)) && echo cold || echo warm)
  with=("$out"/timing-[0-9]*)
  info "median of $starts $kind starts: READY $(cut -d' ' -f1 "${with[@]}" | median) ms after JVM start," \
    "$(cut -d' ' -f2 "${with[@]}" | median) ms after launch"
  if ((compare_aot)); then
    info "median of $starts $kind starts without the AOT cache: READY" \
      "$(cut -d' ' -f1 "$out"/timing-no-aot-* | median) ms after JVM start," \
      "$(cut -d' ' -f2 "$out"/timing-no-aot-* | median) ms after launch"
  fi
fi

info "purging the package"
apt-get purge -y "$PACKAGE" >"$out/apt-purge.log" 2>&1 || fail "apt-get purge failed; see $out/apt-purge.log"
! dpkg -s "$PACKAGE" >/dev/null 2>&1 || fail "dpkg still lists $PACKAGE after purge"
[[ ! -e /opt/routedesk ]] || fail "/opt/routedesk is still there after purge"
[[ ! -e /usr/share/applications/routedesk-RouteDesk.desktop ]] ||
  fail "the desktop menu entry is still there after purge"

info "PASS: built, installed, started (window shown, screenshot not blank), purged"
