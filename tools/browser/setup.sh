#!/usr/bin/env bash
# Installs what the browser test needs, from Debian's packages and the npm registry only:
# Chromium (Debian's, at /usr/bin/chromium) if it is missing, and playwright-core from the
# committed lockfile. playwright-core downloads no browser of its own.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y chromium
fi

npm ci --no-audit --no-fund
