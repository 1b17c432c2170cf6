#!/usr/bin/env bash
# Make sure Debian's chromium is installed at /usr/bin/chromium: the HTML report's browser test
# (properties/html-report.browser.test.ts) drives it headless through playwright-core, which downloads
# no browser of its own.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium fonts-dejavu-core
[ -x /usr/bin/chromium ] || { echo "ensure-chromium: /usr/bin/chromium still missing after apt-get install" >&2; exit 1; }
