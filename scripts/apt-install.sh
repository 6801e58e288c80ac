#!/usr/bin/env bash
# Installs Debian packages (root, or sudo), retrying the index update that a busy mirror sometimes refuses.
#   scripts/apt-install.sh PACKAGE...
set -euo pipefail
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
for attempt in 1 2 3; do
  if $SUDO apt-get update -qq; then break; fi
  echo "apt-get update failed (attempt $attempt), retrying…"; sleep 5
done
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
