"""Parses shorthand values with the installed AWS CLI's own parser, for tst_shorthandparser.

Reads a JSON list of strings on stdin; prints a JSON list with, for each, either
{"value": ...} or {"error": "<the message the AWS CLI would show>"}.
"""
import json
import sys

from awscli.shorthand import ShorthandParser, ShorthandParseError

results = []
for text in json.load(sys.stdin):
    try:
        results.append({"value": ShorthandParser().parse(text)})
    except ShorthandParseError as e:
        results.append({"error": str(e)})
json.dump(results, sys.stdout, ensure_ascii=False)
