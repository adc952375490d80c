#!/bin/sh
# Compiles the Windows-only code with the MinGW-w64 cross compiler (syntax only:
# there is no Qt for Windows here to link against), so a Linux-only CI still
# catches a Windows file that no longer compiles. Checked: every src/**/*_windows.cpp,
# the platform layer's shared rules, and every source that has a Q_OS_WIN or _WIN32
# branch. Qt's Linux headers stand in for Windows ones: QtCore's public headers pick
# the platform from the compiler's own macros, which is all these files need.
# They are included as system headers, so their own warnings under MinGW do not count.
# Usage: tests/static/check-windows-syntax.sh
set -eu
cd "$(dirname "$0")/../.."

cxx=""
for candidate in x86_64-w64-mingw32-g++-posix x86_64-w64-mingw32-g++; do
    if command -v "$candidate" >/dev/null 2>&1; then
        cxx=$candidate
        break
    fi
done
if [ -z "$cxx" ]; then
    echo "check-windows-syntax: x86_64-w64-mingw32-g++ is missing (Debian: apt install g++-mingw-w64-x86-64-posix)" >&2
    exit 1
fi

qt_include=$(qmake6 -query QT_INSTALL_HEADERS 2>/dev/null || echo /usr/include/x86_64-linux-gnu/qt6)
# QtKeychain's headers sit in /usr/include beside glibc's, which must not shadow
# MinGW's: a folder holding only links to them stands in for it.
links=$(mktemp -d "${TMPDIR:-/tmp}/jobdesk-mingw.XXXXXX")
trap 'rm -rf "$links"' EXIT
for dir in qt6keychain nlohmann; do
    if [ -d "/usr/include/$dir" ]; then
        ln -s "/usr/include/$dir" "$links/$dir"
    fi
done

# The flags and definitions of jobdesk_common (cmake/JobDeskCommon.cmake), warnings as errors.
set -- -std=c++20 -fsyntax-only -Werror \
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align \
    -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough \
    -DUNICODE -D_UNICODE -DNDEBUG \
    -DQT_NO_CAST_FROM_ASCII -DQT_NO_CAST_TO_ASCII -DQT_NO_CAST_FROM_BYTEARRAY \
    -DQT_NO_NARROWING_CONVERSIONS_IN_CONNECT -DQT_NO_URL_CAST_FROM_STRING -DQT_USE_QSTRINGBUILDER \
    -DQT_NO_FOREACH -DQT_DISABLE_DEPRECATED_BEFORE=0x060400 -DJOBDESK_VERSION='"0"' \
    -Isrc -isystem "$qt_include" -isystem "$qt_include/QtCore" -isystem "$qt_include/QtNetwork" -isystem "$links"

files=$( (
    git ls-files 'src/*_windows.cpp'
    git ls-files 'src/core/platform/*.cpp' | grep -v '_posix\.cpp$' | grep -v '_windows\.cpp$'
    git grep -lE 'Q_OS_WIN|_WIN32' -- 'src/*.cpp' || true
) | sort -u)

failed=0
count=0
for file in $files; do
    count=$((count + 1))
    if ! "$cxx" "$@" "$file"; then
        echo "check-windows-syntax: $file does not compile for Windows" >&2
        failed=1
    fi
done
if [ "$failed" -ne 0 ]; then
    exit 1
fi
echo "check-windows-syntax: OK ($count files with $cxx)"
