"""Parse references.bib with pybtex, keeping each entry's line for error messages."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from pybtex.database import BibliographyData, Entry, Person, parse_string
from pybtex.scanner import PybtexSyntaxError
from pybtex.database.input.bibtex import Parser

from ..core.cache import digest
from ..core.workers import fork_map
from ..model.problems import Problems
from ..load.text import read_text
from ..model.schema import URL_RE
from .entry import people

ENTRY_RE = re.compile(r"^[ \t]*@(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.MULTILINE)
REQUIRED = ("title", "year")
TYPE_REQUIRED = {"inproceedings": ("booktitle",), "article": ("journal",)}   # the styles print these
UNSAFE_URL_CHARS = re.compile(r"[\s\"'<>`\\]")
DOI_RE = re.compile(r"^10\.\d{4,9}/[^\s\"'<>`\\]+$")


@dataclass(frozen=True)
class BibSource:
    path: Path
    data: BibliographyData
    lines: dict          # key -> line of '@type{key,'
    sources: dict        # key -> the entry's BibTeX text as written


def load_bib(path: Path, problems: Problems, store=None) -> BibSource:
    """Parse the .bib file; duplicates, syntax errors and missing fields become problems. With `store`
    (a cache.Store), a text parsed by an earlier build is rebuilt from its cached parse."""
    empty = BibSource(path, BibliographyData(), {}, {})
    if not path.is_file():
        return empty
    text = read_text(path, problems)
    if text is None:
        return empty
    lines, sources, seen_folded = {}, {}, {}
    matches = [m for m in ENTRY_RE.finditer(text) if m.group(1).lower() not in ("comment", "preamble", "string")]
    starts = _line_numbers(text, [m.start() for m in matches])
    for i, match in enumerate(matches):
        key, line = match.group(2), starts[i]
        folded = key.casefold()
        if folded in seen_folded:
            problems.error(path, line, f"duplicate bibliography key '{key}'",
                           f"'{seen_folded[folded][0]}' is already defined on line {seen_folded[folded][1]}")
            continue
        seen_folded[folded] = (key, line)
        lines[key] = line
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        sources[key] = text[match.start():end].strip()
    # an entry that cannot be parsed is reported at its line and left out (its key marked broken, so that
    # citing it is not an error too); the other entries are still read
    dropped = set()
    for key in lines:
        brace = _unclosed_brace(sources[key], lines[key])
        if brace:
            problems.error(path, brace, f"malformed BibTeX: a '{{' in entry '{key}' is not closed",
                           "add the missing '}'; every field is written name = {value},")
            dropped.add(key)
    data = None
    for _attempt in range(len(lines) + 1):
        try:
            data = _parse(_dedupe(text, lines, matches, starts, dropped), store)
            break
        except PybtexSyntaxError as exc:
            key = _entry_at(lines, exc.lineno or 0, dropped)
            detail = _syntax_detail(exc)
            if key is None:
                problems.unreadable(path, exc.lineno or 1, f"malformed BibTeX: {detail}", "check braces and commas around this line")
                break
            where = f" (line {exc.lineno})" if exc.lineno and exc.lineno != lines[key] else ""
            problems.error(path, lines[key], f"malformed BibTeX in entry '{key}': {detail}{where}",
                           "check the braces, '=' signs and commas of this entry")
            dropped.add(key)
        except Exception as exc:  # pybtex raises several error types for bad input
            problems.unreadable(path, 1, f"malformed BibTeX: {exc}", "check braces and commas")
            break
    for key in dropped:
        problems.mark_broken("bib", key)
    if data is None:
        for key in lines:
            problems.mark_broken("bib", key)
        return empty
    for key in lines:
        if key not in data.entries and key not in dropped:
            problems.error(path, lines[key], f"malformed BibTeX: entry '{key}' could not be read",
                           "check the braces and commas of this entry and the one before it")
            problems.mark_broken("bib", key)
    for key, entry in data.entries.items():
        line = lines.get(key, 1)
        for name in REQUIRED + TYPE_REQUIRED.get(entry.type.lower(), ()):
            if not entry.fields.get(name, "").strip():
                problems.error(path, line, f"entry '{key}' has no {name}", f"add {name} = {{...}} to '{key}'")
        if not people(entry):
            problems.error(path, line, f"entry '{key}' has no author", f"add author = {{Last, First and ...}} to '{key}'")
        year = entry.fields.get("year", "")
        if year and not re.fullmatch(r"\d{4}", year.strip()):
            problems.error(path, line, f"entry '{key}' has year '{year}'", "write a four-digit year")
        url, doi = entry.fields.get("url", ""), entry.fields.get("doi", "")
        if url and not (URL_RE.match(url) and not UNSAFE_URL_CHARS.search(url)):
            problems.error(path, line, f"entry '{key}' has url '{url}'",   # it becomes a link on the pages
                           "write an http(s) URL without spaces, quotes or angle brackets")
        if doi and not DOI_RE.match(doi):
            problems.error(path, line, f"entry '{key}' has doi '{doi}'", "write the DOI itself, e.g. 10.1000/xyz123")
    return BibSource(path, data, lines, sources)


def _parse(text: str, store) -> BibliographyData:
    """pybtex's parse of `text`; with `store`, each entry's parse is cached by the entry's text (an edit
    parses that entry again, not the file), or the whole file's when entries depend on one another
    (@string, @preamble, @comment, crossref) or an entry does not parse alone."""
    if store is not None and not COMMAND_RE.search(text):
        items = _parse_entries(text, store)
        if items is not None:
            return _from_json(items)
    key = digest("bib", text) if store is not None else ""
    cached = store.get(key) if store is not None else None
    if isinstance(cached, list):
        try:
            return _from_json(cached)
        except (TypeError, ValueError, KeyError, IndexError):
            pass
    data = Parser(encoding="UTF-8", wanted_entries=None).parse_string(text)
    if store is not None and _plain(data):
        items = _cached_items(data)
        store.put(key, items)
        data = _from_json(items)
    return data


COMMAND_RE = re.compile(r"@\s*(string|preamble|comment)\b", re.IGNORECASE)


def _parse_entries(text: str, store) -> list | None:
    """The JSON items of every entry of `text`, each parsed alone (those the store does not have spread
    over the CPU cores) or taken from the store; None if one does not parse alone or is not plain data
    (the whole file is then parsed at once)."""
    starts = [m.start() for m in ENTRY_RE.finditer(text)]
    chunks = [text[start:starts[i + 1] if i + 1 < len(starts) else len(text)] for i, start in enumerate(starts)]
    keys = [digest("bib-entry", chunk) for chunk in chunks]
    found = [store.get(key) for key in keys]
    missing = [i for i, cached in enumerate(found) if not isinstance(cached, list)]
    for i, parsed in zip(missing, fork_map(_parse_alone, [chunks[i] for i in missing])):
        if parsed is None:
            return None
        found[i] = parsed
        store.put(keys[i], parsed)
    return [item for cached in found for item in cached]


def _parse_alone(chunk: str) -> list | None:
    """The cache's JSON items of one entry's text; None if it does not parse alone or is not plain data."""
    try:
        data = Parser(encoding="UTF-8", wanted_entries=None).parse_string(chunk)
    except Exception:  # noqa: BLE001  (reported with its line by the parse of the whole file)
        return None
    return _cached_items(data) if _plain(data) else None


def _cached_items(data: BibliographyData) -> list:
    """The cache's JSON items of `data`, built back from JSON now as in the next build, so that the pages'
    fingerprints (pickles of their context, where shared strings count) are the same in both."""
    return json.loads(json.dumps(_to_json(data), ensure_ascii=False))


NAME_PARTS = ("first_names", "middle_names", "prelast_names", "last_names", "lineage_names")


def _plain(data: BibliographyData) -> bool:
    """Everything in `data` is in its entries (no preamble, crossrefs or citations): only then is it cached."""
    return not data.preamble_list and not data.crossref_count and not data.citations and \
        data.wanted_entries is None and all("crossref" not in e.fields for e in data.entries.values())


def _to_json(data: BibliographyData) -> list:
    return [[key, entry.original_type, list(entry.fields.items()),
             [[role, [[getattr(p, part) for part in NAME_PARTS] for p in persons]] for role, persons in entry.persons.items()]]
            for key, entry in data.entries.items()]


def _from_json(items: list) -> BibliographyData:
    """The BibliographyData that pybtex's parser made from the same text (see _to_json)."""
    data = BibliographyData()
    for key, original_type, fields, persons in items:
        entry = Entry(original_type, fields=[(name, value) for name, value in fields])
        for role, names in persons:
            entry.persons[role] = [_person(parts) for parts in names]
        data.add_entry(key, entry)
    return data


