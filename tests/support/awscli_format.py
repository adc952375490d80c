#!/usr/bin/env python3
"""Reference output of the AWS CLI's own formatters, for the output-writer tests.

Reads one JSON document on stdin:
    {"cases": [{"format": "text" | "table" | "json",
                "response": {...},            # the parsed response, as botocore gives it
                "title": "GetThirdPartyJobDetails",   # what aws passes as the command name
                "width": 80,                  # terminal width the table formatter sees
                "color": false,
                "query": true}, ...]}     # optional: "response" is a --query result
and writes one JSON list to stdout: for each case, the base64 of the UTF-8 bytes
the AWS CLI would print, or {"error": "...", "out": BASE64} with the message of
the exception the formatter raised (which aws prints on stderr, exiting 255)
and what it had printed before. Base64 keeps
cases apart whatever bytes they contain.

A --query result (any JSON value) reaches the formatters the way aws hands it
over: the answer goes in as a dict, and a real compiled JMESPath expression
selects the value from it after the formatter removed ResponseMetadata.

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
import jmespath
from awscli.formatter import get_formatter


class FormatterFailed(Exception):
    def __init__(self, error, printed):
        super().__init__(str(error))
        self.error = error
        self.printed = printed  # what reached stdout before the exception


def run_case(case):
    fmt = case['format']
    query = None
    # json keeps object members in document order, as botocore's parser does.
    response = case['response']
    if case.get('query'):
        query = jmespath.compile('selected')
        response = {'selected': response,
                    'ResponseMetadata': {'RequestId': 'reference'}}
    args = argparse.Namespace(
        query=query, color='on' if case.get('color') else 'off')
    real_stdout = sys.stdout
    captured = io.StringIO()
    sys.stdout = captured
    try:
        formatter = get_formatter(fmt, args)
        if fmt == 'table':
            # MultiTable only asks the terminal when it is given no width,
            # and it asks sys.stdout, which is not a terminal here.
            formatter.table._terminal_width = int(case.get('width', 80))
        try:
            formatter(case.get('title'), response)
        except Exception as e:
            raise FormatterFailed(e, captured.getvalue().encode('utf-8'))
        sys.stdout.flush()
    finally:
        if fmt == 'table' and case.get('color'):
            colorama.deinit()
        sys.stdout = real_stdout
    return captured.getvalue().encode('utf-8')


def main():
    request = json.loads(sys.stdin.buffer.read().decode('utf-8'))
    out = []
    for case in request['cases']:
        try:
            out.append(base64.b64encode(run_case(case)).decode('ascii'))
        except FormatterFailed as e:  # what aws reports for it: str(e) on stderr
            out.append({'error': str(e.error),
                        'out': base64.b64encode(e.printed).decode('ascii')})
    json.dump(out, sys.stdout)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
