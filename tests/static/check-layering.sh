#!/bin/sh
# Checks the arrows between the parts (docs/architecture.md) in the sources
# themselves, so that an include the build would tolerate still fails CI:
#   core   includes no other part, and no Qt GUI or Widgets header;
#   fake   includes core only;      cli includes core only;
#   gui    includes core only (never fake: demo mode is wired in app).
# Usage: tests/static/check-layering.sh
set -eu
cd "$(dirname "$0")/../.."

qt_include=$(qmake6 -query QT_INSTALL_HEADERS 2>/dev/null || echo /usr/include/x86_64-linux-gnu/qt6)
failed=0

# $1: folder under src; $2: the parts it may include (a regular expression).
check_parts() {
    bad=$(grep -rnE '^\s*#\s*include\s+"[a-z]+/' "src/$1" \
        | grep -vE "#\s*include\s+\"($2)/" || true)
    if [ -n "$bad" ]; then
        printf '%s\n' "$bad"
        echo "check-layering: src/$1 may include only: $2" >&2
        failed=1
    fi
}

check_parts core 'core'
check_parts fake 'core|fake'
check_parts cli 'core|cli'
check_parts gui 'core|gui'
check_parts app 'core|gui|fake|app'

# Core is Qt Core and Network: no header of Qt GUI or Qt Widgets, by name or by class.
for header in $(grep -rhoE '^\s*#\s*include\s+<Q[A-Za-z/]+>' src/core | sed -E 's/.*<([^>]+)>.*/\1/' | sort -u); do
    case "$header" in
    QtGui/* | QtWidgets/*) found=$header ;;
    *) found="" ;;
    esac
    for module in QtGui QtWidgets; do
        if [ -e "$qt_include/$module/$header" ]; then
            found="$module/$header"
        fi
    done
    if [ -n "$found" ]; then
        grep -rnE "#\s*include\s+<$header>" src/core
        echo "check-layering: src/core includes $found; core is Qt Core and Network only" >&2
        failed=1
    fi
done

if [ "$failed" -ne 0 ]; then
    exit 1
fi
echo "check-layering: OK"
