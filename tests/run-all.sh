#!/bin/sh
# The whole check, as CI runs it. Installs what is missing, then
#   1. checks the format of the C++ lines the last change touched (clang-format);
#   2. builds everything with clang under AddressSanitizer and
#      UndefinedBehaviorSanitizer, warnings as errors, fuzz targets included
#      (the asan preset);
#   3. runs the whole test suite on that build: core, fake endpoint, CLI against
#      the real AWS CLI, GUI (offscreen), keychain (a private gnome-keyring on its
#      own D-Bus), and each fuzz target over its corpus; a sanitizer finding
#      fails its test;
#   4. runs clang-tidy on src/core;
#   5. fuzzes each target for JOBDESK_FUZZ_SECONDS (default 60) seconds, two at
#      a time; a crash fails the run and its input is printed and saved.
# One sanitized build serves every step: on two cores a second, plain build
# would not fit CI's time. The dev preset (g++) is the everyday build.
# Any failure stops the run with a non-zero exit status.
set -eu
cd "$(dirname "$0")/.."

started=$(date +%s)
step() {
    elapsed=$(($(date +%s) - started))
    printf '\n==== [%dm%02ds] %s\n' $((elapsed / 60)) $((elapsed % 60)) "$*"
}

fuzz_seconds=${JOBDESK_FUZZ_SECONDS:-60}

step "Dependencies"
packaging/linux/install-deps.sh

step "clang-format on changed lines"
tests/static/check-format.sh

step "ASan+UBSan build (clang, warnings are errors, fuzz targets)"
cmake --preset asan
cmake --build --preset asan -j "$(nproc)"

step "Test suite under ASan+UBSan"
export QT_QPA_PLATFORM=offscreen
tests/support/with-keychain.sh ctest --preset asan -j 2 --timeout 900

step "clang-tidy on src/core"
tests/static/run-clang-tidy.sh build/asan

step "Fuzzing, ${fuzz_seconds}s per target"
tests/fuzz/run-fuzzers.sh build/asan "$fuzz_seconds" build/asan/fuzz-artifacts

step "All checks passed"
