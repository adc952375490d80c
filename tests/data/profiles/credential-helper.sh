#!/bin/sh
# Stand-in for a credential_process helper in the profile tests. $1 picks the answer,
# $2 (when not "-") is a file that gets one line per run, $3 is an extra value.
if [ -n "$2" ] && [ "$2" != "-" ]; then
    echo run >> "$2"
fi
case "$1" in
static)
    printf '{"Version": 1, "AccessKeyId": "AKIAPROCESSEXAMPLE", "SecretAccessKey": "processSecret"}\n' ;;
expiring)
    printf '{"Version": 1, "AccessKeyId": "AKIATEMPEXAMPLE", "SecretAccessKey": "tempSecret", "SessionToken": "tempToken", "Expiration": "%s"}\n' "$3" ;;
echo-arg)
    printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "argSecret"}\n' "$3" ;;
fail)
    echo "could not reach the identity broker" >&2
    exit 3 ;;
bad-json)
    echo 'this is { not json' ;;
version-2)
    printf '{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "B"}\n' ;;
no-version)
    printf '{"AccessKeyId": "A", "SecretAccessKey": "B"}\n' ;;
missing-secret)
    printf '{"Version": 1, "AccessKeyId": "A"}\n' ;;
bad-expiration)
    printf '{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "B", "Expiration": "next tuesday"}\n' ;;
slow)
    exec sleep 60 ;;
*)
    echo "unknown mode $1" >&2
    exit 2 ;;
esac
