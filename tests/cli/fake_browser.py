#!/usr/bin/env python3
# A stand-in for a person's browser, for $BROWSER in tests: opens the page it is given
# and follows its redirects, as a browser does when the sign-in is approved at once.
# It records the address it was given in the file $FAKE_BROWSER_LOG names.
import os
import sys
import urllib.request

url = sys.argv[1]
log = os.environ.get("FAKE_BROWSER_LOG")
if log:
    with open(log, "a", encoding="utf-8") as f:
        f.write(url + "\n")
with urllib.request.urlopen(url, timeout=30) as answer:
    answer.read()
