#!/usr/bin/env bash
# Lighthouse over a few pages of the real site, served locally by http.server.
#
#   bash tests/node/lighthouse.sh [REPORT_DIR]      (default: tests/_output/lighthouse)
#
# The site is built with an absolute base URL pointing at the local server (canonical and hreflang
# links must be absolute for the SEO audits, as they are on the deployed site). Writes one JSON
# report per page plus summary.json, and prints a Markdown table of the scores (see tests/LIGHTHOUSE.md).
# Needs scripts/install-test-deps.sh (the venv, tests/node/node_modules, Chromium).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPORTS=$(realpath -m "${1:-tests/_output/lighthouse}")
PAGES=${LIGHTHOUSE_PAGES:-"zh/ en/ en/papers/neuron-alignment-mode-connectivity/ zh/bibliography/"}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
FLAGS="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run --disable-sync"
LIGHTHOUSE=tests/node/node_modules/.bin/lighthouse
[ -x "$LIGHTHOUSE" ] || { echo "lighthouse missing: run scripts/install-test-deps.sh" >&2; exit 2; }

PORT=${LIGHTHOUSE_PORT:-$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() { [ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

.venv/bin/python build.py build --site . --out "$WORK/public" --base-url "http://127.0.0.1:$PORT/" >"$WORK/build.log" 2>&1 \
  || { cat "$WORK/build.log" >&2; exit 1; }
.venv/bin/python -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK/public" >/dev/null 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do
  .venv/bin/python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/')" 2>/dev/null && break
  sleep 0.1
done

mkdir -p "$REPORTS"
for page in $PAGES; do
  name=$(echo "${page%/}" | tr '/' '-')
  "$LIGHTHOUSE" "http://127.0.0.1:$PORT/$page" --quiet --chrome-flags="$FLAGS" \
    --only-categories=performance,accessibility,best-practices,seo \
    --output=json --output-path="$REPORTS/$name.json"
done

.venv/bin/python - "$REPORTS" $PAGES <<'EOF'
import json, sys
from pathlib import Path
reports, pages = Path(sys.argv[1]), sys.argv[2:]
cats = ["performance", "accessibility", "best-practices", "seo"]
summary, rows = {}, []
for page in pages:
    report = json.loads((reports / (page.rstrip("/").replace("/", "-") + ".json")).read_text())
    scores = {c: round(report["categories"][c]["score"] * 100) for c in cats}
    failed = sorted(a["id"] for a in report["audits"].values()
                    if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary")
    summary["/" + page] = {"scores": scores, "failed_binary_audits": failed,
                           "lighthouse": report["lighthouseVersion"], "form_factor": report["configSettings"]["formFactor"]}
    rows.append(f"| `/{page}` | " + " | ".join(str(scores[c]) for c in cats) + " | " + (", ".join(failed) or "none") + " |")
(reports / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
print("| page | performance | accessibility | best practices | SEO | failed audits |")
print("|---|---|---|---|---|---|")
print("\n".join(rows))
EOF
