#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring, so keychain
# tests use a real Secret Service and never touch the user's own keyring.
set -euo pipefail
if [ -z "${AIDE_KEYRING_SESSION:-}" ]; then
  XDG_DATA_HOME="$(mktemp -d)"
  export XDG_DATA_HOME AIDE_KEYRING_SESSION=1
  exec dbus-run-session -- bash "$0" "$@"
fi
printf 'aide-test-keyring' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
exec "$@"
