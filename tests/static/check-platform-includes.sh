#!/bin/sh
# POSIX and Win32 calls live in src/core/platform only (docs/architecture.md):
# no other source includes unistd.h, termios.h, fcntl.h, a sys/ header,
# windows.h or another Win32 header. Tests may include them only where they test
# the system's own behaviour, and say so in the list below.
# Usage: tests/static/check-platform-includes.sh
set -eu
cd "$(dirname "$0")/../.."

# POSIX: unistd termios fcntl pwd grp dlfcn poll signal(.h) sys/* arpa/* netinet/* netdb
# Win32: windows winsock* ws2* io.h conio process.h aclapi sddl wincred shlobj shellapi...
pattern='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](unistd|termios|fcntl|pwd|grp|dlfcn|poll|signal|netdb|pty|spawn|sys/[^>"]*|arpa/[^>"]*|netinet/[^>"]*|windows|winsock2?|ws2[a-z]*|io|conio|direct|process|aclapi|accctrl|sddl|wincred|winbase|winnt|winerror|shlobj|shellapi|tlhelp32|psapi|dbghelp|werapi|qt_windows)\.h[>"]'

# Tests of what the kernel itself reports, which the platform layer cannot check on itself.
allowed='
tests/core/platform/tst_processhardening.cpp
tests/core/platform/tst_terminal.cpp
'

found=$(git grep -nE "$pattern" -- 'src/*' 'tests/*' 'bench/*' ':!src/core/platform/*' || true)
bad=""
if [ -n "$found" ]; then
    bad=$(printf '%s\n' "$found" | while IFS= read -r line; do
        file=${line%%:*}
        if ! printf '%s\n' "$allowed" | grep -qxF "$file"; then
            printf '%s\n' "$line"
        fi
    done)
fi
if [ -n "$bad" ]; then
    printf '%s\n' "$bad"
    echo "check-platform-includes: system headers belong in src/core/platform; call its interface instead" >&2
    exit 1
fi
echo "check-platform-includes: OK"
