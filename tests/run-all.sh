#!/bin/sh
# The whole check, as CI runs it. Installs what is missing, then
#   1. checks the format of the C++ lines the last change touched (clang-format),
#      the arrows between the parts (no include against them), that no source
#      file passes 600 lines, that POSIX and Win32 headers appear only in
#      src/core/platform, that the Windows-only code compiles (MinGW-w64,
#      syntax only), and lints the GitHub Actions workflow (actionlint, shellcheck);
#   2. builds everything with clang under AddressSanitizer and
#      UndefinedBehaviorSanitizer, warnings as errors, fuzz targets included
#      (the asan preset);
#   3. runs the whole test suite on that build: core, fake endpoint, CLI against
#      the real AWS CLI, GUI (offscreen), keychain (a private gnome-keyring on its
#      own D-Bus), and each fuzz target over its corpus; a sanitizer finding
#      fails its test;
#   4. builds the release preset with g++, warnings as errors, as users build
#      it: both programs, and the tests of the byte-exact core (signing, the
#      writers, the response parser, the JMESPath engine), which it runs
#      optimised; the rest of the suite already ran under the sanitizers, and
#      building it twice would take the check past 40 minutes;
#   5. makes the packages from that release build and checks them
#      (packaging/linux/check-packages.sh): the .deb and .rpm under lintian,
#      rpmlint, desktop-file-validate and appstreamcli, the Windows installer
#      and resources, and the .deb installed, run and purged on this machine;
#   6. runs clang-tidy on the core's sources changed since JOBDESK_TIDY_BASE
#      (default HEAD~1; empty: all of src/core);
#   7. fuzzes each target for JOBDESK_FUZZ_SECONDS (default 10) seconds, two at
#      a time; a crash fails the run and its input is printed and saved.
# Any failure stops the run with a non-zero exit status.
set -eu
cd "$(dirname "$0")/.."

started=$(date +%s)
step() {
    elapsed=$(($(date +%s) - started))
    printf '\n==== [%dm%02ds] %s\n' $((elapsed / 60)) $((elapsed % 60)) "$*"
}

fuzz_seconds=${JOBDESK_FUZZ_SECONDS:-10}
# ccache (when installed) then finds a clone's objects again from another folder.
export CCACHE_BASEDIR="$(pwd)"

step "Dependencies"
packaging/linux/install-deps.sh

step "Static checks: format of changed lines, layering, file size, workflow, platform headers, Windows syntax"
tests/static/check-format.sh
tests/static/check-layering.sh
tests/static/check-file-size.sh
tests/static/check-workflows.sh
tests/static/check-platform-includes.sh
tests/static/check-windows-syntax.sh

step "ASan+UBSan build (clang, warnings are errors, fuzz targets)"
# The benchmarks are run by hand on a release build; CI builds none of them.
cmake --preset asan -DJOBDESK_BUILD_BENCH=OFF
cmake --build --preset asan -j "$(nproc)"

step "Test suite under ASan+UBSan"
export QT_QPA_PLATFORM=offscreen
tests/support/with-keychain.sh ctest --preset asan -j 2 --timeout 900

optimised_tests="tst_sigv4signer tst_jsonwriter tst_textwriter tst_tablewriter tst_keyvaluewriter \
tst_responseparser tst_jmespathcompliance tst_expression"
step "Release build (g++, warnings are errors): the programs and the byte-exact core's tests"
# Packaging installs only the programs, so it need not build every test first.
cmake --preset release -DJOBDESK_WERROR=ON -DJOBDESK_BUILD_BENCH=OFF -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON
# shellcheck disable=SC2086
cmake --build --preset release -j "$(nproc)" --target jobdesk jobdesk-cli jobdesk-fake $optimised_tests

step "The byte-exact core's tests, optimised"
ctest --preset release -j 2 --timeout 900 -R "^($(echo "$optimised_tests" | tr ' ' '|'))\$"

step "Packages: DEB and RPM and their validators, Windows installer and resources, install and purge"
packaging/linux/check-packages.sh build/release

step "clang-tidy on the core's changed sources"
# Like the format check, the sources changed since JOBDESK_TIDY_BASE (default
# HEAD~1); set it empty to check the whole core (some ten minutes on two cores).
tests/static/run-clang-tidy.sh build/asan "${JOBDESK_TIDY_BASE-HEAD~1}"

step "Fuzzing, ${fuzz_seconds}s per target"
tests/fuzz/run-fuzzers.sh build/asan "$fuzz_seconds" build/asan/fuzz-artifacts

step "All checks passed"
