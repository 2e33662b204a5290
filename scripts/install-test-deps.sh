#!/usr/bin/env bash
# Everything the tests need, on a fresh Debian machine as root (or with sudo): Chromium, CJK fonts,
# Pango and HarfBuzz (WeasyPrint, for build --pdf), Java (Nu HTML Checker), Node.js/npm (tests/node: axe-core, vnu-jar, Lighthouse) and the venv.
# Idempotent and quiet: a second run installs nothing unless a lock (requirements/lock.txt, the npm lock)
# or pyproject.toml changed.
# Never runs `playwright install`: the browser tests drive Debian's /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

quietly() {   # run a command, showing its output only if it fails
  local log; log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; return 1; fi
  rm -f "$log"
}

packages=()
command -v chromium >/dev/null || packages+=(chromium)
command -v java >/dev/null || packages+=(default-jre-headless)
{ fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; } || dpkg -s fonts-noto-cjk >/dev/null 2>&1 || packages+=(fonts-noto-cjk)
command -v npm >/dev/null || packages+=(nodejs npm)
# WeasyPrint (build --pdf) draws text with Pango and subsets fonts with HarfBuzz
for lib in libpango-1.0-0:libpango-1.0.so.0 libpangoft2-1.0-0:libpangoft2-1.0.so.0 libharfbuzz-subset0:libharfbuzz-subset.so.0; do
  ldconfig -p 2>/dev/null | grep -q "${lib#*:}" || packages+=("${lib%%:*}")
done
command -v python3 >/dev/null || packages+=(python3)
python3 -c "import ensurepip, venv" 2>/dev/null || packages+=(python3-venv)
if [ ${#packages[@]} -gt 0 ]; then
  quietly $SUDO apt-get update -qq
  quietly $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"
fi

# Node (in the background, while pip works): the pinned tools from tests/node/package-lock.json
# (install scripts are not needed: vnu-jar's only downloads a Java runtime, and Java comes from apt
# above). --prefer-offline: what npm's cache holds (CI restores it) is not fetched again.
node_stamp=tests/node/node_modules/.package-lock.sha256
node_want=$(sha256sum tests/node/package-lock.json | cut -d' ' -f1)
node_pid=""
if [ "$(cat "$node_stamp" 2>/dev/null)" != "$node_want" ]; then
  (cd tests/node && quietly npm ci --ignore-scripts --no-audit --no-fund --prefer-offline) &
  node_pid=$!
fi

# Python: the venv with exactly the locked versions (requirements/lock.txt) and the package.
source scripts/venv.sh

if [ -n "$node_pid" ]; then
  wait "$node_pid"
  echo "$node_want" > "$node_stamp"
fi
