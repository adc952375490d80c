#!/bin/sh
# Runs a command (usually ctest) inside a private D-Bus session that has its own
# throwaway, unlocked GNOME Keyring, so keychain tests exercise a real Secret
# Service without a desktop, without prompts, and without touching the user's
# own keyrings. Usage: tests/support/with-keychain.sh COMMAND [ARG...]
set -eu

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with-keychain.sh: '$tool' is not installed (Debian: apt install dbus gnome-keyring)" >&2
        exit 127
    fi
done

# Keyrings and the daemon's sockets live in a fresh folder that is removed
# afterwards; every run starts from an empty keychain.
JOBDESK_KEYCHAIN_HOME=$(mktemp -d "${TMPDIR:-/tmp}/jobdesk-keychain.XXXXXX")
trap 'rm -rf "$JOBDESK_KEYCHAIN_HOME"' EXIT
trap 'exit 130' INT TERM
mkdir -m 700 "$JOBDESK_KEYCHAIN_HOME/data" "$JOBDESK_KEYCHAIN_HOME/runtime"
XDG_DATA_HOME="$JOBDESK_KEYCHAIN_HOME/data"
XDG_RUNTIME_DIR="$JOBDESK_KEYCHAIN_HOME/runtime"
export JOBDESK_KEYCHAIN_HOME XDG_DATA_HOME XDG_RUNTIME_DIR

# QtKeychain picks KWallet on a KDE session; pin it to the Secret Service we start.
XDG_CURRENT_DESKTOP=GNOME
export XDG_CURRENT_DESKTOP
unset DESKTOP_SESSION KDE_FULL_SESSION KDE_SESSION_VERSION GNOME_KEYRING_CONTROL || true

# gnome-keyring 42 only creates and unlocks the login keyring when it is given a
# non-empty password on stdin (an empty one leaves it asking a GUI prompter that
# cannot open headless). The keyring is thrown away, so a fixed password is fine.
dbus-run-session -- sh -c '
    set -eu
    if ! out=$(printf "%s" "jobdesk-test-keyring" | gnome-keyring-daemon --unlock --components=secrets); then
        echo "with-keychain.sh: gnome-keyring-daemon could not start" >&2
        exit 1
    fi
    # It prints VAR=value lines (e.g. GNOME_KEYRING_CONTROL) for the session.
    for assignment in $out; do
        case "$assignment" in
            *=*) export "$assignment" ;;
        esac
    done
    exec "$@"
' with-keychain "$@"
