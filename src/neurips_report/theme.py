"""Where templates/, static/ and the interface strings come from: the site's own, or the bundled default theme."""

from __future__ import annotations

from pathlib import Path

PACKAGE_THEME = Path(__file__).resolve().parent / "theme"
REPO_ROOT = Path(__file__).resolve().parents[2]


def theme_dir(site_root: Path, name: str) -> Path:
    """site_root/name if the site has one, else the bundled theme's."""
    for candidate in (site_root / name, PACKAGE_THEME / name, REPO_ROOT / name):
        if candidate.is_dir():
            return candidate
    return site_root / name


def bundled_i18n() -> Path:
    """The interface strings that travel with the package (in a checkout: the repository's content/i18n)."""
    packaged = PACKAGE_THEME / "i18n"
    return packaged if packaged.is_dir() else REPO_ROOT / "content" / "i18n"
