#!/bin/sh
# Makes every raster form of the app icon from its one source,
# resources/icons/io.jobdesk.JobDesk.svg, and writes them where the packages
# take them from:
#   packaging/linux/icons/hicolor/NxN/apps/io.jobdesk.JobDesk.png  (16 to 512 px)
#   packaging/windows/jobdesk.ico                                  (16 to 256 px)
#   packaging/macos/JobDesk.icns                                   (16 to 512 px)
# The scalable icon is the SVG itself, installed from resources/. The results
# are committed; run this again after changing the SVG.
# Needs rsvg-convert, icotool and png2icns (Debian: librsvg2-bin icoutils icnsutils).
set -eu
cd "$(dirname "$0")/../.."

for tool in rsvg-convert icotool png2icns; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "generate-icons: '$tool' is missing (Debian: apt install librsvg2-bin icoutils icnsutils)" >&2
        exit 127
    fi
done

svg=resources/icons/io.jobdesk.JobDesk.svg
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

render() { # size
    rsvg-convert --width "$1" --height "$1" --keep-aspect-ratio "$svg" --output "$work/$1.png"
}

for size in 16 22 24 32 48 64 128 256 512; do
    render "$size"
    dir=packaging/linux/icons/hicolor/${size}x${size}/apps
    mkdir -p "$dir"
    cp "$work/$size.png" "$dir/io.jobdesk.JobDesk.png"
done

mkdir -p packaging/windows packaging/macos
# The 256 px image is stored as PNG inside the .ico, as Windows Vista and later expect.
icotool --create --output packaging/windows/jobdesk.ico \
    "$work/16.png" "$work/24.png" "$work/32.png" "$work/48.png" "$work/64.png" --raw="$work/256.png"
png2icns packaging/macos/JobDesk.icns \
    "$work/16.png" "$work/32.png" "$work/48.png" "$work/128.png" "$work/256.png" "$work/512.png" >/dev/null

echo "generate-icons: hicolor PNGs, jobdesk.ico and JobDesk.icns written"
