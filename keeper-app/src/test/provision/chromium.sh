#!/usr/bin/env sh
# Installs Debian's chromium for the browser tests (HtmlReportIT) when the machine has none: a fresh machine of this
# kind has no browser, and Debian's package is the one that installs and renders headless here (../shared/design/TRAPS.md).
set -eu
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root="sudo -n"
else
  echo "provision: the browser tests need Debian's chromium; install it as root: apt-get install chromium" >&2
  exit 1
fi
echo "provision: installing Debian's chromium for the browser tests (apt-get)" >&2
$as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium >/dev/null
[ -x /usr/bin/chromium ] || { echo "provision: apt-get ran but /usr/bin/chromium is still missing" >&2; exit 1; }
