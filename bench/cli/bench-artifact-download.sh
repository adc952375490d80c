#!/bin/sh
# Wall time and peak memory of downloading one large artifact from the same local
# S3 endpoint (jobdesk-fake, serving the object streamed from a file) with
# `jobdesk-cli artifact get` and with `aws s3 cp` (v2 /usr/bin/aws and v1 aws).
#   bench/cli/bench-artifact-download.sh [BUILD_DIR] [RUNS] [SIZE_MIB]
# Targets: jobdesk-cli no slower than aws s3 cp; its peak RSS under 64 MiB
# whatever the size (run it with two sizes to see that it does not grow).
set -eu
cd "$(dirname "$0")/../.."

BUILD=${1:-build/release}
RUNS=${2:-3}
SIZE_MIB=${3:-256}
CLI="$BUILD/src/cli/jobdesk-cli"
FAKE="$BUILD/src/fake/jobdesk-fake"
for f in "$CLI" "$FAKE"; do
    [ -x "$f" ] || { echo "missing $f: build first (cmake --preset release && cmake --build build/release --target jobdesk-cli jobdesk-fake)" >&2; exit 1; }
done

# The AWS CLI v1 that belongs to python3, without any version-manager shim in front of it.
AWS1=$(python3 -c 'import os,sys; p=os.path.join(os.path.dirname(sys.executable),"aws"); print(p if os.access(p, os.X_OK) else "")')
[ -n "$AWS1" ] || AWS1=$(command -v aws)
AWS2=/usr/bin/aws

TMP=$(mktemp -d)
FAKE_PID=
trap '[ -n "$FAKE_PID" ] && kill "$FAKE_PID" 2>/dev/null; rm -rf "$TMP"' EXIT

BUCKET=jobdesk-bench-artifacts
KEY=bench/SourceArti/large
KEY_ID=ASIABENCHARTIFACT001
SECRET=bench/Artifact+Secret=0123456789abcdefghij
SESSION=IQoJb3JpZ2luX2VjEBENCHSESSIONTOKEN//example==
JOB=0badc0de-1234-4abc-8def-0123456789ab
TOKEN=bench-client-token-0001

head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom > "$TMP/object"
SHA=$(sha256sum "$TMP/object" | cut -d' ' -f1)

cat > "$TMP/fixture.json" <<JSON
{
  "credentials": [{"accessKeyId": "AKIABENCHCALLER00001", "secretAccessKey": "bench/Caller+Secret=abcdefghij0123456789"}],
  "buckets": [{"name": "$BUCKET", "region": "us-east-1"}],
  "jobs": [{
    "clientId": "0badc0de-0000-4000-8000-000000000001",
    "clientToken": "$TOKEN",
    "state": "Queued",
    "details": {
      "id": "$JOB",
      "nonce": "1",
      "data": {
        "actionTypeId": {"category": "Build", "owner": "ThirdParty", "provider": "Bench", "version": "1"},
        "pipelineContext": {"pipelineName": "bench", "pipelineArn": "arn:aws:codepipeline:us-east-1:123456789012:bench"},
        "inputArtifacts": [{"name": "SourceArtifact", "location": {"type": "S3",
            "s3Location": {"bucketName": "$BUCKET", "objectKey": "$KEY"}}}],
        "artifactCredentials": {"accessKeyId": "$KEY_ID", "secretAccessKey": "$SECRET", "sessionToken": "$SESSION"}
      }
    }
  }]
}
JSON

"$FAKE" "$TMP/fixture.json" --s3-object "$BUCKET/$KEY=$TMP/object" > "$TMP/fake.out" < /dev/zero &
FAKE_PID=$!
for _ in $(seq 100); do grep -q '^PORT' "$TMP/fake.out" 2>/dev/null && break; sleep 0.1; done
PORT=$(sed -n 's/^PORT //p' "$TMP/fake.out")
[ -n "$PORT" ] || { echo "the fake endpoint did not start" >&2; exit 1; }
URL=http://127.0.0.1:$PORT

export AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_PAGER="" AWS_EC2_METADATA_DISABLED=true

# jobdesk-cli fetches the job with the caller's keys, then S3 with the job's artifact keys.
jobdesk() {
    AWS_ACCESS_KEY_ID=AKIABENCHCALLER00001 AWS_SECRET_ACCESS_KEY=bench/Caller+Secret=abcdefghij0123456789 \
        "$@" "$CLI" artifact get --job-id "$JOB" --client-token "$TOKEN" --name SourceArtifact \
        --output-file "$TMP/download" --endpoint-url "$URL" --s3-endpoint-url "$URL" --output text > /dev/null
}
# aws s3 cp with the same artifact keys jobdesk-cli uses.
awscp() {
    aws=$1
    shift
    AWS_ACCESS_KEY_ID=$KEY_ID AWS_SECRET_ACCESS_KEY=$SECRET AWS_SESSION_TOKEN=$SESSION \
        "$@" "$aws" s3 cp "s3://$BUCKET/$KEY" "$TMP/download" --endpoint-url "$URL" --only-show-errors > /dev/null
}

# Prints "median_seconds peak_kib" over RUNS runs, after checking that one run wrote the object.
measure() {
    rm -f "$TMP/download"
    "$@"
    [ "$(sha256sum "$TMP/download" | cut -d' ' -f1)" = "$SHA" ] || { echo "$1 $2 wrote other bytes" >&2; exit 1; }
    : > "$TMP/samples"
    for _ in $(seq "$RUNS"); do
        rm -f "$TMP/download"
        start=$(date +%s%N)
        "$@" /usr/bin/time -f '%M' -o "$TMP/one"
        end=$(date +%s%N)
        echo "$(( (end - start) / 1000 )) $(tail -n 1 "$TMP/one")" >> "$TMP/samples"
    done
    sort -n "$TMP/samples" | awk '{ t[NR] = $1; if ($2 > m) m = $2 } END { printf "%.3f %d\n", t[int((NR + 1) / 2)] / 1e6, m }'
}

set -- $(measure jobdesk); JD_T=$1; JD_M=$2
set -- $(measure awscp "$AWS2"); V2_T=$1; V2_M=$2
set -- $(measure awscp "$AWS1"); V1_T=$1; V1_M=$2
FAKE_M=$(awk '/VmHWM/ { print $2 }' "/proc/$FAKE_PID/status" 2>/dev/null || echo 0)

awk -v size="$SIZE_MIB" -v runs="$RUNS" -v jt="$JD_T" -v jm="$JD_M" -v t2="$V2_T" -v m2="$V2_M" \
    -v t1="$V1_T" -v m1="$V1_M" -v fm="$FAKE_M" 'BEGIN {
    printf "Download of a %d MiB artifact from jobdesk-fake, %d runs each: median wall time, peak RSS\n", size, runs
    printf "  %-26s %9s %9s %11s\n", "", "wall (s)", "MiB/s", "peak (MiB)"
    printf "  %-26s %9.3f %9.1f %11.1f\n", "jobdesk-cli artifact get", jt, size / jt, jm / 1024
    printf "  %-26s %9.3f %9.1f %11.1f\n", "aws s3 cp (v2)", t2, size / t2, m2 / 1024
    printf "  %-26s %9.3f %9.1f %11.1f\n", "aws s3 cp (v1)", t1, size / t1, m1 / 1024
    printf "  time, jobdesk-cli / aws: %.2f of v2, %.2f of v1 (below 1 is faster)\n", jt / t2, jt / t1
    printf "  jobdesk-cli peak RSS under 64 MiB: %s; the fake peaked at %.1f MiB\n", (jm < 65536 ? "yes" : "NO"), fm / 1024
}'
