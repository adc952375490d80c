#!/usr/bin/env python3
"""Runs many AWS CLI command lines in one Python process, for comparisons.

Starting `aws` costs about a second (imports, service models); a table of
hundreds of command lines would spend minutes on that alone. This runs the
AWS CLI's own entry point in-process, once per command line, with a fresh
driver and session each time, so parsing, the real HTTP call to the endpoint
given on the command line, --query and the formatters all run as in `aws`.
Only botocore's data loader (which reads the service models, static files,
and caches them) is shared between the sessions, as it is the bulk of the
cost of each start.

Reads one JSON document on stdin:
    {"runs": [["codepipeline", "get-third-party-job-details", ...], ...]}
and writes one JSON object to stdout:
    {"version": "2.9.19",
     "results": [{"rc": 0, "out": BASE64, "err": BASE64}, ...]}
with the exit code and the exact bytes of stdout and stderr of each run.
Run it with the interpreter the AWS CLI to test runs on (the one its `aws`
script names), so that it imports that CLI's awscli package.
"""

import base64
import io
import json
import sys

import awscli
import awscli.clidriver


def share_data_loader():
    session_module = awscli.clidriver.botocore.session
    create_loader = session_module.create_loader
    loaders = {}

    def shared(search_path_string=None):
        if search_path_string not in loaders:
            loaders[search_path_string] = create_loader(search_path_string)
        return loaders[search_path_string]

    session_module.create_loader = shared


def entry_point(args):
    # The AWS CLI v2 starts through AWSCLIEntryPoint, v1 through a bare driver.
    if hasattr(awscli.clidriver, 'AWSCLIEntryPoint'):
        return awscli.clidriver.AWSCLIEntryPoint().main(args)
    return awscli.clidriver.create_clidriver().main(args)


def run(args):
    out = io.BytesIO()
    err = io.BytesIO()
    real = sys.stdout, sys.stderr
    # What a pipe gives `aws` under a UTF-8 locale: strict UTF-8 on stdout,
    # backslash escapes for what stderr cannot encode.
    sys.stdout = io.TextIOWrapper(out, encoding='utf-8', errors='strict',
                                  newline='\n', write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding='utf-8',
                                  errors='backslashreplace', newline='\n',
                                  write_through=True)
    try:
        try:
            rc = entry_point(args)
        except SystemExit as e:  # argparse ends usage errors with sys.exit()
            rc = e.code if isinstance(e.code, int) else 1
        sys.stdout.flush()
        sys.stderr.flush()
        out_bytes, err_bytes = out.getvalue(), err.getvalue()
    finally:
        sys.stdout, sys.stderr = real
    return {'rc': rc if rc is not None else 0,
            'out': base64.b64encode(out_bytes).decode('ascii'),
            'err': base64.b64encode(err_bytes).decode('ascii')}


def main():
    sys.argv[0] = 'aws'  # argparse names the program after it in usage errors
    share_data_loader()
    request = json.loads(sys.stdin.buffer.read().decode('utf-8'))
    results = [run(list(args)) for args in request['runs']]
    json.dump({'version': awscli.__version__, 'results': results}, sys.stdout)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
