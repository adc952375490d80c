#!/usr/bin/env python3
"""Signs JSON 1.1 requests with botocore's SigV4Auth, for tst_botocorecrosscheck.

Reads one JSON document from stdin:
  {"cases": [{"id", "region", "service", "host", "path", "headers": [[name, value], ...],
              "body_base64", "access_key", "secret_key", "token" (may be ""), "timestamp": "YYYYmmddTHHMMSSZ"}]}
and writes one JSON document to stdout:
  {"botocore_version", "results": [{"id", "canonical_request", "string_to_sign", "signature",
                                    "authorization", "security_token" (null when absent),
                                    "amz_date"}]}
Bodies travel as base64 so that botocore hashes exactly the bytes the C++ side hashes.
"""

import base64
import datetime
import json
import sys

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


class _FixedClock:
    """Stands in for botocore's clock so that every signature is reproducible."""

    def __init__(self):
        self.now = None

    def __call__(self, remove_tzinfo=True):
        if remove_tzinfo:
            return self.now
        return self.now.replace(tzinfo=datetime.timezone.utc)


class _RecordingSigV4Auth(botocore.auth.SigV4Auth):
    """SigV4Auth that keeps the intermediates add_auth computes, so none is recomputed differently."""

    def canonical_request(self, request):
        self.recorded_canonical_request = super().canonical_request(request)
        return self.recorded_canonical_request

    def string_to_sign(self, request, canonical_request):
        self.recorded_string_to_sign = super().string_to_sign(request, canonical_request)
        return self.recorded_string_to_sign

    def signature(self, string_to_sign, request):
        self.recorded_signature = super().signature(string_to_sign, request)
        return self.recorded_signature


def _sign(case, clock):
    clock.now = datetime.datetime.strptime(case["timestamp"], "%Y%m%dT%H%M%SZ")
    credentials = Credentials(case["access_key"], case["secret_key"], case["token"] or None)
    request = AWSRequest(
        method="POST",
        url="https://%s%s" % (case["host"], case["path"]),
        data=base64.b64decode(case["body_base64"]),
    )
    for name, value in case["headers"]:
        request.headers[name] = value

    signer = _RecordingSigV4Auth(credentials, case["service"], case["region"])
    signer.add_auth(request)
    return {
        "id": case["id"],
        "canonical_request": signer.recorded_canonical_request,
        "string_to_sign": signer.recorded_string_to_sign,
        "signature": signer.recorded_signature,
        "authorization": request.headers["Authorization"],
        "security_token": request.headers.get("X-Amz-Security-Token"),
        "amz_date": request.headers.get("X-Amz-Date"),
    }


def main():
    cases = json.load(sys.stdin)["cases"]
    clock = _FixedClock()
    # botocore.auth imported get_current_datetime by name, so it is replaced there.
    botocore.auth.get_current_datetime = clock
    results = [_sign(case, clock) for case in cases]
    json.dump({"botocore_version": botocore.__version__, "results": results}, sys.stdout, ensure_ascii=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
