"""Where templates/ and static/ come from: the site's own, or the bundled default theme."""

from __future__ import annotations

from pathlib import Path

PACKAGE_THEME = Path(__file__).resolve().parent            # the wheel bundles templates/ and static/ here
REPO_ROOT = Path(__file__).resolve().parents[3]


def theme_dir(site_root: Path, name: str) -> Path:
    """site_root/name if the site has one, else the bundled theme's."""
    for candidate in (site_root / name, PACKAGE_THEME / name, REPO_ROOT / name):
        if candidate.is_dir():
            return candidate
    return site_root / name
