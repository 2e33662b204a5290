"""`new`: create the Markdown files of a new entry in every language, never overwriting."""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from pathlib import Path

import yaml

from ..check.placeholders import PLACEHOLDER_BODY, PLACEHOLDER_PREFIX
from ..load.lists import normalise_title
from ..model.kinds import BY_NAME, PAPER_TYPES
from .paper_lookup import (LookupRefused, append_bib_entry, bib_entry, find_record, front_matter,
                           official_records, refuse_second_entry)

LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)?$")
# what `new` writes where the editor has to write: check/placeholders.py warns while any of it is left
BIB_KEY_RE = re.compile(r"^[ \t]*@(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.MULTILINE)


class ScaffoldError(Exception):
    pass


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].rstrip("-")


def site_settings(site_root: Path) -> dict:
    path = site_root / "content" / "site.yaml"
    if not path.is_file():
        raise ScaffoldError(f"{path} not found: run this in a site folder or pass --site")
    try:
        site = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ScaffoldError(f"cannot read {path}: {str(exc).splitlines()[0]}; `check` shows the problem") from None
    if not isinstance(site, dict):
        raise ScaffoldError(f"{path} is not a set of 'key: value' fields; `check` shows the problem")
    return site


def scaffold(site_root: Path, kind: str, *, slug=None, title=None, track=None, bib=None, ptype=None, order=None,
             force=False) -> list[Path]:
    site = site_settings(site_root)
    languages = site.get("languages") or []
    if not isinstance(languages, list) or not all(isinstance(c, str) and LANG_RE.match(c) for c in languages):
        raise ScaffoldError("site.yaml's 'languages' must be a list of language codes such as [zh, en]")
    meta: dict = {"title": title or PLACEHOLDER_PREFIX + "title"}
    if kind == "paper":
        records = official_records(site_root, site)
        try:
            record = (find_record(records, title, force) if records and title else None) or {}
            refuse_second_entry(site_root, record.get("title") or title or "")
        except LookupRefused as exc:
            raise ScaffoldError(str(exc)) from None
        if record:
            meta["title"] = record["title"]
        meta["authors"] = record.get("authors") or [PLACEHOLDER_PREFIX + "author"]
        meta["type"] = ptype or (record.get("type") if record.get("type") in PAPER_TYPES else None) or "poster"
        if track:
            meta["track"] = track
        meta["bib"] = bib or _bib_key(meta["authors"], site, meta["title"])
        if record.get("url"):
            meta["url"] = record["url"]
    elif kind == "talk":
        meta["speaker"] = PLACEHOLDER_PREFIX + "speaker"
    if order is not None or kind in ("section", "talk"):
        meta["order"] = order if order is not None else 100
    slug = slug or slugify(meta["title"] if title else "")
    if not slug or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
        raise ScaffoldError("give a --slug (lowercase letters, digits and '-') or a --title to derive it from")
    folder = site_root / "content" / BY_NAME[kind].folder
    paths = [folder / f"{slug}.{lang}.md" for lang in languages]
    existing = [p for p in paths if os.path.lexists(p)]
    if existing:
        raise ScaffoldError(f"{existing[0]} already exists; nothing was written")
    folder.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    written = []
    try:
        for path, lang in zip(paths, languages):
            with open(path, "x", encoding="utf-8") as file:     # "x": never replace a file, nor follow a link
                written.append(path)
                file.write(f"---\n{front}---\n{PLACEHOLDER_BODY.format(lang=lang)}\n")
    except FileExistsError:
        for path in written:
            path.unlink()
        raise ScaffoldError(f"{path} appeared while writing; nothing was written") from None
    return paths


def add_official_bib(site_root: Path, paths: list[Path]) -> str | None:
    """For a just-written paper of the official list whose bib key is not in references.bib, append the entry
    made from the list; returns the key added, or None."""
    site = site_settings(site_root)
    meta = front_matter(paths[0]) if paths else {}
    records = official_records(site_root, site) or []
    record = next((r for r in records if r["title"] == meta.get("title")), None)
    bib_path = site_root / "content" / "references.bib"
    key = meta.get("bib")
    if record is None or not isinstance(key, str) or key in _bib_keys(bib_path):
        return None
    append_bib_entry(bib_path, bib_entry(key, record, site))
    return key


def _bib_key(authors, site, title) -> str:
    surname = authors[0].split()[-1] if authors and not authors[0].startswith(PLACEHOLDER_PREFIX) else "anon"
    word = next((w for w in re.findall(r"[A-Za-z]+", title or "") if w.lower() not in {"a", "an", "the", "on", "of"}), "paper")
    year = (site.get("conference") or {}).get("year", "")
    return slugify(surname).replace("-", "") + str(year) + word.lower()


def new_entry_warnings(site_root: Path, kind: str, paths: list[Path], *, bib_given: bool, track=None) -> list[str]:
    """What the build will reject about a just-written entry: a bib key missing from references.bib, an
    unknown track; each with the closest existing names."""
    warnings = []
    if kind != "paper" or not paths:
        return warnings
    meta = front_matter(paths[0])
    key = meta.get("bib")
    bib_path = site_root / "content" / "references.bib"
    if isinstance(key, str):
        keys = _bib_keys(bib_path)
        if key not in keys:
            close = difflib.get_close_matches(key, sorted(keys), n=3, cutoff=0.7)
            what = f"--bib {key}" if bib_given else f"the bib key '{key}' (made from the first author, year and title)"
            hint = (f"did you mean {', '.join(repr(c) for c in close)}? " if close else "") + \
                f"add an entry '@...{{{key},' to content/references.bib" + ("" if close else " or pass --bib with an existing key")
            warnings.append(f"{what} is not in content/references.bib: the build will fail until it is\n    hint: {hint}")
    if track:
        folder = site_root / "content" / "tracks"
        tracks = sorted({p.name.split(".", 1)[0] for p in folder.glob("*.md")}) if folder.is_dir() else []
        if track not in tracks:
            close = difflib.get_close_matches(track, tracks, n=3, cutoff=0.7)
            warnings.append(f"--track {track}: there is no content/tracks/{track}.*.md\n    hint: "
                            + (f"did you mean {', '.join(repr(c) for c in close)}?" if close
                               else "track slugs are the file names in content/tracks/"))
    return warnings


def _bib_keys(path: Path) -> set[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    return {m.group(2) for m in BIB_KEY_RE.finditer(text) if m.group(1).lower() not in ("comment", "preamble", "string")}
