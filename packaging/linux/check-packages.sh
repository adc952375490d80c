#!/bin/sh
# Makes and checks every package that can be made on Linux, from a configured
# and built BUILD_DIR (CI: build/release):
#   1. the .deb and .rpm (cpack), checked by lintian, rpmlint,
#      desktop-file-validate and appstreamcli, each of which must report no
#      error and no warning;
#   2. the Windows installer (cpack -G NSIS64: its payload here is the Linux
#      build, but NSIS compiles our settings, icons and licence) and the
#      Windows resources (packaging/windows/check-resources.sh); the macOS
#      Info.plist is checked for well-formedness and its identifiers;
#   3. installs the .deb on this machine with apt-get, runs the installed
#      programs (--version, and a GetThirdPartyJobDetails against the fake
#      endpoint of BUILD_DIR), purges it and checks nothing it installed is left.
# Prints the validators' output and the installed file list. Installing needs
# root: as a user it goes through sudo.
#   packaging/linux/check-packages.sh BUILD_DIR
set -eu

build=${1:?usage: packaging/linux/check-packages.sh BUILD_DIR}
cd "$(dirname "$0")/../.."
root=$(pwd)
case $build in /*) ;; *) build="$root/$build" ;; esac
[ -f "$build/CPackConfig.cmake" ] || { echo "check-packages: $build is not a configured build directory" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

started=$(date +%s)
step() {
    elapsed=$(($(date +%s) - started))
    printf '\n---- [%dm%02ds] %s\n' $((elapsed / 60)) $((elapsed % 60)) "$*"
}
fail() {
    echo "check-packages: FAILED: $*" >&2
    exit 1
}

for tool in cpack lintian rpmbuild rpmlint desktop-file-validate appstreamcli makensis \
    x86_64-w64-mingw32-windres xmllint python3 apt-get dpkg; do
    command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is missing: run packaging/linux/install-deps.sh"
done

version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
app_id=io.jobdesk.JobDesk
out="$build/packages"
work=$(mktemp -d)
fake_pid=""
cleanup() {
    [ -z "$fake_pid" ] || kill "$fake_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

step "Build what the packages carry (programs, man pages, completions, changelog)"
cmake --build "$build" --target jobdesk jobdesk-cli jobdesk-fake jobdesk_generated_docs jobdesk_debian_changelog

step "cpack: DEB and RPM"
rm -rf "$out"
(cd "$build" && cpack -G "DEB;RPM" -B "$out") > "$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack DEB/RPM"; }
deb=$(ls "$out"/jobdesk_"$version"-*.deb)
rpm=$(ls "$out"/jobdesk-"$version"-*.rpm)
echo "$deb"
echo "$rpm"

step "desktop-file-validate"
# It exits 0 on some errors: any "error:" line fails the check.
dfv_rc=0
desktop-file-validate "packaging/linux/$app_id.desktop" > "$work/dfv.log" 2>&1 || dfv_rc=$?
cat "$work/dfv.log"
if [ "$dfv_rc" -ne 0 ] || grep -qi 'error:' "$work/dfv.log"; then fail "desktop-file-validate"; fi
echo "desktop-file-validate: no error"

step "appstreamcli validate --no-net"
metainfo="$build/packaging/linux/$app_id.metainfo.xml"
appstreamcli validate --no-net --explain "$metainfo" > "$work/as.log" 2>&1 || { cat "$work/as.log"; fail "appstreamcli"; }
cat "$work/as.log"
if grep -q '^[EW]:' "$work/as.log"; then fail "appstreamcli reported an error or warning"; fi

step "lintian $(basename "$deb")"
# Every tag shown, info and pedantic too; errors and warnings fail.
lintian --info --display-info --pedantic --fail-on error,warning "$deb" > "$work/lintian.log" 2>&1 ||
    { cat "$work/lintian.log"; fail "lintian"; }
cat "$work/lintian.log"
echo "lintian: no error, no warning ($(wc -l < "$work/lintian.log") lines above)"

step "rpmlint $(basename "$rpm")"
rpmlint --rpmlintrc packaging/linux/rpmlintrc "$rpm" > "$work/rpmlint.log" 2>&1 || { cat "$work/rpmlint.log"; fail "rpmlint"; }
cat "$work/rpmlint.log"
if grep -q ': [EW]: ' "$work/rpmlint.log"; then fail "rpmlint reported an error or warning"; fi

step "cpack: NSIS64 (the Windows installer's settings, with this build as payload)"
(cd "$build" && cpack -G NSIS64 -B "$out") > "$work/nsis.log" 2>&1 || { cat "$work/nsis.log"; fail "cpack NSIS64"; }
nsis=$(ls "$out"/JobDesk-"$version"-windows-x64-setup.exe)
echo "$nsis"

step "Windows resources (windres) and the macOS Info.plist"
packaging/windows/check-resources.sh "$build"
plist="$build/packaging/macos/Info.plist"
xmllint --noout "$plist"
grep -A1 CFBundleIdentifier "$plist" | grep -q "<string>$app_id</string>" || fail "Info.plist: bundle identifier"
grep -A1 CFBundleShortVersionString "$plist" | grep -q "<string>$version</string>" || fail "Info.plist: version"
echo "Info.plist: well-formed, $app_id, $version"

step "Install the .deb with apt-get"
if dpkg-query -W -f='${Status}' jobdesk 2>/dev/null | grep -q "ok installed"; then
    $SUDO apt-get purge -y -qq jobdesk
fi
dpkg-deb --contents "$deb" | awk '{ print $6 }' | sed 's|^\./|/|; s|/$||' | grep -v '^/$' > "$work/contents"
# The folders that are there before: those are the system's, and stay.
while read -r path; do
    [ -d "$path" ] && echo "$path"
done < "$work/contents" > "$work/existing-dirs" || true
cp "$deb" "$work/"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 \
    "$work/$(basename "$deb")"
dpkg -L jobdesk > "$work/installed"
echo "dpkg -L jobdesk:"
cat "$work/installed"

step "Run the installed programs"
cli_version=$(/usr/bin/jobdesk-cli --version)
echo "jobdesk-cli --version: $cli_version"
[ "$cli_version" = "jobdesk-cli/$version" ] || fail "jobdesk-cli --version"
gui_version=$(QT_QPA_PLATFORM=offscreen /usr/bin/jobdesk --version 2>/dev/null)
echo "jobdesk --version: $gui_version"
[ "$gui_version" = "JobDesk $version" ] || fail "jobdesk --version"
# The window starts from the installed files alone (the system's Qt and its
# plugins): --bench-startup reports its first paint and quits.
mkdir -p "$work/home"
started_window=$(HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_RUNTIME_DIR="$work" \
    QT_QPA_PLATFORM=offscreen timeout 60 /usr/bin/jobdesk --bench-startup 2>/dev/null || true)
[ "$started_window" = "first-window-shown" ] || fail "the installed jobdesk did not show its window"
echo "jobdesk: the window starts and paints (offscreen)"
for page in jobdesk jobdesk-cli; do
    zcat "/usr/share/man/man1/$page.1.gz" | grep -q '^\.TH ' || fail "the man page of $page"
done
bash -c '. /usr/share/bash-completion/completions/jobdesk-cli && complete -p jobdesk-cli' ||
    fail "the bash completion does not load"
echo "bash completion: loads"
# zsh: the installed file, autoloaded from the system's $fpath by compinit as a
# user's shell does, must complete on the first TAB. zpty gives the
# interactive shell a terminal; each read waits for what it expects.
if command -v zsh >/dev/null 2>&1; then
    timeout 20 zsh -f <<'ZSH' || fail "the zsh completion does not complete --jo to --job-id on the first TAB"
zmodload zsh/zpty
zpty z 'zsh -f -i'
zpty -w z "PS1='> '; autoload -Uz compinit; compinit -u -D; print READY"
zpty -r -m z out '*READY*' || exit 2
zpty -w -n z $'jobdesk-cli get-third-party-job-details --jo\t'
zpty -r -m z out '*--job-id*' || exit 1
zpty -d z
ZSH
    echo "zsh completion: autoloaded from \$fpath, completes on the first TAB"
fi

# The demo fixtures' first key and job, served by the build's fake endpoint.
fixtures=resources/demo/jobs.json
eval "$(python3 - "$fixtures" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
c, j = f["credentials"][0], f["jobs"][0]
print(f'KEY={c["accessKeyId"]}; SECRET={c["secretAccessKey"]}')
print(f'JOB={j["details"]["id"]}; TOKEN={j["clientToken"]}')
PY
)"
"$build/src/fake/jobdesk-fake" "$fixtures" > "$work/fake.out" < /dev/zero &
fake_pid=$!
for _ in $(seq 50); do grep -q '^PORT' "$work/fake.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/^PORT //p' "$work/fake.out")
[ -n "$port" ] || fail "the fake endpoint did not start"
mkdir -p "$work/home"
run_cli() { # CLI: an isolated home, the fixture's keys, the fake endpoint
    env -i PATH=/usr/bin:/bin HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" \
        AWS_ACCESS_KEY_ID="$KEY" AWS_SECRET_ACCESS_KEY="$SECRET" AWS_DEFAULT_REGION=us-east-1 \
        AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true \
        "$1" codepipeline get-third-party-job-details --job-id "$JOB" --client-token "$TOKEN" \
        --endpoint-url "http://127.0.0.1:$port" --output json
}
run_cli /usr/bin/jobdesk-cli > "$work/installed.json"
run_cli "$build/src/cli/jobdesk-cli" > "$work/built.json"
grep -q "\"id\": \"$JOB\"" "$work/installed.json" || { cat "$work/installed.json"; fail "the job is not in the answer"; }
cmp -s "$work/installed.json" "$work/built.json" || fail "the installed jobdesk-cli answers differently from the build's"
echo "/usr/bin/jobdesk-cli codepipeline get-third-party-job-details: job $JOB, $(wc -c < "$work/installed.json") bytes, same as the build's"
kill "$fake_pid"
fake_pid=""

step "Purge, and check nothing is left"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get purge -y -qq -o DPkg::Lock::Timeout=600 jobdesk
if dpkg-query -W -f='${Status}' jobdesk 2>/dev/null | grep -q "installed"; then fail "jobdesk is still installed"; fi
left=""
while read -r path; do
    [ -n "$path" ] && [ "$path" != "/." ] || continue
    if [ -d "$path" ] && [ ! -L "$path" ]; then
        grep -qxF "$path" "$work/existing-dirs" && continue
    fi
    if [ -e "$path" ] || [ -L "$path" ]; then
        left="$left $path"
    fi
done < "$work/installed"
[ -z "$left" ] || fail "left after purge:$left"
echo "purged: none of the $(grep -c . "$work/installed") paths it installed is left (the system's folders excepted)"

step "Packages"
ls -l "$out"/*.deb "$out"/*.rpm "$out"/*.exe
echo "check-packages: all checks passed in $(($(date +%s) - started)) s"
