#!/usr/bin/env bash
# The Nu HTML Checker (vnu.jar, from npm's vnu-jar) runs on Java 11 or later.
set -euo pipefail
if command -v java >/dev/null 2>&1; then exit 0; fi
echo "Installing Debian's Java runtime for the Nu HTML Checker..."
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jre-headless >/dev/null
command -v java
