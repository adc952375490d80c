#!/usr/bin/env python3
"""Checks the window's translation catalogues (translations/jobdesk_*.ts).

Fails when a catalogue
  - has a message left unfinished, obsolete or vanished;
  - has a translation whose placeholders (%1, %2, %n) or mnemonic (one "&",
    "&&" being a literal ampersand) differ from the source's, or whose HTML
    tags differ;
  - is out of step with the sources: lupdate, run over the same sources as the
    update_translations target, would add or drop a message (a string added
    without its translations, or one left behind after it was removed);
and when lupdate cannot tell a tr() call's context (a class without Q_OBJECT or
Q_DECLARE_TR_FUNCTIONS), since the translation would then never be found.

Usage: check-catalogues.py LUPDATE SOURCE_ROOT SOURCES_LIST TS_FILE...
(SOURCE_ROOT is src/, which the includes are written from.)
"""
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r"%(?:n|L?\d{1,2})")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")


def mnemonics(text):
    return len(re.findall(r"&(?!&)", text.replace("&&", "")))


def messages(path):
    """(context, source, comment) -> (message element) for every message of a catalogue."""
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            found[key] = message
    return found


def check_translations(path):
    problems = []
    for (context, source, _), message in messages(path).items():
        where = f"{os.path.basename(path)}: {context}: {source!r}"
        translation = message.find("translation")
        kind = translation.get("type")
        if kind in ("unfinished", "obsolete", "vanished"):
            problems.append(f"{where} is {kind}")
            continue
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for text in forms:
            if not text.strip():
                problems.append(f"{where} has an empty translation")
                continue
            if collections.Counter(PLACEHOLDER.findall(text)) != collections.Counter(PLACEHOLDER.findall(source)):
                problems.append(f"{where}: placeholders differ in {text!r}")
            if mnemonics(text) != mnemonics(source):
                problems.append(f"{where}: mnemonics differ in {text!r}")
            if sorted(TAG.findall(text)) != sorted(TAG.findall(source)):
                problems.append(f"{where}: HTML tags differ in {text!r}")
    return problems


def check_in_step(lupdate, include_root, sources, ts_files):
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        copies = []
        for path in ts_files:
            copy = os.path.join(scratch, os.path.basename(path))
            shutil.copyfile(path, copy)
            copies.append(copy)
        run = subprocess.run([lupdate, "-I", include_root, *sources, "-no-obsolete", "-locations", "none", "-ts", *copies],
                             capture_output=True, text=True, check=False)
        if run.returncode != 0:
            return [f"lupdate failed: {run.stdout}{run.stderr}"]
        for line in (run.stdout + run.stderr).splitlines():
            if "lacks Q_OBJECT macro" in line or "Cannot invoke tr()" in line:
                problems.append(f"lupdate cannot tell the context of a tr() call: {line.strip()}")
        for path, copy in zip(ts_files, copies):
            ours = set(messages(path))
            fresh = set(messages(copy))
            name = os.path.basename(path)
            for key in sorted(fresh - ours):
                problems.append(f"{name}: not in the catalogue (run the update_translations target and "
                                f"translate it): {key[0]}: {key[1]!r}")
            for key in sorted(ours - fresh):
                problems.append(f"{name}: no longer in the sources: {key[0]}: {key[1]!r}")
    return problems


def main():
    if len(sys.argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    lupdate, include_root, sources_list, ts_files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    with open(sources_list, encoding="utf-8") as listing:
        sources = [line.strip() for line in listing if line.strip()]
    problems = []
    for path in ts_files:
        problems += check_translations(path)
    problems += check_in_step(lupdate, include_root, sources, ts_files)
    for problem in problems:
        print(problem)
    print(f"{len(ts_files)} catalogues, {sum(len(messages(p)) for p in ts_files)} messages, "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
