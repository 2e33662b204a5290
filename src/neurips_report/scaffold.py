"""`new`: create the Markdown files of a new entry in every language, never overwriting."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import yaml

from .load.lists import normalise_title

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
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}


def official_record(site_root: Path, site: dict, title: str | None) -> dict | None:
    rel = site.get("reference_papers")
    if not rel or not title:
        return None
    path = site_root / "content" / rel
    if not path.is_file():
        return None
    wanted = normalise_title(title)
    for record in json.loads(path.read_text(encoding="utf-8")):
        if normalise_title(record.get("title", "")) == wanted:
            return record
    return None


def scaffold(site_root: Path, kind: str, *, slug=None, title=None, track=None, bib=None, ptype=None, order=None) -> list[Path]:
    site = _site(site_root)
    languages = site.get("languages") or []
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
    existing = [p for p in paths if p.exists()]
    if existing:
        raise ScaffoldError(f"{existing[0]} already exists; nothing was written")
    folder.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    for path, lang in zip(paths, languages):
        path.write_text(f"---\n{front}---\nTODO: write the {lang} text.\n", encoding="utf-8")
    return paths


def _bib_key(authors, site, title) -> str:
    surname = authors[0].split()[-1] if authors and not authors[0].startswith("TODO") else "anon"
    word = next((w for w in re.findall(r"[A-Za-z]+", title or "") if w.lower() not in {"a", "an", "the", "on", "of"}), "paper")
    year = (site.get("conference") or {}).get("year", "")
    return slugify(surname).replace("-", "") + str(year) + word.lower()
