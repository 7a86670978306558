#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Aide needs on Linux: libsecret headers to build keytar,
# gnome-keyring + D-Bus for a Secret Service (keychain tests), Chromium for end-to-end tests and
# Radicale, the CalDAV server the calendar-sync tests start.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  build-essential python3 libsecret-1-dev gnome-keyring dbus dbus-x11 chromium fonts-dejavu-core fonts-noto-color-emoji radicale
