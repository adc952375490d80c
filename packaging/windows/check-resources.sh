#!/bin/sh
# Compiles the Windows resources of jobdesk.exe and jobdesk-cli.exe with
# MinGW's windres, as a Windows build would, and checks what came out: the
# icon, the manifest (well-formed, with the settings we rely on) and a
# VERSIONINFO carrying project(VERSION). CMake configures the .rc and manifest
# into BUILD_DIR/packaging/windows on every platform, so this runs on Linux CI.
#   packaging/windows/check-resources.sh BUILD_DIR
# Needs x86_64-w64-mingw32-windres (Debian: binutils-mingw-w64-x86-64), a C
# preprocessor (cpp) and xmllint (libxml2-utils).
set -eu

build=${1:?usage: check-resources.sh BUILD_DIR}
dir="$build/packaging/windows"
windres=x86_64-w64-mingw32-windres
command -v "$windres" >/dev/null || { echo "check-resources: $windres is missing (Debian: binutils-mingw-w64-x86-64)" >&2; exit 127; }
[ -f "$dir/jobdesk.rc" ] || { echo "check-resources: $dir/jobdesk.rc is missing: configure $build first" >&2; exit 1; }

# project(VERSION), as the configured build directory recorded it.
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[ -n "$version" ] || { echo "check-resources: no project version in $build/CMakeCache.txt" >&2; exit 1; }

fail() { echo "check-resources: $*" >&2; exit 1; }

xmllint --noout "$dir/jobdesk.manifest" || fail "jobdesk.manifest is not well-formed XML"
for setting in 'level="asInvoker"' '>PerMonitorV2<' '<longPathAware' '>UTF-8<' 'Microsoft.Windows.Common-Controls'; do
    grep -q "$setting" "$dir/jobdesk.manifest" || fail "jobdesk.manifest lacks $setting"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for program in jobdesk jobdesk-cli; do
    # As a MinGW build compiles it (the manifest embedded), with the host's cpp
    # as the preprocessor: the .rc needs no Windows headers.
    "$windres" --preprocessor=cpp -DJOBDESK_RC_EMBED_MANIFEST -O coff \
        -i "$dir/$program.rc" -o "$work/$program.o"
    # Back to text, to check what the object holds.
    "$windres" --preprocessor=cpp -DJOBDESK_RC_EMBED_MANIFEST -O res \
        -i "$dir/$program.rc" -o "$work/$program.res"
    "$windres" -i "$work/$program.res" -O rc -o "$work/$program.decompiled.rc"
    grep -q 'RT_GROUP_ICON' "$work/$program.decompiled.rc" || fail "$program: no icon"
    grep -q '24 /\* RT_MANIFEST \*/' "$work/$program.decompiled.rc" || fail "$program: no manifest"
    grep -q "VALUE \"ProductVersion\", \"$version\"" "$work/$program.decompiled.rc" ||
        fail "$program: the VERSIONINFO does not carry $version"
    grep -q "VALUE \"OriginalFilename\", \"$program.exe\"" "$work/$program.decompiled.rc" ||
        fail "$program: wrong OriginalFilename"
    echo "check-resources: $program.rc compiles ($(wc -c < "$work/$program.o") bytes of COFF): icon, manifest, version $version"
done
