"""The search index: Pagefind's extended build (segments unspaced Chinese) over the output."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
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
    index_into(site_dir, site_dir / "pagefind")


def reindex_site(site_dir: Path) -> None:
    """Index a site again: the new bundle is written beside it, then replaces the old one."""
    bundle = new_bundle_dir(site_dir)
    try:
        index_into(site_dir, bundle)
    except BaseException:
        shutil.rmtree(bundle, ignore_errors=True)
        raise
    replace_index(site_dir, bundle)


def new_bundle_dir(site_dir: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.pagefind-", dir=site_dir.parent))


def index_into(site_dir: Path, bundle: Path) -> None:
    """Pagefind over site_dir, its bundle written to `bundle`."""
    result = subprocess.run([pagefind_binary(), "--site", str(site_dir), "--silent", "--output-path", str(bundle)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError("pagefind failed: " + (result.stderr or result.stdout).strip()[-2000:])
    _sort_entry_languages(bundle / "pagefind-entry.json")


def replace_index(site_dir: Path, bundle: Path) -> None:
    """Make `bundle` the site's pagefind/ folder."""
    current = site_dir / "pagefind"
    old = bundle.with_name(bundle.name + "-old")
    if current.exists():
        current.rename(old)
    bundle.rename(current)
    shutil.rmtree(old, ignore_errors=True)


def _sort_entry_languages(entry: Path) -> None:
    """Pagefind writes its languages in hash-map order; sort them so two builds are byte-identical."""
    if not entry.is_file():
        return
    data = json.loads(entry.read_text(encoding="utf-8"))
    if isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
