#!/usr/bin/env python3
"""Signs S3 requests with botocore's S3SigV4Auth, for tst_s3signingcrosscheck.

Reads one JSON document from stdin:
  {"cases": [{"id", "method", "scheme", "host", "bucket" (null: virtual-hosted), "key",
              "headers": [[name, value], ...], "body_base64" (PUT only, may be ""),
              "unsigned_payload" (bool), "region", "access_key", "secret_key",
              "token" (may be ""), "timestamp": "YYYYmmddTHHMMSSZ",
              "resolve": {"bucket", "region"} or null}]}
and writes one JSON document to stdout:
  {"botocore_version", "results": [{"id", "path", "canonical_request", "string_to_sign",
                                    "signature", "authorization", "content_sha256",
                                    "security_token" (null when absent), "amz_date",
                                    "resolved_url" (null unless "resolve" was given)}]}
The path is encoded by botocore's own REST serializer rule for an S3 key (percent_encode
with '/' and '~' kept), so the C++ encoding of the key is checked as well as the signature.
With "resolve", botocore's own S3 client (its endpoint rules, regional us-east-1) also says
which URL it would send a HeadObject of that bucket, key and region to.
"""

import base64
import datetime
import json
import sys

import botocore
import botocore.auth
import botocore.session
from botocore.awsrequest import AWSRequest, AWSResponse
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.utils import percent_encode


class _FixedClock:
    """Stands in for botocore's clock so that every signature is reproducible."""

    def __init__(self):
        self.now = None

    def __call__(self, remove_tzinfo=True):
        if remove_tzinfo:
            return self.now
        return self.now.replace(tzinfo=datetime.timezone.utc)


class _RecordingS3SigV4Auth(botocore.auth.S3SigV4Auth):
    """S3SigV4Auth that keeps the intermediates add_auth computes."""

    def canonical_request(self, request):
        self.recorded_canonical_request = super().canonical_request(request)
        return self.recorded_canonical_request

    def string_to_sign(self, request, canonical_request):
        self.recorded_string_to_sign = super().string_to_sign(request, canonical_request)
        return self.recorded_string_to_sign

    def signature(self, string_to_sign, request):
        self.recorded_signature = super().signature(string_to_sign, request)
        return self.recorded_signature


class _UrlResolver:
    """A botocore S3 client per region whose requests stop before they are sent."""

    def __init__(self):
        self.session = botocore.session.get_session()
        self.clients = {}
        self.url = None

    def _capture(self, request, **kwargs):
        self.url = request.url
        return AWSResponse(request.url, 200, {}, None)

    def url_for(self, region, bucket, key):
        client = self.clients.get(region)
        if client is None:
            client = self.session.create_client(
                "s3",
                region_name=region,
                aws_access_key_id="AKIDEXAMPLE",
                aws_secret_access_key="secret",
                config=Config(s3={"us_east_1_regional_endpoint": "regional"}),
            )
            client.meta.events.register("before-send", self._capture)
            self.clients[region] = client
        self.url = None
        try:
            client.head_object(Bucket=bucket, Key=key)
        except Exception:
            # The stand-in answer has no body to parse; only the URL sent matters here.
            if self.url is None:
                raise
        return self.url


def _sign(case, clock, resolver):
    clock.now = datetime.datetime.strptime(case["timestamp"], "%Y%m%dT%H%M%SZ")
    credentials = Credentials(case["access_key"], case["secret_key"], case["token"] or None)
    path = "/" + percent_encode(case["key"], safe="/~")
    if case["bucket"] is not None:
        path = "/" + percent_encode(case["bucket"], safe="") + path
    body = base64.b64decode(case["body_base64"]) if case["method"] == "PUT" else None
    request = AWSRequest(method=case["method"], url="%s://%s%s" % (case["scheme"], case["host"], path), data=body)
    for name, value in case["headers"]:
        request.headers[name] = value
    if case["unsigned_payload"]:
        request.context["client_config"] = Config(s3={"payload_signing_enabled": False})

    signer = _RecordingS3SigV4Auth(credentials, "s3", case["region"])
    signer.add_auth(request)
    return {
        "id": case["id"],
        "path": path,
        "canonical_request": signer.recorded_canonical_request,
        "string_to_sign": signer.recorded_string_to_sign,
        "signature": signer.recorded_signature,
        "authorization": request.headers["Authorization"],
        "content_sha256": request.headers.get("X-Amz-Content-SHA256"),
        "security_token": request.headers.get("X-Amz-Security-Token"),
        "amz_date": request.headers.get("X-Amz-Date"),
        "resolved_url": resolver.url_for(case["resolve"]["region"], case["resolve"]["bucket"], case["key"])
        if case.get("resolve")
        else None,
    }


def main():
    cases = json.load(sys.stdin)["cases"]
    clock = _FixedClock()
    # botocore.auth imported get_current_datetime by name, so it is replaced there.
    botocore.auth.get_current_datetime = clock
    resolver = _UrlResolver()
    results = [_sign(case, clock, resolver) for case in cases]
    json.dump({"botocore_version": botocore.__version__, "results": results}, sys.stdout, ensure_ascii=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
