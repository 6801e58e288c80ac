#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver for the browser tests, once. Run by `mvn verify`
# (process-test-classes); needs root or sudo the first time. Test tools never download browsers.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && fc-list :lang=zh 2>/dev/null | grep -q .; then
  exit 0
fi
echo "Installing chromium, chromium-driver and a Chinese font (Debian packages) for the browser tests…"
"$(dirname "$0")/apt-install.sh" chromium chromium-driver fonts-wqy-microhei
/usr/bin/chromium --version
