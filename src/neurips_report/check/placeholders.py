"""Text that is still a placeholder: TODO, TBD, lorem ipsum, or what `new` writes into a fresh entry.

Reported as warnings (the site builds while an editor works on it); `check --strict` fails on them."""

from __future__ import annotations

import re

from .scope import in_scope

PLACEHOLDER_PREFIX = "TODO: "              # what `new` writes where the editor must write
PLACEHOLDER_BODY = "TODO: write the {lang} text."
PLACEHOLDER_BODY_RE = re.compile(re.escape(PLACEHOLDER_BODY).replace(re.escape("{lang}"), r"\S+"))
PLACEHOLDER_RE = re.compile(r"\b(TODO|TBD|FIXME)\b|lorem ipsum", re.IGNORECASE)
FENCE_RE = re.compile(r"^\s*(```|~~~)")
TEXT_FIELDS = ("title", "summary", "authors", "speaker", "affiliation", "award")


def check_placeholders(content, bibliography, problems, scope=None) -> None:
    for kind, entries in content.entries.items():
        for entry in entries.values():
            if not in_scope(scope, kind, entry.slug):
                continue
            for version in entry.versions.values():
                _check_meta(version, problems)
                _check_body(version, problems)


def _check_meta(version, problems) -> None:
    for name in TEXT_FIELDS:
        value = version.meta.get(name)
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and (text.startswith(PLACEHOLDER_PREFIX) or _found(text)):
                problems.warning(version.path, version.line_of(name), f"'{name}' is still a placeholder: {text!r}",
                                 f"write the real {name} (check --strict fails on placeholders)")
                break


def _check_body(version, problems) -> None:
    if not version.body.strip():
        return
    if PLACEHOLDER_BODY_RE.fullmatch(version.body.strip()):
        problems.warning(version.path, version.body_line, "the text is still the placeholder written by 'new'",
                         "write the summary below the front matter (check --strict fails on placeholders)")
        return
    fenced = False
    for number, row in enumerate(version.body.split("\n"), version.body_line):
        if FENCE_RE.match(row):
            fenced = not fenced
            continue
        found = None if fenced else _found(row)
        if found:
            problems.warning(version.path, number, f"placeholder text '{found}' in the text",
                             "replace it with the real text (check --strict fails on placeholders)")
            return          # one per file is enough to find it


def _found(text: str) -> str | None:
    match = PLACEHOLDER_RE.search(text)
    return match.group(0) if match else None
