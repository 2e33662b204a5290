"""Which front-matter fields each kind of entry takes, and how each is checked."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .kinds import PAPER_TYPES
from .problems import did_you_mean

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str                 # str, int, bool, str_list, slug, url, date, choice
    required: bool = False
    shared: bool = True       # language-neutral (must agree between versions)
    choices: tuple = ()


FIELDS: dict[str, tuple[Field, ...]] = {          # kind folder (kinds.py) -> its front-matter fields
    "sections": (
        Field("title", "str", True, shared=False),
        Field("summary", "str", shared=False),
        Field("order", "int", True),
        Field("charts", "str_list"),
        Field("lists", "choice", choices=("talks", "tracks", "awards", "untracked")),
        Field("updated", "date", shared=False),
    ),
    "talks": (
        Field("title", "str", True, shared=False),
        Field("affiliation", "str", shared=False),
        Field("speaker", "str", True),
        Field("order", "int", True),
        Field("described", "bool"),
        Field("url", "url"),
        Field("updated", "date", shared=False),
    ),
    "tracks": (
        Field("title", "str", True, shared=False),
        Field("number", "int"),
        Field("order", "int"),
        Field("updated", "date", shared=False),
    ),
    "papers": (
        Field("title", "str", True, shared=False),
        Field("authors", "str_list", True),
        Field("type", "choice", True, choices=PAPER_TYPES),
        Field("track", "slug"),
        Field("bib", "str"),
        Field("url", "url"),
        Field("award", "str"),
        Field("order", "int"),
        Field("updated", "date", shared=False),
    ),
}

def check_value(spec: Field, value) -> str:
    """Return an error message for a bad value, or '' when it is fine."""
    kind = spec.kind
    if kind in ("str", "slug", "url", "choice"):
        if not isinstance(value, str) or not value.strip():
            return f"'{spec.name}' must be a non-empty text, not {_describe(value)}"
        if kind == "slug" and not SLUG_RE.match(value):
            return f"'{spec.name}' must be a slug (lowercase letters, digits and '-'), not '{value}'"
        if kind == "url" and not URL_RE.match(value):
            return f"'{spec.name}' must be an http(s) URL, not '{value}'"
        if kind == "choice" and value not in spec.choices:
            return f"'{spec.name}' must be one of {', '.join(spec.choices)}, not '{value}'"
    elif kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return f"'{spec.name}' must be a whole number, not {_describe(value)}"
        if value < 0:
            return f"'{spec.name}' must not be negative"
    elif kind == "bool":
        if not isinstance(value, bool):
            return f"'{spec.name}' must be true or false, not {_describe(value)}"
    elif kind == "str_list":
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            return f"'{spec.name}' must be a list of names, e.g. [A, B], not {_describe(value)}"
    elif kind == "date":
        if not isinstance(value, dt.date):
            return f"'{spec.name}' must be a date written YYYY-MM-DD, not {_describe(value)}"
    return ""


def value_hint(spec: Field, value) -> str:
    """'did you mean' for a misspelt choice (e.g. type: postr), else ''."""
    if spec.kind == "choice" and isinstance(value, str):
        return did_you_mean(value, spec.choices)
    return ""


def unknown_field_hint(kind: str, name: str) -> str:
    names = [f.name for f in FIELDS[kind]]
    return did_you_mean(name, names) or f"known fields: {', '.join(names)}"


def _describe(value) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, str):
        return f"'{value}'"
    return f"a {type(value).__name__.replace('Mapping', 'mapping').replace('Sequence', 'list')} ({value!r})"[:120]
