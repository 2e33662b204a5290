"""The search index: Pagefind's extended build (segments unspaced Chinese) over the output."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path


class SearchIndexError(Exception):
    pass


def pagefind_binary() -> str:
    try:
        from pagefind.service import _must_get_executable
    except ImportError as exc:  # pragma: no cover - pagefind[extended] is a dependency
        raise SearchIndexError("pagefind is not installed: pip install 'pagefind[extended]'") from exc
    return str(_must_get_executable())


def index_site(site_dir: Path) -> None:
    """Write <site_dir>/pagefind/ (one index per page language)."""
    result = subprocess.run([pagefind_binary(), "--site", str(site_dir), "--silent"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError("pagefind failed: " + (result.stderr or result.stdout).strip()[-2000:])
    _sort_entry_languages(site_dir / "pagefind" / "pagefind-entry.json")


def _sort_entry_languages(entry: Path) -> None:
    """Pagefind writes its languages in hash-map order; sort them so two builds are byte-identical."""
    if not entry.is_file():
        return
    data = json.loads(entry.read_text(encoding="utf-8"))
    if isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
