#!/usr/bin/env bash
# Runs a command with a real, private OS keychain: gnome-keyring's Secret Service on a private
# D-Bus session, with a fresh keyring folder, so tests use the real thing without touching the
# user's own keychain. Where the tools are missing it says so and runs the command as it is.
set -euo pipefail
if [ -n "${PORTAL_PRIVATE_KEYRING:-}" ]; then exec "$@"; fi
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: no dbus-run-session or gnome-keyring-daemon (apt-get install gnome-keyring dbus-x11):" \
    "the keychain tests will find no keychain." >&2
  exec "$@"
fi
XDG_DATA_HOME="$(mktemp -d)"
export XDG_DATA_HOME PORTAL_PRIVATE_KEYRING=1
exec dbus-run-session -- bash -c '
  echo -n "portal-test-keyring" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
  exec "$@"' with-keyring "$@"
