#!/usr/bin/env python3
"""Reference for JobDesk's response parsing: parses CodePipeline response
bodies with botocore's own JSON parser and service model, then prints them as
`aws ... --output json` would.

stdin:  a JSON list of {"operation": NAME, "body": BASE64}
stdout: a JSON list of BASE64 strings, the AWS CLI's stdout for each case
"""
import base64
import json
import sys

import botocore.session
from botocore.parsers import create_parser


def main():
    cases = json.load(sys.stdin)
    model = botocore.session.get_session().get_service_model("codepipeline")
    parser = create_parser("json")
    results = []
    for case in cases:
        op = model.operation_model(case["operation"])
        response = {
            "status_code": 200,
            "headers": {"x-amzn-requestid": "00000000-0000-0000-0000-000000000000"},
            "body": base64.b64decode(case["body"]),
        }
        parsed = parser.parse(response, op.output_shape)
        parsed.pop("ResponseMetadata", None)
        text = ""
        if parsed != {}:
            text = json.dumps(parsed, indent=4, ensure_ascii=False) + "\n"
        results.append(base64.b64encode(text.encode("utf-8")).decode("ascii"))
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
