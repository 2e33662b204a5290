"""Where templates/, static/ and the interface strings come from: the bundled default theme, with any file
the site puts at the same path under its own templates/ or static/ in its place (as Hugo and MkDocs themes)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_THEME = Path(__file__).resolve().parent            # the wheel bundles templates/ and static/ here
REPO_ROOT = Path(__file__).resolve().parents[3]


def bundled_dir(name: str) -> Path:
    """The bundled theme's templates/ or static/ (in a checkout: the repository's own)."""
    packaged = PACKAGE_THEME / name
    return packaged if packaged.is_dir() else REPO_ROOT / name


def theme_dirs(site_root: Path, name: str) -> tuple[Path, ...]:
    """The folders a templates/ or static/ file is looked up in, first match wins: the site's, then the bundled."""
    own, bundled = site_root / name, bundled_dir(name)
    if not own.is_dir():
        return (bundled,)
    if not bundled.is_dir() or own.resolve() == bundled.resolve():
        return (own,)
    return (own, bundled)


def bundled_i18n() -> Path:
    """The interface strings that travel with the package (in a checkout: the repository's content/i18n)."""
    packaged = PACKAGE_THEME / "i18n"
    return packaged if packaged.is_dir() else REPO_ROOT / "content" / "i18n"
