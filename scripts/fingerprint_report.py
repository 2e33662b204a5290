#!/usr/bin/env python3
"""Write content/data/report-fingerprint.json from the source report (../shared/seed/).

The fingerprint holds keyed, truncated hashes of the report's character and word n-grams (the sizes
the originality checks use), never its text, so the checks run where the report is absent (CI).
Re-run it when the report or the n-gram sizes in tests/content/overlap.py change:

    .venv/bin/python scripts/fingerprint_report.py [path/to/report.txt]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "content"))
import overlap  # noqa: E402


def main(argv: list[str]) -> int:
    seed = Path(argv[1]) if len(argv) > 1 else overlap.SEED
    if not seed.is_file():
        print(f"{seed}: no such file (the source report lives in ../shared/seed/)", file=sys.stderr)
        return 1
    data = overlap.build_fingerprint(seed.read_text(encoding="utf-8"))
    overlap.FINGERPRINT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    sizes = ", ".join(f"{name}: {len(blob) // (2 * overlap.HASH_BYTES)}" for name, blob in data["sets"].items())
    print(f"wrote {overlap.FINGERPRINT.relative_to(overlap.ROOT)} ({sizes})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