def _person(parts: list) -> Person:
    person = Person.__new__(Person)             # Person() would split five empty strings
    for name, value in zip(NAME_PARTS, parts, strict=True):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("bad cached name")
        setattr(person, name, list(value))
    return person


FIELD_START_RE = re.compile(r"^\s*[A-Za-z][\w-]*\s*=")
BRACE_TOKEN_RE = re.compile(r"\\.?|[{}]")


def _unclosed_brace(source: str, first_line: int) -> int | None:
    """Line of a '{' that an entry (its text from '@type{key,' to the next entry) never closes."""
    if not re.match(r"@\w+\s*\{", source):
        return None          # @type(key, ...) entries delimit with parentheses; pybtex checks them
    opened: list[int] = []
    for number, row in enumerate(source.split("\n"), first_line):
        if len(opened) >= 2 and FIELD_START_RE.match(row):
            return opened[1]     # a new field starts while the previous value is still open
        for char in BRACE_TOKEN_RE.findall(row):       # braces, and backslash pairs that escape one
            if char == "{":
                opened.append(number)
            elif char == "}":
                if not opened:
                    return number
                opened.pop()
                if not opened:
                    return None  # the entry is closed; what follows is text between entries
    return opened[-1] if opened else None


def _line_numbers(text: str, offsets: list[int]) -> list[int]:
    """1-based line of each (ascending) offset, in one pass."""
    result, line, pos = [], 1, 0
    for offset in offsets:
        line += text.count("\n", pos, offset)
        pos = offset
        result.append(line)
    return result


def _dedupe(text: str, lines: dict, matches, starts, dropped=frozenset()) -> str:
    """Blank out duplicate entries, and those in `dropped`, so pybtex can parse the rest (lines stay put)."""
    kept = {line for key, line in lines.items() if key not in dropped}
    out, last = [], 0
    for i, match in enumerate(matches):
        if starts[i] in kept:
            continue
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        out.append(text[last:match.start()])
        out.append("\n" * text.count("\n", match.start(), end))
        last = end
    out.append(text[last:])
    return "".join(out)


def _entry_at(lines: dict, line: int, dropped) -> str | None:
    """The entry whose text holds `line` (the last one starting at or before it), if not dropped already."""
    best = None
    for key, start in lines.items():
        if start <= line and (best is None or start > lines[best]):
            best = key
    return best if best is not None and best not in dropped else None


def _syntax_detail(exc: PybtexSyntaxError) -> str:
    if exc.error_type == "undefined string" and exc.args:
        return f"'{exc.args[0]}' is not a value in braces or quotes"
    return exc.args[0] if exc.args else exc.error_type


__all__ = ["BibSource", "load_bib", "parse_string"]
