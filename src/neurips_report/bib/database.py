"""Parse references.bib with pybtex, keeping each entry's line for error messages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pybtex.database import BibliographyData, parse_string
from pybtex.scanner import PybtexSyntaxError
from pybtex.database.input.bibtex import Parser

from ..errors import Problems
from ..load.text import read_text

ENTRY_RE = re.compile(r"^[ \t]*@(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.MULTILINE)
REQUIRED = ("title", "year")


@dataclass(frozen=True)
class BibSource:
    path: Path
    data: BibliographyData
    lines: dict          # key -> line of '@type{key,'
    sources: dict        # key -> the entry's BibTeX text as written


def load_bib(path: Path, problems: Problems) -> BibSource:
    """Parse the .bib file; duplicates, syntax errors and missing fields become problems."""
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
    try:
        data = Parser(encoding="UTF-8", wanted_entries=None).parse_string(_dedupe(text, lines, matches, starts))
    except PybtexSyntaxError as exc:
        problems.error(path, getattr(exc, "lineno", 1) or 1, f"malformed BibTeX: {exc.error_type if hasattr(exc, 'error_type') else exc}",
                       "check braces and commas around this line")
        return empty
    except Exception as exc:  # pybtex raises several error types for bad input
        problems.error(path, 1, f"malformed BibTeX: {exc}", "check braces and commas")
        return empty
    for key, entry in data.entries.items():
        line = lines.get(key, 1)
        for name in REQUIRED:
            if not entry.fields.get(name, "").strip():
                problems.error(path, line, f"entry '{key}' has no {name}", f"add {name} = {{...}} to '{key}'")
        if not entry.persons.get("author") and not entry.persons.get("editor"):
            problems.error(path, line, f"entry '{key}' has no author", f"add author = {{Last, First and ...}} to '{key}'")
        year = entry.fields.get("year", "")
        if year and not re.fullmatch(r"\d{4}", year.strip()):
            problems.error(path, line, f"entry '{key}' has year '{year}'", "write a four-digit year")
    return BibSource(path, data, lines, sources)


def _line_numbers(text: str, offsets: list[int]) -> list[int]:
    """1-based line of each (ascending) offset, in one pass."""
    result, line, pos = [], 1, 0
    for offset in offsets:
        line += text.count("\n", pos, offset)
        pos = offset
        result.append(line)
    return result


def _dedupe(text: str, lines: dict, matches, starts) -> str:
    """Blank out duplicate entries so pybtex can parse the rest."""
    kept = set(lines.values())
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


__all__ = ["BibSource", "load_bib", "parse_string"]
