#!/bin/sh
# Checks that the C++ lines a change touches follow .clang-format. Old code is
# not checked, so reformatting never has to happen wholesale.
#
# "A change" is the difference between a base commit and the working tree:
#   - JOBDESK_FORMAT_BASE, when set (a branch's CI sets it to its merge base,
#     e.g. JOBDESK_FORMAT_BASE=$(git merge-base origin/main HEAD));
#   - otherwise HEAD~1, i.e. the last commit plus anything uncommitted. That is
#     what CI's fresh clone of main can know about: it has no record of which
#     commits were checked before.
# A clone without history (git clone --depth 1) has no base; the check then says
# so and passes, since it cannot tell changed lines from old ones.
#
# Usage: tests/static/check-format.sh [--fix]   (--fix rewrites the changed lines)
set -eu
cd "$(dirname "$0")/../.."

fix=""
if [ "${1:-}" = "--fix" ]; then
    fix="-i"
fi

formatdiff=""
for tool in clang-format-diff-14 clang-format-diff; do
    if command -v "$tool" >/dev/null 2>&1; then
        formatdiff=$tool
        break
    fi
done
if [ -z "$formatdiff" ]; then
    echo "check-format: clang-format-diff is not installed (Debian: apt install clang-format)" >&2
    exit 127
fi

base=${JOBDESK_FORMAT_BASE:-}
if [ -z "$base" ]; then
    if git rev-parse -q --verify HEAD~1 >/dev/null 2>&1; then
        base=HEAD~1
    else
        echo "check-format: no base commit to compare with (shallow clone?); skipped."
        exit 0
    fi
fi
echo "check-format: lines changed since $(git rev-parse --short "$base") ($base)"

# Only C++ sources and headers; clang-format-diff would also "format" JSON fixtures.
out=$(git diff -U0 --no-color --no-ext-diff "$base" -- '*.cpp' '*.h' \
    | "$formatdiff" -p1 -regex '.*\.(cpp|h)' -style=file $fix)
if [ -n "$out" ]; then
    printf '%s\n' "$out"
    echo "check-format: the lines above do not follow .clang-format." >&2
    echo "check-format: run tests/static/check-format.sh --fix (or clang-format on those lines) and commit." >&2
    exit 1
fi
echo "check-format: OK"
