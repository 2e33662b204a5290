"""`import`: read a conference's official paper list (papercopilot JSON, BibTeX, CSV), keep the accepted papers,
and write them as the site's official list with a provenance record beside it."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..bib.exports import plain
from ..engine.write import replace_file
from ..load.lists import normalise_title

DEFAULT_LIST = "data/accepted-papers.json"
EXPECTED = ("papercopilot paperlists JSON (a list of records with 'title', 'author' and 'status'), "
            "BibTeX (@inproceedings{key, title = ..., author = ...}), "
            "or CSV with a header row naming at least 'title' (title, authors, type, url)")
# a source status, lower-cased with 'accept'/'accepted' and brackets removed -> the site's type
STATUS_TYPES = {
    "oral": "oral", "long oral": "oral", "talk": "oral", "contributed talk": "oral", "notable top 5": "oral",
    "award candidate": "oral", "best paper": "oral",
    "spotlight": "spotlight", "highlight": "spotlight", "notable top 25": "spotlight", "short oral": "spotlight",
    "poster": "poster", "": "poster", "paper": "poster", "conference": "poster",     # '' is a bare 'Accept' 
}
DROPPED_STATUSES = {"reject", "rejected", "desk reject", "desk rejected", "withdraw", "withdrawn", "active",
                    "under review", "submitted"}
MAIN_TRACKS = {"", "main", "main track", "conference", "main conference", "proceedings"}
BIB_ENTRY_RE = re.compile(r"^[ \t]*@(\w+)\s*[{(]\s*([^,\s]*)\s*,", re.MULTILINE)
NOT_PAPERS = {"proceedings", "book", "collection"}     # a DBLP export's volume entry, with editors only
DBLP_HOMONYM_RE = re.compile(r"\s+\d{4}$")          # DBLP's 'Wei Wang 0001'


class ImportFailed(Exception):
    """The file cannot be imported; nothing was written."""


@dataclass
class Imported:
    format: str
    records: list = field(default_factory=list)          # kept, in the source's order
    dropped: dict = field(default_factory=dict)          # status -> count
    problems: list = field(default_factory=list)         # (line, message, hint): bad rows, duplicates, conflicts
    seen: dict = field(default_factory=dict)             # normalised title -> (position, line, index in records)
    mapping: dict = field(default_factory=dict)          # source status/track -> site type
    total: int = 0

    def report(self, where: tuple, message: str, hint: str = "") -> None:
        self.problems.append((where[1], f"record {where[0]}: {message}", hint))

    def by_type(self) -> dict:
        return dict(sorted(Counter(record.get("type") or "(none)" for record in self.records).items()))


def read_source(path: Path) -> Imported:
    """Parse `path`, detecting its format by content."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ImportFailed(f"{path}: cannot read it ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ImportFailed(f"{path}: not UTF-8 text; import reads {EXPECTED}") from None
    stripped = text.lstrip()
    if stripped[:1] in ("[", "{"):
        return _from_papercopilot(path, text)
    if BIB_ENTRY_RE.search(text):
        return _from_bibtex(text)
    rows = _csv_rows(text)
    if rows is not None:
        return _from_csv(rows)
    raise ImportFailed(f"{path}: none of the formats import reads\n    hint: give {EXPECTED}; nothing was written")


# -- the formats -----------------------------------------------------------------------------------------
def _from_papercopilot(path: Path, text: str) -> Imported:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}; nothing was written") from None
    if not isinstance(data, list) or not all(isinstance(r, dict) and "title" in r for r in data):
        raise ImportFailed(f"{path}: JSON, but not a list of paper records with a 'title'\n    hint: give {EXPECTED}; "
                           "nothing was written")
    result = Imported("papercopilot JSON")
    for (position, line), raw in zip(_json_item_lines(text), data):
        authors = raw.get("author", raw.get("authors", ""))
        if isinstance(authors, str):
            authors = _split_names(authors, ";" if ";" in authors else ",")
        url = raw.get("site") or raw.get("url") or ""
        _add(result, (position, line), raw.get("title"), authors, str(raw.get("status", "")),
             str(raw.get("track", "") or ""), url)
    return result


def _json_item_lines(text: str):
    """(position, line) of each item of a top-level JSON array."""
    decoder = json.JSONDecoder()
    index = text.index("[") + 1
    position = 0
    while True:
        while index < len(text) and text[index] in " \t\r\n,":
            index += 1
        if index >= len(text) or text[index] == "]":
            return
        position += 1
        yield position, text.count("\n", 0, index) + 1
        index = decoder.raw_decode(text, index)[1]


