#!/bin/sh
# Wall time and peak memory of jobdesk-cli and the AWS CLI (v1, the machine's
# python3) fetching the same job from the same local fake endpoint.
#   bench/cli/compare-with-aws.sh [BUILD_DIR] [RUNS]
set -eu
cd "$(dirname "$0")/../.."

BUILD=${1:-build/release}
RUNS=${2:-10}
CLI="$BUILD/src/cli/jobdesk-cli"
FAKE="$BUILD/src/fake/jobdesk-fake"
FIXTURES=resources/demo/jobs.json
for f in "$CLI" "$FAKE"; do
    [ -x "$f" ] || { echo "missing $f: build first (cmake --preset release && cmake --build --preset release)" >&2; exit 1; }
done

# The AWS CLI v1 that belongs to python3, without any version-manager shim in front of it.
AWS=$(python3 -c 'import os,sys; p=os.path.join(os.path.dirname(sys.executable),"aws"); print(p if os.access(p, os.X_OK) else "")')
[ -n "$AWS" ] || AWS=$(command -v aws)

# The demo fixtures' first key and job.
eval "$(python3 - "$FIXTURES" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
c, j = f["credentials"][0], f["jobs"][0]
print(f'KEY={c["accessKeyId"]}; SECRET={c["secretAccessKey"]}')
print(f'JOB={j["details"]["id"]}; TOKEN={j["clientToken"]}')
PY
)"

TMP=$(mktemp -d)
trap 'kill "$FAKE_PID" 2>/dev/null || true; rm -rf "$TMP"' EXIT
"$FAKE" "$FIXTURES" > "$TMP/fake.out" < /dev/zero &
FAKE_PID=$!
for _ in $(seq 50); do grep -q '^PORT' "$TMP/fake.out" 2>/dev/null && break; sleep 0.1; done
PORT=$(sed -n 's/^PORT //p' "$TMP/fake.out")
[ -n "$PORT" ] || { echo "the fake endpoint did not start" >&2; exit 1; }

export AWS_ACCESS_KEY_ID="$KEY" AWS_SECRET_ACCESS_KEY="$SECRET" AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER="" AWS_EC2_METADATA_DISABLED=true
ARGS="codepipeline get-third-party-job-details --job-id $JOB --client-token $TOKEN --endpoint-url http://127.0.0.1:$PORT --output json"

# Prints "median_seconds peak_kib" over RUNS runs, after checking the output once.
measure() {
    "$@" $ARGS > "$TMP/check.out"
    : > "$TMP/samples"
    for _ in $(seq "$RUNS"); do
        start=$(date +%s%N)
        /usr/bin/time -f '%M' -o "$TMP/one" "$@" $ARGS > /dev/null
        end=$(date +%s%N)
        echo "$(( (end - start) / 1000 )) $(cat "$TMP/one")" >> "$TMP/samples"
    done
    # microseconds -> seconds; the median run, and the highest peak
    sort -n "$TMP/samples" | awk '{ t[NR] = $1; if ($2 > m) m = $2 } END { printf "%.4f %d\n", t[int((NR + 1) / 2)] / 1e6, m }'
}

set -- $(measure "$CLI"); JD_T=$1; JD_M=$2
cp "$TMP/check.out" "$TMP/jobdesk.json"
set -- $(measure "$AWS"); AWS_T=$1; AWS_M=$2
cmp -s "$TMP/jobdesk.json" "$TMP/check.out" && SAME=yes || SAME=NO

awk -v jt="$JD_T" -v jm="$JD_M" -v at="$AWS_T" -v am="$AWS_M" -v runs="$RUNS" -v same="$SAME" -v aws="$AWS" 'BEGIN {
    printf "jobdesk-cli vs %s, %d runs each, median wall time and peak RSS\n", aws, runs
    printf "  %-12s %10s %12s\n", "", "wall (s)", "peak (MiB)"
    printf "  %-12s %10.4f %12.1f\n", "jobdesk-cli", jt, jm / 1024
    printf "  %-12s %10.4f %12.1f\n", "aws", at, am / 1024
    printf "  jobdesk-cli is %.1fx faster and uses %.2f of the memory; identical stdout: %s\n", at / jt, jm / am, same
}'
