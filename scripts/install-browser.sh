#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver for the browser tests, once. Run by `mvn verify`
# (process-test-classes); needs root or sudo the first time. Test tools never download browsers.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && fc-list :lang=zh 2>/dev/null | grep -q .; then
  exit 0
fi
echo "Installing chromium, chromium-driver and a Chinese font (Debian packages) for the browser tests…"
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
for attempt in 1 2 3; do
  if $SUDO apt-get update -qq; then break; fi
  echo "apt-get update failed (attempt $attempt), retrying…"; sleep 5
done
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei >/dev/null
/usr/bin/chromium --version
