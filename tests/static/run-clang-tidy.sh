#!/bin/sh
# Runs clang-tidy (.clang-tidy: bugprone-*, cert-*, clang-analyzer-*) on the
# sources of jobdesk_core, using the compile_commands.json of a clang build (the
# asan preset's by default). Any finding fails: the existing ones were fixed,
# so a new one is a regression.
# Usage: tests/static/run-clang-tidy.sh [BUILD_DIR] [BASE]
#   (JOBS=N to change -j, default nproc)
# With BASE (a commit), only the core's sources that changed since BASE are
# checked, with the .cpp beside each changed header: each file takes clang-tidy
# some ten seconds, so CI checks a change's files (as it checks their format)
# and a whole run over the core is for a person to start.
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
build=${1:-build/asan}
base=${2:-}

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
files="^$root/src/core/.*\.cpp\$"
scope="src/core"
if [ -n "$base" ]; then
    if ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
        echo "run-clang-tidy: no commit $base to compare with (shallow clone?); skipped."
        exit 0
    fi
    changed=$(git diff --name-only --diff-filter=d "$base" -- 'src/core/*.cpp' 'src/core/*.h' |
        sed 's/\.h$/.cpp/' | sort -u | while read -r file; do [ -f "$file" ] && echo "$file"; done)
    if [ -z "$changed" ]; then
        echo "run-clang-tidy: no source of src/core changed since $base"
        exit 0
    fi
    # Anchored paths, dots escaped, joined into one regular expression.
    files="^$root/($(echo "$changed" | sed 's/\./\\./g' | paste -sd '|'))\$"
    scope="$(echo "$changed" | wc -l) source(s) of src/core changed since $base"
fi
echo "run-clang-tidy: $scope with $($tidy --version | sed -n 's/.*version \([0-9.]*\).*/\1/p' | head -1)"
"$runner" -clang-tidy-binary "$tidy" -p "$build" -j "${JOBS:-$(nproc)}" -quiet "$files"
