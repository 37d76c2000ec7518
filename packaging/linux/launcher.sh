#!/bin/bash
# RouteDesk's launcher on Linux: bin/RouteDesk in the app image, the .deb and the .rpm, in place of
# jpackage's native launcher (packaging/linux/use-script-launcher.sh puts it there).
#
# Why: before it starts Java, jpackage's Linux launcher asks the package manager which package
# it belongs to, twice (rpm -qf, then dpkg -S; then dpkg -L when it is installed). On Debian and
# Ubuntu `dpkg -S` reads the file list of every installed package: 0.2 to 0.4 s of every start on
# the build machine (about 800 packages), more on a desktop with thousands, and more after a
# reboot, when those lists come from disk (docs/benchmarks.md, "Installer").
#
# This script starts the same JVM with the same arguments, from the same launcher configuration
# (lib/app/RouteDesk.cfg, written by jpackage and extended by packaging/AotTrain.java), so the JVM
# options stay in packaging/app.args. The JVM runs as lib/runtime/bin/RouteDesk (a copy of the
# runtime's java command), so the process is called RouteDesk, as with jpackage's launcher.
# Not carried over: jpackage's per-user copies of the configuration (~/.local/routedesk/ and
# ~/.routedesk/), which its launcher reads for installed packages.
set -euo pipefail

self=$(readlink -f "$0")
root=${self%/*/*}
cfg=$root/lib/app/RouteDesk.cfg

fail() {
  echo "RouteDesk: $*" >&2
  exit 1
}
[[ -r "$cfg" ]] || fail "cannot read $cfg"

# The tokens jpackage's launcher replaces in the configuration.
expand() {
  local v=${1//\$APPDIR/$root/lib/app}
  v=${v//\$BINDIR/$root/bin}
  expanded=${v//\$ROOTDIR/$root}
}

java_options=() app_arguments=() classpath="" modulepath="" mainclass="" mainmodule="" section=""
while IFS= read -r line || [[ -n "$line" ]]; do
  line=${line%$'\r'}
  case "$line" in
    "" | "#"* | ";"*) continue ;;
    "["*"]")
      section=$line
      continue
      ;;
  esac
  key=${line%%=*}
  expand "${line#*=}"
  case "$section:$key" in
    "[Application]:app.classpath") classpath+=${classpath:+:}$expanded ;;
    "[Application]:app.modulepath") modulepath+=${modulepath:+:}$expanded ;;
    "[Application]:app.mainclass") mainclass=$expanded ;;
    "[Application]:app.mainmodule") mainmodule=$expanded ;;
    "[JavaOptions]:java-options") java_options+=("$expanded") ;;
    "[ArgOptions]:arguments") app_arguments+=("$expanded") ;;
    # Anything else would be a jpackage feature this script does not know: refuse to start
    # without it rather than start differently.
    *) fail "unsupported line in $cfg: $line" ;;
  esac
done <"$cfg"

# Without a GPU the user can open (a VM, a container, a remote or virtual display), the app renders
# in software (io.routedesk.app.RenderingPipeline chooses it in Java). GTK would still load Mesa's
# software OpenGL, about 50 MB resident, for its own OpenGL support, which the app does not use.
# Same rule as the Java side: only when the user chose no pipeline and set no GDK_GL.
gpu_device_present() {
  local device
  for device in /dev/dri/card* /dev/dri/renderD* /dev/nvidia[0-9]* /dev/dxg; do
    [[ -r "$device" && -w "$device" ]] && return 0
  done
  return 1
}
if [[ -z "${GDK_GL+set}" && "${JAVA_TOOL_OPTIONS:-} ${_JAVA_OPTIONS:-}" != *prism.* ]] &&
  ! gpu_device_present; then
  export GDK_GL=disable
fi

command=("$root/lib/runtime/bin/RouteDesk" "${java_options[@]}" "-Djpackage.app-path=$self")
[[ -z "$modulepath" ]] || command+=(--module-path "$modulepath")
[[ -z "$classpath" ]] || command+=(-classpath "$classpath")
if [[ -n "$mainmodule" ]]; then
  command+=(-m "$mainmodule")
elif [[ -n "$mainclass" ]]; then
  command+=("$mainclass")
else
  fail "no app.mainclass or app.mainmodule in $cfg"
fi
# As with jpackage's launcher, arguments given on the command line replace the configured ones.
if (($#)); then
  exec "${command[@]}" "$@"
fi
exec "${command[@]}" "${app_arguments[@]}"
