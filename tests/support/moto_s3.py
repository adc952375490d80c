#!/usr/bin/env python3
"""A moto S3 that checks every signature, for tst_s3clientmoto.

Starts moto's server app on 127.0.0.1 (a free port) with INITIAL_NO_AUTH_ACTION_COUNT=0,
so that every S3 request must carry a valid SigV4 signature of a known IAM identity and
that identity's policy must allow it. The first five set-up calls are let through to make
that identity: a user with an access key, and a role the tests assume for session
credentials like a job's artifact credentials. Then it creates a bucket and a KMS key and
prints one JSON line:
  {"endpoint", "region", "bucket", "kms_key_arn", "moto_version",
   "user": {"access_key", "secret_key"},
   "session": {"access_key", "secret_key", "token"}}
Afterwards it reads one JSON request per line from stdin and answers each with one line,
using botocore (boto3) as the independent reference client:
  {"op": "put", "key", "body_base64"}        -> {"etag"}
  {"op": "get", "key"}                       -> {"body_base64", "etag", "sse", "kms_key_id", "content_type"}
It stops when stdin closes.

One correction is made to moto: its server hands its request handlers the URL as
werkzeug re-quotes it, so its signature check sees "+" where "%2B" was sent and rejects
botocore's own signatures for keys with "+" or non-ASCII characters. The handlers get the
request URI exactly as it came over the wire instead, which is what Amazon S3 signs. With
that, boto3 itself round-trips every awkward key below before anything is printed.
"""

import base64
import json
import os
import sys
import threading
import urllib.request

os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "0"

try:
    import boto3
    import moto
    import moto.core.utils as moto_utils
    from botocore.config import Config
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import make_server
except ImportError as error:
    sys.stderr.write(
        "moto_s3.py needs python3 with moto 5 (server extras) and boto3: %s\n"
        "Install them with packaging/linux/install-deps.sh, or: python3 -m pip install --user 'moto[server]>=5.2' boto3\n"
        % error
    )
    sys.exit(3)

REGION = "us-east-1"
BUCKET = "jobdesk-artifacts"
AWKWARD_KEYS = ["a b+c.zip", "dir/ü ñ 中文 😀.zip", "x~y%z!$&'()*,;=:@.zip"]


def _use_raw_request_uri():
    original = moto_utils.convert_to_flask_response.__call__

    def call(self, args=None, **kwargs):
        from flask import request

        raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI")
        if not raw:
            return original(self, args, **kwargs)
        url = request.host_url.rstrip("/") + raw
        callback = self.callback
        self.callback = lambda req, _url, headers: callback(req, url, headers)
        try:
            return original(self, args, **kwargs)
        finally:
            self.callback = callback

    moto_utils.convert_to_flask_response.__call__ = call


def _client(service, endpoint, access_key, secret_key, token=None):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=access_key,
        aws_secret_access_key=secret_key,
        aws_session_token=token,
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
    )


def _allow(actions):
    return json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]})


def main():
    _use_raw_request_uri()
    server = make_server("127.0.0.1", 0, DomainDispatcherApplication(create_backend_app), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint = "http://127.0.0.1:%d" % server.server_port

    # Let exactly the five IAM calls below through unsigned; everything after is checked.
    request = urllib.request.Request(
        endpoint + "/moto-api/reset-auth", data=b"5", method="POST", headers={"Content-Type": "application/json"}
    )
    urllib.request.urlopen(request).read()
    iam = _client("iam", endpoint, "setup", "setup")
    iam.create_user(UserName="jobdesk")
    iam.put_user_policy(UserName="jobdesk", PolicyName="artifacts", PolicyDocument=_allow(["s3:*", "kms:*", "sts:*"]))
    key = iam.create_access_key(UserName="jobdesk")["AccessKey"]
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}
    iam.create_role(RoleName="artifacts", AssumeRolePolicyDocument=json.dumps(trust))
    iam.put_role_policy(RoleName="artifacts", PolicyName="artifacts", PolicyDocument=_allow(["s3:*", "kms:*"]))

    user = (key["AccessKeyId"], key["SecretAccessKey"])
    sts = _client("sts", endpoint, *user)
    role = sts.assume_role(RoleArn="arn:aws:iam::123456789012:role/artifacts", RoleSessionName="jobdesk-job")
    session = role["Credentials"]
    s3 = _client("s3", endpoint, session["AccessKeyId"], session["SecretAccessKey"], session["SessionToken"])
    s3.create_bucket(Bucket=BUCKET)
    kms_key_arn = _client("kms", endpoint, *user).create_key()["KeyMetadata"]["Arn"]

    # The reference itself must take the awkward keys, or a failure would say nothing about JobDesk.
    for awkward in AWKWARD_KEYS:
        s3.put_object(Bucket=BUCKET, Key="selfcheck/" + awkward, Body=b"selfcheck")
        assert s3.get_object(Bucket=BUCKET, Key="selfcheck/" + awkward)["Body"].read() == b"selfcheck"

    print(
        json.dumps(
            {
                "endpoint": endpoint,
                "region": REGION,
                "bucket": BUCKET,
                "kms_key_arn": kms_key_arn,
                "moto_version": moto.__version__,
                "user": {"access_key": user[0], "secret_key": user[1]},
                "session": {
                    "access_key": session["AccessKeyId"],
                    "secret_key": session["SecretAccessKey"],
                    "token": session["SessionToken"],
                },
            }
        ),
        flush=True,
    )

    for line in sys.stdin:
        if not line.strip():
            continue
        command = json.loads(line)
        try:
            if command["op"] == "put":
                body = base64.b64decode(command["body_base64"])
                answer = {"etag": s3.put_object(Bucket=BUCKET, Key=command["key"], Body=body)["ETag"]}
            else:
                got = s3.get_object(Bucket=BUCKET, Key=command["key"])
                answer = {
                    "body_base64": base64.b64encode(got["Body"].read()).decode(),
                    "etag": got["ETag"],
                    "sse": got.get("ServerSideEncryption"),
                    "kms_key_id": got.get("SSEKMSKeyId"),
                    "content_type": got.get("ContentType"),
                }
        except Exception as error:  # the test prints it
            answer = {"error": str(error)}
        print(json.dumps(answer), flush=True)
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