def _from_bibtex(text: str) -> Imported:
    from pybtex.database import parse_string
    from pybtex.scanner import PybtexError
    result = Imported("BibTeX")
    matches = [m for m in BIB_ENTRY_RE.finditer(text) if m.group(1).lower() not in ("comment", "preamble", "string")]
    for position, match in enumerate(matches, 1):
        end = matches[position].start() if position < len(matches) else len(text)
        line = text.count("\n", 0, match.start()) + 1
        try:
            entries = parse_string(text[match.start():end], "bibtex").entries
        except PybtexError as exc:
            result.total += 1
            result.report((position, line), f"cannot be parsed ({exc}); skipped")
            continue
        for entry in entries.values():
            if entry.type.lower() in NOT_PAPERS and not entry.persons.get("author"):
                result.dropped[f"@{entry.type.lower()}"] = result.dropped.get(f"@{entry.type.lower()}", 0) + 1
                continue
            authors = [plain(" ".join(p.first_names + p.middle_names + p.prelast_names + p.last_names + p.lineage_names))
                       for p in entry.persons.get("author", [])]
            authors = [DBLP_HOMONYM_RE.sub("", a) for a in authors]
            url = entry.fields.get("url", "") or (f"https://doi.org/{entry.fields['doi']}" if entry.fields.get("doi") else "")
            _add(result, (position, line), plain(entry.fields.get("title", "")), authors, "", "", url,
                 typed=False)
    return result


def _csv_rows(text: str) -> list | None:
    """The rows of a CSV (or tab-separated) table whose header names a 'title' column, else None. The separator is
    the header's, so that the ';' between authors is never taken for one."""
    header = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in header else "," if "," in header else ";"
    try:
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
        rows = list(reader)
    except csv.Error:
        return None
    if "title" not in [(h or "").strip().lower() for h in reader.fieldnames or []]:
        return None
    return [{(k or "").strip().lower(): v.strip() if isinstance(v, str) else "" for k, v in row.items()} for row in rows]


def _from_csv(rows: list) -> Imported:
    result = Imported("CSV")
    for position, row in enumerate(rows, 2):                 # the header is row 1
        status = row.get("status", "")
        kind = row.get("type", "")
        _add(result, (position - 1, position), row.get("title"), _split_names(row.get("authors", ""), ";"),
             status if status else kind, row.get("track", ""), row.get("url", ""), typed=bool(status or kind))
    return result


# -- one record ------------------------------------------------------------------------------------------
def _add(result: Imported, where: tuple, title, authors, status: str, track: str, url: str, typed: bool = True) -> None:
    """Keep, drop or report one source record; `where` is (position, line) in the source."""
    result.total += 1
    if not isinstance(title, str) or not title.strip():
        return result.report(where, "has no title; skipped")
    title = " ".join(title.split())
    if not authors or not all(isinstance(a, str) and a.strip() for a in authors):
        return result.report(where, f"'{title}' has no authors; skipped", "give the authors, separated by ';'")
    folded = _status_key(status)
    if folded in DROPPED_STATUSES:
        result.dropped[status.strip()] = result.dropped.get(status.strip(), 0) + 1
        return None
    if typed and (not status.strip() or folded not in STATUS_TYPES):
        return result.report(where, f"'{title}' has an unknown status '{status}'; skipped",
                             "accepted: Oral, Spotlight, Poster (with or without 'Accept'); dropped: Reject, Withdraw; "
                             "see docs/content-format.md")
    kind = _track_type(track) or (STATUS_TYPES[folded] if typed else "")
    if typed:
        label = f"{status.strip() or '(empty)'}" + (f" in track '{track.strip()}'" if _track_type(track) else "")
        result.mapping[label] = kind
    record = {"title": title, "authors": [" ".join(a.split()) for a in authors]}
    if kind:
        record["type"] = kind
    if isinstance(url, str) and url.strip():
        record["url"] = url.strip()
    key = normalise_title(title)
    if key in result.seen:
        first, other = result.seen[key], result.records[result.seen[key][2]]
        if other == record:
            return result.report(where, f"'{title}' repeats record {first[0]} (line {first[1]}); kept once")
        differs = ", ".join(k for k in ("title", "authors", "type", "url") if other.get(k) != record.get(k))
        return result.report(where, f"'{title}' conflicts with record {first[0]} (line {first[1]}): {differs} differ; "
                             "the first is kept", "correct the source file and import it again")
    result.seen[key] = (*where, len(result.records))
    result.records.append(record)
    return None


def _status_key(status: str) -> str:
    text = re.sub(r"[()\[\]%:_-]", " ", status.casefold())
    text = re.sub(r"\baccept(ed)?\b", " ", text)
    return " ".join(text.split())


