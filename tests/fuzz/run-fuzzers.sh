#!/bin/sh
# Fuzzes every libFuzzer target of a build (its fuzzers.txt) for a bounded time,
# two at a time, starting from the seed corpus in tests/fuzz/corpus/<target>/.
# The seed corpus is only read; new inputs go to a scratch folder. A crash, a
# sanitizer finding, a leak or a timeout fails the run, and its input is saved
# under ARTIFACT_DIR/<target>/ (the log says where). To keep it as a regression
# case, copy it into tests/fuzz/corpus/<target>/ and add a test next to the
# code's other tests.
#
# Usage: tests/fuzz/run-fuzzers.sh BUILD_DIR [SECONDS_EACH] [ARTIFACT_DIR]
#   JOBS=N runs N fuzzers at once (default 2).
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)

build=${1:?usage: $0 BUILD_DIR [SECONDS_EACH] [ARTIFACT_DIR]}
seconds=${2:-60}
artifacts=${3:-$build/fuzz-artifacts}
jobs=${JOBS:-2}

if [ ! -f "$build/fuzzers.txt" ]; then
    echo "run-fuzzers: $build/fuzzers.txt is missing (configure with JOBDESK_BUILD_FUZZERS=ON)" >&2
    exit 2
fi
case $artifacts in
    /*) ;;
    *) artifacts=$root/$artifacts ;;
esac
work=$(mktemp -d "${TMPDIR:-/tmp}/jobdesk-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# Leaks are findings too; halt on the first sanitizer report with a full stack.
ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:print_stacktrace=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export ASAN_OPTIONS UBSAN_OPTIONS

fuzz_one() {
    name=$1
    mkdir -p "$work/$name/corpus" "$artifacts/$name"
    set +e
    "$build/tests/fuzz/$name" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -print_final_stats=1 -artifact_prefix="$artifacts/$name/" \
        "$work/$name/corpus" "$root/tests/fuzz/corpus/$name" >"$work/$name.log" 2>&1
    echo $? >"$work/$name.rc"
    set -e
}

names=$(cat "$build/fuzzers.txt")
echo "run-fuzzers: $(echo "$names" | wc -w) targets, ${seconds}s each, $jobs at a time; artifacts in $artifacts"
running=0
for name in $names; do
    fuzz_one "$name" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait
        running=0
    fi
done
wait

failed=""
printf '%-26s %-7s %14s %10s %10s\n' target result executions "exec/s" "new units"
for name in $names; do
    log=$work/$name.log
    rc=$(cat "$work/$name.rc")
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    added=$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -1)
    result=ok
    if [ "$rc" -ne 0 ]; then
        result=FAILED
        failed="$failed $name"
    fi
    printf '%-26s %-7s %14s %10s %10s\n' "$name" "$result" "${runs:-?}" "${rate:-?}" "${added:-?}"
done

for name in $failed; do
    echo
    echo "==== $name failed; its log follows. Reproducer(s) in $artifacts/$name/:"
    ls -l "$artifacts/$name/" || true
    echo "Reproduce with: $build/tests/fuzz/$name <file>"
    # CI keeps only its log, so the reproducers go there too (inputs are capped at 8 KiB).
    for input in "$artifacts/$name"/*; do
        [ -f "$input" ] || continue
        echo "---- base64 of $(basename "$input") (base64 -d > file to replay it):"
        base64 "$input"
    done
    cat "$work/$name.log"
done
if [ -n "$failed" ]; then
    exit 1
fi
