#!/usr/bin/env python3
"""Reference output of the AWS CLI's own formatters, for the output-writer tests.

Reads one JSON document on stdin:
    {"cases": [{"format": "text" | "table" | "json",
                "response": {...},            # the parsed response, as botocore gives it
                "title": "GetThirdPartyJobDetails",   # what aws passes as the command name
                "width": 80,                  # terminal width the table formatter sees
                "color": false}, ...]}
and writes one JSON list to stdout: for each case, the base64 of the UTF-8 bytes
the AWS CLI would print. Base64 keeps cases apart whatever bytes they contain.

Formatters are built the way `aws ... --output FORMAT --color on|off` builds them,
and they write to sys.stdout as aws does, so that colorama's stream wrapper (which
`--color on` installs) is part of the result exactly as on a real run.
"""

import argparse
import base64
import io
import json
import sys

import colorama
from awscli.formatter import get_formatter


def run_case(case):
    fmt = case['format']
    args = argparse.Namespace(
        query=None, color='on' if case.get('color') else 'off')
    # json keeps object members in document order, as botocore's parser does.
    response = case['response']
    real_stdout = sys.stdout
    captured = io.StringIO()
    sys.stdout = captured
    try:
        formatter = get_formatter(fmt, args)
        if fmt == 'table':
            # MultiTable only asks the terminal when it is given no width,
            # and it asks sys.stdout, which is not a terminal here.
            formatter.table._terminal_width = int(case.get('width', 80))
        formatter(case.get('title'), response)
        sys.stdout.flush()
    finally:
        if fmt == 'table' and case.get('color'):
            colorama.deinit()
        sys.stdout = real_stdout
    return captured.getvalue().encode('utf-8')


def main():
    request = json.loads(sys.stdin.buffer.read().decode('utf-8'))
    out = [base64.b64encode(run_case(case)).decode('ascii')
           for case in request['cases']]
    json.dump(out, sys.stdout)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
