"""`new paper` and the official list: find a title's record, suggest close titles, refuse a second entry for
the same paper, and write the record's BibTeX entry."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

from ..load.frontmatter import load_markdown
from ..load.lists import normalise_title
from ..model.problems import Problems


class LookupRefused(Exception):
    """`new paper` must not go on; the message says why and what to do."""


def official_records(site_root: Path, site: dict) -> list[dict] | None:
    """The site's official list, or None when it names none (or it cannot be read: `check` reports that)."""
    rel = site.get("reference_papers")
    if not rel or not isinstance(rel, str):
        return None
    try:
        records = json.loads((site_root / "content" / rel).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return [r for r in records if isinstance(r, dict) and isinstance(r.get("title"), str)] if isinstance(records, list) else None


def find_record(records: list[dict], title: str, force: bool) -> dict | None:
    """The record of `title`; a title not in the list is refused (with close titles) unless `force`."""
    wanted = normalise_title(title)
    for record in records:
        if normalise_title(record["title"]) == wanted:
            return record
    if force:
        return None
    by_key = {normalise_title(r["title"]): r["title"] for r in records}
    close = difflib.get_close_matches(wanted, list(by_key), n=3, cutoff=0.8)
    hint = ("did you mean " + " or ".join(f'"{by_key[c]}"' for c in close) + "? " if close else "") + \
        "pass --force to add a paper that is not in the official list"
    raise LookupRefused(f"'{title}' is not in the official list of accepted papers ({len(records)} papers); "
                        f"nothing was written\n    hint: {hint}")


def entries_for(site_root: Path, title: str) -> list[Path]:
    """The paper files whose title is `title` (any language)."""
    wanted = normalise_title(title)
    folder = site_root / "content" / "papers"
    found = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        meta = front_matter(path)
        if isinstance(meta.get("title"), str) and normalise_title(meta["title"]) == wanted:
            found.append(path)
    return found


def refuse_second_entry(site_root: Path, title: str) -> None:
    existing = entries_for(site_root, title) if title.strip() else []
    if existing:
        raise LookupRefused(f"'{title}' already has an entry: {', '.join(str(p) for p in existing)}; nothing was written\n"
                            "    hint: edit those files, or give another title")


def bib_entry(key: str, record: dict, site: dict) -> str:
    """A BibTeX entry for an official record (title, authors, the conference, year, url)."""
    conference = site.get("conference") or {}
    fields = [("title", "{" + _escape(record["title"]) + "}"),
              ("author", " and ".join(_escape(a) for a in record.get("authors", []))),
              ("booktitle", _escape(str(conference.get("short") or ""))),
              ("year", str(conference.get("year", "")))]
    if record.get("url"):
        fields.append(("url", record["url"]))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@inproceedings{{{key},\n{body}\n}}\n"


def append_bib_entry(bib_path: Path, entry: str) -> None:
    """Add `entry` at the end of the file, after one blank line."""
    text = bib_path.read_text(encoding="utf-8") if bib_path.exists() else ""
    newlines = len(text) - len(text.rstrip("\n"))
    with open(bib_path, "a", encoding="utf-8") as file:
        file.write("\n" * max(0, 2 - newlines) if text else "")
        file.write(entry)


def _escape(text: str) -> str:
    return text.replace("&", r"\&").replace("%", r"\%").replace("#", r"\#")


def front_matter(path: Path) -> dict:
    """A Markdown file's fields as the build reads them (load/frontmatter.py: BOM, CRLF and all), or {} when
    it cannot be read (`check` reports that)."""
    source = load_markdown(path, Problems(path.parent))
    return dict(source.meta) if source is not None else {}
