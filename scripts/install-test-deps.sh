#!/usr/bin/env bash
# Everything the tests need, on a fresh Debian machine as root (or with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
need_apt=0
for bin in chromium java; do command -v "$bin" >/dev/null || need_apt=1; done
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need_apt=1
if [ "$need_apt" = 1 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk default-jre-headless >/dev/null
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip >/dev/null
.venv/bin/pip install -q -e ".[test]"
if command -v npm >/dev/null; then
  (cd tests/node && npm ci --silent --no-audit --no-fund >/dev/null 2>&1 || npm install --silent --no-audit --no-fund >/dev/null)
fi
