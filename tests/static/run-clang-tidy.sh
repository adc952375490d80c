#!/bin/sh
# Runs clang-tidy (.clang-tidy: bugprone-*, cert-*, clang-analyzer-*) on every
# source of jobdesk_core, using the compile_commands.json of a clang build (the
# asan preset's by default). Any finding fails: the existing ones were fixed,
# so a new one is a regression.
# Usage: tests/static/run-clang-tidy.sh [BUILD_DIR]   (JOBS=N to change -j, default nproc)
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
build=${1:-build/asan}

runner=""
for tool in run-clang-tidy-14 run-clang-tidy; do
    if command -v "$tool" >/dev/null 2>&1; then
        runner=$tool
        break
    fi
done
tidy=""
for tool in clang-tidy-14 clang-tidy; do
    if command -v "$tool" >/dev/null 2>&1; then
        tidy=$tool
        break
    fi
done
if [ -z "$runner" ] || [ -z "$tidy" ]; then
    echo "run-clang-tidy: clang-tidy is not installed (Debian: apt install clang-tidy)" >&2
    exit 127
fi
if [ ! -f "$build/compile_commands.json" ]; then
    echo "run-clang-tidy: $build/compile_commands.json is missing; configure that build first" >&2
    exit 2
fi

# Headers are checked through the sources that include them (HeaderFilterRegex).
# The generated moc files are left out: they are Qt's code, not ours.
echo "run-clang-tidy: src/core with $($tidy --version | sed -n 's/.*version \([0-9.]*\).*/\1/p' | head -1)"
"$runner" -clang-tidy-binary "$tidy" -p "$build" -j "${JOBS:-$(nproc)}" -quiet \
    "^$root/src/core/.*\.cpp\$"
