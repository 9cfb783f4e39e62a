#!/usr/bin/env bash
# Install a Debian package when the command it provides is missing:
#   ensure-debian-package.sh COMMAND PACKAGE WHAT-FOR
# The browser tests drive Debian's chromium (Playwright cannot download its own here), and the
# Nu HTML Checker (vnu.jar, from npm's vnu-jar) runs on Java.
set -euo pipefail
command_name=$1 package=$2 purpose=$3
if command -v "$command_name" >/dev/null 2>&1; then exit 0; fi
echo "Installing Debian's $package for $purpose..."
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$package" >/dev/null
command -v "$command_name"
