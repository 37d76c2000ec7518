#!/usr/bin/env bash
# Regenerates every RouteDesk icon from the one source, icons/routedesk.svg:
#   icons/png/routedesk-<N>.png      N = 16 24 32 48 64 128 256 512 1024
#   icons/routedesk.ico              Windows (16 to 256 px; the 256 px image stored as PNG)
#   icons/routedesk.icns             macOS (16 to 1024 px)
#   src/main/resources/io/routedesk/icons/routedesk-<N>.png   window icons (16 32 48 64 128 256)
#   packaging/linux/RouteDesk.png    the Linux launcher and menu icon (jpackage resource folder)
# The generated files are committed; run this script after editing the SVG and commit the result.
#
# Needs Debian's rsvg-convert (librsvg2-bin), icotool (icoutils) and png2icns (icnsutils):
#   apt-get install -y --no-install-recommends librsvg2-bin icoutils icnsutils
set -euo pipefail
cd "$(dirname "$0")"

for tool in rsvg-convert icotool png2icns; do
  if ! command -v "$tool" >/dev/null; then
    echo "generate.sh: '$tool' not found." >&2
    echo "Install: apt-get install -y --no-install-recommends librsvg2-bin icoutils icnsutils" >&2
    exit 1
  fi
done

src=routedesk.svg
mkdir -p png
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert --width "$size" --height "$size" --format png "$src" --output "png/routedesk-$size.png"
done

# Windows: small sizes as BMP-style entries (what old shells expect), 256 px as an embedded PNG.
icotool --create --output routedesk.ico \
  png/routedesk-{16,24,32,48,64,128}.png --raw=png/routedesk-256.png

# macOS: png2icns picks the icns element type from each PNG's size.
png2icns routedesk.icns png/routedesk-{16,32,48,128,256,512,1024}.png >/dev/null

# The window icons the app loads at run time (AppIcons).
resources=../src/main/resources/io/routedesk/icons
mkdir -p "$resources"
for size in 16 32 48 64 128 256; do
  cp "png/routedesk-$size.png" "$resources/routedesk-$size.png"
done

# jpackage takes the Linux launcher's icon from its resource folder by the launcher's name; an icon
# there is also what makes it write the desktop menu entry when the package is made from an app image.
cp png/routedesk-256.png ../packaging/linux/RouteDesk.png

echo "Icons regenerated from $src"