def _track_type(track: str) -> str:
    """A workshop or other separate track keeps its own type (its name in kebab-case); the main track none."""
    name = " ".join(str(track).casefold().split())
    if name in MAIN_TRACKS:
        return ""
    return re.sub(r"[^a-z0-9]+", "-", name).strip("-")


def _split_names(text: str, separator: str) -> list[str]:
    return [" ".join(name.split()) for name in text.split(separator) if name.strip()]


# -- writing ---------------------------------------------------------------------------------------------
def provenance_path(list_path: Path) -> Path:
    return list_path.with_name(list_path.stem + ".source.json")


def write_list(imported: Imported, source: Path, list_path: Path, today: dt.date | None = None) -> Path:
    """Write the list and its provenance record; returns the provenance path."""
    text = json.dumps(imported.records, indent=1, ensure_ascii=False) + "\n"
    record = {
        "source": source.name,
        "sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
        "format": imported.format,
        "imported": (today or _today()).isoformat(),
        "records": imported.total,
        "kept": len(imported.records),
        "dropped": dict(sorted(imported.dropped.items())),
        "skipped": len(imported.problems),
        "by_type": imported.by_type(),
        "type_mapping": dict(sorted(imported.mapping.items())),
        "notes": [f"line {line}: {message}" for line, message, _hint in imported.problems],
    }
    prov = provenance_path(list_path)
    replace_file(list_path, text.encode("utf-8"))
    replace_file(prov, (json.dumps(record, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    return prov


def _today() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else dt.datetime.now(dt.timezone.utc).date()


def summary(imported: Imported) -> list[str]:
    """What the import found, for the terminal."""
    dropped = sum(imported.dropped.values())
    lines = [f"read {imported.total} records ({imported.format}): kept {len(imported.records)}, dropped {dropped}"
             + (" (" + ", ".join(f"{s or '(empty)'}: {n}" for s, n in sorted(imported.dropped.items())) + ")" if dropped else "")
             + (f", skipped {len(imported.problems)}" if imported.problems else "")]
    lines.append("by type: " + ", ".join(f"{t} {n}" for t, n in imported.by_type().items()))
    if imported.mapping:
        lines.append("types: " + "; ".join(f"{s} -> {t}" for s, t in sorted(imported.mapping.items())))
    return lines


# -- into a site -----------------------------------------------------------------------------------------
def import_into_site(site_root: Path, source: Path, force: bool = False) -> tuple[Imported, Path, Path, list[str]]:
    """Read `source` and write it as the site's official list (site.yaml's reference_papers, else
    data/accepted-papers.json, then named in site.yaml). Returns (imported, list, provenance, notes)."""
    from .scaffold import site_settings
    site = site_settings(site_root)
    rel = site.get("reference_papers") or DEFAULT_LIST
    content = site_root / "content"
    list_path = content / rel
    if list_path.exists() and not provenance_path(list_path).exists() and not force:
        raise ImportFailed(f"{list_path} exists and was not written by import (it has no "
                           f"{provenance_path(list_path).name}); nothing was written\n"
                           "    hint: pass --force to replace it, after keeping its own provenance elsewhere")
    imported = read_source(source)
    if not imported.records:
        raise ImportFailed(f"{source}: no accepted paper in {imported.total} records; nothing was written")
    notes = [f"replaced {list_path}"] if list_path.exists() else []
    prov = write_list(imported, source, list_path)
    if not site.get("reference_papers"):
        site_yaml = content / "site.yaml"
        text = site_yaml.read_text(encoding="utf-8")
        site_yaml.write_text(text + ("" if text.endswith("\n") else "\n")
                             + f"reference_papers: {rel}   # written by `import`\n", encoding="utf-8")
        notes.append(f"added reference_papers: {rel} to {site_yaml}")
    notes += _papers_not_in(site_root, imported.records)
    return imported, list_path, prov, notes


def _papers_not_in(site_root: Path, records: list) -> list[str]:
    """A note for each paper page whose title the new list does not have (`check` reports them)."""
    from .paper_lookup import front_matter
    titles = {normalise_title(r["title"]) for r in records}
    notes, seen = [], set()
    for path in sorted((site_root / "content" / "papers").glob("*.md")):
        slug = path.name.split(".", 1)[0]
        title = front_matter(path).get("title")
        if slug not in seen and isinstance(title, str) and normalise_title(title) not in titles:
            seen.add(slug)
            notes.append(f"note: content/papers/{slug}.*.md ('{title}') is not in the list: `check` reports it "
                         "until it is removed or renamed to an accepted paper")
    return notes
