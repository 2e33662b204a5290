"""`new`: create the Markdown files of a new entry in every language, never overwriting."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

import yaml

from .load.lists import normalise_title

LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)?$")
KIND_DIRS = {"paper": "papers", "section": "sections", "track": "tracks", "talk": "talks"}


class ScaffoldError(Exception):
    pass


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].rstrip("-")


def _site(site_root: Path) -> dict:
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


def official_record(site_root: Path, site: dict, title: str | None) -> dict | None:
    rel = site.get("reference_papers")
    if not rel or not title:
        return None
    path = site_root / "content" / rel
    if not path.is_file():
        return None
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None          # `check` reports the broken file; the entry is scaffolded without its data
    wanted = normalise_title(title)
    for record in records if isinstance(records, list) else []:
        if isinstance(record, dict) and normalise_title(str(record.get("title", ""))) == wanted:
            return record
    return None


def scaffold(site_root: Path, kind: str, *, slug=None, title=None, track=None, bib=None, ptype=None, order=None) -> list[Path]:
    site = _site(site_root)
    languages = site.get("languages") or []
    if not isinstance(languages, list) or not all(isinstance(c, str) and LANG_RE.match(c) for c in languages):
        raise ScaffoldError("site.yaml's 'languages' must be a list of language codes such as [zh, en]")
    meta: dict = {"title": title or "TODO: title"}
    if kind == "paper":
        record = official_record(site_root, site, title) or {}
        if record:
            meta["title"] = record["title"]
        meta["authors"] = record.get("authors") or ["TODO: author"]
        meta["type"] = ptype or record.get("type") or "poster"
        if track:
            meta["track"] = track
        meta["bib"] = bib or _bib_key(meta["authors"], site, meta["title"])
        if record.get("url"):
            meta["url"] = record["url"]
    elif kind == "talk":
        meta["speaker"] = "TODO: speaker"
    if order is not None or kind in ("section", "talk"):
        meta["order"] = order if order is not None else 100
    slug = slug or slugify(meta["title"] if title else "")
    if not slug or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
        raise ScaffoldError("give a --slug (lowercase letters, digits and '-') or a --title to derive it from")
    folder = site_root / "content" / KIND_DIRS[kind]
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
                file.write(f"---\n{front}---\nTODO: write the {lang} text.\n")
    except FileExistsError:
        for path in written:
            path.unlink()
        raise ScaffoldError(f"{path} appeared while writing; nothing was written") from None
    return paths


def _bib_key(authors, site, title) -> str:
    surname = authors[0].split()[-1] if authors and not authors[0].startswith("TODO") else "anon"
    word = next((w for w in re.findall(r"[A-Za-z]+", title or "") if w.lower() not in {"a", "an", "the", "on", "of"}), "paper")
    year = (site.get("conference") or {}).get("year", "")
    return slugify(surname).replace("-", "") + str(year) + word.lower()
