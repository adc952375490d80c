#!/bin/sh
# Installs what is missing, builds the dev configuration (g++, warnings are
# errors) and runs the whole test suite: core, fake endpoint, CLI against the
# real AWS CLI, GUI (offscreen) and keychain (a private gnome-keyring on its own
# D-Bus). tests/run-hardening.sh adds the sanitizer build, clang-tidy and fuzzing.
set -eu
cd "$(dirname "$0")/.."

packaging/linux/install-deps.sh

cmake --preset dev
cmake --build --preset dev -j "$(nproc)"

export QT_QPA_PLATFORM=offscreen
tests/support/with-keychain.sh ctest --preset dev -j 2 --timeout 900
