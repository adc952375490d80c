#!/bin/sh
# Installs everything JobDesk needs to build, test and run on Debian 12 or
# Ubuntu 24.04, and to make and check its packages (packaging/linux/
# check-packages.sh: lintian, rpm, NSIS, MinGW's windres). Safe to run again:
# apt skips what is already there.
set -eu

PACKAGES="
    build-essential cmake ninja-build pkg-config ccache
    clang libclang-rt-dev lld clang-format clang-tidy
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libgl-dev libqt6svg6 qtkeychain-qt6-dev nlohmann-json3-dev libquazip1-qt6-dev zlib1g-dev
    dbus dbus-x11 gnome-keyring libsecret-1-0 libsecret-tools
    libssl-dev openssl ca-certificates python3 python3-pip python3-botocore awscli
    xvfb xauth time zsh
    shellcheck python3-yaml
    lintian rpm rpmlint desktop-file-utils appstream libxml2-utils
    nsis binutils-mingw-w64-x86-64
    g++-mingw-w64-x86-64-posix
"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

missing=""
for pkg in $PACKAGES; do
    if ! installed "$pkg"; then
        missing="$missing $pkg"
    fi
done
# The query tests compare with python's jmespath (what the AWS CLI's --query
# runs on). A python3 that already imports it (pip's, the AWS CLI v1's) is the
# reference; otherwise Debian's package is.
if ! python3 -c 'import jmespath' >/dev/null 2>&1 && ! installed python3-jmespath; then
    missing="$missing python3-jmespath"
fi

# The S3 tests run moto's S3 (moto 5 with its server extras) and read back through boto3;
# Debian's python3-moto is too old, so they come from PyPI into this user's site-packages
# (--break-system-packages: PEP 668 otherwise refuses even --user installs on Debian 12).
if ! python3 -c 'import moto, boto3, flask, werkzeug; assert int(moto.__version__.split(".")[0]) >= 5' >/dev/null 2>&1; then
    need_moto=1
fi

if [ -n "$missing" ]; then
    echo "Installing:$missing"
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

if [ -n "${need_moto:-}" ]; then
    echo "Installing moto[server] and boto3 for python3 (pip, --user)"
    python3 -m pip install --user --break-system-packages --quiet 'moto[server]>=5.2,<6' boto3
fi
